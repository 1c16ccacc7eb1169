/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#include "wizard-private.h"

/* --- small helpers --- */

void
ms_wz_set_accessible (GtkWidget *widget, const char *name, const char *description)
{
	AtkObject *a = gtk_widget_get_accessible (widget);

	if (name != NULL)
		atk_object_set_name (a, name);
	if (description != NULL)
		atk_object_set_description (a, description);
}

GtkWidget *
ms_wz_text_label (const char *text)
{
	GtkWidget *l = gtk_label_new (text);

	gtk_label_set_line_wrap (GTK_LABEL (l), TRUE);
	gtk_label_set_xalign (GTK_LABEL (l), 0.0);
	gtk_label_set_max_width_chars (GTK_LABEL (l), 70);
	return l;
}

GtkWidget *
ms_wz_markup_label (const char *markup)
{
	GtkWidget *l = ms_wz_text_label (NULL);

	gtk_label_set_markup (GTK_LABEL (l), markup);
	return l;
}

void
ms_wz_add_css_class (GtkWidget *widget, const char *name)
{
	gtk_style_context_add_class (gtk_widget_get_style_context (widget), name);
}

void
ms_wz_clear_container (GtkWidget *container)
{
	GList *children = gtk_container_get_children (GTK_CONTAINER (container));

	for (GList *l = children; l != NULL; l = l->next)
		gtk_widget_destroy (l->data);
	g_list_free (children);
}

char *
ms_wz_protocol_name (const MsServer *s)
{
	return g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
}

const char *
ms_wz_security_words (MsSocketType t)
{
	switch (t) {
	case MS_SOCKET_TLS: return _("encrypted");
	case MS_SOCKET_STARTTLS: return _("encrypted (STARTTLS)");
	case MS_SOCKET_PLAIN: return _("NOT encrypted");
	}
	return "";
}

const char *
ms_wz_source_words (MsSource source)
{
	switch (source) {
	case MS_SOURCE_FILE: return _("A configuration file");
	case MS_SOURCE_BUILTIN: return _("Providers mailsetup knows");
	case MS_SOURCE_AUTOCONFIG: return _("Your domain’s own settings (autoconfig)");
	case MS_SOURCE_ISPDB: return _("Thunderbird’s provider database");
	case MS_SOURCE_MX: return _("The provider that receives your mail (MX)");
	case MS_SOURCE_SRV: return _("DNS service records (SRV)");
	case MS_SOURCE_AUTODISCOVER: return _("Microsoft Autodiscover");
	case MS_SOURCE_PROBE: return _("Likely server names");
	case MS_SOURCE_PROFILE: return _("A configuration profile");
	}
	return "";
}

/* --- runs: one search, discovery then verification --- */

void
ms_wz_run_free (Run *run)
{
	g_clear_object (&run->cancellable);
	g_clear_pointer (&run->address, ms_address_unref);
	g_free (run);
}

/* Stops the current search at once: nothing it does afterwards reaches
 * the wizard. Safe when nothing runs. */
void
ms_wz_stop_search (Wizard *w)
{
	Run *run = w->run;

	if (run == NULL)
		return;
	w->run = NULL;
	run->wizard = NULL;
	g_cancellable_cancel (run->cancellable);
	ms_debug ("search for %s stopped\n", ms_address_get_address (run->address));
}

/* The wizard a callback of @run may still report to, or NULL. */
Wizard *
ms_wz_run_wizard (Run *run)
{
	if (run->wizard == NULL || g_cancellable_is_cancelled (run->cancellable))
		return NULL;
	return run->wizard;
}

