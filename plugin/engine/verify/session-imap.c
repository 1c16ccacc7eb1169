/* IMAP over libetpan: greeting, CAPABILITY, STARTTLS (RFC 3501 §6.2.1),
 * LOGIN or AUTHENTICATE PLAIN, and the search-and-delete of the test
 * message (UID SEARCH HEADER, UID STORE \Deleted, UID EXPUNGE).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/session.h"

#include <string.h>

#include "verify/classify.h"

/* libetpan closes the stream itself when connecting fails. */
static void
forget_stream_if_closed (MsSession *s)
{
	if (s->imap->imap_stream == NULL)
		s->stream = NULL;
}

/* Forgets what the server said it can do: after STARTTLS (it may have
 * been forged) and before LOGIN (servers say more once logged in). */
static void
forget_capabilities (MsSession *s)
{
	struct mailimap_connection_info *info = s->imap->imap_connection_info;
	if (info && info->imap_capability) {
		mailimap_capability_data_free (info->imap_capability);
		info->imap_capability = NULL;
	}
}

static gboolean
known_capabilities (MsSession *s)
{
	return s->imap->imap_connection_info && s->imap->imap_connection_info->imap_capability;
}

/* CAPABILITY, unless the server already said (Dovecot and most servers
 * put [CAPABILITY …] in the greeting and the LOGIN answer): one round
 * trip less each time. */
static gboolean
capabilities (MsSession *s, MsDiagnosis **d, GError **error)
{
	struct mailimap_capability_data *caps = NULL;
	if (known_capabilities (s))
		return TRUE;
	_ms_session_step (s);
	int r = mailimap_capability (s->imap, &caps);
	if (caps)
		mailimap_capability_data_free (caps);
	if (r == MAILIMAP_NO_ERROR)
		return TRUE;
	*d = _ms_session_failed (s, r == MAILIMAP_ERROR_STREAM, MS_DIAGNOSIS_SERVER_ERROR, error);
	return FALSE;
}

gboolean
_ms_imap_open (MsSession *s, MsDiagnosis **d, GError **error)
{
	s->imap = mailimap_new (0, NULL);
	_ms_session_step (s);
	int r = mailimap_connect (s->imap, s->stream);
	forget_stream_if_closed (s);
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && r != MAILIMAP_NO_ERROR_AUTHENTICATED) {
		*d = _ms_session_failed (s, r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_CONNECTION_REFUSED,
		                         MS_DIAGNOSIS_SERVER_ERROR, error);
		return FALSE;
	}
	if (!capabilities (s, d, error))
		return FALSE;
	if (s->ep.socket_type == MS_SOCKET_STARTTLS) {
		/* Never a silent fall-back to plain text: no STARTTLS, no login. */
		if (!mailimap_has_extension (s->imap, "STARTTLS")) {
			*d = _ms_session_diagnosis (s, MS_DIAGNOSIS_STARTTLS_MISSING, NULL);
			return FALSE;
		}
		_ms_session_step (s);
		r = mailimap_starttls (s->imap);
		if (r != MAILIMAP_NO_ERROR) {
			*d = _ms_session_starttls_failed (s, r == MAILIMAP_ERROR_STREAM, error);
			return FALSE;
		}
		if (!_ms_session_upgrade (s, d, error))
			return FALSE;
		/* What was said before TLS may have been forged: ask again. */
		forget_capabilities (s);
		if (!capabilities (s, d, error))
			return FALSE;
	}
	gboolean login_disabled = mailimap_has_extension (s->imap, "LOGINDISABLED");
	s->use_sasl_plain = login_disabled;
	s->password_login = !login_disabled || mailimap_has_authentication (s->imap, "PLAIN");
	s->oauth2_offered = mailimap_has_authentication (s->imap, "XOAUTH2") ||
	                    mailimap_has_authentication (s->imap, "OAUTHBEARER");
	s->uidplus = mailimap_has_extension (s->imap, "UIDPLUS");
	return TRUE;
}

/* A quoted string (RFC 3501 §4.3) for @text, or NULL when it needs a
 * literal (CR, LF, NUL or 8-bit bytes). */
static char *
imap_quoted (const char *text)
{
	GString *q = g_string_new ("\"");
	for (const char *p = text; *p; p++) {
		if (*p == '\r' || *p == '\n' || (guchar) *p >= 0x80) {
			explicit_bzero (q->str, q->len);
			g_string_free (q, TRUE);
			return NULL;
		}
		if (*p == '"' || *p == '\\')
			g_string_append_c (q, '\\');
		g_string_append_c (q, *p);
	}
	g_string_append_c (q, '"');
	return g_string_free (q, FALSE);
}

static void
secret_free (char *secret)
{
	if (secret) {
		explicit_bzero (secret, strlen (secret));
		g_free (secret);
	}
}

/* LOGIN written on our connection, never through libetpan's stream, which
 * logs what it sends when its debugging is on (Claws Mail turns it on,
 * and its log is a file); libetpan reads and parses the answer, so the
 * session knows its state and the capabilities the answer carries.
 * Returns a MAILIMAP_* code, or -1 when the strings need a literal. */
static int
imap_login_quiet (MsSession *s, const char *user, const char *password)
{
	char *quser = imap_quoted (user), *qpass = imap_quoted (password);
	struct mailimap_response *response = NULL;
	int r;

	if (quser == NULL || qpass == NULL) {
		secret_free (quser);
		secret_free (qpass);
		return -1;
	}
	s->imap->imap_tag++;
	char *command = g_strdup_printf ("%d LOGIN %s %s\r\n", s->imap->imap_tag, quser, qpass);
	secret_free (quser);
	secret_free (qpass);
	gboolean sent = mailstream_flush (s->stream) == 0 && _ms_conn_write_raw (s->conn, command, strlen (command), NULL);
	secret_free (command);
	if (!sent)
		return MAILIMAP_ERROR_STREAM;
	/* libetpan's own commands read the first line, then parse. */
	if (mailimap_read_line (s->imap) == NULL)
		return MAILIMAP_ERROR_STREAM;
	r = mailimap_parse_response (s->imap, &response);
	if (r != MAILIMAP_NO_ERROR)
		return r;
	struct mailimap_response_done *done = response->rsp_resp_done;
	int state = done && done->rsp_type == MAILIMAP_RESP_DONE_TYPE_TAGGED && done->rsp_data.rsp_tagged
	          ? done->rsp_data.rsp_tagged->rsp_cond_state->rsp_type : MAILIMAP_RESP_COND_STATE_BAD;
	mailimap_response_free (response);
	if (state != MAILIMAP_RESP_COND_STATE_OK)
		return MAILIMAP_ERROR_LOGIN;
	s->imap->imap_state = MAILIMAP_STATE_AUTHENTICATED;
	return MAILIMAP_NO_ERROR;
}

MsLoginOutcome
_ms_imap_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error)
{
	int r;

	forget_capabilities (s);
	r = s->use_sasl_plain ? -1 : imap_login_quiet (s, user, password);
	if (r < 0) {
		/* A literal or SASL: libetpan must send it itself. */
		_ms_etpan_quiet_begin ();
		if (!s->use_sasl_plain)
			r = mailimap_login (s->imap, user, password);
		else
			r = mailimap_authenticate (s->imap, "PLAIN", s->host, NULL, NULL, user, user, password, NULL);
		_ms_etpan_quiet_end ();
	}
	if (r == MAILIMAP_NO_ERROR) {
		/* Servers announce more once logged in (UIDPLUS among them),
		 * most in the answer to LOGIN itself. */
		MsDiagnosis *ignored = NULL;
		if (capabilities (s, &ignored, NULL))
			s->uidplus = mailimap_has_extension (s->imap, "UIDPLUS");
		ms_diagnosis_free (ignored);
		return MS_LOGIN_OK;
	}
	if (r == MAILIMAP_ERROR_STREAM) {
		*d = _ms_session_stream_failed (s, error);
		return MS_LOGIN_FAILED;
	}
	return _ms_session_login_refused (s, d);
}

gboolean
_ms_imap_find_and_delete (MsSession *s, const char *token, gboolean *found, MsDiagnosis **d, GError **error)
{
	clist *uids = NULL;
	int r;

	if (s->imap->imap_selection_info == NULL) {
		r = mailimap_select (s->imap, "INBOX");
		if (r != MAILIMAP_NO_ERROR)
			goto failed;
	} else {
		/* Lets the server tell about new messages before searching. */
		r = mailimap_noop (s->imap);
		if (r != MAILIMAP_NO_ERROR)
			goto failed;
	}
	_ms_session_step (s);
	struct mailimap_search_key *key = mailimap_search_key_new_header (g_strdup ("X-Mailsetup-Test"), g_strdup (token));
	/* libetpan frees the key's strings with free(): give it malloc'ed ones. */
	r = mailimap_uid_search (s->imap, NULL, key, &uids);
	mailimap_search_key_free (key);
	if (r != MAILIMAP_NO_ERROR)
		goto failed;
	for (clistiter *it = clist_begin (uids); it; it = clist_next (it)) {
		uint32_t uid = *(uint32_t *) clist_content (it);
		struct mailimap_set *set = mailimap_set_new_single (uid);
		struct mailimap_flag_list *flags = mailimap_flag_list_new_empty ();
		mailimap_flag_list_add (flags, mailimap_flag_new_deleted ());
		struct mailimap_store_att_flags *store = mailimap_store_att_flags_new_add_flags_silent (flags);
		_ms_session_step (s);
		r = mailimap_uid_store (s->imap, set, store);
		mailimap_store_att_flags_free (store);
		/* Only this message: a plain EXPUNGE would also remove what the
		 * user had marked deleted. Without UIDPLUS it stays flagged. */
		if (r == MAILIMAP_NO_ERROR && s->uidplus)
			r = mailimap_uid_expunge (s->imap, set);
		mailimap_set_free (set);
		if (r != MAILIMAP_NO_ERROR) {
			mailimap_search_result_free (uids);
			goto failed;
		}
		*found = TRUE;
	}
	mailimap_search_result_free (uids);
	return TRUE;

failed:
	*d = _ms_session_failed (s, r == MAILIMAP_ERROR_STREAM, MS_DIAGNOSIS_SERVER_ERROR, error);
	return FALSE;
}

void
_ms_imap_close (MsSession *s)
{
	if (s->imap->imap_stream)
		mailimap_logout (s->imap);
	mailimap_free (s->imap);
	s->imap = NULL;
	s->stream = NULL;
}
