/* The one reader of a `mailsetup setup --json` result (mailsetup-setup/1,
 * docs/json.md): the servers a verified setup proved, with the user names
 * that logged in. `publish --from-json` and `export --from-json` convert
 * what it reads. Outside data: every member is checked for its type and
 * range, nothing is trusted because it parsed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/setup-json.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <mailsetup/error.h>
#include <mailsetup/publish.h>
#include "core/hostname.h"
#include "core/i18n.h"
#include "formats/mail-account.h"

void
_ms_setup_json_free (MsSetupJson *s)
{
	if (s == NULL)
		return;
	g_clear_pointer (&s->address, ms_address_unref);
	g_clear_pointer (&s->incoming, ms_server_unref);
	g_clear_pointer (&s->other_incoming, ms_server_unref);
	g_clear_pointer (&s->outgoing, ms_server_unref);
	g_free (s);
}

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

/* A user name another program can be given: not empty, no control character. */
static gboolean
user_ok (const char *s)
{
	return s != NULL && *s != '\0' && _ms_export_text_ok (s);
}

/* @member of @root: absent or null leaves *@server_r NULL. */
static gboolean
read_server (JsonObject *root, const char *member, gboolean incoming, const char *fallback_user,
             MsServer **server_r, GError **error)
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
	const char *socket = member_string (o, "socket");
	JsonNode *user = json_object_get_member (o, "username");
	JsonNode *port = json_object_get_member (o, "port");
	gint64 port_value = port && JSON_NODE_HOLDS_VALUE (port) && json_node_get_value_type (port) == G_TYPE_INT64
	                    ? json_node_get_int (port) : 0;

	if (g_strcmp0 (p, "imap") == 0 && incoming)
		protocol = MS_PROTOCOL_IMAP;
	else if (g_strcmp0 (p, "pop3") == 0 && incoming)
		protocol = MS_PROTOCOL_POP3;
	else if (g_strcmp0 (p, "smtp") == 0 && !incoming)
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
	/* The name that logged in; older outputs may only have the run's. */
	const char *name = fallback_user;
	if (user && !JSON_NODE_HOLDS_NULL (user)) {
		name = member_string (o, "username");
		if (!user_ok (name))
			return malformed (error, member);
	}
	*server_r = ms_server_new (protocol, ascii, (guint16) port_value, socket_type);
	ms_server_set_username (*server_r, name);
	return TRUE;
}

MsSetupJson *
_ms_setup_json_read (const char *data, gssize length, GError **error)
{
	g_autoptr (JsonParser) parser = json_parser_new_immutable ();
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
	g_autoptr (MsSetupJson) s = g_new0 (MsSetupJson, 1);
	s->address = address_text ? ms_address_parse (address_text, NULL) : NULL;
	if (s->address == NULL) {
		malformed (error, "address");
		return NULL;
	}
	JsonNode *verified = json_object_get_member (o, "verified");
	if (verified == NULL || !JSON_NODE_HOLDS_VALUE (verified) ||
	    json_node_get_value_type (verified) != G_TYPE_BOOLEAN || !json_node_get_boolean (verified)) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("The setup of %s was not verified: no server was proven to work"),
		             ms_address_get_address (s->address));
		return NULL;
	}
	const char *run_user = member_string (o, "username");
	const char *fallback = user_ok (run_user) ? run_user : ms_address_get_address (s->address);
	if (!read_server (o, "incoming", TRUE, fallback, &s->incoming, error) ||
	    !read_server (o, "other_incoming", TRUE, fallback, &s->other_incoming, error) ||
	    !read_server (o, "outgoing", FALSE, fallback, &s->outgoing, error))
		return NULL;
	if (s->incoming == NULL || s->outgoing == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("The setup of %s holds no incoming or no outgoing server"), ms_address_get_address (s->address));
		return NULL;
	}
	return g_steal_pointer (&s);
}

MsConfig *
ms_config_from_setup_json (const char *data, gssize length, GError **error)
{
	g_autoptr (MsSetupJson) s = _ms_setup_json_read (data, length, error);
	MsServer *servers[3];

	if (s == NULL)
		return NULL;
	servers[0] = s->incoming;
	servers[1] = s->other_incoming;
	servers[2] = s->outgoing;
	MsConfig *config = ms_config_new ();
	for (guint i = 0; i < G_N_ELEMENTS (servers); i++) {
		if (servers[i] == NULL)
			continue;
		/* Published for everyone of the domain: the login as a placeholder. */
		g_autoptr (MsServer) copy = ms_server_copy (servers[i]);
		ms_server_set_username (copy, g_strcmp0 (ms_server_get_username (servers[i]),
		                                         ms_address_get_local_part (s->address)) == 0
		                              ? "%EMAILLOCALPART%" : "%EMAILADDRESS%");
		ms_config_add_server (config, copy);
	}
	ms_config_add_domain (config, ms_address_get_domain (s->address));
	return config;
}
