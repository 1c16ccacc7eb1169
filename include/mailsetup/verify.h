/* mailsetup: verification: which of the proposed servers really work with
 * this password, proved by logging in and by a message sent to oneself.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/address.h>
#include <mailsetup/config.h>
#include <mailsetup/diagnosis.h>

G_BEGIN_DECLS

/**
 * MsVerifyOptions:
 *
 * How verification runs: time limits, the send-to-self test, the extra
 * certificate authority. Defaults suit an interactive client.
 *
 * Since: 0.1
 */
typedef struct _MsVerifyOptions MsVerifyOptions;

/** ms_verify_options_new: Returns: (transfer full): default options. Since: 0.1 */
MsVerifyOptions *ms_verify_options_new (void);
/** ms_verify_options_free: @options: (transfer full) (nullable): options. Since: 0.1 */
void ms_verify_options_free (MsVerifyOptions *options);
/**
 * ms_verify_options_set_ca_file:
 * @options: options
 * @ca_file: (nullable): a PEM file of certificate authorities trusted
 *   besides the system's (else $SSL_CERT_FILE, as Claws does)
 *
 * Since: 0.1
 */
void ms_verify_options_set_ca_file (MsVerifyOptions *options, const char *ca_file);
/**
 * ms_verify_options_set_step_timeout:
 * @options: options
 * @step_ms: the most one exchange with a server may take (connecting, a
 *   handshake, a command), in milliseconds (default 15000)
 *
 * Since: 0.1
 */
void ms_verify_options_set_step_timeout (MsVerifyOptions *options, guint step_ms);
/**
 * ms_verify_options_set_send_test:
 * @options: options
 * @send: whether to send a test message to the address itself and wait
 *   for it (default %TRUE)
 * @timeout_ms: how long to wait for it, in milliseconds (default 60000)
 *
 * Since: 0.1
 */
void ms_verify_options_set_send_test (MsVerifyOptions *options, gboolean send, guint timeout_ms);
/**
 * ms_verify_options_set_max_failures:
 * @options: options
 * @failures: the most refused logins per server host in one run, 1 or 2
 *   (default 2): servers lock accounts after a few
 *
 * Since: 0.1
 */
void ms_verify_options_set_max_failures (MsVerifyOptions *options, guint failures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsVerifyOptions, ms_verify_options_free)

/**
 * MsVerifyStep:
 * @MS_VERIFY_STEP_CONNECT: connecting and securing the connection (TLS or STARTTLS).
 * @MS_VERIFY_STEP_LOGIN: logging in with a user name.
 * @MS_VERIFY_STEP_SEND: sending the test message to the address itself.
 * @MS_VERIFY_STEP_RECEIVE: waiting for the test message in the mailbox, then deleting it.
 *
 * Since: 0.1
 */
typedef enum {
	MS_VERIFY_STEP_CONNECT,
	MS_VERIFY_STEP_LOGIN,
	MS_VERIFY_STEP_SEND,
	MS_VERIFY_STEP_RECEIVE,
} MsVerifyStep;

/**
 * MsVerifyState:
 * @MS_VERIFY_STATE_STARTED: the step started.
 * @MS_VERIFY_STATE_OK: the step succeeded.
 * @MS_VERIFY_STATE_FAILED: the step failed (#MsVerifyEvent.diagnosis).
 *
 * Since: 0.1
 */
typedef enum {
	MS_VERIFY_STATE_STARTED,
	MS_VERIFY_STATE_OK,
	MS_VERIFY_STATE_FAILED,
} MsVerifyState;

/**
 * MsVerifyEvent:
 * @step: the step
 * @state: what happened
 * @server: the server concerned
 * @host: its host name, placeholders expanded
 * @username: (nullable): with %MS_VERIFY_STEP_LOGIN, the user name tried
 * @diagnosis: (nullable): with %MS_VERIFY_STATE_FAILED, why
 * @message: a translated sentence for a person ("Logging in to
 *   mail.example.fr as alice@example.fr…")
 * @elapsed_us: microseconds since verification started
 *
 * One step of verification, streamed as it happens; valid only during
 * the callback. The password never appears in it.
 *
 * Since: 0.1
 */
typedef struct {
	MsVerifyStep step;
	MsVerifyState state;
	const MsServer *server;
	const char *host;
	const char *username;
	const MsDiagnosis *diagnosis;
	const char *message;
	gint64 elapsed_us;
} MsVerifyEvent;

/**
 * MsVerifyProgress:
 * @event: what happened
 * @user_data: the data given to ms_verify_async()
 *
 * Called in the thread-default main context of the ms_verify_async() call,
 * never after the final callback.
 *
 * Since: 0.1
 */
typedef void (*MsVerifyProgress) (const MsVerifyEvent *event, gpointer user_data);

/**
 * MsSendTest:
 * @MS_SEND_TEST_NOT_RUN: not run: nothing to send with, or an earlier step failed.
 * @MS_SEND_TEST_SKIPPED: not wanted (ms_verify_options_set_send_test()).
 * @MS_SEND_TEST_DELIVERED: the message arrived and was deleted.
 * @MS_SEND_TEST_FAILED: sending was refused (see the diagnosis).
 * @MS_SEND_TEST_NOT_DELIVERED: sent, but it did not arrive in time.
 *
 * Since: 0.1
 */
typedef enum {
	MS_SEND_TEST_NOT_RUN,
	MS_SEND_TEST_SKIPPED,
	MS_SEND_TEST_DELIVERED,
	MS_SEND_TEST_FAILED,
	MS_SEND_TEST_NOT_DELIVERED,
} MsSendTest;

/** ms_send_test_to_string: @state: a state. Returns: its stable name ("delivered"…). Since: 0.1 */
const char *ms_send_test_to_string (MsSendTest state);

/**
 * MsVerifyResult:
 *
 * What verification proved. Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsVerifyResult MsVerifyResult;

/** ms_verify_result_ref: @result: a result. Returns: (transfer full): @result. Since: 0.1 */
MsVerifyResult *ms_verify_result_ref (MsVerifyResult *result);
/** ms_verify_result_unref: @result: (transfer full): a result. Since: 0.1 */
void ms_verify_result_unref (MsVerifyResult *result);

/**
 * ms_verify_result_is_verified:
 * @result: a result
 *
 * Returns: %TRUE when an incoming and an outgoing server accepted the
 * login, and the test message arrived (or the test was skipped).
 *
 * Since: 0.1
 */
gboolean ms_verify_result_is_verified (const MsVerifyResult *result);
/**
 * ms_verify_result_get_incoming:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the incoming server that works, its
 * host name expanded and its username the one that logged in; it may
 * differ from the proposed one (a host taken from the certificate: its
 * confirmation says why).
 *
 * Since: 0.1
 */
MsServer *ms_verify_result_get_incoming (const MsVerifyResult *result);
/**
 * ms_verify_result_get_other_incoming:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): a working incoming server of the
 * other protocol (POP3 when IMAP is chosen), so that the user may choose.
 *
 * Since: 0.1
 */
MsServer *ms_verify_result_get_other_incoming (const MsVerifyResult *result);
/** ms_verify_result_get_outgoing: @result: a result. Returns: (transfer none) (nullable): the outgoing server that works, as ms_verify_result_get_incoming(). Since: 0.1 */
MsServer *ms_verify_result_get_outgoing (const MsVerifyResult *result);
/** ms_verify_result_get_username: @result: a result. Returns: (transfer none) (nullable): the user name that logged in. Since: 0.1 */
const char *ms_verify_result_get_username (const MsVerifyResult *result);
/**
 * ms_verify_result_get_send_test:
 * @result: a result
 * @delay_us: (out) (optional): with %MS_SEND_TEST_DELIVERED, how long the
 *   message took from sent to found, in microseconds
 *
 * Returns: what became of the test message.
 *
 * Since: 0.1
 */
MsSendTest ms_verify_result_get_send_test (const MsVerifyResult *result, gint64 *delay_us);
/**
 * ms_verify_result_get_diagnosis:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): when not verified, the problem that
 * stopped it, the one to show; %NULL when verified.
 *
 * Since: 0.1
 */
const MsDiagnosis *ms_verify_result_get_diagnosis (const MsVerifyResult *result);
/**
 * ms_verify_result_get_problems:
 * @result: a result
 *
 * Returns: (transfer none) (element-type MsDiagnosis): every problem met,
 * in order, including those of servers that were passed over.
 *
 * Since: 0.1
 */
GPtrArray *ms_verify_result_get_problems (const MsVerifyResult *result);
/** ms_verify_result_get_failed_logins: @result: a result. Returns: how many logins servers refused during the run. Since: 0.1 */
guint ms_verify_result_get_failed_logins (const MsVerifyResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsVerifyResult, ms_verify_result_unref)

/**
 * ms_verify_async:
 * @address: the user's address
 * @config: the proposed servers (from discovery, a file, the user), ranked
 * @password: the password; copied, wiped from memory when done, never
 *   logged, never sent but to an encrypted, verified server
 * @options: (nullable): options, copied; %NULL for the defaults
 * @progress: (nullable) (scope notified): called for each step
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data after the last call
 * @cancellable: (nullable): stops every connection at once
 * @callback: called once, at the end
 * @user_data: data for @callback
 *
 * Tries the incoming servers in rank order until one accepts the login,
 * with the user name forms in order of evidence (the configuration's
 * template, the full address, the local part), at most
 * ms_verify_options_set_max_failures() refused logins per host; reuses the
 * winning form for the outgoing server; then sends a message to the
 * address itself and waits for it. A certificate made for another name is
 * answered with that name when it serves the same service.
 *
 * Since: 0.1
 */
void ms_verify_async (const MsAddress *address, const MsConfig *config, const char *password,
                      const MsVerifyOptions *options, MsVerifyProgress progress, gpointer progress_data,
                      GDestroyNotify progress_notify, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data);

/**
 * ms_verify_finish:
 * @result: the result given to the callback
 * @error: return location for an error: only %G_IO_ERROR_CANCELLED; every
 *   other failure is a diagnosis in the result
 *
 * Returns: (transfer full) (nullable): what was proved.
 *
 * Since: 0.1
 */
MsVerifyResult *ms_verify_finish (GAsyncResult *result, GError **error);

/**
 * ms_verify_sync:
 * @address: the user's address
 * @config: the proposed servers
 * @password: the password
 * @options: (nullable): options
 * @progress: (nullable) (scope call): called for each step
 * @progress_data: data for @progress
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * ms_verify_async() for programs without a main loop.
 *
 * Returns: (transfer full) (nullable): as ms_verify_finish().
 *
 * Since: 0.1
 */
MsVerifyResult *ms_verify_sync (const MsAddress *address, const MsConfig *config, const char *password,
                                const MsVerifyOptions *options, MsVerifyProgress progress,
                                gpointer progress_data, GCancellable *cancellable, GError **error);

G_END_DECLS
