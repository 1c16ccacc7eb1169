/* SMTP submission over libetpan: greeting, EHLO, STARTTLS (RFC 3207) and
 * EHLO again, AUTH PLAIN or LOGIN (RFC 4954), and the test message.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/session.h"

#include <string.h>
#include "verify/classify.h"

static MsDiagnosis *
failed (MsSession *s, int r, MsDiagnosisCode code, GError **error)
{
	return _ms_session_failed (s, r == MAILSMTP_ERROR_STREAM, code, error);
}

/* EHLO, and from its answer what login is possible. libetpan knows no
 * XOAUTH2 flag: the AUTH line is read from the raw reply. */
static gboolean
ehlo (MsSession *s, MsDiagnosis **d, GError **error)
{
	_ms_session_step (s);
	int r = mailesmtp_ehlo (s->smtp);
	if (r != MAILSMTP_NO_ERROR) {
		*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
		return FALSE;
	}
	int auth = s->smtp->auth;
	s->password_login = (auth & (MAILSMTP_AUTH_PLAIN | MAILSMTP_AUTH_LOGIN)) != 0;
	s->smtp_login_only = !(auth & MAILSMTP_AUTH_PLAIN) && (auth & MAILSMTP_AUTH_LOGIN);
	g_autofree char *upper = g_ascii_strup (s->io.reply->str, -1);
	s->oauth2_offered = strstr (upper, "XOAUTH2") != NULL || strstr (upper, "OAUTHBEARER") != NULL;
	return TRUE;
}

gboolean
_ms_smtp_open (MsSession *s, MsDiagnosis **d, GError **error)
{
	s->smtp = mailsmtp_new (0, NULL);
	_ms_session_step (s);
	int r = mailsmtp_connect (s->smtp, s->stream);
	if (s->smtp->stream == NULL)
		s->stream = NULL;
	if (r != MAILSMTP_NO_ERROR) {
		*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
		return FALSE;
	}
	if (!ehlo (s, d, error))
		return FALSE;
	if (s->ep.socket_type == MS_SOCKET_STARTTLS) {
		if (!(s->smtp->esmtp & MAILSMTP_ESMTP_STARTTLS)) {
			*d = _ms_session_diagnosis (s, MS_DIAGNOSIS_STARTTLS_MISSING, NULL);
			return FALSE;
		}
		_ms_session_step (s);
		r = mailesmtp_starttls (s->smtp);
		if (r != MAILSMTP_NO_ERROR) {
			*d = _ms_session_starttls_failed (s, r == MAILSMTP_ERROR_STREAM, error);
			return FALSE;
		}
		if (!_ms_session_upgrade (s, d, error))
			return FALSE;
		if (!ehlo (s, d, error))
			return FALSE;
	}
	return TRUE;
}

/* AUTH PLAIN with its initial response (RFC 4954 §4, RFC 4616): libetpan's
 * own AUTH goes through Cyrus SASL, which waits for an empty "334" first,
 * one round trip more for nothing. The command is written on our
 * connection, not through libetpan's stream, which would log it when its
 * debugging is on (Claws turns it on); the answer is read through it.
 * Returns the reply code, or -1 when the stream failed. */
static int
auth_plain (MsSession *s, const char *user, const char *password)
{
	gsize ulen = strlen (user), plen = strlen (password), len = 1 + ulen + 1 + plen;
	guchar *raw = g_malloc (len);
	int code = -1;

	raw[0] = '\0';  /* no authorisation identity: the user's own */
	memcpy (raw + 1, user, ulen);
	raw[1 + ulen] = '\0';
	memcpy (raw + 2 + ulen, password, plen);
	char *b64 = g_base64_encode (raw, len);
	char *command = g_strconcat ("AUTH PLAIN ", b64, "\r\n", NULL);
	explicit_bzero (raw, len);
	explicit_bzero (b64, strlen (b64));
	gboolean sent = mailstream_flush (s->stream) == 0 && _ms_conn_write_raw (s->conn, command, strlen (command), NULL);
	explicit_bzero (command, strlen (command));
	g_free (raw);
	g_free (b64);
	g_free (command);
	if (!sent)
		return -1;
	/* The reply: lines "NNN-text" then "NNN text". */
	MMAPString *line = mmap_string_new ("");
	for (guint i = 0; i < 64; i++) {
		const char *text = mailstream_read_line_remove_eol (s->stream, line);
		if (text == NULL)
			break;
		if (strlen (text) < 3 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
		    !g_ascii_isdigit (text[2])) {
			code = 0;
			break;
		}
		if (text[3] != '-') {
			code = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
			break;
		}
	}
	mmap_string_free (line);
	return code;
}

MsLoginOutcome
_ms_smtp_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error)
{
	int r;

	if (!s->smtp_login_only) {
		int code = auth_plain (s, user, password);
		r = code == 235 ? MAILSMTP_NO_ERROR : code < 0 ? MAILSMTP_ERROR_STREAM : MAILSMTP_ERROR_AUTH_LOGIN;
	} else {
		_ms_etpan_quiet_begin ();
		r = mailsmtp_auth_type (s->smtp, user, password, MAILSMTP_AUTH_LOGIN);
		_ms_etpan_quiet_end ();
	}
	if (r == MAILSMTP_NO_ERROR)
		return MS_LOGIN_OK;
	if (r == MAILSMTP_ERROR_STREAM) {
		*d = _ms_session_stream_failed (s, error);
		return MS_LOGIN_FAILED;
	}
	return _ms_session_login_refused (s, d);
}

gboolean
_ms_smtp_send (MsSession *s, const char *address, const char *message, MsDiagnosis **d, GError **error)
{
	int r = mailsmtp_mail (s->smtp, address);
	if (r == MAILSMTP_NO_ERROR) {
		_ms_session_step (s);
		r = mailsmtp_rcpt (s->smtp, address);
	}
	if (r == MAILSMTP_NO_ERROR) {
		_ms_session_step (s);
		r = mailsmtp_data (s->smtp);
	}
	if (r == MAILSMTP_NO_ERROR) {
		_ms_session_step (s);
		r = mailsmtp_data_message (s->smtp, message, strlen (message));
	}
	if (r == MAILSMTP_NO_ERROR)
		return TRUE;
	g_autofree char *reply = _ms_session_reply (s);
	*d = failed (s, r, _ms_classify_send (reply), error);
	return FALSE;
}

void
_ms_smtp_close (MsSession *s)
{
	if (s->smtp->stream)
		mailsmtp_quit (s->smtp);
	mailsmtp_free (s->smtp);
	s->smtp = NULL;
	s->stream = NULL;
}
