/* Internal to the Claws Mail plugin: the "not yet available" dialog that
 * stands in for the assistant until it exists.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

/* Shows the dialog (or brings it to the front if it is open). It does not
 * block: no nested main loop, so Claws stays responsive. */
void ms_claws_notice_not_yet_available (GtkWindow *parent);
/* Closes the dialog if it is open (the plugin is being unloaded). */
void ms_claws_notice_done (void);
