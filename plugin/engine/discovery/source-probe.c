/* Source: probing. Connects to the likely hosts on the standard ports and
 * asks each what it offers. All probes run at once in a pool of worker
 * threads whose size is the cap on open sockets; each has its deadline,
 * and the source's cancellable stops every one (its fd wakes their polls).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"
#include "discovery/probe.h"

#include <mailsetup/error.h>
#include "core/hostname.h"
#include "core/i18n.h"
#include "net/dns.h"
#include "net/psl.h"

static const struct {
	MsProtocol protocol;
	guint16 port;
	gboolean implicit_tls;
	const char *hosts[5]; /* prefixes; "" is the bare domain */
} plan[] = {
	{ MS_PROTOCOL_IMAP, 993, TRUE, { "imap.", "mail.", "", NULL } },
	{ MS_PROTOCOL_IMAP, 143, FALSE, { "imap.", "mail.", "", NULL } },
	{ MS_PROTOCOL_POP3, 995, TRUE, { "pop.", "pop3.", "mail.", "", NULL } },
	{ MS_PROTOCOL_POP3, 110, FALSE, { "pop.", "pop3.", "mail.", "", NULL } },
	{ MS_PROTOCOL_SMTP, 465, TRUE, { "smtp.", "mail.", "", NULL } },
	{ MS_PROTOCOL_SMTP, 587, FALSE, { "smtp.", "mail.", "", NULL } },
	{ MS_PROTOCOL_SMTP, 25, FALSE, { "smtp.", "mail.", "", NULL } },
};

typedef struct {
	gint refs;
	MsSourceTask *t;
	GMainContext *context;
	GThreadPool *pool;
	GHashTable *seen;     /* "host:port" already probed */
} Prober;

typedef struct {
	Prober *prober;
	guint step;
	char *origin;   /* the host whose certificate named this one, if any */
	MsProbe probe;
	MsProbeResult result;
	GError *error;
	gboolean ok;
} Job;

static void
prober_unref (Prober *p)
{
	if (!g_atomic_int_dec_and_test (&p->refs))
		return;
	/* The last job is done: the pool is idle; free it without waiting. */
	g_thread_pool_free (p->pool, TRUE, FALSE);
	g_main_context_unref (p->context);
	g_hash_table_unref (p->seen);
	g_free (p);
}

static void
job_free (Job *j)
{
	_ms_probe_clear (&j->probe, &j->result);
	g_free (j->origin);
	g_clear_error (&j->error);
	prober_unref (j->prober);
	g_free (j);
}

static void follow_certificate (Job *j);

/* Back in the run's context: report what the probe learned. */
static gboolean
on_job_done (gpointer data)
{
	Job *j = data;
	MsSourceTask *t = j->prober->t;
	g_autofree char *target = g_strdup_printf ("%s:%u", j->probe.host, j->probe.port);

	if (j->ok) {
		MsSocketType socket_type = j->probe.implicit_tls ? MS_SOCKET_TLS
		                         : j->result.starttls ? MS_SOCKET_STARTTLS : MS_SOCKET_PLAIN;
		g_autoptr (MsConfig) config = ms_config_new ();
		g_autoptr (MsServer) s = ms_server_new (j->probe.protocol, j->probe.host, j->probe.port, socket_type);
		ms_server_set_auth (s, j->result.auth ? j->result.auth : MS_AUTH_PASSWORD_CLEARTEXT);
		ms_server_set_username (s, NULL);
		ms_server_set_source (s, MS_SOURCE_PROBE, MS_TRUST_LOW);
		if (j->origin) {
			/* Shared hosting: the customer's name leads to the provider's
			 * server. A forged DNS answer could lead elsewhere: ask. */
			g_autofree char *why = g_strdup_printf (
				_("%s presents a certificate made for %s: this is that server, under its own name"),
				j->origin, j->probe.host);
			ms_server_set_confirmation (s, why);
		}
		if (socket_type == MS_SOCKET_PLAIN) {
			g_autoptr (GError) note = g_error_new (MS_ERROR, MS_ERROR_INSECURE_SERVER,
				_("%s does not offer STARTTLS: the password would travel unencrypted"), target);
			ms_config_add_note (config, note);
		}
		ms_config_add_server (config, s);
		_ms_task_found (t, "probe", target, config);
	} else if (g_error_matches (j->error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND)) {
		_ms_task_nothing (t, "probe", target, _("%s does not exist"), j->probe.host);
	} else {
		_ms_task_failed (t, "probe", target, j->error);
		follow_certificate (j);
	}
	_ms_task_release (t);
	return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data, gpointer pool_data)
{
	Job *j = data;
	MsSourceTask *t = j->prober->t;

	j->ok = _ms_probe_run (&j->probe, &j->result, t->cancellable, &j->error);
	g_main_context_invoke_full (j->prober->context, G_PRIORITY_DEFAULT, on_job_done, j, (GDestroyNotify) job_free);
}

static void add_probe (Prober *p, const char *host, guint step, const char *origin);

/* A certificate valid in all but its name names the server's own name:
 * probe those names too (not further: one step from the user's hosts). */
static void
follow_certificate (Job *j)
{
	guint added = 0;

	if (j->origin || j->result.cert_names == NULL || g_cancellable_is_cancelled (j->prober->t->cancellable))
		return;
	for (guint i = 0; j->result.cert_names[i] && added < 4; i++) {
		g_autofree char *name = _ms_hostname_to_ascii (j->result.cert_names[i], NULL);
		if (name == NULL || g_ascii_strcasecmp (name, j->probe.host) == 0)
			continue; /* wildcards and junk do not make host names */
		add_probe (j->prober, name, j->step, j->probe.host);
		added++;
	}
}

static void
add_probe (Prober *p, const char *host, guint step, const char *origin)
{
	g_autofree char *key = g_strdup_printf ("%s:%u", host, plan[step].port);
	const MsDiscoveryOptions *o = _ms_run_options (p->t);

	if (!g_hash_table_add (p->seen, g_steal_pointer (&key)))
		return;
	Job *j = g_new0 (Job, 1);
	j->prober = p;
	j->step = step;
	j->origin = g_strdup (origin);
	g_atomic_int_inc (&p->refs);
	j->probe.host = g_strdup (host);
	j->probe.port = plan[step].port;
	j->probe.protocol = plan[step].protocol;
	j->probe.implicit_tls = plan[step].implicit_tls;
	j->probe.ca_file = g_strdup (o->ca_file ? o->ca_file : g_getenv ("SSL_CERT_FILE"));
	j->probe.deadline = g_get_monotonic_time () + (gint64) o->probe_timeout_ms * 1000;
	_ms_task_hold (p->t);
	g_thread_pool_push (p->pool, j, NULL);
}

static void
add_domain (Prober *p, const char *domain)
{
	for (guint step = 0; step < G_N_ELEMENTS (plan); step++)
		for (guint h = 0; plan[step].hosts[h]; h++) {
			g_autofree char *host = g_strconcat (plan[step].hosts[h], domain, NULL);
			add_probe (p, host, step, NULL);
		}
}

/* The provider behind the MX hosts is probed too: hosted domains often
 * use the provider's server names. */
static void
on_mx (GObject *source, GAsyncResult *result, gpointer data)
{
	Prober *p = data;
	g_autoptr (MsDnsAnswer) answer = _ms_dns_lookup_finish (result, NULL);
	const char *domain = ms_address_get_domain (_ms_run_address (p->t));
	g_autofree char *own = _ms_registrable_domain (domain);

	if (answer && answer->records->len > 0 && !g_cancellable_is_cancelled (p->t->cancellable)) {
		const MsDnsRecord *r = g_ptr_array_index (answer->records, 0);
		g_autofree char *provider = _ms_registrable_domain (r->target);
		if (provider && g_strcmp0 (provider, own) != 0)
			add_domain (p, provider);
	}
	_ms_task_release (p->t);
	prober_unref (p);
}

void
_ms_source_probe_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	Prober *p = g_new0 (Prober, 1);

	p->refs = 1;
	p->t = t;
	p->context = g_main_context_ref_thread_default ();
	p->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	p->pool = g_thread_pool_new (run_job, p, (int) MAX (_ms_run_options (t)->max_sockets, 1), FALSE, NULL);
	_ms_task_searching (t, "probe", domain, _("Trying the usual server names of %s…"), domain);
	add_domain (p, domain);
	_ms_task_hold (t);
	_ms_dns_lookup_async (domain, MS_DNS_MX, t->cancellable, on_mx, p);
}
