/* Plain-language output of a configuration, for a person at a terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>

const char *
ms_cli_socket_words (MsSocketType t)
{
	switch (t) {
	case MS_SOCKET_TLS: return _("encrypted (TLS)");
	case MS_SOCKET_STARTTLS: return _("encrypted (STARTTLS)");
	case MS_SOCKET_PLAIN: return _("NOT ENCRYPTED");
	}
	return "";
}

static void
print_servers (const char *title, GPtrArray *servers, const MsAddress *address)
{
	if (servers->len == 0)
		return;
	printf ("%s\n", title);
	for (guint i = 0; i < servers->len; i++) {
		const MsServer *s = g_ptr_array_index (servers, i);
		g_autofree char *host = address ? ms_template_expand (ms_server_get_hostname (s), address, NULL) : NULL;
		g_autofree char *user = address && ms_server_get_username (s)
		                        ? ms_template_expand (ms_server_get_username (s), address, NULL) : NULL;
		g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
		g_autoptr (GString) auth = g_string_new (NULL);

		for (guint bit = 0; bit < 32; bit++) {
			const char *name = ms_auth_method_to_string (ms_server_get_auth (s) & (1u << bit));
			if (name)
				g_string_append_printf (auth, "%s%s", auth->len ? ", " : "", name);
		}
		printf ("  %u. %-4s %s:%u, %s\n", i + 1, protocol, host ? host : ms_server_get_hostname (s),
		        (guint) ms_server_get_port (s), ms_cli_socket_words (ms_server_get_socket_type (s)));
		printf ("     %s %s\n", _("login:"), auth->str);
		printf ("     %s %s\n", _("user name:"),
		        user ? user : ms_server_get_username (s) ? ms_server_get_username (s) : _("unknown (to be found)"));
		g_autoptr (GString) sources = g_string_new (NULL);
		for (MsSource src = MS_SOURCE_FILE; src <= MS_SOURCE_PROFILE; src++)
			if (ms_server_get_evidence (s) & (1u << src))
				g_string_append_printf (sources, "%s%s", sources->len ? ", " : "", ms_source_to_string (src));
		printf ("     %s %s\n", _("found by:"), sources->str);
		if (ms_server_get_confirmation (s))
			printf ("     %s %s\n", _("to be confirmed:"), ms_server_get_confirmation (s));
		if (!ms_server_is_secure (s))
			printf ("     %s\n", _("insecure: the password would travel unencrypted; never used unless nothing else works"));
	}
}

void
ms_cli_print_config (const MsConfig *config, const MsAddress *address)
{
	GPtrArray *domains = ms_config_get_domains (config);
	GPtrArray *notes = ms_config_get_notes (config);

	printf ("%s %s", _("Provider:"), ms_config_get_display_name (config) ? ms_config_get_display_name (config) : "?");
	if (ms_config_get_id (config))
		printf (" (%s)", ms_config_get_id (config));
	printf ("\n");
	if (domains->len > 0) {
		printf ("%s ", _("Domains:"));
		for (guint i = 0; i < MIN (domains->len, 5u); i++)
			printf ("%s%s", i ? ", " : "", (const char *) g_ptr_array_index (domains, i));
		if (domains->len > 5)
			printf (ngettext (" and %u other", " and %u others", domains->len - 5), domains->len - 5);
		printf ("\n");
	}
	print_servers (_("Incoming mail, best first:"), ms_config_get_incoming (config), address);
	print_servers (_("Outgoing mail, best first:"), ms_config_get_outgoing (config), address);
	if (ms_config_get_oauth2 (config))
		printf ("%s %s\n", _("OAuth2 sign-in at:"), ms_config_get_oauth2 (config)->auth_url
		        ? ms_config_get_oauth2 (config)->auth_url : "?");
	if (notes->len > 0) {
		printf ("%s\n", _("Notes:"));
		for (guint i = 0; i < notes->len; i++)
			printf ("  - %s\n", ((const GError *) g_ptr_array_index (notes, i))->message);
	}
}
