/* An account's signing and encryption policy: the site's layer, the
 * user's layer (Claws's own fields plus the plugin's key file), merged.
 * See privacy-account.h for why each part lives where it does.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "privacy-account.h"
#include "saved-file.h"
#include "settings.h"

#include <string.h>

char *
ms_claws_privacy_group (const PrefsAccount *account)
{
	return g_strdup_printf ("Account %d", account->account_id);
}

static char *
rc_path (void)
{
	return g_build_filename (get_rc_dir (), MS_CLAWS_PRIVACY_RC, NULL);
}

/* The site's [Privacy] group, from the site defaults the settings loaded
 * at the plugin's start: one parser and one reading of mailsetup.conf(5)
 * for the whole plugin, in the directories the engine knows
 * ($(sysconfdir)/mailsetup, then $XDG_CONFIG_DIRS). */
MsPolicy *
ms_claws_privacy_site_layer (void)
{
	MsSiteDefaults *site = ms_claws_settings_site ();

	return site != NULL ? ms_site_defaults_get_policy (site) : ms_policy_new ();
}

/* Claws's own fields for the account, as ms_policy_from_claws() reads them. */
static GHashTable *
claws_fields (PrefsAccount *account)
{
	GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	const char *gpg = prefs_account_get_privacy_prefs (account, (char *) "gpg");
	const char *smime = prefs_account_get_privacy_prefs (account, (char *) "smime");

	g_hash_table_insert (t, g_strdup ("default_privacy_system"),
			     g_strdup (account->default_privacy_system ? account->default_privacy_system : ""));
	g_hash_table_insert (t, g_strdup ("default_sign"), g_strdup (account->default_sign ? "1" : "0"));
	g_hash_table_insert (t, g_strdup ("default_encrypt"), g_strdup (account->default_encrypt ? "1" : "0"));
	g_hash_table_insert (t, g_strdup ("default_sign_reply"),
			     g_strdup (account->default_sign_reply ? "1" : "0"));
	g_hash_table_insert (t, g_strdup ("default_encrypt_reply"),
			     g_strdup (account->default_encrypt_reply ? "1" : "0"));
	if (gpg != NULL && *gpg != '\0')
		g_hash_table_insert (t, g_strdup ("privacy_prefs/gpg"), g_strdup (gpg));
	if (smime != NULL && *smime != '\0')
		g_hash_table_insert (t, g_strdup ("privacy_prefs/smime"), g_strdup (smime));
	return t;
}

MsPolicy *
ms_claws_privacy_user_layer (PrefsAccount *account)
{
	MsPolicy *user = ms_policy_new ();
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) error = NULL;
	g_autoptr (GHashTable) fields = claws_fields (account);
	g_autofree char *path = rc_path ();
	g_autofree char *group = ms_claws_privacy_group (account);

	/* The plugin's group first, Claws's fields over it: Claws stays the
	 * authority for what it holds, also when changed on its own pages. */
	if (g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &error)) {
		if (!ms_policy_load_keyfile (user, kf, group, NULL, &error))
			log_warning (LOG_PROTOCOL, "mailsetup: %s [%s] ignored: %s\n", path, group,
				     error->message);
	} else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
		log_warning (LOG_PROTOCOL, "mailsetup: %s ignored: %s\n", path, error->message);
	}
	g_clear_error (&error);
	if (!ms_policy_from_claws (user, fields, &error))
		log_warning (LOG_PROTOCOL, "mailsetup: account %d: %s\n", account->account_id, error->message);
	return user;
}

/* The profile's group: "Account 3 Profile". */
static char *
profile_group (const PrefsAccount *account)
{
	return g_strdup_printf ("Account %d Profile", account->account_id);
}

MsPolicy *
ms_claws_privacy_profile_layer (PrefsAccount *account)
{
	MsPolicy *profile = ms_policy_new ();
	g_autoptr (GError) error = NULL;
	g_autofree char *path = rc_path ();
	g_autofree char *group = profile_group (account);
	g_autoptr (GKeyFile) kf = ms_key_file_load_optional (path, &error);
	g_autofree char *source = NULL;

	if (kf == NULL) {
		log_warning (LOG_PROTOCOL, "mailsetup: %s ignored: %s\n", path, error->message);
		return profile;
	}
	/* Its source is kept with it: the account page says who locked what. */
	source = g_key_file_get_string (kf, group, MS_CLAWS_PRIVACY_SOURCE_KEY, NULL);
	if (!ms_policy_load_keyfile (profile, kf, group, source ? source : path, &error))
		log_warning (LOG_PROTOCOL, "mailsetup: %s [%s] ignored: %s\n", path, group, error->message);
	return profile;
}

/* Site, then profile, each lower layer's locks kept over what is above. */
static MsPolicy *
lower_layers (PrefsAccount *account)
{
	g_autoptr (MsPolicy) site = ms_claws_privacy_site_layer ();
	g_autoptr (MsPolicy) profile = ms_claws_privacy_profile_layer (account);

	return ms_policy_merge (site, profile);
}

MsPolicy *
ms_claws_privacy_policy (PrefsAccount *account)
{
	g_autoptr (MsPolicy) lower = lower_layers (account);
	g_autoptr (MsPolicy) user = ms_claws_privacy_user_layer (account);

	return ms_policy_merge (lower, user);
}

static gboolean
flag (GHashTable *t, const char *key, gboolean old)
{
	const char *v = g_hash_table_lookup (t, key);

	return v == NULL ? old : strcmp (v, "1") == 0;
}

/* Claws's fields from the merged policy (what Claws can hold). */
static void
set_claws_fields (PrefsAccount *account, const MsPolicy *merged)
{
	g_autoptr (GHashTable) t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	const char *v;

	ms_policy_to_claws (merged, t);
	if ((v = g_hash_table_lookup (t, "default_privacy_system")) != NULL) {
		g_free (account->default_privacy_system);
		account->default_privacy_system = g_strdup (v);
	}
	account->default_sign = flag (t, "default_sign", account->default_sign);
	account->default_encrypt = flag (t, "default_encrypt", account->default_encrypt);
	account->default_sign_reply = flag (t, "default_sign_reply", account->default_sign_reply);
	account->default_encrypt_reply = flag (t, "default_encrypt_reply", account->default_encrypt_reply);
	if ((v = g_hash_table_lookup (t, "privacy_prefs/gpg")) != NULL)
		prefs_account_set_privacy_prefs (account, (char *) "gpg", (char *) v);
	if ((v = g_hash_table_lookup (t, "privacy_prefs/smime")) != NULL)
		prefs_account_set_privacy_prefs (account, (char *) "smime", (char *) v);
}

gboolean
ms_claws_privacy_save (PrefsAccount *account, const MsPolicy *user, GError **error)
{
	g_autoptr (MsPolicy) lower = lower_layers (account);
	g_autoptr (MsPolicy) merged = ms_policy_merge (lower, user);
	g_autofree char *path = rc_path ();
	g_autofree char *group = ms_claws_privacy_group (account);
	/* Other accounts' groups are kept; a file that cannot be read is not
	 * overwritten (it may be the user's, hand-edited). */
	g_autoptr (GKeyFile) kf = ms_key_file_load_optional (path, error);

	if (kf == NULL)
		return FALSE;
	ms_policy_save_keyfile (user, kf, group);
	if (!g_key_file_save_to_file (kf, path, error))	/* g_file_set_contents: atomic */
		return FALSE;
	set_claws_fields (account, merged);
	return TRUE;
}

/* The source the profile's layer gives its settings (one for all). */
static const char *
source_of (const MsPolicy *policy)
{
	const char *source = NULL;

	for (int s = 0; s < MS_POLICY_N_SETTINGS && source == NULL; s++)
		ms_policy_is_locked (policy, s, &source);
	return source;
}

gboolean
ms_claws_privacy_store_profile (PrefsAccount *account, const MsPolicy *profile, const char *source,
				GError **error)
{
	g_autoptr (MsPolicy) site = ms_claws_privacy_site_layer ();
	g_autoptr (MsPolicy) lower = ms_policy_merge (site, profile);
	g_autofree char *path = rc_path ();
	g_autofree char *group = profile_group (account);
	g_autoptr (GKeyFile) kf = ms_key_file_load_optional (path, error);
	const char *own = source_of (profile);

	if (kf == NULL)
		return FALSE;
	ms_policy_save_keyfile (profile, kf, group);
	if (own != NULL || source != NULL)
		g_key_file_set_string (kf, group, MS_CLAWS_PRIVACY_SOURCE_KEY, own ? own : source);
	if (!g_key_file_save_to_file (kf, path, error))
		return FALSE;
	/* Claws's fields take what the profile sets (the site's locks over
	 * it): Claws's fields are the user's layer, which would otherwise
	 * hide the profile's unlocked choices behind Claws's defaults. */
	set_claws_fields (account, lower);
	return TRUE;
}
