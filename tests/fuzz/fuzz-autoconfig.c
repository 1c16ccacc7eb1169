/* libFuzzer target: ms_autoconfig_parse() with its production bounds, then
 * what a front end does with the result (JSON, writing it back out).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autoconfig_parse ((const char *) data, size, MS_SOURCE_AUTOCONFIG,
	                                              MS_TRUST_HIGH, &error);
	if (c == NULL) {
		g_assert (error != NULL && error->domain == MS_ERROR);
		return 0;
	}
	g_autoptr (MsAddress) a = ms_address_parse ("fuzz@example.com", NULL);
	g_autofree char *json = ms_config_to_json (c, a, FALSE);
	g_assert (json != NULL);
	/* What we write from any accepted document reads back. */
	g_autofree char *xml = ms_autoconfig_write (c);
	g_autoptr (MsConfig) again = ms_autoconfig_parse (xml, -1, MS_SOURCE_AUTOCONFIG, MS_TRUST_HIGH, &error);
	if (again == NULL)
		g_error ("written document does not read back: %s\n%s", error->message, xml);
	g_assert (ms_config_get_incoming (again)->len == ms_config_get_incoming (c)->len);
	g_assert (ms_config_get_outgoing (again)->len == ms_config_get_outgoing (c)->len);
	return 0;
}
