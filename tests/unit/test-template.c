/* Unit tests of placeholder templates.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>

static void
test_expand (void)
{
	g_autoptr (MsAddress) a = ms_address_parse ("Jean.D@Exemple-été.fr", NULL);
	static const struct { const char *in, *out; } cases[] = {
		{ "%EMAILADDRESS%", "Jean.D@xn--exemple-t-i4ab.fr" },
		{ "%EMAILLOCALPART%", "Jean.D" },
		{ "mail.%EMAILDOMAIN%", "mail.xn--exemple-t-i4ab.fr" },
		{ "%EMAILLOCALPART%+%EMAILDOMAIN%", "Jean.D+xn--exemple-t-i4ab.fr" },
		{ "ssl0.ovh.net", "ssl0.ovh.net" },
		{ "", "" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr (GError) error = NULL;
		g_autofree char *out = ms_template_expand (cases[i].in, a, &error);
		g_assert_no_error (error);
		g_assert_cmpstr (out, ==, cases[i].out);
		g_assert_true (ms_template_check (cases[i].in, NULL));
	}
}

static void
test_broken (void)
{
	g_autoptr (MsAddress) a = ms_address_parse ("jean@example.fr", NULL);
	static const char *broken[] = {
		"%EMAILADDRESS",       /* the office365 ISPDB defect */
		"EMAILADDRESS%",
		"%EMAILADRESS%",       /* misspelt */
		"%emailaddress%",      /* case matters in the format */
		"%REALNAME%",
		"100%",
		"%%",
	};
	for (guint i = 0; i < G_N_ELEMENTS (broken); i++) {
		g_autoptr (GError) error = NULL;
		g_test_message ("broken: %s", broken[i]);
		g_assert_false (ms_template_check (broken[i], &error));
		g_assert_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER);
		g_clear_error (&error);
		g_assert_null (ms_template_expand (broken[i], a, &error));
		g_assert_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER);
	}
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/template/expand", test_expand);
	g_test_add_func ("/template/broken", test_broken);
	return g_test_run ();
}
