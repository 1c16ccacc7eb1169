/* Unit tests of ms_address_parse(): the tables in tests/data/address/.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>
#include "test-util.h"

static void
test_valid (void)
{
	g_autoptr (GPtrArray) rows = test_read_table ("address/valid.txt", 5);

	for (guint i = 0; i < rows->len; i++) {
		char **f = g_ptr_array_index (rows, i);
		g_autoptr (GError) error = NULL;
		g_autoptr (MsAddress) a = ms_address_parse (f[0], &error);

		g_test_message ("valid: “%s”", f[0]);
		g_assert_no_error (error);
		g_assert_nonnull (a);
		g_assert_cmpstr (ms_address_get_address (a), ==, f[1]);
		g_assert_cmpstr (ms_address_get_local_part (a), ==, f[2]);
		g_assert_cmpstr (ms_address_get_domain (a), ==, f[3]);
		g_assert_cmpstr (ms_address_get_domain_unicode (a), ==, f[4]);
	}
}

static void
test_invalid (void)
{
	g_autoptr (GPtrArray) rows = test_read_table ("address/invalid.txt", 2);

	for (guint i = 0; i < rows->len; i++) {
		char **f = g_ptr_array_index (rows, i);
		g_autofree char *input = test_unescape (f[0]);
		g_autoptr (GError) error = NULL;
		g_autoptr (MsAddress) a = ms_address_parse (input, &error);

		g_test_message ("invalid: “%s”, expecting %s", f[0], f[1]);
		g_assert_null (a);
		g_assert_nonnull (error);
		g_assert_true (error->domain == MS_ERROR);
		g_assert_cmpstr (ms_error_code_name (error->code), ==, f[1]);
		/* Every refusal explains itself in a sentence, not a code. */
		g_assert_cmpuint (strlen (error->message), >, 10);
	}
}

static void
test_bad_utf8 (void)
{
	g_autoptr (GError) error = NULL;
	g_assert_null (ms_address_parse ("jean\xff@example.fr", &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_ADDRESS_BAD_UTF8);
	g_clear_error (&error);
	g_assert_null (ms_address_parse (NULL, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_ADDRESS_EMPTY);
}

static void
test_refcount (void)
{
	MsAddress *a = ms_address_parse ("a@example.org", NULL);
	g_assert_true (ms_address_ref (a) == a);
	ms_address_unref (a);
	g_assert_cmpstr (ms_address_get_domain (a), ==, "example.org");
	ms_address_unref (a);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/address/valid", test_valid);
	g_test_add_func ("/address/invalid", test_invalid);
	g_test_add_func ("/address/bad-utf8", test_bad_utf8);
	g_test_add_func ("/address/refcount", test_refcount);
	return g_test_run ();
}
