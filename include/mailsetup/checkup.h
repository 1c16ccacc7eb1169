/* mailsetup: the check-up of accounts that already exist in Claws Mail:
 * what is weaker than it could be (plain text, STARTTLS where implicit
 * TLS exists, a certificate exception for a host whose certificate names
 * another…), and the secure setting to use instead.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/config.h>
#include <mailsetup/claws-config.h>
#include <mailsetup/diagnosis.h>

G_BEGIN_DECLS

/**
 * MsCertException:
 * @host: the host name Claws connected to (from the file name)
 * @port: the port
 * @path: the file in Claws's `certs/` directory
 * @names: (array zero-terminated=1): the DNS names the certificate was made for
 * @not_after: when it expires (seconds since the epoch), or -1
 * @expired: it has expired
 * @self_signed: it signed itself
 * @trusted: its chain leads to a trusted authority and it is in date
 * @valid_for_host: it passes every check for @host: not an exception at
 *   all (Claws also stores certificates it accepted as valid)
 *
 * A certificate Claws keeps for a host and port ("Tools → TLS
 * certificates"): one the user accepted, often against a warning.
 *
 * Since: 0.1
 */
typedef struct {
	char *host;
	guint16 port;
	char *path;
	char **names;
	gint64 not_after;
	gboolean expired;
	gboolean self_signed;
	gboolean trusted;
	gboolean valid_for_host;
} MsCertException;

/** ms_cert_exception_free: @exception: (transfer full) (nullable): an exception. Since: 0.1 */
void ms_cert_exception_free (MsCertException *exception);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsCertException, ms_cert_exception_free)

/**
 * ms_cert_exception_load:
 * @path: a certificate file of Claws's `certs/` directory, named
 *   `HOST.PORT.cert` or `HOST.PORT.FINGERPRINT.cert` (DER or PEM; a
 *   `.chain` file beside it gives the intermediates)
 * @ca_file: (nullable): a PEM file of authorities trusted besides the
 *   system's (else $SSL_CERT_FILE)
 * @error: return location for an error
 *
 * Reads the certificate with GnuTLS and checks it as mailsetup checks a
 * server's: chain, dates, host name.
 *
 * Returns: (transfer full) (nullable): what it is, or %NULL with @error.
 *
 * Since: 0.1
 */
MsCertException *ms_cert_exception_load (const char *path, const char *ca_file, GError **error);

/**
 * ms_checkup_accounts_load:
 * @claws_dir: Claws's configuration directory (`~/.claws-mail`)
 * @ca_file: (nullable): as for ms_cert_exception_load()
 * @error: return location for an error (as ms_claws_accounts_load())
 *
 * Reads `accountrc` with ms_claws_accounts_load() and, for each account,
 * the certificates stored in `certs/` for its servers' host and port into
 * its @exceptions. Reads only.
 *
 * Returns: (transfer full) (element-type MsClawsAccount) (nullable): the accounts.
 *
 * Since: 0.1
 */
GPtrArray *ms_checkup_accounts_load (const char *claws_dir, const char *ca_file, GError **error);

/**
 * MsCheckupFindingKind:
 * @MS_CHECKUP_PLAIN_TEXT: mail is received without encryption.
 * @MS_CHECKUP_STARTTLS: STARTTLS is used where the server offers implicit
 *   TLS (RFC 8314: a connection that is encrypted from its first byte).
 * @MS_CHECKUP_CERT_OTHER_NAME: a certificate exception is stored for a
 *   host whose certificate was made for another name, which is valid:
 *   that name should be used.
 * @MS_CHECKUP_CERT_UNTRUSTED: a certificate exception is stored for an
 *   expired, self-signed or otherwise untrusted certificate.
 * @MS_CHECKUP_SMTP_PLAIN: mail is sent without encryption.
 * @MS_CHECKUP_SMTP_NO_AUTH: Claws does not sign in to send.
 *
 * Since: 0.1
 */
typedef enum {
	MS_CHECKUP_PLAIN_TEXT,
	MS_CHECKUP_STARTTLS,
	MS_CHECKUP_CERT_OTHER_NAME,
	MS_CHECKUP_CERT_UNTRUSTED,
	MS_CHECKUP_SMTP_PLAIN,
	MS_CHECKUP_SMTP_NO_AUTH,
} MsCheckupFindingKind;

/** ms_checkup_finding_kind_name: @kind: a kind. Returns: its stable name ("plain-text"…). Since: 0.1 */
const char *ms_checkup_finding_kind_name (MsCheckupFindingKind kind);

/**
 * MsCheckupFinding:
 * @kind: what is weak
 * @protocol: the side concerned (the incoming protocol, or SMTP)
 * @message: a translated explanation in plain words
 * @exception: (nullable): the stored certificate concerned, which the fix
 *   removes (only with the user's yes)
 *
 * One weakness of an account.
 *
 * Since: 0.1
 */
typedef struct {
	MsCheckupFindingKind kind;
	MsProtocol protocol;
	char *message;
	MsCertException *exception;
} MsCheckupFinding;

/** ms_checkup_finding_free: @finding: (transfer full) (nullable): a finding. Since: 0.1 */
void ms_checkup_finding_free (MsCheckupFinding *finding);

/**
 * MsCheckupReport:
 * @account: the account checked
 * @findings: (element-type MsCheckupFinding): what is weaker than it could be
 * @incoming: (nullable): the secure incoming server proposed instead of
 *   the account's, or %NULL to keep it
 * @outgoing: (nullable): the same for sending; its user name is set: Claws
 *   signs in to send with it (with the receiving password when it is the
 *   receiving user name)
 * @unfixed: (element-type MsCheckupFinding): findings without a secure setting
 *   to offer (no secure server was found): the user must ask the provider
 * @verified: a password was given and the proposed settings logged in
 * @diagnosis: (nullable): a password was given and they did not: why
 *
 * What the check-up found for one account, and the fix.
 *
 * Since: 0.1
 */
typedef struct {
	MsClawsAccount *account;
	GPtrArray *findings;
	MsServer *incoming;
	MsServer *outgoing;
	GPtrArray *unfixed;
	gboolean verified;
	MsDiagnosis *diagnosis;
} MsCheckupReport;

/** ms_checkup_report_free: @report: (transfer full) (nullable): a report. Since: 0.1 */
void ms_checkup_report_free (MsCheckupReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsCheckupReport, ms_checkup_report_free)

/**
 * MsCheckupOptions:
 *
 * How the check-up runs.
 *
 * Since: 0.1
 */
typedef struct _MsCheckupOptions MsCheckupOptions;
/** ms_checkup_options_new: Returns: (transfer full): default options. Since: 0.1 */
MsCheckupOptions *ms_checkup_options_new (void);
/** ms_checkup_options_free: @options: (transfer full) (nullable): options. Since: 0.1 */
void ms_checkup_options_free (MsCheckupOptions *options);
/** ms_checkup_options_set_ca_file: @options: options. @ca_file: (nullable): as ms_verify_options_set_ca_file(). Since: 0.1 */
void ms_checkup_options_set_ca_file (MsCheckupOptions *options, const char *ca_file);
/**
 * ms_checkup_options_set_password:
 * @options: options
 * @password: (nullable): the account's password: the proposed settings
 *   are then verified with ms_verify_sync() (login, no test message)
 *   before they are proposed. Copied, wiped when the options are freed.
 *
 * Since: 0.1
 */
void ms_checkup_options_set_password (MsCheckupOptions *options, const char *password);
/** ms_checkup_options_set_timeout: @options: options. @step_ms: the most one connection may take (default 8000). Since: 0.1 */
void ms_checkup_options_set_timeout (MsCheckupOptions *options, guint step_ms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsCheckupOptions, ms_checkup_options_free)

/**
 * ms_checkup_account_async:
 * @account: an account (copied as needed; it must outlive the call)
 * @options: (nullable): options, copied
 * @cancellable: (nullable): stops every connection
 * @callback: called once, at the end
 * @user_data: data for @callback
 *
 * Probes the account's servers with every certificate check (TLS
 * handshake, STARTTLS offered, implicit TLS on the standard port, the
 * certificate's other names), discovers the address's domain
 * (ms_discover_async()) for a secure server when probing finds none, and
 * reads the stored certificate exceptions. Never sends a credential
 * without a password option, and never changes anything.
 *
 * Since: 0.1
 */
void ms_checkup_account_async (const MsClawsAccount *account, const MsCheckupOptions *options,
                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
/**
 * ms_checkup_account_finish:
 * @result: the result given to the callback
 * @error: return location for an error (only %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the report.
 *
 * Since: 0.1
 */
MsCheckupReport *ms_checkup_account_finish (GAsyncResult *result, GError **error);
/**
 * ms_checkup_account_sync:
 * @account: an account
 * @options: (nullable): options
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * ms_checkup_account_async() for programs without a main loop.
 *
 * Returns: (transfer full) (nullable): the report.
 *
 * Since: 0.1
 */
MsCheckupReport *ms_checkup_account_sync (const MsClawsAccount *account, const MsCheckupOptions *options,
                                          GCancellable *cancellable, GError **error);

G_END_DECLS
