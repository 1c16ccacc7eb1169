/* Internal to the Claws Mail plugin: widgets the plugin's preferences
 * pages share (prefs-page.c, privacy-page.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

/* A section of a page: a frame without border titled in bold, @child
 * indented under the title, as Claws's own pages look. */
GtkWidget *ms_claws_prefs_frame (const char *title, GtkWidget *child);
