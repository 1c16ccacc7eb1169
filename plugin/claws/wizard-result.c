/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#include "wizard-private.h"

#include "account-writer.h"
#include "privacy-account.h"
#include "privacy-page.h"

/* --- the result page --- */

const MsServer *
ms_wz_chosen_incoming (Wizard *w)
{
	if (w->imap_choice == NULL)
		return ms_verify_result_get_incoming (w->result);
	return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w->imap_choice)) ? w->imap : w->pop;
}

static char *
server_sentence (const MsServer *s, gboolean incoming)
{
	g_autofree char *protocol = ms_wz_protocol_name (s);
	const char *security = ms_wz_security_words (ms_server_get_socket_type (s));
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
	const MsServer *servers[] = { ms_wz_chosen_incoming (w), ms_verify_result_get_outgoing (w->result) };
	g_autoptr (GPtrArray) reasons = g_ptr_array_new ();
	g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
	g_autofree char *heading = NULL, *host_list = NULL, *check_text = NULL;

	ms_wz_clear_container (w->confirm_box);
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
	gtk_container_add (GTK_CONTAINER (w->confirm_box), ms_wz_markup_label (heading));
	for (guint i = 0; i < reasons->len; i++) {
		/* TRANSLATORS: one reason to confirm a server, as a list item. */
		g_autofree char *item = g_strdup_printf (_("• %s"), (const char *) reasons->pdata[i]);
		gtk_container_add (GTK_CONTAINER (w->confirm_box), ms_wz_text_label (item));
	}
	g_ptr_array_add (hosts, NULL);
	host_list = g_strjoinv (", ", (char **) hosts->pdata);
	/* TRANSLATORS: the question the user must tick before Apply;
	 * %s is one host name or several, separated by commas. */
	check_text = g_strdup_printf (_("_Yes, use %s for this account"), host_list);
	w->confirm = gtk_check_button_new_with_mnemonic (check_text);
	ms_wz_set_accessible (w->confirm, NULL, _("Apply stays unavailable until this is ticked"));
	g_signal_connect_swapped (w->confirm, "toggled", G_CALLBACK (update_apply), w);
	gtk_container_add (GTK_CONTAINER (w->confirm_box), w->confirm);
	gtk_widget_show_all (w->confirm_box);
	update_apply (w);
}

static void
on_choice_toggled (GtkToggleButton *button, Wizard *w)
{
	g_autofree char *sentence = server_sentence (ms_wz_chosen_incoming (w), TRUE);

	gtk_label_set_text (GTK_LABEL (w->incoming_label), sentence);
	update_confirmation (w);
}

static void
add_text (Wizard *w, const char *text)
{
	gtk_container_add (GTK_CONTAINER (w->content_box), ms_wz_text_label (text));
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
	gtk_container_add (GTK_CONTAINER (w->content_box), ms_wz_markup_label (m));
}

/* IMAP or POP3, when both work: IMAP first, chosen and recommended. */
static void
add_choice (Wizard *w)
{
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *question, *pop;
	g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("How should Claws Mail fetch your mail?"));

	question = ms_wz_markup_label (m);
	gtk_container_add (GTK_CONTAINER (box), question);
	w->imap_choice = gtk_radio_button_new_with_mnemonic (NULL, _("_IMAP (recommended)"));
	pop = gtk_radio_button_new_with_mnemonic_from_widget (GTK_RADIO_BUTTON (w->imap_choice), _("_POP3"));
	gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w->imap_choice), TRUE);
	g_signal_connect (w->imap_choice, "toggled", G_CALLBACK (on_choice_toggled), w);
	gtk_container_add (GTK_CONTAINER (box), w->imap_choice);
	gtk_container_add (GTK_CONTAINER (box), pop);
	gtk_container_add (GTK_CONTAINER (box),
		ms_wz_text_label (_("IMAP keeps your mail on the server, so that this computer, your phone "
			      "and webmail all show the same messages and folders; POP3 downloads it "
			      "to this computer only.")));
	ms_wz_set_accessible (box, _("How should Claws Mail fetch your mail?"), NULL);
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
	w->incoming_label = ms_wz_text_label (in);
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

	ms_wz_clear_container (w->content_box);
	ms_wz_clear_container (w->confirm_box);
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
void
ms_wz_show_result (Wizard *w)
{
	GtkAssistant *a = GTK_ASSISTANT (w->window);

	build_result (w);
	gtk_assistant_next_page (a);
}


/* --- the end: signing and encryption (issue 8) --- */

/* Claws's account preferences run in a loop of their own: opened from an
 * idle, so that the click returns first (assistive technologies wait for
 * it, and the assistant's code is not under that loop). */
static gboolean
open_privacy (gpointer data)
{
	PrefsAccount *account = account_find_from_id (GPOINTER_TO_INT (data));

	if (account == NULL || !ms_claws_privacy_page_open_for (account))
		log_warning (LOG_PROTOCOL, "mailsetup: the preferences of account %d cannot be opened\n",
			     GPOINTER_TO_INT (data));
	return G_SOURCE_REMOVE;
}

static void
on_privacy (GtkButton *button, Wizard *w)
{
	if (w->written_id >= 0)
		g_idle_add (open_privacy, GINT_TO_POINTER (w->written_id));
}

/* The done page's offer: set the account's signing and encryption
 * defaults on our page of its preferences. Making or importing keys is
 * left to the tools made for it, named here. */
GtkWidget *
ms_wz_build_privacy_offer (Wizard *w)
{
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

	gtk_container_add (GTK_CONTAINER (box),
		ms_wz_text_label (_("You can now choose whether this account signs or encrypts its "
				    "messages by default.")));
	w->privacy_button = gtk_button_new_with_mnemonic (_("_Signing and encryption…"));
	ms_wz_set_accessible (w->privacy_button, NULL,
			      _("Opens the account's preferences, where Privacy → Signing and encryption sets these defaults"));
	g_signal_connect (w->privacy_button, "clicked", G_CALLBACK (on_privacy), w);
	gtk_box_pack_start (GTK_BOX (row), w->privacy_button, FALSE, FALSE, 0);
	gtk_container_add (GTK_CONTAINER (box), row);
	gtk_container_add (GTK_CONTAINER (box),
		ms_wz_text_label (_("Keys are not made here. An OpenPGP key: “Generate a new key pair” in the "
				    "account's preferences, Plugins → GPG. An S/MIME certificate comes from "
				    "your organisation or a certificate authority: import it with Kleopatra "
				    "(or gpgsm --import).")));
	return box;
}

/* The account @id was written: what came with the settings is applied to
 * it, and the done page's offer points at it. */
void
ms_wz_account_written (Wizard *w, int id)
{
	PrefsAccount *account = account_find_from_id (id);
	g_autoptr (GError) error = NULL;

	w->written_id = id;
	gtk_widget_set_sensitive (w->privacy_button, account != NULL);
	if (account == NULL || w->given_policy == NULL)
		return;
	if (!ms_claws_privacy_store_profile (account, w->given_policy, w->given_policy_origin, &error)) {
		g_autofree char *text = g_strdup_printf (_("The signing and encryption settings of %s were not "
							   "saved: %s"), w->given_policy_origin, error->message);
		log_warning (LOG_PROTOCOL, "mailsetup: %s\n", text);
		alertpanel_error ("%s", text);
		return;
	}
	account_write_config_all ();
	log_message (LOG_PROTOCOL, "mailsetup: signing and encryption settings of %s stored for account %d\n",
		     w->given_policy_origin ? w->given_policy_origin : "?", id);
}
