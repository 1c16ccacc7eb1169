/* The one reader of Claws Mail's accountrc: `[Account: N]` groups of
 * `key=value` lines (Claws's prefs_account.c writes them with
 * prefs_write_param), into the neutral MsClawsAccount that the check-up
 * and the export use. Only the keys they need are read; Claws ignores keys
 * it does not know, and so does this reader. The file comes from the
 * user's disk, maybe edited by hand or half written: everything is checked
 * and bounded. Passwords are not in this file and nothing looks for them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/claws-config.h>

#include <stdlib.h>
#include <string.h>
#include "core/hostname.h"
#include "core/i18n.h"
#include "core/text.h"

G_DEFINE_QUARK (ms-claws-config-error-quark, ms_claws_config_error)

/* Claws's RecvProtocol (prefs_account.h) and SSLType (ssl.h) numbers. */
enum { CLAWS_POP3 = 0, CLAWS_IMAP4 = 1 };
enum { CLAWS_SSL_NONE = 0, CLAWS_SSL_TUNNEL = 1, CLAWS_SSL_STARTTLS = 2 };

/* The keys read, as text until the group ends. */
typedef struct {
	int id;
	char *account_name, *name, *address, *receive_server, *user_id;
	char *smtp_server, *smtp_user_id, *sent_folder, *draft_folder;
	int protocol, ssl_pop, ssl_imap, ssl_smtp;
	int set_popport, pop_port, set_imapport, imap_port, set_smtpport, smtp_port;
	int use_smtp_auth, auto_accept;
} Group;

static void
group_init (Group *g, int id)
{
	memset (g, 0, sizeof *g);
	g->id = id;
	/* Claws's defaults (prefs_account.c's param[] table). */
	g->protocol = CLAWS_POP3;
	g->auto_accept = 1;
	g->pop_port = g->imap_port = g->smtp_port = -1;
}

static void
group_clear (Group *g)
{
	g_free (g->account_name);
	g_free (g->name);
	g_free (g->address);
	g_free (g->receive_server);
	g_free (g->user_id);
	g_free (g->smtp_server);
	g_free (g->smtp_user_id);
	g_free (g->sent_folder);
	g_free (g->draft_folder);
	memset (g, 0, sizeof *g);
}

/* A decimal integer as Claws writes it; anything else leaves @fallback. */
static int
to_int (const char *value, int fallback)
{
	char *end = NULL;
	long n;

	if (*value == '\0')
		return fallback;
	n = strtol (value, &end, 10);
	if (*end != '\0' || n < -1000000 || n > 1000000)
		return fallback;
	return (int) n;
}

static void
set_text (char **field, const char *value)
{
	g_free (*field);
	*field = *value ? _ms_printable (value, -1, 254) : NULL;
}

static void
group_set (Group *g, const char *key, const char *value)
{
	static const struct {
		const char *key;
		gsize offset;
	} texts[] = {
		{ "account_name", G_STRUCT_OFFSET (Group, account_name) },
		{ "name", G_STRUCT_OFFSET (Group, name) },
		{ "address", G_STRUCT_OFFSET (Group, address) },
		{ "receive_server", G_STRUCT_OFFSET (Group, receive_server) },
		{ "user_id", G_STRUCT_OFFSET (Group, user_id) },
		{ "smtp_server", G_STRUCT_OFFSET (Group, smtp_server) },
		{ "smtp_user_id", G_STRUCT_OFFSET (Group, smtp_user_id) },
		{ "sent_folder", G_STRUCT_OFFSET (Group, sent_folder) },
		{ "draft_folder", G_STRUCT_OFFSET (Group, draft_folder) },
	}, ints[] = {
		{ "protocol", G_STRUCT_OFFSET (Group, protocol) },
		{ "ssl_pop", G_STRUCT_OFFSET (Group, ssl_pop) },
		{ "ssl_imap", G_STRUCT_OFFSET (Group, ssl_imap) },
		{ "ssl_smtp", G_STRUCT_OFFSET (Group, ssl_smtp) },
		{ "set_popport", G_STRUCT_OFFSET (Group, set_popport) },
		{ "pop_port", G_STRUCT_OFFSET (Group, pop_port) },
		{ "set_imapport", G_STRUCT_OFFSET (Group, set_imapport) },
		{ "imap_port", G_STRUCT_OFFSET (Group, imap_port) },
		{ "set_smtpport", G_STRUCT_OFFSET (Group, set_smtpport) },
		{ "smtp_port", G_STRUCT_OFFSET (Group, smtp_port) },
		{ "use_smtp_auth", G_STRUCT_OFFSET (Group, use_smtp_auth) },
		{ "ssl_certs_auto_accept", G_STRUCT_OFFSET (Group, auto_accept) },
	};

	for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
		if (strcmp (key, texts[i].key) == 0) {
			set_text (G_STRUCT_MEMBER_P (g, texts[i].offset), value);
			return;
		}
	for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
		if (strcmp (key, ints[i].key) == 0) {
			int *field = G_STRUCT_MEMBER_P (g, ints[i].offset);
			*field = to_int (value, *field);
			return;
		}
}

static MsSocketType
socket_of (int ssl)
{
	switch (ssl) {
	case CLAWS_SSL_TUNNEL: return MS_SOCKET_TLS;
	case CLAWS_SSL_STARTTLS: return MS_SOCKET_STARTTLS;
	default: return MS_SOCKET_PLAIN;
	}
}

/* Claws's port: the one set, else the default of the protocol and mode
 * (prefs_account.c, account_get_*port). */
static guint16
port_of (int set, int port, int ssl, guint16 plain, guint16 tunnel)
{
	if (set && port > 0 && port <= 65535)
		return (guint16) port;
	return ssl == CLAWS_SSL_TUNNEL ? tunnel : plain;
}

/* A host name as the check-up can use it: the ASCII form of a real name,
 * else (an IP address, "localhost") the text if it could be a host at
 * all; NULL for anything else. */
static char *
host_of (const char *text)
{
	char *ascii;

	if (text == NULL)
		return NULL;
	ascii = _ms_hostname_to_ascii (text, NULL);
	if (ascii)
		return ascii;
	for (const char *p = text; *p; p++)
		if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != ':')
			return NULL;
	return g_ascii_strdown (text, -1);
}

static MsServer *
server_new (MsProtocol protocol, const char *host_text, guint16 port, int ssl, const char *user)
{
	g_autofree char *host = host_of (host_text);
	MsServer *server;

	if (host == NULL)
		return NULL;
	server = ms_server_new (protocol, host, port, socket_of (ssl));
	ms_server_set_username (server, user);
	return server;
}

/* "#imap/Account name/INBOX/Sent" → "INBOX/Sent": the folder on the
 * server. Claws names a folder by its mailbox ("#imap/" and the account's
 * name) and its path; folders of another mailbox (local MH) are not on
 * the server. */
static char *
imap_folder (const char *id)
{
	const char *slash;

	if (id == NULL || !g_str_has_prefix (id, "#imap/"))
		return NULL;
	slash = strchr (id + 6, '/');
	return slash && slash[1] ? g_strdup (slash + 1) : NULL;
}

static MsClawsAccount *
group_to_account (const Group *g)
{
	MsClawsAccount *a = g_new0 (MsClawsAccount, 1);
	const char *smtp_user = g->smtp_user_id ? g->smtp_user_id : g->user_id;

	a->id = g->id;
	a->name = g_strdup (g->account_name);
	a->realname = g_strdup (g->name);
	a->address = g_strdup (g->address);
	a->smtp_auth = g->use_smtp_auth != 0;
	a->auto_accept = g->auto_accept != 0;
	/* The check-up fills it, and sets the free function of its elements. */
	a->exceptions = g_ptr_array_new ();
	if (g->protocol == CLAWS_IMAP4)
		a->incoming = server_new (MS_PROTOCOL_IMAP, g->receive_server,
		                          port_of (g->set_imapport, g->imap_port, g->ssl_imap, 143, 993),
		                          g->ssl_imap, g->user_id);
	else if (g->protocol == CLAWS_POP3)
		a->incoming = server_new (MS_PROTOCOL_POP3, g->receive_server,
		                          port_of (g->set_popport, g->pop_port, g->ssl_pop, 110, 995),
		                          g->ssl_pop, g->user_id);
	/* Folders on a server there is. */
	if (a->incoming && g->protocol == CLAWS_IMAP4) {
		a->sent_folder = imap_folder (g->sent_folder);
		a->drafts_folder = imap_folder (g->draft_folder);
	}
	/* Local and news accounts send too, but only mail accounts are checked. */
	if (a->incoming)
		a->outgoing = server_new (MS_PROTOCOL_SMTP, g->smtp_server,
		                          port_of (g->set_smtpport, g->smtp_port, g->ssl_smtp, 25, 465),
		                          g->ssl_smtp, g->use_smtp_auth ? smtp_user : NULL);
	return a;
}

void
ms_claws_account_free (MsClawsAccount *a)
{
	if (a == NULL)
		return;
	g_free (a->name);
	g_free (a->realname);
	g_free (a->address);
	g_free (a->sent_folder);
	g_free (a->drafts_folder);
	g_clear_pointer (&a->incoming, ms_server_unref);
	g_clear_pointer (&a->outgoing, ms_server_unref);
	g_clear_pointer (&a->exceptions, g_ptr_array_unref);
	g_free (a);
}

static gboolean
malformed (GError **error, guint line, const char *why)
{
	g_set_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_MALFORMED,
	             _("Claws Mail's account file is not readable at line %u: %s"), line, why);
	return FALSE;
}

/* "[Account: N]" → N; -1 for another group. FALSE: a broken header. */
static gboolean
group_header (const char *line, gsize len, int *id_r)
{
	g_autofree char *inner = NULL;
	char *end = NULL;
	long n;

	if (len < 2 || line[len - 1] != ']')
		return FALSE;
	inner = g_strndup (line + 1, len - 2);
	if (!g_str_has_prefix (inner, "Account: ")) {
		*id_r = -1;
		return TRUE;
	}
	n = strtol (inner + 9, &end, 10);
	if (end == inner + 9 || *end != '\0' || n < 0 || n > G_MAXINT)
		return FALSE;
	*id_r = (int) n;
	return TRUE;
}

static gboolean
parse_lines (const char *text, gsize length, GPtrArray *accounts, GError **error)
{
	Group g = { 0 };
	gboolean in_account = FALSE, in_group = FALSE;
	gsize pos = 0;
	guint line_no = 0;

	while (pos < length) {
		const char *line = text + pos;
		const char *nl = memchr (line, '\n', length - pos);
		gsize len = nl ? (gsize) (nl - line) : length - pos;

		pos += len + (nl ? 1 : 0);
		line_no++;
		if (len > MS_ACCOUNTRC_MAX_LINE) {
			group_clear (&g);
			g_set_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_TOO_LARGE,
			             _("Claws Mail's account file has a line over %u bytes (line %u)."),
			             (guint) MS_ACCOUNTRC_MAX_LINE, line_no);
			return FALSE;
		}
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		if (line[0] == '[') {
			int id = -1;
			if (!group_header (line, len, &id)) {
				group_clear (&g);
				return malformed (error, line_no, _("a broken group header"));
			}
			if (in_account)
				g_ptr_array_add (accounts, group_to_account (&g));
			group_clear (&g);
			in_group = TRUE;
			in_account = id >= 0;
			if (in_account && accounts->len >= MS_ACCOUNTRC_MAX_ACCOUNTS) {
				g_set_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_TOO_MANY,
				             _("Claws Mail's account file has more than %u accounts."),
				             (guint) MS_ACCOUNTRC_MAX_ACCOUNTS);
				return FALSE;
			}
			if (in_account)
				group_init (&g, id);
			continue;
		}
		if (!in_group)
			return malformed (error, line_no, _("a setting outside any account"));
		if (in_account) {
			const char *eq = memchr (line, '=', len);
			if (eq != NULL) {
				g_autofree char *key = g_strndup (line, eq - line);
				g_autofree char *value = g_strndup (eq + 1, len - (eq - line) - 1);
				group_set (&g, key, value);
			}
		}
	}
	if (in_account)
		g_ptr_array_add (accounts, group_to_account (&g));
	group_clear (&g);
	return TRUE;
}

GPtrArray *
ms_claws_accounts_parse (const char *text, gsize length, GError **error)
{
	g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_claws_account_free);

	g_return_val_if_fail (text != NULL || length == 0, NULL);
	if (length > MS_ACCOUNTRC_MAX_BYTES) {
		g_set_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_TOO_LARGE,
		             _("Claws Mail's account file is over %u bytes."), (guint) MS_ACCOUNTRC_MAX_BYTES);
		return NULL;
	}
	if (length > 0 && memchr (text, '\0', length) != NULL) {
		g_set_error_literal (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_MALFORMED,
		                     _("Claws Mail's account file holds binary data."));
		return NULL;
	}
	/* Claws writes its files in UTF-8: anything else was not written by it. */
	if (!g_utf8_validate_len (text, length, NULL)) {
		g_set_error_literal (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_MALFORMED,
		                     _("Claws Mail's account file is not UTF-8 text."));
		return NULL;
	}
	if (!parse_lines (text, length, accounts, error))
		return NULL;
	return g_steal_pointer (&accounts);
}

GPtrArray *
ms_claws_accounts_load (const char *claws_dir, GError **error)
{
	g_autofree char *rc = g_build_filename (claws_dir, "accountrc", NULL);
	g_autoptr (GMappedFile) map = NULL;

	if (!g_file_test (rc, G_FILE_TEST_EXISTS)) {
		g_set_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_NO_CONFIG,
		             _("%s holds no Claws Mail accounts (no accountrc)."), claws_dir);
		return NULL;
	}
	/* Mapped, so that a huge file is refused before it is read. */
	map = g_mapped_file_new (rc, FALSE, error);
	if (map == NULL)
		return NULL;
	return ms_claws_accounts_parse (g_mapped_file_get_contents (map) ? g_mapped_file_get_contents (map) : "",
	                                g_mapped_file_get_length (map), error);
}
