/* One session, whatever the protocol: what is common to IMAP, POP3 and
 * SMTP (connecting, securing, diagnosing stream failures); the protocols
 * themselves are in session-imap.c, session-pop3.c, session-smtp.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/session.h"

#include <string.h>
#include <mailsetup/error.h>
#include "core/text.h"
#include "net/etpan-stream.h"
#include "verify/classify.h"

MsDiagnosis *
_ms_session_diagnosis (MsSession *s, MsDiagnosisCode code, const char *detail)
{
	g_autoptr (MsServer) server = ms_server_new (s->ep.protocol, s->host, s->ep.port, s->ep.socket_type);
	MsDiagnosis *d = ms_diagnosis_new_for_server (code, server, s->host);
	if (detail && *detail)
		d->detail = _ms_printable (detail, -1, 200);
	return d;
}

/* The error of a failed connect or TLS handshake as a diagnosis. */
static MsDiagnosis *
connect_failed (MsSession *s, const GError *e, const MsTlsReport *report)
{
	MsDiagnosisCode code = _ms_classify_connect (e, report);
	/* For a certificate the code says it all; GnuTLS's words add noise. */
	gboolean says_all = (code >= MS_DIAGNOSIS_CERT_EXPIRED && code <= MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY) ||
	                    code == MS_DIAGNOSIS_TLS_TOO_OLD;
	MsDiagnosis *d = _ms_session_diagnosis (s, code, says_all ? NULL : e->message);
	if (report && report->names)
		d->names = g_strdupv (report->names);
	return d;
}

MsDiagnosis *
_ms_session_stream_failed (MsSession *s, GError **error)
{
	const GError *e = s->io.error;

	if (g_cancellable_set_error_if_cancelled (s->ep.cancellable, error))
		return NULL;
	if (e && g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)) {
		/* Connected, then silent: not a blocked port, no other to try. */
		MsDiagnosis *d = _ms_session_diagnosis (s, MS_DIAGNOSIS_TIMED_OUT, e->message);
		d->other_port = 0;
		return d;
	}
	g_autofree char *reply = _ms_session_reply (s);
	return _ms_session_diagnosis (s, MS_DIAGNOSIS_SERVER_ERROR, e ? e->message : reply);
}

MsDiagnosis *
_ms_session_failed (MsSession *s, gboolean stream_failed, MsDiagnosisCode code, GError **error)
{
	if (stream_failed)
		return _ms_session_stream_failed (s, error);
	g_autofree char *reply = _ms_session_reply (s);
	return _ms_session_diagnosis (s, code, reply);
}

MsDiagnosis *
_ms_session_starttls_failed (MsSession *s, gboolean stream_failed, GError **error)
{
	MsDiagnosis *d = _ms_session_failed (s, stream_failed, MS_DIAGNOSIS_STARTTLS_FAILED, error);
	if (d && d->code == MS_DIAGNOSIS_SERVER_ERROR)
		d->code = MS_DIAGNOSIS_STARTTLS_FAILED;
	return d;
}

MsLoginOutcome
_ms_session_login_refused (MsSession *s, MsDiagnosis **diagnosis)
{
	g_autofree char *reply = _ms_session_reply (s);
	MsDiagnosisCode code = _ms_classify_login (s->ep.protocol, reply);
	*diagnosis = _ms_session_diagnosis (s, code, reply);
	return code == MS_DIAGNOSIS_WRONG_PASSWORD || code == MS_DIAGNOSIS_WRONG_USERNAME ? MS_LOGIN_REJECTED
	                                                                                  : MS_LOGIN_FAILED;
}

char *
_ms_session_reply (MsSession *s)
{
	const char *raw = s->io.reply ? s->io.reply->str : "";
	g_auto (GStrv) lines = g_strsplit_set (raw, "\r\n", -1);
	g_autoptr (GString) out = g_string_new (NULL);

	for (guint i = 0; lines[i]; i++) {
		const char *line = lines[i];
		if (*line == '\0')
			continue;
		if (s->ep.protocol == MS_PROTOCOL_IMAP) {
			/* The tagged answer is the last line; drop its tag. */
			if (*line == '*' || *line == '+')
				continue;
			const char *space = strchr (line, ' ');
			g_string_assign (out, space ? space + 1 : line);
			continue;
		}
		if (out->len)
			g_string_append_c (out, ' ');
		g_string_append (out, line);
	}
	return _ms_printable (out->str, -1, 400);
}

void
_ms_session_step (MsSession *s)
{
	if (s->conn)
		_ms_conn_set_deadline (s->conn, g_get_monotonic_time () + s->ep.step_timeout_us);
}

/* Reads lines until one starts with @prefix; FALSE on anything else
 * that ends an answer. Only for the re-probe below: small and strict. */
static gboolean
read_until (MsConn *c, const char *ok, const char *end_of_reply)
{
	for (guint i = 0; i < 32; i++) {
		g_autofree char *line = _ms_conn_read_line (c, NULL);
		if (line == NULL)
			return FALSE;
		if (g_str_has_prefix (line, ok))
			return TRUE;
		if (end_of_reply && !g_str_has_prefix (line, end_of_reply))
			return FALSE;
	}
	return FALSE;
}

/* After a STARTTLS whose handshake broke: a new connection, the same
 * STARTTLS, and a handshake with TLS 1.0/1.1 allowed, to tell a server
 * too old for TLS 1.2 (RFC 8996) from a broken one. No credential and no
 * command beyond STARTTLS is ever sent on it. */
static gboolean
starttls_speaks_old_tls (MsSession *s)
{
	g_autoptr (MsConn) c = _ms_conn_open (s->host, s->ep.port, FALSE, s->ep.ca_file,
	                                      g_get_monotonic_time () + s->ep.step_timeout_us, s->ep.cancellable,
	                                      NULL, NULL);
	gboolean ready = FALSE;

	if (c == NULL)
		return FALSE;
	switch (s->ep.protocol) {
	case MS_PROTOCOL_IMAP:
		ready = read_until (c, "* ", NULL) && _ms_conn_write (c, "a STARTTLS\r\n", NULL) &&
		        read_until (c, "a OK", "* ");
		break;
	case MS_PROTOCOL_POP3:
		ready = read_until (c, "+OK", NULL) && _ms_conn_write (c, "STLS\r\n", NULL) && read_until (c, "+OK", NULL);
		break;
	case MS_PROTOCOL_SMTP:
		ready = read_until (c, "220 ", "220-") && _ms_conn_write (c, "EHLO mailsetup.invalid\r\n", NULL) &&
		        read_until (c, "250 ", "250-") && _ms_conn_write (c, "STARTTLS\r\n", NULL) &&
		        read_until (c, "220", NULL);
		break;
	}
	return ready && _ms_conn_speaks_old_tls (c);
}

gboolean
_ms_session_upgrade (MsSession *s, MsDiagnosis **diagnosis, GError **error)
{
	g_autoptr (GError) e = NULL;

	/* Bytes after the "go ahead" would be read as if they came through
	 * TLS: plain-text injection (CVE-2011-0411 and kin). */
	if (_ms_etpan_stream_has_pending (s->stream)) {
		*diagnosis = _ms_session_diagnosis (s, MS_DIAGNOSIS_STARTTLS_FAILED,
		                                    "data sent before the encryption started");
		return FALSE;
	}
	_ms_session_step (s);
	if (_ms_conn_starttls (s->conn, s->ep.ca_file, &e))
		return TRUE;
	if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		g_propagate_error (error, g_steal_pointer (&e));
		return FALSE;
	}
	const MsTlsReport *report = _ms_conn_tls_report (s->conn);
	*diagnosis = connect_failed (s, e, report);
	/* A handshake that breaks right after STARTTLS is the STARTTLS
	 * failing, unless the certificate or the version says more. */
	if ((*diagnosis)->code == MS_DIAGNOSIS_TLS_FAILED)
		(*diagnosis)->code = starttls_speaks_old_tls (s) ? MS_DIAGNOSIS_TLS_TOO_OLD : MS_DIAGNOSIS_STARTTLS_FAILED;
	if ((*diagnosis)->code == MS_DIAGNOSIS_TLS_TOO_OLD)
		g_clear_pointer (&(*diagnosis)->detail, g_free);
	return FALSE;
}

MsSession *
_ms_session_open (const MsEndpoint *ep, MsDiagnosis **diagnosis, GError **error)
{
	g_autoptr (MsSession) s = g_new0 (MsSession, 1);
	g_autoptr (GError) e = NULL;
	MsTlsReport report = { 0 };
	gboolean ok = FALSE;

	s->ep = *ep;
	s->host = g_strdup (ep->host);
	*diagnosis = NULL;
	/* No password ever goes over a connection that is not encrypted. */
	if (ep->socket_type == MS_SOCKET_PLAIN) {
		*diagnosis = _ms_session_diagnosis (s, MS_DIAGNOSIS_PLAINTEXT_ONLY, NULL);
		return NULL;
	}
	MsConn *conn = _ms_conn_open (ep->host, ep->port, ep->socket_type == MS_SOCKET_TLS, ep->ca_file,
	                              g_get_monotonic_time () + ep->step_timeout_us, ep->cancellable, &report, &e);
	if (conn == NULL) {
		if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
			g_propagate_error (error, g_steal_pointer (&e));
		else
			*diagnosis = connect_failed (s, e, &report);
		_ms_tls_report_clear (&report);
		return NULL;
	}
	s->conn = conn;
	_ms_stream_state_init (&s->io, conn);
	s->stream = _ms_etpan_stream_new (&s->io);
	switch (ep->protocol) {
	case MS_PROTOCOL_IMAP: ok = _ms_imap_open (s, diagnosis, error); break;
	case MS_PROTOCOL_POP3: ok = _ms_pop3_open (s, diagnosis, error); break;
	case MS_PROTOCOL_SMTP: ok = _ms_smtp_open (s, diagnosis, error); break;
	}
	return ok ? g_steal_pointer (&s) : NULL;
}

MsLoginOutcome
_ms_session_login (MsSession *s, const char *username, const char *password, MsDiagnosis **diagnosis,
                   GError **error)
{
	MsLoginOutcome outcome = MS_LOGIN_FAILED;

	*diagnosis = NULL;
	if (!s->password_login) {
		*diagnosis = _ms_session_diagnosis (s, s->oauth2_offered ? MS_DIAGNOSIS_OAUTH2_REQUIRED
		                                                         : MS_DIAGNOSIS_AUTH_NOT_OFFERED, NULL);
		return MS_LOGIN_FAILED;
	}
	_ms_session_step (s);
	switch (s->ep.protocol) {
	case MS_PROTOCOL_IMAP: outcome = _ms_imap_login (s, username, password, diagnosis, error); break;
	case MS_PROTOCOL_POP3: outcome = _ms_pop3_login (s, username, password, diagnosis, error); break;
	case MS_PROTOCOL_SMTP: outcome = _ms_smtp_login (s, username, password, diagnosis, error); break;
	}
	if (*diagnosis && ms_diagnosis_is_login_problem ((*diagnosis)->code))
		(*diagnosis)->username = g_strdup (username);
	s->logged_in = outcome == MS_LOGIN_OK;
	return outcome;
}

gboolean
_ms_session_send (MsSession *s, const char *address, const char *message, MsDiagnosis **diagnosis,
                  GError **error)
{
	*diagnosis = NULL;
	_ms_session_step (s);
	return _ms_smtp_send (s, address, message, diagnosis, error);
}

gboolean
_ms_session_find_and_delete (MsSession *s, const char *token, gboolean *found, MsDiagnosis **diagnosis,
                             GError **error)
{
	*diagnosis = NULL;
	*found = FALSE;
	_ms_session_step (s);
	if (s->ep.protocol == MS_PROTOCOL_IMAP)
		return _ms_imap_find_and_delete (s, token, found, diagnosis, error);
	return _ms_pop3_find_and_delete (s, token, found, diagnosis, error);
}

void
_ms_session_close (MsSession *s)
{
	if (s == NULL)
		return;
	/* A short deadline: logging out is a courtesy, not worth waiting for. */
	if (s->conn)
		_ms_conn_set_deadline (s->conn, g_get_monotonic_time () + MIN (s->ep.step_timeout_us, G_USEC_PER_SEC));
	if (s->imap)
		_ms_imap_close (s);
	else if (s->pop3)
		_ms_pop3_close (s);
	else if (s->smtp)
		_ms_smtp_close (s);
	else if (s->stream)
		mailstream_close (s->stream);
	_ms_conn_close (s->conn);
	_ms_stream_state_clear (&s->io);
	g_free (s->host);
	g_free (s);
}
