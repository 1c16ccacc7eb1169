/* Internal: blocking network work (res_nquery, libcurl, probes) on a pool of
 * the engine's own. GTask's shared pool has 10 threads; one discovery starts
 * a dozen lookups that each block for a round trip, and the HTTPS fetches
 * queued behind them (measured: +100-150 ms with 100 ms round trips).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

/* Computes the task's result in a worker thread: a pointer (freed with
 * @result_free if nobody takes it) or an error. */
typedef gpointer (*MsWorkerFunc) (gpointer task_data, GCancellable *cancellable, GError **error);

/* Runs @func for @task. The task answers once: with @func's result, or,
 * if its cancellable fires first, with G_IO_ERROR_CANCELLED at once (the
 * worker then finishes in the background and its result is dropped). */
void _ms_worker_run (GTask *task, MsWorkerFunc func, GDestroyNotify result_free);
