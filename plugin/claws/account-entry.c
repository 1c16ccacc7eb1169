/* "Set up automatically…" where accounts are managed.
 *
 * The account list (Configuration → Edit accounts…, account.c) has no API
 * for plugins. Its window is made once, hidden on Close and shown again;
 * GtkWidget::show is watched (an emission hook) for a window whose role is
 * "account" (gtkut_window_new's class), and a button is added to the
 * column of buttons beside the list (New, Edit, Delete…), found by
 * structure: the box next to the scrolled window holding the list's tree
 * view. Should a later Claws change that structure, no button is added
 * and the menu item stays.
 *
 * The account preferences get a page (prefs_account_register_page) whose
 * button sets up that account's address again.
 *
 * Both windows are modal, the preferences in a nested main loop: the button
 * closes the window as its own close button would (Claws then saves the
 * list, or cancels the preferences), and the assistant opens once Claws is
 * back in its main loop with no modal window left; the assistant lives in
 * a window group of its own, so that a modal Claws window cannot block it
 * either. Applying offers to update the account that has the address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "account-entry.h"
#include "wizard.h"

/* --- opening the assistant once the modal windows are gone --- */

static guint pending_id;
static char *pending_name, *pending_address;
static int pending_tries;
static GtkWidget *list_window;	/* Claws's account list, once seen */

static gboolean
open_when_free (gpointer data)
{
	gboolean list_shown = list_window != NULL && gtk_widget_get_visible (list_window);

	/* The preferences' nested loop still runs, or the list (shown again
	 * by Claws after its preferences) waits to be closed: a while. */
	if (++pending_tries < 60 && (gtk_main_level () > 1 || list_shown)) {
		if (gtk_main_level () == 1 && list_shown)
			gtk_window_close (GTK_WINDOW (list_window));
		return G_SOURCE_CONTINUE;
	}
	pending_id = 0;
	if (pending_address != NULL)
		ms_claws_wizard_open_address (pending_name, pending_address);
	else
		ms_claws_wizard_open ();
	g_clear_pointer (&pending_name, g_free);
	g_clear_pointer (&pending_address, g_free);
	return G_SOURCE_REMOVE;
}

/* Closes @window as its close button would, then opens the assistant
 * (with @name and @address when given). */
static void
close_then_open (GtkWidget *window, const char *name, const char *address)
{
	g_free (pending_name);
	g_free (pending_address);
	pending_name = g_strdup (name);
	pending_address = address && *address ? g_strdup (address) : NULL;
	pending_tries = 0;
	if (window != NULL)
		gtk_window_close (GTK_WINDOW (window));
	if (pending_id == 0)
		pending_id = g_timeout_add (50, open_when_free, NULL);
	ms_debug ("assistant asked for from %s\n", window == list_window ? "the account list" : "the account preferences");
}

/* --- the account list --- */

static gulong show_hook;
static GtkWidget *list_button;

static void
on_list_button (GtkButton *button, gpointer data)
{
	close_then_open (gtk_widget_get_toplevel (GTK_WIDGET (button)), NULL, NULL);
}

static GtkWidget *
find_tree_view (GtkWidget *widget)
{
	g_autoptr (GList) children = NULL;

	if (GTK_IS_TREE_VIEW (widget))
		return widget;
	if (!GTK_IS_CONTAINER (widget))
		return NULL;
	children = gtk_container_get_children (GTK_CONTAINER (widget));
	for (GList *l = children; l != NULL; l = l->next) {
		GtkWidget *found = find_tree_view (l->data);
		if (found != NULL)
			return found;
	}
	return NULL;
}

/* The vertical box of buttons beside the list, or NULL. */
static GtkWidget *
find_button_column (GtkWidget *window)
{
	GtkWidget *view = find_tree_view (window);
	GtkWidget *scrolled = view ? gtk_widget_get_parent (view) : NULL;
	GtkWidget *row = scrolled ? gtk_widget_get_parent (scrolled) : NULL;
	g_autoptr (GList) children = NULL;

	if (!GTK_IS_SCROLLED_WINDOW (scrolled) || !GTK_IS_BOX (row))
		return NULL;
	children = gtk_container_get_children (GTK_CONTAINER (row));
	for (GList *l = children; l != NULL; l = l->next)
		if (l->data != scrolled && GTK_IS_BOX (l->data)
		    && gtk_orientable_get_orientation (l->data) == GTK_ORIENTATION_VERTICAL)
			return l->data;
	return NULL;
}

static void
add_list_button (GtkWidget *window)
{
	GtkWidget *column = find_button_column (window);

	if (column == NULL) {
		ms_debug ("account list: no column of buttons found, no button added\n");
		return;
	}
	list_button = gtk_button_new_with_mnemonic (_("Set up _automatically…"));
	gtk_widget_set_tooltip_text (list_button,
		_("Find the servers for an email address, check them, and create the account"));
	g_signal_connect (list_button, "clicked", G_CALLBACK (on_list_button), NULL);
	g_signal_connect (list_button, "destroy", G_CALLBACK (gtk_widget_destroyed), &list_button);
	/* Claws packs its buttons with 4 pixels around; ours right after New. */
	gtk_box_pack_start (GTK_BOX (column), list_button, FALSE, FALSE, 4);
	gtk_box_reorder_child (GTK_BOX (column), list_button, 1);
	gtk_widget_show (list_button);
	ms_debug ("account list: button added\n");
}

static gboolean
on_widget_show (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer data)
{
	GObject *object = g_value_get_object (&values[0]);

	if (GTK_IS_WINDOW (object)
	    && g_strcmp0 (gtk_window_get_role (GTK_WINDOW (object)), "account") == 0) {
		if (list_window != GTK_WIDGET (object)) {
			list_window = GTK_WIDGET (object);
			g_signal_connect (list_window, "destroy", G_CALLBACK (gtk_widget_destroyed), &list_window);
		}
		if (list_button == NULL)
			add_list_button (list_window);
	}
	return TRUE;	/* stay */
}

/* --- the account preferences --- */

typedef struct {
	PrefsPage page;
	char *name, *address;	/* the account's, when the window opened */
} AccountPage;

static AccountPage account_page;
static char *account_path[2];

static void
on_page_button (GtkButton *button, AccountPage *page)
{
	close_then_open (gtk_widget_get_toplevel (GTK_WIDGET (button)), page->name, page->address);
}

static void
create_page (PrefsPage *prefs_page, GtkWindow *window, gpointer data)
{
	AccountPage *page = (AccountPage *) prefs_page;
	PrefsAccount *account = data;
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *label, *button;
	g_autofree char *text = NULL;

	g_free (page->name);
	g_free (page->address);
	page->name = g_strdup (account ? account->name : NULL);
	page->address = g_strdup (account ? account->address : NULL);
	if (page->address != NULL && *page->address != '\0')
		text = g_strdup_printf (_("Claws Mail can find the servers of %s again, check them with "
					  "your password, and update this account with settings that work."),
					page->address);
	else
		text = g_strdup (_("Claws Mail can find the servers for an email address, check them with "
				   "your password, and create the account."));
	g_object_set (box, "margin", 12, NULL);
	label = gtk_label_new (text);
	gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
	gtk_label_set_xalign (GTK_LABEL (label), 0.0);
	gtk_container_add (GTK_CONTAINER (box), label);
	button = gtk_button_new_with_mnemonic (_("Set up _automatically…"));
	gtk_widget_set_halign (button, GTK_ALIGN_START);
	gtk_widget_set_tooltip_text (button, _("Closes these preferences without saving them, "
					       "then opens the assistant"));
	g_signal_connect (button, "clicked", G_CALLBACK (on_page_button), page);
	gtk_container_add (GTK_CONTAINER (box), button);
	gtk_widget_show_all (box);
	prefs_page->widget = box;
}

static void
destroy_page (PrefsPage *prefs_page)
{
	/* The names stay for a pending opening: close_then_open copied them. */
}

static void
save_page (PrefsPage *prefs_page)
{
	/* Nothing to save: the page only offers the assistant. */
}

/* --- init and done --- */

void
ms_claws_account_entry_init (void)
{
	guint show = g_signal_lookup ("show", GTK_TYPE_WIDGET);

	if (show_hook == 0)
		show_hook = g_signal_add_emission_hook (show, 0, on_widget_show, NULL, NULL);
	if (account_page.page.path == NULL) {
		account_path[0] = g_strdup (_("Mail setup"));
		account_path[1] = NULL;
		account_page.page.path = account_path;
		/* Claws's own pages weigh 1000 down to 100: ours comes last. */
		account_page.page.weight = 10.0;
		account_page.page.create_widget = create_page;
		account_page.page.destroy_widget = destroy_page;
		account_page.page.save_page = save_page;
		prefs_account_register_page ((PrefsPage *) &account_page);
	}
}

void
ms_claws_account_entry_done (void)
{
	if (show_hook != 0)
		g_signal_remove_emission_hook (g_signal_lookup ("show", GTK_TYPE_WIDGET), show_hook);
	show_hook = 0;
	if (list_button != NULL)
		gtk_widget_destroy (list_button);	/* clears list_button */
	if (list_window != NULL)
		g_signal_handlers_disconnect_by_func (list_window, gtk_widget_destroyed, &list_window);
	list_window = NULL;
	if (account_page.page.path != NULL) {
		prefs_account_unregister_page ((PrefsPage *) &account_page);
		g_clear_pointer (&account_path[0], g_free);
		account_page.page.path = NULL;
	}
	g_clear_pointer (&account_page.name, g_free);
	g_clear_pointer (&account_page.address, g_free);
	g_clear_handle_id (&pending_id, g_source_remove);
	g_clear_pointer (&pending_name, g_free);
	g_clear_pointer (&pending_address, g_free);
}
