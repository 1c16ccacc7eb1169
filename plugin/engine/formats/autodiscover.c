/* Microsoft Autodiscover, POX flavour: the request body, and a reader of the
 * response within the MS_AUTODISCOVER_MAX_* bounds (it may come from any web
 * server, redirected from anywhere).
 * Spec: [MS-OXDSCLI] §2.2.4, and the "POX Autodiscover XML elements"
 * reference; Thunderbird's reader (comm-central mail/components/
 * accountcreation/modules/ExchangeAutoDiscover.sys.mjs, readAutoDiscoverXML)
 * for what servers really send.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/autodiscover.h>
#include <mailsetup/error.h>

#include <string.h>
#include "core/hostname.h"
#include "core/config-util.h"
#include "core/i18n.h"
#include "formats/xml-bounded.h"

#define REQUEST_SCHEMA "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
#define RESPONSE_SCHEMA "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"

/* The children of a <Protocol> that are read, by local name. */
enum { TYPE, SERVER, PORT, SSL, ENCRYPTION, LOGIN_NAME, DOMAIN_NAME, DOMAIN_REQUIRED, SPA,
       AUTH_REQUIRED, SMTP_LAST, N_FIELDS };
static const char *const field_names[N_FIELDS] = {
	"Type", "Server", "Port", "SSL", "Encryption", "LoginName", "DomainName", "DomainRequired", "SPA",
	"AuthRequired", "SMTPLast",
};

typedef struct {
	int line;
	char *f[N_FIELDS]; /* stripped text, or NULL if absent */
} RawProtocol;

typedef struct {
	MsConfig *config;
	MsTrust trust;
	GMarkupParseContext *ctx;
	guint depth;
	guint elements;
	guint protocols;
	gboolean seen_response;
	GString *text;
	/* The <Account> being read: decided at its end, since <AccountType>
	 * and <Action> may follow its <Protocol>s. */
	gboolean in_account;
	int account_line;
	char *account_type;
	char *action;
	char *redirect_addr;
	char *redirect_url;
	GPtrArray *raw; /* RawProtocol* */
	RawProtocol *cur; /* the <Protocol> being read, in @raw */
	/* What the whole response says besides servers. */
	MsAutodiscoverRedirectKind redirect_kind;
	char *redirect_target;
	gboolean seen_error;
	char *error_code;
	char *error_message;
} Parser;

char *
ms_autodiscover_request (const MsAddress *address)
{
	g_return_val_if_fail (address != NULL, NULL);
	/* Local parts may hold "&" and "'" (RFC 5322 atext). */
	return g_markup_printf_escaped ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	                                "<Autodiscover xmlns=\"" REQUEST_SCHEMA "\"><Request>"
	                                "<EMailAddress>%s</EMailAddress>"
	                                "<AcceptableResponseSchema>" RESPONSE_SCHEMA "</AcceptableResponseSchema>"
	                                "</Request></Autodiscover>",
	                                ms_address_get_address (address));
}

void
ms_autodiscover_redirect_clear (MsAutodiscoverRedirect *redirect)
{
	g_return_if_fail (redirect != NULL);
	g_clear_pointer (&redirect->target, g_free);
	redirect->kind = MS_AUTODISCOVER_REDIRECT_NONE;
}

static void
raw_protocol_free (gpointer data)
{
	RawProtocol *r = data;
	for (guint i = 0; i < N_FIELDS; i++)
		g_free (r->f[i]);
	g_free (r);
}

/* GMarkup does not know namespaces; servers write <Response>, <a:Response>
 * or anything else bound to the right URI. The names are enough to find
 * our way, so prefixes are dropped and URIs not checked. */
static const char *
local_name (const char *name)
{
	const char *colon = strrchr (name, ':');
	return colon ? colon + 1 : name;
}

/* The local name of the element @up levels above the current one. */
static const char *
parent (Parser *p, guint up)
{
	const char *name = g_slist_nth_data ((GSList *) g_markup_parse_context_get_element_stack (p->ctx), up);
	return name ? local_name (name) : "";
}

/* on/off values; other spellings are read as the default. */
static gboolean
is_on (const char *value, gboolean if_absent)
{
	if (value == NULL || *value == '\0')
		return if_absent;
	if (g_ascii_strcasecmp (value, "on") == 0 || g_ascii_strcasecmp (value, "true") == 0)
		return TRUE;
	if (g_ascii_strcasecmp (value, "off") == 0 || g_ascii_strcasecmp (value, "false") == 0)
		return FALSE;
	return if_absent;
}

/* --- servers ------------------------------------------------------------ */

/* <SSL> and <Encryption> say whether to encrypt more than how: Outlook's
 * "SSL" covers TLS of both kinds, and its "TLS" (ENCRYPT_CONN_TLS) meant
 * STARTTLS. Like Thunderbird, the port decides where it is a standard one:
 * 143, 110, 25 and 587 start in plain text, hence STARTTLS; 993, 995 and 465
 * are TLS from the first byte (RFC 8314), and nothing else is spoken there,
 * so they get implicit TLS even when the response says "off" (a hosting
 * panel's slip; plain text there would fail anyway). On other ports
 * "TLS" is taken as Outlook meant it, STARTTLS, and "SSL", "Auto" or SSL on
 * as implicit TLS, Thunderbird's guess. Encryption overrides SSL when both
 * are given ([MS-OXDSCLI]), and SSL defaults to on (§2.2.4.1.1.2.6.44). */
static gboolean
socket_type (Parser *p, const RawProtocol *r, guint port, MsSocketType *type_r)
{
	gboolean encrypt = TRUE, starttls = FALSE;

	if (r->f[ENCRYPTION] && *r->f[ENCRYPTION]) {
		if (g_ascii_strcasecmp (r->f[ENCRYPTION], "None") == 0)
			encrypt = FALSE;
		else if (g_ascii_strcasecmp (r->f[ENCRYPTION], "TLS") == 0)
			starttls = TRUE;
		else if (g_ascii_strcasecmp (r->f[ENCRYPTION], "SSL") != 0 && g_ascii_strcasecmp (r->f[ENCRYPTION], "Auto") != 0) {
			_ms_config_note (p->config, MS_ERROR_BAD_SOCKET_TYPE,
			      _("Line %d: the “%s” server is left out: its encryption “%s” is not None, SSL, TLS or Auto"),
			      r->line, r->f[TYPE], r->f[ENCRYPTION]);
			return FALSE;
		}
	} else if (r->f[SSL] && *r->f[SSL]) {
		if (g_ascii_strcasecmp (r->f[SSL], "off") == 0)
			encrypt = FALSE;
		else if (g_ascii_strcasecmp (r->f[SSL], "on") != 0) {
			_ms_config_note (p->config, MS_ERROR_BAD_SOCKET_TYPE,
			      _("Line %d: the “%s” server is left out: its SSL setting “%s” is not on or off"),
			      r->line, r->f[TYPE], r->f[SSL]);
			return FALSE;
		}
	}
	switch (port) {
	case 993: case 995: case 465:
		*type_r = MS_SOCKET_TLS;
		return TRUE;
	case 143: case 110: case 25: case 587:
		*type_r = encrypt ? MS_SOCKET_STARTTLS : MS_SOCKET_PLAIN;
		return TRUE;
	default:
		*type_r = !encrypt ? MS_SOCKET_PLAIN : starttls ? MS_SOCKET_STARTTLS : MS_SOCKET_TLS;
		return TRUE;
	}
}

/* The login name is literal: the model stores a username template, and a
 * name without "%" is a template with no placeholder. A "%" cannot be
 * escaped in a template, and a control character could end a protocol
 * line, so such names are dropped and the form is left to the verifier,
 * which tries the usual ones. Returns NULL when the form is unknown. */
static char *
login_name (Parser *p, const RawProtocol *r)
{
	g_autofree char *login = NULL;

	if (r->f[LOGIN_NAME] == NULL || *r->f[LOGIN_NAME] == '\0')
		return NULL; /* Outlook then logs in with the address, tried first anyway */
	/* DomainRequired: the login needs the domain; with a <DomainName> it is
	 * DOMAIN\login, else (the documented default) the address as UPN, which
	 * the verifier tries first. */
	if (is_on (r->f[DOMAIN_REQUIRED], FALSE) && !strchr (r->f[LOGIN_NAME], '\\') && !strchr (r->f[LOGIN_NAME], '@')) {
		if (r->f[DOMAIN_NAME] == NULL || *r->f[DOMAIN_NAME] == '\0')
			return NULL;
		login = g_strconcat (r->f[DOMAIN_NAME], "\\", r->f[LOGIN_NAME], NULL);
	} else {
		login = g_strdup (r->f[LOGIN_NAME]);
	}
	if (strchr (login, '%')) {
		_ms_config_note (p->config, MS_ERROR_BAD_PLACEHOLDER,
		      _("Line %d: the login name of the “%s” server is ignored: “%s” contains a “%%”, which a user name template cannot hold"),
		      r->line, r->f[TYPE], login);
		return NULL;
	}
	for (const char *c = login; *c; c++)
		if ((guchar) *c < 0x20 || *c == 0x7f) {
			_ms_config_note (p->config, MS_ERROR_BAD_PLACEHOLDER,
			      _("Line %d: the login name of the “%s” server is ignored: it contains a control character"),
			      r->line, r->f[TYPE]);
			return NULL;
		}
	return g_steal_pointer (&login);
}

static void
finish_protocol (Parser *p, const RawProtocol *r)
{
	MsProtocol protocol;
	MsSocketType type;
	guint64 port;
	g_autoptr (GError) e = NULL;

	if (g_ascii_strcasecmp (r->f[TYPE], "IMAP") == 0)
		protocol = MS_PROTOCOL_IMAP;
	else if (g_ascii_strcasecmp (r->f[TYPE], "POP3") == 0)
		protocol = MS_PROTOCOL_POP3;
	else if (g_ascii_strcasecmp (r->f[TYPE], "SMTP") == 0)
		protocol = MS_PROTOCOL_SMTP;
	else if (*r->f[TYPE] == '\0') {
		_ms_config_note (p->config, MS_ERROR_SERVER_INCOMPLETE, _("Line %d: a server has no type; it is left out"), r->line);
		return;
	} else {
		/* EXCH, EXPR, EXHTTP, WEB, mapiHttp: Exchange's own protocols. */
		_ms_config_note (p->config, MS_ERROR_SERVER_TYPE_UNSUPPORTED,
		      _("Line %d: the server of type “%s” is left out: only IMAP, POP3 and SMTP can be used"),
		      r->line, r->f[TYPE]);
		return;
	}
	if (r->f[SERVER] == NULL || *r->f[SERVER] == '\0' || r->f[PORT] == NULL || *r->f[PORT] == '\0') {
		_ms_config_note (p->config, MS_ERROR_SERVER_INCOMPLETE,
		      _("Line %d: the “%s” server has no host name or port; it is left out"), r->line, r->f[TYPE]);
		return;
	}
	/* Autodiscover has no placeholders; a "%" is refused here with any
	 * other character no host name may have. */
	g_autofree char *hostname = _ms_hostname_to_ascii (r->f[SERVER], &e);
	if (hostname == NULL) {
		_ms_config_note (p->config, MS_ERROR_BAD_HOSTNAME, _("Line %d: the “%s” server is left out: %s"),
		      r->line, r->f[TYPE], e->message);
		return;
	}
	if (!g_ascii_string_to_unsigned (r->f[PORT], 10, 1, 65535, &port, NULL)) {
		_ms_config_note (p->config, MS_ERROR_BAD_PORT, _("Line %d: the “%s” server is left out: “%s” is not a port number"),
		      r->line, r->f[TYPE], r->f[PORT]);
		return;
	}
	if (!socket_type (p, r, (guint) port, &type))
		return;

	/* SPA is Microsoft's challenge-response login (NTLM in Outlook,
	 * CRAM-MD5 and the like elsewhere). Microsoft documents it as on by
	 * default, but servers that omit it take plain passwords: Thunderbird
	 * reads its absence as cleartext, and so do we. */
	MsAuthMethods auth = is_on (r->f[SPA], FALSE) ? MS_AUTH_PASSWORD_ENCRYPTED | MS_AUTH_NTLM
	                                          : MS_AUTH_PASSWORD_CLEARTEXT;
	/* AuthRequired off lets a client send without logging in (SMTP only:
	 * IMAP and POP3 always log in). SMTPLast: send after fetching. */
	if (protocol == MS_PROTOCOL_SMTP && !is_on (r->f[AUTH_REQUIRED], TRUE))
		auth |= MS_AUTH_NONE;
	if (protocol == MS_PROTOCOL_SMTP && is_on (r->f[SMTP_LAST], FALSE))
		auth |= MS_AUTH_SMTP_AFTER_POP;

	g_autofree char *login = login_name (p, r);
	g_autoptr (MsServer) server = ms_server_new (protocol, hostname, (guint16) port, type);
	ms_server_set_auth (server, auth);
	ms_server_set_username (server, login);
	ms_server_set_source (server, MS_SOURCE_AUTODISCOVER, p->trust);
	if (type == MS_SOCKET_PLAIN)
		_ms_config_note (p->config, MS_ERROR_INSECURE_SERVER,
		      _("Line %d: %s at %s port %u sends the password unencrypted; it is kept only as a last resort"),
		      r->line, ms_protocol_to_string (protocol), hostname, (guint) port);
	ms_config_add_server (p->config, server);
}

/* --- redirects ---------------------------------------------------------- */

static char *
checked_redirect_url (const char *text, GError **error)
{
	g_autoptr (GUri) uri = NULL;
	g_autofree char *host = NULL;

	for (const char *c = text; *c; c++)
		if ((guchar) *c <= 0x20 || *c == 0x7f)
			return NULL;
	uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
	/* The request carries the user's password: never in clear, never to
	 * an address no certificate can name. */
	if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 ||
	    g_uri_get_userinfo (uri) != NULL || g_uri_get_host (uri) == NULL)
		return NULL;
	host = _ms_hostname_to_ascii (g_uri_get_host (uri), error);
	if (host == NULL)
		return NULL;
	const char *path = g_uri_get_path (uri);
	return g_uri_join (G_URI_FLAGS_ENCODED, "https", NULL, host, g_uri_get_port (uri),
	                   *path ? path : "/", g_uri_get_query (uri), NULL);
}

/* The first redirect wins. Returns FALSE with @error set if it is unusable. */
static gboolean
take_redirect (Parser *p, MsAutodiscoverRedirectKind kind, const char *target, int line, GError **error)
{
	g_autoptr (GError) e = NULL;
	char *checked = NULL;

	if (p->redirect_kind != MS_AUTODISCOVER_REDIRECT_NONE)
		return TRUE;
	if (target == NULL || *target == '\0') {
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("Line %d: the Autodiscover server redirects without saying where"), line);
		return FALSE;
	}
	if (kind == MS_AUTODISCOVER_REDIRECT_ADDRESS) {
		g_autoptr (MsAddress) a = ms_address_parse (target, &e);
		if (a == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
			             _("Line %d: the Autodiscover server redirects to “%s”, which is not a valid address: %s"),
			             line, target, e->message);
			return FALSE;
		}
		checked = g_strdup (ms_address_get_address (a));
	} else {
		checked = checked_redirect_url (target, &e);
		if (checked == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
			             _("Line %d: the Autodiscover server redirects to “%s”, which is not a usable https address%s%s"),
			             line, target, e ? ": " : "", e ? e->message : "");
			return FALSE;
		}
	}
	p->redirect_kind = kind;
	p->redirect_target = checked;
	return TRUE;
}

static gboolean
finish_account (Parser *p, GError **error)
{
	int line = p->account_line;

	/* The type is required by the schema but some scripts omit it; only
	 * an explicit other type is left out. */
	if (p->account_type && *p->account_type && g_ascii_strcasecmp (p->account_type, "email") != 0) {
		_ms_config_note (p->config, MS_ERROR_SERVER_TYPE_UNSUPPORTED,
		      _("Line %d: the account of type “%s” is left out: only “email” accounts are read"),
		      line, p->account_type);
		return TRUE;
	}
	/* Like Thunderbird, a redirect address counts even without its <Action>. */
	const char *action = p->action ? p->action : "";
	if (g_ascii_strcasecmp (action, "redirectAddr") == 0 || (!*action && p->redirect_addr))
		return take_redirect (p, MS_AUTODISCOVER_REDIRECT_ADDRESS, p->redirect_addr, line, error);
	if (g_ascii_strcasecmp (action, "redirectUrl") == 0 || (!*action && p->redirect_url))
		return take_redirect (p, MS_AUTODISCOVER_REDIRECT_URL, p->redirect_url, line, error);
	for (guint i = 0; i < p->raw->len; i++)
		finish_protocol (p, g_ptr_array_index (p->raw, i));
	return TRUE;
}

static void
clear_account (Parser *p)
{
	p->in_account = FALSE;
	g_clear_pointer (&p->account_type, g_free);
	g_clear_pointer (&p->action, g_free);
	g_clear_pointer (&p->redirect_addr, g_free);
	g_clear_pointer (&p->redirect_url, g_free);
	g_ptr_array_set_size (p->raw, 0);
	p->cur = NULL;
}

/* --- GMarkup callbacks -------------------------------------------------- */

static void
on_start (GMarkupParseContext *ctx, const char *qname, const char **attr_names,
          const char **attr_values, gpointer user_data, GError **error)
{
	Parser *p = user_data;
	const char *name = local_name (qname);

	if (p->depth >= MS_AUTODISCOVER_MAX_DEPTH) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_DEEP,
		             _("Line %d: elements are nested deeper than %d levels"),
		             _ms_xml_line (p->ctx), MS_AUTODISCOVER_MAX_DEPTH);
		return;
	}
	if (++p->elements > MS_AUTODISCOVER_MAX_ELEMENTS) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_MANY,
		             _("The document has more than %d elements"), MS_AUTODISCOVER_MAX_ELEMENTS);
		return;
	}
	if (p->depth == 0 && strcmp (name, "Autodiscover") != 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG,
		             _("The document is a “%s”, not an Autodiscover response"), qname);
		return;
	}
	p->depth++;
	g_string_truncate (p->text, 0);

	if (p->depth == 2 && strcmp (name, "Response") == 0) {
		p->seen_response = TRUE;
	} else if (p->depth == 3 && strcmp (name, "Account") == 0 && strcmp (parent (p, 1), "Response") == 0) {
		clear_account (p);
		p->in_account = TRUE;
		p->account_line = _ms_xml_line (p->ctx);
	} else if (p->depth == 4 && p->in_account && strcmp (name, "Protocol") == 0) {
		if (++p->protocols > MS_AUTODISCOVER_MAX_PROTOCOLS) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_MANY,
			             _("The document has more than %d protocol entries"), MS_AUTODISCOVER_MAX_PROTOCOLS);
			return;
		}
		RawProtocol *r = g_new0 (RawProtocol, 1);
		r->line = _ms_xml_line (p->ctx);
		/* mapiHttp entries name their type in an attribute. */
		for (guint i = 0; attr_names[i] && r->f[TYPE] == NULL; i++)
			if (strcmp (local_name (attr_names[i]), "Type") == 0)
				r->f[TYPE] = g_strdup (attr_values[i]);
		if (r->f[TYPE] == NULL)
			r->f[TYPE] = g_strdup ("");
		g_ptr_array_add (p->raw, r);
		p->cur = r;
	}
}

static void
take_text (char **field, GString *text)
{
	g_free (*field);
	*field = g_strstrip (g_strdup (text->str));
}

static void
on_end (GMarkupParseContext *ctx, const char *qname, gpointer user_data, GError **error)
{
	Parser *p = user_data;
	const char *name = local_name (qname);
	const char *up = parent (p, 1);

	if (p->depth == 0)
		return; /* an end whose start GLib did not report (see ms_autodiscover_parse()) */
	if (p->cur && p->depth == 5) {
		for (guint i = 0; i < N_FIELDS; i++)
			if (strcmp (name, field_names[i]) == 0)
				take_text (&p->cur->f[i], p->text);
	} else if (p->in_account && p->depth == 4 && strcmp (up, "Account") == 0) {
		if (strcmp (name, "AccountType") == 0)
			take_text (&p->account_type, p->text);
		else if (strcmp (name, "Action") == 0)
			take_text (&p->action, p->text);
		else if (strcmp (name, "RedirectAddr") == 0)
			take_text (&p->redirect_addr, p->text);
		else if (strcmp (name, "RedirectUrl") == 0)
			take_text (&p->redirect_url, p->text);
		else if (strcmp (name, "Protocol") == 0)
			p->cur = NULL;
	} else if (p->in_account && p->depth == 3 && strcmp (name, "Account") == 0) {
		gboolean ok = finish_account (p, error);
		clear_account (p);
		if (!ok)
			return;
	} else if (strcmp (up, "Error") == 0 && (strcmp (name, "ErrorCode") == 0 || strcmp (name, "Message") == 0)) {
		take_text (name[0] == 'E' ? &p->error_code : &p->error_message, p->text);
	} else if (strcmp (name, "Error") == 0 && (strcmp (up, "Response") == 0 || strcmp (up, "Account") == 0)) {
		p->seen_error = TRUE;
	}
	g_string_truncate (p->text, 0);
	p->depth--;
}

static void
on_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer user_data, GError **error)
{
	Parser *p = user_data;
	_ms_xml_append_text (ctx, p->text, text, len, MS_AUTODISCOVER_MAX_TEXT, error);
}

static const GMarkupParser callbacks = { on_start, on_end, on_text, _ms_xml_passthrough, NULL };

/* --- entry point -------------------------------------------------------- */

MsConfig *
ms_autodiscover_parse (const char *data, gssize length, MsTrust trust,
                       MsAutodiscoverRedirect *redirect, GError **error)
{
	g_return_val_if_fail (data != NULL || length == 0, NULL);

	if (redirect)
		ms_autodiscover_redirect_clear (redirect);
	gsize len = length < 0 ? strlen (data) : (gsize) length;
	if (len > MS_AUTODISCOVER_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
		             _("The document is larger than %d KiB"), MS_AUTODISCOVER_MAX_SIZE / 1024);
		return NULL;
	}
	g_autofree char *utf8 = _ms_xml_to_utf8 (data ? data : "", len, &len, error);
	if (utf8 == NULL)
		return NULL;

	Parser p = { 0 };
	p.config = ms_config_new ();
	p.trust = trust;
	p.text = g_string_new (NULL);
	p.raw = g_ptr_array_new_with_free_func (raw_protocol_free);
	p.ctx = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);

	MsConfig *result = NULL;
	if (!_ms_xml_parse (p.ctx, utf8, len, error)) {
		/* the error says it all */
	} else if (p.seen_error) {
		/* 600 "Invalid Request", 601 "Requested schema version not
		 * supported", 602/603 for unknown or disabled mailboxes. */
		g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		             _("The Autodiscover server answered with error %s: “%s”"),
		             p.error_code && *p.error_code ? p.error_code : "?",
		             p.error_message ? p.error_message : "");
	} else if (p.redirect_kind != MS_AUTODISCOVER_REDIRECT_NONE) {
		if (redirect) {
			redirect->kind = p.redirect_kind;
			redirect->target = g_steal_pointer (&p.redirect_target);
		} else {
			g_set_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
			             _("The Autodiscover server redirects to “%s”"), p.redirect_target);
		}
	} else if (!p.seen_response) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG,
		                     _("The document has no Autodiscover “Response”"));
	} else if (ms_config_get_incoming (p.config)->len == 0 && ms_config_get_outgoing (p.config)->len == 0) {
		_ms_xml_no_usable_server (p.config, error);
	} else {
		result = ms_config_ref (p.config);
	}

	g_markup_parse_context_free (p.ctx);
	g_string_free (p.text, TRUE);
	clear_account (&p);
	g_ptr_array_unref (p.raw);
	g_free (p.redirect_target);
	g_free (p.error_code);
	g_free (p.error_message);
	ms_config_unref (p.config);
	return result;
}
