/* The one place that writes an account into Claws Mail's configuration,
 * through Claws's own API (account-writer.h).
 *
 * Claws's writers each replace one file (a temporary file renamed over it,
 * the previous version kept as <file>.bak) but return nothing, and an
 * account spans several files: accountrc, the password store, clawsrc (the
 * password store's salt) and, for IMAP, folderlist.xml. So every file this
 * may change, with its .bak and .tmp, is first copied into memory; each
 * writer's result is checked on disk (a replaced file has a new inode); on
 * the first failure the files are put back as they were, and so is Claws's
 * state in memory: the new PrefsAccount, its folder and its passwords are
 * dropped, an updated account gets its old settings back. Claws's account
 * list itself is changed only once every file is written.
 *
 * The files are written in the order that leaves Claws able to start
 * should the process die in between: passwords first (unused without the
 * account), then the salt, then accountrc, then folderlist.xml (Claws
 * makes a missing IMAP folder itself at start-up).
 *
 * Nothing here connects to a server: the folder of an IMAP account is made
 * as Claws's own "new account" does, without create_tree(). Nothing runs
 * Claws's main loop once the files are copied (a primary passphrase, if
 * any, is asked for before), so nothing else changes them meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "saved-file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "defs.h"		/* ACCOUNT_RC, FOLDER_LIST, PASSWORD_STORE_RC, COMMON_RC */
#include "prefs.h"		/* prefs_write_open, prefs_set_block_label, prefs_file_close */
#include "account.h"		/* account_get_list, account_write_config_all… */
#include "prefs_account.h"	/* PrefsAccount, prefs_account_new, A_IMAP4, POPAUTH_OAUTH2 */
#include "prefs_common.h"	/* CLAWS_CONFIG_VERSION, prefs_common_get_prefs */
#include "passwordstore.h"	/* passwd_store_*, PWS_ACCOUNT_* */
#include "password.h"		/* primary_passphrase */
#include "folder.h"		/* folder_new, folder_add, folder_write_list */
#include "folderview.h"		/* folderview_set_all */
#include "imap.h"		/* IMAP_AUTH_OAUTH2 */
/* Debian's Claws is built with OAuth2, but its installed claws-features.h
 * does not say so; oauth2.h declares only the provider enum we need. */
#define USE_OAUTH2 1
#include "oauth2.h"		/* Oauth2Service */
#undef USE_OAUTH2
#pragma GCC diagnostic pop

#include "account-writer.h"

/* The key clawsrc keeps the password store's salt under ([Common]). */
#define MS_CLAWS_SALT_KEY "master_passphrase_salt"

/* ---------- files, as they were ---------- */

/* The files Claws's writers may change for us, each with its .bak (the
 * previous version, made by prefs_file_close) and .tmp (being written). */
enum { MS_ACCOUNTRC, MS_FOLDERLIST, MS_PASSWORDSTORE, MS_CLAWSRC, MS_N_FILES };
static const char *const ms_file_names[MS_N_FILES] = {
	ACCOUNT_RC, FOLDER_LIST, PASSWORD_STORE_RC, COMMON_RC,
};
static const char *const ms_file_suffixes[] = { "", ".bak", ".tmp" };
#define MS_N_SUFFIXES G_N_ELEMENTS (ms_file_suffixes)
#define MS_N_SAVED (MS_N_FILES * MS_N_SUFFIXES)

/* ---------- the account's settings ---------- */

/* Every field the writer sets, saved to be put back on an update that fails. */
#define MS_STRING_FIELDS(X) \
	X (account_name) X (name) X (address) X (recv_server) X (smtp_server) \
	X (userid) X (smtp_userid) X (inbox) \
	X (oauth2_authcode) X (oauth2_client_id) X (oauth2_client_secret)
#define MS_VALUE_FIELDS(X) \
	X (protocol) X (is_default) X (config_version) \
	X (ssl_pop) X (ssl_imap) X (ssl_smtp) X (ssl_certs_auto_accept) X (use_tls_sni) \
	X (set_popport) X (popport) X (set_imapport) X (imapport) \
	X (set_smtpport) X (smtpport) \
	X (use_pop_auth) X (pop_auth_type) X (use_apop_auth) X (imap_auth_type) \
	X (use_smtp_auth) X (smtp_auth_type) X (oauth2_provider) X (oauth2_date)

typedef struct {
#define X(f) char *f;
	MS_STRING_FIELDS (X)
#undef X
#define X(f) __typeof__ (((PrefsAccount *) NULL)->f) f;
	MS_VALUE_FIELDS (X)
#undef X
} MsAccountFields;

static void
fields_get (const PrefsAccount *ac, MsAccountFields *f)
{
#define X(n) f->n = g_strdup (ac->n);
	MS_STRING_FIELDS (X)
#undef X
#define X(n) f->n = ac->n;
	MS_VALUE_FIELDS (X)
#undef X
}

/* Strings that do not change are left as they are: Claws's windows may
 * point to them. */
static void
fields_set (PrefsAccount *ac, const MsAccountFields *f)
{
#define X(n) if (g_strcmp0 (ac->n, f->n) != 0) { g_free (ac->n); ac->n = g_strdup (f->n); }
	MS_STRING_FIELDS (X)
#undef X
#define X(n) ac->n = f->n;
	MS_VALUE_FIELDS (X)
#undef X
}

static void
fields_clear (MsAccountFields *f)
{
#define X(n) g_free (f->n);
	MS_STRING_FIELDS (X)
#undef X
	memset (f, 0, sizeof *f);
}

static void
set_string (char **field, const char *value)
{
	g_free (*field);
	*field = g_strdup (value);
}

/* Claws 4.1's OAuth2 providers, by the host that issues the tokens. */
static int
oauth2_provider (const MsOAuth2 *oauth2)
{
	static const struct { const char *host; Oauth2Service provider; } known[] = {
		{ "accounts.google.com", OAUTH2AUTH_GOOGLE },
		/* Claws's "MS Outlook": tenant "common", outlook.office.com scopes. */
		{ "login.microsoftonline.com", OAUTH2AUTH_OUTLOOK },
		{ "login.yahoo.com", OAUTH2AUTH_YAHOO },
		{ "api.login.yahoo.com", OAUTH2AUTH_YAHOO },
	};
	g_autoptr (GUri) uri = oauth2->auth_url ? g_uri_parse (oauth2->auth_url, G_URI_FLAGS_NONE, NULL) : NULL;
	const char *hosts[] = { oauth2->issuer, uri ? g_uri_get_host (uri) : NULL };

	for (guint h = 0; h < G_N_ELEMENTS (hosts); h++)
		for (guint i = 0; hosts[h] && i < G_N_ELEMENTS (known); i++)
			if (g_ascii_strcasecmp (hosts[h], known[i].host) == 0)
				return known[i].provider;
	return OAUTH2AUTH_NONE;
}

static gboolean
text_ok (const char *s)
{
	if (s == NULL)
		return TRUE;
	if (!g_utf8_validate (s, -1, NULL))
		return FALSE;
	for (; *s; s++)
		if ((guchar) *s < 0x20 || *s == 0x7f)
			return FALSE;
	return TRUE;
}

static gboolean
server_ok (const MsServer *server, gboolean incoming, GError **error)
{
	MsProtocol protocol = ms_server_get_protocol (server);
	const char *host = ms_server_get_hostname (server);

	if (incoming ? protocol == MS_PROTOCOL_SMTP : protocol != MS_PROTOCOL_SMTP) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED, incoming
				     ? _("The incoming server must be an IMAP or POP3 server.")
				     : _("The outgoing server must be an SMTP server."));
		return FALSE;
	}
	if (host == NULL || *host == '\0' || strchr (host, '%') || !text_ok (host)) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_HOSTNAME,
			     _("“%s” is not a complete server name."), host ? host : "");
		return FALSE;
	}
	if (ms_server_get_port (server) == 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_PORT,
			     _("The server “%s” has no port."), host);
		return FALSE;
	}
	if (ms_server_get_socket_type (server) == MS_SOCKET_PLAIN) {
		g_set_error (error, MS_ERROR, MS_ERROR_INSECURE_SERVER,
			     _("The server “%s” does not use TLS: Claws Mail will not be set up to send a password to it in clear."),
			     host);
		return FALSE;
	}
	return TRUE;
}

static const char *
user_of (const MsServer *server, const char *address)
{
	const char *user = ms_server_get_username (server);

	return user && *user ? user : address;
}

static SSLType
ssl_of (const MsServer *server)
{
	return ms_server_get_socket_type (server) == MS_SOCKET_TLS ? SSL_TUNNEL : SSL_STARTTLS;
}

static gboolean
spec_ok (const MsClawsAccountSpec *spec, int *provider_r, GError **error)
{
	g_autoptr (MsAddress) address = ms_address_parse (spec->address, error);
	const char *in_user, *out_user;

	if (address == NULL
	    || !server_ok (spec->incoming, TRUE, error)
	    || !server_ok (spec->outgoing, FALSE, error))
		return FALSE;
	in_user = user_of (spec->incoming, spec->address);
	out_user = user_of (spec->outgoing, spec->address);
	if (!text_ok (spec->account_name) || !text_ok (spec->full_name) || !text_ok (spec->address)
	    || !text_ok (in_user) || !text_ok (out_user) || strchr (in_user, '%') || strchr (out_user, '%')) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("The account's name, address and user names cannot contain line breaks, other control characters or placeholders."));
		return FALSE;
	}
	*provider_r = OAUTH2AUTH_NONE;
	if (spec->oauth2 != NULL) {
		*provider_r = oauth2_provider (spec->oauth2);
		if (*provider_r == OAUTH2AUTH_NONE) {
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
				     _("Claws Mail cannot sign in with OAuth2 at “%s”: it knows only Google, Microsoft and Yahoo."),
				     spec->oauth2->issuer ? spec->oauth2->issuer : spec->oauth2->auth_url);
			return FALSE;
		}
	} else if (spec->password == NULL || *spec->password == '\0') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("No password was given for the account."));
		return FALSE;
	}
	return TRUE;
}

/* The settings @spec gives, over @f (the account's current ones). */
static void
fields_from_spec (MsAccountFields *f, const MsClawsAccountSpec *spec, int provider, gboolean is_new)
{
	const MsServer *in = spec->incoming, *out = spec->outgoing;
	gushort in_port = ms_server_get_port (in);
	gboolean oauth2 = provider != OAUTH2AUTH_NONE;

	/* An update keeps the account's name: the user's label, and for IMAP
	 * the name of its folder tree. */
	if (is_new)
		set_string (&f->account_name, spec->account_name ? spec->account_name : spec->address);
	if (is_new || spec->full_name)
		set_string (&f->name, spec->full_name);
	set_string (&f->address, spec->address);
	f->config_version = CLAWS_CONFIG_VERSION;

	f->protocol = ms_server_get_protocol (in) == MS_PROTOCOL_IMAP ? A_IMAP4 : A_POP3;
	set_string (&f->recv_server, ms_server_get_hostname (in));
	set_string (&f->userid, user_of (in, spec->address));
	if (f->protocol == A_IMAP4) {
		f->ssl_imap = ssl_of (in);
		f->set_imapport = TRUE;
		f->imapport = in_port;
		f->imap_auth_type = oauth2 ? IMAP_AUTH_OAUTH2 : 0;	/* 0: automatic */
	} else {
		f->ssl_pop = ssl_of (in);
		f->set_popport = TRUE;
		f->popport = in_port;
		f->use_apop_auth = FALSE;
		f->use_pop_auth = oauth2;
		f->pop_auth_type = oauth2 ? POPAUTH_OAUTH2 : 0;
		if (is_new && folder_get_default_inbox () != NULL) {
			g_autofree char *inbox = folder_item_get_identifier (folder_get_default_inbox ());

			if (inbox)
				set_string (&f->inbox, inbox);
		}
	}

	set_string (&f->smtp_server, ms_server_get_hostname (out));
	f->ssl_smtp = ssl_of (out);
	f->set_smtpport = TRUE;
	f->smtpport = ms_server_get_port (out);
	f->use_smtp_auth = TRUE;
	f->smtp_auth_type = oauth2 ? SMTPAUTH_OAUTH2 : 0;	/* 0: automatic */
	set_string (&f->smtp_userid, user_of (out, spec->address));

	/* Claws checks every certificate; without this it also asks about
	 * valid ones, which the engine has just checked. */
	f->ssl_certs_auto_accept = TRUE;
	f->use_tls_sni = TRUE;

	/* An OAuth2 account of the same provider keeps its authorisation. */
	if (!oauth2 || f->oauth2_provider != provider) {
		f->oauth2_date = 0;
		set_string (&f->oauth2_authcode, NULL);
		set_string (&f->oauth2_client_id, NULL);	/* NULL: Claws's own */
		set_string (&f->oauth2_client_secret, NULL);
	}
	f->oauth2_provider = provider;
}

/* ---------- passwords, in Claws's store ---------- */

/* An account's entries: its two passwords, then OAuth2's tokens. */
static const char *const ms_password_ids[] = {
	PWS_ACCOUNT_RECV, PWS_ACCOUNT_SEND,
	PWS_ACCOUNT_OAUTH2_AUTH, PWS_ACCOUNT_OAUTH2_REFRESH, PWS_ACCOUNT_OAUTH2_EXPIRY,
};
#define MS_FIRST_TOKEN 2
#define MS_N_PASSWORDS G_N_ELEMENTS (ms_password_ids)

static void
secret_free (char *secret)
{
	if (secret) {
		memset (secret, 0, strlen (secret));
		g_free (secret);
	}
}

/* The account's current entries, decrypted (Claws asks for the primary
 * passphrase if there is one). */
static gboolean
passwords_save (int id, char *saved[MS_N_PASSWORDS], GError **error)
{
	for (guint i = 0; i < MS_N_PASSWORDS; i++) {
		if (!passwd_store_has_password_account (id, ms_password_ids[i]))
			continue;
		saved[i] = passwd_store_get_account (id, ms_password_ids[i]);
		if (saved[i] == NULL) {
			g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
					     _("Claws Mail's password store could not be read (was the primary passphrase given?)."));
			return FALSE;
		}
	}
	return TRUE;
}

static void
passwords_restore (int id, char *saved[MS_N_PASSWORDS])
{
	for (guint i = 0; i < MS_N_PASSWORDS; i++)
		passwd_store_set_account (id, ms_password_ids[i], saved[i], FALSE);
}

static gboolean
passwords_set (int id, const MsClawsAccountSpec *spec, gboolean same_provider, GError **error)
{
	gboolean ok = TRUE;

	if (spec->oauth2 == NULL) {
		/* The same password for sending, under the SMTP user name. */
		ok = passwd_store_set_account (id, PWS_ACCOUNT_RECV, spec->password, FALSE)
			&& passwd_store_set_account (id, PWS_ACCOUNT_SEND, spec->password, FALSE);
	} else {
		passwd_store_set_account (id, PWS_ACCOUNT_RECV, NULL, FALSE);
		passwd_store_set_account (id, PWS_ACCOUNT_SEND, NULL, FALSE);
	}
	/* Tokens stay valid only for an OAuth2 account of the same provider. */
	if (spec->oauth2 == NULL || !same_provider)
		for (guint i = MS_FIRST_TOKEN; i < MS_N_PASSWORDS; i++)
			passwd_store_set_account (id, ms_password_ids[i], NULL, FALSE);
	if (!ok)
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("The password could not be put in Claws Mail's password store (was the primary passphrase given?)."));
	return ok;
}

/* ---------- writing ---------- */

static gboolean
check_written (const MsSavedFile *f, const char *needle, GError **error)
{
	if (ms_saved_file_replaced (f) && (needle == NULL || ms_file_has (f->path, needle)))
		return TRUE;
	g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
		     _("Claws Mail could not save “%s”."), f->path);
	return FALSE;
}

/* The body of clawsrc's [Common] block as prefs_set_block_label() and
 * prefs_file_close() see it: the lines after the first line starting with
 * "[Common]", up to the next line starting with '['. */
static gboolean
common_block (const char *text, gsize *start_r, gsize *length_r)
{
	const char *line, *end;

	for (line = text; *line; line = end) {
		end = strchrnul (line, '\n');
		end += *end == '\n';
		if (g_str_has_prefix (line, "[Common]")) {
			const char *next = end;

			while (*next && *next != '[') {
				next = strchrnul (next, '\n');
				next += *next == '\n';
			}
			*start_r = (gsize) (end - text);
			*length_r = (gsize) (next - end);
			return TRUE;
		}
	}
	return FALSE;
}

/* The password store's key is made from a salt Claws keeps in clawsrc
 * ([Common] master_passphrase_salt), made when the first password is
 * stored and otherwise saved only when Claws quits: after a crash nobody
 * could read the passwords. prefs_common_write_config() would save it,
 * but it also rewrites Claws's search and command histories; so only the
 * salt's line is written, with Claws's own prefs file functions (they copy
 * the rest of clawsrc as it is). */
static gboolean
save_salt (const MsSavedFile *clawsrc, GError **error)
{
	const char *salt = prefs_common_get_prefs ()->primary_passphrase_salt;
	const char *text = clawsrc->kind == MS_FILE_REGULAR ? clawsrc->contents : "";
	g_autofree char *line = NULL;
	g_autoptr (GString) body = NULL;
	gsize start = 0, length = 0, at;
	const char *old;
	PrefFile *pfile;

	if (salt == NULL || *salt == '\0')
		return TRUE;	/* nothing was encrypted */
	line = g_strdup_printf (MS_CLAWS_SALT_KEY "=%s", salt);
	common_block (text, &start, &length);
	body = g_string_new_len (text + start, (gssize) length);

	/* The salt's line put in place, or added after the block's last setting. */
	for (old = body->str; old && strncmp (old, MS_CLAWS_SALT_KEY "=", strlen (MS_CLAWS_SALT_KEY "=")) != 0;
	     old = strchr (old, '\n'), old = old ? old + 1 : NULL)
		;
	if (old) {
		gsize line_length = (gsize) (strchrnul (old, '\n') - old);

		if (line_length == strlen (line) && strncmp (old, line, line_length) == 0)
			return TRUE;	/* already saved */
		at = (gsize) (old - body->str);
		g_string_erase (body, (gssize) at, (gssize) line_length);
		g_string_insert (body, (gssize) at, line);
	} else {
		for (at = body->len; at > 0 && body->str[at - 1] == '\n'; at--)
			;
		if (at == 0) {
			g_string_prepend (body, "\n");
			g_string_prepend (body, line);
		} else {
			g_string_insert (body, (gssize) at, line);
			g_string_insert_c (body, (gssize) at, '\n');
		}
	}

	/* prefs_set_block_label() copies what comes before the block and
	 * writes its label; prefs_file_close() skips the old body and copies
	 * the blocks after it. Both revert the file on failure. */
	if ((pfile = prefs_write_open (clawsrc->path)) == NULL
	    || prefs_set_block_label (pfile, "Common") < 0)
		return check_written (clawsrc, NULL, error);
	if (fputs (body->str, pfile->fp) == EOF) {
		prefs_file_close_revert (pfile);
		return check_written (clawsrc, NULL, error);
	}
	if (prefs_file_close (pfile) < 0)
		return check_written (clawsrc, NULL, error);
	return check_written (clawsrc, line, error);
}

/* ---------- the account, all or nothing ---------- */

typedef struct {
	MsSavedFile files[MS_N_SAVED];
	char *passwords[MS_N_PASSWORDS];	/* the account's entries as they were */
	PrefsAccount *ac;
	gboolean is_new;
	MsAccountFields old;			/* its settings as they were */
	Folder *folder;				/* made here */
} MsWrite;

static MsSavedFile *
saved (MsWrite *w, int file)
{
	return &w->files[file * MS_N_SUFFIXES];	/* the file itself, not .bak or .tmp */
}

static void
write_clear (MsWrite *w)
{
	for (guint i = 0; i < MS_N_SAVED; i++)
		ms_saved_file_clear (&w->files[i]);
	for (guint i = 0; i < MS_N_PASSWORDS; i++)
		secret_free (w->passwords[i]);
	fields_clear (&w->old);
}

/* Claws's state, in memory and on disk, as it was before @w began. */
static void
roll_back (MsWrite *w, GError **error)
{
	g_autoptr (GError) restore_error = NULL;

	if (w->folder) {
		w->ac->folder = NULL;
		folder_destroy (w->folder);
		w->folder = NULL;
	}
	for (guint i = 0; i < MS_N_SAVED; i++)
		if (!ms_saved_file_restore (&w->files[i], restore_error ? NULL : &restore_error))
			g_warning ("mailsetup: could not put back %s", w->files[i].path);
	passwords_restore (w->ac->account_id, w->passwords);
	if (w->is_new)
		prefs_account_free (w->ac);
	else
		fields_set (w->ac, &w->old);
	w->ac = NULL;

	if (restore_error && error && *error) {
		char *message = g_strdup_printf (_("%s Its previous configuration could not be put back either: %s"),
						 (*error)->message, restore_error->message);

		g_free ((*error)->message);
		(*error)->message = message;
	}
}

/* Puts the account written into Claws's list (the files are all written). */
static void
commit (MsWrite *w, GList *accounts)
{
	PrefsAccount *loaded;

	if (!w->is_new)
		return;
	if (accounts != NULL) {
		/* Appending to a list that is not empty keeps its head, which
		 * is Claws's own (account.c's static list). */
		accounts = g_list_append (accounts, w->ac);
		(void) accounts;
		return;
	}
	/* An empty list's head cannot be set from here: Claws reads the
	 * file just written, as its first-run wizard does. */
	account_read_config_all ();
	loaded = account_find_from_id (w->ac->account_id);
	if (loaded == NULL) {
		g_warning ("mailsetup: account %d written but not read back", w->ac->account_id);
		return;
	}
	if (w->folder) {
		w->folder->account = loaded;
		loaded->folder = w->folder;
	}
	prefs_account_free (w->ac);
	w->ac = loaded;
}

int
ms_claws_account_write (const MsClawsAccountSpec *spec, int update_id, GError **error)
{
	MsWrite w = { 0 };
	MsAccountFields f = { 0 };
	GList *accounts;
	g_autofree char *label = NULL;
	int provider, id;
	gboolean same_provider;

	g_return_val_if_fail (spec != NULL && spec->address != NULL, -1);
	g_return_val_if_fail (spec->incoming != NULL && spec->outgoing != NULL, -1);
	g_return_val_if_fail (error == NULL || *error == NULL, -1);

	if (!spec_ok (spec, &provider, error))
		return -1;
	/* With a primary passphrase, Claws asks for it (a dialog, with its
	 * main loop running) when a password is first encrypted or read: ask
	 * now, before anything is looked at or changed. */
	if ((spec->oauth2 == NULL || update_id >= 0)
	    && primary_passphrase_is_set () && primary_passphrase () == NULL) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("Claws Mail's primary passphrase was not given: the password cannot be stored."));
		return -1;
	}
	if (update_id >= 0) {
		w.ac = account_find_from_id (update_id);
		if (w.ac == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
				     _("There is no account %d in Claws Mail."), update_id);
			return -1;
		}
		if (w.ac->protocol == A_NNTP
		    || (w.ac->protocol == A_IMAP4 && ms_server_get_protocol (spec->incoming) != MS_PROTOCOL_IMAP)) {
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
				     _("The account “%s” keeps its messages on the server (IMAP or news): it cannot become a POP3 account. Remove it first, or set up the address as another account."),
				     w.ac->account_name ? w.ac->account_name : "");
			return -1;
		}
	}

	accounts = account_get_list ();
	for (guint i = 0; i < MS_N_SAVED; i++) {
		g_autofree char *path = g_strconcat (get_rc_dir (), G_DIR_SEPARATOR_S,
						     ms_file_names[i / MS_N_SUFFIXES],
						     ms_file_suffixes[i % MS_N_SUFFIXES], NULL);

		if (!ms_saved_file_take (&w.files[i], path, error)) {
			write_clear (&w);
			return -1;
		}
	}

	if (w.ac == NULL) {
		w.ac = prefs_account_new ();	/* Claws's defaults and a new id */
		w.is_new = TRUE;
		w.ac->is_default = account_get_default () == NULL;
	}
	id = w.ac->account_id;
	fields_get (w.ac, &w.old);
	same_provider = w.old.oauth2_provider == provider;
	fields_get (w.ac, &f);
	fields_from_spec (&f, spec, provider, w.is_new);

	if (!passwords_save (id, w.passwords, error)) {
		if (w.is_new)
			prefs_account_free (w.ac);
		fields_clear (&f);
		write_clear (&w);
		return -1;
	}
	fields_set (w.ac, &f);
	fields_clear (&f);

	/* 1. The passwords, then the salt they were encrypted with. */
	if (!passwords_set (id, spec, same_provider, error))
		goto failed;
	passwd_store_write_config ();
	label = g_strdup_printf ("[account:%d]\n", id);
	if (!check_written (saved (&w, MS_PASSWORDSTORE), spec->oauth2 ? NULL : label, error)
	    || !save_salt (saved (&w, MS_CLAWSRC), error))
		goto failed;

	/* 2. accountrc: every account, this one included. */
	if (w.is_new) {
		GList *all = g_list_append (g_list_copy (accounts), w.ac);

		prefs_account_write_config_all (all);
		g_list_free (all);
	} else {
		account_write_config_all ();
	}
	g_free (label);
	label = g_strdup_printf ("[Account: %d]\n", id);
	if (!check_written (saved (&w, MS_ACCOUNTRC), label, error))
		goto failed;

	/* 3. An IMAP account's folder tree, as Claws's account_add() makes
	 * it but without create_tree(), which would connect: the root and
	 * INBOX (every IMAP server has it, RFC 3501), without which "Get
	 * Mail" has nothing to look at. Claws finds the other folders when
	 * it scans the tree. */
	if (w.ac->protocol == A_IMAP4 && w.ac->folder == NULL) {
		FolderItem *inbox;

		w.folder = folder_new (folder_get_class_from_string ("imap"),
				       w.ac->account_name, w.ac->recv_server);
		if (w.folder == NULL || w.folder->node == NULL
		    || (inbox = folder_item_new (w.folder, "INBOX", "INBOX")) == NULL) {
			g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
					     _("Claws Mail could not make the account's folder."));
			goto failed;
		}
		inbox->stype = F_INBOX;
		folder_item_append (FOLDER_ITEM (w.folder->node->data), inbox);
		w.folder->inbox = inbox;
		w.folder->account = w.ac;
		w.ac->folder = w.folder;
		folder_add (w.folder);
		folder_write_list ();
		g_free (label);
		label = g_strdup_printf ("account_id=\"%d\"", id);
		if (!check_written (saved (&w, MS_FOLDERLIST), label, error))
			goto failed;
	}

	commit (&w, accounts);
	if (w.folder)
		folderview_set_all ();
	main_window_set_account_menu (account_get_list ());
	log_message (LOG_PROTOCOL, "mailsetup: account %d (%s) %s\n", id, spec->address,
		     w.is_new ? "created" : "updated");
	write_clear (&w);
	return id;

failed:
	log_message (LOG_PROTOCOL, "mailsetup: account for %s not written: %s\n", spec->address,
		     error && *error ? (*error)->message : "");
	roll_back (&w, error);
	write_clear (&w);
	return -1;
}

/* Same local part, same domain (in any case, or as IDNA). */
static gboolean
same_address (const char *a, const char *b)
{
	const char *at_a = a ? strrchr (a, '@') : NULL;
	const char *at_b = b ? strrchr (b, '@') : NULL;
	g_autofree char *domain_a = NULL, *domain_b = NULL;

	if (at_a == NULL || at_b == NULL || at_a - a != at_b - b
	    || strncmp (a, b, (gsize) (at_a - a)) != 0)
		return FALSE;
	domain_a = g_hostname_to_ascii (at_a + 1);
	domain_b = g_hostname_to_ascii (at_b + 1);
	return domain_a && domain_b && g_ascii_strcasecmp (domain_a, domain_b) == 0;
}

int
ms_claws_account_find (const char *address)
{
	g_return_val_if_fail (address != NULL, -1);

	for (GList *l = account_get_list (); l != NULL; l = l->next) {
		const PrefsAccount *ac = l->data;

		if (ac->protocol != A_NNTP && same_address (ac->address, address))
			return ac->account_id;
	}
	return -1;
}

/* ---------- OAuth2: the provider, and the tokens once authorised ---------- */

int
ms_claws_oauth2_provider (const MsOAuth2 *oauth2)
{
	return oauth2 != NULL ? oauth2_provider (oauth2) : OAUTH2AUTH_NONE;
}

/* As Claws's own OAuth2 page stores them (prefs_account.c): the access
 * token serves for receiving and sending until it expires, then the
 * refresh token gets another. */
gboolean
ms_claws_account_set_oauth2_tokens (int id, const char *access, const char *refresh,
				    const char *expiry, GError **error)
{
	PrefsAccount *account = account_find_from_id (id);

	if (account == NULL || access == NULL) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("The authorisation could not be kept: the account is gone."));
		return FALSE;
	}
	if (!passwd_store_set_account (id, PWS_ACCOUNT_RECV, access, FALSE)
	    || !passwd_store_set_account (id, PWS_ACCOUNT_SEND, access, FALSE)
	    || !passwd_store_set_account (id, PWS_ACCOUNT_OAUTH2_REFRESH, refresh, FALSE)
	    || !passwd_store_set_account (id, PWS_ACCOUNT_OAUTH2_EXPIRY, expiry, FALSE)) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED,
				     _("The authorisation could not be put in Claws Mail's password store (was the primary passphrase given?)."));
		return FALSE;
	}
	account->oauth2_date = time (NULL);
	passwd_store_write_config ();
	account_write_config_all ();
	return TRUE;
}
