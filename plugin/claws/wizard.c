/* The assistant: an address and a password in, a verified account out.
 *
 * Four pages of one GtkAssistant: the account (name, address, password),
 * the search (one row per discovery source and per server tried, live),
 * the result in plain words (or the diagnosis), and "done". Everything the
 * engine does runs asynchronously on Claws's main loop; nothing blocks and
 * no nested main loop is ever run (a nested loop also freezes AT-SPI).
 *
 * Lifetimes. A search is a Run, owned by the engine calls in flight: it
 * is freed by the last final callback, never by the wizard. The wizard
 * points at its current Run; to stop it (Cancel, Back, closing, plugin
 * unload) it cancels the Run's GCancellable and detaches it (run->wizard =
 * NULL), so the progress and final callbacks that the engine still makes
 * afterwards touch nothing but the Run. The module stays mapped after an
 * unload (plugin.c), so those late callbacks still have their code.
 *
 * The password lives only in its GtkEntry: the engine copies it (and
 * wipes its copy), the account writer reads it during the call. The entry
 * is emptied when the account is written and when the wizard closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>
#include <mailsetup/mailsetup.h>

#include "account-writer.h"
#include "wizard.h"
#include "wizard-private.h"
#include "settings.h"
static Wizard *wizard;

/* --- the search --- */

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *run = data;
	Wizard *w = ms_wz_run_wizard (run);
	g_autoptr (GError) error = NULL;
	MsVerifyResult *v = ms_verify_finish (result, &error);

	if (w == NULL) {
		g_clear_pointer (&v, ms_verify_result_unref);
		ms_wz_run_free (run);
		return;
	}
	w->run = NULL;
	ms_wz_rows_settle (w, NULL, NULL);
	g_clear_pointer (&w->result, ms_verify_result_unref);
	g_clear_pointer (&w->failure, g_free);
	w->result = v;
	if (v == NULL)
		w->failure = g_strdup (error ? error->message : "");
	ms_wz_run_free (run);
	ms_wz_show_result (w);
}

/* Verifies @config (discovered or given) with the password typed. */
static void
verify_config (Wizard *w, Run *run, MsConfig *config)
{
	g_autoptr (MsVerifyOptions) options = ms_claws_settings_verify_options ();

	if (w->config != config) {
		ms_config_ref (config);
		g_clear_pointer (&w->config, ms_config_unref);
		w->config = config;
	}
	/* A provider that signs its users in on its own page: no password. */
	if (ms_wz_oauth2_wanted (w, config)) {
		w->run = NULL;
		ms_wz_rows_settle (w, NULL, NULL);
		ms_wz_run_free (run);
		ms_wz_show_oauth2 (w);
		return;
	}
	ms_verify_async (run->address, config, gtk_entry_get_text (GTK_ENTRY (w->password)), options,
			 ms_wz_on_verify_event, run, NULL, run->cancellable, on_verified, run);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *run = data;
	Wizard *w = ms_wz_run_wizard (run);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) config = ms_discover_finish (result, &error);
	g_autofree char *heading = NULL;

	if (w == NULL) {
		ms_wz_run_free (run);
		return;
	}
	if (config != NULL)
		ms_wz_rows_settle (w, _("stopped"), _("Not needed: other sources answered first."));
	else
		ms_wz_rows_settle (w, _("stopped"), _("No answer in time."));
	/* Nothing found is a diagnosis too (no such domain, no mail
	 * server): verifying nothing gives it, as the command line does. */
	if (config == NULL && g_error_matches (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER))
		config = ms_config_new ();
	if (config == NULL) {
		w->run = NULL;
		g_clear_pointer (&w->result, ms_verify_result_unref);
		g_free (w->failure);
		w->failure = g_strdup (error->message);
		ms_wz_run_free (run);
		ms_wz_show_result (w);
		return;
	}
	heading = g_strdup_printf (_("Checking the servers of %s with your password…"),
				   ms_address_get_address (run->address));
	gtk_label_set_text (GTK_LABEL (w->progress_heading), heading);
	verify_config (w, run, config);
}

static void
start_search (Wizard *w)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) address = ms_address_parse (gtk_entry_get_text (GTK_ENTRY (w->address)), &error);
	g_autofree char *heading = NULL;
	Run *run;

	ms_wz_stop_search (w);
	ms_wz_rows_clear (w);
	g_clear_pointer (&w->result, ms_verify_result_unref);
	g_clear_pointer (&w->failure, g_free);
	if (address == NULL)	/* Next is not offered then */
		return;
	g_clear_pointer (&w->run_address, ms_address_unref);
	w->run_address = ms_address_ref (address);
	run = g_new0 (Run, 1);
	run->wizard = w;
	run->cancellable = g_cancellable_new ();
	run->address = ms_address_ref (address);
	w->run = run;
	if (w->given != NULL) {
		/* Settings given (imported, or the expert page's): no discovery. */
		heading = g_strdup_printf (_("Checking these settings for %s with your password…"),
					   ms_address_get_address (address));
		gtk_label_set_text (GTK_LABEL (w->progress_heading), heading);
		ms_debug ("verification of given settings for %s started\n", ms_address_get_address (address));
		verify_config (w, run, w->given);
		return;
	}
	heading = g_strdup_printf (_("Looking for the servers of %s…"), ms_address_get_address (address));
	gtk_label_set_text (GTK_LABEL (w->progress_heading), heading);
	ms_debug ("search for %s started\n", ms_address_get_address (address));
	g_autoptr (MsDiscoveryOptions) options = ms_claws_settings_discovery_options ();
	ms_discover_async (address, options, ms_wz_on_discovery_event, run, NULL, run->cancellable, on_discovered, run);
}

/* --- the account page --- */

static void
on_account_changed (Wizard *w)
{
	const char *text = gtk_entry_get_text (GTK_ENTRY (w->address));
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) address = NULL;
	gboolean ok;

	/* Given settings are for the address they came with. */
	if (w->given != NULL && g_strcmp0 (text, w->given_address) != 0)
		ms_wz_set_given (w, NULL, NULL, NULL);
	/* No complaint before anything is typed. */
	if (*text != '\0')
		address = ms_address_parse (text, &error);
	gtk_label_set_text (GTK_LABEL (w->address_error), error ? error->message : "");
	ms_wz_set_accessible (w->address, NULL, error ? error->message : "");
	ok = address != NULL && *gtk_entry_get_text (GTK_ENTRY (w->password)) != '\0';
	gtk_assistant_set_page_complete (GTK_ASSISTANT (w->window), w->pages[PAGE_ACCOUNT], ok);
}

static void
on_show_password (GtkToggleButton *button, Wizard *w)
{
	gtk_entry_set_visibility (GTK_ENTRY (w->password), gtk_toggle_button_get_active (button));
}

static GtkWidget *
field_label (const char *mnemonic, GtkWidget *field)
{
	GtkWidget *l = gtk_label_new_with_mnemonic (mnemonic);

	gtk_label_set_xalign (GTK_LABEL (l), 1.0);
	gtk_label_set_mnemonic_widget (GTK_LABEL (l), field);
	return l;
}

static GtkWidget *
build_account_page (Wizard *w)
{
	GtkWidget *grid = gtk_grid_new ();
	const char *real_name = g_get_real_name ();

	gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
	gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
	g_object_set (grid, "margin", 12, NULL);
	gtk_grid_attach (GTK_GRID (grid),
		ms_wz_text_label (_("Type your email address and its password. Claws Mail then finds "
			      "the servers, checks that they can be trusted, and proves that the "
			      "password works before it creates the account.")), 0, 0, 2, 1);

	w->name = gtk_entry_new ();
	ms_wz_set_accessible (w->name, _("Your name"), _("As the people you write to will see it"));
	if (real_name != NULL && strcmp (real_name, "Unknown") != 0)
		gtk_entry_set_text (GTK_ENTRY (w->name), real_name);
	gtk_entry_set_activates_default (GTK_ENTRY (w->name), TRUE);
	gtk_widget_set_hexpand (w->name, TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("Your _name:"), w->name), 0, 1, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->name, 1, 1, 1, 1);

	w->address = gtk_entry_new ();
	ms_wz_set_accessible (w->address, _("Email address"), NULL);
	gtk_entry_set_input_purpose (GTK_ENTRY (w->address), GTK_INPUT_PURPOSE_EMAIL);
	gtk_entry_set_placeholder_text (GTK_ENTRY (w->address), _("you@example.org"));
	gtk_entry_set_activates_default (GTK_ENTRY (w->address), TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("_Email address:"), w->address), 0, 2, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->address, 1, 2, 1, 1);
	w->address_error = ms_wz_text_label (NULL);
	ms_wz_add_css_class (w->address_error, "dim-label");
	atk_object_add_relationship (gtk_widget_get_accessible (w->address), ATK_RELATION_DESCRIBED_BY,
				     gtk_widget_get_accessible (w->address_error));
	gtk_grid_attach (GTK_GRID (grid), w->address_error, 1, 3, 1, 1);

	w->password = gtk_entry_new ();
	ms_wz_set_accessible (w->password, _("Password"), _("The password of this mailbox"));
	gtk_entry_set_visibility (GTK_ENTRY (w->password), FALSE);
	gtk_entry_set_input_purpose (GTK_ENTRY (w->password), GTK_INPUT_PURPOSE_PASSWORD);
	gtk_entry_set_activates_default (GTK_ENTRY (w->password), TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("_Password:"), w->password), 0, 4, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->password, 1, 4, 1, 1);
	w->show_password = gtk_check_button_new_with_mnemonic (_("_Show the password"));
	gtk_grid_attach (GTK_GRID (grid), w->show_password, 1, 5, 1, 1);
	w->origin_label = ms_wz_text_label (NULL);
	gtk_widget_set_no_show_all (w->origin_label, TRUE);
	gtk_grid_attach (GTK_GRID (grid), w->origin_label, 0, 6, 2, 1);

	g_signal_connect_swapped (w->address, "changed", G_CALLBACK (on_account_changed), w);
	g_signal_connect_swapped (w->password, "changed", G_CALLBACK (on_account_changed), w);
	g_signal_connect (w->show_password, "toggled", G_CALLBACK (on_show_password), w);
	ms_wz_set_accessible (grid, _("Your account"), NULL);
	return grid;
}

/* New rows go at the bottom: keep them in view. */
static void
follow_bottom (GtkAdjustment *adjustment, gpointer data)
{
	gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
				  - gtk_adjustment_get_page_size (adjustment));
}

static GtkWidget *
build_progress_page (Wizard *w)
{
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);

	g_object_set (box, "margin", 12, NULL);
	w->progress_heading = ms_wz_text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->progress_heading);
	w->rows_box = gtk_list_box_new ();
	gtk_list_box_set_selection_mode (GTK_LIST_BOX (w->rows_box), GTK_SELECTION_NONE);
	ms_wz_set_accessible (w->rows_box, _("Progress"), NULL);
	gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type (GTK_SCROLLED_WINDOW (scrolled), GTK_SHADOW_IN);
	gtk_widget_set_vexpand (scrolled, TRUE);
	gtk_container_add (GTK_CONTAINER (scrolled), w->rows_box);
	g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), "changed",
			  G_CALLBACK (follow_bottom), NULL);
	gtk_container_add (GTK_CONTAINER (box), scrolled);
	gtk_container_add (GTK_CONTAINER (box),
		ms_wz_text_label (_("Cancel stops the search at once and brings you back to your address.")));
	ms_wz_set_accessible (box, _("Finding your servers"), NULL);
	return box;
}

static GtkWidget *
build_result_page (Wizard *w)
{
	GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

	g_object_set (box, "margin", 12, NULL);
	w->content_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	ms_wz_set_accessible (w->content_box, _("Result"), NULL);
	gtk_container_add (GTK_CONTAINER (box), w->content_box);
	w->confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	ms_wz_set_accessible (w->confirm_box, _("Please confirm"), NULL);
	gtk_container_add (GTK_CONTAINER (box), w->confirm_box);
	w->apply_note = ms_wz_text_label (_("Apply creates the account in Claws Mail with these settings."));
	gtk_container_add (GTK_CONTAINER (box), w->apply_note);
	w->save_error = ms_wz_text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->save_error);
	gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_container_add (GTK_CONTAINER (scrolled), box);
	return scrolled;
}

static GtkWidget *
build_done_page (Wizard *w)
{
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

	g_object_set (box, "margin", 12, NULL);
	w->done_label = ms_wz_text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->done_label);
	gtk_container_add (GTK_CONTAINER (box),
		ms_wz_text_label (_("Claws Mail keeps the password in its password store. Without a primary "
			      "passphrase the store only hides it: to have it encrypted, set one in "
			      "Configuration → Preferences → Other → Miscellaneous.")));
	gtk_container_add (GTK_CONTAINER (box), ms_wz_build_privacy_offer (w));
	ms_wz_set_accessible (box, _("Done"), NULL);
	return box;
}

/* --- applying --- */

static void
write_account (Wizard *w, int update_id)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (w->name))));
	const char *address = ms_address_get_address (w->run_address);
	g_autofree char *done = NULL;
	MsClawsAccountSpec spec = {
		.account_name = NULL,
		.full_name = *name ? name : NULL,
		.address = address,
		.incoming = ms_wz_chosen_incoming (w),
		.outgoing = ms_verify_result_get_outgoing (w->result),
		.password = gtk_entry_get_text (GTK_ENTRY (w->password)),
		.oauth2 = NULL,
	};
	int id = ms_claws_account_write (&spec, update_id, &error);

	if (id < 0) {
		g_autofree char *text = g_strdup_printf (_("The account could not be saved: %s"),
							 error ? error->message : _("unknown error"));
		gtk_label_set_text (GTK_LABEL (w->save_error), text);
		gtk_widget_show (w->save_error);
		ms_debug ("account not saved: %s\n", error ? error->message : "?");
		return;
	}
	/* Written: the password is in Claws's store, not needed here. */
	gtk_entry_set_text (GTK_ENTRY (w->password), "");
	done = g_strdup_printf (update_id >= 0
				? _("The account %s was updated: Claws Mail receives and sends its mail with the settings just verified.")
				: _("The account %s was created: Claws Mail can now receive and send its mail."),
				address);
	gtk_label_set_text (GTK_LABEL (w->done_label), done);
	ms_wz_account_written (w, id);
	log_message (LOG_PROTOCOL, "mailsetup: account %s %s (id %d)\n", address,
		     update_id >= 0 ? "updated" : "created", id);
	gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_DONE);
	gtk_assistant_commit (GTK_ASSISTANT (w->window));
}

static void
on_question_response (GtkDialog *dialog, gint response, gpointer data)
{
	Wizard *w = data;
	int id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "ms-account-id"));

	gtk_widget_destroy (GTK_WIDGET (dialog));	/* "destroy" clears w->question */
	if (response == GTK_RESPONSE_ACCEPT)
		write_account (w, id);
}

static void
ask_update (Wizard *w, int id)
{
	const char *address = ms_address_get_address (w->run_address);
	GtkWidget *d;

	d = gtk_message_dialog_new (GTK_WINDOW (w->window), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
				    GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
				    _("Update the existing account for %s?"), address);
	gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (d), "%s",
		_("Claws Mail already has an account with this address. Updating it replaces its "
		  "servers, user name and password with the ones just verified."));
	gtk_dialog_add_buttons (GTK_DIALOG (d), _("_Cancel"), GTK_RESPONSE_CANCEL,
				_("_Update"), GTK_RESPONSE_ACCEPT, NULL);
	gtk_dialog_set_default_response (GTK_DIALOG (d), GTK_RESPONSE_ACCEPT);
	gtk_window_set_title (GTK_WINDOW (d), _("Update the account?"));
	/* GTK names a message dialog's accessible after its type. */
	ms_wz_set_accessible (d, _("Update the account?"), NULL);
	g_object_set_data (G_OBJECT (d), "ms-account-id", GINT_TO_POINTER (id));
	g_signal_connect (d, "response", G_CALLBACK (on_question_response), w);
	g_signal_connect (d, "destroy", G_CALLBACK (gtk_widget_destroyed), &w->question);
	w->question = d;
	gtk_widget_show (d);
}

static void
on_apply (GtkButton *button, Wizard *w)
{
	int id;

	if (!gtk_widget_is_sensitive (w->apply) || w->question != NULL)
		return;
	id = ms_claws_account_find (ms_address_get_address (w->run_address));
	if (id >= 0)
		ask_update (w, id);
	else
		write_account (w, -1);
}

/* --- navigation --- */

static gint
forward_page (gint current, gpointer data)
{
	Wizard *w = data;

	switch (current) {
	case PAGE_ACCOUNT: return PAGE_PROGRESS;
	/* The result page is reached only when the search has ended. */
	case PAGE_PROGRESS: return w->result != NULL || w->failure != NULL ? PAGE_RESULT : -1;
	case PAGE_RESULT: return PAGE_DONE;
	/* The expert page's Next verifies its settings. */
	case PAGE_EDIT: return PAGE_PROGRESS;
	default: return -1;
	}
}

static void
on_prepare (GtkAssistant *a, GtkWidget *page, Wizard *w)
{
	gboolean result = page == w->pages[PAGE_RESULT];
	gboolean custom = result || page == w->pages[PAGE_OAUTH2];

	gtk_widget_set_visible (w->back, custom);
	gtk_widget_set_visible (w->cancel, custom);
	gtk_widget_set_visible (w->edit, result);
	if (page == w->pages[PAGE_EDIT]) {
		w->editing = TRUE;
		ms_wz_edit_check (w);
	} else if (page != w->pages[PAGE_PROGRESS]) {
		w->editing = FALSE;
	}
	if (!result) {
		gtk_widget_hide (w->apply);
		gtk_widget_hide (w->retry);
	}
	if (page == w->pages[PAGE_ACCOUNT]) {
		/* Back, or Cancel, from the search: it stops. */
		ms_wz_stop_search (w);
		w->oauth2_declined = FALSE;
		g_clear_pointer (&w->result, ms_verify_result_unref);
		g_clear_pointer (&w->failure, g_free);
	} else if (page == w->pages[PAGE_PROGRESS]) {
		if (w->editing) {	/* from the expert page: exactly its settings */
			g_autoptr (MsConfig) config = ms_wz_edit_config (w, NULL);
			w->editing = FALSE;
			if (config != NULL)
				ms_wz_set_given (w, config, gtk_entry_get_text (GTK_ENTRY (w->address)), NULL);
		}
		start_search (w);	/* GtkAssistant then sees no result: no Next */
	}
}

static void
close_wizard (Wizard *w)
{
	gtk_widget_destroy (w->window);	/* on_destroy cleans up */
}

static void
on_cancel_clicked (GtkButton *button, Wizard *w)
{
	close_wizard (w);
}

static void
on_cancel (GtkAssistant *a, Wizard *w)
{
	if (gtk_assistant_get_current_page (a) == PAGE_PROGRESS) {
		ms_wz_stop_search (w);
		gtk_assistant_previous_page (a);
		return;
	}
	close_wizard (w);
}

static gboolean
on_delete (GtkWidget *window, GdkEvent *event, Wizard *w)
{
	close_wizard (w);
	return TRUE;
}

static void
on_back (GtkButton *button, Wizard *w)
{
	gtk_assistant_previous_page (GTK_ASSISTANT (w->window));	/* skips the search */
}

static void
on_edit (GtkButton *button, Wizard *w)
{
	ms_wz_edit_fill (w);
	gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_EDIT);
}

static void
on_retry (GtkButton *button, Wizard *w)
{
	GtkAssistant *a = GTK_ASSISTANT (w->window);

	gtk_assistant_previous_page (a);
	gtk_assistant_next_page (a);
}

static void
on_destroy (GtkWidget *window, Wizard *w)
{
	ms_wz_stop_search (w);
	if (w->question != NULL)
		gtk_widget_destroy (w->question);
	/* Wipe what was typed: GtkEntryBuffer clears the memory it frees. */
	gtk_entry_set_text (GTK_ENTRY (w->password), "");
	g_clear_pointer (&w->rows, g_hash_table_unref);
	g_clear_pointer (&w->result, ms_verify_result_unref);
	g_clear_pointer (&w->run_address, ms_address_unref);
	g_clear_pointer (&w->failure, g_free);
	g_clear_pointer (&w->given, ms_config_unref);
	g_clear_pointer (&w->given_address, g_free);
	g_clear_pointer (&w->given_policy, ms_policy_free);
	g_clear_pointer (&w->given_policy_origin, g_free);
	g_clear_pointer (&w->config, ms_config_unref);
	gtk_entry_set_text (GTK_ENTRY (w->oauth2_code), "");
	g_clear_pointer (&w->oauth2_url, g_free);
	if (wizard == w)
		wizard = NULL;
	g_free (w);
	ms_debug ("wizard closed\n");
}

static GtkWidget *
action_button (Wizard *w, const char *mnemonic, GCallback callback)
{
	GtkWidget *b = gtk_button_new_with_mnemonic (mnemonic);

	gtk_widget_set_can_default (b, TRUE);
	gtk_widget_set_no_show_all (b, TRUE);
	g_signal_connect (b, "clicked", callback, w);
	gtk_assistant_add_action_widget (GTK_ASSISTANT (w->window), b);
	return b;
}

static void
add_page (Wizard *w, int index, GtkWidget *page, const char *title, GtkAssistantPageType type)
{
	GtkAssistant *a = GTK_ASSISTANT (w->window);

	w->pages[index] = page;
	gtk_assistant_append_page (a, page);
	gtk_assistant_set_page_title (a, page, title);
	gtk_assistant_set_page_type (a, page, type);
}

void
ms_claws_wizard_open (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();
	GtkAssistant *a;
	Wizard *w;

	if (wizard != NULL) {
		gtk_window_present (GTK_WINDOW (wizard->window));
		return;
	}
	w = wizard = g_new0 (Wizard, 1);
	w->written_id = -1;
	w->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ms_wz_row_free);
	w->window = gtk_assistant_new ();
	a = GTK_ASSISTANT (w->window);
	/* A window group of its own: Claws's modal windows (the account list,
	 * opened from it) do not block it. The window keeps the group. */
	{
		g_autoptr (GtkWindowGroup) group = gtk_window_group_new ();
		gtk_window_group_add_window (group, GTK_WINDOW (w->window));
	}
	/* GtkAssistant titles the window after each page. */
	gtk_window_set_title (GTK_WINDOW (w->window), _("Set up an account automatically"));
	gtk_window_set_default_size (GTK_WINDOW (w->window), 640, 520);
	if (mainwin != NULL) {
		gtk_window_set_transient_for (GTK_WINDOW (w->window), GTK_WINDOW (mainwin->window));
		gtk_window_set_destroy_with_parent (GTK_WINDOW (w->window), TRUE);
		gtk_window_set_position (GTK_WINDOW (w->window), GTK_WIN_POS_CENTER_ON_PARENT);
	}

	add_page (w, PAGE_ACCOUNT, build_account_page (w), _("Your account"), GTK_ASSISTANT_PAGE_CONTENT);
	/* A progress page: Back skips it. It is "complete" so that Cancel
	 * stays available; forward_page() keeps Next away while searching. */
	add_page (w, PAGE_PROGRESS, build_progress_page (w), _("Finding your servers"), GTK_ASSISTANT_PAGE_PROGRESS);
	gtk_assistant_set_page_complete (a, w->pages[PAGE_PROGRESS], TRUE);
	/* Custom: its buttons depend on the outcome (Apply, or Try Again). */
	add_page (w, PAGE_RESULT, build_result_page (w), _("Result"), GTK_ASSISTANT_PAGE_CUSTOM);
	add_page (w, PAGE_DONE, build_done_page (w), _("Done"), GTK_ASSISTANT_PAGE_SUMMARY);
	gtk_assistant_set_page_complete (a, w->pages[PAGE_DONE], TRUE);
	add_page (w, PAGE_EDIT, ms_wz_build_edit_page (w), _("Edit settings"), GTK_ASSISTANT_PAGE_CONTENT);
	/* Custom: its own button authorises; Back and Cancel are ours. */
	add_page (w, PAGE_OAUTH2, ms_wz_build_oauth2_page (w), _("Sign in"), GTK_ASSISTANT_PAGE_CUSTOM);
	gtk_assistant_set_forward_page_func (a, forward_page, w, NULL);

	/* Packed from the right: Cancel, Back, then Apply or Try Again. */
	w->apply = action_button (w, _("_Apply"), G_CALLBACK (on_apply));
	w->retry = action_button (w, _("Try _Again"), G_CALLBACK (on_retry));
	w->edit = action_button (w, _("_Edit Settings"), G_CALLBACK (on_edit));
	w->back = action_button (w, _("_Back"), G_CALLBACK (on_back));
	w->cancel = action_button (w, _("_Cancel"), G_CALLBACK (on_cancel_clicked));

	g_signal_connect (a, "prepare", G_CALLBACK (on_prepare), w);
	g_signal_connect (a, "cancel", G_CALLBACK (on_cancel), w);
	g_signal_connect_swapped (a, "close", G_CALLBACK (close_wizard), w);
	g_signal_connect (a, "delete-event", G_CALLBACK (on_delete), w);
	g_signal_connect (a, "destroy", G_CALLBACK (on_destroy), w);

	gtk_widget_show_all (w->window);
	gtk_widget_grab_focus (*gtk_entry_get_text (GTK_ENTRY (w->name)) ? w->address : w->name);
	ms_debug ("wizard opened\n");
}

void
ms_claws_wizard_done (void)
{
	if (wizard != NULL)
		close_wizard (wizard);	/* stops the search, then destroys */
	wizard = NULL;
}

/* Settings to verify as they are (NULL: discover again), and where they
 * come from, said on the first page. */
void
ms_wz_set_given (Wizard *w, MsConfig *config, const char *address, const char *origin)
{
	if (config != NULL)
		ms_config_ref (config);
	g_clear_pointer (&w->given, ms_config_unref);
	g_free (w->given_address);
	w->given = config;
	w->given_address = g_strdup (address);
	if (config == NULL) {	/* what came with the settings goes with them */
		g_clear_pointer (&w->given_policy, ms_policy_free);
		g_clear_pointer (&w->given_policy_origin, g_free);
	}
	if (config != NULL && origin != NULL) {
		g_autofree char *text = g_strdup_printf (_("The settings come from %s: Next checks them with your password."),
							  origin);
		gtk_label_set_text (GTK_LABEL (w->origin_label), text);
		gtk_widget_show (w->origin_label);
	} else {
		gtk_widget_hide (w->origin_label);
	}
}

/* The assistant on its first page with these, the password to type. */
static Wizard *
open_filled (const char *name, const char *address)
{
	Wizard *w;

	ms_claws_wizard_open ();
	w = wizard;
	/* Back to the first page (a search running stops there). */
	gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_ACCOUNT);
	if (name != NULL && *name != '\0')
		gtk_entry_set_text (GTK_ENTRY (w->name), name);
	gtk_entry_set_text (GTK_ENTRY (w->address), address ? address : "");
	gtk_entry_set_text (GTK_ENTRY (w->password), "");
	gtk_widget_grab_focus (w->password);
	return w;
}

void
ms_claws_wizard_open_address (const char *name, const char *address)
{
	Wizard *w = open_filled (name, address);

	ms_wz_set_given (w, NULL, NULL, NULL);
}

void
ms_claws_wizard_open_config (const MsConfig *config, const char *name, const char *address,
			     const char *origin, char *password, const MsPolicy *policy)
{
	Wizard *w;

	g_return_if_fail (config != NULL && address != NULL);
	w = open_filled (name, address);
	/* After the address: its "changed" drops settings given for another. */
	ms_wz_set_given (w, (MsConfig *) config, address, origin);
	g_clear_pointer (&w->given_policy, ms_policy_free);
	g_clear_pointer (&w->given_policy_origin, g_free);
	w->given_policy = policy ? ms_policy_copy (policy) : NULL;
	w->given_policy_origin = policy ? g_strdup (origin) : NULL;
	ms_debug ("wizard opened with settings from %s\n", origin ? origin : "?");
	if (password == NULL || *password == '\0')
		return;
	/* The entry holds it as a typed one (and wipes it the same way);
	 * the caller's copy is wiped now. Nothing to ask: checking starts. */
	gtk_entry_set_text (GTK_ENTRY (w->password), password);
	explicit_bzero (password, strlen (password));
	if (origin != NULL) {
		g_autofree char *text = g_strdup_printf (_("The settings and the password come from %s."), origin);
		gtk_label_set_text (GTK_LABEL (w->origin_label), text);
	}
	if (gtk_assistant_get_page_complete (GTK_ASSISTANT (w->window), w->pages[PAGE_ACCOUNT]))
		gtk_assistant_next_page (GTK_ASSISTANT (w->window));
}
