/* The assistant's OAuth2 page: providers that sign their users in through
 * their own web page (Gmail, Outlook.com, Yahoo…) refuse the password in
 * mail programs. Instead of verifying a password that would be refused,
 * the assistant walks through Claws's own authorisation step: the
 * provider's page (Claws's oauth2_authorisation_url, with Claws's client
 * id), opened with Claws's open_uri; the code it gives, typed back; then
 * the account written with OAuth2 for receiving and sending, and the
 * tokens from Claws's oauth2_obtain_tokens kept where Claws looks for
 * them. Where the provider also takes an app password, the page says so
 * and offers to check one instead.
 *
 * oauth2_obtain_tokens() blocks while it talks to the provider (Claws's
 * own OAuth2 page calls it the same way); it is called only on the user's
 * click, and its failure is said plainly, the account being kept: the
 * authorisation can be given again here, or later in the account's
 * preferences (OAuth2 page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "prefs_common.h"	/* prefs_common_get_uri_cmd */
/* Debian's Claws is built with OAuth2, but its installed claws-features.h
 * does not say so (see account-writer.c). */
#define USE_OAUTH2 1
#include "oauth2.h"		/* oauth2_authorisation_url, oauth2_obtain_tokens */
#undef USE_OAUTH2
#pragma GCC diagnostic pop

#include "account-writer.h"
#include "wizard-private.h"

static const char *
provider_name (Wizard *w)
{
	switch (w->oauth2_provider) {
	case OAUTH2AUTH_GOOGLE: return "Google";
	case OAUTH2AUTH_OUTLOOK:
	case OAUTH2AUTH_EXCHANGE: return "Microsoft";
	case OAUTH2AUTH_YAHOO: return "Yahoo";
	default: return ms_config_get_display_name (w->config);
	}
}

/* The first server of @servers that takes OAuth2, or NULL. */
static const MsServer *
oauth2_server (GPtrArray *servers)
{
	for (guint i = 0; servers != NULL && i < servers->len; i++)
		if (ms_server_get_auth (servers->pdata[i]) & MS_AUTH_OAUTH2)
			return servers->pdata[i];
	return NULL;
}

gboolean
ms_wz_oauth2_wanted (Wizard *w, const MsConfig *config)
{
	return !w->oauth2_declined
		&& ms_claws_oauth2_provider (ms_config_get_oauth2 (config)) != 0
		&& oauth2_server (ms_config_get_incoming (config)) != NULL
		&& oauth2_server (ms_config_get_outgoing (config)) != NULL;
}

static void
on_open_page (GtkButton *button, Wizard *w)
{
	if (w->oauth2_url != NULL)
		open_uri (w->oauth2_url, prefs_common_get_uri_cmd ());
}

static void
on_use_password (GtkButton *button, Wizard *w)
{
	/* The same servers, checked with the password typed (an app password). */
	w->oauth2_declined = TRUE;
	ms_wz_set_given (w, w->config, gtk_entry_get_text (GTK_ENTRY (w->address)), NULL);
	gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_PROGRESS);
}

/* @server with its placeholders expanded for the user's address. */
static MsServer *
expanded (Wizard *w, const MsServer *server, GError **error)
{
	g_autofree char *host = ms_template_expand (ms_server_get_hostname (server), w->run_address, error);
	const char *template = ms_server_get_username (server);
	g_autofree char *user = template ? ms_template_expand (template, w->run_address, error)
		: g_strdup (ms_address_get_address (w->run_address));
	MsServer *s;

	if (host == NULL || user == NULL)
		return NULL;
	s = ms_server_new (ms_server_get_protocol (server), host, ms_server_get_port (server),
			   ms_server_get_socket_type (server));
	ms_server_set_username (s, user);
	ms_server_set_auth (s, MS_AUTH_OAUTH2);
	return s;
}

static void
say (Wizard *w, const char *text)
{
	gtk_label_set_text (GTK_LABEL (w->oauth2_error), text);
	gtk_widget_set_visible (w->oauth2_error, text != NULL && *text != '\0');
}

/* Tokens are secrets: wiped, then freed. */
static void
wipe (char **secret)
{
	if (*secret != NULL)
		memset (*secret, 0, strlen (*secret));
	g_clear_pointer (secret, g_free);
}

static void
on_authorise (GtkButton *button, Wizard *w)
{
	g_autofree char *code = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (w->oauth2_code))));
	g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (w->name))));
	const char *address = ms_address_get_address (w->run_address);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsServer) in = NULL, out = NULL;
	g_autofree char *text = NULL;
	OAUTH2Data tokens = { 0 };
	int id, existing;

	if (*code == '\0') {
		say (w, _("Type or paste the code the provider's page gave you first."));
		return;
	}
	in = expanded (w, oauth2_server (ms_config_get_incoming (w->config)), &error);
	out = in ? expanded (w, oauth2_server (ms_config_get_outgoing (w->config)), &error) : NULL;
	if (out != NULL) {
		MsClawsAccountSpec spec = {
			.full_name = *name ? name : NULL,
			.address = address,
			.incoming = in,
			.outgoing = out,
			.password = NULL,
			.oauth2 = ms_config_get_oauth2 (w->config),
		};
		existing = ms_claws_account_find (address);
		id = ms_claws_account_write (&spec, existing, &error);
	} else {
		id = -1;
	}
	if (id < 0) {
		text = g_strdup_printf (_("The account could not be saved: %s"), error ? error->message : _("unknown error"));
		say (w, text);
		return;
	}
	log_message (LOG_PROTOCOL, "mailsetup: account %s %s with OAuth2 (id %d)\n", address,
		     existing >= 0 ? "updated" : "created", id);
	ms_debug ("OAuth2: asking %s for the tokens\n", provider_name (w));
	/* Claws's own call; it blocks while it talks to the provider. */
	if (oauth2_obtain_tokens (w->oauth2_provider, &tokens, code) != 0
	    || !ms_claws_account_set_oauth2_tokens (id, tokens.access_token, tokens.refresh_token,
						    tokens.expiry_str, &error)) {
		text = g_strdup_printf (_("The account %s was saved with OAuth2, but %s did not give Claws Mail "
					  "the authorisation with this code%s%s. Check that the code is complete and "
					  "recent (it serves once, for a few minutes) and that this computer can reach "
					  "%s, then try again; or give the authorisation later, in the account's "
					  "preferences (OAuth2 page). Claws Mail's network log (Tools → Network Log) "
					  "says more."),
					address, provider_name (w), error ? ": " : "", error ? error->message : "",
					provider_name (w));
		say (w, text);
		ms_debug ("OAuth2: no tokens for %s\n", address);
	} else {
		text = g_strdup_printf (_("The account %s was created: %s authorised Claws Mail to receive and "
					  "send its mail."), address, provider_name (w));
		gtk_label_set_text (GTK_LABEL (w->done_label), text);
		gtk_entry_set_text (GTK_ENTRY (w->oauth2_code), "");
		gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_DONE);
		gtk_assistant_commit (GTK_ASSISTANT (w->window));
	}
	wipe (&tokens.access_token);
	wipe (&tokens.refresh_token);
	wipe (&tokens.expiry_str);
}

GtkWidget *
ms_wz_build_oauth2_page (Wizard *w)
{
	GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
	GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *row, *label, *open, *authorise;

	g_object_set (box, "margin", 12, NULL);
	w->oauth2_heading = ms_wz_markup_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->oauth2_heading);
	w->oauth2_explain = ms_wz_text_label (NULL);
	gtk_container_add (GTK_CONTAINER (box), w->oauth2_explain);

	w->oauth2_link = ms_wz_text_label (NULL);
	gtk_label_set_selectable (GTK_LABEL (w->oauth2_link), TRUE);
	gtk_label_set_line_wrap_mode (GTK_LABEL (w->oauth2_link), PANGO_WRAP_CHAR);
	ms_wz_set_accessible (w->oauth2_link, _("Authorisation page"), NULL);
	gtk_container_add (GTK_CONTAINER (box), w->oauth2_link);
	open = gtk_button_new_with_mnemonic (_("_Open the Page in the Browser"));
	gtk_widget_set_halign (open, GTK_ALIGN_START);
	g_signal_connect (open, "clicked", G_CALLBACK (on_open_page), w);
	gtk_container_add (GTK_CONTAINER (box), open);

	row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
	w->oauth2_code = gtk_entry_new ();
	ms_wz_set_accessible (w->oauth2_code, _("Authorisation code"),
			      _("The code the provider's page shows once you allowed Claws Mail, or the whole address it ends at"));
	gtk_widget_set_hexpand (w->oauth2_code, TRUE);
	label = gtk_label_new_with_mnemonic (_("_Code:"));
	gtk_label_set_mnemonic_widget (GTK_LABEL (label), w->oauth2_code);
	gtk_container_add (GTK_CONTAINER (row), label);
	gtk_container_add (GTK_CONTAINER (row), w->oauth2_code);
	gtk_container_add (GTK_CONTAINER (box), row);
	authorise = gtk_button_new_with_mnemonic (_("_Authorise and Save the Account"));
	gtk_widget_set_halign (authorise, GTK_ALIGN_START);
	g_signal_connect (authorise, "clicked", G_CALLBACK (on_authorise), w);
	gtk_container_add (GTK_CONTAINER (box), authorise);
	w->oauth2_error = ms_wz_text_label (NULL);
	gtk_widget_set_no_show_all (w->oauth2_error, TRUE);
	gtk_container_add (GTK_CONTAINER (box), w->oauth2_error);

	w->oauth2_password_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
	w->oauth2_password_note = ms_wz_text_label (NULL);
	gtk_container_add (GTK_CONTAINER (w->oauth2_password_box), w->oauth2_password_note);
	w->oauth2_use_password = gtk_button_new_with_mnemonic (_("Use an App _Password Instead"));
	gtk_widget_set_halign (w->oauth2_use_password, GTK_ALIGN_START);
	g_signal_connect (w->oauth2_use_password, "clicked", G_CALLBACK (on_use_password), w);
	gtk_container_add (GTK_CONTAINER (w->oauth2_password_box), w->oauth2_use_password);
	gtk_container_add (GTK_CONTAINER (box), w->oauth2_password_box);

	ms_wz_set_accessible (box, _("Sign in with your provider"), NULL);
	gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_container_add (GTK_CONTAINER (scrolled), box);
	return scrolled;
}

/* Whether @url's client_id parameter is missing or empty. */
static gboolean
no_client_id (const char *url)
{
	g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
	g_autoptr (GHashTable) params = NULL;
	const char *query = uri ? g_uri_get_query (uri) : NULL;
	const char *id;

	if (query == NULL)
		return TRUE;
	params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
	id = params ? g_hash_table_lookup (params, "client_id") : NULL;
	return id == NULL || *id == '\0';
}

/* Fills the page for w->config and shows it. */
void
ms_wz_show_oauth2 (Wizard *w)
{
	const MsServer *in = oauth2_server (ms_config_get_incoming (w->config));
	gboolean password_too = (ms_server_get_auth (in)
				 & (MS_AUTH_PASSWORD_CLEARTEXT | MS_AUTH_PASSWORD_ENCRYPTED)) != 0;
	g_autofree char *heading = NULL, *explain = NULL, *note = NULL;

	w->oauth2_provider = ms_claws_oauth2_provider (ms_config_get_oauth2 (w->config));
	g_clear_pointer (&w->oauth2_url, g_free);
	/* Claws's own URL, with its own client id: the tokens must be Claws's. */
	if (oauth2_authorisation_url (w->oauth2_provider, &w->oauth2_url, NULL) != 0)
		g_clear_pointer (&w->oauth2_url, g_free);
	heading = g_markup_printf_escaped ("<big><b>%s</b></big>", _("Sign in with your provider"));
	gtk_label_set_markup (GTK_LABEL (w->oauth2_heading), heading);
	explain = g_strdup_printf (_("%s does not let mail programs in with your password: you allow Claws Mail "
				     "once, on %s's own page, and Claws Mail keeps that authorisation instead.\n"
				     "1. Open the page below in your browser, sign in as %s and allow Claws Mail.\n"
				     "2. The page then shows a code (or ends at an address with “code=” in it): "
				     "copy it into the field below.\n"
				     "3. Authorise: Claws Mail saves the account and receives and sends your mail "
				     "with OAuth2."),
				   provider_name (w), provider_name (w), ms_address_get_address (w->run_address));
	gtk_label_set_text (GTK_LABEL (w->oauth2_explain), explain);
	gtk_label_set_text (GTK_LABEL (w->oauth2_link), w->oauth2_url ? w->oauth2_url
			    : _("Claws Mail could not make the authorisation page's address."));
	gtk_entry_set_text (GTK_ENTRY (w->oauth2_code), "");
	say (w, NULL);
	/* Builds of Claws without the provider's client id (Debian's has
	 * none for Google) make a URL the provider refuses: say so now. */
	if (w->oauth2_url != NULL && no_client_id (w->oauth2_url)) {
		g_autofree char *warning = g_strdup_printf (
			_("This Claws Mail has no client id of its own for %s, so %s will refuse the page. "
			  "Register one with %s and give it in the account's preferences (OAuth2 page, "
			  "Client ID) after saving it, or use an app password."),
			provider_name (w), provider_name (w), provider_name (w));
		say (w, warning);
	}
	if (password_too) {
		note = g_strdup_printf (_("%s also accepts an app password, made in the security settings of your "
					  "account there: to use one instead, type it as the password on the first "
					  "page, then check it here."), provider_name (w));
		gtk_label_set_text (GTK_LABEL (w->oauth2_password_note), note);
	}
	gtk_widget_set_visible (w->oauth2_password_box, password_too);
	ms_debug ("OAuth2 page for %s (%s)\n", ms_address_get_address (w->run_address), provider_name (w));
	gtk_assistant_set_current_page (GTK_ASSISTANT (w->window), PAGE_OAUTH2);
}
