/* A policy layer in a GKeyFile group: the site-wide defaults an
 * administrator writes (with locks), and the plugin's own per-account
 * section. Values are checked strictly: an administrator's typo must be
 * reported with its key, not read as "false".
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "privacy/policy-private.h"

#include "core/i18n.h"

static void
bad_value (GError **error, const char *group, const char *key, const char *value, const char *expected)
{
	g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID,
	             /* TRANSLATORS: [group] key: "value" is not ... (expected) */
	             _("[%s] %s: “%s” is not valid (expected %s)"), group, key, value, expected);
}

/* Reads @key as a boolean if present. Returns FALSE on a bad value. */
static gboolean
read_bool (GKeyFile *kf, const char *group, const char *key, gboolean *present_r,
           gboolean *value_r, GError **error)
{
	g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);
	*present_r = raw != NULL;
	if (raw == NULL)
		return TRUE;
	g_strstrip (raw);
	if (g_ascii_strcasecmp (raw, "true") == 0 || g_strcmp0 (raw, "1") == 0)
		*value_r = TRUE;
	else if (g_ascii_strcasecmp (raw, "false") == 0 || g_strcmp0 (raw, "0") == 0)
		*value_r = FALSE;
	else {
		bad_value (error, group, key, raw, "true, false");
		return FALSE;
	}
	return TRUE;
}

/* Each reader sets seen_r when its key is present: what the group says
 * about a setting is then recorded as coming from the group's source. */
static gboolean
read_lock (MsPolicy *p, GKeyFile *kf, const char *group, MsPolicySetting s,
           gboolean *seen_r, GError **error)
{
	g_autofree char *key = g_strconcat (ms_policy_setting_key (s), "-locked", NULL);
	gboolean present, locked = FALSE;
	if (!read_bool (kf, group, key, &present, &locked, error))
		return FALSE;
	if (present && locked)
		ms_policy_lock (p, s, TRUE, NULL);
	else if (present)
		p->state[s].locked = FALSE;
	*seen_r = *seen_r || present;
	return TRUE;
}

static gboolean
read_system (MsPolicy *p, GKeyFile *kf, const char *group, gboolean *seen_r, GError **error)
{
	const char *key = ms_policy_setting_key (MS_POLICY_SYSTEM);
	g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);
	if (raw == NULL)
		return TRUE;
	g_strstrip (raw);
	if (!ms_privacy_system_from_id (raw, &p->system)) {
		bad_value (error, group, key, raw, "none, pgpmime, pgpinline, smime");
		return FALSE;
	}
	p->state[MS_POLICY_SYSTEM].set = TRUE;
	*seen_r = TRUE;
	return TRUE;
}

static gboolean
read_rule (MsPolicy *p, GKeyFile *kf, const char *group, MsPolicySetting s,
           gboolean *seen_r, GError **error)
{
	MsRuleValue *r = &p->rule[s];
	gboolean present, value = FALSE;
	if (!read_bool (kf, group, ms_policy_setting_key (s), &present, &value, error))
		return FALSE;
	if (present) {
		r->value = value;
		p->state[s].set = TRUE;
		*seen_r = TRUE;
	}
	g_autofree char *switch_key = g_strconcat (ms_policy_setting_key (s), "-switch", NULL);
	if (!read_bool (kf, group, switch_key, &present, &value, error))
		return FALSE;
	if (present) {
		r->per_message_switch = value;
		r->switch_set = TRUE;
		*seen_r = TRUE;
	}
	return TRUE;
}

static gboolean
read_identity (MsPolicy *p, GKeyFile *kf, const char *group, MsPolicySetting s,
               gboolean *seen_r, GError **error)
{
	const char *key = ms_policy_setting_key (s);
	g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);
	if (raw == NULL)
		return TRUE;
	g_strstrip (raw);
	MsIdentityValue *id = &p->identity[_ms_policy_identity_slot (s)];
	g_autofree char *fpr = NULL;
	if (g_ascii_strcasecmp (raw, "by-address") == 0)
		id->mode = MS_IDENTITY_BY_ADDRESS;
	else if (g_ascii_strcasecmp (raw, "ask") == 0)
		id->mode = MS_IDENTITY_ASK;
	else if (g_ascii_strcasecmp (raw, "default") == 0)
		id->mode = MS_IDENTITY_DEFAULT;
	else if ((fpr = _ms_policy_normalize_fingerprint (raw)) != NULL)
		id->mode = MS_IDENTITY_FINGERPRINT;
	else {
		bad_value (error, group, key, raw, "by-address, ask, default, a fingerprint");
		return FALSE;
	}
	g_free (id->fingerprint);
	id->fingerprint = g_steal_pointer (&fpr);
	p->state[s].set = TRUE;
	*seen_r = TRUE;
	return TRUE;
}

gboolean
ms_policy_load_keyfile (MsPolicy *policy, GKeyFile *keyfile, const char *group,
                        const char *source, GError **error)
{
	g_return_val_if_fail (policy != NULL && keyfile != NULL && group != NULL, FALSE);
	if (!g_key_file_has_group (keyfile, group))
		return TRUE;

	/* Fill a copy; the caller's layer changes only if every key is good. */
	g_autoptr (MsPolicy) p = ms_policy_copy (policy);
	gboolean seen[MS_POLICY_N_SETTINGS] = { FALSE };

	if (!read_system (p, keyfile, group, &seen[MS_POLICY_SYSTEM], error))
		return FALSE;
	for (int s = MS_POLICY_SIGN; s <= MS_POLICY_AUTO_ENCRYPT; s++) {
		if (!read_rule (p, keyfile, group, s, &seen[s], error))
			return FALSE;
	}
	if (!read_identity (p, keyfile, group, MS_POLICY_SIGNING_IDENTITY, &seen[MS_POLICY_SIGNING_IDENTITY], error) ||
	    !read_identity (p, keyfile, group, MS_POLICY_ENCRYPTION_IDENTITY, &seen[MS_POLICY_ENCRYPTION_IDENTITY], error))
		return FALSE;
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		if (!read_lock (p, keyfile, group, s, &seen[s], error))
			return FALSE;
		if (seen[s]) {
			g_free (p->state[s].source);
			p->state[s].source = g_strdup (source);
		}
	}

	_ms_policy_replace (policy, g_steal_pointer (&p));
	return TRUE;
}

gboolean
ms_policy_load_file (MsPolicy *policy, const char *path, const char *group, GError **error)
{
	g_return_val_if_fail (policy != NULL && path != NULL && group != NULL, FALSE);
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) local = NULL;
	if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local)) {
		if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		if (local->domain == G_KEY_FILE_ERROR)
			g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID, "%s: %s", path, local->message);
		else
			g_propagate_error (error, g_steal_pointer (&local));
		return FALSE;
	}
	return ms_policy_load_keyfile (policy, kf, group, path, error);
}

static void
write_bool (GKeyFile *kf, const char *group, const char *key, const char *suffix, gboolean value)
{
	g_autofree char *k = g_strconcat (key, suffix, NULL);
	g_key_file_set_boolean (kf, group, k, value);
}

void
ms_policy_save_keyfile (const MsPolicy *policy, GKeyFile *keyfile, const char *group)
{
	g_return_if_fail (policy != NULL && keyfile != NULL && group != NULL);
	g_key_file_remove_group (keyfile, group, NULL);

	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		const char *key = ms_policy_setting_key (s);
		int slot = _ms_policy_identity_slot (s);
		gboolean is_rule = ms_policy_setting_is_rule (s);
		if (policy->state[s].set) {
			if (s == MS_POLICY_SYSTEM) {
				const char *id = ms_privacy_system_to_id (policy->system);
				g_key_file_set_string (keyfile, group, key, *id ? id : "none");
			} else if (slot >= 0) {
				const MsIdentityValue *id = &policy->identity[slot];
				const char *text = id->mode == MS_IDENTITY_FINGERPRINT ? id->fingerprint
				                 : id->mode == MS_IDENTITY_ASK ? "ask"
				                 : id->mode == MS_IDENTITY_DEFAULT ? "default" : "by-address";
				g_key_file_set_string (keyfile, group, key, text);
			} else {
				write_bool (keyfile, group, key, "", policy->rule[s].value);
			}
		}
		if (is_rule && policy->rule[s].switch_set)
			write_bool (keyfile, group, key, "-switch", policy->rule[s].per_message_switch);
		if (policy->state[s].locked)
			write_bool (keyfile, group, key, "-locked", TRUE);
	}
}
