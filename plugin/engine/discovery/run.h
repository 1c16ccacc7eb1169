/* Internal: what the discovery orchestrator (discover.c) offers the sources
 * (source-*.c). A source starts asynchronous steps and reports each one;
 * every step holds its source until its callback releases it, and the run
 * ends when every source is released. Each source has a cancellable of its
 * own, cancelled by the user, by the source's deadline or the run's.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/discovery.h>
#include <mailsetup/providers.h>

typedef struct _MsRun MsRun;

typedef struct {
	MsRun *run;
	MsSource source;
	GCancellable *cancellable;
	guint pending;
	GSource *timeout;
	gboolean timed_out;
	gboolean found;
} MsSourceTask;

struct _MsDiscoveryOptions {
	guint sources;
	guint source_timeout_ms;
	guint total_timeout_ms;
	guint probe_timeout_ms;
	guint max_sockets;
	char *ispdb_url;
	char *ca_file;
	/* Every source runs to its end, none is stopped because another
	 * answered well enough (the domain check wants every answer). */
	gboolean exhaustive;
};

const MsAddress *_ms_run_address (MsSourceTask *t);
/* The installed provider data, read once per run (built-in and MX sources). */
MsProviderDb *_ms_run_providers (MsSourceTask *t);
const MsDiscoveryOptions *_ms_run_options (MsSourceTask *t);

void _ms_task_hold (MsSourceTask *t);
void _ms_task_release (MsSourceTask *t);
void _ms_task_searching (MsSourceTask *t, const char *code, const char *target, const char *format, ...) G_GNUC_PRINTF (4, 5);
void _ms_task_nothing (MsSourceTask *t, const char *code, const char *target, const char *format, ...) G_GNUC_PRINTF (4, 5);
void _ms_task_found (MsSourceTask *t, const char *code, const char *target, MsConfig *config);
/* A cancelled step reports nothing: the run says why it stopped. */
void _ms_task_failed (MsSourceTask *t, const char *code, const char *target, const GError *error);

/* Fetches an autoconfig document and reports it as found, nothing, or
 * failed; @confirmation, if set, is put on every server found. With @done,
 * a configuration found is handed to @done instead of being reported (the
 * failures are reported all the same); @done also runs, with NULL, when
 * nothing was found. */
typedef void (*MsFetchDone) (MsSourceTask *t, const char *code, const char *url, MsConfig *config, gpointer data);
void _ms_fetch_autoconfig (MsSourceTask *t, const char *code, const char *url, MsTrust trust,
                           const char *confirmation, MsFetchDone done, gpointer done_data);

void _ms_source_builtin_start (MsSourceTask *t);
void _ms_source_autoconfig_start (MsSourceTask *t);
void _ms_source_ispdb_start (MsSourceTask *t);
void _ms_source_mx_start (MsSourceTask *t);
void _ms_source_srv_start (MsSourceTask *t);
void _ms_source_autodiscover_start (MsSourceTask *t);
void _ms_source_probe_start (MsSourceTask *t);
MsDiscoveryOptions *_ms_discovery_options_copy (const MsDiscoveryOptions *o);
