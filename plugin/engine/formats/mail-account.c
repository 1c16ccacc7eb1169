/* MsMailAccount: one account as another program needs it, and reading it
 * from the output of `mailsetup setup --json` (docs/json.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/error.h>
#include <mailsetup/export.h>

#include "core/hostname.h"
#include "core/i18n.h"
#include "formats/mail-account.h"

#include <json-glib/json-glib.h>
#include <string.h>

void
ms_mail_account_free (MsMailAccount *a)
{
	if (a == NULL)
		return;
	g_free (a->address);
	g_free (a->realname);
	g_clear_pointer (&a->incoming, ms_server_unref);
	g_clear_pointer (&a->outgoing, ms_server_unref);
	g_free (a->sent_folder);
	g_free (a->drafts_folder);
	g_free (a);
}

gboolean
_ms_export_text_ok (const char *s)
{
	if (s == NULL)
		return TRUE;
	if (!g_utf8_validate (s, -1, NULL))
		return FALSE;
	for (const char *p = s; *p; p++)
		if ((guchar) *p < 0x20 || *p == 0x7f)
			return FALSE;
	return TRUE;
}

MsServer *
_ms_export_server (MsProtocol protocol, const char *host, gint64 port, MsSocketType socket, const char *user,
                   GError **error)
{
	g_autofree char *ascii = host ? _ms_hostname_to_ascii (host, NULL) : NULL;

	if (ascii == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_HOSTNAME, _("“%s” is not a server name"), host ? host : "");
		return NULL;
	}
	if (port < 1 || port > 65535) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_PORT, _("the port of %s is not a number from 1 to 65535"), ascii);
		return NULL;
	}
	if (user != NULL && (*user == '\0' || !_ms_export_text_ok (user))) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("the user name for %s is empty or has control characters"),
		             ascii);
		return NULL;
	}
	MsServer *s = ms_server_new (protocol, ascii, (guint16) port, socket);
	ms_server_set_username (s, user);
	return s;
}

MsMailAccount *
ms_mail_account_from_claws (const MsClawsAccount *c, GError **error)
{
	g_return_val_if_fail (c != NULL, NULL);
	if (c->incoming == NULL || c->outgoing == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("Claws Mail's account %d is not an IMAP or POP3 account with both servers"), c->id);
		return NULL;
	}
	if (c->address == NULL || !_ms_export_text_ok (c->address) || strchr (c->address, '@') == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_NO_AT, _("Claws Mail's account %d has no valid address"),
		             c->id);
		return NULL;
	}
	g_autoptr (MsMailAccount) a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (c->address);
	a->realname = _ms_export_text_ok (c->realname) ? g_strdup (c->realname) : NULL;
	a->incoming = ms_server_copy (c->incoming);
	a->outgoing = ms_server_copy (c->outgoing);
	a->sent_folder = g_strdup (c->sent_folder);
	a->drafts_folder = g_strdup (c->drafts_folder);
	/* Claws logs in with the address when no user name is set, and sends
	 * with the incoming login when there is no SMTP one; another program
	 * must be told (and a snippet that signs in to send is the safe one). */
	if (ms_server_get_username (a->incoming) == NULL)
		ms_server_set_username (a->incoming, a->address);
	if (ms_server_get_username (a->outgoing) == NULL)
		ms_server_set_username (a->outgoing, ms_server_get_username (a->incoming));
	return g_steal_pointer (&a);
}

static const char *
member_string (JsonObject *o, const char *name)
{
	JsonNode *n = o ? json_object_get_member (o, name) : NULL;
	return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n)
	                                                                                       : NULL;
}

static MsServer *
server_from_json (JsonObject *o, gboolean incoming, GError **error)
{
	const char *protocol = member_string (o, "protocol"), *socket = member_string (o, "socket");
	JsonNode *port = json_object_get_member (o, "port");
	MsProtocol p;
	MsSocketType st;

	if (g_strcmp0 (protocol, "imap") == 0 && incoming)
		p = MS_PROTOCOL_IMAP;
	else if (g_strcmp0 (protocol, "pop3") == 0 && incoming)
		p = MS_PROTOCOL_POP3;
	else if (g_strcmp0 (protocol, "smtp") == 0 && !incoming)
		p = MS_PROTOCOL_SMTP;
	else {
		g_set_error (error, MS_ERROR, MS_ERROR_SERVER_TYPE_UNSUPPORTED, _("unexpected server protocol “%s”"),
		             protocol ? protocol : "");
		return NULL;
	}
	if (g_strcmp0 (socket, "tls") == 0)
		st = MS_SOCKET_TLS;
	else if (g_strcmp0 (socket, "starttls") == 0)
		st = MS_SOCKET_STARTTLS;
	else if (g_strcmp0 (socket, "plain") == 0)
		st = MS_SOCKET_PLAIN;
	else {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_SOCKET_TYPE, _("unexpected socket type “%s”"),
		             socket ? socket : "");
		return NULL;
	}
	if (port == NULL || !JSON_NODE_HOLDS_VALUE (port) || json_node_get_value_type (port) != G_TYPE_INT64) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_PORT, _("a server without a port"));
		return NULL;
	}
	return _ms_export_server (p, member_string (o, "host"), json_node_get_int (port), st,
	                          member_string (o, "username"), error);
}

static JsonObject *
member_object (JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member (o, name);
	return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

MsMailAccount *
ms_mail_account_from_setup_json (const char *data, gsize length, GError **error)
{
	g_autoptr (JsonParser) parser = json_parser_new_immutable ();
	g_autoptr (GError) local = NULL;

	if (length > MS_EXPORT_MAX_INPUT) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("larger than %u KiB"), MS_EXPORT_MAX_INPUT / 1024);
		return NULL;
	}
	if (!json_parser_load_from_data (parser, data, (gssize) length, &local)) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("not JSON: %s"), local->message);
		return NULL;
	}
	JsonNode *root = json_parser_get_root (parser);
	JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
	if (g_strcmp0 (member_string (o, "schema"), "mailsetup-setup/1") != 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("not the output of “mailsetup setup --json” (schema mailsetup-setup/1)"));
		return NULL;
	}
	JsonNode *verified = json_object_get_member (o, "verified");
	JsonObject *in = member_object (o, "incoming"), *out = member_object (o, "outgoing");
	if (verified == NULL || !JSON_NODE_HOLDS_VALUE (verified) || !json_node_get_boolean (verified) || in == NULL ||
	    out == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("this setup was not verified: there is no working account to export"));
		return NULL;
	}
	const char *address = member_string (o, "address");
	if (address == NULL || *address == '\0' || !_ms_export_text_ok (address) || strchr (address, '@') == NULL) {
		g_set_error (error, MS_ERROR, MS_ERROR_ADDRESS_NO_AT, _("the setup has no valid address"));
		return NULL;
	}
	g_autoptr (MsMailAccount) a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (address);
	if ((a->incoming = server_from_json (in, TRUE, error)) == NULL ||
	    (a->outgoing = server_from_json (out, FALSE, error)) == NULL)
		return NULL;
	/* Each server holds the name that logged in; older outputs may only
	 * have the run's. */
	const char *user = member_string (o, "username");
	MsServer *servers[] = { a->incoming, a->outgoing };
	for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
		if (ms_server_get_username (servers[i]) == NULL)
			ms_server_set_username (servers[i], user && _ms_export_text_ok (user) && *user ? user : address);
	return g_steal_pointer (&a);
}
