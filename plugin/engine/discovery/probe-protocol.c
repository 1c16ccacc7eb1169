/* What a probe says to a server, per protocol: read the greeting, ask for
 * the capabilities (IMAP CAPABILITY, POP3 CAPA, SMTP EHLO), learn STARTTLS
 * and the login methods, leave politely. Runs in a worker thread; never
 * sends a credential.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/probe.h"

#include <stdlib.h>
#include <string.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/text.h"

/* A server may talk this much before the probe gives up on it. */
#define MS_PROBE_MAX_LINES 100

static MsAuthMethods
auth_from_mechanism (const char *m)
{
	if (g_ascii_strcasecmp (m, "PLAIN") == 0 || g_ascii_strcasecmp (m, "LOGIN") == 0)
		return MS_AUTH_PASSWORD_CLEARTEXT;
	if (g_ascii_strcasecmp (m, "CRAM-MD5") == 0 || g_ascii_strcasecmp (m, "DIGEST-MD5") == 0 ||
	    g_ascii_strncasecmp (m, "SCRAM-", 6) == 0)
		return MS_AUTH_PASSWORD_ENCRYPTED;
	if (g_ascii_strcasecmp (m, "XOAUTH2") == 0 || g_ascii_strcasecmp (m, "OAUTHBEARER") == 0)
		return MS_AUTH_OAUTH2;
	if (g_ascii_strcasecmp (m, "GSSAPI") == 0)
		return MS_AUTH_GSSAPI;
	if (g_ascii_strcasecmp (m, "NTLM") == 0)
		return MS_AUTH_NTLM;
	return 0;
}

static void
add_mechanisms (MsProbeResult *r, const char *list)
{
	g_auto (GStrv) words = g_strsplit_set (list, " =", -1);
	for (guint i = 0; words[i]; i++)
		r->auth |= auth_from_mechanism (words[i]);
}

static gboolean
garbage (MsConn *conn, const char *host, const char *line, GError **error)
{
	g_autofree char *shown = _ms_printable (line, -1, 40);
	g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL, _("%s does not speak the expected protocol: “%s”"), host, shown);
	return FALSE;
}

/* STARTTLS was offered but refused: not a secure server, never a plain one. */
static gboolean
starttls_refused (const char *host, const char *answer, MsProbeResult *r, GError **error)
{
	g_autofree char *shown = _ms_printable (answer, -1, 60);
	g_set_error (error, MS_ERROR, MS_ERROR_TLS_FAILED, _("%s offers STARTTLS but refuses it: “%s”"), host, shown);
	return FALSE;
}

/* A failed upgrade keeps the certificate's names for the caller. */
static gboolean
tls_failed (MsConn *conn, MsProbeResult *r)
{
	const MsTlsReport *report = _ms_conn_tls_report (conn);
	r->cert_names = g_strdupv (report->names);
	r->tls.status = report->status;
	r->tls.self_signed = report->self_signed;
	r->tls.too_old = report->too_old;
	return FALSE;
}

/* IMAP capabilities: from the greeting's [CAPABILITY …] and the answer to
 * CAPABILITY. */
static void
imap_caps (MsProbeResult *r, const char *caps, gboolean *login_disabled)
{
	g_auto (GStrv) words = g_strsplit (caps, " ", -1);
	for (guint i = 0; words[i]; i++) {
		if (g_ascii_strcasecmp (words[i], "STARTTLS") == 0)
			r->starttls = TRUE;
		else if (g_ascii_strcasecmp (words[i], "LOGINDISABLED") == 0)
			*login_disabled = TRUE;
		else if (g_ascii_strncasecmp (words[i], "AUTH=", 5) == 0)
			r->auth |= auth_from_mechanism (words[i] + 5);
	}
}

/* Sends @tag CAPABILITY and reads the answer into @r. */
static gboolean
imap_capability (MsConn *conn, const char *host, const char *tag, MsProbeResult *r, gboolean *login_disabled,
                 GError **error)
{
	g_autofree char *command = g_strdup_printf ("%s CAPABILITY\r\n", tag);
	g_autofree char *done = g_strdup_printf ("%s ", tag);

	if (!_ms_conn_write (conn, command, error))
		return FALSE;
	for (guint i = 0; i < MS_PROBE_MAX_LINES; i++) {
		g_autofree char *line = _ms_conn_read_line (conn, error);
		if (line == NULL)
			return FALSE;
		if (g_ascii_strncasecmp (line, "* CAPABILITY ", 13) == 0)
			imap_caps (r, line + 13, login_disabled);
		else if (g_str_has_prefix (line, done))
			return TRUE;
	}
	return garbage (conn, host, "…", error);
}

static gboolean
probe_imap (MsConn *conn, const char *host, gboolean upgrade, const char *ca_file, MsProbeResult *r, GError **error)
{
	g_autofree char *greeting = _ms_conn_read_line (conn, error);
	gboolean login_disabled = FALSE;

	if (greeting == NULL)
		return FALSE;
	if (!g_str_has_prefix (greeting, "* OK") && !g_str_has_prefix (greeting, "* PREAUTH"))
		return garbage (conn, host, greeting, error);
	if (!imap_capability (conn, host, "a1", r, &login_disabled, error))
		return FALSE;
	if (upgrade && r->starttls) {
		g_autofree char *answer = NULL;
		if (!_ms_conn_write (conn, "a2 STARTTLS\r\n", error) || !(answer = _ms_conn_read_line (conn, error)))
			return FALSE;
		if (!g_str_has_prefix (answer, "a2 OK"))
			return starttls_refused (host, answer, r, error);
		if (!_ms_conn_starttls (conn, ca_file, error))
			return tls_failed (conn, r);
		/* Servers hide their login methods until TLS is up. */
		r->auth = 0;
		login_disabled = FALSE;
		if (!imap_capability (conn, host, "a3", r, &login_disabled, error))
			return FALSE;
	}
	/* LOGIN works unless the server says it is disabled. */
	if (!login_disabled)
		r->auth |= MS_AUTH_PASSWORD_CLEARTEXT;
	_ms_conn_write (conn, "a9 LOGOUT\r\n", NULL);
	return TRUE;
}

static gboolean pop3_capa (MsConn *conn, const char *host, MsProbeResult *r, GError **error);

static gboolean
probe_pop3 (MsConn *conn, const char *host, gboolean upgrade, const char *ca_file, MsProbeResult *r, GError **error)
{
	g_autofree char *greeting = _ms_conn_read_line (conn, error);

	if (greeting == NULL)
		return FALSE;
	if (!g_str_has_prefix (greeting, "+OK"))
		return garbage (conn, host, greeting, error);
	if (!pop3_capa (conn, host, r, error))
		return FALSE;
	if (upgrade && r->starttls) {
		g_autofree char *answer = NULL;
		if (!_ms_conn_write (conn, "STLS\r\n", error) || !(answer = _ms_conn_read_line (conn, error)))
			return FALSE;
		if (!g_str_has_prefix (answer, "+OK"))
			return starttls_refused (host, answer, r, error);
		if (!_ms_conn_starttls (conn, ca_file, error))
			return tls_failed (conn, r);
		r->auth = 0;
		if (!pop3_capa (conn, host, r, error))
			return FALSE;
	}
	_ms_conn_write (conn, "QUIT\r\n", NULL);
	return TRUE;
}

static gboolean
pop3_capa (MsConn *conn, const char *host, MsProbeResult *r, GError **error)
{
	if (!_ms_conn_write (conn, "CAPA\r\n", error))
		return FALSE;
	g_autofree char *status = _ms_conn_read_line (conn, error);
	if (status == NULL)
		return FALSE;
	if (g_str_has_prefix (status, "+OK")) {
		for (guint i = 0; i < MS_PROBE_MAX_LINES; i++) {
			g_autofree char *line = _ms_conn_read_line (conn, error);
			if (line == NULL)
				return FALSE;
			if (strcmp (line, ".") == 0)
				return TRUE;
			if (g_ascii_strcasecmp (line, "STLS") == 0)
				r->starttls = TRUE;
			else if (g_ascii_strcasecmp (line, "USER") == 0)
				r->auth |= MS_AUTH_PASSWORD_CLEARTEXT;
			else if (g_ascii_strncasecmp (line, "SASL ", 5) == 0)
				add_mechanisms (r, line + 5);
		}
		return garbage (conn, host, "…", error);
	}
	/* No CAPA (RFC 2449 is optional): USER/PASS is all that is known. */
	r->auth |= MS_AUTH_PASSWORD_CLEARTEXT;
	return TRUE;
}

/* Reads an SMTP reply; *code_r is its code; @each sees every line's text. */
static gboolean
smtp_reply (MsConn *conn, const char *host, int *code_r, MsProbeResult *r, GError **error)
{
	for (guint i = 0; i < MS_PROBE_MAX_LINES; i++) {
		g_autofree char *line = _ms_conn_read_line (conn, error);
		if (line == NULL)
			return FALSE;
		if (strlen (line) < 3 || !g_ascii_isdigit (line[0]) || (line[3] != ' ' && line[3] != '-' && line[3] != '\0'))
			return garbage (conn, host, line, error);
		const char *text = line[3] ? line + 4 : "";
		if (r && g_ascii_strcasecmp (text, "STARTTLS") == 0)
			r->starttls = TRUE;
		else if (r && g_ascii_strncasecmp (text, "AUTH", 4) == 0 && (text[4] == ' ' || text[4] == '='))
			add_mechanisms (r, text + 5);
		if (line[3] != '-') {
			*code_r = atoi (line);
			return TRUE;
		}
	}
	return garbage (conn, host, "…", error);
}

static gboolean
smtp_ehlo (MsConn *conn, const char *host, MsProbeResult *r, GError **error)
{
	int code = 0;

	if (!_ms_conn_write (conn, "EHLO mailsetup.invalid\r\n", error) || !smtp_reply (conn, host, &code, r, error))
		return FALSE;
	if (code != 250) {
		g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL, _("%s does not accept EHLO (SMTP %d)"), host, code);
		return FALSE;
	}
	return TRUE;
}

static gboolean
probe_smtp (MsConn *conn, const char *host, gboolean upgrade, const char *ca_file, MsProbeResult *r, GError **error)
{
	int code = 0;

	if (!smtp_reply (conn, host, &code, NULL, error))
		return FALSE;
	if (code != 220) {
		g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL, _("%s refuses connections (SMTP %d)"), host, code);
		return FALSE;
	}
	if (!smtp_ehlo (conn, host, r, error))
		return FALSE;
	if (upgrade && r->starttls) {
		if (!_ms_conn_write (conn, "STARTTLS\r\n", error) || !smtp_reply (conn, host, &code, NULL, error))
			return FALSE;
		if (code != 220) {
			g_autofree char *answer = g_strdup_printf ("%d", code);
			return starttls_refused (host, answer, r, error);
		}
		if (!_ms_conn_starttls (conn, ca_file, error))
			return tls_failed (conn, r);
		r->auth = 0;
		if (!smtp_ehlo (conn, host, r, error))
			return FALSE;
	}
	_ms_conn_write (conn, "QUIT\r\n", NULL);
	return TRUE;
}

void
_ms_probe_clear (MsProbe *p, MsProbeResult *r)
{
	g_clear_pointer (&p->host, g_free);
	g_clear_pointer (&p->ca_file, g_free);
	g_clear_pointer (&r->cert_names, g_strfreev);
}

gboolean
_ms_probe_run (const MsProbe *p, MsProbeResult *r, GCancellable *cancellable, GError **error)
{
	MsTlsReport report = { 0 };
	g_autoptr (MsConn) conn = _ms_conn_open (p->host, p->port, p->implicit_tls, p->ca_file,
	                                         p->deadline, cancellable, &report, error);
	gboolean upgrade = !p->implicit_tls;

	if (conn == NULL) {
		r->cert_names = g_steal_pointer (&report.names);
		r->tls = report;
		r->tls.names = NULL;
		return FALSE;
	}
	switch (p->protocol) {
	case MS_PROTOCOL_IMAP: return probe_imap (conn, p->host, upgrade, p->ca_file, r, error);
	case MS_PROTOCOL_POP3: return probe_pop3 (conn, p->host, upgrade, p->ca_file, r, error);
	case MS_PROTOCOL_SMTP: return probe_smtp (conn, p->host, upgrade, p->ca_file, r, error);
	}
	return FALSE;
}
