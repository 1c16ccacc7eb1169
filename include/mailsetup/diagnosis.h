/* mailsetup: what went wrong, in words a person understands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/**
 * MsDiagnosisCode:
 * @MS_DIAGNOSIS_NO_SUCH_DOMAIN: the address's domain does not exist in DNS.
 * @MS_DIAGNOSIS_NO_MAIL_SERVER: the domain exists, but no mail server was found for it.
 * @MS_DIAGNOSIS_HOST_NOT_FOUND: a server's name does not resolve.
 * @MS_DIAGNOSIS_CONNECTION_REFUSED: the server refused the connection on that port.
 * @MS_DIAGNOSIS_TIMED_OUT: no answer in time: the port is probably blocked by
 *   the network the user is on (#MsDiagnosis.other_port says which port to try).
 * @MS_DIAGNOSIS_CERT_EXPIRED: the server's certificate has expired.
 * @MS_DIAGNOSIS_CERT_NOT_YET_VALID: the server's certificate is not valid yet
 *   (or the computer's clock is wrong).
 * @MS_DIAGNOSIS_CERT_WRONG_NAME: the certificate was made for another name
 *   (#MsDiagnosis.names; #MsDiagnosis.other_host is the right host when one
 *   of those names serves the same service with a valid certificate).
 * @MS_DIAGNOSIS_CERT_SELF_SIGNED: the certificate is self-signed.
 * @MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY: the certificate comes from an authority
 *   this computer does not trust.
 * @MS_DIAGNOSIS_CERT_INVALID: the certificate is not valid for another reason
 *   (revoked, insecure algorithm…; #MsDiagnosis.detail says which).
 * @MS_DIAGNOSIS_TLS_TOO_OLD: the server only speaks a TLS version older than
 *   1.2 (RFC 8996).
 * @MS_DIAGNOSIS_TLS_FAILED: the encrypted connection could not be set up.
 * @MS_DIAGNOSIS_STARTTLS_MISSING: the server does not offer STARTTLS on a port
 *   where it must: it may be removed on the way (possible attack).
 * @MS_DIAGNOSIS_STARTTLS_FAILED: the server offered STARTTLS, then refused it
 *   or failed it.
 * @MS_DIAGNOSIS_PLAINTEXT_ONLY: the server only offers unencrypted
 *   connections; no password is sent over those.
 * @MS_DIAGNOSIS_WRONG_PASSWORD: the server refused the password.
 * @MS_DIAGNOSIS_WRONG_USERNAME: the server does not know the user name in the
 *   forms tried (it said so).
 * @MS_DIAGNOSIS_APP_PASSWORD_REQUIRED: the provider wants an app password
 *   (a password made for this program in the provider's web settings).
 * @MS_DIAGNOSIS_OAUTH2_REQUIRED: the provider only accepts a sign-in in the
 *   browser (OAuth2), not a password.
 * @MS_DIAGNOSIS_ACCOUNT_DISABLED: the account is locked, disabled or expired.
 * @MS_DIAGNOSIS_AUTH_NOT_OFFERED: the server offers no way to log in that can
 *   be used (SMTP AUTH not offered, IMAP LOGINDISABLED…).
 * @MS_DIAGNOSIS_SERVER_UNAVAILABLE: the server said it cannot check the login
 *   right now (temporary failure: IMAP [UNAVAILABLE], SMTP 454).
 * @MS_DIAGNOSIS_RELAY_DENIED: the outgoing server refused to send the message
 *   (relay access denied).
 * @MS_DIAGNOSIS_MESSAGE_REJECTED: the outgoing server refused the test
 *   message for another reason (#MsDiagnosis.detail).
 * @MS_DIAGNOSIS_NOT_DELIVERED: the test message sent to the address itself
 *   did not arrive in time.
 * @MS_DIAGNOSIS_SERVER_ERROR: the server closed the connection or answered
 *   something that makes no sense.
 *
 * Every way verification can fail, each with a stable name
 * (ms_diagnosis_code_to_string()), an explanation and a next step.
 *
 * Since: 0.1
 */
typedef enum {
	MS_DIAGNOSIS_NO_SUCH_DOMAIN,
	MS_DIAGNOSIS_NO_MAIL_SERVER,
	MS_DIAGNOSIS_HOST_NOT_FOUND,
	MS_DIAGNOSIS_CONNECTION_REFUSED,
	MS_DIAGNOSIS_TIMED_OUT,
	MS_DIAGNOSIS_CERT_EXPIRED,
	MS_DIAGNOSIS_CERT_NOT_YET_VALID,
	MS_DIAGNOSIS_CERT_WRONG_NAME,
	MS_DIAGNOSIS_CERT_SELF_SIGNED,
	MS_DIAGNOSIS_CERT_UNKNOWN_AUTHORITY,
	MS_DIAGNOSIS_CERT_INVALID,
	MS_DIAGNOSIS_TLS_TOO_OLD,
	MS_DIAGNOSIS_TLS_FAILED,
	MS_DIAGNOSIS_STARTTLS_MISSING,
	MS_DIAGNOSIS_STARTTLS_FAILED,
	MS_DIAGNOSIS_PLAINTEXT_ONLY,
	MS_DIAGNOSIS_WRONG_PASSWORD,
	MS_DIAGNOSIS_WRONG_USERNAME,
	MS_DIAGNOSIS_APP_PASSWORD_REQUIRED,
	MS_DIAGNOSIS_OAUTH2_REQUIRED,
	MS_DIAGNOSIS_ACCOUNT_DISABLED,
	MS_DIAGNOSIS_AUTH_NOT_OFFERED,
	MS_DIAGNOSIS_SERVER_UNAVAILABLE,
	MS_DIAGNOSIS_RELAY_DENIED,
	MS_DIAGNOSIS_MESSAGE_REJECTED,
	MS_DIAGNOSIS_NOT_DELIVERED,
	MS_DIAGNOSIS_SERVER_ERROR,
} MsDiagnosisCode;

/**
 * MS_DIAGNOSIS_LAST:
 *
 * The highest #MsDiagnosisCode, for loops over the catalogue.
 *
 * Since: 0.1
 */
#define MS_DIAGNOSIS_LAST MS_DIAGNOSIS_SERVER_ERROR

/**
 * MsDiagnosis:
 * @code: what went wrong
 * @protocol: the protocol of the server concerned (meaningless when @host
 *   is %NULL)
 * @host: (nullable): the server concerned; with %MS_DIAGNOSIS_NO_SUCH_DOMAIN
 *   and %MS_DIAGNOSIS_NO_MAIL_SERVER, the address's domain; %NULL when
 *   not known
 * @port: its port (0 with no @host)
 * @socket_type: how the connection was secured
 * @detail: (nullable): the server's own words or the technical reason,
 *   printable and at most 200 characters; never holds a password
 * @names: (nullable) (array zero-terminated=1): with
 *   %MS_DIAGNOSIS_CERT_WRONG_NAME, the names the certificate was made for
 * @other_host: (nullable): with %MS_DIAGNOSIS_CERT_WRONG_NAME, a host that
 *   serves the same service with a valid certificate
 * @other_port: with %MS_DIAGNOSIS_TIMED_OUT or
 *   %MS_DIAGNOSIS_CONNECTION_REFUSED, the other port worth trying for the same
 *   service and protocol (993 and 143, 995 and 110, 465 and 587, 25 to
 *   587), else 0
 * @username: (nullable): the user name that was tried, for login problems
 *
 * One diagnosis. Build with ms_diagnosis_new() and fill the fields; every
 * string is owned by the diagnosis and freed by ms_diagnosis_free().
 *
 * Since: 0.1
 */
typedef struct {
	MsDiagnosisCode code;
	MsProtocol protocol;
	char *host;
	guint16 port;
	MsSocketType socket_type;
	char *detail;
	char **names;
	char *other_host;
	guint16 other_port;
	char *username;
} MsDiagnosis;

/**
 * ms_diagnosis_new:
 * @code: what went wrong
 *
 * Returns: (transfer full): a diagnosis with every other field empty.
 *
 * Since: 0.1
 */
MsDiagnosis *ms_diagnosis_new (MsDiagnosisCode code);

/**
 * ms_diagnosis_new_for_server:
 * @code: what went wrong
 * @server: the server concerned
 * @host: (nullable): its host name with placeholders expanded (the
 *   server's host name template when %NULL)
 *
 * Returns: (transfer full): a diagnosis about @server; @other_port is
 * filled for %MS_DIAGNOSIS_TIMED_OUT and %MS_DIAGNOSIS_CONNECTION_REFUSED.
 *
 * Since: 0.1
 */
MsDiagnosis *ms_diagnosis_new_for_server (MsDiagnosisCode code, const MsServer *server, const char *host);

/** ms_diagnosis_copy: @diagnosis: a diagnosis. Returns: (transfer full): a deep copy. Since: 0.1 */
MsDiagnosis *ms_diagnosis_copy (const MsDiagnosis *diagnosis);
/** ms_diagnosis_free: @diagnosis: (transfer full) (nullable): a diagnosis. Since: 0.1 */
void ms_diagnosis_free (MsDiagnosis *diagnosis);

/**
 * ms_diagnosis_code_to_string:
 * @code: a code
 *
 * Returns: the stable, untranslated name of @code ("cert-expired",
 * "wrong-password"…), for scripts, JSON and tests.
 *
 * Since: 0.1
 */
const char *ms_diagnosis_code_to_string (MsDiagnosisCode code);

/**
 * ms_diagnosis_code_from_string:
 * @name: a name given by ms_diagnosis_code_to_string()
 * @code: (out): the code
 *
 * Returns: %TRUE when @name is a known code.
 *
 * Since: 0.1
 */
gboolean ms_diagnosis_code_from_string (const char *name, MsDiagnosisCode *code);

/**
 * ms_diagnosis_explain:
 * @diagnosis: a diagnosis
 *
 * Returns: (transfer full): what happened, in one or two sentences in the
 * user's language, with the host, port and names filled in.
 *
 * Since: 0.1
 */
char *ms_diagnosis_explain (const MsDiagnosis *diagnosis);

/**
 * ms_diagnosis_next_step:
 * @diagnosis: a diagnosis
 *
 * Returns: (transfer full): what the user can do about it, in the user's
 * language.
 *
 * Since: 0.1
 */
char *ms_diagnosis_next_step (const MsDiagnosis *diagnosis);

/**
 * ms_diagnosis_is_login_problem:
 * @code: a code
 *
 * Returns: %TRUE for the codes about the user's credentials or account
 * (wrong password or user name, app password, OAuth2, disabled account):
 * another server of the same provider will answer the same.
 *
 * Since: 0.1
 */
gboolean ms_diagnosis_is_login_problem (MsDiagnosisCode code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsDiagnosis, ms_diagnosis_free)

G_END_DECLS
