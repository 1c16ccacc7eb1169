/* Writer of the autoconfig clientConfig v1.1 format: what a domain should
 * publish at autoconfig.<domain>/mail/config-v1.1.xml.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/autoconfig.h>

static const char *
socket_name (MsSocketType t)
{
	switch (t) {
	case MS_SOCKET_TLS: return "SSL";
	case MS_SOCKET_STARTTLS: return "STARTTLS";
	case MS_SOCKET_PLAIN: return "plain";
	}
	return "plain";
}

static void
append_element (GString *out, const char *indent, const char *name, const char *text)
{
	g_autofree char *escaped = g_markup_escape_text (text, -1);
	g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

static void
append_server (GString *out, const MsServer *s)
{
	gboolean outgoing = ms_server_get_protocol (s) == MS_PROTOCOL_SMTP;
	const char *element = outgoing ? "outgoingServer" : "incomingServer";
	char port[8];

	g_string_append_printf (out, "    <%s type=\"%s\">\n", element, ms_protocol_to_string (ms_server_get_protocol (s)));
	append_element (out, "      ", "hostname", ms_server_get_hostname (s));
	g_snprintf (port, sizeof port, "%u", (guint) ms_server_get_port (s));
	append_element (out, "      ", "port", port);
	append_element (out, "      ", "socketType", socket_name (ms_server_get_socket_type (s)));
	for (guint bit = 0; bit < 32; bit++) {
		const char *name = ms_auth_method_to_string (ms_server_get_auth (s) & (1u << bit));
		if (name)
			append_element (out, "      ", "authentication", name);
	}
	if (ms_server_get_username (s))
		append_element (out, "      ", "username", ms_server_get_username (s));
	g_string_append_printf (out, "    </%s>\n", element);
}

char *
ms_autoconfig_write (const MsConfig *config)
{
	GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n");
	GPtrArray *list;
	const char *id = ms_config_get_id (config);
	GPtrArray *domains = ms_config_get_domains (config);

	if (id == NULL && domains->len > 0)
		id = g_ptr_array_index (domains, 0);
	if (id) {
		g_autofree char *escaped = g_markup_escape_text (id, -1);
		g_string_append_printf (out, "  <emailProvider id=\"%s\">\n", escaped);
	} else {
		g_string_append (out, "  <emailProvider>\n");
	}
	for (guint i = 0; i < domains->len; i++)
		append_element (out, "    ", "domain", g_ptr_array_index (domains, i));
	if (ms_config_get_display_name (config))
		append_element (out, "    ", "displayName", ms_config_get_display_name (config));
	if (ms_config_get_short_name (config))
		append_element (out, "    ", "displayShortName", ms_config_get_short_name (config));
	list = ms_config_get_incoming (config);
	for (guint i = 0; i < list->len; i++)
		append_server (out, g_ptr_array_index (list, i));
	list = ms_config_get_outgoing (config);
	for (guint i = 0; i < list->len; i++)
		append_server (out, g_ptr_array_index (list, i));
	list = ms_config_get_documentation (config);
	for (guint i = 0; i < list->len; i++) {
		const MsDocumentation *d = g_ptr_array_index (list, i);
		g_autofree char *url = g_markup_escape_text (d->url, -1);
		g_string_append_printf (out, "    <documentation url=\"%s\">\n", url);
		if (d->description)
			append_element (out, "      ", "descr", d->description);
		g_string_append (out, "    </documentation>\n");
	}
	g_string_append (out, "  </emailProvider>\n");

	const MsOAuth2 *o = ms_config_get_oauth2 (config);
	if (o) {
		g_string_append (out, "  <oAuth2>\n");
		if (o->issuer) append_element (out, "    ", "issuer", o->issuer);
		if (o->scope) append_element (out, "    ", "scope", o->scope);
		if (o->auth_url) append_element (out, "    ", "authURL", o->auth_url);
		if (o->token_url) append_element (out, "    ", "tokenURL", o->token_url);
		g_string_append (out, "  </oAuth2>\n");
	}
	g_string_append (out, "</clientConfig>\n");
	return g_string_free (out, FALSE);
}
