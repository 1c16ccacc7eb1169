/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "core/worker.h"

#include "core/i18n.h"

/* Enough for every blocking step of a few discoveries at once; idle
 * threads are kept a while by GLib, then stopped. */
#define MS_WORKER_THREADS 64

typedef struct {
	gint refs;
	gint answered;            /* 0 until the task has answered */
	GTask *task;
	MsWorkerFunc func;
	GDestroyNotify result_free;
	gulong handler;
} Job;

static void
job_unref (gpointer data)
{
	Job *j = data;
	if (!g_atomic_int_dec_and_test (&j->refs))
		return;
	g_object_unref (j->task);
	g_free (j);
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
	Job *j = data;
	if (g_atomic_int_compare_and_exchange (&j->answered, 0, 1))
		g_task_return_new_error (j->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
}

static void
work (gpointer data, gpointer unused)
{
	Job *j = data;
	GCancellable *cancellable = g_task_get_cancellable (j->task);
	GError *error = NULL;
	gpointer result = NULL;

	if (!g_cancellable_is_cancelled (cancellable))
		result = j->func (g_task_get_task_data (j->task), cancellable, &error);
	else
		g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
	if (j->handler)
		g_cancellable_disconnect (cancellable, j->handler);
	if (g_atomic_int_compare_and_exchange (&j->answered, 0, 1)) {
		if (error)
			g_task_return_error (j->task, error);
		else
			g_task_return_pointer (j->task, result, j->result_free);
	} else {
		g_clear_error (&error);
		if (result && j->result_free)
			j->result_free (result);
	}
	job_unref (j);
}

static GThreadPool *
pool (void)
{
	static gsize once = 0;
	static GThreadPool *p;

	if (g_once_init_enter (&once)) {
		p = g_thread_pool_new (work, NULL, MS_WORKER_THREADS, FALSE, NULL);
		g_once_init_leave (&once, 1);
	}
	return p;
}

void
_ms_worker_run (GTask *task, MsWorkerFunc func, GDestroyNotify result_free)
{
	Job *j = g_new0 (Job, 1);
	GCancellable *cancellable = g_task_get_cancellable (task);

	j->refs = 1;
	j->task = g_object_ref (task);
	j->func = func;
	j->result_free = result_free;
	if (cancellable) {
		g_atomic_int_inc (&j->refs);
		j->handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), j, job_unref);
	}
	g_thread_pool_push (pool (), j, NULL);
}
