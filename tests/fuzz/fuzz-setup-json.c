/* libFuzzer target: ms_config_from_setup_json() (what `mailsetup publish
 * --from-json` reads) with its production bound, then everything publish
 * does with the result, checking what the API promises: a configuration
 * or an MS_ERROR, never both; only secure servers with a port and a user
 * name template; and the published autoconfig file reads back with the
 * same servers (the writers never write what the parser refuses).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_servers (GPtrArray *servers)
{
	for (guint i = 0; i < servers->len; i++) {
		const MsServer *s = g_ptr_array_index (servers, i);
		const char *user = ms_server_get_username (s);
		g_assert (ms_server_is_secure (s));
		g_assert (ms_server_get_port (s) != 0);
		g_assert (strchr (ms_server_get_hostname (s), '%') == NULL);
		g_assert (g_strcmp0 (user, "%EMAILADDRESS%") == 0 || g_strcmp0 (user, "%EMAILLOCALPART%") == 0);
	}
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_config_from_setup_json ((const char *) data, (gssize) size, &error);

	if (c == NULL) {
		g_assert (error != NULL && error->domain == MS_ERROR);
		g_assert (error->code == MS_ERROR_XML_MALFORMED || error->code == MS_ERROR_XML_TOO_LARGE ||
		          error->code == MS_ERROR_NO_USABLE_SERVER);
		return 0;
	}
	g_assert (error == NULL);
	GPtrArray *in = ms_config_get_incoming (c), *out = ms_config_get_outgoing (c);
	g_assert (in->len > 0 && out->len > 0 && ms_config_get_domains (c)->len == 1);
	check_servers (in);
	check_servers (out);

	const char *domain = g_ptr_array_index (ms_config_get_domains (c), 0);
	g_autofree char *zone = ms_srv_zone_write (c, domain, 3600);
	g_autofree char *profile = ms_mobileconfig_write (c, domain);
	g_autofree char *xml = ms_autoconfig_write (c);
	g_assert (zone != NULL && profile != NULL);
	g_autoptr (MsConfig) back = ms_autoconfig_parse (xml, -1, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);
	g_assert (back != NULL);
	g_assert (ms_config_get_incoming (back)->len == in->len && ms_config_get_outgoing (back)->len == out->len);
	return 0;
}
