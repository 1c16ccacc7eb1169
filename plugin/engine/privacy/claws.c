/* A policy as Claws Mail's own per-account settings (prefs_account.c's
 * privacy_param, and the "gpg"/"smime" entries the PGP and S/MIME plugins
 * keep in privacy_prefs), as a plain table: the engine knows Claws's key
 * names, never its code. What Claws cannot hold stays in the plugin's own
 * section (keyfile.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "privacy/policy-private.h"

#include "core/i18n.h"

/* Claws's boolean account keys, in its order, and their rules. */
static const struct {
	const char *key;
	MsPolicySetting setting;
} claws_rules[] = {
	{ "default_encrypt", MS_POLICY_ENCRYPT },
	{ "default_encrypt_reply", MS_POLICY_ENCRYPT_REPLY },
	{ "default_sign", MS_POLICY_SIGN },
	{ "default_sign_reply", MS_POLICY_SIGN_REPLY },
};

#define CLAWS_SYSTEM_KEY "default_privacy_system"

static const char *
identity_key (MsPrivacySystem system)
{
	return system == MS_PRIVACY_SMIME ? "privacy_prefs/smime" : "privacy_prefs/gpg";
}

static void
put (GHashTable *prefs, const char *key, char *value)
{
	g_hash_table_replace (prefs, g_strdup (key), value);
}

void
ms_policy_to_claws (const MsPolicy *policy, GHashTable *prefs)
{
	g_return_if_fail (policy != NULL && prefs != NULL);
	put (prefs, CLAWS_SYSTEM_KEY, g_strdup (ms_privacy_system_to_id (policy->system)));
	/* Claws writes its P_BOOL settings as "0" and "1". */
	for (gsize i = 0; i < G_N_ELEMENTS (claws_rules); i++)
		put (prefs, claws_rules[i].key, g_strdup (policy->rule[claws_rules[i].setting].value ? "1" : "0"));
	if (policy->system == MS_PRIVACY_NONE)
		return;

	const MsIdentityValue *id = &policy->identity[0];
	char *value;
	switch (id->mode) {
	case MS_IDENTITY_FINGERPRINT:
		value = g_strdup_printf ("CUSTOM;%s", id->fingerprint);
		break;
	case MS_IDENTITY_DEFAULT:
		value = g_strdup ("DEFAULT");
		break;
	case MS_IDENTITY_BY_ADDRESS:
	case MS_IDENTITY_ASK:
	default:
		/* Claws cannot ask: by address is the nearest it does alone. */
		value = g_strdup ("BY_FROM");
		break;
	}
	put (prefs, identity_key (policy->system), value);
}

static gboolean
claws_bool (const char *key, const char *raw, gboolean *value_r, GError **error)
{
	g_autofree char *v = g_strstrip (g_strdup (raw));
	if (g_strcmp0 (v, "1") == 0 || g_ascii_strcasecmp (v, "true") == 0)
		*value_r = TRUE;
	else if (g_strcmp0 (v, "0") == 0 || g_ascii_strcasecmp (v, "false") == 0)
		*value_r = FALSE;
	else {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID,
		             _("Claws Mail setting %s: “%s” is not valid (expected %s)"), key, raw, "0, 1");
		return FALSE;
	}
	return TRUE;
}

static gboolean
claws_identity (MsPolicy *p, const char *key, const char *raw, GError **error)
{
	MsIdentityValue *id = &p->identity[0];
	g_autofree char *fpr = NULL;
	if (g_strcmp0 (raw, "DEFAULT") == 0) {
		id->mode = MS_IDENTITY_DEFAULT;
	} else if (g_strcmp0 (raw, "BY_FROM") == 0) {
		id->mode = MS_IDENTITY_BY_ADDRESS;
	} else if (g_str_has_prefix (raw, "CUSTOM;") && (fpr = _ms_policy_normalize_fingerprint (raw + 7)) != NULL) {
		id->mode = MS_IDENTITY_FINGERPRINT;
	} else {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID,
		             _("Claws Mail setting %s: “%s” is not valid (expected %s)"), key, raw,
		             "DEFAULT, BY_FROM, CUSTOM;<fingerprint>");
		return FALSE;
	}
	g_free (id->fingerprint);
	id->fingerprint = g_steal_pointer (&fpr);
	p->state[MS_POLICY_SIGNING_IDENTITY].set = TRUE;
	return TRUE;
}

gboolean
ms_policy_from_claws (MsPolicy *policy, GHashTable *prefs, GError **error)
{
	g_return_val_if_fail (policy != NULL && prefs != NULL, FALSE);
	g_autoptr (MsPolicy) p = ms_policy_copy (policy);

	const char *raw = g_hash_table_lookup (prefs, CLAWS_SYSTEM_KEY);
	if (raw != NULL) {
		g_autofree char *id = g_strstrip (g_strdup (raw));
		/* "none" is not Claws's, but harmless to accept. */
		if (!ms_privacy_system_from_id (id, &p->system)) {
			g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID,
			             _("Claws Mail setting %s: “%s” is not a privacy system mailsetup knows"),
			             CLAWS_SYSTEM_KEY, raw);
			return FALSE;
		}
		p->state[MS_POLICY_SYSTEM].set = TRUE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (claws_rules); i++) {
		raw = g_hash_table_lookup (prefs, claws_rules[i].key);
		if (raw == NULL)
			continue;
		if (!claws_bool (claws_rules[i].key, raw, &p->rule[claws_rules[i].setting].value, error))
			return FALSE;
		p->state[claws_rules[i].setting].set = TRUE;
	}
	const char *key = identity_key (p->system);
	raw = g_hash_table_lookup (prefs, key);
	if (raw != NULL && *raw != '\0' && !claws_identity (p, key, raw, error))
		return FALSE;

	_ms_policy_replace (policy, g_steal_pointer (&p));
	return TRUE;
}
