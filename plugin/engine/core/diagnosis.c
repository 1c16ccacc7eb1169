/* The diagnosis catalogue: for every way verification can fail, a stable
 * name, what happened and what to do next, in the user's language and with
 * the server's name and port filled in. One switch per view of a code, with
 * no default: branch, so that -Wswitch names any code added without its text
 * (as error.c does).
 *
 * Written for people who copy ports from their host's guide: plain words,
 * one or two sentences, the guide's own vocabulary ("incoming server",
 * "SSL/TLS", "STARTTLS"), and never "accept the certificate anyway".
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/diagnosis.h>

#include <stdarg.h>
#include <string.h>
#include "core/i18n.h"

/* How many of a certificate's names are shown before "…". */
#define MS_DIAGNOSIS_MAX_NAMES 4

MsDiagnosis *
ms_diagnosis_new (MsDiagnosisCode code)
{
	MsDiagnosis *d = g_new0 (MsDiagnosis, 1);
	d->code = code;
	return d;
}

/* The same service on its other usual port: implicit TLS and STARTTLS are
 * often not blocked alike, and 25 is blocked on most home networks. */
static guint16
other_port (MsProtocol protocol, guint16 port)
{
	switch (protocol) {
	case MS_PROTOCOL_IMAP: return port == 993 ? 143 : port == 143 ? 993 : 0;
	case MS_PROTOCOL_POP3: return port == 995 ? 110 : port == 110 ? 995 : 0;
	case MS_PROTOCOL_SMTP: return port == 465 ? 587 : port == 587 ? 465 : port == 25 ? 587 : 0;
	}
	return 0;
}

/* The port where encryption starts at once, for the same protocol. */
static guint16
implicit_tls_port (MsProtocol protocol)
{
	switch (protocol) {
	case MS_PROTOCOL_IMAP: return 993;
	case MS_PROTOCOL_POP3: return 995;
	case MS_PROTOCOL_SMTP: return 465;
	}
	return 0;
}

/* The security setting to choose with @port, as the guides and Claws Mail
 * name it (not translated: it is what the settings show). */
static const char *
port_security (guint16 port)
{
	return port == 993 || port == 995 || port == 465 ? "SSL/TLS" : "STARTTLS";
}

MsDiagnosis *
ms_diagnosis_new_for_server (MsDiagnosisCode code, const MsServer *server, const char *host)
{
	g_return_val_if_fail (server != NULL, NULL);

	MsDiagnosis *d = ms_diagnosis_new (code);
	d->protocol = ms_server_get_protocol (server);
	d->host = g_strdup (host ? host : ms_server_get_hostname (server));
	d->port = ms_server_get_port (server);
	d->socket_type = ms_server_get_socket_type (server);
	if (code == MS_DIAGNOSIS_TIMED_OUT || code == MS_DIAGNOSIS_CONNECTION_REFUSED)
		d->other_port = other_port (d->protocol, d->port);
	return d;
}

MsDiagnosis *
ms_diagnosis_copy (const MsDiagnosis *diagnosis)
{
	g_return_val_if_fail (diagnosis != NULL, NULL);

	MsDiagnosis *d = g_new0 (MsDiagnosis, 1);
	*d = *diagnosis;
	d->host = g_strdup (diagnosis->host);
	d->detail = g_strdup (diagnosis->detail);
	d->names = g_strdupv (diagnosis->names);
	d->other_host = g_strdup (diagnosis->other_host);
	d->username = g_strdup (diagnosis->username);
	return d;
}

void
ms_diagnosis_free (MsDiagnosis *diagnosis)
{
	if (diagnosis == NULL)
		return;
	g_free (diagnosis->host);
	g_free (diagnosis->detail);
	g_strfreev (diagnosis->names);
	g_free (diagnosis->other_host);
	g_free (diagnosis->username);
	g_free (diagnosis);
}

const char *
ms_diagnosis_code_to_string (MsDiagnosisCode code)
{
	switch (code) {
	case MS_DIAGNOSIS_NO_SUCH_DOMAIN: return "no-such-domain";
	case MS_DIAGNOSIS_NO_MAIL_SERVER: return "no-mail-server";
	case MS_DIAGNOSIS_HOST_NOT_FOUND: return "host-not-found";
	case MS_DIAGNOSIS_CONNECTION_REFUSED: return "connection-refused";
	case MS_DIAGNOSIS_TIMED_OUT: return "timed-out";
	case MS_DIAGNOSIS_CERT_EXPIRED: return "cert-expired";
	case MS_DIAGNOSIS_CERT_NOT_YET_VALID: return "cert-not-yet-valid";
	case MS_DIAGNOSIS_CERT_WRONG_NAME: return "cert-wrong-name";
	case MS_DIAGNOSIS_CERT_SELF_SIGNED: return "cert-self-signed";
	case MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY: return "cert-unknown-authority";
	case MS_DIAGNOSIS_CERT_INVALID: return "cert-invalid";
	case MS_DIAGNOSIS_TLS_TOO_OLD: return "tls-too-old";
	case MS_DIAGNOSIS_TLS_FAILED: return "tls-failed";
	case MS_DIAGNOSIS_STARTTLS_MISSING: return "starttls-missing";
	case MS_DIAGNOSIS_STARTTLS_FAILED: return "starttls-failed";
	case MS_DIAGNOSIS_PLAINTEXT_ONLY: return "plaintext-only";
	case MS_DIAGNOSIS_WRONG_PASSWORD: return "wrong-password";
	case MS_DIAGNOSIS_WRONG_USERNAME: return "wrong-username";
	case MS_DIAGNOSIS_APP_PASSWORD_REQUIRED: return "app-password-required";
	case MS_DIAGNOSIS_OAUTH2_REQUIRED: return "oauth2-required";
	case MS_DIAGNOSIS_ACCOUNT_DISABLED: return "account-disabled";
	case MS_DIAGNOSIS_AUTH_NOT_OFFERED: return "auth-not-offered";
	case MS_DIAGNOSIS_SERVER_UNAVAILABLE: return "server-unavailable";
	case MS_DIAGNOSIS_RELAY_DENIED: return "relay-denied";
	case MS_DIAGNOSIS_MESSAGE_REJECTED: return "message-rejected";
	case MS_DIAGNOSIS_NOT_DELIVERED: return "not-delivered";
	case MS_DIAGNOSIS_SERVER_ERROR: return "server-error";
	}
	return "unknown";
}

gboolean
ms_diagnosis_code_from_string (const char *name, MsDiagnosisCode *code)
{
	g_return_val_if_fail (code != NULL, FALSE);

	if (name == NULL)
		return FALSE;
	for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
		if (strcmp (name, ms_diagnosis_code_to_string ((MsDiagnosisCode) c)) == 0) {
			*code = (MsDiagnosisCode) c;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
ms_diagnosis_is_login_problem (MsDiagnosisCode code)
{
	switch (code) {
	case MS_DIAGNOSIS_WRONG_PASSWORD:
	case MS_DIAGNOSIS_WRONG_USERNAME:
	case MS_DIAGNOSIS_APP_PASSWORD_REQUIRED:
	case MS_DIAGNOSIS_OAUTH2_REQUIRED:
	case MS_DIAGNOSIS_ACCOUNT_DISABLED:
		return TRUE;
	case MS_DIAGNOSIS_NO_SUCH_DOMAIN:
	case MS_DIAGNOSIS_NO_MAIL_SERVER:
	case MS_DIAGNOSIS_HOST_NOT_FOUND:
	case MS_DIAGNOSIS_CONNECTION_REFUSED:
	case MS_DIAGNOSIS_TIMED_OUT:
	case MS_DIAGNOSIS_CERT_EXPIRED:
	case MS_DIAGNOSIS_CERT_NOT_YET_VALID:
	case MS_DIAGNOSIS_CERT_WRONG_NAME:
	case MS_DIAGNOSIS_CERT_SELF_SIGNED:
	case MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY:
	case MS_DIAGNOSIS_CERT_INVALID:
	case MS_DIAGNOSIS_TLS_TOO_OLD:
	case MS_DIAGNOSIS_TLS_FAILED:
	case MS_DIAGNOSIS_STARTTLS_MISSING:
	case MS_DIAGNOSIS_STARTTLS_FAILED:
	case MS_DIAGNOSIS_PLAINTEXT_ONLY:
	case MS_DIAGNOSIS_AUTH_NOT_OFFERED:
	case MS_DIAGNOSIS_SERVER_UNAVAILABLE:
	case MS_DIAGNOSIS_RELAY_DENIED:
	case MS_DIAGNOSIS_MESSAGE_REJECTED:
	case MS_DIAGNOSIS_NOT_DELIVERED:
	case MS_DIAGNOSIS_SERVER_ERROR:
		return FALSE;
	}
	return FALSE;
}

/* Text building: each piece is a whole sentence, joined by a space, so that
 * no translation depends on another's grammar. */

static void
add (GString *s, const char *text)
{
	if (s->len > 0)
		g_string_append_c (s, ' ');
	g_string_append (s, text);
}

static void add_printf (GString *s, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_printf (GString *s, const char *format, ...)
{
	va_list ap;

	if (s->len > 0)
		g_string_append_c (s, ' ');
	va_start (ap, format);
	g_string_append_vprintf (s, format, ap);
	va_end (ap);
}

/* The detail without its own final full stop and spaces: the sentence
 * around it has one ("…was received..", found in the world test). */
static char *
detail_text (const MsDiagnosis *d)
{
	char *text = g_strstrip (g_strdup (d->detail));
	gsize len = strlen (text);
	while (len > 0 && (text[len - 1] == '.' || text[len - 1] == ' '))
		text[--len] = '\0';
	return text;
}

/* The server's own words, quoted. */
static void
add_said (GString *s, const MsDiagnosis *d)
{
	if (d->detail && *d->detail) {
		g_autofree char *text = detail_text (d);
		/* TRANSLATORS: %s is the server's own answer, usually in English. */
		add_printf (s, _("The server said: “%s”."), text);
	}
}

/* The technical reason, as found (a certificate's date, an algorithm…). */
static void
add_reason (GString *s, const MsDiagnosis *d)
{
	if (d->detail && *d->detail) {
		g_autofree char *text = detail_text (d);
		/* TRANSLATORS: %s is a technical reason, usually in English. */
		add_printf (s, _("Details: %s."), text);
	}
}

/* Which server, in the words of the hosting guides. */
static const char *
role (MsProtocol protocol)
{
	switch (protocol) {
	/* TRANSLATORS: shown in parentheses after a port: "port 993 (IMAP, incoming server)". */
	case MS_PROTOCOL_IMAP: return _("IMAP, incoming server");
	/* TRANSLATORS: shown in parentheses after a port: "port 995 (POP3, incoming server)". */
	case MS_PROTOCOL_POP3: return _("POP3, incoming server");
	/* TRANSLATORS: shown in parentheses after a port: "port 465 (SMTP, outgoing server)". */
	case MS_PROTOCOL_SMTP: return _("SMTP, outgoing server");
	}
	return "?";
}

/* The certificate's names, the first few only: some certificates list
 * hundreds. NULL when there are none. */
static char *
names_list (char **names)
{
	if (names == NULL || names[0] == NULL)
		return NULL;

	GString *s = g_string_new (NULL);
	guint i;
	for (i = 0; names[i] && i < MS_DIAGNOSIS_MAX_NAMES; i++) {
		if (i > 0)
			g_string_append (s, ", ");
		g_string_append (s, names[i]);
	}
	if (names[i])
		g_string_append (s, ", …");
	return g_string_free (s, FALSE);
}

char *
ms_diagnosis_explain (const MsDiagnosis *d)
{
	g_return_val_if_fail (d != NULL, NULL);

	GString *s = g_string_new (NULL);
	const char *h = d->host;
	/* The protocol means something only with a host; a port only with both. */
	const gboolean hp = h != NULL && d->port != 0;
	const char *u = d->username && *d->username ? d->username : NULL;
	const int port = d->port;

	switch (d->code) {
	case MS_DIAGNOSIS_NO_SUCH_DOMAIN:
		if (h)
			add_printf (s, _("The domain %s does not exist: no such name is registered on the Internet."), h);
		else
			add (s, _("The domain of your email address does not exist: no such name is registered on the Internet."));
		break;
	case MS_DIAGNOSIS_NO_MAIL_SERVER:
		if (h)
			add_printf (s, _("The domain %s exists, but no mail server is set up for it."), h);
		else
			add (s, _("The domain of your email address exists, but no mail server is set up for it."));
		break;
	case MS_DIAGNOSIS_HOST_NOT_FOUND:
		if (h)
			/* TRANSLATORS: %1$s is a server name, %2$s "IMAP, incoming server" or the like. */
			add_printf (s, _("The server name %1$s (%2$s) was not found on the Internet."), h, role (d->protocol));
		else
			add (s, _("A server name was not found on the Internet."));
		break;
	case MS_DIAGNOSIS_CONNECTION_REFUSED:
		if (hp)
			add_printf (s, _("%1$s refused the connection on port %2$d (%3$s): no mail service answers on this port."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server refused the connection: no mail service answers on the port tried."));
		break;
	case MS_DIAGNOSIS_TIMED_OUT:
		if (hp)
			add_printf (s, _("%1$s did not answer on port %2$d (%3$s). The network you are on probably blocks this port."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server did not answer in time. The network you are on probably blocks the port tried."));
		break;
	case MS_DIAGNOSIS_CERT_EXPIRED:
		if (h)
			add_printf (s, _("The security certificate of %s has expired, so this program cannot be sure it is talking to the real server."), h);
		else
			add (s, _("The server’s security certificate has expired, so this program cannot be sure it is talking to the real server."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_CERT_NOT_YET_VALID:
		if (h)
			add_printf (s, _("The security certificate of %s is not valid yet: either it is brand new, or this computer’s date is wrong."), h);
		else
			add (s, _("The server’s security certificate is not valid yet: either it is brand new, or this computer’s date is wrong."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_CERT_WRONG_NAME: {
		g_autofree char *names = names_list (d->names);
		if (h && names)
			/* TRANSLATORS: %1$s is the server name used, %2$s the names in its certificate. */
			add_printf (s, _("The security certificate of %1$s was made for another name: %2$s."), h, names);
		else if (h)
			add_printf (s, _("The security certificate of %s was made for another name."), h);
		else if (names)
			add_printf (s, _("The server’s security certificate was made for another name: %s."), names);
		else
			add (s, _("The server’s security certificate was made for another name."));
		break;
	}
	case MS_DIAGNOSIS_CERT_SELF_SIGNED:
		if (h)
			add_printf (s, _("The security certificate of %s was made by the server itself (self-signed), so this program cannot be sure it is talking to the real server."), h);
		else
			add (s, _("The server’s security certificate was made by the server itself (self-signed), so this program cannot be sure it is talking to the real server."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY:
		if (h)
			add_printf (s, _("The security certificate of %s comes from an authority this computer does not know, so this program cannot be sure it is talking to the real server."), h);
		else
			add (s, _("The server’s security certificate comes from an authority this computer does not know, so this program cannot be sure it is talking to the real server."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_CERT_INVALID:
		if (h)
			add_printf (s, _("The security certificate of %s is not valid, so this program cannot be sure it is talking to the real server."), h);
		else
			add (s, _("The server’s security certificate is not valid, so this program cannot be sure it is talking to the real server."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_TLS_TOO_OLD:
		if (h)
			add_printf (s, _("%s only offers an old kind of encryption (TLS older than 1.2) that is no longer safe."), h);
		else
			add (s, _("The server only offers an old kind of encryption (TLS older than 1.2) that is no longer safe."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_TLS_FAILED:
		if (hp)
			add_printf (s, _("The encrypted connection with %1$s on port %2$d (%3$s) could not be set up."),
			            h, port, role (d->protocol));
		else
			add (s, _("The encrypted connection with the server could not be set up."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_STARTTLS_MISSING:
		if (hp)
			add_printf (s, _("%1$s did not offer encryption (STARTTLS) on port %2$d (%3$s), although it must. Someone between you and the server may have removed it on the way; your password was not sent."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server did not offer encryption (STARTTLS), although it must. Someone between you and the server may have removed it on the way; your password was not sent."));
		break;
	case MS_DIAGNOSIS_STARTTLS_FAILED:
		if (hp)
			add_printf (s, _("%1$s offered encryption (STARTTLS) on port %2$d (%3$s), then failed to start it."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server offered encryption (STARTTLS), then failed to start it."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_PLAINTEXT_ONLY:
		if (hp)
			add_printf (s, _("%1$s only offers unencrypted connections on port %2$d (%3$s). Your password was not sent: anyone on the way could have read it."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server only offers unencrypted connections. Your password was not sent: anyone on the way could have read it."));
		break;
	case MS_DIAGNOSIS_WRONG_PASSWORD:
		if (h && u)
			/* TRANSLATORS: %1$s is a server name, %2$s a user name (often the address). */
			add_printf (s, _("%1$s refused the password for %2$s."), h, u);
		else if (h)
			add_printf (s, _("%s refused the password."), h);
		else if (u)
			add_printf (s, _("The server refused the password for %s."), u);
		else
			add (s, _("The server refused the password."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_WRONG_USERNAME:
		if (h && u)
			add_printf (s, _("%1$s does not know the user name %2$s."), h, u);
		else if (h)
			add_printf (s, _("%s does not know this user name."), h);
		else if (u)
			add_printf (s, _("The server does not know the user name %s."), u);
		else
			add (s, _("The server does not know this user name."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_APP_PASSWORD_REQUIRED:
		if (h)
			add_printf (s, _("%s does not accept your usual password in mail programs: it asks for an app password."), h);
		else
			add (s, _("Your provider does not accept your usual password in mail programs: it asks for an app password."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_OAUTH2_REQUIRED:
		if (h)
			add_printf (s, _("%s does not accept a password from mail programs: you must sign in through your provider’s web page."), h);
		else
			add (s, _("Your provider does not accept a password from mail programs: you must sign in through its web page."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_ACCOUNT_DISABLED:
		if (h && u)
			add_printf (s, _("%1$s says the account %2$s is locked, disabled or expired."), h, u);
		else if (h)
			add_printf (s, _("%s says the account is locked, disabled or expired."), h);
		else if (u)
			add_printf (s, _("The server says the account %s is locked, disabled or expired."), u);
		else
			add (s, _("The server says the account is locked, disabled or expired."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_AUTH_NOT_OFFERED:
		if (hp)
			add_printf (s, _("%1$s offers no way to log in on port %2$d (%3$s) that this program can use."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server offers no way to log in that this program can use."));
		add_reason (s, d);
		break;
	case MS_DIAGNOSIS_SERVER_UNAVAILABLE:
		if (h)
			add_printf (s, _("%s cannot check your login right now: a temporary problem on the server’s side."), h);
		else
			add (s, _("The server cannot check your login right now: a temporary problem on its side."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_RELAY_DENIED:
		if (h)
			add_printf (s, _("The outgoing server %s refused to send the test message: it did not accept you as one of its users."), h);
		else
			add (s, _("The outgoing server refused to send the test message: it did not accept you as one of its users."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_MESSAGE_REJECTED:
		if (h)
			add_printf (s, _("The outgoing server %s refused the test message."), h);
		else
			add (s, _("The outgoing server refused the test message."));
		add_said (s, d);
		break;
	case MS_DIAGNOSIS_NOT_DELIVERED:
		if (h && d->protocol == MS_PROTOCOL_SMTP)
			add_printf (s, _("A test message sent through %s to your own address did not arrive in time."), h);
		else if (h)
			add_printf (s, _("A test message sent to your own address did not arrive in time in your mailbox on %s."), h);
		else
			add (s, _("A test message sent to your own address did not arrive in time."));
		break;
	case MS_DIAGNOSIS_SERVER_ERROR:
		if (hp)
			/* TRANSLATORS: %1$s is a server name, %2$d its port, %3$s "IMAP, incoming server" or the like. */
			add_printf (s, _("On port %2$d (%3$s), %1$s closed the connection or answered something that makes no sense."),
			            h, port, role (d->protocol));
		else
			add (s, _("The server closed the connection or answered something that makes no sense."));
		add_said (s, d);
		break;
	}
	if (s->len == 0)
		add (s, _("Something went wrong"));
	return g_string_free (s, FALSE);
}

char *
ms_diagnosis_next_step (const MsDiagnosis *d)
{
	g_return_val_if_fail (d != NULL, NULL);

	GString *s = g_string_new (NULL);
	const gboolean h = d->host != NULL;
	const int other = d->other_port;
	const int tls_port = h ? implicit_tls_port (d->protocol) : 0;

	switch (d->code) {
	case MS_DIAGNOSIS_NO_SUCH_DOMAIN:
		add (s, _("Check the spelling of your address, especially the part after the “@”. If the domain was just bought or renewed, wait a few hours and try again."));
		break;
	case MS_DIAGNOSIS_NO_MAIL_SERVER:
		add (s, _("Check the spelling of your address. If the mail service was just ordered, wait a few hours; otherwise ask your provider which mail servers to use."));
		break;
	case MS_DIAGNOSIS_HOST_NOT_FOUND:
		add (s, _("Compare the server name, letter by letter, with your provider’s guide. If this computer is not connected to the Internet, connect it and try again."));
		break;
	case MS_DIAGNOSIS_CONNECTION_REFUSED:
		if (other)
			/* TRANSLATORS: %1$d is a port, %2$s "SSL/TLS" or "STARTTLS" as in the settings. */
			add_printf (s, _("Try port %1$d with %2$s. Otherwise check the server name and port in your provider’s guide."),
			            other, port_security (d->other_port));
		else
			add (s, _("Check the server name and port in your provider’s guide."));
		break;
	case MS_DIAGNOSIS_TIMED_OUT:
		if (other)
			/* TRANSLATORS: %1$d is a port, %2$s "SSL/TLS" or "STARTTLS" as in the settings. */
			add_printf (s, _("Try port %1$d with %2$s, or another network (a phone’s connection sharing, home instead of office); if it keeps failing, ask the network’s administrator."),
			            other, port_security (d->other_port));
		else
			add (s, _("Try another network (a phone’s connection sharing, home instead of office); if it keeps failing, ask the network’s administrator."));
		break;
	case MS_DIAGNOSIS_CERT_EXPIRED:
		add (s, _("Check that this computer’s date is right. If it is, use the server name given in your provider’s guide, or tell your provider the certificate must be renewed."));
		break;
	case MS_DIAGNOSIS_CERT_NOT_YET_VALID:
		add (s, _("Check this computer’s date and time, then try again. If they are right, try again later or tell your provider."));
		break;
	case MS_DIAGNOSIS_CERT_WRONG_NAME:
		if (d->other_host && *d->other_host)
			add_printf (s, _("Use %s as the server name: it is the same server, with a valid certificate."), d->other_host);
		else
			add (s, _("Ask your provider which server name to use: hosting guides often give one of the host’s own server names rather than a name with your domain."));
		break;
	case MS_DIAGNOSIS_CERT_SELF_SIGNED:
		add (s, _("Use the server name given in your provider’s guide, or ask your provider for it. If this is your company’s server, ask its administrator to set up a proper certificate, or to install the company’s certificate authority on this computer."));
		break;
	case MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY:
		add (s, _("Use the server name given in your provider’s guide, or ask your provider for it. If this is your company’s server, ask its administrator to install the company’s certificate authority on this computer."));
		break;
	case MS_DIAGNOSIS_CERT_INVALID:
		add (s, _("Use the server name given in your provider’s guide, or ask your provider for it, telling them this certificate is not valid."));
		break;
	case MS_DIAGNOSIS_TLS_TOO_OLD:
		add (s, _("Ask your provider for a server name that supports TLS 1.2 or newer (see their guide): this program does not use older encryption."));
		break;
	case MS_DIAGNOSIS_TLS_FAILED:
		add (s, _("Check the port and the security setting (SSL/TLS or STARTTLS) in your provider’s guide. If they match, try again later or tell your provider."));
		break;
	case MS_DIAGNOSIS_STARTTLS_MISSING:
		if (tls_port)
			add_printf (s, _("Use port %d with SSL/TLS, where encryption starts at once, or try another network. If it keeps happening, tell your provider."), tls_port);
		else
			add (s, _("Use a port with SSL/TLS, where encryption starts at once (993 for IMAP, 995 for POP3, 465 for SMTP), or try another network. If it keeps happening, tell your provider."));
		break;
	case MS_DIAGNOSIS_STARTTLS_FAILED:
		if (tls_port)
			add_printf (s, _("Use port %d with SSL/TLS instead; if it keeps failing, tell your provider."), tls_port);
		else
			add (s, _("Use a port with SSL/TLS instead (993 for IMAP, 995 for POP3, 465 for SMTP); if it keeps failing, tell your provider."));
		break;
	case MS_DIAGNOSIS_PLAINTEXT_ONLY:
		if (tls_port && tls_port != d->port)
			add_printf (s, _("Try port %d with SSL/TLS; if that fails too, ask your provider for a server that encrypts the connection."), tls_port);
		else
			add (s, _("Ask your provider for a server that encrypts the connection: this program never sends a password unencrypted."));
		break;
	case MS_DIAGNOSIS_WRONG_PASSWORD:
		add (s, _("Check that Caps Lock is off, and type the password of the mailbox itself, not the one of your customer area at your host. If you forgot it, reset it on your provider’s website."));
		break;
	case MS_DIAGNOSIS_WRONG_USERNAME:
		add (s, _("Check the user name in your provider’s guide: it is usually your full address, sometimes only the part before the “@”, or a login of its own."));
		break;
	case MS_DIAGNOSIS_APP_PASSWORD_REQUIRED:
		add (s, _("Create an app password (a password made for one program) in the security settings of your account on your provider’s website, then use it here instead of your usual password."));
		break;
	case MS_DIAGNOSIS_OAUTH2_REQUIRED:
		add (s, _("Choose the sign-in through the browser when your mail program offers it; otherwise look in your account’s security settings for an app password or for access by mail programs (IMAP)."));
		break;
	case MS_DIAGNOSIS_ACCOUNT_DISABLED:
		add (s, _("Sign in on your provider’s website to see why (unpaid subscription, too many failed attempts, mailbox not activated yet), or contact your provider."));
		break;
	case MS_DIAGNOSIS_AUTH_NOT_OFFERED:
		if (h && d->protocol == MS_PROTOCOL_SMTP)
			add (s, _("Check the outgoing server’s port in your provider’s guide (usually 465 or 587); if it is right, ask your provider how mail programs should log in."));
		else
			add (s, _("Check the server name and port in your provider’s guide; if they are right, ask your provider how mail programs should log in."));
		break;
	case MS_DIAGNOSIS_SERVER_UNAVAILABLE:
		add (s, _("Wait a few minutes and try again. If it lasts, look for a service status page on your provider’s website, or contact them."));
		break;
	case MS_DIAGNOSIS_RELAY_DENIED:
		add (s, _("Use the outgoing server given in your provider’s guide, with login turned on (“authentication required”) and the same user name as for the incoming server; if it still refuses, ask your provider."));
		break;
	case MS_DIAGNOSIS_MESSAGE_REJECTED:
		if (d->detail && *d->detail)
			add (s, _("Give the server’s answer to your provider: it tells them what went wrong."));
		else
			add (s, _("Tell your provider, giving the time of the test: their logs say why."));
		break;
	case MS_DIAGNOSIS_NOT_DELIVERED:
		add (s, _("Look in your mailbox, spam folder included, in a few minutes: if the message arrives, everything works. If not, tell your provider that messages sent to yourself do not arrive."));
		break;
	case MS_DIAGNOSIS_SERVER_ERROR:
		add (s, _("Check the port in your provider’s guide (IMAP, POP3 and SMTP each have their own); if it is right, try again later or tell your provider."));
		break;
	}
	if (s->len == 0)
		add (s, _("Something went wrong"));
	return g_string_free (s, FALSE);
}
