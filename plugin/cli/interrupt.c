/* Ctrl-C during a run cancels it: the engine stops at its next step and
 * the verb reports the cancellation, instead of the process dying with
 * connections half made.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <signal.h>
#include <glib-unix.h>

static gboolean
on_interrupt (gpointer cancellable)
{
	g_cancellable_cancel (cancellable);
	return G_SOURCE_CONTINUE;
}

guint
ms_cli_cancel_on_interrupt (GCancellable *cancellable)
{
	return g_unix_signal_add (SIGINT, on_interrupt, cancellable);
}
