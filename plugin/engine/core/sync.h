/* Internal: the *_sync() variants of the engine's async calls run them in
 * a main context of their own until they answer:
 *   MsSync s; _ms_sync_begin (&s);
 *   ms_x_async (…, _ms_sync_done, &s);
 *   result = ms_x_finish (_ms_sync_wait (&s), error);
 *   _ms_sync_end (&s);
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

typedef struct {
	GMainContext *context;
	GMainLoop *loop;
	GAsyncResult *result;
} MsSync;

void _ms_sync_begin (MsSync *sync);
void _ms_sync_done (GObject *source, GAsyncResult *result, gpointer sync);
GAsyncResult *_ms_sync_wait (MsSync *sync);
void _ms_sync_end (MsSync *sync);
