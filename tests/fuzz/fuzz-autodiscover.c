/* libFuzzer target: ms_autodiscover_parse() with its production bounds, then
 * what a front end does with the result (JSON), checking what the API
 * promises: a configuration, a redirect or an error, never two of them;
 * redirects to a valid address or an https URL; servers from Autodiscover
 * with the trust given and nothing a template or a protocol line cannot hold.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/autodiscover.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_servers (GPtrArray *servers)
{
	for (guint i = 0; i < servers->len; i++) {
		const MsServer *s = g_ptr_array_index (servers, i);
		const char *user = ms_server_get_username (s);
		g_assert (ms_server_get_source (s) == MS_SOURCE_AUTODISCOVER);
		g_assert (ms_server_get_trust (s) == MS_TRUST_LOW);
		g_assert (ms_server_get_port (s) != 0);
		g_assert (strchr (ms_server_get_hostname (s), '%') == NULL);
		if (user == NULL)
			continue;
		g_assert (*user != '\0' && strchr (user, '%') == NULL);
		for (const char *c = user; *c; c++)
			g_assert ((guchar) *c >= 0x20 && *c != 0x7f);
	}
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	g_auto (MsAutodiscoverRedirect) redirect = { 0 };
	/* A trust level no default would give, so a forgotten one shows. */
	g_autoptr (MsConfig) c = ms_autodiscover_parse ((const char *) data, size, MS_TRUST_LOW, &redirect, &error);

	if (c == NULL && error != NULL) {
		g_assert (error->domain == MS_ERROR);
		g_assert (redirect.kind == MS_AUTODISCOVER_REDIRECT_NONE && redirect.target == NULL);
		return 0;
	}
	if (c == NULL) {
		g_assert (redirect.target != NULL);
		if (redirect.kind == MS_AUTODISCOVER_REDIRECT_ADDRESS) {
			g_autoptr (MsAddress) a = ms_address_parse (redirect.target, NULL);
			g_assert (a != NULL);
			g_assert (strcmp (ms_address_get_address (a), redirect.target) == 0);
		} else {
			g_assert (redirect.kind == MS_AUTODISCOVER_REDIRECT_URL);
			g_assert (g_str_has_prefix (redirect.target, "https://"));
			g_assert (g_uri_is_valid (redirect.target, G_URI_FLAGS_ENCODED, NULL));
		}
		return 0;
	}
	g_assert (error == NULL && redirect.kind == MS_AUTODISCOVER_REDIRECT_NONE);
	g_assert (ms_config_get_incoming (c)->len + ms_config_get_outgoing (c)->len > 0);
	check_servers (ms_config_get_incoming (c));
	check_servers (ms_config_get_outgoing (c));
	g_autoptr (MsAddress) a = ms_address_parse ("fuzz@example.com", NULL);
	g_autofree char *json = ms_config_to_json (c, a, FALSE);
	g_assert (json != NULL);
	return 0;
}
