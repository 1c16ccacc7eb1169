/* The check-up of one existing account: its servers probed with every
 * certificate check, the secure setting looked for (implicit TLS on the
 * standard port, the name the certificate was made for, STARTTLS, then
 * what discovery finds for the domain), its stored certificate exceptions
 * judged, and the weaknesses listed with the fix. Runs in a worker
 * thread: probes are blocking, each with its deadline and the cancellable.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "checkup/checkup-private.h"

#include <string.h>
#include <mailsetup/discovery.h>
#include <mailsetup/verify.h>
#include "core/i18n.h"
#include "core/sync.h"
#include "discovery/probe.h"

/* Certificate names tried as another host, and discovered servers probed. */
#define MS_CHECKUP_MAX_NAMES 3
#define MS_CHECKUP_MAX_DISCOVERED 4

struct _MsCheckupOptions {
	char *ca_file;
	char *password;
	guint step_ms;
};

MsCheckupOptions *
ms_checkup_options_new (void)
{
	MsCheckupOptions *o = g_new0 (MsCheckupOptions, 1);
	o->step_ms = 8000;
	return o;
}

static void
wipe (char *secret)
{
	if (secret) {
		memset (secret, 0, strlen (secret));
		g_free (secret);
	}
}

void
ms_checkup_options_free (MsCheckupOptions *o)
{
	if (o == NULL)
		return;
	g_free (o->ca_file);
	wipe (o->password);
	g_free (o);
}

void
ms_checkup_options_set_ca_file (MsCheckupOptions *o, const char *ca_file)
{
	g_free (o->ca_file);
	o->ca_file = g_strdup (ca_file);
}

void
ms_checkup_options_set_password (MsCheckupOptions *o, const char *password)
{
	wipe (o->password);
	o->password = password && *password ? g_strdup (password) : NULL;
}

void
ms_checkup_options_set_timeout (MsCheckupOptions *o, guint step_ms)
{
	o->step_ms = step_ms ? step_ms : 8000;
}

static MsCheckupOptions *
options_copy (const MsCheckupOptions *o)
{
	MsCheckupOptions *c = ms_checkup_options_new ();
	if (o) {
		ms_checkup_options_set_ca_file (c, o->ca_file);
		ms_checkup_options_set_password (c, o->password);
		c->step_ms = o->step_ms;
	}
	return c;
}

/* ---------- one run ---------- */

typedef struct {
	MsClawsAccount *account;
	MsCheckupOptions *options;
	GCancellable *cancellable;
	GHashTable *probes;    /* "proto host port mode" → Probed */
	MsConfig *discovered;  /* looked up once, when probing finds nothing */
	gboolean discovery_done;
} Run;

typedef struct {
	gboolean ok;       /* connected, secured as asked, certificate valid */
	char **names;      /* on a certificate valid but for another name */
} Probed;

static void
probed_free (Probed *p)
{
	g_strfreev (p->names);
	g_free (p);
}

static void
run_free (Run *r)
{
	ms_claws_account_free (r->account);
	ms_checkup_options_free (r->options);
	g_clear_object (&r->cancellable);
	g_hash_table_unref (r->probes);
	g_clear_pointer (&r->discovered, ms_config_unref);
	g_free (r);
}

static guint16
tls_port (MsProtocol p)
{
	switch (p) {
	case MS_PROTOCOL_IMAP: return 993;
	case MS_PROTOCOL_POP3: return 995;
	case MS_PROTOCOL_SMTP: return 465;
	}
	return 0;
}

static guint16
starttls_port (MsProtocol p)
{
	switch (p) {
	case MS_PROTOCOL_IMAP: return 143;
	case MS_PROTOCOL_POP3: return 110;
	case MS_PROTOCOL_SMTP: return 587;
	}
	return 0;
}

/* Whether @host:@port secured as @mode (TLS or STARTTLS) passes every check. */
static const Probed *
probe (Run *r, MsProtocol protocol, const char *host, guint16 port, MsSocketType mode)
{
	g_autofree char *key = g_strdup_printf ("%d %s %u %d", protocol, host, port, mode);
	Probed *p = g_hash_table_lookup (r->probes, key);
	MsProbe pr = { 0 };
	MsProbeResult res = { 0 };

	if (p)
		return p;
	p = g_new0 (Probed, 1);
	pr.host = (char *) host;
	pr.port = port;
	pr.protocol = protocol;
	pr.implicit_tls = mode == MS_SOCKET_TLS;
	pr.ca_file = r->options->ca_file;
	pr.deadline = g_get_monotonic_time () + (gint64) r->options->step_ms * 1000;
	p->ok = _ms_probe_run (&pr, &res, r->cancellable, NULL) && (mode == MS_SOCKET_TLS || res.starttls);
	p->names = g_steal_pointer (&res.cert_names);
	g_hash_table_insert (r->probes, g_steal_pointer (&key), p);
	return p;
}

static MsServer *
proposal (const MsServer *current, const char *host, guint16 port, MsSocketType mode)
{
	MsServer *s = ms_server_new (ms_server_get_protocol (current), host, port, mode);
	ms_server_set_username (s, ms_server_get_username (current));
	return s;
}

/* @host:@port as @mode, else a name its certificate was made for (the
 * certificate is valid for that name: the provider's own host). */
static MsServer *
try_host (Run *r, const MsServer *current, const char *host, guint16 port, MsSocketType mode)
{
	MsProtocol protocol = ms_server_get_protocol (current);
	const Probed *p = probe (r, protocol, host, port, mode);
	guint tried = 0;

	if (p->ok)
		return proposal (current, host, port, mode);
	for (guint i = 0; p->names && p->names[i] && tried < MS_CHECKUP_MAX_NAMES; i++) {
		const char *name = p->names[i];
		if (name[0] == '*' || g_ascii_strcasecmp (name, host) == 0)
			continue;
		tried++;
		if (probe (r, protocol, name, port, mode)->ok)
			return proposal (current, name, port, mode);
	}
	return NULL;
}

static MsConfig *
discovered (Run *r)
{
	if (!r->discovery_done && r->account->address) {
		g_autoptr (MsAddress) address = ms_address_parse (r->account->address, NULL);
		g_autoptr (MsDiscoveryOptions) o = ms_discovery_options_new ();
		r->discovery_done = TRUE;
		ms_discovery_options_set_ca_file (o, r->options->ca_file);
		if (address)
			r->discovered = ms_discover_sync (address, o, NULL, NULL, r->cancellable, NULL);
	}
	return r->discovered;
}

/* The most secure setting that works for @current's side of the account:
 * implicit TLS on the same host (or the name of its certificate), then
 * STARTTLS there, then the domain's servers as discovery finds them. */
static MsServer *
secure_setting (Run *r, const MsServer *current)
{
	MsProtocol protocol = ms_server_get_protocol (current);
	const char *host = ms_server_get_hostname (current);
	guint16 port = ms_server_get_port (current), plain = starttls_port (protocol);
	MsServer *s;
	MsConfig *config;
	guint tried = 0;

	if ((s = try_host (r, current, host, tls_port (protocol), MS_SOCKET_TLS)))
		return s;
	if (ms_server_get_socket_type (current) == MS_SOCKET_TLS && port != tls_port (protocol)
	    && (s = try_host (r, current, host, port, MS_SOCKET_TLS)))
		return s;
	/* STARTTLS where the account connects now, else on the usual port
	 * (SMTP on 25 is for servers; mail clients submit on 587). */
	if (port != tls_port (protocol) && !(protocol == MS_PROTOCOL_SMTP && port == 25)
	    && (s = try_host (r, current, host, port, MS_SOCKET_STARTTLS)))
		return s;
	if (port != plain && (s = try_host (r, current, host, plain, MS_SOCKET_STARTTLS)))
		return s;
	config = discovered (r);
	if (config == NULL)
		return NULL;
	GPtrArray *list = protocol == MS_PROTOCOL_SMTP ? ms_config_get_outgoing (config) : ms_config_get_incoming (config);
	for (guint i = 0; i < list->len && tried < MS_CHECKUP_MAX_DISCOVERED; i++) {
		const MsServer *d = list->pdata[i];
		if (ms_server_get_protocol (d) != protocol || !ms_server_is_secure (d)
		    || strchr (ms_server_get_hostname (d), '%'))
			continue;
		tried++;
		if ((s = try_host (r, current, ms_server_get_hostname (d), ms_server_get_port (d),
		                   ms_server_get_socket_type (d))))
			return s;
	}
	return NULL;
}

static gboolean
same_setting (const MsServer *a, const MsServer *b)
{
	return g_ascii_strcasecmp (ms_server_get_hostname (a), ms_server_get_hostname (b)) == 0
		&& ms_server_get_port (a) == ms_server_get_port (b)
		&& ms_server_get_socket_type (a) == ms_server_get_socket_type (b);
}

/* Whether @secure's host is a name the certificate of @current's host (on
 * @secure's port and mode) was made for: not a host discovery found. */
static gboolean
named_by_certificate (Run *r, const MsServer *current, const MsServer *secure)
{
	const Probed *p = probe (r, ms_server_get_protocol (current), ms_server_get_hostname (current),
	                         ms_server_get_port (secure), ms_server_get_socket_type (secure));

	for (guint i = 0; p->names && p->names[i]; i++)
		if (g_ascii_strcasecmp (p->names[i], ms_server_get_hostname (secure)) == 0)
			return TRUE;
	return FALSE;
}

/* One side of the account (incoming, or sending): its findings, and the
 * setting proposed (NULL: keep it as it is). */
static void
check_side (Run *r, const MsServer *current, MsCheckupReport *report, MsServer **proposed_r)
{
	MsProtocol protocol = ms_server_get_protocol (current);
	MsSocketType mode = ms_server_get_socket_type (current);
	g_autoptr (MsServer) secure = NULL;
	GPtrArray *found = g_ptr_array_new ();
	gboolean other_name = FALSE;

	/* A secure current setting with no exception needs no search when
	 * it passes every check as it is. */
	if (mode == MS_SOCKET_TLS && probe (r, protocol, ms_server_get_hostname (current),
	                                    ms_server_get_port (current), MS_SOCKET_TLS)->ok)
		secure = ms_server_copy (current);
	else
		secure = secure_setting (r, current);

	for (guint i = 0; i < r->account->exceptions->len; i++) {
		const MsCertException *e = r->account->exceptions->pdata[i];
		if (e->port != ms_server_get_port (current)
		    || g_ascii_strcasecmp (e->host, ms_server_get_hostname (current)) != 0 || e->valid_for_host)
			continue;
		gboolean named_other = e->trusted && !e->expired;
		other_name |= named_other;
		g_ptr_array_add (found, _ms_finding_new (named_other ? MS_CHECKUP_CERT_OTHER_NAME : MS_CHECKUP_CERT_UNTRUSTED,
		                                         current, secure, e));
	}
	/* The certificate names another host, though Claws keeps no exception
	 * (it asks each time, or the user made one that was cleared). */
	if (!other_name && secure && mode != MS_SOCKET_PLAIN
	    && g_ascii_strcasecmp (ms_server_get_hostname (secure), ms_server_get_hostname (current)) != 0
	    && named_by_certificate (r, current, secure))
		g_ptr_array_add (found, _ms_finding_new (MS_CHECKUP_CERT_OTHER_NAME, current, secure, NULL));
	if (mode == MS_SOCKET_PLAIN)
		g_ptr_array_add (found, _ms_finding_new (protocol == MS_PROTOCOL_SMTP ? MS_CHECKUP_SMTP_PLAIN
		                                                                       : MS_CHECKUP_PLAIN_TEXT,
		                                         current, secure, NULL));
	else if (mode == MS_SOCKET_STARTTLS && secure && ms_server_get_socket_type (secure) == MS_SOCKET_TLS)
		g_ptr_array_add (found, _ms_finding_new (MS_CHECKUP_STARTTLS, current, secure, NULL));
	if (protocol == MS_PROTOCOL_SMTP && !r->account->smtp_auth)
		g_ptr_array_add (found, _ms_finding_new (MS_CHECKUP_SMTP_NO_AUTH, current, secure, NULL));

	for (guint i = 0; i < found->len; i++)
		g_ptr_array_add (secure ? report->findings : report->unfixed,
		                 found->pdata[i]);
	if (found->len > 0 && secure && !same_setting (secure, current))
		*proposed_r = g_steal_pointer (&secure);
	else if (found->len > 0 && secure && protocol == MS_PROTOCOL_SMTP && !r->account->smtp_auth)
		*proposed_r = g_steal_pointer (&secure);
	g_ptr_array_free (found, TRUE);
}

/* Claws should sign in to send: the proposed server carries a user name. */
static void
sign_in_to_send (Run *r, MsServer *outgoing)
{
	const char *user = ms_server_get_username (outgoing);
	if (user && *user)
		return;
	user = r->account->incoming ? ms_server_get_username (r->account->incoming) : NULL;
	ms_server_set_username (outgoing, user && *user ? user : r->account->address);
}

/* With the password: the settings proposed must log in before they are
 * offered; without a test message (a check-up sends nothing). */
static void
verify (Run *r, MsCheckupReport *report)
{
	g_autoptr (MsAddress) address = ms_address_parse (r->account->address ? r->account->address : "", NULL);
	g_autoptr (MsVerifyOptions) o = ms_verify_options_new ();
	g_autoptr (MsVerifyResult) result = NULL;
	MsConfig *config;

	if (address == NULL || (report->incoming == NULL && report->outgoing == NULL))
		return;
	config = ms_config_new ();
	ms_config_add_server (config, report->incoming ? report->incoming : r->account->incoming);
	if (report->outgoing || r->account->outgoing)
		ms_config_add_server (config, report->outgoing ? report->outgoing : r->account->outgoing);
	ms_verify_options_set_ca_file (o, r->options->ca_file);
	ms_verify_options_set_send_test (o, FALSE, 0);
	ms_verify_options_set_max_failures (o, 1);
	result = ms_verify_sync (address, config, r->options->password, o, NULL, NULL, r->cancellable, NULL);
	ms_config_unref (config);
	report->verified = result && ms_verify_result_is_verified (result);
	if (!report->verified) {
		const MsDiagnosis *d = result ? ms_verify_result_get_diagnosis (result) : NULL;
		report->diagnosis = d ? ms_diagnosis_copy (d) : ms_diagnosis_new (MS_DIAGNOSIS_SERVER_ERROR);
		/* Not proved: nothing is proposed; the findings stay. */
		g_clear_pointer (&report->incoming, ms_server_unref);
		g_clear_pointer (&report->outgoing, ms_server_unref);
		while (report->findings->len > 0)
			g_ptr_array_add (report->unfixed, g_ptr_array_steal_index (report->findings, 0));
	}
}

static void
run_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
	Run *r = data;
	MsCheckupReport *report = g_new0 (MsCheckupReport, 1);

	report->account = _ms_claws_account_copy (r->account);
	report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_checkup_finding_free);
	report->unfixed = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_checkup_finding_free);
	if (r->account->incoming)
		check_side (r, r->account->incoming, report, &report->incoming);
	if (r->account->outgoing)
		check_side (r, r->account->outgoing, report, &report->outgoing);
	if (report->outgoing && report->account->outgoing && !r->account->smtp_auth)
		sign_in_to_send (r, report->outgoing);
	if (r->options->password && !g_cancellable_is_cancelled (cancellable))
		verify (r, report);
	if (g_task_return_error_if_cancelled (task)) {
		ms_checkup_report_free (report);
		return;
	}
	g_task_return_pointer (task, report, (GDestroyNotify) ms_checkup_report_free);
}

void
ms_checkup_account_async (const MsClawsAccount *account, const MsCheckupOptions *options,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
	Run *r = g_new0 (Run, 1);

	g_return_if_fail (account != NULL);
	g_task_set_source_tag (task, ms_checkup_account_async);
	r->account = _ms_claws_account_copy (account);
	r->options = options_copy (options);
	r->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
	r->probes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) probed_free);
	g_task_set_task_data (task, r, (GDestroyNotify) run_free);
	g_task_run_in_thread (task, run_thread);
}

MsCheckupReport *
ms_checkup_account_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

MsCheckupReport *
ms_checkup_account_sync (const MsClawsAccount *account, const MsCheckupOptions *options,
                         GCancellable *cancellable, GError **error)
{
	MsSync s;
	MsCheckupReport *report;

	_ms_sync_begin (&s);
	ms_checkup_account_async (account, options, cancellable, _ms_sync_done, &s);
	report = ms_checkup_account_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return report;
}
