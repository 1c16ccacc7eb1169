/* "Check my accounts…": the check-up of Claws's existing accounts
 * (include/mailsetup/checkup.h) in a window. Each account gets a row: what
 * is weaker than it could be, in plain words, and a "Make secure" button
 * that asks first, then writes the fix (checkup-apply.c); "Undo" puts the
 * last fix back. Nothing is changed without the user's yes.
 *
 * The checks run at once, each in the engine's worker thread; the window
 * owns a GCancellable that stops them when it closes. Answers that come
 * for a window since closed or refreshed (an older generation) are dropped.
 *
 * The menu item is added here with the same Claws API as main-menu.c,
 * right after the plugin's "Set up an account automatically…".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "passwordstore.h"	/* passwd_store_get_account, PWS_ACCOUNT_RECV */
#include "password.h"		/* primary_passphrase_is_set */
#pragma GCC diagnostic pop

#include "checkup-apply.h"
#include "checkup-dialog.h"

#define MS_ACTION_CHECKUP "Configuration/MailsetupCheckup"
#define MS_ITEM_CHECKUP "MailsetupCheckup"
#define MS_CHECKUP_ANCHOR "/Menu/Configuration/MailsetupSetUp"
#define MS_CHECKUP_FALLBACK "/Menu/Configuration"

typedef struct _Dialog Dialog;

typedef struct {
	Dialog *d;
	MsClawsAccount *account;
	MsCheckupReport *report;
	GtkWidget *text;	/* the findings, in plain words */
	GtkWidget *button;	/* Make secure */
	GtkWidget *state;	/* what happened */
} Row;

struct _Dialog {
	gint refs;
	guint generation;
	GtkWidget *window;
	GtkWidget *box;		/* the rows */
	GtkWidget *status;	/* the checks' progress */
	GtkWidget *result;	/* what the last fix or undo did */
	GtkWidget *undo;
	GCancellable *cancellable;
	GPtrArray *rows;
	guint pending;
};

static Dialog *dialog;
static guint checkup_merge_id;

static void
row_free (Row *row)
{
	ms_claws_account_free (row->account);
	ms_checkup_report_free (row->report);
	g_free (row);
}

static Dialog *
dialog_ref (Dialog *d)
{
	d->refs++;
	return d;
}

static void
dialog_unref (Dialog *d)
{
	if (--d->refs > 0)
		return;
	g_clear_object (&d->cancellable);
	g_clear_pointer (&d->rows, g_ptr_array_unref);
	g_free (d);
}

/* ---------- one account's row ---------- */

static char *
server_line (const char *title, const MsServer *s)
{
	return g_strdup_printf (_("%s %s, port %u, %s"), title, ms_server_get_hostname (s),
	                        (guint) ms_server_get_port (s), ms_socket_type_describe (ms_server_get_socket_type (s)));
}

/* The proposed servers, a line each, after @indent. */
static void
append_servers (GString *text, const MsCheckupReport *r, const char *indent, gboolean signs_in_now)
{
	if (r->incoming) {
		g_autofree char *line = server_line (_("Incoming:"), r->incoming);
		g_string_append_printf (text, "%s%s", indent, line);
	}
	if (r->outgoing) {
		g_autofree char *line = server_line (_("Outgoing:"), r->outgoing);
		g_string_append_printf (text, "%s%s", indent, line);
		if (!signs_in_now)
			g_string_append_printf (text, " %s", _("(signing in)"));
	}
}

static guint
exceptions_to_remove (const MsCheckupReport *r)
{
	guint n = 0;

	for (guint i = 0; i < r->findings->len; i++)
		n += ((MsCheckupFinding *) r->findings->pdata[i])->exception != NULL;
	return n;
}

static gboolean
fixable (const MsCheckupReport *r)
{
	return r->incoming || r->outgoing || exceptions_to_remove (r) > 0;
}

static void
row_show (Row *row)
{
	const MsCheckupReport *r = row->report;
	g_autoptr (GString) text = g_string_new (NULL);

	if (r->findings->len == 0 && r->unfixed->len == 0) {
		gtk_label_set_text (GTK_LABEL (row->text), _("Secure: nothing to change."));
		gtk_widget_hide (row->button);
		return;
	}
	for (guint i = 0; i < r->findings->len; i++)
		g_string_append_printf (text, "• %s\n", ((MsCheckupFinding *) r->findings->pdata[i])->message);
	for (guint i = 0; i < r->unfixed->len; i++)
		g_string_append_printf (text, "• %s\n", ((MsCheckupFinding *) r->unfixed->pdata[i])->message);
	if (r->diagnosis) {
		g_autofree char *why = ms_diagnosis_explain (r->diagnosis);
		g_string_append_printf (text, "%s %s\n", _("The secure settings did not log in:"), why);
	}
	if (fixable (r)) {
		g_string_append (text, r->verified ? _("Proposed, and verified with your password:")
		                                   : _("Proposed:"));
		append_servers (text, r, "\n   ", row->account->smtp_auth);
	}
	while (text->len && text->str[text->len - 1] == '\n')
		g_string_truncate (text, text->len - 1);
	gtk_label_set_text (GTK_LABEL (row->text), text->str);
	gtk_widget_set_sensitive (row->button, fixable (r));
	gtk_widget_show (row->button);
}

static void start_checks (Dialog *d);

static void
set_status (Dialog *d, const char *text)
{
	gtk_label_set_text (GTK_LABEL (d->status), text);
	gtk_widget_set_sensitive (d->undo, ms_claws_checkup_can_undo ());
}

static void
set_result (Dialog *d, const char *text)
{
	gtk_label_set_text (GTK_LABEL (d->result), text);
	gtk_widget_set_sensitive (d->undo, ms_claws_checkup_can_undo ());
}

typedef struct {
	Dialog *d;
	guint generation;
	guint index;
} Job;

static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
	Job *job = data;
	Dialog *d = job->d;
	g_autoptr (GError) error = NULL;
	MsCheckupReport *report = ms_checkup_account_finish (result, &error);

	if (d->window == NULL || job->generation != d->generation) {
		ms_checkup_report_free (report);
	} else {
		Row *row = d->rows->pdata[job->index];
		if (report) {
			row->report = report;
			row_show (row);
		} else {
			gtk_label_set_text (GTK_LABEL (row->text), error->message);
		}
		if (--d->pending == 0)
			set_status (d, _("Every account was checked."));
		ms_debug ("check-up of account %d done\n", row->account->id);
	}
	dialog_unref (d);
	g_free (job);
}

/* ---------- make secure, after a yes ---------- */

typedef struct {
	Dialog *d;
	guint generation;
	guint index;
	GtkWidget *remove;	/* the check box, or NULL */
} Question;

static void
on_answer (GtkDialog *question, int response, gpointer data)
{
	Question *q = data;
	Dialog *d = q->d;
	gboolean remove = q->remove && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (q->remove));

	if (response == GTK_RESPONSE_YES && d->window && q->generation == d->generation) {
		Row *row = d->rows->pdata[q->index];
		const MsCheckupReport *r = row->report;
		g_autoptr (GPtrArray) paths = g_ptr_array_new ();
		g_autoptr (GError) error = NULL;

		for (guint i = 0; remove && i < r->findings->len; i++) {
			const MsCheckupFinding *f = r->findings->pdata[i];
			if (f->exception)
				g_ptr_array_add (paths, f->exception->path);
		}
		g_ptr_array_add (paths, NULL);
		if (ms_claws_checkup_apply (row->account->id, r->incoming, r->outgoing,
		                            (const char *const *) paths->pdata, &error) < 0) {
			gtk_label_set_text (GTK_LABEL (row->state), error->message);
		} else {
			g_autofree char *done = g_strdup_printf (_("“%s” was made secure."),
			                                         row->account->name ? row->account->name : "");
			start_checks (d);
			set_result (d, done);
		}
	}
	gtk_widget_destroy (GTK_WIDGET (question));
	dialog_unref (d);
	g_free (q);
}

static void
on_make_secure (GtkButton *button, gpointer data)
{
	Row *row = data;
	Dialog *d = row->d;
	const MsCheckupReport *r = row->report;
	g_autoptr (GString) text = g_string_new (NULL);
	guint n = exceptions_to_remove (r);
	Question *q = g_new0 (Question, 1);
	GtkWidget *question;

	g_string_append_printf (text, _("Change “%s” to these settings?"), row->account->name ? row->account->name : "");
	g_string_append (text, "\n");
	append_servers (text, r, "\n", row->account->smtp_auth);
	g_string_append_printf (text, "\n\n%s", _("Your password and folders stay as they are. The old settings are kept: “Undo” puts them back."));
	question = gtk_message_dialog_new (GTK_WINDOW (d->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", text->str);
	gtk_window_set_title (GTK_WINDOW (question), _("Make the account secure"));
	gtk_dialog_add_buttons (GTK_DIALOG (question), _("_Cancel"), GTK_RESPONSE_CANCEL,
	                        _("_Yes, make it secure"), GTK_RESPONSE_YES, NULL);
	gtk_dialog_set_default_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
	if (n > 0) {
		g_autofree char *label = g_strdup_printf (_("Also remove the certificate exceptions Claws Mail keeps for the old server (%u)"), n);
		q->remove = gtk_check_button_new_with_label (label);
		gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (q->remove), TRUE);
		gtk_box_pack_start (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (question))),
		                    q->remove, FALSE, FALSE, 0);
		gtk_widget_show (q->remove);
	}
	q->d = dialog_ref (d);
	q->generation = d->generation;
	q->index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ms-row"));
	/* Answered through "response", never gtk_dialog_run(): no nested main loop. */
	g_signal_connect (question, "response", G_CALLBACK (on_answer), q);
	gtk_widget_show (question);
}

static void
on_undo (GtkButton *button, gpointer data)
{
	Dialog *d = data;
	g_autoptr (GError) error = NULL;

	if (ms_claws_checkup_undo (&error) < 0) {
		set_result (d, error->message);
		return;
	}
	start_checks (d);
	set_result (d, _("The last change was undone: the account has its old settings again."));
}

/* ---------- the window ---------- */

/* The account's password, when Claws can give it without asking (no
 * primary passphrase, or one already given): the fix is then verified. */
static char *
stored_password (int id)
{
	if (primary_passphrase_is_set ())
		return NULL;
	return passwd_store_get_account (id, PWS_ACCOUNT_RECV);
}

static void
wipe (char *secret)
{
	if (secret) {
		memset (secret, 0, strlen (secret));
		g_free (secret);
	}
}

static void
add_row (Dialog *d, MsClawsAccount *account)
{
	Row *row = g_new0 (Row, 1);
	GtkWidget *frame, *vbox, *hbox;
	g_autofree char *title = g_strdup_printf ("%s (%s)", account->name ? account->name : "",
	                                          account->address ? account->address : "");

	row->d = d;
	row->account = account;
	frame = gtk_frame_new (title);
	vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	gtk_container_set_border_width (GTK_CONTAINER (vbox), 8);
	row->text = gtk_label_new (_("Checking…"));
	gtk_label_set_line_wrap (GTK_LABEL (row->text), TRUE);
	gtk_label_set_max_width_chars (GTK_LABEL (row->text), 80);
	gtk_label_set_xalign (GTK_LABEL (row->text), 0);
	gtk_label_set_selectable (GTK_LABEL (row->text), FALSE);
	hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
	row->button = gtk_button_new_with_mnemonic (_("_Make secure…"));
	gtk_widget_set_sensitive (row->button, FALSE);
	g_object_set_data (G_OBJECT (row->button), "ms-row", GUINT_TO_POINTER (d->rows->len));
	g_signal_connect (row->button, "clicked", G_CALLBACK (on_make_secure), row);
	row->state = gtk_label_new (NULL);
	gtk_label_set_line_wrap (GTK_LABEL (row->state), TRUE);
	gtk_box_pack_start (GTK_BOX (hbox), row->button, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (hbox), row->state, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), row->text, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), hbox, FALSE, FALSE, 0);
	gtk_container_add (GTK_CONTAINER (frame), vbox);
	gtk_box_pack_start (GTK_BOX (d->box), frame, FALSE, FALSE, 0);
	gtk_widget_show_all (frame);
	g_ptr_array_add (d->rows, row);
}

/* (Re)reads the accounts from disk and checks each, a new generation. */
static void
start_checks (Dialog *d)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) accounts = NULL;
	GList *children;

	if (d->cancellable)
		g_cancellable_cancel (d->cancellable);
	g_clear_object (&d->cancellable);
	d->cancellable = g_cancellable_new ();
	d->generation++;
	d->pending = 0;
	children = gtk_container_get_children (GTK_CONTAINER (d->box));
	for (GList *l = children; l; l = l->next)
		gtk_widget_destroy (l->data);
	g_list_free (children);
	g_ptr_array_set_size (d->rows, 0);

	accounts = ms_checkup_accounts_load (get_rc_dir (), NULL, &error);
	if (accounts == NULL) {
		set_status (d, error->message);
		return;
	}
	while (accounts->len > 0) {
		MsClawsAccount *a = g_ptr_array_steal_index (accounts, 0);
		g_autoptr (MsCheckupOptions) options = NULL;
		char *password;
		Job *job;

		if (a->incoming == NULL) {
			ms_claws_account_free (a);	/* local and news accounts: nothing to check */
			continue;
		}
		add_row (d, a);
		options = ms_checkup_options_new ();
		password = stored_password (a->id);
		ms_checkup_options_set_password (options, password);
		wipe (password);
		job = g_new0 (Job, 1);
		job->d = dialog_ref (d);
		job->generation = d->generation;
		job->index = d->rows->len - 1;
		d->pending++;
		ms_checkup_account_async (a, options, d->cancellable, on_checked, job);
	}
	set_status (d, d->pending ? _("Checking your accounts…") : _("Claws Mail has no mail account to check."));
}

static void
on_destroy (GtkWidget *window, gpointer data)
{
	Dialog *d = data;

	g_cancellable_cancel (d->cancellable);
	d->window = NULL;
	if (dialog == d)
		dialog = NULL;
	ms_debug ("check-up closed\n");
	dialog_unref (d);
}

void
ms_claws_checkup_open (void)
{
	Dialog *d;
	GtkWidget *vbox, *scroll, *buttons, *close, *intro;

	if (dialog) {
		gtk_window_present (GTK_WINDOW (dialog->window));
		return;
	}
	d = g_new0 (Dialog, 1);
	d->refs = 1;
	d->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
	d->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title (GTK_WINDOW (d->window), _("Check my accounts"));
	gtk_window_set_default_size (GTK_WINDOW (d->window), 720, 520);
	if (mainwindow_get_mainwindow ())
		gtk_window_set_transient_for (GTK_WINDOW (d->window), GTK_WINDOW (mainwindow_get_mainwindow ()->window));
	vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
	gtk_container_set_border_width (GTK_CONTAINER (vbox), 12);
	intro = gtk_label_new (_("Each account's servers are checked as the assistant checks new ones. Nothing is changed unless you say yes."));
	gtk_label_set_line_wrap (GTK_LABEL (intro), TRUE);
	gtk_label_set_xalign (GTK_LABEL (intro), 0);
	scroll = gtk_scrolled_window_new (NULL, NULL);
	gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	d->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
	gtk_container_add (GTK_CONTAINER (scroll), d->box);
	d->status = gtk_label_new (NULL);
	gtk_label_set_xalign (GTK_LABEL (d->status), 0);
	gtk_label_set_line_wrap (GTK_LABEL (d->status), TRUE);
	d->result = gtk_label_new (NULL);
	gtk_label_set_xalign (GTK_LABEL (d->result), 0);
	gtk_label_set_line_wrap (GTK_LABEL (d->result), TRUE);
	buttons = gtk_button_box_new (GTK_ORIENTATION_HORIZONTAL);
	gtk_button_box_set_layout (GTK_BUTTON_BOX (buttons), GTK_BUTTONBOX_END);
	gtk_box_set_spacing (GTK_BOX (buttons), 6);
	d->undo = gtk_button_new_with_mnemonic (_("_Undo the last change"));
	close = gtk_button_new_with_mnemonic (_("_Close"));
	g_signal_connect (d->undo, "clicked", G_CALLBACK (on_undo), d);
	g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_widget_destroy), d->window);
	gtk_container_add (GTK_CONTAINER (buttons), d->undo);
	gtk_container_add (GTK_CONTAINER (buttons), close);
	gtk_box_pack_start (GTK_BOX (vbox), intro, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), scroll, TRUE, TRUE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), d->status, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), d->result, FALSE, FALSE, 0);
	gtk_box_pack_start (GTK_BOX (vbox), buttons, FALSE, FALSE, 0);
	gtk_container_add (GTK_CONTAINER (d->window), vbox);
	g_signal_connect (d->window, "destroy", G_CALLBACK (on_destroy), d);
	dialog = d;
	start_checks (d);
	gtk_widget_show_all (d->window);
	ms_debug ("check-up opened\n");
}

void
ms_claws_checkup_done (void)
{
	if (dialog)
		gtk_widget_destroy (dialog->window);
}

/* ---------- the menu item ---------- */

static void
checkup_activated (GtkAction *action, gpointer data)
{
	ms_claws_checkup_open ();
}

void
ms_claws_checkup_menu_init (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();
	GtkAction *action;
	const char *path;

	if (mainwin == NULL || checkup_merge_id != 0)
		return;
	action = gtk_action_new (MS_ACTION_CHECKUP, _("Check my accounts…"),
	                         _("Check that the existing accounts are as secure as they can be"), NULL);
	g_signal_connect (action, "activate", G_CALLBACK (checkup_activated), mainwin);
	gtk_action_group_add_action (mainwin->action_group, action);
	g_object_unref (action);
	path = gtk_ui_manager_get_widget (mainwin->ui_manager, MS_CHECKUP_ANCHOR) != NULL
		? MS_CHECKUP_ANCHOR : MS_CHECKUP_FALLBACK;
	MENUITEM_ADDUI_ID_MANAGER (mainwin->ui_manager, path, MS_ITEM_CHECKUP,
				   MS_ACTION_CHECKUP, GTK_UI_MANAGER_MENUITEM, checkup_merge_id)
	gtk_ui_manager_ensure_update (mainwin->ui_manager);
}

void
ms_claws_checkup_menu_done (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();

	if (mainwin != NULL && checkup_merge_id != 0) {
		MENUITEM_REMUI_MANAGER (mainwin->ui_manager, mainwin->action_group,
					MS_ACTION_CHECKUP, checkup_merge_id)
		gtk_ui_manager_ensure_update (mainwin->ui_manager);
	}
	checkup_merge_id = 0;
}
