/* The account's signing and encryption policy in every compose window.
 *
 * - COMPOSE_CREATED_HOOKLIST (source: the Compose): the privacy system and
 *   the Sign/Encrypt toggles are set as ms_policy_compose_state() says; a
 *   toggle the policy does not let the user switch per message is made
 *   insensitive in the Options menu.
 * - The From account changes: Claws has no hook for it; its combo box's
 *   "changed" handler (compose.c account_activated) applies Claws's own
 *   defaults of the new account, so ours runs after it (connect_after) and
 *   applies the new account's policy over them.
 * - COMPOSE_CHECK_BEFORE_SEND_HOOKLIST (source: the Compose; returning TRUE
 *   stops the sending): Claws calls it from compose_check_entries(), before
 *   compose_queue_sub() reads use_signing/use_encryption and asks the
 *   privacy plugin for the recipients' keys, so turning encryption on here
 *   takes effect. The policy is checked again there, as a toggle may have
 *   been changed in ways the menu does not show (the privacy system set to
 *   None, a toolbar button): a message breaking a rule that cannot be
 *   switched is refused with the reason; with automatic encryption, the
 *   recipients' keys are looked up and the message encrypted when all have
 *   one, else sent as the toggles say and the user told who lacked a key.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "compose-policy.h"
#include "privacy-account.h"
#include "privacy-keys.h"

#include <string.h>

#define DATA_KEY "mailsetup-compose-policy"

typedef struct {
	Compose *compose;
	GtkWidget *combo;		/* the From combo, when it is one */
	gulong combo_handler;
	GtkWidget *encrypt_item;	/* Options → Encrypt */
	gulong encrypt_handler;
	guint idle;
	gboolean applying;		/* our own changes are not the user's */
	gboolean encrypt_touched;	/* the user switched Encrypt */
} ComposeData;

static gulong created_hook;
static gulong send_hook;

static void
compose_data_free (gpointer p)
{
	ComposeData *d = p;

	if (d->idle != 0)
		g_source_remove (d->idle);
	if (d->combo != NULL && d->combo_handler != 0)
		g_signal_handler_disconnect (d->combo, d->combo_handler);
	if (d->encrypt_item != NULL && d->encrypt_handler != 0)
		g_signal_handler_disconnect (d->encrypt_item, d->encrypt_handler);
	g_clear_weak_pointer (&d->combo);
	g_clear_weak_pointer (&d->encrypt_item);
	g_free (d);
}

static gboolean
is_reply (ComposeMode mode)
{
	switch (mode) {
	case COMPOSE_REPLY:
	case COMPOSE_REPLY_WITH_QUOTE:
	case COMPOSE_REPLY_WITHOUT_QUOTE:
	case COMPOSE_REPLY_TO_SENDER:
	case COMPOSE_REPLY_TO_ADDRESS:
	case COMPOSE_FOLLOWUP_AND_REPLY_TO:
	case COMPOSE_REPLY_TO_SENDER_WITH_QUOTE:
	case COMPOSE_REPLY_TO_SENDER_WITHOUT_QUOTE:
	case COMPOSE_REPLY_TO_ALL:
	case COMPOSE_REPLY_TO_ALL_WITH_QUOTE:
	case COMPOSE_REPLY_TO_ALL_WITHOUT_QUOTE:
	case COMPOSE_REPLY_TO_LIST:
	case COMPOSE_REPLY_TO_LIST_WITH_QUOTE:
	case COMPOSE_REPLY_TO_LIST_WITHOUT_QUOTE:
		return TRUE;
	case COMPOSE_FORWARD:
	case COMPOSE_FORWARD_AS_ATTACH:
	case COMPOSE_FORWARD_INLINE:
	case COMPOSE_NEW:
	case COMPOSE_REDIRECT:
	case COMPOSE_REEDIT:
		break;
	}
	return FALSE;
}

static void
context_of (Compose *c, MsComposeContext *ctx)
{
	memset (ctx, 0, sizeof *ctx);
	if (is_reply (c->mode) && c->replyinfo != NULL) {
		ctx->reply_to_signed = MSG_IS_SIGNED (c->replyinfo->flags);
		ctx->reply_to_encrypted = MSG_IS_ENCRYPTED (c->replyinfo->flags);
	}
}

/* Options → Sign or Encrypt: sensitive or not; when the policy fixes it,
 * a tooltip says who decided. */
static void
set_item (Compose *c, const char *item, gboolean sensitive, const MsPolicy *policy,
	  MsPolicySetting rule, gboolean fixed)
{
	g_autofree char *path = g_strconcat ("/", item, NULL);
	GtkWidget *w = gtk_ui_manager_get_widget (c->ui_manager, path);
	g_autofree char *tip = NULL;
	MsPolicyRule r;

	cm_menu_set_sensitive_full (c->ui_manager, item, sensitive);
	if (w == NULL)
		return;
	ms_policy_get_rule (policy, rule, &r);
	if (fixed)
		tip = g_strdup_printf (_("Required for every message of this account (set by %s)."),
				       r.source ? r.source : _("the account’s settings"));
	gtk_widget_set_tooltip_text (w, tip);
}

/* A privacy system as Claws names it in its menu ("PGP MIME"), or its id
 * when its plugin is not loaded. */
static const char *
system_name (const char *id)
{
	const char *name = id != NULL && *id != '\0' ? privacy_system_get_name (id) : NULL;

	return name != NULL ? name : id;
}

static const char *
yes_no (gboolean b)
{
	return b ? "on" : "off";
}

/* Sets the window's system and toggles from the account's policy. A
 * draft opened again (@keep_choices) keeps the toggles it was saved with,
 * unless the policy fixes them; an account change applies the new
 * account's defaults. */
static void
apply (ComposeData *d, gboolean keep_choices)
{
	Compose *c = d->compose;
	g_autoptr (MsPolicy) policy = ms_claws_privacy_policy (c->account);
	MsComposeContext ctx;
	MsComposeState st;
	const char *id;
	gboolean system_locked, can_sign, can_encrypt;

	context_of (c, &ctx);
	ms_policy_compose_state (policy, &ctx, &st);
	id = ms_privacy_system_to_id (st.system);
	system_locked = ms_policy_is_locked (policy, MS_POLICY_SYSTEM, NULL);
	/* Claws selected the account's default_privacy_system (which the
	 * plugin keeps in step); a locked system wins over a stale one. */
	if (st.system != MS_PRIVACY_NONE && privacy_system_can_sign (id)
	    && (c->privacy_system == NULL || *c->privacy_system == '\0'
		|| (system_locked && strcmp (c->privacy_system, id) != 0))) {
		g_free (c->privacy_system);
		c->privacy_system = g_strdup (id);
	}
	can_sign = c->privacy_system != NULL && privacy_system_can_sign (c->privacy_system);
	can_encrypt = c->privacy_system != NULL && privacy_system_can_encrypt (c->privacy_system);

	d->applying = TRUE;
	compose_use_signing (c, keep_choices ? c->use_signing || (st.sign && !st.sign_switchable) : st.sign);
	compose_use_encryption (c, keep_choices ? c->use_encryption || (st.encrypt && !st.encrypt_switchable)
					      : st.encrypt);
	d->applying = FALSE;
	d->encrypt_touched = FALSE;
	set_item (c, "Menu/Options/Sign", can_sign && st.sign_switchable, policy, MS_POLICY_SIGN,
		  st.sign && !st.sign_switchable);
	set_item (c, "Menu/Options/Encrypt", can_encrypt && st.encrypt_switchable, policy, MS_POLICY_ENCRYPT,
		  st.encrypt && !st.encrypt_switchable);

	log_message (LOG_PROTOCOL,
		     "mailsetup: compose window, account %d: privacy system %s, sign %s%s, encrypt %s%s, "
		     "automatic encryption %s\n",
		     c->account->account_id, c->privacy_system ? c->privacy_system : "none",
		     yes_no (c->use_signing), st.sign_switchable ? "" : " (fixed)",
		     yes_no (c->use_encryption), st.encrypt_switchable ? "" : " (fixed)",
		     yes_no (st.auto_encrypt));
}

static gboolean
apply_idle (gpointer p)
{
	ComposeData *d = p;

	d->idle = 0;
	apply (d, d->compose->mode == COMPOSE_REEDIT);
	return G_SOURCE_REMOVE;
}

static void
account_changed (GtkComboBox *combo, gpointer p)
{
	(void) combo;
	apply (p, FALSE);
}

static void
encrypt_toggled (GtkCheckMenuItem *item, gpointer p)
{
	ComposeData *d = p;

	(void) item;
	if (!d->applying)
		d->encrypt_touched = TRUE;
}

static ComposeData *
compose_data (Compose *c)
{
	ComposeData *d = g_object_get_data (G_OBJECT (c->window), DATA_KEY);
	GtkWidget *item;

	if (d != NULL)
		return d;
	d = g_new0 (ComposeData, 1);
	d->compose = c;
	if (GTK_IS_COMBO_BOX (c->account_combo)) {
		g_set_weak_pointer (&d->combo, c->account_combo);
		d->combo_handler = g_signal_connect_after (c->account_combo, "changed",
							   G_CALLBACK (account_changed), d);
	}
	item = gtk_ui_manager_get_widget (c->ui_manager, "/Menu/Options/Encrypt");
	if (GTK_IS_CHECK_MENU_ITEM (item)) {
		g_set_weak_pointer (&d->encrypt_item, item);
		d->encrypt_handler = g_signal_connect (item, "toggled", G_CALLBACK (encrypt_toggled), d);
	}
	g_object_set_data_full (G_OBJECT (c->window), DATA_KEY, d, compose_data_free);
	return d;
}

static gboolean
compose_created (gpointer source, gpointer data)
{
	Compose *c = source;
	ComposeData *d;

	(void) data;
	if (c == NULL || c->window == NULL || c->account == NULL)
		return FALSE;
	d = compose_data (c);
	apply (d, c->mode == COMPOSE_REEDIT);
	/* Replies get their replyinfo, and Claws its reply defaults, after
	 * this hook: look again once the window is complete. */
	if (d->idle == 0)
		d->idle = g_idle_add (apply_idle, d);
	return FALSE;
}

/* The addresses of the To, Cc and Bcc header rows. */
static GPtrArray *
recipients (Compose *c)
{
	const char *kinds[] = { "To:", "Cc:", "Bcc:" };
	GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

	for (GSList *l = c->header_list; l != NULL; l = l->next) {
		ComposeHeaderEntry *h = l->data;
		GtkWidget *entry = gtk_bin_get_child (GTK_BIN (h->combo));
		const char *kind = GTK_IS_ENTRY (entry) ? gtk_entry_get_text (GTK_ENTRY (entry)) : NULL;
		gboolean wanted = FALSE;
		g_autofree char *text = NULL;
		GSList *addrs;

		for (gsize i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
			if (g_utf8_collate (kind, prefs_common_translated_header_name (kinds[i])) == 0)
				wanted = TRUE;
		if (!wanted)
			continue;
		text = gtk_editable_get_chars (GTK_EDITABLE (h->entry), 0, -1);
		addrs = address_list_append (NULL, text);
		for (GSList *a = addrs; a != NULL; a = a->next)
			if (a->data != NULL && *(char *) a->data != '\0')
				g_ptr_array_add (out, g_strdup (a->data));
		slist_free_strings_full (addrs);
	}
	g_ptr_array_add (out, NULL);
	return out;
}

static void
tell (const char *title, const char *message, gboolean blocking)
{
	GtkWidget *dialog;
	MainWindow *mw = mainwindow_get_mainwindow ();

	if (blocking) {
		alertpanel_full (title, message, NULL, _("_Close"), NULL, NULL, NULL, NULL,
				 ALERTFOCUS_FIRST, FALSE, NULL, ALERT_WARNING);
		return;
	}
	/* The compose window closes once the message is sent: a notice that
	 * outlives it, which the user closes when read. */
	dialog = gtk_message_dialog_new (mw ? GTK_WINDOW (mw->window) : NULL, GTK_DIALOG_DESTROY_WITH_PARENT,
					 GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE, "%s", message);
	gtk_window_set_title (GTK_WINDOW (dialog), title);
	g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
	gtk_widget_show (dialog);
}

static gboolean
check_before_send (gpointer source, gpointer data)
{
	Compose *c = source;
	ComposeData *d;
	g_autoptr (MsPolicy) policy = NULL;
	g_auto (MsSendDecision) decision = { 0 };
	g_auto (GStrv) without = NULL;
	g_autoptr (GError) error = NULL;
	MsComposeContext ctx;
	MsComposeState st;
	MsPrivacySystem system = MS_PRIVACY_NONE;
	const char *locked_by = NULL;
	gboolean has_system, sign, encrypt;

	(void) data;
	if (c == NULL || c->account == NULL || c->window == NULL)
		return FALSE;
	d = compose_data (c);
	policy = ms_claws_privacy_policy (c->account);
	context_of (c, &ctx);
	ms_policy_compose_state (policy, &ctx, &st);
	has_system = c->privacy_system != NULL && *c->privacy_system != '\0'
		&& ms_privacy_system_from_id (c->privacy_system, &system) && system != MS_PRIVACY_NONE;

	/* A locked privacy system other than the window's. */
	if (ms_policy_is_locked (policy, MS_POLICY_SYSTEM, &locked_by)
	    && st.system != MS_PRIVACY_NONE && (!has_system || system != st.system)) {
		g_autofree char *msg = g_strdup_printf (
			_("This account must sign and encrypt with %s (set by %s), but this message is set to use %s.\n\n"
			  "Choose %s in Options → Privacy System, then send again."),
			system_name (ms_privacy_system_to_id (st.system)),
			locked_by ? locked_by : _("your administrator"),
			has_system ? system_name (c->privacy_system) : _("none"),
			system_name (ms_privacy_system_to_id (st.system)));
		log_warning (LOG_PROTOCOL, "mailsetup: sending refused: %s\n", msg);
		tell (_("Message not sent"), msg, TRUE);
		return TRUE;
	}
	sign = has_system && c->use_signing;
	encrypt = has_system && c->use_encryption;
	/* The keys matter when encryption is on or may be turned on. */
	if (has_system && (encrypt || (st.auto_encrypt && !d->encrypt_touched))) {
		g_autoptr (GPtrArray) to = recipients (c);
		without = ms_claws_privacy_without_key (system, (const char *const *) to->pdata, &error);
		if (without == NULL)
			log_warning (LOG_PROTOCOL, "mailsetup: recipients' keys not looked up: %s\n",
				     error->message);
	}
	ms_policy_check_send (policy, &ctx, sign, encrypt, d->encrypt_touched,
			      (const char *const *) without, &decision);
	switch (decision.verdict) {
	case MS_SEND_REFUSED:
		log_warning (LOG_PROTOCOL, "mailsetup: sending refused: %s\n",
			     decision.reason ? decision.reason : "");
		tell (_("Message not sent"), decision.reason ? decision.reason : _("The account’s policy forbids sending this message."), TRUE);
		return TRUE;
	case MS_SEND_ENCRYPT:
	case MS_SEND_OK:
		break;
	}
	if (has_system) {
		d->applying = TRUE;
		if (decision.sign != c->use_signing)
			compose_use_signing (c, decision.sign);
		if (decision.encrypt != c->use_encryption)
			compose_use_encryption (c, decision.encrypt);
		d->applying = FALSE;
	}
	log_message (LOG_PROTOCOL, "mailsetup: sending with %s: sign %s, encrypt %s%s%s\n",
		     has_system ? c->privacy_system : "no privacy system", yes_no (c->use_signing),
		     yes_no (c->use_encryption),
		     decision.verdict == MS_SEND_ENCRYPT ? " (every recipient has a key)" : "",
		     decision.missing_keys && decision.missing_keys[0] ? " (some recipients have no key)" : "");
	if (decision.verdict == MS_SEND_OK && decision.missing_keys != NULL && decision.missing_keys[0] != NULL) {
		g_autofree char *who = g_strjoinv (", ", decision.missing_keys);
		g_autofree char *msg = decision.reason
			? g_strdup (decision.reason)
			: g_strdup_printf (_("Not encrypted: no usable key for %s."), who);
		log_message (LOG_PROTOCOL, "mailsetup: not encrypted, no usable key for: %s\n", who);
		tell (_("Not encrypted"), msg, FALSE);
	}
	return FALSE;
}

void
ms_claws_compose_policy_init (void)
{
	created_hook = hooks_register_hook (COMPOSE_CREATED_HOOKLIST, compose_created, NULL);
	send_hook = hooks_register_hook (COMPOSE_CHECK_BEFORE_SEND_HOOKLIST, check_before_send, NULL);
	/* Windows open before the plugin was loaded get the policy too. */
	for (const GList *l = compose_get_compose_list (); l != NULL; l = l->next)
		compose_created (l->data, NULL);
}

void
ms_claws_compose_policy_done (void)
{
	if (send_hook != HOOK_NONE)
		hooks_unregister_hook (COMPOSE_CHECK_BEFORE_SEND_HOOKLIST, send_hook);
	if (created_hook != HOOK_NONE)
		hooks_unregister_hook (COMPOSE_CREATED_HOOKLIST, created_hook);
	send_hook = created_hook = HOOK_NONE;
	/* Nothing of ours stays attached to open windows (the plugin's code
	 * stays mapped, but its state is reset: see plugin.c). */
	for (const GList *l = compose_get_compose_list (); l != NULL; l = l->next) {
		Compose *c = l->data;
		if (c->window != NULL)
			g_object_set_data (G_OBJECT (c->window), DATA_KEY, NULL);
	}
}
