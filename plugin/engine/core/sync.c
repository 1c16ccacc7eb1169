/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "core/sync.h"

void
_ms_sync_begin (MsSync *s)
{
	s->context = g_main_context_new ();
	s->loop = g_main_loop_new (s->context, FALSE);
	s->result = NULL;
	g_main_context_push_thread_default (s->context);
}

void
_ms_sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
	MsSync *s = data;
	(void) source;
	s->result = g_object_ref (result);
	g_main_loop_quit (s->loop);
}

GAsyncResult *
_ms_sync_wait (MsSync *s)
{
	if (s->result == NULL)
		g_main_loop_run (s->loop);
	return s->result;
}

void
_ms_sync_end (MsSync *s)
{
	g_main_context_pop_thread_default (s->context);
	g_clear_object (&s->result);
	g_main_loop_unref (s->loop);
	g_main_context_unref (s->context);
}
