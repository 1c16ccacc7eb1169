/* Reading Claws Mail's accountrc: "[Account: N]" groups of key=value
 * lines, as Claws's prefs.c writes them. Only what an export needs is
 * read, with bounds; passwords are not in this file (Claws keeps them in
 * its password store) and nothing here looks for them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/error.h>
#include <mailsetup/export.h>

#include "core/i18n.h"
#include "formats/mail-account.h"

#include <string.h>

/* Claws's enums, as numbers in the file (prefs_account.h). */
enum { CLAWS_A_POP3 = 0, CLAWS_A_IMAP4 = 1 };
enum { CLAWS_SSL_NONE = 0, CLAWS_SSL_TUNNEL = 1, CLAWS_SSL_STARTTLS = 2 };

static gint64
int_of (GHashTable *kv, const char *key, gint64 fallback)
{
	const char *v = g_hash_table_lookup (kv, key);
	gint64 n;
	if (v == NULL || !g_ascii_string_to_signed (v, 10, -1, 65535, &n, NULL))
		return fallback;
	return n;
}

static const char *
text_of (GHashTable *kv, const char *key)
{
	const char *v = g_hash_table_lookup (kv, key);
	return v && *v && _ms_export_text_ok (v) ? v : NULL;
}

static MsSocketType
socket_of (gint64 ssl)
{
	return ssl == CLAWS_SSL_TUNNEL ? MS_SOCKET_TLS : ssl == CLAWS_SSL_STARTTLS ? MS_SOCKET_STARTTLS : MS_SOCKET_PLAIN;
}

/* "#imap/Account name/Sent" -> "Sent": the folder on the server. */
static char *
imap_folder (GHashTable *kv, const char *key)
{
	const char *v = text_of (kv, key);
	if (v == NULL || !g_str_has_prefix (v, "#imap/"))
		return NULL;
	const char *slash = strchr (v + 6, '/');
	return slash && slash[1] ? g_strdup (slash + 1) : NULL;
}

/* The account of one group, or NULL when it is not an IMAP or POP3
 * account with both servers. */
static MsMailAccount *
account_of (GHashTable *kv)
{
	gint64 protocol = int_of (kv, "protocol", -1);
	gboolean imap = protocol == CLAWS_A_IMAP4;
	const char *address = text_of (kv, "address");

	if ((protocol != CLAWS_A_POP3 && !imap) || address == NULL || strchr (address, '@') == NULL)
		return NULL;
	gint64 ssl = int_of (kv, imap ? "ssl_imap" : "ssl_pop", CLAWS_SSL_NONE);
	gint64 port = int_of (kv, imap ? "set_imapport" : "set_popport", 0) ? int_of (kv, imap ? "imap_port" : "pop_port", 0)
	            : imap ? (ssl == CLAWS_SSL_TUNNEL ? 993 : 143)
	                   : (ssl == CLAWS_SSL_TUNNEL ? 995 : 110);
	const char *user = text_of (kv, "user_id");
	MsServer *in = _ms_export_server (imap ? MS_PROTOCOL_IMAP : MS_PROTOCOL_POP3, text_of (kv, "receive_server"),
	                                  port, socket_of (ssl), user ? user : address, NULL);
	if (in == NULL)
		return NULL;

	gint64 smtp_ssl = int_of (kv, "ssl_smtp", CLAWS_SSL_NONE);
	gint64 smtp_port = int_of (kv, "set_smtpport", 0) ? int_of (kv, "smtp_port", 0)
	                 : smtp_ssl == CLAWS_SSL_TUNNEL ? 465 : 25;
	const char *smtp_user = text_of (kv, "smtp_user_id");
	MsServer *out = _ms_export_server (MS_PROTOCOL_SMTP, text_of (kv, "smtp_server"), smtp_port,
	                                   socket_of (smtp_ssl), smtp_user ? smtp_user : user ? user : address, NULL);
	if (out == NULL) {
		ms_server_unref (in);
		return NULL;
	}
	MsMailAccount *a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (address);
	a->realname = g_strdup (text_of (kv, "name"));
	a->incoming = in;
	a->outgoing = out;
	if (imap) {
		a->sent_folder = imap_folder (kv, "sent_folder");
		a->drafts_folder = imap_folder (kv, "draft_folder");
	}
	return a;
}

static void
flush (GPtrArray *accounts, GHashTable **kv)
{
	if (*kv == NULL)
		return;
	MsMailAccount *a = accounts->len < MS_EXPORT_MAX_ACCOUNTS ? account_of (*kv) : NULL;
	if (a)
		g_ptr_array_add (accounts, a);
	g_clear_pointer (kv, g_hash_table_unref);
}

GPtrArray *
ms_claws_accountrc_parse (const char *data, gsize length, GError **error)
{
	g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_mail_account_free);
	g_autoptr (GHashTable) kv = NULL;
	const char *p = data, *end = data + length;

	if (length > MS_EXPORT_MAX_INPUT) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("larger than %u KiB"), MS_EXPORT_MAX_INPUT / 1024);
		return NULL;
	}
	/* Claws writes its files in UTF-8; a NUL or anything else is not an
	 * accountrc. */
	if (!g_utf8_validate_len (data, length, NULL)) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("not a Claws Mail accountrc (not UTF-8 text)"));
		return NULL;
	}
	while (p < end) {
		const char *nl = memchr (p, '\n', (gsize) (end - p));
		gsize len = nl ? (gsize) (nl - p) : (gsize) (end - p);
		g_autofree char *line = g_strndup (p, len);
		p += len + (nl ? 1 : 0);
		g_strchomp (line);
		if (g_str_has_prefix (line, "[Account: ") && g_str_has_suffix (line, "]")) {
			flush (accounts, &kv);
			kv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
			continue;
		}
		if (line[0] == '[') {
			/* Another block: not an account's. */
			flush (accounts, &kv);
			continue;
		}
		char *eq = strchr (line, '=');
		if (kv == NULL || eq == NULL)
			continue;
		*eq = '\0';
		/* Claws reads a key's first occurrence in a block. */
		if (!g_hash_table_contains (kv, line))
			g_hash_table_insert (kv, g_strdup (line), g_strdup (eq + 1));
	}
	flush (accounts, &kv);
	return g_steal_pointer (&accounts);
}
