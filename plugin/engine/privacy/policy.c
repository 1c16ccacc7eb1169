/* MsPolicy: the signing and encryption policy model, its layers, and the
 * two decisions taken from it (compose window, sending).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "privacy/policy-private.h"

#include <string.h>
#include "core/i18n.h"

G_DEFINE_QUARK (ms-policy-error-quark, ms_policy_error)
G_DEFINE_BOXED_TYPE (MsPolicy, ms_policy, ms_policy_copy, ms_policy_free)

const char *
ms_privacy_system_to_id (MsPrivacySystem system)
{
	switch (system) {
	case MS_PRIVACY_NONE: return "";
	case MS_PRIVACY_PGP_MIME: return "pgpmime";
	case MS_PRIVACY_PGP_INLINE: return "pgpinline";
	case MS_PRIVACY_SMIME: return "smime";
	}
	return "";
}

gboolean
ms_privacy_system_from_id (const char *id, MsPrivacySystem *system_r)
{
	static const MsPrivacySystem all[] = {
		MS_PRIVACY_NONE, MS_PRIVACY_PGP_MIME, MS_PRIVACY_PGP_INLINE, MS_PRIVACY_SMIME,
	};

	g_return_val_if_fail (system_r != NULL, FALSE);
	if (id == NULL)
		return FALSE;
	if (g_ascii_strcasecmp (id, "none") == 0) {
		*system_r = MS_PRIVACY_NONE;
		return TRUE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (all); i++) {
		if (g_ascii_strcasecmp (id, ms_privacy_system_to_id (all[i])) == 0) {
			*system_r = all[i];
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
ms_privacy_system_is_openpgp (MsPrivacySystem system)
{
	return system == MS_PRIVACY_PGP_MIME || system == MS_PRIVACY_PGP_INLINE;
}

gboolean
ms_policy_setting_is_rule (MsPolicySetting setting)
{
	return setting >= MS_POLICY_SIGN && setting <= MS_POLICY_AUTO_ENCRYPT;
}

int
_ms_policy_identity_slot (MsPolicySetting setting)
{
	if (setting == MS_POLICY_SIGNING_IDENTITY)
		return 0;
	if (setting == MS_POLICY_ENCRYPTION_IDENTITY)
		return 1;
	return -1;
}

const char *
ms_policy_setting_key (MsPolicySetting setting)
{
	switch (setting) {
	case MS_POLICY_SYSTEM: return "privacy-system";
	case MS_POLICY_SIGN: return "sign";
	case MS_POLICY_ENCRYPT: return "encrypt";
	case MS_POLICY_SIGN_REPLY: return "sign-reply";
	case MS_POLICY_ENCRYPT_REPLY: return "encrypt-reply";
	case MS_POLICY_AUTO_ENCRYPT: return "auto-encrypt";
	case MS_POLICY_SIGNING_IDENTITY: return "signing-identity";
	case MS_POLICY_ENCRYPTION_IDENTITY: return "encryption-identity";
	case MS_POLICY_N_SETTINGS: break;
	}
	g_return_val_if_reached ("");
}

const char *
ms_policy_setting_label (MsPolicySetting setting)
{
	switch (setting) {
	case MS_POLICY_SYSTEM: return _("Privacy system");
	case MS_POLICY_SIGN: return _("Sign messages by default");
	case MS_POLICY_ENCRYPT: return _("Encrypt messages by default");
	case MS_POLICY_SIGN_REPLY: return _("Sign replies to signed messages");
	case MS_POLICY_ENCRYPT_REPLY: return _("Encrypt replies to encrypted messages");
	case MS_POLICY_AUTO_ENCRYPT: return _("Encrypt when every recipient has a key");
	case MS_POLICY_SIGNING_IDENTITY: return _("Signing key");
	case MS_POLICY_ENCRYPTION_IDENTITY: return _("Encryption key");
	case MS_POLICY_N_SETTINGS: break;
	}
	g_return_val_if_reached ("");
}

MsPolicy *
ms_policy_new (void)
{
	MsPolicy *p = g_new0 (MsPolicy, 1);

	/* Claws Mail's own defaults (prefs_account.c), so that a policy nobody
	 * set behaves like Claws without the plugin. */
	p->system = MS_PRIVACY_NONE;
	for (int s = MS_POLICY_SIGN; s <= MS_POLICY_AUTO_ENCRYPT; s++)
		p->rule[s].per_message_switch = TRUE;
	p->rule[MS_POLICY_SIGN_REPLY].value = TRUE;
	p->rule[MS_POLICY_ENCRYPT_REPLY].value = TRUE;
	p->identity[0].mode = MS_IDENTITY_BY_ADDRESS;
	p->identity[1].mode = MS_IDENTITY_BY_ADDRESS;
	return p;
}

MsPolicy *
ms_policy_copy (const MsPolicy *policy)
{
	g_return_val_if_fail (policy != NULL, NULL);
	MsPolicy *p = g_memdup2 (policy, sizeof *policy);
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++)
		p->state[s].source = g_strdup (policy->state[s].source);
	for (int i = 0; i < 2; i++)
		p->identity[i].fingerprint = g_strdup (policy->identity[i].fingerprint);
	return p;
}

void
ms_policy_free (MsPolicy *policy)
{
	if (policy == NULL)
		return;
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++)
		g_free (policy->state[s].source);
	for (int i = 0; i < 2; i++)
		g_free (policy->identity[i].fingerprint);
	g_free (policy);
}

void
_ms_policy_replace (MsPolicy *to, MsPolicy *from)
{
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++)
		g_free (to->state[s].source);
	for (int i = 0; i < 2; i++)
		g_free (to->identity[i].fingerprint);
	*to = *from;
	g_free (from);
}

char *
_ms_policy_normalize_fingerprint (const char *text)
{
	if (text == NULL)
		return NULL;
	while (g_ascii_isspace (*text))
		text++;
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		text += 2;
	GString *out = g_string_new (NULL);
	for (const char *c = text; *c != '\0'; c++) {
		if (*c == ' ' || *c == ':' || *c == '\t')
			continue;
		if (!g_ascii_isxdigit (*c) || out->len >= 64) {
			g_string_free (out, TRUE);
			return NULL;
		}
		g_string_append_c (out, g_ascii_toupper (*c));
	}
	/* 8 (short key id) to 64 (v5 fingerprint) digits: Claws's "CUSTOM"
	 * key may be any key id gpg takes. */
	if (out->len < 8) {
		g_string_free (out, TRUE);
		return NULL;
	}
	return g_string_free (out, FALSE);
}

gboolean
ms_policy_is_set (const MsPolicy *policy, MsPolicySetting setting)
{
	g_return_val_if_fail (policy != NULL && setting < MS_POLICY_N_SETTINGS, FALSE);
	return policy->state[setting].set;
}

gboolean
ms_policy_is_locked (const MsPolicy *policy, MsPolicySetting setting, const char **source_r)
{
	g_return_val_if_fail (policy != NULL && setting < MS_POLICY_N_SETTINGS, FALSE);
	if (source_r != NULL)
		*source_r = policy->state[setting].locked ? policy->state[setting].source : NULL;
	return policy->state[setting].locked;
}

void
ms_policy_lock (MsPolicy *policy, MsPolicySetting setting, gboolean locked, const char *source)
{
	g_return_if_fail (policy != NULL && setting < MS_POLICY_N_SETTINGS);
	MsSettingState *st = &policy->state[setting];
	st->locked = locked;
	if (locked) {
		st->set = TRUE;
		if (ms_policy_setting_is_rule (setting))
			policy->rule[setting].switch_set = TRUE;
		g_free (st->source);
		st->source = g_strdup (source);
	}
}

void
ms_policy_set_source (MsPolicy *policy, const char *source)
{
	g_return_if_fail (policy != NULL);
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		gboolean switch_only = ms_policy_setting_is_rule (s) && policy->rule[s].switch_set;
		if (!policy->state[s].set && !switch_only)
			continue;
		g_free (policy->state[s].source);
		policy->state[s].source = g_strdup (source);
	}
}

static gboolean
refuse_if_locked (const MsPolicy *policy, MsPolicySetting setting, GError **error)
{
	const char *source = NULL;
	if (!ms_policy_is_locked (policy, setting, &source))
		return TRUE;
	if (source != NULL)
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_LOCKED,
		             _("“%s” is locked by %s"), ms_policy_setting_label (setting), source);
	else
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_LOCKED,
		             _("“%s” is locked"), ms_policy_setting_label (setting));
	return FALSE;
}

char *
ms_policy_lock_reason (const MsPolicy *policy, MsPolicySetting setting)
{
	g_autoptr (GError) error = NULL;
	g_return_val_if_fail (policy != NULL && setting < MS_POLICY_N_SETTINGS, NULL);
	if (refuse_if_locked (policy, setting, &error))
		return NULL;
	return g_steal_pointer (&error->message);
}

/* A user's change: the setting is now the user's own (no source). */
static void
mark_set_by_user (MsPolicy *policy, MsPolicySetting setting)
{
	policy->state[setting].set = TRUE;
	g_clear_pointer (&policy->state[setting].source, g_free);
}

MsPrivacySystem
ms_policy_get_system (const MsPolicy *policy)
{
	g_return_val_if_fail (policy != NULL, MS_PRIVACY_NONE);
	return policy->system;
}

gboolean
ms_policy_set_system (MsPolicy *policy, MsPrivacySystem system, GError **error)
{
	g_return_val_if_fail (policy != NULL, FALSE);
	if (policy->state[MS_POLICY_SYSTEM].locked && policy->system == system)
		return TRUE;
	if (!refuse_if_locked (policy, MS_POLICY_SYSTEM, error))
		return FALSE;
	policy->system = system;
	mark_set_by_user (policy, MS_POLICY_SYSTEM);
	return TRUE;
}

void
ms_policy_get_rule (const MsPolicy *policy, MsPolicySetting setting, MsPolicyRule *rule_r)
{
	g_return_if_fail (policy != NULL && rule_r != NULL);
	g_return_if_fail (ms_policy_setting_is_rule (setting));
	rule_r->value = policy->rule[setting].value;
	rule_r->per_message_switch = policy->rule[setting].per_message_switch;
	rule_r->locked = policy->state[setting].locked;
	rule_r->source = policy->state[setting].source;
}

gboolean
ms_policy_set_rule (MsPolicy *policy, MsPolicySetting setting, gboolean value,
                    gboolean per_message_switch, GError **error)
{
	g_return_val_if_fail (policy != NULL, FALSE);
	g_return_val_if_fail (ms_policy_setting_is_rule (setting), FALSE);
	MsRuleValue *r = &policy->rule[setting];
	value = !!value;
	per_message_switch = !!per_message_switch;
	if (policy->state[setting].locked && r->value == value && r->per_message_switch == per_message_switch)
		return TRUE;
	if (!refuse_if_locked (policy, setting, error))
		return FALSE;
	r->value = value;
	r->per_message_switch = per_message_switch;
	r->switch_set = TRUE;
	mark_set_by_user (policy, setting);
	return TRUE;
}

MsIdentityMode
ms_policy_get_identity (const MsPolicy *policy, MsPolicySetting setting, const char **fingerprint_r)
{
	int slot = _ms_policy_identity_slot (setting);
	g_return_val_if_fail (policy != NULL && slot >= 0, MS_IDENTITY_ASK);
	const MsIdentityValue *id = &policy->identity[slot];
	if (fingerprint_r != NULL)
		*fingerprint_r = id->mode == MS_IDENTITY_FINGERPRINT ? id->fingerprint : NULL;
	return id->mode;
}

gboolean
ms_policy_set_identity (MsPolicy *policy, MsPolicySetting setting, MsIdentityMode mode,
                        const char *fingerprint, GError **error)
{
	int slot = _ms_policy_identity_slot (setting);
	g_return_val_if_fail (policy != NULL && slot >= 0, FALSE);
	g_autofree char *fpr = NULL;
	if (mode == MS_IDENTITY_FINGERPRINT) {
		fpr = _ms_policy_normalize_fingerprint (fingerprint);
		if (fpr == NULL) {
			g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_INVALID,
			             _("“%s”: “%s” is not a key fingerprint"),
			             ms_policy_setting_label (setting), fingerprint ? fingerprint : "");
			return FALSE;
		}
	}
	MsIdentityValue *id = &policy->identity[slot];
	if (policy->state[setting].locked && id->mode == mode && g_strcmp0 (id->fingerprint, fpr) == 0)
		return TRUE;
	if (!refuse_if_locked (policy, setting, error))
		return FALSE;
	id->mode = mode;
	g_free (id->fingerprint);
	id->fingerprint = g_steal_pointer (&fpr);
	mark_set_by_user (policy, setting);
	return TRUE;
}

/* Copies one setting (value, state) from @from into @to. */
static void
take_setting (MsPolicy *to, const MsPolicy *from, MsPolicySetting s, gboolean with_switch)
{
	MsSettingState *st = &to->state[s];
	g_free (st->source);
	st->source = g_strdup (from->state[s].source);
	st->set = from->state[s].set;
	st->locked = from->state[s].locked;
	int slot = _ms_policy_identity_slot (s);
	if (s == MS_POLICY_SYSTEM) {
		to->system = from->system;
	} else if (slot >= 0) {
		to->identity[slot].mode = from->identity[slot].mode;
		g_free (to->identity[slot].fingerprint);
		to->identity[slot].fingerprint = g_strdup (from->identity[slot].fingerprint);
	} else {
		to->rule[s].value = from->rule[s].value;
		if (with_switch) {
			to->rule[s].per_message_switch = from->rule[s].per_message_switch;
			to->rule[s].switch_set = from->rule[s].switch_set;
		}
	}
}

MsPolicy *
ms_policy_merge (const MsPolicy *lower, const MsPolicy *upper)
{
	if (lower == NULL && upper == NULL)
		return ms_policy_new ();
	if (lower == NULL)
		return ms_policy_copy (upper);
	if (upper == NULL)
		return ms_policy_copy (lower);

	MsPolicy *m = ms_policy_copy (lower);
	for (int s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		/* A lock holds the whole setting, switch included. */
		if (lower->state[s].locked)
			continue;
		if (upper->state[s].set)
			take_setting (m, upper, s, FALSE);
		if (ms_policy_setting_is_rule (s) && upper->rule[s].switch_set) {
			m->rule[s].per_message_switch = upper->rule[s].per_message_switch;
			m->rule[s].switch_set = TRUE;
			if (!upper->state[s].set) {
				/* Only the switch comes from above: so does the source. */
				g_free (m->state[s].source);
				m->state[s].source = g_strdup (upper->state[s].source);
			}
		}
	}
	return m;
}

/* Whether a rule applies to this message, and whether it may be switched
 * off for it. */
static gboolean
rule_applies (const MsPolicy *p, MsPolicySetting s)
{
	return p->rule[s].value;
}

static gboolean
rule_required (const MsPolicy *p, MsPolicySetting s)
{
	return p->rule[s].value && !p->rule[s].per_message_switch;
}

void
ms_policy_compose_state (const MsPolicy *policy, const MsComposeContext *context,
                         MsComposeState *state_r)
{
	g_return_if_fail (policy != NULL && state_r != NULL);
	MsComposeContext none = { FALSE, FALSE };
	const MsComposeContext *c = context ? context : &none;

	memset (state_r, 0, sizeof *state_r);
	state_r->system = policy->system;
	if (policy->system == MS_PRIVACY_NONE)
		return;

	gboolean reply_sign = c->reply_to_signed && rule_applies (policy, MS_POLICY_SIGN_REPLY);
	gboolean reply_encrypt = c->reply_to_encrypted && rule_applies (policy, MS_POLICY_ENCRYPT_REPLY);
	state_r->sign = rule_applies (policy, MS_POLICY_SIGN) || reply_sign;
	state_r->encrypt = rule_applies (policy, MS_POLICY_ENCRYPT) || reply_encrypt;
	/* Switching a protection on is always allowed; only a rule that turns
	 * one on without a per-message switch fixes the toggle. */
	state_r->sign_switchable = !(rule_required (policy, MS_POLICY_SIGN) ||
	                             (c->reply_to_signed && rule_required (policy, MS_POLICY_SIGN_REPLY)));
	state_r->encrypt_switchable = !(rule_required (policy, MS_POLICY_ENCRYPT) ||
	                                (c->reply_to_encrypted && rule_required (policy, MS_POLICY_ENCRYPT_REPLY)));
	state_r->auto_encrypt = rule_applies (policy, MS_POLICY_AUTO_ENCRYPT);
}

void
ms_send_decision_clear (MsSendDecision *decision)
{
	if (decision == NULL)
		return;
	g_clear_pointer (&decision->reason, g_free);
	g_clear_pointer (&decision->missing_keys, g_strfreev);
}

/* "“Sign messages by default” is set by X and cannot be switched off for
 * a single message." with the rule's source, or the account's settings. */
static char *
required_reason (const MsPolicy *policy, MsPolicySetting s, gboolean sign)
{
	const char *label = ms_policy_setting_label (s);
	const char *source = policy->state[s].source;
	if (sign && source != NULL)
		return g_strdup_printf (_("This message must be signed: “%s” is set by %s and cannot be switched off for a single message."), label, source);
	if (sign)
		return g_strdup_printf (_("This message must be signed: “%s” is set in the account’s settings and cannot be switched off for a single message."), label);
	if (source != NULL)
		return g_strdup_printf (_("This message must be encrypted: “%s” is set by %s and cannot be switched off for a single message."), label, source);
	return g_strdup_printf (_("This message must be encrypted: “%s” is set in the account’s settings and cannot be switched off for a single message."), label);
}

static MsSendVerdict
refuse (MsSendDecision *d, char *reason)
{
	d->verdict = MS_SEND_REFUSED;
	g_free (d->reason);
	d->reason = reason;
	return d->verdict;
}

MsSendVerdict
ms_policy_check_send (const MsPolicy *policy, const MsComposeContext *context,
                      gboolean sign, gboolean encrypt, gboolean encrypt_touched,
                      const char *const *without_key, MsSendDecision *decision_r)
{
	g_return_val_if_fail (policy != NULL && decision_r != NULL, MS_SEND_REFUSED);
	MsComposeContext none = { FALSE, FALSE };
	const MsComposeContext *c = context ? context : &none;

	memset (decision_r, 0, sizeof *decision_r);
	decision_r->verdict = MS_SEND_OK;
	decision_r->sign = !!sign;
	decision_r->encrypt = !!encrypt;

	if (policy->system == MS_PRIVACY_NONE) {
		if (sign || encrypt)
			return refuse (decision_r, g_strdup (_("This account has no privacy system: the message cannot be signed or encrypted.")));
		return MS_SEND_OK;
	}

	if (!sign) {
		if (rule_required (policy, MS_POLICY_SIGN))
			return refuse (decision_r, required_reason (policy, MS_POLICY_SIGN, TRUE));
		if (c->reply_to_signed && rule_required (policy, MS_POLICY_SIGN_REPLY))
			return refuse (decision_r, required_reason (policy, MS_POLICY_SIGN_REPLY, TRUE));
	}

	gboolean have_missing = without_key != NULL && without_key[0] != NULL;
	g_autofree char *missing = have_missing ? g_strjoinv (", ", (char **) without_key) : NULL;

	if (!encrypt) {
		MsPolicySetting req = MS_POLICY_N_SETTINGS;
		if (rule_required (policy, MS_POLICY_ENCRYPT))
			req = MS_POLICY_ENCRYPT;
		else if (c->reply_to_encrypted && rule_required (policy, MS_POLICY_ENCRYPT_REPLY))
			req = MS_POLICY_ENCRYPT_REPLY;
		else if (rule_required (policy, MS_POLICY_AUTO_ENCRYPT) && without_key != NULL && !have_missing)
			req = MS_POLICY_AUTO_ENCRYPT;
		if (req == MS_POLICY_AUTO_ENCRYPT) {
			/* Every recipient has a key and the rule cannot be switched
			 * off: encrypt, whatever the toggle says. */
			decision_r->encrypt = TRUE;
			decision_r->verdict = MS_SEND_ENCRYPT;
			decision_r->reason = g_strdup (_("Encrypted because every recipient has a key."));
			return decision_r->verdict;
		}
		if (req != MS_POLICY_N_SETTINGS)
			return refuse (decision_r, required_reason (policy, req, FALSE));
	}

	if (encrypt) {
		if (have_missing) {
			decision_r->missing_keys = g_strdupv ((char **) without_key);
			return refuse (decision_r, g_strdup_printf (_("This message cannot be encrypted: no usable key for %s."), missing));
		}
		return MS_SEND_OK;
	}

	/* Not encrypted, and nothing requires it: automatic encryption. */
	if (!rule_applies (policy, MS_POLICY_AUTO_ENCRYPT) || without_key == NULL)
		return MS_SEND_OK;
	if (have_missing) {
		decision_r->missing_keys = g_strdupv ((char **) without_key);
		decision_r->reason = g_strdup_printf (_("Sent unencrypted: no usable key for %s."), missing);
		return MS_SEND_OK;
	}
	if (encrypt_touched)
		return MS_SEND_OK;
	decision_r->encrypt = TRUE;
	decision_r->verdict = MS_SEND_ENCRYPT;
	decision_r->reason = g_strdup (_("Encrypted because every recipient has a key."));
	return decision_r->verdict;
}
