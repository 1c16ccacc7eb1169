/* The plugin's items in Claws's main window menu (GtkUIManager, as Claws's
 * own plugins do: MENUITEM_ADDUI_ID_MANAGER / MENUITEM_REMUI_MANAGER).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "main-menu.h"
#include "wizard.h"

#define MS_ACTION_SETUP "Configuration/MailsetupSetUp"
#define MS_ITEM_SETUP "MailsetupSetUp"
/* Our item goes right after Claws's "Create new account...". */
#define MS_MENU_ANCHOR "/Menu/Configuration/CreateAccount"
#define MS_MENU_FALLBACK "/Menu/Configuration"

static guint setup_merge_id;

static void
setup_activated (GtkAction *action, gpointer data)
{
	ms_claws_wizard_open ();
}

void
ms_claws_main_menu_init (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();
	GtkAction *action;
	const char *path;

	if (mainwin == NULL || setup_merge_id != 0)
		return;

	/* Our own GtkAction rather than gtk_action_group_add_actions: Claws's
	 * action group translates labels in Claws's text domain, not ours. */
	action = gtk_action_new (MS_ACTION_SETUP, _("Set up an account automatically…"),
				 _("Find the servers for an email address and create the account"),
				 NULL);
	g_signal_connect (action, "activate", G_CALLBACK (setup_activated), mainwin);
	gtk_action_group_add_action (mainwin->action_group, action);
	g_object_unref (action);

	path = gtk_ui_manager_get_widget (mainwin->ui_manager, MS_MENU_ANCHOR) != NULL
		? MS_MENU_ANCHOR : MS_MENU_FALLBACK;
	MENUITEM_ADDUI_ID_MANAGER (mainwin->ui_manager, path, MS_ITEM_SETUP,
				   MS_ACTION_SETUP, GTK_UI_MANAGER_MENUITEM, setup_merge_id)
	gtk_ui_manager_ensure_update (mainwin->ui_manager);
	ms_debug ("menu item added under %s (merge id %u)\n", path, setup_merge_id);
}

void
ms_claws_main_menu_done (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();

	/* At Claws's exit the main window may already be gone. */
	if (mainwin != NULL && setup_merge_id != 0) {
		MENUITEM_REMUI_MANAGER (mainwin->ui_manager, mainwin->action_group,
					MS_ACTION_SETUP, setup_merge_id)
		gtk_ui_manager_ensure_update (mainwin->ui_manager);
	}
	setup_merge_id = 0;
}
