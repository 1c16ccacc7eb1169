/* Reader of the autoconfig clientConfig v1.1 format, within the
 * MS_AUTOCONFIG_MAX_* bounds (the document may come from any web server).
 * Spec: https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/autoconfig.h>
#include <mailsetup/error.h>

#include <string.h>
#include "core/hostname.h"
#include "core/config-util.h"
#include "core/i18n.h"
#include "formats/xml-bounded.h"

typedef struct {
	gboolean active;
	gboolean outgoing;
	int line;
	char *type;
	char *hostname;
	char *port;
	char *socket_type;
	MsAuthMethods auth;
	gboolean auth_seen;
	char *username;
	gboolean username_seen;
} RawServer;

typedef struct {
	char *lang;
	char *text;
} Description;

typedef struct {
	MsConfig *config;
	MsSource source;
	MsTrust trust;
	GMarkupParseContext *ctx;
	guint depth;
	guint elements;
	guint servers;
	gboolean in_first_provider;
	gboolean seen_provider;
	GString *text;
	RawServer srv;
	char *doc_url;
	GPtrArray *doc_descriptions; /* Description* */
	MsOAuth2 oauth2;
	gboolean oauth2_seen;
} Parser;

static void
raw_server_clear (RawServer *s)
{
	g_free (s->type);
	g_free (s->hostname);
	g_free (s->port);
	g_free (s->socket_type);
	g_free (s->username);
	memset (s, 0, sizeof *s);
}

static void
description_free (gpointer data)
{
	Description *d = data;
	g_free (d->lang);
	g_free (d->text);
	g_free (d);
}

/* The name of the element @up levels above the current one ("" if none). */
static const char *
parent (Parser *p, guint up)
{
	const char *name = g_slist_nth_data ((GSList *) g_markup_parse_context_get_element_stack (p->ctx), up);
	return name ? name : "";
}

/* --- servers ------------------------------------------------------------ */

static MsAuthMethods
auth_from_string (const char *s)
{
	static const struct { const char *name; MsAuthMethods m; } names[] = {
		{ "password-cleartext", MS_AUTH_PASSWORD_CLEARTEXT },
		{ "plain", MS_AUTH_PASSWORD_CLEARTEXT },          /* old spelling */
		{ "password-encrypted", MS_AUTH_PASSWORD_ENCRYPTED },
		{ "secure", MS_AUTH_PASSWORD_ENCRYPTED },         /* old spelling */
		{ "NTLM", MS_AUTH_NTLM },
		{ "GSSAPI", MS_AUTH_GSSAPI },
		{ "OAuth2", MS_AUTH_OAUTH2 },
		{ "TLS-client-cert", MS_AUTH_CLIENT_CERT },
		{ "client-IP-address", MS_AUTH_CLIENT_IP },
		{ "none", MS_AUTH_NONE },
		{ "smtp-after-pop", MS_AUTH_SMTP_AFTER_POP },
	};
	for (guint i = 0; i < G_N_ELEMENTS (names); i++)
		if (g_ascii_strcasecmp (s, names[i].name) == 0)
			return names[i].m;
	return 0;
}

static gboolean
socket_from_string (const char *s, MsSocketType *type_r)
{
	if (g_ascii_strcasecmp (s, "SSL") == 0 || g_ascii_strcasecmp (s, "TLS") == 0)
		*type_r = MS_SOCKET_TLS;
	else if (g_ascii_strcasecmp (s, "STARTTLS") == 0)
		*type_r = MS_SOCKET_STARTTLS;
	else if (g_ascii_strcasecmp (s, "plain") == 0)
		*type_r = MS_SOCKET_PLAIN;
	else
		return FALSE;
	return TRUE;
}

static gboolean
check_placeholders (Parser *p, const RawServer *s, const char *what, const char *value)
{
	g_autoptr (GError) e = NULL;

	if (value == NULL || ms_template_check (value, &e))
		return TRUE;
	_ms_config_note (p->config, MS_ERROR_BAD_PLACEHOLDER, _("Line %d: the %s of the “%s” server: %s"),
	      s->line, what, s->type, e->message);
	return FALSE;
}

/* The host name must be a valid name once its placeholders are filled in;
 * a sample address stands in for the user's. Returns the name to keep. */
static char *
checked_hostname (Parser *p, const RawServer *s)
{
	g_autoptr (GError) e = NULL;
	g_autoptr (MsAddress) sample = ms_address_parse ("user@example.com", NULL);
	g_autofree char *expanded = ms_template_expand (s->hostname, sample, NULL);
	g_autofree char *ascii = _ms_hostname_to_ascii (expanded, &e);

	if (ascii == NULL) {
		_ms_config_note (p->config, MS_ERROR_BAD_HOSTNAME, _("Line %d: the “%s” server is left out: %s"),
		      s->line, s->type, e->message);
		return NULL;
	}
	if (strchr (s->hostname, '%') == NULL)
		return g_steal_pointer (&ascii);
	/* A template: lower the literal parts only; placeholder names are
	 * case-sensitive ("mail.%EMAILDOMAIN%"). */
	char *kept = g_strdup (s->hostname);
	gboolean inside = FALSE;
	for (char *c = kept; *c; c++) {
		if (*c == '%')
			inside = !inside;
		else if (!inside)
			*c = g_ascii_tolower (*c);
	}
	return kept;
}

static void
finish_server (Parser *p)
{
	RawServer *s = &p->srv;
	MsProtocol protocol;
	MsSocketType socket_type;
	guint64 port;
	gboolean placeholders_ok;

	placeholders_ok = check_placeholders (p, s, _("user name"), s->username);
	placeholders_ok = check_placeholders (p, s, _("host name"), s->hostname) && placeholders_ok;

	if (!s->outgoing && g_ascii_strcasecmp (s->type, "imap") == 0)
		protocol = MS_PROTOCOL_IMAP;
	else if (!s->outgoing && g_ascii_strcasecmp (s->type, "pop3") == 0)
		protocol = MS_PROTOCOL_POP3;
	else if (s->outgoing && g_ascii_strcasecmp (s->type, "smtp") == 0)
		protocol = MS_PROTOCOL_SMTP;
	else {
		_ms_config_note (p->config, MS_ERROR_SERVER_TYPE_UNSUPPORTED,
		      s->outgoing ? _("Line %d: the outgoing server of type “%s” is left out: only SMTP can send mail")
		                  : _("Line %d: the incoming server of type “%s” is left out: only IMAP and POP3 can be used"),
		      s->line, s->type);
		return;
	}
	if (s->hostname == NULL || *s->hostname == '\0' || s->port == NULL) {
		_ms_config_note (p->config, MS_ERROR_SERVER_INCOMPLETE,
		      _("Line %d: the “%s” server has no host name or port; it is left out"), s->line, s->type);
		return;
	}
	if (strchr (s->hostname, '%') && !placeholders_ok)
		return; /* noted above; a broken host name cannot be connected to */

	g_autofree char *hostname = checked_hostname (p, s);
	if (hostname == NULL)
		return;
	if (!g_ascii_string_to_unsigned (s->port, 10, 1, 65535, &port, NULL)) {
		_ms_config_note (p->config, MS_ERROR_BAD_PORT, _("Line %d: the “%s” server is left out: “%s” is not a port number"),
		      s->line, s->type, s->port);
		return;
	}
	if (s->socket_type == NULL || !socket_from_string (s->socket_type, &socket_type)) {
		_ms_config_note (p->config, MS_ERROR_BAD_SOCKET_TYPE,
		      _("Line %d: the “%s” server is left out: its connection security “%s” is not SSL, STARTTLS or plain"),
		      s->line, s->type, s->socket_type ? s->socket_type : "");
		return;
	}
	if (s->auth_seen && s->auth == 0)
		return; /* every method was unknown; each was noted */

	g_autoptr (MsServer) server = ms_server_new (protocol, hostname, (guint16) port, socket_type);
	/* No <authentication> means the format's default. */
	ms_server_set_auth (server, s->auth_seen ? s->auth : MS_AUTH_PASSWORD_CLEARTEXT);
	/* An absent or broken username template means "form unknown": the
	 * verifier tries the likely forms instead of a wrong one. */
	ms_server_set_username (server, placeholders_ok && s->username && *s->username ? s->username : NULL);
	ms_server_set_source (server, p->source, p->trust);
	if (socket_type == MS_SOCKET_PLAIN)
		_ms_config_note (p->config, MS_ERROR_INSECURE_SERVER,
		      _("Line %d: %s at %s port %u sends the password unencrypted; it is kept only as a last resort"),
		      s->line, ms_protocol_to_string (protocol), hostname, (guint) port);
	ms_config_add_server (p->config, server);
}

/* --- documentation ------------------------------------------------------ */

static const char *
best_description (GPtrArray *descriptions)
{
	const char * const *langs = g_get_language_names ();

	if (descriptions->len == 0)
		return NULL;
	for (guint l = 0; langs[l]; l++)
		for (guint i = 0; i < descriptions->len; i++) {
			Description *d = g_ptr_array_index (descriptions, i);
			if (d->lang && g_ascii_strcasecmp (d->lang, langs[l]) == 0)
				return d->text;
		}
	for (guint i = 0; i < descriptions->len; i++) {
		Description *d = g_ptr_array_index (descriptions, i);
		if (d->lang == NULL || g_ascii_strcasecmp (d->lang, "en") == 0)
			return d->text;
	}
	return ((Description *) g_ptr_array_index (descriptions, 0))->text;
}

/* --- GMarkup callbacks -------------------------------------------------- */

static const char *
first_attribute (const char **names, const char **values, const char *wanted)
{
	for (guint i = 0; names[i]; i++)
		if (strcmp (names[i], wanted) == 0)
			return values[i];
	return NULL;
}

static void
on_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
          const char **attr_values, gpointer user_data, GError **error)
{
	Parser *p = user_data;

	if (p->depth >= MS_AUTOCONFIG_MAX_DEPTH) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_DEEP,
		             _("Line %d: elements are nested deeper than %d levels"),
		             _ms_xml_line (p->ctx), MS_AUTOCONFIG_MAX_DEPTH);
		return;
	}
	if (++p->elements > MS_AUTOCONFIG_MAX_ELEMENTS) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_MANY,
		             _("The document has more than %d elements"), MS_AUTOCONFIG_MAX_ELEMENTS);
		return;
	}
	if (p->depth == 0 && strcmp (name, "clientConfig") != 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG,
		             _("The document is a “%s”, not a “clientConfig”"), name);
		return;
	}
	p->depth++;
	g_string_truncate (p->text, 0);

	if (p->depth == 2 && strcmp (name, "emailProvider") == 0) {
		/* The format has one provider; later ones are ignored. */
		p->in_first_provider = !p->seen_provider;
		p->seen_provider = TRUE;
		const char *id = NULL;
		g_markup_collect_attributes (name, attr_names, attr_values, NULL,
		                             G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "id", &id,
		                             G_MARKUP_COLLECT_INVALID);
		if (p->in_first_provider && id)
			ms_config_set_id (p->config, id);
	} else if (p->depth == 3 && p->in_first_provider && strcmp (parent (p, 1), "emailProvider") == 0 &&
	           (strcmp (name, "incomingServer") == 0 || strcmp (name, "outgoingServer") == 0)) {
		if (++p->servers > MS_AUTOCONFIG_MAX_SERVERS) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_MANY,
			             _("The document has more than %d servers"), MS_AUTOCONFIG_MAX_SERVERS);
			return;
		}
		raw_server_clear (&p->srv);
		p->srv.active = TRUE;
		p->srv.outgoing = name[0] == 'o';
		p->srv.line = _ms_xml_line (p->ctx);
		/* GMarkup passes repeated attributes on: the first one counts. */
		p->srv.type = g_strdup (first_attribute (attr_names, attr_values, "type"));
		if (p->srv.type == NULL)
			p->srv.type = g_strdup ("");
	} else if (p->depth == 3 && p->in_first_provider && strcmp (name, "documentation") == 0) {
		g_clear_pointer (&p->doc_url, g_free);
		g_ptr_array_set_size (p->doc_descriptions, 0);
		p->doc_url = g_strdup (first_attribute (attr_names, attr_values, "url"));
	} else if (p->depth == 4 && strcmp (name, "descr") == 0 && strcmp (parent (p, 1), "documentation") == 0) {
		Description *d = g_new0 (Description, 1);
		d->lang = g_strdup (first_attribute (attr_names, attr_values, "lang"));
		g_ptr_array_add (p->doc_descriptions, d);
	} else if (p->depth == 2 && strcmp (name, "oAuth2") == 0) {
		p->oauth2_seen = TRUE;
	}
}

static void
take_text (char **field, GString *text)
{
	g_free (*field);
	*field = g_strstrip (g_strdup (text->str));
}

static void
on_end (GMarkupParseContext *ctx, const char *name, gpointer user_data, GError **error)
{
	Parser *p = user_data;
	const char *up = parent (p, 1);
	g_autofree char *text = g_strstrip (g_strdup (p->text->str));

	if (p->srv.active && p->depth == 4) {
		RawServer *s = &p->srv;
		if (strcmp (name, "hostname") == 0)
			take_text (&s->hostname, p->text);
		else if (strcmp (name, "port") == 0)
			take_text (&s->port, p->text);
		else if (strcmp (name, "socketType") == 0)
			take_text (&s->socket_type, p->text);
		else if (strcmp (name, "username") == 0) {
			take_text (&s->username, p->text);
			s->username_seen = TRUE;
		} else if (strcmp (name, "authentication") == 0) {
			MsAuthMethods m = auth_from_string (text);
			s->auth_seen = TRUE;
			s->auth |= m;
			if (m == 0 && *text)
				_ms_config_note (p->config, MS_ERROR_BAD_AUTHENTICATION,
				      _("Line %d: the login method “%s” is not known; it is ignored"),
				      _ms_xml_line (p->ctx), text);
		}
	} else if (p->srv.active && p->depth == 3) {
		finish_server (p);
		raw_server_clear (&p->srv);
	} else if (p->in_first_provider && p->depth == 3 && strcmp (up, "emailProvider") == 0) {
		if (strcmp (name, "domain") == 0 && *text) {
			g_autoptr (GError) e = NULL;
			g_autofree char *domain = _ms_hostname_to_ascii (text, &e);
			if (domain)
				ms_config_add_domain (p->config, domain);
			else
				_ms_config_note (p->config, MS_ERROR_BAD_HOSTNAME, _("Line %d: the domain is ignored: %s"),
				      _ms_xml_line (p->ctx), e->message);
		} else if (strcmp (name, "displayName") == 0 && *text) {
			ms_config_set_display_name (p->config, text);
		} else if (strcmp (name, "displayShortName") == 0 && *text) {
			ms_config_set_short_name (p->config, text);
		} else if (strcmp (name, "documentation") == 0 && p->doc_url && *p->doc_url) {
			ms_config_add_documentation (p->config, p->doc_url, best_description (p->doc_descriptions));
		}
	} else if (p->depth == 4 && strcmp (name, "descr") == 0 && strcmp (up, "documentation") == 0) {
		Description *d = p->doc_descriptions->len ? g_ptr_array_index (p->doc_descriptions, p->doc_descriptions->len - 1) : NULL;
		if (d)
			d->text = g_steal_pointer (&text);
	} else if (p->depth == 3 && strcmp (up, "oAuth2") == 0) {
		if (strcmp (name, "issuer") == 0)
			take_text (&p->oauth2.issuer, p->text);
		else if (strcmp (name, "scope") == 0)
			take_text (&p->oauth2.scope, p->text);
		else if (strcmp (name, "authURL") == 0)
			take_text (&p->oauth2.auth_url, p->text);
		else if (strcmp (name, "tokenURL") == 0)
			take_text (&p->oauth2.token_url, p->text);
	} else if (p->depth == 2 && strcmp (name, "emailProvider") == 0) {
		p->in_first_provider = FALSE;
	}
	g_string_truncate (p->text, 0);
	p->depth--;
}

static void
on_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer user_data, GError **error)
{
	Parser *p = user_data;
	_ms_xml_append_text (ctx, p->text, text, len, MS_AUTOCONFIG_MAX_TEXT, error);
}

static const GMarkupParser callbacks = { on_start, on_end, on_text, _ms_xml_passthrough, NULL };

/* --- entry point -------------------------------------------------------- */

MsConfig *
ms_autoconfig_parse (const char *data, gssize length, MsSource source, MsTrust trust, GError **error)
{
	g_return_val_if_fail (data != NULL || length == 0, NULL);

	if (length < 0)
		length = strlen (data);
	if ((gsize) length > MS_AUTOCONFIG_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
		             _("The document is larger than %d KiB"), MS_AUTOCONFIG_MAX_SIZE / 1024);
		return NULL;
	}
	gsize utf8_len = 0;
	g_autofree char *utf8 = _ms_xml_to_utf8 (data ? data : "", length, &utf8_len, error);
	if (utf8 == NULL)
		return NULL;

	Parser p = { 0 };
	p.config = ms_config_new ();
	p.source = source;
	p.trust = trust;
	p.text = g_string_new (NULL);
	p.doc_descriptions = g_ptr_array_new_with_free_func (description_free);
	p.ctx = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);

	MsConfig *result = NULL;
	if (!_ms_xml_parse (p.ctx, utf8, utf8_len, error)) {
		/* the error says it all */
	} else if (!p.seen_provider) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG,
		                     _("The document has no “emailProvider”"));
	} else if (ms_config_get_incoming (p.config)->len == 0 && ms_config_get_outgoing (p.config)->len == 0) {
		_ms_xml_no_usable_server (p.config, error);
	} else {
		if (p.oauth2_seen)
			ms_config_set_oauth2 (p.config, &p.oauth2);
		result = ms_config_ref (p.config);
	}

	g_markup_parse_context_free (p.ctx);
	g_string_free (p.text, TRUE);
	g_ptr_array_unref (p.doc_descriptions);
	raw_server_clear (&p.srv);
	g_free (p.doc_url);
	g_free (p.oauth2.issuer);
	g_free (p.oauth2.scope);
	g_free (p.oauth2.auth_url);
	g_free (p.oauth2.token_url);
	ms_config_unref (p.config);
	return result;
}
