/* POP3 over libetpan: greeting, CAPA, STLS (RFC 2595), USER/PASS or AUTH
 * PLAIN, and the test message found by its header (TOP n 0) and deleted.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/session.h"

#include <string.h>
#include "verify/classify.h"

/* How many of the newest messages are looked at for the test message. */
#define POP3_SCAN_MAX 50

static void
forget_stream_if_closed (MsSession *s)
{
	if (s->pop3->pop3_stream == NULL)
		s->stream = NULL;
}

static MsDiagnosis *
failed (MsSession *s, int r, MsDiagnosisCode code, GError **error)
{
	return _ms_session_failed (s, r == MAILPOP3_ERROR_STREAM, code, error);
}

/* CAPA: which login and STLS are offered. A server without CAPA (RFC
 * 1939 only) is taken to offer USER/PASS and no STLS. */
static gboolean
capabilities (MsSession *s, gboolean *stls, MsDiagnosis **d, GError **error)
{
	clist *caps = NULL;
	gboolean user = FALSE, sasl_plain = FALSE;

	*stls = FALSE;
	s->oauth2_offered = FALSE;
	_ms_session_step (s);
	int r = mailpop3_capa (s->pop3, &caps);
	if (r == MAILPOP3_ERROR_STREAM) {
		*d = _ms_session_stream_failed (s, error);
		return FALSE;
	}
	if (r != MAILPOP3_NO_ERROR) {
		s->password_login = TRUE;
		return TRUE;
	}
	for (clistiter *it = clist_begin (caps); it; it = clist_next (it)) {
		struct mailpop3_capa *capa = clist_content (it);
		if (g_ascii_strcasecmp (capa->cap_name, "STLS") == 0)
			*stls = TRUE;
		else if (g_ascii_strcasecmp (capa->cap_name, "USER") == 0)
			user = TRUE;
		else if (g_ascii_strcasecmp (capa->cap_name, "SASL") == 0 && capa->cap_param)
			for (clistiter *p = clist_begin (capa->cap_param); p; p = clist_next (p)) {
				const char *mech = clist_content (p);
				if (g_ascii_strcasecmp (mech, "PLAIN") == 0)
					sasl_plain = TRUE;
				else if (g_ascii_strcasecmp (mech, "XOAUTH2") == 0 || g_ascii_strcasecmp (mech, "OAUTHBEARER") == 0)
					s->oauth2_offered = TRUE;
			}
	}
	mailpop3_capa_resp_free (caps);
	s->password_login = user || sasl_plain;
	s->use_sasl_plain = sasl_plain && !user;
	return TRUE;
}

gboolean
_ms_pop3_open (MsSession *s, MsDiagnosis **d, GError **error)
{
	gboolean stls;

	s->pop3 = mailpop3_new (0, NULL);
	_ms_session_step (s);
	int r = mailpop3_connect (s->pop3, s->stream);
	forget_stream_if_closed (s);
	if (r != MAILPOP3_NO_ERROR) {
		*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
		return FALSE;
	}
	if (!capabilities (s, &stls, d, error))
		return FALSE;
	if (s->ep.socket_type == MS_SOCKET_STARTTLS) {
		if (!stls) {
			*d = _ms_session_diagnosis (s, MS_DIAGNOSIS_STARTTLS_MISSING, NULL);
			return FALSE;
		}
		_ms_session_step (s);
		r = mailpop3_stls (s->pop3);
		if (r != MAILPOP3_NO_ERROR) {
			*d = _ms_session_starttls_failed (s, r == MAILPOP3_ERROR_STREAM, error);
			return FALSE;
		}
		if (!_ms_session_upgrade (s, d, error))
			return FALSE;
		if (!capabilities (s, &stls, d, error))
			return FALSE;
	}
	return TRUE;
}

MsLoginOutcome
_ms_pop3_login (MsSession *s, const char *user, const char *password, MsDiagnosis **d, GError **error)
{
	int r;

	/* libetpan keeps the session's state: it must send these itself. */
	_ms_etpan_quiet_begin ();
	if (s->use_sasl_plain)
		r = mailpop3_auth (s->pop3, "PLAIN", s->host, NULL, NULL, user, user, password, NULL);
	else {
		r = mailpop3_user (s->pop3, user);
		if (r == MAILPOP3_NO_ERROR)
			r = mailpop3_pass (s->pop3, password);
	}
	_ms_etpan_quiet_end ();
	if (r == MAILPOP3_NO_ERROR)
		return MS_LOGIN_OK;
	if (r == MAILPOP3_ERROR_STREAM) {
		*d = _ms_session_stream_failed (s, error);
		return MS_LOGIN_FAILED;
	}
	return _ms_session_login_refused (s, d);
}

/* Whether the header block @h holds "X-Mailsetup-Test: @token". */
static gboolean
header_has_token (const char *h, size_t len, const char *token)
{
	g_autofree char *text = g_strndup (h, len);
	g_autofree char *lower = g_ascii_strdown (text, -1);
	const char *p = lower;
	while ((p = strstr (p, "x-mailsetup-test:")) != NULL) {
		if (p == lower || p[-1] == '\n') {
			g_autofree char *value = g_strndup (text + (p - lower) + 17, strcspn (p + 17, "\r\n"));
			if (g_strcmp0 (g_strstrip (value), token) == 0)
				return TRUE;
		}
		p += 17;
	}
	return FALSE;
}

gboolean
_ms_pop3_find_and_delete (MsSession *s, const char *token, gboolean *found, MsDiagnosis **d, GError **error)
{
	carray *list = NULL;
	int r = mailpop3_list (s->pop3, &list);
	if (r != MAILPOP3_NO_ERROR) {
		*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
		return FALSE;
	}
	/* The newest last: the test message is among the last ones. */
	guint n = carray_count (list), scanned = 0;
	for (guint i = n; i > 0 && scanned < POP3_SCAN_MAX; i--) {
		struct mailpop3_msg_info *info = carray_get (list, i - 1);
		char *header = NULL;
		size_t len = 0;
		if (info == NULL || info->msg_deleted)
			continue;
		scanned++;
		_ms_session_step (s);
		r = mailpop3_header (s->pop3, info->msg_index, &header, &len);
		if (r != MAILPOP3_NO_ERROR) {
			*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
			return FALSE;
		}
		gboolean match = header_has_token (header, len, token);
		mailpop3_header_free (header);
		if (match) {
			r = mailpop3_dele (s->pop3, info->msg_index);
			if (r != MAILPOP3_NO_ERROR) {
				*d = failed (s, r, MS_DIAGNOSIS_SERVER_ERROR, error);
				return FALSE;
			}
			*found = TRUE;
		}
	}
	/* DELE takes effect at QUIT (_ms_pop3_close). */
	return TRUE;
}

void
_ms_pop3_close (MsSession *s)
{
	if (s->pop3->pop3_stream)
		mailpop3_quit (s->pop3);
	mailpop3_free (s->pop3);
	s->pop3 = NULL;
	s->stream = NULL;
}
