/* The administrator's domain check: every discovery source run to its end
 * with each answer kept on its own, the SRV records read as published, then
 * one connection to every server any of them names, certificates checked.
 * What it all means is analyse.c's business.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "check/check-run.h"

#include <string.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/sync.h"
#include "core/worker.h"
#include "discovery/probe.h"
#include "discovery/run.h"
#include "formats/srv-services.h"
#include "net/dns.h"
#include "net/trust.h"
#include "verify/classify.h"

/* The check has no person waiting on each step: sources and probes get
 * more time than an interactive discovery gives them. */
#define MS_CHECK_SOURCE_MS 10000
#define MS_CHECK_TOTAL_MS 15000
#define MS_CHECK_PROBE_MS 8000

/* --- the result object --------------------------------------------------- */

static void
answer_free (MsCheckAnswer *a)
{
	g_free (a->code);
	g_free (a->target);
	g_free (a->message);
	g_clear_pointer (&a->config, ms_config_unref);
	g_free (a->error_code);
	g_free (a);
}

static void
srv_free (MsCheckSrv *s)
{
	g_free (s->name);
	g_free (s->target);
	g_free (s);
}

static void
endpoint_free (MsCheckEndpoint *e)
{
	g_free (e->host);
	g_strfreev (e->names);
	g_free (e->detail);
	g_free (e);
}

static void
finding_free (MsFinding *f)
{
	g_free (f->subject);
	g_free (f->evidence);
	g_free (f->explanation);
	g_free (f->fix);
	g_free (f);
}

MsDomainCheck *
_ms_domain_check_new (const char *domain)
{
	MsDomainCheck *c = g_new0 (MsDomainCheck, 1);
	c->refs = 1;
	c->domain = g_strdup (domain);
	c->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
	c->srv = g_ptr_array_new_with_free_func ((GDestroyNotify) srv_free);
	c->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) endpoint_free);
	c->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
	return c;
}

MsDomainCheck *
ms_domain_check_ref (MsDomainCheck *c)
{
	g_atomic_int_inc (&c->refs);
	return c;
}

void
ms_domain_check_unref (MsDomainCheck *c)
{
	if (c == NULL || !g_atomic_int_dec_and_test (&c->refs))
		return;
	g_free (c->domain);
	g_ptr_array_unref (c->answers);
	g_ptr_array_unref (c->srv);
	g_ptr_array_unref (c->endpoints);
	g_ptr_array_unref (c->findings);
	g_clear_pointer (&c->merged, ms_config_unref);
	g_clear_pointer (&c->proven, ms_config_unref);
	g_free (c);
}

const char *ms_domain_check_get_domain (const MsDomainCheck *c) { return c->domain; }
GPtrArray *ms_domain_check_get_answers (const MsDomainCheck *c) { return c->answers; }
GPtrArray *ms_domain_check_get_srv (const MsDomainCheck *c) { return c->srv; }
GPtrArray *ms_domain_check_get_endpoints (const MsDomainCheck *c) { return c->endpoints; }
GPtrArray *ms_domain_check_get_findings (const MsDomainCheck *c) { return c->findings; }
MsConfig *ms_domain_check_get_config (const MsDomainCheck *c) { return c->proven; }

int
ms_domain_check_get_worst (const MsDomainCheck *c)
{
	int worst = -1;
	for (guint i = 0; i < c->findings->len; i++)
		worst = MAX (worst, (int) ((MsFinding *) g_ptr_array_index (c->findings, i))->severity);
	return worst;
}

MsCheckAnswer *
_ms_check_answer_add (MsDomainCheck *c, MsSource source, const char *code, MsDiscoveryState state,
                      const char *target, MsConfig *config, const char *error_code)
{
	MsCheckAnswer *a = g_new0 (MsCheckAnswer, 1);
	a->source = source;
	a->code = g_strdup (code);
	a->state = state;
	a->target = g_strdup (target);
	a->config = config ? ms_config_ref (config) : NULL;
	a->error_code = g_strdup (error_code);
	g_ptr_array_add (c->answers, a);
	return a;
}

MsCheckSrv *
_ms_check_srv_add (MsDomainCheck *c, const char *name, gboolean exists, gboolean authenticated,
                   guint16 priority, guint16 weight, guint16 port, const char *target)
{
	MsCheckSrv *s = g_new0 (MsCheckSrv, 1);
	s->name = g_strdup (name);
	s->exists = exists;
	s->authenticated = authenticated;
	s->priority = priority;
	s->weight = weight;
	s->port = port;
	s->target = g_strdup (target ? target : "");
	g_ptr_array_add (c->srv, s);
	return s;
}

MsCheckEndpoint *
_ms_check_endpoint_get (MsDomainCheck *c, MsProtocol protocol, const char *host, guint16 port,
                        gboolean implicit_tls, guint found_by)
{
	for (guint i = 0; i < c->endpoints->len; i++) {
		MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		if (e->protocol == protocol && e->port == port && g_ascii_strcasecmp (e->host, host) == 0) {
			e->found_by |= found_by;
			return e;
		}
	}
	MsCheckEndpoint *e = g_new0 (MsCheckEndpoint, 1);
	e->protocol = protocol;
	e->host = g_ascii_strdown (host, -1);
	e->port = port;
	e->implicit_tls = implicit_tls;
	e->found_by = found_by;
	g_ptr_array_add (c->endpoints, e);
	return e;
}

guint16
_ms_check_implicit_port (MsProtocol protocol)
{
	switch (protocol) {
	case MS_PROTOCOL_IMAP: return 993;
	case MS_PROTOCOL_POP3: return 995;
	case MS_PROTOCOL_SMTP: return 465;
	}
	return 0;
}

char *
ms_source_flags_to_string (guint sources)
{
	GString *s = g_string_new (NULL);
	for (MsSource src = MS_SOURCE_FILE; src <= MS_SOURCE_PROFILE; src++)
		if (sources & MS_SOURCE_FLAG (src))
			g_string_append_printf (s, "%s%s", s->len ? ", " : "", ms_source_to_string (src));
	return g_string_free (s, FALSE);
}

const char *
ms_severity_to_string (MsSeverity severity)
{
	switch (severity) {
	case MS_SEVERITY_INFO: return "info";
	case MS_SEVERITY_WARNING: return "warning";
	case MS_SEVERITY_ERROR: return "error";
	}
	return "unknown";
}

/* --- collecting ---------------------------------------------------------- */

typedef struct {
	MsDomainCheck *check;
	MsAddress *address;        /* postmaster@domain: whom the sources ask for */
	MsDiscoveryOptions *options;
	const char *ca_file;
	guint pending;             /* discovery, SRV lookups, probes */
	gboolean probing;
} Run;

static void
run_free (Run *r)
{
	ms_domain_check_unref (r->check);
	g_clear_pointer (&r->address, ms_address_unref);
	ms_discovery_options_free (r->options);
	g_free (r);
}

/* One probe of one endpoint, in a worker thread. */
typedef struct {
	MsCheckEndpoint *endpoint;
	MsProbe probe;
	MsProbeResult result;
	GError *error;
	gboolean ok;
} Job;

static void
job_free (Job *j)
{
	_ms_probe_clear (&j->probe, &j->result);
	g_clear_error (&j->error);
	g_free (j);
}

static void step_done (GTask *task);

static gpointer
probe_work (gpointer data, GCancellable *cancellable, GError **error)
{
	Job *j = data;
	j->ok = _ms_probe_run (&j->probe, &j->result, cancellable, &j->error);
	return j;
}

static void
on_probed (GObject *source, GAsyncResult *result, gpointer data)
{
	GTask *task = data;
	g_autoptr (GError) error = NULL;
	Job *j = g_task_propagate_pointer (G_TASK (result), &error);

	if (j) {
		MsCheckEndpoint *e = j->endpoint;
		e->ok = j->ok;
		if (j->ok) {
			e->socket_type = j->probe.implicit_tls ? MS_SOCKET_TLS
			               : j->result.starttls ? MS_SOCKET_STARTTLS : MS_SOCKET_PLAIN;
		} else {
			MsTlsReport report = j->result.tls;
			report.names = j->result.cert_names;
			e->diagnosis = _ms_classify_connect (j->error, &report);
			e->names = g_strdupv (j->result.cert_names);
			e->detail = g_strdup (j->error ? j->error->message : NULL);
		}
	}
	step_done (task);
}

static void
probe_endpoint (GTask *task, MsCheckEndpoint *e)
{
	Run *r = g_task_get_task_data (task);
	g_autoptr (GTask) t = g_task_new (NULL, g_task_get_cancellable (task), on_probed, task);
	Job *j = g_new0 (Job, 1);

	j->endpoint = e;
	j->probe.host = g_strdup (e->host);
	j->probe.port = e->port;
	j->probe.protocol = e->protocol;
	j->probe.implicit_tls = e->implicit_tls;
	j->probe.ca_file = g_strdup (r->ca_file);
	j->probe.deadline = g_get_monotonic_time () + (gint64) MS_CHECK_PROBE_MS * 1000;
	g_task_set_task_data (t, j, (GDestroyNotify) job_free);
	r->pending++;
	_ms_worker_run (t, probe_work, NULL);
}

/* What a probe found broken on a port of the plan (probe source): the
 * protocol and the kind of TLS follow from the port. */
static gboolean
plan_port (guint16 port, MsProtocol *protocol_r, gboolean *implicit_r)
{
	static const struct { guint16 port; MsProtocol protocol; gboolean implicit_tls; } ports[] = {
		{ 993, MS_PROTOCOL_IMAP, TRUE }, { 143, MS_PROTOCOL_IMAP, FALSE },
		{ 995, MS_PROTOCOL_POP3, TRUE }, { 110, MS_PROTOCOL_POP3, FALSE },
		{ 465, MS_PROTOCOL_SMTP, TRUE }, { 587, MS_PROTOCOL_SMTP, FALSE }, { 25, MS_PROTOCOL_SMTP, FALSE },
	};
	for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
		if (ports[i].port == port) {
			*protocol_r = ports[i].protocol;
			*implicit_r = ports[i].implicit_tls;
			return TRUE;
		}
	return FALSE;
}

static void
add_servers (Run *r, const MsConfig *config, guint found_by)
{
	GPtrArray *lists[] = { ms_config_get_incoming (config), ms_config_get_outgoing (config) };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const MsServer *s = g_ptr_array_index (lists[l], i);
			g_autofree char *host = ms_template_expand (ms_server_get_hostname (s), r->address, NULL);
			if (host)
				_ms_check_endpoint_get (r->check, ms_server_get_protocol (s), host, ms_server_get_port (s),
				                        ms_server_get_socket_type (s) == MS_SOCKET_TLS,
				                        found_by ? found_by : MS_SOURCE_FLAG (ms_server_get_source (s)));
		}
}

/* Every source has answered: connect to every server one of them names. */
static void
start_probes (GTask *task)
{
	Run *r = g_task_get_task_data (task);
	MsDomainCheck *c = r->check;

	r->probing = TRUE;
	for (guint i = 0; i < c->answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (c->answers, i);
		MsProtocol protocol;
		gboolean implicit_tls;
		const char *colon;

		if (a->config)
			add_servers (r, a->config, MS_SOURCE_FLAG (a->source));
		/* A probe that met a broken TLS server found a server all the
		 * same: the administrator wants to hear about it. */
		else if (a->source == MS_SOURCE_PROBE && a->state == MS_DISCOVERY_STATE_FAILED && a->target &&
		         (g_strcmp0 (a->error_code, "tls-certificate") == 0 || g_strcmp0 (a->error_code, "tls-failed") == 0) &&
		         (colon = strrchr (a->target, ':')) &&
		         plan_port ((guint16) g_ascii_strtoull (colon + 1, NULL, 10), &protocol, &implicit_tls)) {
			g_autofree char *host = g_strndup (a->target, colon - a->target);
			_ms_check_endpoint_get (c, protocol, host, (guint16) g_ascii_strtoull (colon + 1, NULL, 10),
			                        implicit_tls, MS_SOURCE_FLAG (MS_SOURCE_PROBE));
		}
	}
	if (!c->discovered && c->merged)
		add_servers (r, c->merged, MS_SOURCE_FLAG (MS_SOURCE_FILE));
	/* RFC 8314: is implicit TLS there too, where STARTTLS is? */
	for (guint i = 0, n = c->endpoints->len; i < n; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (c->endpoints, i);
		if (!e->implicit_tls)
			_ms_check_endpoint_get (c, e->protocol, e->host, _ms_check_implicit_port (e->protocol), TRUE, 0);
	}
	r->pending++;
	for (guint i = 0; i < c->endpoints->len; i++)
		probe_endpoint (task, g_ptr_array_index (c->endpoints, i));
	step_done (task);
}

/* The same domain gives the same report whatever order the network
 * answered in: answers by source, step and target, SRV records in RFC
 * 6186's order of services, servers by protocol, host and port. */
static int
srv_rank (const MsCheckSrv *s)
{
	guint n;
	const MsSrvService *services = _ms_srv_services (&n);
	for (guint i = 0; i < n; i++)
		if (g_str_has_prefix (s->name, services[i].prefix))
			return (int) i;
	return (int) n;
}

static int
by_service (gconstpointer a, gconstpointer b)
{
	const MsCheckSrv *x = *(MsCheckSrv **) a, *y = *(MsCheckSrv **) b;
	return srv_rank (x) != srv_rank (y) ? srv_rank (x) - srv_rank (y) : (int) x->priority - (int) y->priority;
}

static int
by_answer (gconstpointer a, gconstpointer b)
{
	const MsCheckAnswer *x = *(MsCheckAnswer **) a, *y = *(MsCheckAnswer **) b;
	int c = (int) x->source - (int) y->source;
	if (c == 0)
		c = g_strcmp0 (x->code, y->code);
	return c ? c : g_strcmp0 (x->target, y->target);
}

static int
by_endpoint (gconstpointer a, gconstpointer b)
{
	const MsCheckEndpoint *x = *(MsCheckEndpoint **) a, *y = *(MsCheckEndpoint **) b;
	int c = (int) x->protocol - (int) y->protocol;
	if (c == 0)
		c = strcmp (x->host, y->host);
	return c ? c : (int) x->port - (int) y->port;
}

static void
step_done (GTask *task)
{
	Run *r = g_task_get_task_data (task);

	if (--r->pending > 0)
		return;
	if (g_task_return_error_if_cancelled (task)) {
		/* nothing more */
	} else if (!r->probing) {
		start_probes (task);
		return;
	} else {
		g_ptr_array_sort (r->check->answers, by_answer);
		g_ptr_array_sort (r->check->srv, by_service);
		g_ptr_array_sort (r->check->endpoints, by_endpoint);
		_ms_domain_check_analyse (r->check);
		g_task_return_pointer (task, ms_domain_check_ref (r->check), (GDestroyNotify) ms_domain_check_unref);
	}
	g_object_unref (task);
}

static void
on_event (const MsDiscoveryEvent *e, gpointer data)
{
	Run *r = data;
	const char *error_code = NULL;

	if (e->state == MS_DISCOVERY_STATE_SEARCHING)
		return;
	if (e->error)
		error_code = e->error->domain == MS_ERROR ? ms_error_code_name (e->error->code)
		           : g_error_matches (e->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ? "timed-out" : "failed";
	MsCheckAnswer *a = _ms_check_answer_add (r->check, e->source, e->code, e->state, e->target, e->config, error_code);
	a->message = g_strdup (e->message);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer data)
{
	GTask *task = data;
	Run *r = g_task_get_task_data (task);

	r->check->merged = ms_discover_finish (result, NULL);
	step_done (task);
}

typedef struct {
	GTask *task;
	char *name;
} Lookup;

static void
on_srv (GObject *source, GAsyncResult *result, gpointer data)
{
	Lookup *l = data;
	Run *r = g_task_get_task_data (l->task);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsDnsAnswer) answer = _ms_dns_lookup_finish (result, &error);

	if (answer && answer->exists) {
		for (guint i = 0; i < answer->records->len; i++) {
			const MsDnsRecord *rec = g_ptr_array_index (answer->records, i);
			_ms_check_srv_add (r->check, l->name, TRUE, answer->authenticated, rec->priority, rec->weight,
			                   rec->port, rec->target);
		}
	} else if (answer || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		/* A failed lookup is, for clients, no record. */
		_ms_check_srv_add (r->check, l->name, FALSE, FALSE, 0, 0, 0, NULL);
	}
	step_done (l->task);
	g_free (l->name);
	g_free (l);
}

void
ms_domain_check_async (const char *domain, const MsConfig *config, const MsDiscoveryOptions *options,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new (NULL, cancellable, callback, user_data);
	g_autoptr (GError) error = NULL;
	g_autofree char *text = g_strconcat ("postmaster@", domain, NULL);
	g_autoptr (MsAddress) address = ms_address_parse (text, &error);
	Run *r;

	g_task_set_source_tag (task, ms_domain_check_async);
	if (address == NULL) {
		/* The domain is checked as the domain part of an address. */
		g_prefix_error (&error, _("“%s” is not a mail domain: "), domain);
		g_task_return_error (task, g_steal_pointer (&error));
		g_object_unref (task);
		return;
	}
	r = g_new0 (Run, 1);
	r->address = ms_address_ref (address);
	r->check = _ms_domain_check_new (ms_address_get_domain (address));
	r->options = options ? _ms_discovery_options_copy (options) : ms_discovery_options_new ();
	r->options->exhaustive = TRUE;
	ms_discovery_options_set_timeout (r->options, MAX (r->options->source_timeout_ms, MS_CHECK_SOURCE_MS),
	                                  MAX (r->options->total_timeout_ms, MS_CHECK_TOTAL_MS));
	r->ca_file = _ms_trust_extra_file (r->options->ca_file);
	g_task_set_task_data (task, r, (GDestroyNotify) run_free);

	/* Held while the steps start, so that none ends the run early. */
	r->pending = 1;
	if (config) {
		r->check->merged = ms_config_ref ((MsConfig *) config);
	} else {
		guint n;
		const MsSrvService *services = _ms_srv_services (&n);
		r->check->discovered = TRUE;
		r->pending++;
		ms_discover_async (r->address, r->options, on_event, r, NULL, cancellable, on_discovered, task);
		for (guint i = 0; i < n; i++) {
			Lookup *l = g_new0 (Lookup, 1);
			l->task = task;
			l->name = g_strconcat (services[i].prefix, r->check->domain, NULL);
			r->pending++;
			_ms_dns_lookup_async (l->name, MS_DNS_SRV, cancellable, on_srv, l);
		}
	}
	step_done (task);
}

MsDomainCheck *
ms_domain_check_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

MsDomainCheck *
ms_domain_check_sync (const char *domain, const MsConfig *config, const MsDiscoveryOptions *options,
                      GCancellable *cancellable, GError **error)
{
	MsSync s;

	_ms_sync_begin (&s);
	ms_domain_check_async (domain, config, options, cancellable, _ms_sync_done, &s);
	MsDomainCheck *check = ms_domain_check_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return check;
}
