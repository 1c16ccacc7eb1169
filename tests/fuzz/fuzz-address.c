/* libFuzzer target: ms_address_parse() on any bytes, then every accessor
 * and the template expansion a parsed address feeds.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autofree char *text = g_strndup ((const char *) data, size);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) a = ms_address_parse (text, &error);

	if (a == NULL) {
		g_assert (error != NULL && error->domain == MS_ERROR && error->message[0] != '\0');
		return 0;
	}
	/* What the parser accepts honours the RFC 5321 limits it promises. */
	g_assert (strlen (ms_address_get_address (a)) <= MS_ADDRESS_MAX_LENGTH);
	g_assert (strlen (ms_address_get_local_part (a)) <= MS_ADDRESS_MAX_LOCAL_PART);
	g_assert (strlen (ms_address_get_domain (a)) <= MS_ADDRESS_MAX_DOMAIN);
	g_assert (g_utf8_validate (ms_address_get_domain_unicode (a), -1, NULL));
	/* A normalised address parses again to itself. */
	g_autoptr (MsAddress) again = ms_address_parse (ms_address_get_address (a), NULL);
	g_assert (again != NULL);
	g_assert (strcmp (ms_address_get_address (a), ms_address_get_address (again)) == 0);
	g_autofree char *expanded = ms_template_expand ("%EMAILLOCALPART%.%EMAILDOMAIN%", a, NULL);
	g_assert (expanded != NULL);
	return 0;
}
