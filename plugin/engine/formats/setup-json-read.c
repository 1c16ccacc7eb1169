/* Reader of a `mailsetup setup --json` result (mailsetup-setup/1): the
 * servers a verified setup proved, for `mailsetup publish --from-json`.
 * Outside data: every member is checked for its type and range, nothing
 * is trusted because it parsed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/publish.h>

#include <string.h>
#include <json-glib/json-glib.h>
#include <mailsetup/error.h>
#include "core/hostname.h"
#include "core/i18n.h"

static const char *
member_string (JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member (o, name);
	return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n) : NULL;
}

static gboolean
malformed (GError **error, const char *what)
{
	g_set_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED, _("Not a mailsetup setup result: %s"), what);
	return FALSE;
}

static gboolean
add_server (MsConfig *config, JsonObject *root, const char *member, const MsAddress *address, GError **error)
{
	JsonNode *n = json_object_get_member (root, member);
	MsProtocol protocol;
	MsSocketType socket_type;

	if (n == NULL || JSON_NODE_HOLDS_NULL (n))
		return TRUE;
	if (!JSON_NODE_HOLDS_OBJECT (n))
		return malformed (error, member);
	JsonObject *o = json_node_get_object (n);
	const char *p = member_string (o, "protocol"), *host = member_string (o, "host");
	const char *socket = member_string (o, "socket"), *user = member_string (o, "username");
	JsonNode *port = json_object_get_member (o, "port");
	gint64 port_value = port && JSON_NODE_HOLDS_VALUE (port) && json_node_get_value_type (port) == G_TYPE_INT64
	                    ? json_node_get_int (port) : 0;

	if (g_strcmp0 (p, "imap") == 0)
		protocol = MS_PROTOCOL_IMAP;
	else if (g_strcmp0 (p, "pop3") == 0)
		protocol = MS_PROTOCOL_POP3;
	else if (g_strcmp0 (p, "smtp") == 0)
		protocol = MS_PROTOCOL_SMTP;
	else
		return malformed (error, member);
	/* A verified setup never holds a plain-text server. */
	if (g_strcmp0 (socket, "tls") == 0)
		socket_type = MS_SOCKET_TLS;
	else if (g_strcmp0 (socket, "starttls") == 0)
		socket_type = MS_SOCKET_STARTTLS;
	else
		return malformed (error, member);
	g_autofree char *ascii = host ? _ms_hostname_to_ascii (host, NULL) : NULL;
	if (ascii == NULL || port_value < 1 || port_value > 65535)
		return malformed (error, member);
	g_autoptr (MsServer) s = ms_server_new (protocol, ascii, (guint16) port_value, socket_type);
	ms_server_set_username (s, address && g_strcmp0 (user, ms_address_get_local_part (address)) == 0
	                        ? "%EMAILLOCALPART%" : "%EMAILADDRESS%");
	ms_config_add_server (config, s);
	return TRUE;
}

MsConfig *
ms_config_from_setup_json (const char *data, gssize length, GError **error)
{
	g_autoptr (JsonParser) parser = json_parser_new ();
	g_autoptr (GError) parse_error = NULL;
	gsize len = length < 0 ? strlen (data) : (gsize) length;

	if (len > MS_SETUP_JSON_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("The setup result is larger than %u KiB"),
		             (guint) (MS_SETUP_JSON_MAX_SIZE / 1024));
		return NULL;
	}
	if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error)) {
		malformed (error, parse_error->message);
		return NULL;
	}
	JsonNode *root = json_parser_get_root (parser);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)) {
		malformed (error, "no object");
		return NULL;
	}
	JsonObject *o = json_node_get_object (root);
	if (g_strcmp0 (member_string (o, "schema"), "mailsetup-setup/1") != 0) {
		malformed (error, "schema");
		return NULL;
	}
	const char *address_text = member_string (o, "address");
	g_autoptr (MsAddress) address = address_text ? ms_address_parse (address_text, NULL) : NULL;
	if (address == NULL) {
		malformed (error, "address");
		return NULL;
	}
	JsonNode *verified = json_object_get_member (o, "verified");
	if (verified == NULL || !JSON_NODE_HOLDS_VALUE (verified) ||
	    json_node_get_value_type (verified) != G_TYPE_BOOLEAN || !json_node_get_boolean (verified)) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("The setup of %s was not verified: nothing proven to publish"), ms_address_get_address (address));
		return NULL;
	}
	g_autoptr (MsConfig) config = ms_config_new ();
	if (!add_server (config, o, "incoming", address, error) || !add_server (config, o, "other_incoming", address, error) ||
	    !add_server (config, o, "outgoing", address, error))
		return NULL;
	if (ms_config_get_incoming (config)->len == 0 || ms_config_get_outgoing (config)->len == 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("The setup of %s holds no incoming or no outgoing server"), ms_address_get_address (address));
		return NULL;
	}
	ms_config_add_domain (config, ms_address_get_domain (address));
	return g_steal_pointer (&config);
}
