/* The check-up's findings, explained in plain words (translated), and
 * the memory of its model: accounts, exceptions, reports.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "checkup/checkup-private.h"

#include "core/i18n.h"

const char *
ms_checkup_finding_kind_name (MsCheckupFindingKind kind)
{
	switch (kind) {
	case MS_CHECKUP_PLAIN_TEXT: return "plain-text";
	case MS_CHECKUP_STARTTLS: return "starttls";
	case MS_CHECKUP_CERT_OTHER_NAME: return "cert-other-name";
	case MS_CHECKUP_CERT_UNTRUSTED: return "cert-untrusted";
	case MS_CHECKUP_SMTP_PLAIN: return "smtp-plain";
	case MS_CHECKUP_SMTP_NO_AUTH: return "smtp-no-auth";
	}
	return "unknown";
}

static const char *
protocol_name (MsProtocol p)
{
	switch (p) {
	case MS_PROTOCOL_IMAP: return "IMAP";
	case MS_PROTOCOL_POP3: return "POP3";
	case MS_PROTOCOL_SMTP: return "SMTP";
	}
	return "";
}

/* Why a stored certificate is not trusted, after "a certificate that…". */
static char *
untrusted_reason (const MsCertException *e)
{
	if (e->expired && e->not_after >= 0) {
		g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (e->not_after);
		g_autofree char *day = t ? g_date_time_format (t, "%Y-%m-%d") : g_strdup ("?");
		return g_strdup_printf (_("expired on %s"), day);
	}
	if (e->self_signed)
		return g_strdup (_("signed itself, so nothing proves it is the server's"));
	return g_strdup (_("no authority this computer trusts has signed"));
}

static char *
problem (MsCheckupFindingKind kind, const MsServer *current, const MsServer *secure, const MsCertException *e)
{
	const char *host = ms_server_get_hostname (current);
	guint port = ms_server_get_port (current);
	const char *proto = protocol_name (ms_server_get_protocol (current));

	switch (kind) {
	case MS_CHECKUP_PLAIN_TEXT:
		return g_strdup_printf (_("Mail is received from %s (%s, port %u) without encryption: the password and every message can be read on the way."),
		                        host, proto, port);
	case MS_CHECKUP_SMTP_PLAIN:
		return g_strdup_printf (_("Mail is sent through %s (port %u) without encryption: the password and every message can be read on the way."),
		                        host, port);
	case MS_CHECKUP_STARTTLS:
		return g_strdup_printf (_("%s (%s, port %u) is reached unencrypted, then asked to encrypt (STARTTLS): someone on the network can remove that request. The server also offers a connection encrypted from the start (port %u)."),
		                        host, proto, port, secure ? ms_server_get_port (secure) : 0u);
	case MS_CHECKUP_CERT_OTHER_NAME: {
		g_autofree char *names = e && e->names ? g_strjoinv (", ", e->names)
			: g_strdup (secure ? ms_server_get_hostname (secure) : "?");
		if (e)
			return g_strdup_printf (_("Claws Mail was told to accept the certificate of %s (port %u), which was made for another name: %s."),
			                        host, port, names);
		return g_strdup_printf (_("The certificate of %s (port %u) was made for another name: %s."), host, port, names);
	}
	case MS_CHECKUP_CERT_UNTRUSTED: {
		g_autofree char *why = untrusted_reason (e);
		return g_strdup_printf (_("Claws Mail was told to accept a certificate of %s (port %u) that %s."), host, port, why);
	}
	case MS_CHECKUP_SMTP_NO_AUTH:
		return g_strdup_printf (_("Claws Mail does not sign in to send through %s: most servers refuse such mail, and one that accepts it is open to anyone."),
		                        host);
	}
	return g_strdup ("");
}

static char *
fix (MsCheckupFindingKind kind, const MsServer *current, const MsServer *secure)
{
	if (secure == NULL)
		return g_strdup (_("No secure setting was found on this server or for this domain: ask your provider."));
	if (kind == MS_CHECKUP_SMTP_NO_AUTH)
		return g_strdup (_("Fix: sign in with the account's user name and password."));
	if (kind == MS_CHECKUP_CERT_UNTRUSTED
	    && g_ascii_strcasecmp (ms_server_get_hostname (secure), ms_server_get_hostname (current)) == 0
	    && ms_server_get_port (secure) == ms_server_get_port (current))
		return g_strdup (_("The server's certificate is valid now: the exception is no longer needed and can be removed."));
	return g_strdup_printf (_("Fix: %s, port %u, %s; its certificate is valid."),
	                        ms_server_get_hostname (secure), ms_server_get_port (secure),
	                        ms_socket_type_describe (ms_server_get_socket_type (secure)));
}

MsCheckupFinding *
_ms_finding_new (MsCheckupFindingKind kind, const MsServer *current, const MsServer *secure, const MsCertException *e)
{
	MsCheckupFinding *f = g_new0 (MsCheckupFinding, 1);
	g_autofree char *what = problem (kind, current, secure, e);
	g_autofree char *then = fix (kind, current, secure);

	f->kind = kind;
	f->protocol = ms_server_get_protocol (current);
	f->message = g_strconcat (what, " ", then, NULL);
	f->exception = e ? _ms_cert_exception_copy (e) : NULL;
	return f;
}

void
ms_checkup_finding_free (MsCheckupFinding *f)
{
	if (f == NULL)
		return;
	g_free (f->message);
	ms_cert_exception_free (f->exception);
	g_free (f);
}

void
ms_checkup_report_free (MsCheckupReport *r)
{
	if (r == NULL)
		return;
	ms_claws_account_free (r->account);
	g_clear_pointer (&r->findings, g_ptr_array_unref);
	g_clear_pointer (&r->unfixed, g_ptr_array_unref);
	g_clear_pointer (&r->incoming, ms_server_unref);
	g_clear_pointer (&r->outgoing, ms_server_unref);
	g_clear_pointer (&r->diagnosis, ms_diagnosis_free);
	g_free (r);
}

MsCertException *
_ms_cert_exception_copy (const MsCertException *e)
{
	MsCertException *c = g_memdup2 (e, sizeof *e);
	c->host = g_strdup (e->host);
	c->path = g_strdup (e->path);
	c->names = g_strdupv (e->names);
	return c;
}

MsClawsAccount *
_ms_claws_account_copy (const MsClawsAccount *a)
{
	MsClawsAccount *c = g_memdup2 (a, sizeof *a);
	c->name = g_strdup (a->name);
	c->realname = g_strdup (a->realname);
	c->address = g_strdup (a->address);
	c->sent_folder = g_strdup (a->sent_folder);
	c->drafts_folder = g_strdup (a->drafts_folder);
	c->incoming = a->incoming ? ms_server_copy (a->incoming) : NULL;
	c->outgoing = a->outgoing ? ms_server_copy (a->outgoing) : NULL;
	c->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_cert_exception_free);
	for (guint i = 0; a->exceptions && i < a->exceptions->len; i++)
		g_ptr_array_add (c->exceptions, _ms_cert_exception_copy (a->exceptions->pdata[i]));
	return c;
}
