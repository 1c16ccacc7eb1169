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
#include "settings.h"

enum { PAGE_ACCOUNT, PAGE_PROGRESS, PAGE_RESULT, PAGE_DONE };

typedef struct _Wizard Wizard;

typedef struct {
	Wizard *wizard;		/* NULL once detached: nothing to report to */
	GCancellable *cancellable;
	MsAddress *address;
} Run;

/* How a row of the progress page looks: busy (spinner), or done with an
 * icon. The state is always in words as well: colour is not enough. */
typedef enum { LOOK_BUSY, LOOK_OK, LOOK_NONE, LOOK_FAILED } Look;

typedef struct {
	GtkWidget *row, *spinner, *icon, *state, *detail;
	char *what;
	Look look;
	Look answer;		/* discovery: the last answer, if any (else BUSY) */
	gboolean found;		/* discovery: this source found servers */
} Row;

struct _Wizard {
	GtkWidget *window;	/* the GtkAssistant */
	GtkWidget *pages[PAGE_DONE + 1];
	/* the account */
	GtkWidget *name, *address, *address_error, *password, *show_password;
	/* the search */
	GtkWidget *progress_heading, *rows_box;
	GHashTable *rows;	/* key → Row */
	/* the result */
	GtkWidget *content_box, *confirm_box, *apply_note, *save_error;
	GtkWidget *incoming_label, *imap_choice, *confirm;
	const MsServer *imap, *pop;	/* both work: the choice (owned by result) */
	GtkWidget *back, *retry, *cancel, *apply;
	/* the end */
	GtkWidget *done_label;
	GtkWidget *question;	/* "update the existing account?" */
	Run *run;
	MsAddress *run_address;	/* the address the result is about */
	MsVerifyResult *result;
	char *failure;		/* a search that ended in an error, not a diagnosis */
};

static Wizard *wizard;

/* --- small helpers --- */

static void
set_accessible (GtkWidget *widget, const char *name, const char *description)
{
	AtkObject *a = gtk_widget_get_accessible (widget);

	if (name != NULL)
		atk_object_set_name (a, name);
	if (description != NULL)
		atk_object_set_description (a, description);
}

static GtkWidget *
text_label (const char *text)
{
	GtkWidget *l = gtk_label_new (text);

	gtk_label_set_line_wrap (GTK_LABEL (l), TRUE);
	gtk_label_set_xalign (GTK_LABEL (l), 0.0);
	gtk_label_set_max_width_chars (GTK_LABEL (l), 70);
	return l;
}

static GtkWidget *
markup_label (const char *markup)
{
	GtkWidget *l = text_label (NULL);

	gtk_label_set_markup (GTK_LABEL (l), markup);
	return l;
}

static void
add_css_class (GtkWidget *widget, const char *name)
{
	gtk_style_context_add_class (gtk_widget_get_style_context (widget), name);
}

static void
clear_container (GtkWidget *container)
{
	GList *children = gtk_container_get_children (GTK_CONTAINER (container));

	for (GList *l = children; l != NULL; l = l->next)
		gtk_widget_destroy (l->data);
	g_list_free (children);
}

static char *
protocol_name (const MsServer *s)
{
	return g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
}

static const char *
security_words (MsSocketType t)
{
	switch (t) {
	case MS_SOCKET_TLS: return _("encrypted");
	case MS_SOCKET_STARTTLS: return _("encrypted (STARTTLS)");
	case MS_SOCKET_PLAIN: return _("NOT encrypted");
	}
	return "";
}

static const char *
source_words (MsSource source)
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

static void
run_free (Run *run)
{
	g_clear_object (&run->cancellable);
	g_clear_pointer (&run->address, ms_address_unref);
	g_free (run);
}

/* Stops the current search at once: nothing it does afterwards reaches
 * the wizard. Safe when nothing runs. */
static void
stop_search (Wizard *w)
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
static Wizard *
run_wizard (Run *run)
{
	if (run->wizard == NULL || g_cancellable_is_cancelled (run->cancellable))
		return NULL;
	return run->wizard;
}

/* --- the progress page's rows --- */

static void
row_free (gpointer data)
{
	Row *r = data;

	g_free (r->what);
	g_free (r);
}

static Row *
row_get (Wizard *w, const char *key, const char *what)
{
	Row *r = g_hash_table_lookup (w->rows, key);
	GtkWidget *grid, *label;

	if (r != NULL)
		return r;
	r = g_new0 (Row, 1);
	r->what = g_strdup (what);
	r->row = gtk_list_box_row_new ();
	gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (r->row), FALSE);
	grid = gtk_grid_new ();
	gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
	g_object_set (grid, "margin", 6, NULL);
	r->spinner = gtk_spinner_new ();
	r->icon = gtk_image_new ();
	gtk_widget_set_no_show_all (r->icon, TRUE);
	gtk_widget_set_no_show_all (r->spinner, TRUE);
	gtk_grid_attach (GTK_GRID (grid), r->spinner, 0, 0, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), r->icon, 0, 0, 1, 1);
	label = gtk_label_new (what);
	gtk_label_set_xalign (GTK_LABEL (label), 0.0);
	gtk_widget_set_hexpand (label, TRUE);
	gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);
	r->state = gtk_label_new (NULL);
	gtk_label_set_xalign (GTK_LABEL (r->state), 1.0);
	gtk_grid_attach (GTK_GRID (grid), r->state, 2, 0, 1, 1);
	r->detail = text_label (NULL);
	add_css_class (r->detail, "dim-label");
	gtk_grid_attach (GTK_GRID (grid), r->detail, 1, 1, 2, 1);
	gtk_container_add (GTK_CONTAINER (r->row), grid);
	gtk_container_add (GTK_CONTAINER (w->rows_box), r->row);
	gtk_widget_show_all (r->row);
	g_hash_table_insert (w->rows, g_strdup (key), r);
	return r;
}

static void
row_set (Row *r, Look look, const char *state, const char *detail)
{
	static const char *const icons[] = {
		[LOOK_OK] = "object-select-symbolic",
		[LOOK_NONE] = "action-unavailable-symbolic",
		[LOOK_FAILED] = "dialog-warning-symbolic",
	};
	g_autofree char *name = NULL;

	r->look = look;
	if (look == LOOK_BUSY) {
		gtk_widget_hide (r->icon);
		gtk_widget_show (r->spinner);
		gtk_spinner_start (GTK_SPINNER (r->spinner));
	} else {
		gtk_spinner_stop (GTK_SPINNER (r->spinner));
		gtk_widget_hide (r->spinner);
		gtk_image_set_from_icon_name (GTK_IMAGE (r->icon), icons[look], GTK_ICON_SIZE_MENU);
		gtk_widget_show (r->icon);
	}
	if (state != NULL)
		gtk_label_set_text (GTK_LABEL (r->state), state);
	if (detail != NULL)
		gtk_label_set_text (GTK_LABEL (r->detail), detail);
	/* TRANSLATORS: a row of the progress page as a screen reader says
	 * it: "Thunderbird’s provider database: found". */
	name = g_strdup_printf (_("%s: %s"), r->what, gtk_label_get_text (GTK_LABEL (r->state)));
	set_accessible (r->row, name, gtk_label_get_text (GTK_LABEL (r->detail)));
}

static void
rows_clear (Wizard *w)
{
	clear_container (w->rows_box);
	g_hash_table_remove_all (w->rows);
}

/* Rows still busy when a phase ends: those that had an answer keep it,
 * the others say why they stopped (@state, @detail). */
static void
rows_settle (Wizard *w, const char *state, const char *detail)
{
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init (&iter, w->rows);
	while (g_hash_table_iter_next (&iter, NULL, &value)) {
		Row *r = value;
		if (r->look != LOOK_BUSY)
			continue;
		if (r->answer != LOOK_BUSY)
			row_set (r, r->answer, NULL, NULL);
		else
			row_set (r, LOOK_NONE, state, detail);
	}
}

/* Discovery says when a source starts and each answer it gets, not when
 * it has no more to try: until discovery ends, a row keeps its spinner
 * and shows the latest answer; found is final. */
static void
on_discovery_event (const MsDiscoveryEvent *e, gpointer data)
{
	Wizard *w = run_wizard (data);
	g_autofree char *key = NULL;
	Row *r;

	if (w == NULL)
		return;
	key = g_strdup_printf ("source %s", ms_source_to_string (e->source));
	r = row_get (w, key, source_words (e->source));
	if (r->found)
		return;
	switch (e->state) {
	case MS_DISCOVERY_STATE_SEARCHING:
		row_set (r, LOOK_BUSY, _("searching…"), e->message);
		break;
	case MS_DISCOVERY_STATE_FOUND:
		r->found = TRUE;
		row_set (r, LOOK_OK, _("found"), e->message);
		break;
	case MS_DISCOVERY_STATE_NOTHING:
		r->answer = LOOK_NONE;
		row_set (r, LOOK_BUSY, _("nothing"), e->message);
		break;
	case MS_DISCOVERY_STATE_FAILED:
		r->answer = LOOK_FAILED;
		row_set (r, LOOK_BUSY, _("failed"), e->message);
		break;
	}
}

static void
on_verify_event (const MsVerifyEvent *e, gpointer data)
{
	Wizard *w = run_wizard (data);
	g_autofree char *key = NULL, *what = NULL, *protocol = NULL;
	const char *state = NULL;
	Look look = LOOK_BUSY;
	gboolean message = e->step == MS_VERIFY_STEP_SEND || e->step == MS_VERIFY_STEP_RECEIVE;

	if (w == NULL)
		return;
	if (message) {
		key = g_strdup ("test message");
		what = g_strdup (_("Test message to yourself"));
	} else {
		protocol = protocol_name (e->server);
		key = g_strdup_printf ("server %s %s:%u", protocol, e->host, ms_server_get_port (e->server));
		/* TRANSLATORS: "IMAP server mail.example.fr, port 993" */
		what = g_strdup_printf (_("%s server %s, port %u"), protocol, e->host,
					(guint) ms_server_get_port (e->server));
	}
	switch (e->state) {
	case MS_VERIFY_STATE_STARTED:
		switch (e->step) {
		case MS_VERIFY_STEP_CONNECT: state = _("connecting…"); break;
		case MS_VERIFY_STEP_LOGIN: state = _("logging in…"); break;
		case MS_VERIFY_STEP_SEND: state = _("sending…"); break;
		case MS_VERIFY_STEP_RECEIVE: state = _("waiting for it…"); break;
		}
		break;
	case MS_VERIFY_STATE_OK:
		switch (e->step) {
		case MS_VERIFY_STEP_CONNECT: state = _("connected"); break;
		case MS_VERIFY_STEP_LOGIN: state = _("verified"); look = LOOK_OK; break;
		case MS_VERIFY_STEP_SEND: state = _("sent"); break;
		case MS_VERIFY_STEP_RECEIVE: state = _("arrived"); look = LOOK_OK; break;
		}
		break;
	case MS_VERIFY_STATE_FAILED:
		state = _("failed");
		look = LOOK_FAILED;
		break;
	}
	row_set (row_get (w, key, what), look, state, e->message);
}

/* --- the result page --- */

static const MsServer *
chosen_incoming (Wizard *w)
{
	if (w->imap_choice == NULL)
		return ms_verify_result_get_incoming (w->result);
	return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w->imap_choice)) ? w->imap : w->pop;
}

static char *
server_sentence (const MsServer *s, gboolean incoming)
{
	g_autofree char *protocol = protocol_name (s);
	const char *security = security_words (ms_server_get_socket_type (s));
	guint port = ms_server_get_port (s);

	if (incoming)
		/* TRANSLATORS: "Incoming mail: IMAP at mail.example.fr, port 993, encrypted." */
		return g_strdup_printf (_("Incoming mail: %s at %s, port %u, %s."), protocol,
					ms_server_get_hostname (s), port, security);
	/* TRANSLATORS: "Outgoing mail: SMTP at mail.example.fr, port 465, encrypted." */
	return g_strdup_printf (_("Outgoing mail: %s at %s, port %u, %s."), protocol,
				ms_server_get_hostname (s), port, security);
}

static void
update_apply (Wizard *w)
{
	gboolean ok = w->result != NULL && ms_verify_result_is_verified (w->result)
		&& (w->confirm == NULL || gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w->confirm)));

	gtk_widget_set_sensitive (w->apply, ok);
	if (ok)
		gtk_widget_grab_default (w->apply);
}

static gboolean
same_host (gconstpointer a, gconstpointer b)
{
	return g_ascii_strcasecmp (a, b) == 0;
}

/* The servers that need the user's word, as a question to tick. */
static void
update_confirmation (Wizard *w)
{
	const MsServer *servers[] = { chosen_incoming (w), ms_verify_result_get_outgoing (w->result) };
	g_autoptr (GPtrArray) reasons = g_ptr_array_new ();
	g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
	g_autofree char *heading = NULL, *host_list = NULL, *check_text = NULL;

	clear_container (w->confirm_box);
	w->confirm = NULL;
	for (guint i = 0; i < G_N_ELEMENTS (servers); i++) {
		const char *why = servers[i] ? ms_server_get_confirmation (servers[i]) : NULL;
		const char *host = servers[i] ? ms_server_get_hostname (servers[i]) : NULL;
		if (why == NULL)
			continue;
		if (!g_ptr_array_find_with_equal_func (reasons, why, g_str_equal, NULL))
			g_ptr_array_add (reasons, (gpointer) why);
		if (!g_ptr_array_find_with_equal_func (hosts, host, same_host, NULL))
			g_ptr_array_add (hosts, (gpointer) host);
	}
	if (reasons->len == 0) {
		gtk_widget_hide (w->confirm_box);
		update_apply (w);
		return;
	}
	heading = g_markup_printf_escaped ("<b>%s</b>", _("Please confirm"));
	gtk_container_add (GTK_CONTAINER (w->confirm_box), markup_label (heading));
	for (guint i = 0; i < reasons->len; i++) {
		/* TRANSLATORS: one reason to confirm a server, as a list item. */
		g_autofree char *item = g_strdup_printf (_("• %s"), (const char *) reasons->pdata[i]);
		gtk_container_add (GTK_CONTAINER (w->confirm_box), text_label (item));
	}
	g_ptr_array_add (hosts, NULL);
	host_list = g_strjoinv (", ", (char **) hosts->pdata);
	/* TRANSLATORS: the question the user must tick before Apply;
	 * %s is one host name or several, separated by commas. */
	check_text = g_strdup_printf (_("_Yes, use %s for this account"), host_list);
	w->confirm = gtk_check_button_new_with_mnemonic (check_text);
	set_accessible (w->confirm, NULL, _("Apply stays unavailable until this is ticked"));
	g_signal_connect_swapped (w->confirm, "toggled", G_CALLBACK (update_apply), w);
	gtk_container_add (GTK_CONTAINER (w->confirm_box), w->confirm);
	gtk_widget_show_all (w->confirm_box);
	update_apply (w);
}

static void
on_choice_toggled (GtkToggleButton *button, Wizard *w)
{
	g_autofree char *sentence = server_sentence (chosen_incoming (w), TRUE);

	gtk_label_set_text (GTK_LABEL (w->incoming_label), sentence);
	update_confirmation (w);
}

static void
add_text (Wizard *w, const char *text)
{
	gtk_container_add (GTK_CONTAINER (w->content_box), text_label (text));
}

static void
add_markup (Wizard *w, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_markup (Wizard *w, const char *format, ...)
{
	va_list args;
	g_autofree char *m = NULL;

	va_start (args, format);
	m = g_markup_vprintf_escaped (format, args);
	va_end (args);
	gtk_container_add (GTK_CONTAINER (w->content_box), markup_label (m));
}

/* IMAP or POP3, when both work: IMAP first, chosen and recommended. */
static void
add_choice (Wizard *w)
{
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *question, *pop;
	g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("How should Claws Mail fetch your mail?"));

	question = markup_label (m);
	gtk_container_add (GTK_CONTAINER (box), question);
	w->imap_choice = gtk_radio_button_new_with_mnemonic (NULL, _("_IMAP (recommended)"));
	pop = gtk_radio_button_new_with_mnemonic_from_widget (GTK_RADIO_BUTTON (w->imap_choice), _("_POP3"));
	gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w->imap_choice), TRUE);
	g_signal_connect (w->imap_choice, "toggled", G_CALLBACK (on_choice_toggled), w);
	gtk_container_add (GTK_CONTAINER (box), w->imap_choice);
	gtk_container_add (GTK_CONTAINER (box), pop);
	gtk_container_add (GTK_CONTAINER (box),
		text_label (_("IMAP keeps your mail on the server, so that this computer, your phone "
			      "and webmail all show the same messages and folders; POP3 downloads it "
			      "to this computer only.")));
	set_accessible (box, _("How should Claws Mail fetch your mail?"), NULL);
	gtk_container_add (GTK_CONTAINER (w->content_box), box);
}

static void
build_success (Wizard *w)
{
	const MsVerifyResult *v = w->result;
	const MsServer *incoming = ms_verify_result_get_incoming (v);
	const MsServer *other = ms_verify_result_get_other_incoming (v);
	const char *user = ms_verify_result_get_username (v);
	const char *address = ms_address_get_address (w->run_address);
	g_autofree char *in = NULL, *out = NULL, *user_text = NULL, *test_text = NULL;
	gint64 delay = 0;
	MsSendTest test = ms_verify_result_get_send_test (v, &delay);

	add_markup (w, "<big><b>%s</b></big>", _("Your account works."));
	if (other != NULL) {
		gboolean imap_first = ms_server_get_protocol (incoming) == MS_PROTOCOL_IMAP;
		w->imap = imap_first ? incoming : other;
		w->pop = imap_first ? other : incoming;
		incoming = w->imap;
	}
	in = server_sentence (incoming, TRUE);
	w->incoming_label = text_label (in);
	gtk_container_add (GTK_CONTAINER (w->content_box), w->incoming_label);
	out = server_sentence (ms_verify_result_get_outgoing (v), FALSE);
	add_text (w, out);
	if (user == NULL)
		user_text = NULL;
	else if (strcmp (user, address) == 0)
		user_text = g_strdup_printf (_("Your user name is your full address, %s."), user);
	else if (strcmp (user, ms_address_get_local_part (w->run_address)) == 0)
		user_text = g_strdup_printf (_("Your user name is the part of your address before the “@”: %s."), user);
	else
		user_text = g_strdup_printf (_("Your user name is %s."), user);
	if (user_text != NULL)
		add_text (w, user_text);
	if (test == MS_SEND_TEST_DELIVERED)
		test_text = g_strdup_printf (_("A test message sent to yourself reached your inbox in %.1f s, "
					       "and was then deleted."), delay / 1e6);
	else if (test == MS_SEND_TEST_SKIPPED)
		test_text = g_strdup (_("No test message was sent."));
	if (test_text != NULL)
		add_text (w, test_text);
	if (other != NULL)
		add_choice (w);
}

static void
build_failure (Wizard *w)
{
	const MsDiagnosis *d = w->result ? ms_verify_result_get_diagnosis (w->result) : NULL;

	add_markup (w, "<big><b>%s</b></big>", _("Your account does not work yet."));
	if (d != NULL) {
		g_autofree char *explain = ms_diagnosis_explain (d);
		g_autofree char *next = ms_diagnosis_next_step (d);
		add_markup (w, "<b>%s</b> %s", _("What happened:"), explain);
		add_markup (w, "<b>%s</b> %s", _("What you can do:"), next);
	} else {
		add_markup (w, "<b>%s</b> %s", _("What happened:"),
			    w->failure ? w->failure : _("The check stopped without an answer."));
	}
	add_text (w, _("Go back to correct the address or the password, or try again."));
}

static void
build_result (Wizard *w)
{
	gboolean verified = w->result != NULL && ms_verify_result_is_verified (w->result);

	clear_container (w->content_box);
	clear_container (w->confirm_box);
	w->incoming_label = w->imap_choice = w->confirm = NULL;
	w->imap = w->pop = NULL;
	gtk_label_set_text (GTK_LABEL (w->save_error), "");
	gtk_widget_hide (w->save_error);
	if (verified)
		build_success (w);
	else
		build_failure (w);
	gtk_widget_show_all (w->content_box);
	gtk_widget_set_visible (w->apply_note, verified);
	if (verified)
		update_confirmation (w);
	else
		gtk_widget_hide (w->confirm_box);
	gtk_widget_set_visible (w->apply, verified);
	gtk_widget_set_visible (w->retry, !verified);
	update_apply (w);
	if (!verified)
		gtk_widget_grab_default (w->retry);
}

/* The search ended (or failed): show what it proved. */
static void
show_result (Wizard *w)
{
	GtkAssistant *a = GTK_ASSISTANT (w->window);

	build_result (w);
	gtk_assistant_next_page (a);
}

/* --- the search --- */

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *run = data;
	Wizard *w = run_wizard (run);
	g_autoptr (GError) error = NULL;
	MsVerifyResult *v = ms_verify_finish (result, &error);

	if (w == NULL) {
		g_clear_pointer (&v, ms_verify_result_unref);
		run_free (run);
		return;
	}
	w->run = NULL;
	rows_settle (w, NULL, NULL);
	g_clear_pointer (&w->result, ms_verify_result_unref);
	g_clear_pointer (&w->failure, g_free);
	w->result = v;
	if (v == NULL)
		w->failure = g_strdup (error ? error->message : "");
	run_free (run);
	show_result (w);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *run = data;
	Wizard *w = run_wizard (run);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) config = ms_discover_finish (result, &error);
	g_autoptr (MsVerifyOptions) options = NULL;
	g_autofree char *heading = NULL;

	if (w == NULL) {
		run_free (run);
		return;
	}
	if (config != NULL)
		rows_settle (w, _("stopped"), _("Not needed: other sources answered first."));
	else
		rows_settle (w, _("stopped"), _("No answer in time."));
	/* Nothing found is a diagnosis too (no such domain, no mail
	 * server): verifying nothing gives it, as the command line does. */
	if (config == NULL && g_error_matches (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER))
		config = ms_config_new ();
	if (config == NULL) {
		w->run = NULL;
		g_clear_pointer (&w->result, ms_verify_result_unref);
		g_free (w->failure);
		w->failure = g_strdup (error->message);
		run_free (run);
		show_result (w);
		return;
	}
	heading = g_strdup_printf (_("Checking the servers of %s with your password…"),
				   ms_address_get_address (run->address));
	gtk_label_set_text (GTK_LABEL (w->progress_heading), heading);
	/* The user's choices (Preferences → Plugins → Mail setup). */
	options = ms_claws_settings_verify_options ();
	ms_verify_async (run->address, config, gtk_entry_get_text (GTK_ENTRY (w->password)), options,
			 on_verify_event, run, NULL, run->cancellable, on_verified, run);
}

static void
start_search (Wizard *w)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) address = ms_address_parse (gtk_entry_get_text (GTK_ENTRY (w->address)), &error);
	g_autofree char *heading = NULL;
	Run *run;

	stop_search (w);
	rows_clear (w);
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
	heading = g_strdup_printf (_("Looking for the servers of %s…"), ms_address_get_address (address));
	gtk_label_set_text (GTK_LABEL (w->progress_heading), heading);
	ms_debug ("search for %s started\n", ms_address_get_address (address));
	g_autoptr (MsDiscoveryOptions) options = ms_claws_settings_discovery_options ();
	ms_discover_async (address, options, on_discovery_event, run, NULL, run->cancellable, on_discovered, run);
}

/* --- the account page --- */

static void
on_account_changed (Wizard *w)
{
	const char *text = gtk_entry_get_text (GTK_ENTRY (w->address));
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) address = NULL;
	gboolean ok;

	/* No complaint before anything is typed. */
	if (*text != '\0')
		address = ms_address_parse (text, &error);
	gtk_label_set_text (GTK_LABEL (w->address_error), error ? error->message : "");
	set_accessible (w->address, NULL, error ? error->message : "");
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
		text_label (_("Type your email address and its password. Claws Mail then finds "
			      "the servers, checks that they can be trusted, and proves that the "
			      "password works before it creates the account.")), 0, 0, 2, 1);

	w->name = gtk_entry_new ();
	set_accessible (w->name, _("Your name"), _("As the people you write to will see it"));
	if (real_name != NULL && strcmp (real_name, "Unknown") != 0)
		gtk_entry_set_text (GTK_ENTRY (w->name), real_name);
	gtk_entry_set_activates_default (GTK_ENTRY (w->name), TRUE);
	gtk_widget_set_hexpand (w->name, TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("Your _name:"), w->name), 0, 1, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->name, 1, 1, 1, 1);

	w->address = gtk_entry_new ();
	set_accessible (w->address, _("Email address"), NULL);
	gtk_entry_set_input_purpose (GTK_ENTRY (w->address), GTK_INPUT_PURPOSE_EMAIL);
	gtk_entry_set_placeholder_text (GTK_ENTRY (w->address), _("you@example.org"));
	gtk_entry_set_activates_default (GTK_ENTRY (w->address), TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("_Email address:"), w->address), 0, 2, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->address, 1, 2, 1, 1);
	w->address_error = text_label (NULL);
	add_css_class (w->address_error, "dim-label");
	atk_object_add_relationship (gtk_widget_get_accessible (w->address), ATK_RELATION_DESCRIBED_BY,
				     gtk_widget_get_accessible (w->address_error));
	gtk_grid_attach (GTK_GRID (grid), w->address_error, 1, 3, 1, 1);

	w->password = gtk_entry_new ();
	set_accessible (w->password, _("Password"), _("The password of this mailbox"));
	gtk_entry_set_visibility (GTK_ENTRY (w->password), FALSE);
	gtk_entry_set_input_purpose (GTK_ENTRY (w->password), GTK_INPUT_PURPOSE_PASSWORD);
	gtk_entry_set_activates_default (GTK_ENTRY (w->password), TRUE);
	gtk_grid_attach (GTK_GRID (grid), field_label (_("_Password:"), w->password), 0, 4, 1, 1);
	gtk_grid_attach (GTK_GRID (grid), w->password, 1, 4, 1, 1);
	w->show_password = gtk_check_button_new_with_mnemonic (_("_Show the password"));
	gtk_grid_attach (GTK_GRID (grid), w->show_password, 1, 5, 1, 1);

	g_signal_connect_swapped (w->address, "changed", G_CALLBACK (on_account_changed), w);
	g_signal_connect_swapped (w->password, "changed", G_CALLBACK (on_account_changed), w);
	g_signal_connect (w->show_password, "toggled", G_CALLBACK (on_show_password), w);
	set_accessible (grid, _("Your account"), NULL);
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
	w->progress_heading = text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->progress_heading);
	w->rows_box = gtk_list_box_new ();
	gtk_list_box_set_selection_mode (GTK_LIST_BOX (w->rows_box), GTK_SELECTION_NONE);
	set_accessible (w->rows_box, _("Progress"), NULL);
	gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type (GTK_SCROLLED_WINDOW (scrolled), GTK_SHADOW_IN);
	gtk_widget_set_vexpand (scrolled, TRUE);
	gtk_container_add (GTK_CONTAINER (scrolled), w->rows_box);
	g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), "changed",
			  G_CALLBACK (follow_bottom), NULL);
	gtk_container_add (GTK_CONTAINER (box), scrolled);
	gtk_container_add (GTK_CONTAINER (box),
		text_label (_("Cancel stops the search at once and brings you back to your address.")));
	set_accessible (box, _("Finding your servers"), NULL);
	return box;
}

static GtkWidget *
build_result_page (Wizard *w)
{
	GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

	g_object_set (box, "margin", 12, NULL);
	w->content_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	set_accessible (w->content_box, _("Result"), NULL);
	gtk_container_add (GTK_CONTAINER (box), w->content_box);
	w->confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	set_accessible (w->confirm_box, _("Please confirm"), NULL);
	gtk_container_add (GTK_CONTAINER (box), w->confirm_box);
	w->apply_note = text_label (_("Apply creates the account in Claws Mail with these settings."));
	gtk_container_add (GTK_CONTAINER (box), w->apply_note);
	w->save_error = text_label (NULL);
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
	w->done_label = text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->done_label);
	gtk_container_add (GTK_CONTAINER (box),
		text_label (_("Claws Mail keeps the password in its password store. Without a primary "
			      "passphrase the store only hides it: to have it encrypted, set one in "
			      "Configuration → Preferences → Other → Miscellaneous.")));
	set_accessible (box, _("Done"), NULL);
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
		.incoming = chosen_incoming (w),
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
	set_accessible (d, _("Update the account?"), NULL);
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
	default: return -1;
	}
}

static void
on_prepare (GtkAssistant *a, GtkWidget *page, Wizard *w)
{
	gboolean result = page == w->pages[PAGE_RESULT];

	gtk_widget_set_visible (w->back, result);
	gtk_widget_set_visible (w->cancel, result);
	if (!result) {
		gtk_widget_hide (w->apply);
		gtk_widget_hide (w->retry);
	}
	if (page == w->pages[PAGE_ACCOUNT]) {
		/* Back, or Cancel, from the search: it stops. */
		stop_search (w);
		g_clear_pointer (&w->result, ms_verify_result_unref);
		g_clear_pointer (&w->failure, g_free);
	} else if (page == w->pages[PAGE_PROGRESS]) {
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
		stop_search (w);
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
on_retry (GtkButton *button, Wizard *w)
{
	GtkAssistant *a = GTK_ASSISTANT (w->window);

	gtk_assistant_previous_page (a);
	gtk_assistant_next_page (a);
}

static void
on_destroy (GtkWidget *window, Wizard *w)
{
	stop_search (w);
	if (w->question != NULL)
		gtk_widget_destroy (w->question);
	/* Wipe what was typed: GtkEntryBuffer clears the memory it frees. */
	gtk_entry_set_text (GTK_ENTRY (w->password), "");
	g_clear_pointer (&w->rows, g_hash_table_unref);
	g_clear_pointer (&w->result, ms_verify_result_unref);
	g_clear_pointer (&w->run_address, ms_address_unref);
	g_clear_pointer (&w->failure, g_free);
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
	w->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, row_free);
	w->window = gtk_assistant_new ();
	a = GTK_ASSISTANT (w->window);
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
	gtk_assistant_set_forward_page_func (a, forward_page, w, NULL);

	/* Packed from the right: Cancel, Back, then Apply or Try Again. */
	w->apply = action_button (w, _("_Apply"), G_CALLBACK (on_apply));
	w->retry = action_button (w, _("Try _Again"), G_CALLBACK (on_retry));
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
