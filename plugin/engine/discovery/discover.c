/* The discovery orchestrator: starts every enabled source at once, bounds
 * each in time, streams their steps to the caller, and merges what they
 * found into one ranked configuration.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/sync.h"

/* Each source with the most trust it can give: what it may still bring
 * decides whether discovery waits for it (see settle). */
static const struct {
	MsSource source;
	MsTrust best;
	void (*start) (MsSourceTask *t);
} sources[] = {
	{ MS_SOURCE_BUILTIN, MS_TRUST_HIGH, _ms_source_builtin_start },
	{ MS_SOURCE_AUTOCONFIG, MS_TRUST_HIGH, _ms_source_autoconfig_start },
	{ MS_SOURCE_ISPDB, MS_TRUST_HIGH, _ms_source_ispdb_start },
	{ MS_SOURCE_MX, MS_TRUST_MEDIUM, _ms_source_mx_start },
	{ MS_SOURCE_SRV, MS_TRUST_MEDIUM, _ms_source_srv_start },
	{ MS_SOURCE_AUTODISCOVER, MS_TRUST_HIGH, _ms_source_autodiscover_start },
	{ MS_SOURCE_PROBE, MS_TRUST_LOW, _ms_source_probe_start },
};

/* Once a complete configuration is known, sources that could still
 * improve on it get this long before the rest are stopped. */
#define MS_DISCOVERY_SETTLE_MS 1000

struct _MsRun {
	GTask *task;
	MsAddress *address;
	MsDiscoveryOptions *options;
	MsDiscoveryProgress progress;
	gpointer progress_data;
	GDestroyNotify progress_notify;
	MsSourceTask tasks[G_N_ELEMENTS (sources)];
	guint running;
	GPtrArray *found;          /* MsConfig*, in order of arrival */
	MsProviderDb *providers;   /* read on first use */
	gulong cancel_handler;
	GSource *total_timeout;
	GSource *settle_timeout;
	int complete;              /* trust of the best complete config so far, -1: none */
	gboolean settled;
	gboolean finished;
};

/* Timers belong to the caller's thread-default context, like every
 * callback of the run (ms_discover_sync() runs a context of its own). */
static GSource *
timeout_attach (guint ms, GSourceFunc func, gpointer data)
{
	GSource *source = g_timeout_source_new (ms);
	g_source_set_callback (source, func, data, NULL);
	g_source_attach (source, g_main_context_get_thread_default ());
	return source;
}

static void
timeout_clear (GSource **source)
{
	if (*source) {
		g_source_destroy (*source);
		g_source_unref (*source);
		*source = NULL;
	}
}

const MsAddress *_ms_run_address (MsSourceTask *t) { return t->run->address; }

MsProviderDb *
_ms_run_providers (MsSourceTask *t)
{
	if (t->run->providers == NULL)
		t->run->providers = ms_provider_db_new_default ();
	return t->run->providers;
}
const MsDiscoveryOptions *_ms_run_options (MsSourceTask *t) { return t->run->options; }

static void
run_free (MsRun *run)
{
	for (guint i = 0; i < G_N_ELEMENTS (run->tasks); i++) {
		g_clear_object (&run->tasks[i].cancellable);
		timeout_clear (&run->tasks[i].timeout);
	}
	timeout_clear (&run->total_timeout);
	timeout_clear (&run->settle_timeout);
	if (run->progress_notify)
		run->progress_notify (run->progress_data);
	ms_address_unref (run->address);
	ms_discovery_options_free (run->options);
	g_ptr_array_unref (run->found);
	g_clear_pointer (&run->providers, ms_provider_db_unref);
	g_free (run);
}

static void
emit (MsSourceTask *t, MsDiscoveryState state, const char *code, const char *target,
      const char *message, MsConfig *config, const GError *error)
{
	MsRun *run = t->run;
	MsDiscoveryEvent event = { t->source, state, code, message, target, config, error };

	if (run->progress && !run->finished)
		run->progress (&event, run->progress_data);
}

static void G_GNUC_PRINTF (4, 0)
emit_formatted (MsSourceTask *t, MsDiscoveryState state, const char *code, const char *target,
                const char *format, va_list args)
{
	g_autofree char *message = g_strdup_vprintf (format, args);
	emit (t, state, code, target, message, NULL, NULL);
}

void
_ms_task_searching (MsSourceTask *t, const char *code, const char *target, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	emit_formatted (t, MS_DISCOVERY_STATE_SEARCHING, code, target, format, args);
	va_end (args);
}

void
_ms_task_nothing (MsSourceTask *t, const char *code, const char *target, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	emit_formatted (t, MS_DISCOVERY_STATE_NOTHING, code, target, format, args);
	va_end (args);
}

/* The trust of the best complete configuration found so far: a secure
 * incoming and a secure outgoing server both at least that trusted. */
static int
complete_trust (MsRun *run)
{
	int best_in = -1, best_out = -1;

	for (guint i = 0; i < run->found->len; i++) {
		const MsConfig *c = g_ptr_array_index (run->found, i);
		GPtrArray *in = ms_config_get_incoming (c), *out = ms_config_get_outgoing (c);
		for (guint j = 0; j < in->len; j++)
			if (ms_server_is_secure (g_ptr_array_index (in, j)))
				best_in = MAX (best_in, (int) ms_server_get_trust (g_ptr_array_index (in, j)));
		for (guint j = 0; j < out->len; j++)
			if (ms_server_is_secure (g_ptr_array_index (out, j)))
				best_out = MAX (best_out, (int) ms_server_get_trust (g_ptr_array_index (out, j)));
	}
	return MIN (best_in, best_out);
}

static gboolean
list_has (GPtrArray *servers, MsTrust trust)
{
	for (guint i = 0; i < servers->len; i++)
		if (ms_server_is_secure (g_ptr_array_index (servers, i)) &&
		    ms_server_get_trust (g_ptr_array_index (servers, i)) >= trust)
			return TRUE;
	return FALSE;
}

static gboolean
config_is_complete (const MsConfig *c, MsTrust trust)
{
	return list_has (ms_config_get_incoming (c), trust) && list_has (ms_config_get_outgoing (c), trust);
}

/* Stops the sources still running: what they could add would rank below
 * what is known, or they had their grace period. Not a failure of theirs. */
static void
settle (MsRun *run)
{
	if (run->settled || run->options->exhaustive)
		return;
	run->settled = TRUE;
	for (guint i = 0; i < G_N_ELEMENTS (run->tasks); i++)
		if (run->tasks[i].cancellable)
			g_cancellable_cancel (run->tasks[i].cancellable);
}

static gboolean
on_settle_timeout (gpointer data)
{
	settle (data);
	return G_SOURCE_REMOVE;
}

/* Settles once a complete configuration of at least medium trust is known:
 * at once when no running source can bring as much trust, else after
 * MS_DISCOVERY_SETTLE_MS. What probing alone found settles nothing: every
 * source then gets its full time. */
static void
check_settle (MsRun *run)
{
	if (run->complete < MS_TRUST_MEDIUM || run->settled || run->finished)
		return;
	gboolean waiting = FALSE;
	for (guint i = 0; i < G_N_ELEMENTS (run->tasks); i++)
		if (run->tasks[i].cancellable && run->tasks[i].pending > 0 && (int) sources[i].best >= run->complete)
			waiting = TRUE;
	if (!waiting)
		settle (run);
	else if (run->settle_timeout == NULL)
		run->settle_timeout = timeout_attach (MS_DISCOVERY_SETTLE_MS, on_settle_timeout, run);
}

void
_ms_task_found (MsSourceTask *t, const char *code, const char *target, MsConfig *config)
{
	GPtrArray *in = ms_config_get_incoming (config), *out = ms_config_get_outgoing (config);
	g_autofree char *message = NULL;

	if (in->len + out->len == 0) {
		_ms_task_nothing (t, code, target, _("No usable server in %s"), target);
		return;
	}
	t->found = TRUE;
	g_ptr_array_add (t->run->found, ms_config_ref (config));
	message = g_strdup_printf (_("Found %u incoming and %u outgoing servers in %s"), in->len, out->len, target);
	emit (t, MS_DISCOVERY_STATE_FOUND, code, target, message, config, NULL);
	t->run->complete = complete_trust (t->run);
	/* Two answers are authoritative and end the search at once (as
	 * Thunderbird stops at its first): the data mailsetup ships and vouches
	 * for, and the domain's own file fetched over HTTPS from the domain
	 * (a redirect elsewhere or plain HTTP would have lowered its trust).
	 * Anything else could only add agreement; verification checks anyway. */
	if ((t->source == MS_SOURCE_BUILTIN || t->source == MS_SOURCE_AUTOCONFIG) &&
	    config_is_complete (config, MS_TRUST_HIGH))
		settle (t->run);
	check_settle (t->run);
}

void
_ms_task_failed (MsSourceTask *t, const char *code, const char *target, const GError *error)
{
	g_autoptr (GError) timed_out = NULL;

	if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		/* Cancelled by the user: say nothing. By a deadline: say so. */
		if (!t->timed_out)
			return;
		timed_out = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("%s did not answer in time"), target);
		error = timed_out;
	}
	emit (t, MS_DISCOVERY_STATE_FAILED, code, target, error->message, NULL, error);
}

/* --- merging ------------------------------------------------------------ */

static void
merge_server (GPtrArray *merged, const MsServer *s)
{
	for (guint i = 0; i < merged->len; i++) {
		MsServer *m = g_ptr_array_index (merged, i);
		if (!ms_server_same (m, s))
			continue;
		guint evidence = ms_server_get_evidence (m) | ms_server_get_evidence (s);
		/* The better-trusted source speaks for the server; the other
		 * still counts as agreement. */
		if (ms_server_get_trust (s) > ms_server_get_trust (m)) {
			MsServer *better = ms_server_copy (s);
			if (ms_server_get_username (better) == NULL)
				ms_server_set_username (better, ms_server_get_username (m));
			ms_server_add_evidence (better, evidence);
			g_ptr_array_index (merged, i) = better;
			ms_server_unref (m);
		} else {
			if (ms_server_get_username (m) == NULL)
				ms_server_set_username (m, ms_server_get_username (s));
			ms_server_set_auth (m, ms_server_get_auth (m) | ms_server_get_auth (s));
			ms_server_add_evidence (m, evidence);
		}
		return;
	}
	g_ptr_array_add (merged, ms_server_copy (s));
}

static int
by_hostname (gconstpointer a, gconstpointer b)
{
	const MsServer *x = *(MsServer **) a, *y = *(MsServer **) b;
	int c = g_ascii_strcasecmp (ms_server_get_hostname (x), ms_server_get_hostname (y));
	return c ? c : (int) ms_server_get_port (x) - (int) ms_server_get_port (y);
}

static MsConfig *
merge (MsRun *run)
{
	g_autoptr (GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_server_unref);
	MsConfig *result = ms_config_new ();
	const MsConfig *best = NULL;
	MsTrust best_trust = MS_TRUST_NONE;

	for (guint i = 0; i < run->found->len; i++) {
		const MsConfig *c = g_ptr_array_index (run->found, i);
		GPtrArray *lists[] = { ms_config_get_incoming (c), ms_config_get_outgoing (c) };
		for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
			for (guint j = 0; j < lists[l]->len; j++) {
				const MsServer *s = g_ptr_array_index (lists[l], j);
				merge_server (merged, s);
				if (best == NULL || ms_server_get_trust (s) > best_trust) {
					best = c;
					best_trust = ms_server_get_trust (s);
				}
			}
		GPtrArray *notes = ms_config_get_notes (c);
		for (guint j = 0; j < notes->len; j++)
			ms_config_add_note (result, g_ptr_array_index (notes, j));
	}
	/* Servers that rank equal come out in host name order, not in the
	 * order the network happened to answer: the same domain gives the
	 * same answer every time. */
	g_ptr_array_sort (merged, by_hostname);
	for (guint i = 0; i < merged->len; i++)
		ms_config_add_server (result, g_ptr_array_index (merged, i));
	if (best) {
		ms_config_set_id (result, ms_config_get_id (best));
		ms_config_set_display_name (result, ms_config_get_display_name (best));
		ms_config_set_short_name (result, ms_config_get_short_name (best));
		ms_config_set_oauth2 (result, ms_config_get_oauth2 (best));
		GPtrArray *docs = ms_config_get_documentation (best);
		for (guint i = 0; i < docs->len; i++) {
			const MsDocumentation *d = g_ptr_array_index (docs, i);
			ms_config_add_documentation (result, d->url, d->description);
		}
	}
	ms_config_add_domain (result, ms_address_get_domain (run->address));
	return result;
}

/* --- lifetime ----------------------------------------------------------- */

static void
finish (MsRun *run)
{
	GTask *task = run->task;

	run->finished = TRUE;
	if (run->cancel_handler)
		g_cancellable_disconnect (g_task_get_cancellable (task), run->cancel_handler);
	run->cancel_handler = 0;
	if (g_task_return_error_if_cancelled (task)) {
		/* nothing more to say */
	} else if (run->found->len == 0) {
		g_task_return_new_error (task, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		                         _("No mail server was found for %s"), ms_address_get_domain (run->address));
	} else {
		g_task_return_pointer (task, merge (run), (GDestroyNotify) ms_config_unref);
	}
	g_object_unref (task);
}

void
_ms_task_hold (MsSourceTask *t)
{
	t->pending++;
}

void
_ms_task_release (MsSourceTask *t)
{
	g_assert (t->pending > 0);
	if (--t->pending > 0)
		return;
	timeout_clear (&t->timeout);
	if (--t->run->running == 0)
		finish (t->run);
	else
		check_settle (t->run);
}

static gboolean
on_source_timeout (gpointer data)
{
	MsSourceTask *t = data;
	t->timed_out = TRUE;
	g_cancellable_cancel (t->cancellable);
	return G_SOURCE_REMOVE;
}

static gboolean
on_total_timeout (gpointer data)
{
	MsRun *run = data;
	for (guint i = 0; i < G_N_ELEMENTS (run->tasks); i++)
		if (run->tasks[i].cancellable && run->tasks[i].pending > 0) {
			run->tasks[i].timed_out = TRUE;
			g_cancellable_cancel (run->tasks[i].cancellable);
		}
	return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
	MsRun *run = data;
	/* Runs in the cancelling thread: only cancel, which is thread-safe. */
	for (guint i = 0; i < G_N_ELEMENTS (run->tasks); i++)
		if (run->tasks[i].cancellable)
			g_cancellable_cancel (run->tasks[i].cancellable);
}

void
ms_discover_async (const MsAddress *address, const MsDiscoveryOptions *options,
                   MsDiscoveryProgress progress, gpointer progress_data, GDestroyNotify progress_notify,
                   GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
	g_autoptr (MsDiscoveryOptions) defaults = options ? NULL : ms_discovery_options_new ();
	MsRun *run = g_new0 (MsRun, 1);

	run->task = g_task_new (NULL, cancellable, callback, user_data);
	g_task_set_source_tag (run->task, ms_discover_async);
	g_task_set_task_data (run->task, run, (GDestroyNotify) run_free);
	run->address = ms_address_ref ((MsAddress *) address);
	run->options = _ms_discovery_options_copy (options ? options : defaults);
	run->progress = progress;
	run->progress_data = progress_data;
	run->progress_notify = progress_notify;
	run->found = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_config_unref);
	run->complete = -1;

	/* Hold the run while sources start, so that one finishing at once
	 * does not end it before the others began. */
	run->running = 1;
	/* Every cancellable exists before any source starts: one that answers
	 * at once (built-in data) may settle the run before the others begin. */
	for (guint i = 0; i < G_N_ELEMENTS (sources); i++) {
		MsSourceTask *t = &run->tasks[i];
		t->run = run;
		t->source = sources[i].source;
		if (run->options->sources & MS_SOURCE_FLAG (t->source))
			t->cancellable = g_cancellable_new ();
	}
	for (guint i = 0; i < G_N_ELEMENTS (sources); i++) {
		MsSourceTask *t = &run->tasks[i];
		if (t->cancellable == NULL || run->settled)
			continue;
		t->timeout = timeout_attach (run->options->source_timeout_ms, on_source_timeout, t);
		run->running++;
		_ms_task_hold (t);
		sources[i].start (t);
		_ms_task_release (t);
	}
	run->total_timeout = timeout_attach (run->options->total_timeout_ms, on_total_timeout, run);
	if (cancellable)
		run->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), run, NULL);
	if (--run->running == 0)
		finish (run);
}

MsConfig *
ms_discover_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}

MsConfig *
ms_discover_sync (const MsAddress *address, const MsDiscoveryOptions *options,
                  MsDiscoveryProgress progress, gpointer progress_data,
                  GCancellable *cancellable, GError **error)
{
	MsSync s;

	_ms_sync_begin (&s);
	ms_discover_async (address, options, progress, progress_data, NULL, cancellable, _ms_sync_done, &s);
	MsConfig *config = ms_discover_finish (_ms_sync_wait (&s), error);
	_ms_sync_end (&s);
	return config;
}
