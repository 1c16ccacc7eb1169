/* What servers say when they refuse a login varies; the codes of RFC 5530
 * (IMAP), RFC 3206 (POP3) and RFC 4954/3463 (SMTP) settle most cases, and
 * the words of the big providers settle the rest ("Application-specific
 * password required", "Please log in with your web browser").
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/classify.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <mailsetup/error.h>

MsDiagnosisCode
_ms_classify_connect (const GError *error, const MsTlsReport *report)
{
	if (error->domain == G_RESOLVER_ERROR)
		return MS_DIAGNOSIS_HOST_NOT_FOUND;
	if (error->domain == G_IO_ERROR) {
		switch (error->code) {
		case G_IO_ERROR_TIMED_OUT:
			return MS_DIAGNOSIS_TIMED_OUT;
		case G_IO_ERROR_CONNECTION_REFUSED:
		case G_IO_ERROR_HOST_UNREACHABLE:
		case G_IO_ERROR_NETWORK_UNREACHABLE:
			return MS_DIAGNOSIS_CONNECTION_REFUSED;
		default:
			return MS_DIAGNOSIS_SERVER_ERROR;
		}
	}
	if (error->domain != MS_ERROR)
		return MS_DIAGNOSIS_SERVER_ERROR;
	if (error->code == MS_ERROR_TLS_FAILED)
		return report && report->too_old ? MS_DIAGNOSIS_TLS_TOO_OLD : MS_DIAGNOSIS_TLS_FAILED;
	if (error->code != MS_ERROR_TLS_CERTIFICATE)
		return MS_DIAGNOSIS_SERVER_ERROR;
	if (report == NULL)
		return MS_DIAGNOSIS_CERT_INVALID;
	/* The most fundamental defect first: an untrusted signer makes the
	 * dates and the name meaningless. */
	if (report->status & GNUTLS_CERT_SIGNER_NOT_FOUND)
		return report->self_signed ? MS_DIAGNOSIS_CERT_SELF_SIGNED : MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY;
	if (report->status & (GNUTLS_CERT_REVOKED | GNUTLS_CERT_INSECURE_ALGORITHM | GNUTLS_CERT_SIGNATURE_FAILURE))
		return MS_DIAGNOSIS_CERT_INVALID;
	if (report->status & GNUTLS_CERT_EXPIRED)
		return MS_DIAGNOSIS_CERT_EXPIRED;
	if (report->status & GNUTLS_CERT_NOT_ACTIVATED)
		return MS_DIAGNOSIS_CERT_NOT_YET_VALID;
	if (report->status & GNUTLS_CERT_UNEXPECTED_OWNER)
		return MS_DIAGNOSIS_CERT_WRONG_NAME;
	return MS_DIAGNOSIS_CERT_INVALID;
}

static gboolean
contains_any (const char *lower, const char *const *needles)
{
	for (guint i = 0; needles[i]; i++)
		if (strstr (lower, needles[i]))
			return TRUE;
	return FALSE;
}

/* Words, lower case, in the order they are tested: the most specific
 * first (a Gmail reply mentions both "web browser" and "password"). */
static const char *const oauth2_words[] = {
	"web browser", "weblogin", "web login", "[webalert", "oauth", "5.7.14", NULL
};
static const char *const app_password_words[] = {
	"application-specific password", "app password", "app-specific password",
	"application password", "mot de passe d'application", "mot de passe d’application",
	"5.7.9", NULL
};
static const char *const disabled_words[] = {
	"[expired]", "[contactadmin]", "[authorizationfailed]", "disabled", "locked", "suspended",
	"blocked", "désactivé", "bloqué", "suspendu", "account expired", NULL
};
static const char *const unavailable_words[] = {
	"[unavailable]", "[sys/temp]", "[in-use]", "temporar", "try again later", NULL
};
static const char *const unknown_user_words[] = {
	"unknown user", "user unknown", "no such user", "user not found", "invalid user",
	"unknown account", "utilisateur inconnu", NULL
};

static int
smtp_code (const char *reply)
{
	if (g_ascii_isdigit (reply[0]) && g_ascii_isdigit (reply[1]) && g_ascii_isdigit (reply[2]))
		return (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + (reply[2] - '0');
	return 0;
}

MsDiagnosisCode
_ms_classify_login (MsProtocol protocol, const char *reply)
{
	/* g_utf8_strdown() reads past the end of invalid UTF-8 (found by
	 * fuzz-replies): servers send anything. */
	g_autofree char *valid = g_utf8_make_valid (reply ? reply : "", -1);
	g_autofree char *lower = g_utf8_strdown (valid, -1);
	int code = protocol == MS_PROTOCOL_SMTP ? smtp_code (lower) : 0;

	/* No answer at all: the server hung up, which says nothing about
	 * the password. */
	if (*g_strstrip (lower) == '\0')
		return MS_DIAGNOSIS_SERVER_ERROR;
	if (contains_any (lower, oauth2_words))
		return MS_DIAGNOSIS_OAUTH2_REQUIRED;
	if (contains_any (lower, app_password_words))
		return MS_DIAGNOSIS_APP_PASSWORD_REQUIRED;
	if (contains_any (lower, unavailable_words) || (code >= 400 && code < 500))
		return MS_DIAGNOSIS_SERVER_UNAVAILABLE;
	if (contains_any (lower, disabled_words))
		return MS_DIAGNOSIS_ACCOUNT_DISABLED;
	if (contains_any (lower, unknown_user_words))
		return MS_DIAGNOSIS_WRONG_USERNAME;
	if (protocol == MS_PROTOCOL_SMTP) {
		if (code == 534)  /* RFC 4954: "authentication mechanism is too weak" */
			return MS_DIAGNOSIS_APP_PASSWORD_REQUIRED;
		if (code == 504 || code == 502)
			return MS_DIAGNOSIS_AUTH_NOT_OFFERED;
		if (code == 535 || code == 0 || code == 554)
			return MS_DIAGNOSIS_WRONG_PASSWORD;
		return MS_DIAGNOSIS_SERVER_ERROR;
	}
	if (protocol == MS_PROTOCOL_IMAP && g_str_has_prefix (lower, "bad"))
		return MS_DIAGNOSIS_SERVER_ERROR;
	return MS_DIAGNOSIS_WRONG_PASSWORD;
}

MsDiagnosisCode
_ms_classify_send (const char *reply)
{
	g_autofree char *lower = g_ascii_strdown (reply ? reply : "", -1);
	if (strstr (lower, "relay") || strstr (lower, "5.7.1"))
		return MS_DIAGNOSIS_RELAY_DENIED;
	return MS_DIAGNOSIS_MESSAGE_REJECTED;
}
