/* The check-up's fix, written into Claws's configuration through Claws's
 * own API, all or nothing, and its undo (checkup-apply.h).
 *
 * Only the settings the check-up judges change (servers, ports, TLS
 * modes, signing in to send): the account keeps its id, name, folders and
 * passwords (Claws's password store is keyed by the account's id; it is not
 * touched). As in account-writer.c, the files that may change (accountrc
 * with its .bak and .tmp, the certificate exceptions removed) are copied
 * into memory first and put back, with the account's settings in memory,
 * on the first failure.
 *
 * The old settings and the removed certificates are kept in the plugin's
 * own file in Claws's directory (MS_CLAWS_UNDO_FILE, a GKeyFile, written
 * atomically): Undo puts back the last change, if the account still has
 * the settings the fix gave it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "account.h"		/* account_find_from_id, account_write_config_all */
#include "prefs_account.h"	/* PrefsAccount, A_IMAP4, A_POP3 */
#include "imap.h"		/* imap_disconnect_all */
#pragma GCC diagnostic pop

#include "checkup-apply.h"
#include "saved-file.h"

/* accountrc and the password store (Claws's account writer rewrites it
 * too, unchanged), each with its .bak and .tmp; then each certificate and
 * its .chain. */
#define MS_FIRST_CERT 6
#define MS_MAX_SAVED (MS_FIRST_CERT + 2 * MS_CHECKUP_MAX_CERTS)
#define MS_UNDO_GROUP "change-"
/* Changes kept for Undo; older ones are forgotten. */
#define MS_UNDO_MAX 20

typedef struct {
	char *recv_server, *smtp_server, *smtp_userid;
	int ssl_in, set_inport, inport;
	int ssl_smtp, set_smtpport, smtpport, use_smtp_auth, auto_accept;
} MsSettings;

static void
settings_clear (MsSettings *s)
{
	g_free (s->recv_server);
	g_free (s->smtp_server);
	g_free (s->smtp_userid);
	memset (s, 0, sizeof *s);
}

static void
settings_get (const PrefsAccount *ac, MsSettings *s)
{
	gboolean imap = ac->protocol == A_IMAP4;

	s->recv_server = g_strdup (ac->recv_server);
	s->smtp_server = g_strdup (ac->smtp_server);
	s->smtp_userid = g_strdup (ac->smtp_userid);
	s->ssl_in = imap ? ac->ssl_imap : ac->ssl_pop;
	s->set_inport = imap ? ac->set_imapport : ac->set_popport;
	s->inport = imap ? ac->imapport : ac->popport;
	s->ssl_smtp = ac->ssl_smtp;
	s->set_smtpport = ac->set_smtpport;
	s->smtpport = ac->smtpport;
	s->use_smtp_auth = ac->use_smtp_auth;
	s->auto_accept = ac->ssl_certs_auto_accept;
}

static void
set_string (char **field, const char *value)
{
	/* Strings that do not change stay: Claws's windows may point to them. */
	if (g_strcmp0 (*field, value) != 0) {
		g_free (*field);
		*field = g_strdup (value);
	}
}

static void
settings_set (PrefsAccount *ac, const MsSettings *s)
{
	set_string (&ac->recv_server, s->recv_server);
	set_string (&ac->smtp_server, s->smtp_server);
	set_string (&ac->smtp_userid, s->smtp_userid);
	if (ac->protocol == A_IMAP4) {
		ac->ssl_imap = s->ssl_in;
		ac->set_imapport = s->set_inport;
		ac->imapport = s->inport;
	} else {
		ac->ssl_pop = s->ssl_in;
		ac->set_popport = s->set_inport;
		ac->popport = s->inport;
	}
	ac->ssl_smtp = s->ssl_smtp;
	ac->set_smtpport = s->set_smtpport;
	ac->smtpport = s->smtpport;
	ac->use_smtp_auth = s->use_smtp_auth;
	ac->ssl_certs_auto_accept = s->auto_accept;
}

static int
ssl_of (const MsServer *s)
{
	switch (ms_server_get_socket_type (s)) {
	case MS_SOCKET_TLS: return SSL_TUNNEL;
	case MS_SOCKET_STARTTLS: return SSL_STARTTLS;
	case MS_SOCKET_PLAIN: return SSL_NONE;
	}
	return SSL_NONE;
}

/* The settings the fix gives, written as the wizard writes them. */
static void
settings_fixed (MsSettings *s, const char *userid, const MsServer *incoming, const MsServer *outgoing)
{
	if (incoming) {
		set_string (&s->recv_server, ms_server_get_hostname (incoming));
		s->ssl_in = ssl_of (incoming);
		s->set_inport = TRUE;
		s->inport = ms_server_get_port (incoming);
	}
	if (outgoing) {
		const char *user = ms_server_get_username (outgoing);

		set_string (&s->smtp_server, ms_server_get_hostname (outgoing));
		s->ssl_smtp = ssl_of (outgoing);
		s->set_smtpport = TRUE;
		s->smtpport = ms_server_get_port (outgoing);
		/* A user name means: sign in (the check-up's proposal). Under the
		 * receiving user name, Claws sends with the receiving password:
		 * the password store is not touched. */
		if (user && *user && !s->use_smtp_auth) {
			s->use_smtp_auth = TRUE;
			set_string (&s->smtp_userid, g_strcmp0 (user, userid) == 0 ? NULL : user);
		}
	}
	/* Claws still checks every certificate; it stops asking about valid ones. */
	s->auto_accept = TRUE;
}

static gboolean
settings_equal (const MsSettings *a, const MsSettings *b)
{
	return g_strcmp0 (a->recv_server, b->recv_server) == 0 && g_strcmp0 (a->smtp_server, b->smtp_server) == 0
		&& g_strcmp0 (a->smtp_userid ? a->smtp_userid : "", b->smtp_userid ? b->smtp_userid : "") == 0
		&& a->ssl_in == b->ssl_in && a->set_inport == b->set_inport && a->inport == b->inport
		&& a->ssl_smtp == b->ssl_smtp && a->set_smtpport == b->set_smtpport && a->smtpport == b->smtpport
		&& !a->use_smtp_auth == !b->use_smtp_auth;
}

/* ---------- the undo file ---------- */

static const char *const int_keys[] = {
	"ssl_in", "set_inport", "inport", "ssl_smtp", "set_smtpport", "smtpport", "use_smtp_auth", "auto_accept",
};

static int *
int_field (MsSettings *s, guint i)
{
	int *fields[] = { &s->ssl_in, &s->set_inport, &s->inport, &s->ssl_smtp, &s->set_smtpport, &s->smtpport,
	                  &s->use_smtp_auth, &s->auto_accept };
	return fields[i];
}

static void
settings_save (GKeyFile *kf, const char *group, const char *prefix, MsSettings *s)
{
	g_autofree char *k1 = g_strconcat (prefix, "recv_server", NULL);
	g_autofree char *k2 = g_strconcat (prefix, "smtp_server", NULL);
	g_autofree char *k3 = g_strconcat (prefix, "smtp_userid", NULL);

	g_key_file_set_string (kf, group, k1, s->recv_server ? s->recv_server : "");
	g_key_file_set_string (kf, group, k2, s->smtp_server ? s->smtp_server : "");
	g_key_file_set_string (kf, group, k3, s->smtp_userid ? s->smtp_userid : "");
	for (guint i = 0; i < G_N_ELEMENTS (int_keys); i++) {
		g_autofree char *k = g_strconcat (prefix, int_keys[i], NULL);
		g_key_file_set_integer (kf, group, k, *int_field (s, i));
	}
}

static gboolean
settings_load (GKeyFile *kf, const char *group, const char *prefix, MsSettings *s, GError **error)
{
	g_autofree char *k1 = g_strconcat (prefix, "recv_server", NULL);
	g_autofree char *k2 = g_strconcat (prefix, "smtp_server", NULL);
	g_autofree char *k3 = g_strconcat (prefix, "smtp_userid", NULL);

	if (!(s->recv_server = g_key_file_get_string (kf, group, k1, error))
	    || !(s->smtp_server = g_key_file_get_string (kf, group, k2, error))
	    || !(s->smtp_userid = g_key_file_get_string (kf, group, k3, error)))
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS (int_keys); i++) {
		g_autofree char *k = g_strconcat (prefix, int_keys[i], NULL);
		g_autoptr (GError) local = NULL;
		*int_field (s, i) = g_key_file_get_integer (kf, group, k, &local);
		if (local) {
			g_propagate_error (error, g_steal_pointer (&local));
			return FALSE;
		}
	}
	if (*s->smtp_userid == '\0')
		g_clear_pointer (&s->smtp_userid, g_free);
	return TRUE;
}

static char *
undo_path (void)
{
	return g_build_filename (get_rc_dir (), MS_CLAWS_UNDO_FILE, NULL);
}

static GKeyFile *
undo_load (GError **error)
{
	g_autofree char *path = undo_path ();

	return ms_key_file_load_optional (path, error);
}

/* The newest (or oldest) change's group, or NULL; *count_r: how many. */
static char *
undo_find (GKeyFile *kf, gboolean newest, guint *count_r)
{
	g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
	char *found = NULL;
	guint64 best = 0;
	guint count = 0;

	for (guint i = 0; groups && groups[i]; i++) {
		guint64 n;
		if (!g_str_has_prefix (groups[i], MS_UNDO_GROUP))
			continue;
		count++;
		n = g_ascii_strtoull (groups[i] + strlen (MS_UNDO_GROUP), NULL, 10);
		if (found == NULL || (newest ? n > best : n < best)) {
			best = n;
			found = groups[i];
		}
	}
	if (count_r)
		*count_r = count;
	return g_strdup (found);
}

static char *
undo_last (GKeyFile *kf)
{
	return undo_find (kf, TRUE, NULL);
}

/* Forgets the oldest changes beyond MS_UNDO_MAX. */
static void
undo_trim (GKeyFile *kf)
{
	guint count = 0;
	g_autofree char *oldest = undo_find (kf, FALSE, &count);

	while (oldest && count > MS_UNDO_MAX) {
		g_key_file_remove_group (kf, oldest, NULL);
		g_free (oldest);
		oldest = undo_find (kf, FALSE, &count);
	}
}

static gboolean
undo_save (GKeyFile *kf, GError **error)
{
	g_autofree char *path = undo_path ();
	g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);

	if (groups == NULL || groups[0] == NULL)
		return g_unlink (path) == 0 || !g_file_test (path, G_FILE_TEST_EXISTS);
	/* Atomic: a temporary file renamed over the old one, mode 0600. */
	return g_key_file_save_to_file (kf, path, error) && g_chmod (path, 0600) == 0;
}

gboolean
ms_claws_checkup_can_undo (void)
{
	g_autoptr (GKeyFile) kf = undo_load (NULL);
	g_autofree char *last = kf ? undo_last (kf) : NULL;

	return last != NULL;
}

/* ---------- all or nothing ---------- */

typedef struct {
	MsSavedFile files[MS_MAX_SAVED];
	guint n;
	PrefsAccount *ac;
	MsSettings old;
} MsChange;

static gboolean
change_take (MsChange *c, const char *path, GError **error)
{
	g_return_val_if_fail (c->n < MS_MAX_SAVED, FALSE);
	return ms_saved_file_take (&c->files[c->n++], path, error);
}

static gboolean
change_begin (MsChange *c, int id, GError **error)
{
	static const char *const suffixes[] = { "", ".bak", ".tmp" };

	c->ac = account_find_from_id (id);
	if (c->ac == NULL || (c->ac->protocol != A_IMAP4 && c->ac->protocol != A_POP3)) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("There is no mail account %d in Claws Mail."), id);
		return FALSE;
	}
	static const char *const files[] = { ACCOUNT_RC, PASSWORD_STORE_RC };

	for (guint i = 0; i < G_N_ELEMENTS (files) * G_N_ELEMENTS (suffixes); i++) {
		g_autofree char *path = g_strconcat (get_rc_dir (), G_DIR_SEPARATOR_S, files[i / G_N_ELEMENTS (suffixes)],
		                                     suffixes[i % G_N_ELEMENTS (suffixes)], NULL);
		if (!change_take (c, path, error))
			return FALSE;
	}
	settings_get (c->ac, &c->old);
	return TRUE;
}

static void
change_clear (MsChange *c)
{
	for (guint i = 0; i < c->n; i++)
		ms_saved_file_clear (&c->files[i]);
	settings_clear (&c->old);
}

static void
change_roll_back (MsChange *c)
{
	for (guint i = 0; i < c->n; i++)
		if (!ms_saved_file_restore (&c->files[i], NULL))
			g_warning ("mailsetup: could not put back %s", c->files[i].path);
	settings_set (c->ac, &c->old);
}

/* Writes every account (Claws has no other way) and checks the file. */
static gboolean
write_accounts (MsChange *c, GError **error)
{
	g_autofree char *label = g_strdup_printf ("[Account: %d]\n", c->ac->account_id);

	account_write_config_all ();
	if (ms_saved_file_replaced (&c->files[0]) && ms_file_has (c->files[0].path, label))
		return TRUE;
	g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Claws Mail could not save “%s”."), c->files[0].path);
	return FALSE;
}

/* Open IMAP sessions still talk to the old server: closed, Claws opens
 * new ones with the new settings when it next needs them. */
static void
reconnect (const PrefsAccount *ac)
{
	if (ac->protocol == A_IMAP4)
		imap_disconnect_all (TRUE);
}

int
ms_claws_checkup_apply (int id, const MsServer *incoming, const MsServer *outgoing,
                        const char *const *remove, GError **error)
{
	MsChange c = { 0 };
	MsSettings fixed = { 0 };
	g_autoptr (GKeyFile) kf = NULL;
	g_autofree char *group = NULL;
	guint n_remove = remove ? g_strv_length ((char **) remove) : 0;

	g_return_val_if_fail (error == NULL || *error == NULL, -1);
	if (n_remove > MS_CHECKUP_MAX_CERTS) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED, _("Too many certificates to remove at once."));
		return -1;
	}
	if (!change_begin (&c, id, error) || !(kf = undo_load (error)))
		goto failed_early;
	for (guint i = 0; i < n_remove; i++) {
		g_autofree char *chain = g_strconcat (remove[i], ".chain", NULL);
		if (!change_take (&c, remove[i], error) || !change_take (&c, chain, error))
			goto failed_early;
	}

	settings_get (c.ac, &fixed);
	settings_fixed (&fixed, c.ac->userid, incoming, outgoing);
	group = g_strdup_printf (MS_UNDO_GROUP "%" G_GINT64_FORMAT, g_get_real_time ());
	g_key_file_set_integer (kf, group, "account", id);
	g_key_file_set_string (kf, group, "address", c.ac->address ? c.ac->address : "");
	settings_save (kf, group, "old_", &c.old);
	settings_save (kf, group, "new_", &fixed);
	/* The certificates removed, to put back (base64 of the files). */
	for (guint i = MS_FIRST_CERT, k = 0; i < c.n; i++) {
		if (c.files[i].kind != MS_FILE_REGULAR)
			continue;
		g_autofree char *kp = g_strdup_printf ("cert%u_path", k);
		g_autofree char *kd = g_strdup_printf ("cert%u_data", k++);
		g_autofree char *data = g_base64_encode ((const guchar *) c.files[i].contents, c.files[i].length);
		g_key_file_set_string (kf, group, kp, c.files[i].path);
		g_key_file_set_string (kf, group, kd, data);
	}

	settings_set (c.ac, &fixed);
	if (!write_accounts (&c, error))
		goto failed;
	for (guint i = MS_FIRST_CERT; i < c.n; i++)
		if (c.files[i].kind == MS_FILE_REGULAR && g_unlink (c.files[i].path) != 0) {
			ms_set_errno_error (error, errno, c.files[i].path);
			goto failed;
		}
	undo_trim (kf);
	if (!undo_save (kf, error))
		goto failed;
	reconnect (c.ac);
	log_message (LOG_PROTOCOL, "mailsetup: account %d made secure (%u certificate exceptions removed)\n",
		     id, n_remove);
	settings_clear (&fixed);
	change_clear (&c);
	return id;

failed:
	change_roll_back (&c);
	log_message (LOG_PROTOCOL, "mailsetup: account %d not changed: %s\n", id,
		     error && *error ? (*error)->message : "");
failed_early:
	settings_clear (&fixed);
	change_clear (&c);
	return -1;
}

int
ms_claws_checkup_undo (GError **error)
{
	MsChange c = { 0 };
	MsSettings want = { 0 }, recorded = { 0 }, now = { 0 };
	g_autoptr (GKeyFile) kf = undo_load (error);
	g_autofree char *group = kf ? undo_last (kf) : NULL;
	g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_free);
	int id = -1;

	if (kf == NULL)
		return -1;
	if (group == NULL) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_FAILED, _("There is nothing to undo."));
		return -1;
	}
	if (!change_begin (&c, g_key_file_get_integer (kf, group, "account", NULL), error)
	    || !settings_load (kf, group, "old_", &want, error) || !settings_load (kf, group, "new_", &recorded, error))
		goto done;
	settings_get (c.ac, &now);
	if (!settings_equal (&now, &recorded)) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("The account “%s” was changed since it was made secure: its settings are left as they are."),
		             c.ac->account_name ? c.ac->account_name : "");
		goto done;
	}
	for (guint k = 0; k < MS_CHECKUP_MAX_CERTS * 2; k++) {
		g_autofree char *kp = g_strdup_printf ("cert%u_path", k);
		char *path = g_key_file_get_string (kf, group, kp, NULL);
		if (path == NULL)
			break;
		g_ptr_array_add (certs, path);
		if (!change_take (&c, path, error))
			goto done;
	}
	settings_set (c.ac, &want);
	if (!write_accounts (&c, error))
		goto failed;
	for (guint k = 0; k < certs->len; k++) {
		g_autofree char *kd = g_strdup_printf ("cert%u_data", k);
		g_autofree char *data = g_key_file_get_string (kf, group, kd, NULL);
		gsize len = 0;
		g_autofree guchar *bytes = data ? g_base64_decode (data, &len) : NULL;
		if (bytes == NULL || !g_file_set_contents (certs->pdata[k], (const char *) bytes, (gssize) len, error)) {
			if (error && *error == NULL)
				g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("Could not put back “%s”."),
				             (const char *) certs->pdata[k]);
			goto failed;
		}
	}
	g_key_file_remove_group (kf, group, NULL);
	if (!undo_save (kf, error))
		goto failed;
	reconnect (c.ac);
	id = c.ac->account_id;
	log_message (LOG_PROTOCOL, "mailsetup: account %d put back as it was\n", id);
	goto done;

failed:
	change_roll_back (&c);
done:
	settings_clear (&want);
	settings_clear (&recorded);
	settings_clear (&now);
	change_clear (&c);
	return id;
}
