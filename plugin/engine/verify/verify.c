/* Verification: the proposed servers, tried in rank order in one worker
 * thread, one step at a time (a login must not race another login on the
 * same account), each step streamed to the caller's main context.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/verify-run.h"

#include <string.h>
#include "core/i18n.h"
#include "core/sync.h"
#include "core/worker.h"
#include "net/dns.h"
#include "verify/session.h"

/* At most this many candidates of one kind are tried: beyond, discovery
 * proposed guesses, and each costs a connection. */
#define MAX_CANDIDATES 6
/* Names of a certificate tried as the right host, at most. */
#define MAX_CERT_NAMES 4

typedef struct {
	gint ref;                    /* the caller's task, the worker, posted events */
	MsAddress *address;
	MsConfig *config;
	char *password;
	MsVerifyOptions *options;
	MsVerifyProgress progress;
	gpointer progress_data;
	GDestroyNotify progress_notify;
	GMainContext *context;
	gint64 start;
	gint finished;               /* atomic: the caller got its answer */
	GMutex lock;                 /* problems, failures, diagnosis: threads share them */
	GHashTable *failures;        /* host (lower case) -> refused logins */
	MsVerifyResult *result;
	GCancellable *cancellable;
} VerifyRun;

static VerifyRun *
run_ref (VerifyRun *run)
{
	g_atomic_int_inc (&run->ref);
	return run;
}

/* The last reference may go in the worker, which finishes in the
 * background after a cancel: nothing here may touch the caller's data
 * (progress_notify runs in on_done instead). */
static void
run_unref (VerifyRun *run)
{
	if (!g_atomic_int_dec_and_test (&run->ref))
		return;
	ms_address_unref (run->address);
	ms_config_unref (run->config);
	if (run->password) {
		/* Not left in freed memory for the next allocation to show. */
		explicit_bzero (run->password, strlen (run->password));
		g_free (run->password);
	}
	ms_verify_options_free (run->options);
	g_main_context_unref (run->context);
	g_hash_table_unref (run->failures);
	g_mutex_clear (&run->lock);
	g_clear_pointer (&run->result, ms_verify_result_unref);
	g_clear_object (&run->cancellable);
	g_free (run);
}

/* --- events: copied in the worker, delivered in the caller's context --- */

typedef struct {
	VerifyRun *run;
	MsVerifyEvent event;
	MsServer *server;
	char *host, *username, *message;
	MsDiagnosis *diagnosis;
} PostedEvent;

static gboolean
deliver (gpointer data)
{
	PostedEvent *p = data;
	if (!g_atomic_int_get (&p->run->finished))
		p->run->progress (&p->event, p->run->progress_data);
	return G_SOURCE_REMOVE;
}

static void
posted_free (gpointer data)
{
	PostedEvent *p = data;
	run_unref (p->run);
	ms_server_unref (p->server);
	g_free (p->host);
	g_free (p->username);
	g_free (p->message);
	ms_diagnosis_free (p->diagnosis);
	g_free (p);
}

static void
emit (VerifyRun *run, MsVerifyStep step, MsVerifyState state, const MsServer *server, const char *host,
      const char *username, const MsDiagnosis *diagnosis, char *message /* taken */)
{
	if (run->progress == NULL) {
		g_free (message);
		return;
	}
	PostedEvent *p = g_new0 (PostedEvent, 1);
	p->run = run_ref (run);
	p->server = ms_server_ref ((MsServer *) server);
	p->host = g_strdup (host);
	p->username = g_strdup (username);
	p->message = message;
	p->diagnosis = diagnosis ? ms_diagnosis_copy (diagnosis) : NULL;
	p->event = (MsVerifyEvent) { step, state, p->server, p->host, p->username, p->diagnosis, p->message,
	                             g_get_monotonic_time () - run->start };
	/* Queued in order, before the final answer, which the worker posts
	 * last: no event is lost, none follows the answer. */
	g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, deliver, p, posted_free);
}

static void
emit_failed (VerifyRun *run, MsVerifyStep step, const MsServer *server, const char *host, const char *username,
             const MsDiagnosis *d)
{
	emit (run, step, MS_VERIFY_STATE_FAILED, server, host, username, d, ms_diagnosis_explain (d));
}

static void
add_problem (VerifyRun *run, MsDiagnosis *d)
{
	g_mutex_lock (&run->lock);
	g_ptr_array_add (run->result->problems, d);
	g_mutex_unlock (&run->lock);
}

static void
stop_with (VerifyRun *run, const MsDiagnosis *d)
{
	g_mutex_lock (&run->lock);
	if (run->result->diagnosis == NULL)
		run->result->diagnosis = ms_diagnosis_copy (d);
	g_mutex_unlock (&run->lock);
}

/* --- connecting --- */

/* Refused logins on @host so far, plus @add. Per host, not per port or
 * protocol: IMAP, POP3 and SMTP of a host usually share one lockout. */
static guint
count_failures (VerifyRun *run, const char *host, guint add)
{
	g_autofree char *key = g_ascii_strdown (host, -1);
	g_mutex_lock (&run->lock);
	guint *count = g_hash_table_lookup (run->failures, key);
	if (count == NULL) {
		count = g_new0 (guint, 1);
		g_hash_table_insert (run->failures, g_steal_pointer (&key), count);
	}
	*count += add;
	run->result->failed_logins += add;
	guint now = *count;
	g_mutex_unlock (&run->lock);
	return now;
}

static MsSession *
open_one (VerifyRun *run, const MsServer *server, const char *host, MsDiagnosis **d, GError **error)
{
	MsEndpoint ep = {
		.protocol = ms_server_get_protocol (server),
		.host = host,
		.port = ms_server_get_port (server),
		.socket_type = ms_server_get_socket_type (server),
		.auth = ms_server_get_auth (server),
		.ca_file = run->options->ca_file,
		.step_timeout_us = (gint64) run->options->step_ms * 1000,
		.cancellable = run->cancellable,
	};
	emit (run, MS_VERIFY_STEP_CONNECT, MS_VERIFY_STATE_STARTED, server, host, NULL, NULL,
	      g_strdup_printf (_("Connecting to %s, port %u (%s)…"), host, ep.port,
	                       ms_protocol_to_string (ep.protocol)));
	MsSession *s = _ms_session_open (&ep, d, error);
	if (s)
		emit (run, MS_VERIFY_STEP_CONNECT, MS_VERIFY_STATE_OK, server, host, NULL, NULL,
		      g_strdup_printf (_("Connected to %s, port %u: encrypted, certificate valid"), host, ep.port));
	else if (*d)
		emit_failed (run, MS_VERIFY_STEP_CONNECT, server, host, NULL, *d);
	return s;
}

/* Opens a session to @server; when its certificate was made for another
 * name, tries that name (the shared-hosting case: mail.example.fr is
 * served by ssl0.ovh.net with ssl0.ovh.net's certificate). On success
 * *host_r is the host that answered. */
static MsSession *
open_server (VerifyRun *run, const MsServer *server, char **host_r, GError **error)
{
	g_autoptr (GError) e = NULL;
	g_autofree char *host = ms_template_expand (ms_server_get_hostname (server), run->address, &e);
	MsDiagnosis *d = NULL;

	if (host == NULL) {
		d = ms_diagnosis_new_for_server (MS_DIAGNOSIS_HOST_NOT_FOUND, server, NULL);
		d->detail = g_strdup (e->message);
		add_problem (run, d);
		return NULL;
	}
	MsSession *s = open_one (run, server, host, &d, error);
	if (s) {
		*host_r = g_steal_pointer (&host);
		return s;
	}
	if (d == NULL)
		return NULL;  /* cancelled */
	add_problem (run, d);
	if (d->code != MS_DIAGNOSIS_CERT_WRONG_NAME || d->names == NULL)
		return NULL;
	for (guint i = 0; d->names[i] && i < MAX_CERT_NAMES; i++) {
		const char *name = d->names[i];
		MsDiagnosis *d2 = NULL;
		/* A wildcard names no host to connect to. */
		if (strchr (name, '*') || g_ascii_strcasecmp (name, host) == 0)
			continue;
		s = open_one (run, server, name, &d2, error);
		if (s) {
			d->other_host = g_strdup (name);
			*host_r = g_strdup (name);
			return s;
		}
		if (d2 == NULL)
			return NULL;
		/* Only the certificate's problem is the user's: the names tried
		 * for it are shown as events, not as problems. */
		ms_diagnosis_free (d2);
	}
	return NULL;
}

/* A verified copy of @server: the host that answered, the user name that
 * logged in, and why the user should confirm a host the certificate named. */
static MsServer *
verified_copy (const MsServer *server, const char *host, const char *username, const char *original_host)
{
	MsServer *v = ms_server_new (ms_server_get_protocol (server), host, ms_server_get_port (server),
	                             ms_server_get_socket_type (server));
	ms_server_set_auth (v, ms_server_get_auth (server));
	ms_server_set_username (v, username);
	ms_server_set_source (v, ms_server_get_source (server), ms_server_get_trust (server));
	ms_server_add_evidence (v, ms_server_get_evidence (server));
	if (ms_server_get_confirmation (server))
		ms_server_set_confirmation (v, ms_server_get_confirmation (server));
	if (original_host && g_ascii_strcasecmp (host, original_host) != 0) {
		g_autofree char *why = g_strdup_printf (
			_("the certificate of %s was made for %s, which answered with a valid certificate"),
			original_host, host);
		ms_server_set_confirmation (v, why);
	}
	return v;
}

/* --- logging in --- */

typedef enum { LOGIN_OK, LOGIN_NEXT_SERVER, LOGIN_STOP } LoginVerdict;

/* Tries the user name forms on an open session, within the host's budget
 * of refused logins. */
static LoginVerdict
login (VerifyRun *run, MsSession *s, const MsServer *server, const char *host, const char *first,
       gboolean advisory, char **username_r, GError **error)
{
	g_autoptr (GPtrArray) forms = _ms_username_forms (server, run->address, first);
	/* An advisory check (the other incoming protocol) tries the name that
	 * worked, once, and decides nothing for the run. */
	if (advisory && forms->len > 1)
		g_ptr_array_set_size (forms, 1);
	MsDiagnosis *first_refusal = NULL;
	gboolean all_unknown_user = TRUE;

	for (guint i = 0; i < forms->len; i++) {
		const char *name = forms->pdata[i];
		MsDiagnosis *d = NULL;
		if (count_failures (run, host, 0) >= run->options->max_failures)
			break;
		emit (run, MS_VERIFY_STEP_LOGIN, MS_VERIFY_STATE_STARTED, server, host, name, NULL,
		      g_strdup_printf (_("Logging in to %s as %s…"), host, name));
		MsLoginOutcome outcome = _ms_session_login (s, name, run->password, &d, error);
		if (outcome == MS_LOGIN_OK) {
			emit (run, MS_VERIFY_STEP_LOGIN, MS_VERIFY_STATE_OK, server, host, name, NULL,
			      g_strdup_printf (_("%s accepted the login as %s"), host, name));
			*username_r = g_strdup (name);
			return LOGIN_OK;
		}
		if (d == NULL)
			return LOGIN_STOP;  /* cancelled */
		if (outcome == MS_LOGIN_REJECTED) {
			count_failures (run, host, 1);
			if (d->code != MS_DIAGNOSIS_WRONG_USERNAME)
				all_unknown_user = FALSE;
			/* A provider known to take browser sign-ins or app passwords
			 * refuses the account's own password: say that, not "wrong". */
			if (d->code == MS_DIAGNOSIS_WRONG_PASSWORD &&
			    ((ms_server_get_auth (server) & MS_AUTH_OAUTH2) || ms_config_get_oauth2 (run->config)))
				d->code = MS_DIAGNOSIS_APP_PASSWORD_REQUIRED;
		}
		emit_failed (run, MS_VERIFY_STEP_LOGIN, server, host, name, d);
		add_problem (run, d);
		if (first_refusal == NULL)
			first_refusal = d;
		if (outcome != MS_LOGIN_REJECTED) {
			/* Temporary or server trouble: another server may do better;
			 * a locked account or an app password will not. */
			if (ms_diagnosis_is_login_problem (d->code)) {
				if (!advisory)
					stop_with (run, d);
				return LOGIN_STOP;
			}
			return LOGIN_NEXT_SERVER;
		}
	}
	if (first_refusal == NULL) {
		/* No budget left on this host from earlier attempts. */
		return LOGIN_NEXT_SERVER;
	}
	/* Every form refused: the password (or, if the server said so each
	 * time, the user name). Another host of the same provider would
	 * refuse it too, and count more failures against the account. */
	if (advisory)
		return LOGIN_STOP;
	MsDiagnosis *verdict = ms_diagnosis_copy (first_refusal);
	if (verdict->code == MS_DIAGNOSIS_WRONG_USERNAME && !all_unknown_user)
		verdict->code = MS_DIAGNOSIS_WRONG_PASSWORD;
	stop_with (run, verdict);
	ms_diagnosis_free (verdict);
	return LOGIN_STOP;
}

/* Tries @servers of @protocol in rank order; the first that logs in wins.
 * *session_r keeps its session open when asked. */
/* A session opened ahead of time, while something else was verified. */
typedef struct {
	VerifyRun *run;
	const MsServer *server;
	MsSession *session;
	char *host;
	GError *error;
	gboolean done;  /* open_server() was called for @server */
} Preopen;

static gpointer
preopen_thread (gpointer data)
{
	Preopen *p = data;
	p->session = open_server (p->run, p->server, &p->host, &p->error);
	p->done = TRUE;
	return NULL;
}

static MsServer *
verify_kind (VerifyRun *run, GPtrArray *servers, MsProtocol protocol, const char *first, gboolean advisory,
             Preopen *preopened, MsSession **session_r, GError **error)
{
	guint tried = 0;

	for (guint i = 0; i < servers->len && tried < MAX_CANDIDATES; i++) {
		const MsServer *server = servers->pdata[i];
		g_autofree char *host = NULL, *username = NULL, *original = NULL;
		g_autoptr (MsSession) s = NULL;
		if (ms_server_get_protocol (server) != protocol)
			continue;
		tried++;
		original = ms_template_expand (ms_server_get_hostname (server), run->address, NULL);
		if (preopened && preopened->done && preopened->server == server) {
			s = g_steal_pointer (&preopened->session);
			host = g_steal_pointer (&preopened->host);
			if (preopened->error) {
				g_propagate_error (error, g_steal_pointer (&preopened->error));
				return NULL;
			}
		} else {
			s = open_server (run, server, &host, error);
		}
		if (s == NULL) {
			if (error && *error)
				return NULL;
			continue;
		}
		LoginVerdict v = login (run, s, server, host, first, advisory, &username, error);
		if (v == LOGIN_OK) {
			if (session_r)
				*session_r = g_steal_pointer (&s);
			return verified_copy (server, host, username, original);
		}
		if (v == LOGIN_STOP)
			return NULL;
	}
	return NULL;
}

/* --- the test message --- */

static gboolean
cancellable_sleep (GCancellable *cancellable, gint64 us)
{
	gint64 end = g_get_monotonic_time () + us;
	while (g_get_monotonic_time () < end) {
		if (g_cancellable_is_cancelled (cancellable))
			return FALSE;
		g_usleep (MIN (20000, end - g_get_monotonic_time () + 1));
	}
	return !g_cancellable_is_cancelled (cancellable);
}

static MsSession *
reopen_incoming (VerifyRun *run, MsDiagnosis **d, GError **error)
{
	const MsServer *in = run->result->incoming;
	MsEndpoint ep = {
		.protocol = ms_server_get_protocol (in), .host = ms_server_get_hostname (in),
		.port = ms_server_get_port (in), .socket_type = ms_server_get_socket_type (in),
		.auth = ms_server_get_auth (in), .ca_file = run->options->ca_file,
		.step_timeout_us = (gint64) run->options->step_ms * 1000, .cancellable = run->cancellable,
	};
	MsSession *s = _ms_session_open (&ep, d, error);
	if (s == NULL)
		return NULL;
	if (_ms_session_login (s, ms_server_get_username (in), run->password, d, error) != MS_LOGIN_OK) {
		_ms_session_close (s);
		return NULL;
	}
	return s;
}

static void
send_test (VerifyRun *run, MsSession *smtp, MsSession *incoming_session, GError **error)
{
	MsVerifyResult *r = run->result;
	const char *host = ms_server_get_hostname (r->outgoing);
	const char *addr = ms_address_get_address (run->address);
	g_autofree char *token = g_uuid_string_random ();
	g_autofree char *message = _ms_test_message (run->address, token);
	MsDiagnosis *d = NULL;

	emit (run, MS_VERIFY_STEP_SEND, MS_VERIFY_STATE_STARTED, r->outgoing, host, NULL, NULL,
	      g_strdup_printf (_("Sending a test message to %s…"), addr));
	if (!_ms_session_send (smtp, addr, message, &d, error)) {
		if (d == NULL)
			return;
		r->send_test = MS_SEND_TEST_FAILED;
		emit_failed (run, MS_VERIFY_STEP_SEND, r->outgoing, host, NULL, d);
		stop_with (run, d);
		add_problem (run, d);
		return;
	}
	gint64 sent = g_get_monotonic_time ();
	emit (run, MS_VERIFY_STEP_SEND, MS_VERIFY_STATE_OK, r->outgoing, host, NULL, NULL,
	      g_strdup_printf (_("%s accepted the test message"), host));

	const MsServer *in = r->incoming;
	const char *in_host = ms_server_get_hostname (in);
	gint64 deadline = sent + (gint64) run->options->send_timeout_ms * 1000;
	gint64 pause = 100000;
	/* The IMAP session that proved the login waits for the message too:
	 * a new one would cost a connection, a handshake and a login. */
	g_autoptr (MsSession) s = incoming_session;
	gboolean found = FALSE;
	emit (run, MS_VERIFY_STEP_RECEIVE, MS_VERIFY_STATE_STARTED, in, in_host, NULL, NULL,
	      g_strdup_printf (_("Waiting for the test message in the mailbox on %s…"), in_host));
	for (;;) {
		/* POP3 shows the mailbox as it was at login: a new session each time. */
		if (s && ms_server_get_protocol (in) == MS_PROTOCOL_POP3)
			g_clear_pointer (&s, _ms_session_close);
		if (s == NULL && (s = reopen_incoming (run, &d, error)) == NULL)
			break;
		if (!_ms_session_find_and_delete (s, token, &found, &d, error) || found)
			break;
		gint64 now = g_get_monotonic_time ();
		if (now >= deadline)
			break;
		if (!cancellable_sleep (run->cancellable, MIN (pause, deadline - now))) {
			g_cancellable_set_error_if_cancelled (run->cancellable, error);
			return;
		}
		pause = MIN (pause * 2, 1000000);
	}
	if (found) {
		/* Closing commits a POP3 DELE. */
		g_clear_pointer (&s, _ms_session_close);
		r->delay_us = g_get_monotonic_time () - sent;
		r->send_test = MS_SEND_TEST_DELIVERED;
		emit (run, MS_VERIFY_STEP_RECEIVE, MS_VERIFY_STATE_OK, in, in_host, NULL, NULL,
		      g_strdup_printf (_("The test message arrived in %.1f s and was deleted"), r->delay_us / 1e6));
		return;
	}
	if (error && *error)
		return;
	if (d == NULL) {
		d = ms_diagnosis_new_for_server (MS_DIAGNOSIS_NOT_DELIVERED, r->outgoing, NULL);
		d->detail = g_strdup_printf ("%u s", run->options->send_timeout_ms / 1000);
	}
	r->send_test = MS_SEND_TEST_NOT_DELIVERED;
	emit_failed (run, MS_VERIFY_STEP_RECEIVE, in, in_host, NULL, d);
	stop_with (run, d);
	add_problem (run, d);
}

/* --- the run --- */

/* The other incoming protocol, checked while the outgoing server is. */
typedef struct {
	VerifyRun *run;
	GPtrArray *servers;
	MsProtocol protocol;
	MsServer *verified;
} OtherCheck;

static gpointer
other_thread (gpointer data)
{
	OtherCheck *o = data;
	o->verified = verify_kind (o->run, o->servers, o->protocol, o->run->result->username, TRUE, NULL, NULL, NULL);
	return NULL;
}

static const MsServer *
first_of (GPtrArray *servers, MsProtocol protocol)
{
	for (guint i = 0; i < servers->len; i++)
		if (ms_server_get_protocol (servers->pdata[i]) == protocol)
			return servers->pdata[i];
	return NULL;
}

/* What must happen in order happens in order (the incoming login finds
 * the user name the outgoing login reuses; the test message needs both);
 * the rest overlaps: the best outgoing server is connected and secured
 * while the incoming login runs, and the other incoming protocol is
 * checked while the outgoing server is. */
static gpointer
verify_work (gpointer data, GCancellable *cancellable, GError **error)
{
	VerifyRun *run = data;
	MsVerifyResult *r = run->result;
	GPtrArray *incoming = ms_config_get_incoming (run->config);
	GPtrArray *outgoing = ms_config_get_outgoing (run->config);
	g_autoptr (MsSession) smtp = NULL;
	(void) cancellable;

	if (incoming->len == 0) {
		/* Nothing to try: is it the domain, or its mail? An outgoing
		 * server alone is no account. */
		const char *domain = ms_address_get_domain (run->address);
		MsDiagnosis *d = ms_diagnosis_new (_ms_dns_name_exists (domain) == 0
		                                   ? MS_DIAGNOSIS_NO_SUCH_DOMAIN : MS_DIAGNOSIS_NO_MAIL_SERVER);
		d->host = g_strdup (domain);
		stop_with (run, d);
		add_problem (run, d);
		return ms_verify_result_ref (r);
	}
	Preopen pre = { run, first_of (outgoing, MS_PROTOCOL_SMTP), NULL, NULL, NULL, FALSE };
	GThread *pre_thread = pre.server ? g_thread_new ("ms-verify-smtp", preopen_thread, &pre) : NULL;

	MsProtocol first = ms_server_get_protocol (incoming->pdata[0]);
	g_autoptr (GError) incoming_error = NULL;
	g_autoptr (MsSession) in_session = NULL;
	r->incoming = verify_kind (run, incoming, first, NULL, FALSE, NULL, &in_session, &incoming_error);
	if (pre_thread)
		g_thread_join (pre_thread);
	if (incoming_error || r->incoming == NULL) {
		/* No login was tried on the pre-opened session: just close it. */
		g_clear_pointer (&pre.session, _ms_session_close);
		g_free (pre.host);
		g_clear_error (&pre.error);
		if (incoming_error) {
			g_propagate_error (error, g_steal_pointer (&incoming_error));
			return NULL;
		}
		/* Nothing worked: the problem of the best-ranked server says most. */
		g_mutex_lock (&run->lock);
		for (guint i = 0; i < r->problems->len && r->diagnosis == NULL; i++) {
			const MsDiagnosis *d = r->problems->pdata[i];
			if (d->protocol != MS_PROTOCOL_SMTP)
				r->diagnosis = ms_diagnosis_copy (d);
		}
		g_mutex_unlock (&run->lock);
		return ms_verify_result_ref (r);
	}
	r->username = g_strdup (ms_server_get_username (r->incoming));

	/* The other protocol, so that the user can choose: one login with the
	 * name that worked, no more. Its failure stops nothing. */
	OtherCheck other = { run, incoming, first == MS_PROTOCOL_IMAP ? MS_PROTOCOL_POP3 : MS_PROTOCOL_IMAP, NULL };
	GThread *other_th = first_of (incoming, other.protocol) ? g_thread_new ("ms-verify-other", other_thread, &other)
	                                                        : NULL;
	r->outgoing = verify_kind (run, outgoing, MS_PROTOCOL_SMTP, r->username, FALSE, &pre, &smtp, error);
	g_clear_pointer (&pre.session, _ms_session_close);
	g_free (pre.host);
	g_clear_error (&pre.error);
	if (r->outgoing && run->options->send_test && !(error && *error))
		send_test (run, smtp, g_steal_pointer (&in_session), error);
	else if (r->outgoing)
		r->send_test = MS_SEND_TEST_SKIPPED;
	if (other_th)
		g_thread_join (other_th);
	r->other_incoming = other.verified;
	if (error && *error)
		return NULL;
	if (r->outgoing == NULL) {
		g_mutex_lock (&run->lock);
		for (guint i = 0; i < r->problems->len && r->diagnosis == NULL; i++) {
			const MsDiagnosis *d = r->problems->pdata[i];
			if (d->protocol == MS_PROTOCOL_SMTP)
				r->diagnosis = ms_diagnosis_copy (d);
		}
		g_mutex_unlock (&run->lock);
		if (r->diagnosis == NULL) {
			/* No outgoing server was proposed at all. */
			MsDiagnosis *d = ms_diagnosis_new (MS_DIAGNOSIS_NO_MAIL_SERVER);
			d->protocol = MS_PROTOCOL_SMTP;
			stop_with (run, d);
			add_problem (run, d);
		}
	}
	return ms_verify_result_ref (r);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
	GTask *outer = data;
	VerifyRun *run = g_task_get_task_data (outer);
	GError *error = NULL;
	MsVerifyResult *r = g_task_propagate_pointer (G_TASK (result), &error);
	(void) source;
	g_atomic_int_set (&run->finished, TRUE);
	if (run->progress_notify)
		run->progress_notify (run->progress_data);
	run->progress_notify = NULL;
	if (r)
		g_task_return_pointer (outer, r, (GDestroyNotify) ms_verify_result_unref);
	else
		g_task_return_error (outer, error);
	g_object_unref (outer);
}

void
ms_verify_async (const MsAddress *address, const MsConfig *config, const char *password,
                 const MsVerifyOptions *options, MsVerifyProgress progress, gpointer progress_data,
                 GDestroyNotify progress_notify, GCancellable *cancellable, GAsyncReadyCallback callback,
                 gpointer user_data)
{
	VerifyRun *run = g_new0 (VerifyRun, 1);
	run->ref = 1;
	GTask *outer = g_task_new (NULL, cancellable, callback, user_data);

	run->address = ms_address_ref ((MsAddress *) address);
	run->config = ms_config_ref ((MsConfig *) config);
	run->password = g_strdup (password ? password : "");
	run->options = _ms_verify_options_copy (options);
	run->progress = progress;
	run->progress_data = progress_data;
	run->progress_notify = progress_notify;
	run->context = g_main_context_ref_thread_default ();
	run->start = g_get_monotonic_time ();
	g_mutex_init (&run->lock);
	run->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	run->result = _ms_verify_result_new ();
	run->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
	g_task_set_source_tag (outer, ms_verify_async);
	g_task_set_task_data (outer, run, (GDestroyNotify) run_unref);

	/* The inner task carries the worker; the outer one answers the caller
	 * and marks the run finished, so that no event follows the answer. */
	GTask *inner = g_task_new (NULL, run->cancellable, on_done, outer);
	g_task_set_task_data (inner, run_ref (run), (GDestroyNotify) run_unref);
	_ms_worker_run (inner, verify_work, (GDestroyNotify) ms_verify_result_unref);
	g_object_unref (inner);
}

MsVerifyResult *
ms_verify_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

MsVerifyResult *
ms_verify_sync (const MsAddress *address, const MsConfig *config, const char *password,
                const MsVerifyOptions *options, MsVerifyProgress progress, gpointer progress_data,
                GCancellable *cancellable, GError **error)
{
	MsSync s;

	_ms_sync_begin (&s);
	ms_verify_async (address, config, password, options, progress, progress_data, NULL, cancellable,
	                 _ms_sync_done, &s);
	MsVerifyResult *r = ms_verify_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return r;
}
