/* "Import a profile…" in Claws's Configuration menu: an Apple
 * configuration profile (.mobileconfig) or an autoconfig XML file chosen
 * by the user, read by the engine without the network, shown with its
 * signature verdict and what does not apply, and, once the user agrees
 * (explicitly when the profile is not validly signed), handed to the
 * assistant, which verifies the settings as it verifies discovered ones
 * and writes the account.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#include "import-profile.h"
#include "wizard.h"

#define MS_ACTION_IMPORT "Configuration/MailsetupImport"
#define MS_ITEM_IMPORT "MailsetupImport"
/* Right after our "Set up an account automatically…" when it is there. */
#define MS_IMPORT_ANCHOR "/Menu/Configuration/MailsetupSetUp"
#define MS_IMPORT_FALLBACK "/Menu/Configuration"

static guint import_merge_id;

typedef struct {
	MsProfile *profile;  /* NULL for an autoconfig file */
	MsConfig *config;    /* an autoconfig file's */
} Imported;

static void
imported_clear (Imported *im)
{
	g_clear_pointer (&im->profile, ms_profile_unref);
	g_clear_pointer (&im->config, ms_config_unref);
}

static gboolean
read_file (const char *path, Imported *im, GError **error)
{
	g_autoptr (GFile) file = g_file_new_for_path (path);
	g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, error);
	g_autofree char *data = NULL;
	gsize len = 0;

	if (info == NULL)
		return FALSE;
	if (g_file_info_get_size (info) > MS_PROFILE_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE, _("%s is larger than %u KiB"), path,
		             (guint) (MS_PROFILE_MAX_SIZE / 1024));
		return FALSE;
	}
	if (!g_file_load_contents (file, NULL, &data, &len, NULL, error))
		return FALSE;
	if (ms_profile_looks_like (data, len))
		im->profile = ms_profile_load (data, len, NULL, error);
	else
		im->config = ms_autoconfig_parse (data, len, MS_SOURCE_FILE, MS_TRUST_HIGH, error);
	/* A profile may hold passwords: none stays behind in this buffer. */
	explicit_bzero (data, len);
	return im->profile != NULL || im->config != NULL;
}

static void
append_server (GString *text, const MsServer *s)
{
	g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
	/* TRANSLATORS: "IMAP imap.example.org, port 993, TLS" */
	g_string_append_printf (text, _("  %s %s, port %u, %s\n"), protocol, ms_server_get_hostname (s),
	                        (guint) ms_server_get_port (s), ms_socket_type_to_string (ms_server_get_socket_type (s)));
}

static void
append_config (GString *text, const MsConfig *config)
{
	GPtrArray *in = ms_config_get_incoming (config), *out = ms_config_get_outgoing (config);
	for (guint i = 0; i < in->len; i++)
		append_server (text, g_ptr_array_index (in, i));
	for (guint i = 0; i < out->len; i++)
		append_server (text, g_ptr_array_index (out, i));
}

/* What the user reads before agreeing: signature, accounts, and what the
 * file holds that will not be applied. Never a password. */
static char *
summary (const Imported *im)
{
	GString *text = g_string_new (NULL);
	const MsProfile *p = im->profile;

	if (p == NULL) {
		g_string_append_printf (text, "%s\n", _("An autoconfig file. Its servers:"));
		append_config (text, im->config);
		return g_string_free (text, FALSE);
	}
	g_string_append_printf (text, "%s %s\n", _("Profile:"),
	                        ms_profile_get_display_name (p) ? ms_profile_get_display_name (p) : "?");
	if (ms_profile_get_organization (p))
		g_string_append_printf (text, "%s %s\n", _("Organisation:"), ms_profile_get_organization (p));
	switch (ms_profile_get_signature (p)) {
	case MS_PROFILE_SIGNED_VALID:
		g_string_append_printf (text, _("Signature: valid, signed by %s\n"), ms_profile_get_signer (p));
		break;
	case MS_PROFILE_SIGNED_INVALID:
		g_string_append_printf (text, _("Signature: NOT VALID (%s). Use it only if you know why.\n"),
		                        ms_profile_get_signature_problem (p));
		break;
	case MS_PROFILE_UNSIGNED:
		g_string_append_printf (text, "%s\n", _("Signature: none. Anyone could have written this profile: "
		                                        "use it only if you know where it comes from."));
		break;
	}
	GPtrArray *accounts = ms_profile_get_accounts (p);
	for (guint i = 0; i < accounts->len; i++) {
		const MsProfileAccount *a = g_ptr_array_index (accounts, i);
		const MsAddress *address = ms_profile_account_get_address (a);
		g_string_append_printf (text, "\n%s %s\n", _("Account:"),
		                        address ? ms_address_get_address (address) : _("(address to be given)"));
		append_config (text, ms_profile_account_get_config (a));
		if (ms_profile_account_get_incoming_password (a))
			g_string_append_printf (text, "  %s\n", _("The profile includes the password: it is used to check "
			                                          "the account, then kept in Claws Mail's password store."));
		const MsProfileSmime *m = ms_profile_account_get_smime (a);
		if (m->present)
			g_string_append_printf (text, "  %s %s, %s\n", _("S/MIME:"),
			                        m->signing ? _("sign") : _("do not sign"),
			                        m->encrypt ? _("encrypt by default") : _("do not encrypt by default"));
		GPtrArray *ignored = ms_profile_account_get_ignored (a);
		for (guint j = 0; j < ignored->len; j++) {
			const MsProfileNote *n = g_ptr_array_index (ignored, j);
			g_string_append_printf (text, "  %s %s: %s\n", _("Not applied:"), n->name, n->reason);
		}
	}
	GPtrArray *na = ms_profile_get_not_applicable (p);
	for (guint i = 0; i < na->len; i++) {
		const MsProfileNote *n = g_ptr_array_index (na, i);
		g_string_append_printf (text, "\n%s %s%s%s: %s", _("Not applicable:"), n->name,
		                        n->display_name ? " — " : "", n->display_name ? n->display_name : "", n->reason);
	}
	return g_string_free (text, FALSE);
}

static char *
choose_file (GtkWindow *parent)
{
	GtkWidget *chooser = gtk_file_chooser_dialog_new (_("Import a mail profile"), parent,
	                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Cancel"),
	                                                  GTK_RESPONSE_CANCEL, _("_Open"), GTK_RESPONSE_ACCEPT, NULL);
	GtkFileFilter *filter = gtk_file_filter_new ();
	gtk_file_filter_set_name (filter, _("Configuration profiles and autoconfig files"));
	gtk_file_filter_add_pattern (filter, "*.mobileconfig");
	gtk_file_filter_add_pattern (filter, "*.xml");
	gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
	GtkFileFilter *all = gtk_file_filter_new ();
	gtk_file_filter_set_name (all, _("All files"));
	gtk_file_filter_add_pattern (all, "*");
	gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
	char *path = NULL;
	if (gtk_dialog_run (GTK_DIALOG (chooser)) == GTK_RESPONSE_ACCEPT)
		path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
	gtk_widget_destroy (chooser);
	return path;
}

/* The summary, and the user's consent: a plain "Continue" for a validly
 * signed profile or an autoconfig file, an explicit "Use this profile
 * anyway" otherwise. Returns the account chosen (index), or -1. */
static int
confirm (GtkWindow *parent, const Imported *im)
{
	gboolean trusted = im->profile == NULL || ms_profile_get_signature (im->profile) == MS_PROFILE_SIGNED_VALID;
	GPtrArray *accounts = im->profile ? ms_profile_get_accounts (im->profile) : NULL;
	GtkWidget *dialog = gtk_dialog_new_with_buttons (_("Import a mail profile"), parent,
	                                                 GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
	                                                 _("_Cancel"), GTK_RESPONSE_CANCEL,
	                                                 trusted ? _("C_ontinue") : _("_Use this profile anyway"),
	                                                 GTK_RESPONSE_ACCEPT, NULL);
	GtkWidget *box = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
	g_autofree char *text = summary (im);
	GtkWidget *label = gtk_label_new (text);
	GtkWidget *scroll = gtk_scrolled_window_new (NULL, NULL);
	GtkWidget *combo = NULL;

	gtk_label_set_selectable (GTK_LABEL (label), TRUE);
	gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
	gtk_label_set_xalign (GTK_LABEL (label), 0);
	atk_object_set_name (gtk_widget_get_accessible (scroll), _("What the profile holds"));
	gtk_container_add (GTK_CONTAINER (scroll), label);
	gtk_widget_set_size_request (scroll, 520, 320);
	gtk_container_set_border_width (GTK_CONTAINER (box), 12);
	gtk_box_pack_start (GTK_BOX (box), scroll, TRUE, TRUE, 0);
	if (accounts && accounts->len > 1) {
		combo = gtk_combo_box_text_new ();
		for (guint i = 0; i < accounts->len; i++) {
			const MsAddress *a = ms_profile_account_get_address (g_ptr_array_index (accounts, i));
			const char *d = ms_profile_account_get_description (g_ptr_array_index (accounts, i));
			gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (combo),
			                                a ? ms_address_get_address (a) : d ? d : "?");
		}
		gtk_combo_box_set_active (GTK_COMBO_BOX (combo), 0);
		atk_object_set_name (gtk_widget_get_accessible (combo), _("Account to set up"));
		gtk_box_pack_start (GTK_BOX (box), combo, FALSE, FALSE, 6);
	}
	/* What does not deserve trust is never the default answer. */
	gtk_dialog_set_default_response (GTK_DIALOG (dialog), trusted ? GTK_RESPONSE_ACCEPT : GTK_RESPONSE_CANCEL);
	gtk_widget_show_all (dialog);
	int chosen = -1;
	if (gtk_dialog_run (GTK_DIALOG (dialog)) == GTK_RESPONSE_ACCEPT)
		chosen = combo ? MAX (gtk_combo_box_get_active (GTK_COMBO_BOX (combo)), 0) : 0;
	gtk_widget_destroy (dialog);
	return chosen;
}

/* What the assistant receives, kept until it opens. */
typedef struct {
	MsConfig *config;
	char *name;
	char *address;
	char *origin;
	char *password;      /* wiped by the assistant */
	MsPolicy *policy;
} Handover;

static gboolean
hand_over (gpointer data)
{
	Handover *h = data;
	ms_claws_wizard_open_config (h->config, h->name, h->address, h->origin, h->password, h->policy);
	if (h->password != NULL)	/* not wiped when the assistant refused the settings */
		explicit_bzero (h->password, strlen (h->password));
	g_free (h->password);
	g_clear_pointer (&h->policy, ms_policy_free);
	ms_config_unref (h->config);
	g_free (h->name);
	g_free (h->address);
	g_free (h->origin);
	g_free (h);
	return G_SOURCE_REMOVE;
}

static void
error_dialog (GtkWindow *parent, const char *path, const GError *error)
{
	g_autofree char *base = g_path_get_basename (path);
	GtkWidget *d = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
	                                       _("%s cannot be imported"), base);
	gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (d), "%s", error->message);
	gtk_dialog_run (GTK_DIALOG (d));
	gtk_widget_destroy (d);
}

static void
import_run (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();
	GtkWindow *parent = mainwin ? GTK_WINDOW (mainwin->window) : NULL;
	g_autofree char *chosen_path = choose_file (parent);
	g_autoptr (GError) error = NULL;
	Imported im = { NULL, NULL };

	if (chosen_path == NULL)
		return;
	if (!read_file (chosen_path, &im, &error)) {
		error_dialog (parent, chosen_path, error);
		return;
	}
	if (im.profile && ms_profile_get_accounts (im.profile)->len == 0) {
		g_set_error_literal (&error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER,
		                     _("It holds no mail account Claws Mail can use."));
		g_autofree char *text = summary (&im);
		g_prefix_error (&error, "%s\n\n", text);
		error_dialog (parent, chosen_path, error);
		imported_clear (&im);
		return;
	}
	int n = confirm (parent, &im);
	if (n >= 0) {
		g_autofree char *base = g_path_get_basename (chosen_path);
		Handover *h = g_new0 (Handover, 1);
		if (im.profile) {
			const MsProfileAccount *a = g_ptr_array_index (ms_profile_get_accounts (im.profile), n);
			const MsAddress *address = ms_profile_account_get_address (a);
			h->config = ms_config_ref (ms_profile_account_get_config (a));
			h->name = g_strdup (ms_profile_account_get_name (a));
			h->address = g_strdup (address ? ms_address_get_address (address) : NULL);
			/* TRANSLATORS: where the settings come from: "the profile acme.mobileconfig" */
			h->origin = g_strdup_printf (_("the profile %s"), base);
			/* What the profile says is applied: its password checks the
			 * account (not asked again), its S/MIME policy is stored for
			 * the account with the profile as source of its locks. */
			h->password = g_strdup (ms_profile_account_get_incoming_password (a));
			if (ms_profile_account_get_policy (a) != NULL)
				h->policy = ms_policy_copy (ms_profile_account_get_policy (a));
		} else {
			h->config = ms_config_ref (im.config);
			h->origin = g_strdup_printf (_("the file %s"), base);
		}
		/* Once the dialog's last events are handled (GTK complains of
		 * events for a widget already gone otherwise). */
		g_idle_add (hand_over, h);
	}
	imported_clear (&im);
}

static gboolean
import_idle (gpointer data)
{
	import_run ();
	return G_SOURCE_REMOVE;
}

/* The dialogs run their own loops: from an idle, so that the menu's
 * activation returns first (assistive technologies wait for it). */
static void
import_activated (GtkAction *action, gpointer data)
{
	g_idle_add (import_idle, NULL);
}

void
ms_claws_import_profile_init (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();

	if (mainwin == NULL || import_merge_id != 0)
		return;
	GtkAction *action = gtk_action_new (MS_ACTION_IMPORT, _("Import a mail profile…"),
	                                    _("Set up an account from a configuration profile (.mobileconfig) "
	                                      "or an autoconfig file"), NULL);
	g_signal_connect (action, "activate", G_CALLBACK (import_activated), NULL);
	gtk_action_group_add_action (mainwin->action_group, action);
	g_object_unref (action);
	const char *path = gtk_ui_manager_get_widget (mainwin->ui_manager, MS_IMPORT_ANCHOR) != NULL
	                 ? MS_IMPORT_ANCHOR : MS_IMPORT_FALLBACK;
	MENUITEM_ADDUI_ID_MANAGER (mainwin->ui_manager, path, MS_ITEM_IMPORT, MS_ACTION_IMPORT,
	                           GTK_UI_MANAGER_MENUITEM, import_merge_id)
	gtk_ui_manager_ensure_update (mainwin->ui_manager);
}

void
ms_claws_import_profile_done (void)
{
	MainWindow *mainwin = mainwindow_get_mainwindow ();

	if (mainwin != NULL && import_merge_id != 0) {
		MENUITEM_REMUI_MANAGER (mainwin->ui_manager, mainwin->action_group, MS_ACTION_IMPORT, import_merge_id)
		gtk_ui_manager_ensure_update (mainwin->ui_manager);
	}
	import_merge_id = 0;
}
