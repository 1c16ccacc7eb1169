/* Widgets the plugin's preferences pages share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "prefs-widgets.h"

GtkWidget *
ms_claws_prefs_frame (const char *title, GtkWidget *child)
{
	GtkWidget *f = gtk_frame_new (NULL);
	GtkWidget *l = gtk_label_new (NULL);
	g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);

	gtk_label_set_markup (GTK_LABEL (l), markup);
	gtk_frame_set_label_widget (GTK_FRAME (f), l);
	gtk_frame_set_shadow_type (GTK_FRAME (f), GTK_SHADOW_NONE);
	gtk_widget_set_margin_start (child, 12);
	gtk_container_add (GTK_CONTAINER (f), child);
	return f;
}
