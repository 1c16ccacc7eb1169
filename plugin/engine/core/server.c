/* MsServer: one server of an account, and the ranking between servers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/config.h>
#include "core/i18n.h"

struct _MsServer {
	gint ref_count;
	MsProtocol protocol;
	char *hostname;
	guint16 port;
	MsSocketType socket_type;
	MsAuthMethods auth;
	char *username;
	MsSource source;
	MsTrust trust;
	guint evidence;
	char *confirmation;
};

MsServer *
ms_server_new (MsProtocol protocol, const char *hostname, guint16 port, MsSocketType socket_type)
{
	g_return_val_if_fail (hostname != NULL, NULL);

	MsServer *s = g_new0 (MsServer, 1);
	s->ref_count = 1;
	s->protocol = protocol;
	s->hostname = g_strdup (hostname);
	s->port = port;
	s->socket_type = socket_type;
	s->auth = MS_AUTH_PASSWORD_CLEARTEXT;
	s->username = g_strdup ("%EMAILADDRESS%");
	s->source = MS_SOURCE_FILE;
	s->trust = MS_TRUST_HIGH;
	s->evidence = 1u << MS_SOURCE_FILE;
	return s;
}

MsServer *
ms_server_ref (MsServer *server)
{
	g_return_val_if_fail (server != NULL, NULL);
	g_atomic_int_inc (&server->ref_count);
	return server;
}

void
ms_server_unref (MsServer *server)
{
	if (server == NULL || !g_atomic_int_dec_and_test (&server->ref_count))
		return;
	g_free (server->hostname);
	g_free (server->username);
	g_free (server->confirmation);
	g_free (server);
}

MsProtocol ms_server_get_protocol (const MsServer *s) { return s->protocol; }
const char *ms_server_get_hostname (const MsServer *s) { return s->hostname; }
guint16 ms_server_get_port (const MsServer *s) { return s->port; }
MsSocketType ms_server_get_socket_type (const MsServer *s) { return s->socket_type; }
MsAuthMethods ms_server_get_auth (const MsServer *s) { return s->auth; }
void ms_server_set_auth (MsServer *s, MsAuthMethods auth) { s->auth = auth; }
const char *ms_server_get_username (const MsServer *s) { return s->username; }
MsSource ms_server_get_source (const MsServer *s) { return s->source; }
MsTrust ms_server_get_trust (const MsServer *s) { return s->trust; }

void
ms_server_set_username (MsServer *s, const char *username)
{
	char *copy = g_strdup (username);
	g_free (s->username);
	s->username = copy;
}

void
ms_server_set_source (MsServer *s, MsSource source, MsTrust trust)
{
	s->source = source;
	s->trust = s->confirmation ? MS_TRUST_NONE : trust;
	s->evidence = 1u << source;
}

guint ms_server_get_evidence (const MsServer *s) { return s->evidence; }
void ms_server_add_evidence (MsServer *s, guint evidence) { s->evidence |= evidence; }
const char *ms_server_get_confirmation (const MsServer *s) { return s->confirmation; }

void
ms_server_set_confirmation (MsServer *s, const char *reason)
{
	char *copy = g_strdup (reason);
	g_free (s->confirmation);
	s->confirmation = copy;
	if (reason)
		s->trust = MS_TRUST_NONE;
}

gboolean
ms_server_same (const MsServer *a, const MsServer *b)
{
	return a->protocol == b->protocol && a->port == b->port && a->socket_type == b->socket_type &&
	       g_ascii_strcasecmp (a->hostname, b->hostname) == 0;
}

MsServer *
ms_server_copy (const MsServer *s)
{
	MsServer *c = ms_server_new (s->protocol, s->hostname, s->port, s->socket_type);
	c->auth = s->auth;
	ms_server_set_username (c, s->username);
	c->source = s->source;
	c->trust = s->trust;
	c->evidence = s->evidence;
	c->confirmation = g_strdup (s->confirmation);
	return c;
}

gboolean
ms_server_is_secure (const MsServer *s)
{
	return s->socket_type != MS_SOCKET_PLAIN;
}

int
ms_server_compare (const MsServer *a, const MsServer *b)
{
	/* Plain text is never offered as working, so it ranks last whatever
	 * vouches for it; then the source's trust; then RFC 8314's preference
	 * for implicit TLS; then IMAP, which keeps mail on the server. */
	if (ms_server_is_secure (a) != ms_server_is_secure (b))
		return ms_server_is_secure (a) ? -1 : 1;
	if (a->trust != b->trust)
		return a->trust > b->trust ? -1 : 1;
	if (a->socket_type != b->socket_type)
		return a->socket_type < b->socket_type ? -1 : 1;
	if (a->protocol != b->protocol)
		return a->protocol < b->protocol ? -1 : 1;
	/* Port 25 is for server-to-server relay; clients submit on 587 or
	 * 465 (RFC 6409, RFC 8314), which providers keep open and unfiltered. */
	if (a->protocol == MS_PROTOCOL_SMTP && (a->port == 25) != (b->port == 25))
		return a->port == 25 ? 1 : -1;
	if (a->evidence != b->evidence) {
		int na = __builtin_popcount (a->evidence), nb = __builtin_popcount (b->evidence);
		if (na != nb)
			return na > nb ? -1 : 1;
	}
	return 0;
}

const char *
ms_protocol_to_string (MsProtocol protocol)
{
	switch (protocol) {
	case MS_PROTOCOL_IMAP: return "imap";
	case MS_PROTOCOL_POP3: return "pop3";
	case MS_PROTOCOL_SMTP: return "smtp";
	}
	return "unknown";
}

const char *
ms_socket_type_to_string (MsSocketType socket_type)
{
	switch (socket_type) {
	case MS_SOCKET_TLS: return "tls";
	case MS_SOCKET_STARTTLS: return "starttls";
	case MS_SOCKET_PLAIN: return "plain";
	}
	return "unknown";
}

const char *
ms_socket_type_describe (MsSocketType socket_type)
{
	switch (socket_type) {
	case MS_SOCKET_TLS: return _("encrypted (TLS)");
	case MS_SOCKET_STARTTLS: return _("encrypted (STARTTLS)");
	case MS_SOCKET_PLAIN: return _("not encrypted");
	}
	return "";
}

const char *
ms_source_to_string (MsSource source)
{
	switch (source) {
	case MS_SOURCE_FILE: return "file";
	case MS_SOURCE_BUILTIN: return "builtin";
	case MS_SOURCE_AUTOCONFIG: return "autoconfig";
	case MS_SOURCE_ISPDB: return "ispdb";
	case MS_SOURCE_MX: return "mx";
	case MS_SOURCE_SRV: return "srv";
	case MS_SOURCE_AUTODISCOVER: return "autodiscover";
	case MS_SOURCE_PROBE: return "probe";
	case MS_SOURCE_PROFILE: return "profile";
	}
	return "unknown";
}

const char *
ms_trust_to_string (MsTrust trust)
{
	switch (trust) {
	case MS_TRUST_NONE: return "none";
	case MS_TRUST_LOW: return "low";
	case MS_TRUST_MEDIUM: return "medium";
	case MS_TRUST_HIGH: return "high";
	}
	return "unknown";
}

const char *
ms_auth_method_to_string (MsAuthMethods method)
{
	/* The autoconfig format's own spellings, so the writer can use them. */
	switch (method) {
	case MS_AUTH_PASSWORD_CLEARTEXT: return "password-cleartext";
	case MS_AUTH_PASSWORD_ENCRYPTED: return "password-encrypted";
	case MS_AUTH_NTLM: return "NTLM";
	case MS_AUTH_GSSAPI: return "GSSAPI";
	case MS_AUTH_OAUTH2: return "OAuth2";
	case MS_AUTH_CLIENT_CERT: return "TLS-client-cert";
	case MS_AUTH_CLIENT_IP: return "client-IP-address";
	case MS_AUTH_NONE: return "none";
	case MS_AUTH_SMTP_AFTER_POP: return "smtp-after-pop";
	}
	return NULL;
}
