/* The honest placeholder for the assistant: says it is not there yet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "i18n.h"

#include <mailsetup/mailsetup.h>

#include "notice.h"

static GtkWidget *notice;

static void
notice_response (GtkDialog *dialog, gint response, gpointer data)
{
	gtk_widget_destroy (GTK_WIDGET (dialog));
}

void
ms_claws_notice_not_yet_available (GtkWindow *parent)
{
	if (notice != NULL) {
		gtk_window_present (GTK_WINDOW (notice));
		return;
	}

	notice = gtk_message_dialog_new (parent, GTK_DIALOG_DESTROY_WITH_PARENT,
					 GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE,
					 "%s", _("Automatic account setup is not available yet"));
	gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (notice),
		_("This version of mailsetup (%s) only installs the plugin. The "
		  "assistant that sets up an account from an email address and a "
		  "password comes in a later version.\n\n"
		  "Meanwhile, use Configuration → Create new account…"),
		ms_version_string ());
	gtk_window_set_title (GTK_WINDOW (notice), _("Set up an account automatically"));
	g_signal_connect (notice, "response", G_CALLBACK (notice_response), NULL);
	g_signal_connect (notice, "destroy", G_CALLBACK (gtk_widget_destroyed), &notice);
	gtk_widget_show (notice);
}

void
ms_claws_notice_done (void)
{
	if (notice != NULL)
		gtk_widget_destroy (notice);	/* "destroy" sets it to NULL */
	notice = NULL;
}
