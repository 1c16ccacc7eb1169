/* The account preferences page "Signing and encryption": the account's
 * policy (privacy system, what is signed or encrypted by default, whether
 * each may be switched per message, automatic encryption, the keys that
 * sign and that one's own copies are encrypted to). What a site locked is
 * shown read-only with who locked it, read through the same merge as the
 * compose windows (privacy-account.c), so a lock from any layer shows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "privacy-page.h"
#include "prefs-widgets.h"
#include "privacy-account.h"
#include "privacy-keys.h"

#include <string.h>

/* The rules the page shows, in this order. */
static const MsPolicySetting rules[] = {
	MS_POLICY_SIGN, MS_POLICY_ENCRYPT, MS_POLICY_SIGN_REPLY, MS_POLICY_ENCRYPT_REPLY,
	MS_POLICY_AUTO_ENCRYPT,
};
#define N_RULES G_N_ELEMENTS (rules)

/* The privacy systems, in the combo's order. */
static const MsPrivacySystem systems[] = {
	MS_PRIVACY_NONE, MS_PRIVACY_PGP_MIME, MS_PRIVACY_PGP_INLINE, MS_PRIVACY_SMIME,
};

/* The identity combos' first rows, then one row per key. */
static const MsIdentityMode modes[] = { MS_IDENTITY_BY_ADDRESS, MS_IDENTITY_DEFAULT, MS_IDENTITY_ASK };

typedef struct {
	GtkWidget *combo;
	GtkWidget *warning;
	GPtrArray *fingerprints;	/* of the rows after the modes */
} IdentityRow;

typedef struct {
	PrefsPage page;
	PrefsAccount *account;
	MsPolicy *merged;
	GtkWidget *system;
	GtkWidget *value[N_RULES];
	GtkWidget *switchable[N_RULES];
	IdentityRow identity[2];	/* signing, encryption */
	GtkWidget *keys_note;
	GPtrArray *keys;		/* MsClawsKey, of the system chosen */
	GCancellable *listing;		/* the keys being listed */
} Page;

static Page page;
static char *path[3];

static const char *
system_label (MsPrivacySystem s)
{
	switch (s) {
	case MS_PRIVACY_NONE: return _("None");
	case MS_PRIVACY_PGP_MIME: return _("OpenPGP (PGP/MIME)");
	case MS_PRIVACY_PGP_INLINE: return _("OpenPGP, inline");
	case MS_PRIVACY_SMIME: return _("S/MIME");
	}
	return "";
}

static const char *
mode_label (MsIdentityMode m)
{
	switch (m) {
	case MS_IDENTITY_BY_ADDRESS: return _("The key that carries the account’s address");
	case MS_IDENTITY_DEFAULT: return _("GnuPG’s default key");
	case MS_IDENTITY_ASK: return _("Ask when it is needed");
	case MS_IDENTITY_FINGERPRINT: break;
	}
	return "";
}

/* Under a locked item, who locked it (else nothing). */
static GtkWidget *
lock_label (MsPolicySetting setting)
{
	g_autofree char *text = ms_policy_lock_reason (page.merged, setting);
	GtkWidget *l;

	if (text == NULL)
		return NULL;
	l = gtk_label_new (text);
	gtk_widget_set_halign (l, GTK_ALIGN_START);
	gtk_style_context_add_class (gtk_widget_get_style_context (l), "dim-label");
	return l;
}

static MsPrivacySystem
chosen_system (void)
{
	int i = gtk_combo_box_get_active (GTK_COMBO_BOX (page.system));

	return i >= 0 && (gsize) i < G_N_ELEMENTS (systems) ? systems[i] : MS_PRIVACY_NONE;
}

/* Fills an identity combo with the modes and the keys of the system
 * chosen, selecting what the policy holds. */
static void
fill_identity (IdentityRow *row, MsPolicySetting setting, GPtrArray *keys)
{
	const char *fpr = NULL;
	MsIdentityMode mode = ms_policy_get_identity (page.merged, setting, &fpr);
	GtkComboBoxText *combo = GTK_COMBO_BOX_TEXT (row->combo);
	int active = 0;

	gtk_combo_box_text_remove_all (combo);
	g_ptr_array_set_size (row->fingerprints, 0);
	for (gsize i = 0; i < G_N_ELEMENTS (modes); i++) {
		gtk_combo_box_text_append_text (combo, mode_label (modes[i]));
		if (modes[i] == mode)
			active = (int) i;
	}
	for (guint i = 0; keys != NULL && i < keys->len; i++) {
		MsClawsKey *k = keys->pdata[i];
		g_autofree char *text = k->warning ? g_strdup_printf ("%s — %s", k->label, k->warning)
						   : g_strdup (k->label);
		gtk_combo_box_text_append_text (combo, text);
		g_ptr_array_add (row->fingerprints, g_strdup (k->fingerprint));
		if (mode == MS_IDENTITY_FINGERPRINT && fpr != NULL && g_ascii_strcasecmp (fpr, k->fingerprint) == 0)
			active = (int) (G_N_ELEMENTS (modes) + i);
	}
	/* A key the policy names that GnuPG does not have (any more), or
	 * not listed yet. */
	if (mode == MS_IDENTITY_FINGERPRINT && fpr != NULL && active == 0) {
		g_autofree char *text = g_strdup_printf (keys != NULL ? _("Key %s (not found)") : _("Key %s"), fpr);
		gtk_combo_box_text_append_text (combo, text);
		g_ptr_array_add (row->fingerprints, g_strdup (fpr));
		active = (int) (G_N_ELEMENTS (modes) + row->fingerprints->len - 1);
	}
	gtk_combo_box_set_active (GTK_COMBO_BOX (row->combo), active);
}

/* The warning of the key chosen (expired, revoked…), in words. */
static void
identity_changed (GtkComboBox *combo, gpointer p)
{
	IdentityRow *row = p;
	int i = gtk_combo_box_get_active (combo) - (int) G_N_ELEMENTS (modes);
	MsClawsKey *k = page.keys != NULL && i >= 0 && (guint) i < page.keys->len ? page.keys->pdata[i] : NULL;

	gtk_label_set_text (GTK_LABEL (row->warning), k != NULL && k->warning != NULL ? k->warning : "");
}

static void
keys_listed (GObject *source, GAsyncResult *result, gpointer p)
{
	g_autoptr (GError) error = NULL;
	GPtrArray *keys = ms_claws_privacy_keys_finish (result, &error);
	MsPrivacySystem s;

	(void) source;
	(void) p;
	if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		return;		/* the page is gone, or another system chosen */
	g_clear_object (&page.listing);
	g_clear_pointer (&page.keys, g_ptr_array_unref);
	page.keys = keys;
	s = chosen_system ();
	fill_identity (&page.identity[0], MS_POLICY_SIGNING_IDENTITY, page.keys);
	fill_identity (&page.identity[1], MS_POLICY_ENCRYPTION_IDENTITY, page.keys);
	if (error != NULL)
		gtk_label_set_text (GTK_LABEL (page.keys_note), error->message);
	else if (page.keys->len == 0)
		gtk_label_set_text (GTK_LABEL (page.keys_note),
				    s == MS_PRIVACY_SMIME
				    ? _("No certificate that can sign was found. Import one with gpgsm or Kleopatra.")
				    : _("No key that can sign was found. Create or import one in the account’s "
					"“Privacy → GPG” page, or with GnuPG."));
	else
		gtk_label_set_text (GTK_LABEL (page.keys_note), "");
}

/* The identity combos show the modes at once, the keys when GnuPG has
 * listed them (in the engine's threads: the dialog never waits). */
static void
refill_keys (void)
{
	MsPrivacySystem s = chosen_system ();

	if (page.listing != NULL)
		g_cancellable_cancel (page.listing);
	g_clear_object (&page.listing);
	g_clear_pointer (&page.keys, g_ptr_array_unref);
	fill_identity (&page.identity[0], MS_POLICY_SIGNING_IDENTITY, NULL);
	fill_identity (&page.identity[1], MS_POLICY_ENCRYPTION_IDENTITY, NULL);
	gtk_label_set_text (GTK_LABEL (page.keys_note), "");
	if (s == MS_PRIVACY_NONE)
		return;
	page.listing = g_cancellable_new ();
	ms_claws_privacy_keys_async (s, page.listing, keys_listed, NULL);
}

static void
system_changed (GtkComboBox *combo, gpointer p)
{
	(void) combo;
	(void) p;
	refill_keys ();
}

/* A locked item's widgets insensitive, and who locked it on the row
 * under them (a row of its own: a file name can be long). */
static void
attach_lock (GtkGrid *grid, int row, MsPolicySetting setting, GtkWidget **widgets, int n)
{
	GtkWidget *l = lock_label (setting);

	if (l == NULL)
		return;
	for (int i = 0; i < n; i++)
		gtk_widget_set_sensitive (widgets[i], FALSE);
	gtk_label_set_line_wrap (GTK_LABEL (l), TRUE);
	gtk_label_set_line_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
	gtk_label_set_max_width_chars (GTK_LABEL (l), 50);
	gtk_label_set_xalign (GTK_LABEL (l), 0.0);
	gtk_widget_set_margin_start (l, 24);
	gtk_grid_attach (grid, l, 0, row, 3, 1);
}

/* Long key descriptions end in "…" rather than widen the page. */
static void
ellipsize (GtkWidget *combo)
{
	g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

	for (GList *c = cells; c != NULL; c = c->next)
		if (GTK_IS_CELL_RENDERER_TEXT (c->data))
			g_object_set (c->data, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars", 24, NULL);
}

static GtkWidget *
identity_widgets (GtkGrid *grid, int row, const char *label, IdentityRow *id, MsPolicySetting setting)
{
	GtkWidget *l = gtk_label_new_with_mnemonic (label);

	id->combo = gtk_combo_box_text_new ();
	id->warning = gtk_label_new ("");
	id->fingerprints = g_ptr_array_new_with_free_func (g_free);
	gtk_label_set_mnemonic_widget (GTK_LABEL (l), id->combo);
	gtk_widget_set_halign (l, GTK_ALIGN_START);
	gtk_widget_set_halign (id->warning, GTK_ALIGN_START);
	gtk_label_set_line_wrap (GTK_LABEL (id->warning), TRUE);
	gtk_label_set_max_width_chars (GTK_LABEL (id->warning), 40);
	ellipsize (id->combo);
	gtk_grid_attach (grid, l, 0, row, 1, 1);
	gtk_grid_attach (grid, id->combo, 1, row, 1, 1);
	gtk_grid_attach (grid, id->warning, 1, row + 1, 1, 1);
	attach_lock (grid, row + 2, setting, &id->combo, 1);
	g_signal_connect (id->combo, "changed", G_CALLBACK (identity_changed), id);
	return id->combo;
}

static void
create_widget (PrefsPage *p, GtkWindow *window, gpointer data)
{
	PrefsAccount *account = data;
	GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *sys = gtk_grid_new ();
	GtkWidget *grid = gtk_grid_new ();
	GtkWidget *ids = gtk_grid_new ();
	GtkWidget *l;
	MsPrivacySystem current;

	(void) window;
	page.account = account;
	g_clear_pointer (&page.merged, ms_policy_free);
	page.merged = ms_claws_privacy_policy (account);
	current = ms_policy_get_system (page.merged);
	gtk_container_set_border_width (GTK_CONTAINER (vbox), 12);

	/* The system */
	gtk_grid_set_column_spacing (GTK_GRID (sys), 8);
	page.system = gtk_combo_box_text_new ();
	for (gsize i = 0; i < G_N_ELEMENTS (systems); i++) {
		gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (page.system), system_label (systems[i]));
		if (systems[i] == current)
			gtk_combo_box_set_active (GTK_COMBO_BOX (page.system), (int) i);
	}
	l = gtk_label_new_with_mnemonic (_("_Sign and encrypt with"));
	gtk_label_set_mnemonic_widget (GTK_LABEL (l), page.system);
	gtk_grid_attach (GTK_GRID (sys), l, 0, 0, 1, 1);
	gtk_grid_attach (GTK_GRID (sys), page.system, 1, 0, 1, 1);
	attach_lock (GTK_GRID (sys), 1, MS_POLICY_SYSTEM, &page.system, 1);
	gtk_box_pack_start (GTK_BOX (vbox), ms_claws_prefs_frame (_("Privacy system"), sys), FALSE, FALSE, 0);

	/* The rules: on by default, and whether each window may switch it */
	gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
	gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
	for (gsize i = 0; i < N_RULES; i++) {
		MsPolicyRule rule;
		GtkWidget *both[2];

		ms_policy_get_rule (page.merged, rules[i], &rule);
		page.value[i] = gtk_check_button_new_with_label (ms_policy_setting_label (rules[i]));
		page.switchable[i] = gtk_check_button_new_with_label (_("switchable per message"));
		gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page.value[i]), rule.value);
		gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page.switchable[i]), rule.per_message_switch);
		gtk_grid_attach (GTK_GRID (grid), page.value[i], 0, 2 * (int) i, 1, 1);
		gtk_grid_attach (GTK_GRID (grid), page.switchable[i], 1, 2 * (int) i, 1, 1);
		both[0] = page.value[i];
		both[1] = page.switchable[i];
		attach_lock (GTK_GRID (grid), 2 * (int) i + 1, rules[i], both, 2);
	}
	gtk_box_pack_start (GTK_BOX (vbox), ms_claws_prefs_frame (_("For every message"), grid), FALSE, FALSE, 0);

	/* The keys */
	gtk_grid_set_row_spacing (GTK_GRID (ids), 4);
	gtk_grid_set_column_spacing (GTK_GRID (ids), 8);
	identity_widgets (GTK_GRID (ids), 0, _("Sign _with"), &page.identity[0], MS_POLICY_SIGNING_IDENTITY);
	identity_widgets (GTK_GRID (ids), 3, _("Encrypt my own _copies to"), &page.identity[1],
			  MS_POLICY_ENCRYPTION_IDENTITY);
	page.keys_note = gtk_label_new ("");
	gtk_label_set_line_wrap (GTK_LABEL (page.keys_note), TRUE);
	gtk_label_set_max_width_chars (GTK_LABEL (page.keys_note), 60);
	gtk_widget_set_halign (page.keys_note, GTK_ALIGN_START);
	gtk_grid_attach (GTK_GRID (ids), page.keys_note, 0, 6, 3, 1);
	gtk_box_pack_start (GTK_BOX (vbox), ms_claws_prefs_frame (_("Keys"), ids), FALSE, FALSE, 0);

	refill_keys ();
	g_signal_connect (page.system, "changed", G_CALLBACK (system_changed), NULL);
	gtk_widget_show_all (vbox);
	p->widget = vbox;
}

static void
destroy_widget (PrefsPage *p)
{
	(void) p;
	if (page.listing != NULL)
		g_cancellable_cancel (page.listing);
	g_clear_object (&page.listing);
	for (int r = 0; r < 2; r++)
		g_clear_pointer (&page.identity[r].fingerprints, g_ptr_array_unref);
	g_clear_pointer (&page.keys, g_ptr_array_unref);
	g_clear_pointer (&page.merged, ms_policy_free);
	page.account = NULL;
}

/* The identity a combo shows, into @changes when the user changed it. */
static void
save_identity (MsPolicy *changes, MsPolicySetting setting, IdentityRow *row, GError **error)
{
	int i = gtk_combo_box_get_active (GTK_COMBO_BOX (row->combo));
	const char *was_fpr = NULL;
	MsIdentityMode was = ms_policy_get_identity (page.merged, setting, &was_fpr);

	if (i < 0 || ms_policy_is_locked (page.merged, setting, NULL))
		return;
	if ((gsize) i < G_N_ELEMENTS (modes)) {
		if (modes[i] != was)
			ms_policy_set_identity (changes, setting, modes[i], NULL, error);
	} else if ((guint) i - G_N_ELEMENTS (modes) < row->fingerprints->len) {
		const char *fpr = row->fingerprints->pdata[i - G_N_ELEMENTS (modes)];
		if (was != MS_IDENTITY_FINGERPRINT || g_ascii_strcasecmp (fpr, was_fpr ? was_fpr : "") != 0)
			ms_policy_set_identity (changes, setting, MS_IDENTITY_FINGERPRINT, fpr, error);
	}
}

typedef struct {
	int account_id;
	MsPolicy *changes;
} Pending;

static void
pending_free (gpointer p)
{
	Pending *pending = p;

	ms_policy_free (pending->changes);
	g_free (pending);
}

/* After every page of the dialog has saved. Claws's own Privacy page
 * edits some of the same account fields (default_sign…) and saves in an
 * order of its own: only what the user changed on this page is put over
 * the account as the other pages left it, then accountrc written again. */
static gboolean
save_later (gpointer p)
{
	Pending *pending = p;
	PrefsAccount *account = account_find_from_id (pending->account_id);
	g_autoptr (MsPolicy) user = NULL;
	g_autoptr (MsPolicy) updated = NULL;
	g_autoptr (GError) error = NULL;

	if (account == NULL)
		return G_SOURCE_REMOVE;	/* the account was removed meanwhile */
	user = ms_claws_privacy_user_layer (account);
	updated = ms_policy_merge (user, pending->changes);
	if (!ms_claws_privacy_save (account, updated, &error)) {
		log_warning (LOG_PROTOCOL, "mailsetup: signing and encryption settings not saved: %s\n",
			     error->message);
		alertpanel_error (_("The signing and encryption settings were not saved: %s"), error->message);
		return G_SOURCE_REMOVE;
	}
	account_write_config_all ();
	log_message (LOG_PROTOCOL, "mailsetup: signing and encryption settings of account %d saved\n",
		     account->account_id);
	if (page.account == account) {
		g_clear_pointer (&page.merged, ms_policy_free);
		page.merged = ms_claws_privacy_policy (account);
	}
	return G_SOURCE_REMOVE;
}

static void
save_page (PrefsPage *p)
{
	g_autoptr (MsPolicy) changes = ms_policy_new ();
	g_autoptr (GError) error = NULL;
	Pending *pending;

	(void) p;
	if (page.account == NULL)
		return;
	if (!ms_policy_is_locked (page.merged, MS_POLICY_SYSTEM, NULL)
	    && chosen_system () != ms_policy_get_system (page.merged))
		ms_policy_set_system (changes, chosen_system (), &error);
	for (gsize i = 0; i < N_RULES && error == NULL; i++) {
		MsPolicyRule was;
		gboolean value = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page.value[i]));
		gboolean sw = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page.switchable[i]));

		ms_policy_get_rule (page.merged, rules[i], &was);
		if (!was.locked && (value != was.value || sw != was.per_message_switch))
			ms_policy_set_rule (changes, rules[i], value, sw, &error);
	}
	if (error == NULL)
		save_identity (changes, MS_POLICY_SIGNING_IDENTITY, &page.identity[0], &error);
	if (error == NULL)
		save_identity (changes, MS_POLICY_ENCRYPTION_IDENTITY, &page.identity[1], &error);
	if (error != NULL) {
		log_warning (LOG_PROTOCOL, "mailsetup: signing and encryption settings not saved: %s\n",
			     error->message);
		alertpanel_error (_("The signing and encryption settings were not saved: %s"), error->message);
		return;
	}
	pending = g_new0 (Pending, 1);
	pending->account_id = page.account->account_id;
	pending->changes = g_steal_pointer (&changes);
	g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_later, pending, pending_free);
}

void
ms_claws_privacy_page_init (void)
{
	/* Under Claws's own "Privacy" account page, in Claws's domain. */
	path[0] = g_strdup (dgettext ("claws-mail", "Privacy"));
	path[1] = g_strdup (_("Signing and encryption"));
	path[2] = NULL;
	memset (&page, 0, sizeof page);
	page.page.path = path;
	page.page.weight = 30.0;
	page.page.create_widget = create_widget;
	page.page.destroy_widget = destroy_widget;
	page.page.save_page = save_page;
	prefs_account_register_page ((PrefsPage *) &page);
}

void
ms_claws_privacy_page_done (void)
{
	if (page.page.path == NULL)
		return;
	prefs_account_unregister_page ((PrefsPage *) &page);
	destroy_widget ((PrefsPage *) &page);
	page.page.path = NULL;
	g_clear_pointer (&path[0], g_free);
	g_clear_pointer (&path[1], g_free);
}

gboolean
ms_claws_privacy_page_open_for (PrefsAccount *account)
{
	if (page.page.path == NULL || account == NULL)
		return FALSE;
	/* Claws opens an account's preferences at their first page (it has
	 * no call to open another); ours is under Privacy. */
	account_open (account, FALSE);
	return TRUE;
}
