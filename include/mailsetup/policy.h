/* mailsetup: the signing and encryption policy of an account.
 *
 * A policy says which privacy system an account uses, whether messages are
 * signed or encrypted by default, whether they are encrypted on their own
 * when every recipient has a key, which key signs and which key encrypts to
 * oneself. Each setting remembers who set it (a source: "/etc/mailsetup/
 * defaults.conf", "configuration profile ACME") and whether that source
 * locked it; policies stack in layers (site defaults, a configuration
 * profile, the user's own choices) with ms_policy_merge(). The functions
 * that decide (ms_policy_compose_state(), ms_policy_check_send()) are pure:
 * the caller looks the recipients' keys up (see identities.h) and passes
 * what it found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MS_POLICY_ERROR:
 *
 * The #GError domain of policy and identity errors.
 *
 * Since: 0.1
 */
#define MS_POLICY_ERROR (ms_policy_error_quark ())

/**
 * MsPolicyError:
 * @MS_POLICY_ERROR_INVALID: a stored value is not one the policy knows
 *   (the message names the key and the value).
 * @MS_POLICY_ERROR_LOCKED: the setting was locked by another source (the
 *   message names the setting and the source).
 * @MS_POLICY_ERROR_BACKEND: GnuPG (through gpgme) failed or is missing.
 * @MS_POLICY_ERROR_NO_IDENTITY: no key or certificate matches.
 * @MS_POLICY_ERROR_UNUSABLE_IDENTITY: the key asked for exists but cannot
 *   be used (expired, revoked, disabled, invalid, or not able to sign or
 *   encrypt); the message says why.
 *
 * Since: 0.1
 */
typedef enum {
	MS_POLICY_ERROR_INVALID,
	MS_POLICY_ERROR_LOCKED,
	MS_POLICY_ERROR_BACKEND,
	MS_POLICY_ERROR_NO_IDENTITY,
	MS_POLICY_ERROR_UNUSABLE_IDENTITY,
} MsPolicyError;

/**
 * ms_policy_error_quark:
 *
 * Returns: the quark of the %MS_POLICY_ERROR domain.
 *
 * Since: 0.1
 */
GQuark ms_policy_error_quark (void);

/**
 * MsPrivacySystem:
 * @MS_PRIVACY_NONE: no signing or encryption.
 * @MS_PRIVACY_PGP_MIME: OpenPGP/MIME (RFC 3156), Claws id "pgpmime".
 * @MS_PRIVACY_PGP_INLINE: inline OpenPGP, Claws id "pgpinline".
 * @MS_PRIVACY_SMIME: S/MIME (CMS certificates), Claws id "smime".
 *
 * Since: 0.1
 */
typedef enum {
	MS_PRIVACY_NONE,
	MS_PRIVACY_PGP_MIME,
	MS_PRIVACY_PGP_INLINE,
	MS_PRIVACY_SMIME,
} MsPrivacySystem;

/**
 * ms_privacy_system_to_id:
 * @system: a privacy system
 *
 * Returns: (transfer none): the id Claws Mail uses for it
 *   (default_privacy_system): "", "pgpmime", "pgpinline" or "smime".
 *
 * Since: 0.1
 */
const char *ms_privacy_system_to_id (MsPrivacySystem system);

/**
 * ms_privacy_system_from_id:
 * @id: a Claws Mail privacy system id ("" or "none" for none)
 * @system_r: (out): the system
 *
 * Returns: %FALSE if @id is not a system mailsetup knows.
 *
 * Since: 0.1
 */
gboolean ms_privacy_system_from_id (const char *id, MsPrivacySystem *system_r);

/**
 * ms_privacy_system_is_openpgp:
 * @system: a privacy system
 *
 * Returns: %TRUE for the two OpenPGP systems (keys in gpg), %FALSE for
 *   S/MIME (certificates in gpgsm) and none.
 *
 * Since: 0.1
 */
gboolean ms_privacy_system_is_openpgp (MsPrivacySystem system);

/**
 * MsPolicySetting:
 * @MS_POLICY_SYSTEM: the privacy system.
 * @MS_POLICY_SIGN: sign new messages by default (Claws: default_sign).
 * @MS_POLICY_ENCRYPT: encrypt new messages by default (default_encrypt).
 * @MS_POLICY_SIGN_REPLY: sign replies to signed messages (default_sign_reply).
 * @MS_POLICY_ENCRYPT_REPLY: encrypt replies to encrypted messages
 *   (default_encrypt_reply).
 * @MS_POLICY_AUTO_ENCRYPT: encrypt on its own when every recipient (To, Cc,
 *   Bcc) has a usable key (no Claws key: the plugin's own section).
 * @MS_POLICY_SIGNING_IDENTITY: the key or certificate that signs.
 * @MS_POLICY_ENCRYPTION_IDENTITY: the key or certificate one's own copies
 *   are encrypted to.
 * @MS_POLICY_N_SETTINGS: the number of settings.
 *
 * Every setting of a policy. The five from @MS_POLICY_SIGN to
 * @MS_POLICY_AUTO_ENCRYPT are rules: a boolean plus a per-message switch.
 *
 * Since: 0.1
 */
typedef enum {
	MS_POLICY_SYSTEM,
	MS_POLICY_SIGN,
	MS_POLICY_ENCRYPT,
	MS_POLICY_SIGN_REPLY,
	MS_POLICY_ENCRYPT_REPLY,
	MS_POLICY_AUTO_ENCRYPT,
	MS_POLICY_SIGNING_IDENTITY,
	MS_POLICY_ENCRYPTION_IDENTITY,
	MS_POLICY_N_SETTINGS,
} MsPolicySetting;

/**
 * ms_policy_setting_is_rule:
 * @setting: a setting
 *
 * Returns: %TRUE for the boolean rules (sign, encrypt, sign-reply,
 *   encrypt-reply, auto-encrypt).
 *
 * Since: 0.1
 */
gboolean ms_policy_setting_is_rule (MsPolicySetting setting);

/**
 * ms_policy_setting_key:
 * @setting: a setting
 *
 * Returns: (transfer none): its stable key in key files ("sign",
 *   "auto-encrypt", "signing-identity"...).
 *
 * Since: 0.1
 */
const char *ms_policy_setting_key (MsPolicySetting setting);

/**
 * ms_policy_setting_label:
 * @setting: a setting
 *
 * Returns: (transfer none): its translated name for people ("Sign
 *   messages by default").
 *
 * Since: 0.1
 */
const char *ms_policy_setting_label (MsPolicySetting setting);

/**
 * MsPolicyRule:
 * @value: whether the rule is on.
 * @per_message_switch: whether the compose window may switch it per
 *   message (Apple: …EnablePerMessageSwitch); when %FALSE, a message
 *   cannot go out without what the rule turns on.
 * @locked: whether the user may change @value and @per_message_switch in
 *   the account's settings (Apple: …UserOverrideable is the opposite).
 * @source: (nullable): who set the rule (a file, a profile), %NULL for the
 *   built-in default or the user.
 *
 * A rule as a policy holds it. @source belongs to the policy.
 *
 * Since: 0.1
 */
typedef struct {
	gboolean value;
	gboolean per_message_switch;
	gboolean locked;
	const char *source;
} MsPolicyRule;

/**
 * MsIdentityMode:
 * @MS_IDENTITY_BY_ADDRESS: the best usable key whose user id carries the
 *   account's address (Claws: "BY_FROM").
 * @MS_IDENTITY_ASK: ask the user when it is needed; the engine never picks.
 * @MS_IDENTITY_FINGERPRINT: one key, by fingerprint (Claws: "CUSTOM;…").
 * @MS_IDENTITY_DEFAULT: GnuPG's default key (Claws: "DEFAULT").
 *
 * How an account's signing or encryption key is chosen.
 *
 * Since: 0.1
 */
typedef enum {
	MS_IDENTITY_BY_ADDRESS,
	MS_IDENTITY_ASK,
	MS_IDENTITY_FINGERPRINT,
	MS_IDENTITY_DEFAULT,
} MsIdentityMode;

/**
 * MsPolicy:
 *
 * A signing and encryption policy: one layer (site defaults, a profile, the
 * user's choices) or the merge of several. A new policy holds Claws Mail's
 * own defaults, unset: no privacy system, no signing or encryption by
 * default, replies to signed or encrypted messages signed or encrypted,
 * no automatic encryption, every switch allowed, keys chosen by address.
 *
 * Since: 0.1
 */
typedef struct _MsPolicy MsPolicy;

/**
 * ms_policy_get_type:
 *
 * Returns: the #GType of the #MsPolicy boxed type.
 *
 * Since: 0.1
 */
GType ms_policy_get_type (void);

/** ms_policy_new: Returns: (transfer full): a policy of defaults, nothing set. Since: 0.1 */
MsPolicy *ms_policy_new (void);
/** ms_policy_copy: @policy: a policy. Returns: (transfer full): a deep copy. Since: 0.1 */
MsPolicy *ms_policy_copy (const MsPolicy *policy);
/** ms_policy_free: @policy: (transfer full) (nullable): a policy. Since: 0.1 */
void ms_policy_free (MsPolicy *policy);

/**
 * ms_policy_is_set:
 * @policy: a policy
 * @setting: a setting
 *
 * Returns: whether this layer sets @setting (else it holds the default and
 *   ms_policy_merge() takes the lower layer's).
 *
 * Since: 0.1
 */
gboolean ms_policy_is_set (const MsPolicy *policy, MsPolicySetting setting);

/**
 * ms_policy_is_locked:
 * @policy: a policy
 * @setting: a setting
 * @source_r: (out) (optional) (transfer none) (nullable): who locked it
 *
 * Returns: whether @setting is locked.
 *
 * Since: 0.1
 */
gboolean ms_policy_is_locked (const MsPolicy *policy, MsPolicySetting setting, const char **source_r);

/**
 * ms_policy_lock:
 * @policy: a policy
 * @setting: a setting
 * @locked: lock or unlock
 * @source: (nullable): who locks it, shown to the user
 *   ("/etc/mailsetup/defaults.conf", "configuration profile ACME")
 *
 * Locks the setting at its current value (which then counts as set), or
 * unlocks it. Meant for administrators' layers, not for the user's.
 *
 * Since: 0.1
 */
void ms_policy_lock (MsPolicy *policy, MsPolicySetting setting, gboolean locked, const char *source);

/**
 * ms_policy_lock_reason:
 * @policy: a policy
 * @setting: a setting
 *
 * The sentence to show beside a locked setting (a tooltip, a greyed-out
 * check box): "“Sign messages by default” is locked by
 * /etc/mailsetup/defaults.conf".
 *
 * Returns: (transfer full) (nullable): a translated sentence, %NULL when
 *   @setting is not locked.
 *
 * Since: 0.1
 */
char *ms_policy_lock_reason (const MsPolicy *policy, MsPolicySetting setting);

/**
 * ms_policy_set_source:
 * @policy: a policy
 * @source: (nullable): who this layer comes from
 *
 * Marks every setting this layer sets as coming from @source (loaders call
 * it with the file name or the profile's name).
 *
 * Since: 0.1
 */
void ms_policy_set_source (MsPolicy *policy, const char *source);

/** ms_policy_get_system: @policy: a policy. Returns: its privacy system. Since: 0.1 */
MsPrivacySystem ms_policy_get_system (const MsPolicy *policy);

/**
 * ms_policy_set_system:
 * @policy: a policy
 * @system: the privacy system
 * @error: %MS_POLICY_ERROR_LOCKED if the system is locked to another value
 *
 * Returns: %TRUE if set (or already that value).
 *
 * Since: 0.1
 */
gboolean ms_policy_set_system (MsPolicy *policy, MsPrivacySystem system, GError **error);

/**
 * ms_policy_get_rule:
 * @policy: a policy
 * @setting: a rule (ms_policy_setting_is_rule())
 * @rule_r: (out caller-allocates): the rule
 *
 * Since: 0.1
 */
void ms_policy_get_rule (const MsPolicy *policy, MsPolicySetting setting, MsPolicyRule *rule_r);

/**
 * ms_policy_set_rule:
 * @policy: a policy
 * @setting: a rule (ms_policy_setting_is_rule())
 * @value: whether it is on
 * @per_message_switch: whether the compose window may switch it
 * @error: %MS_POLICY_ERROR_LOCKED if the rule is locked and either value
 *   would change; its message names the rule and who locked it
 *
 * Returns: %TRUE if set (or already so).
 *
 * Since: 0.1
 */
gboolean ms_policy_set_rule (MsPolicy *policy, MsPolicySetting setting, gboolean value,
                             gboolean per_message_switch, GError **error);

/**
 * ms_policy_get_identity:
 * @policy: a policy
 * @setting: %MS_POLICY_SIGNING_IDENTITY or %MS_POLICY_ENCRYPTION_IDENTITY
 * @fingerprint_r: (out) (optional) (transfer none) (nullable): the
 *   fingerprint for %MS_IDENTITY_FINGERPRINT, else %NULL
 *
 * Returns: how the key is chosen.
 *
 * Since: 0.1
 */
MsIdentityMode ms_policy_get_identity (const MsPolicy *policy, MsPolicySetting setting,
                                       const char **fingerprint_r);

/**
 * ms_policy_set_identity:
 * @policy: a policy
 * @setting: %MS_POLICY_SIGNING_IDENTITY or %MS_POLICY_ENCRYPTION_IDENTITY
 * @mode: how the key is chosen
 * @fingerprint: (nullable): the key's fingerprint (hexadecimal, spaces
 *   allowed), required for %MS_IDENTITY_FINGERPRINT and ignored otherwise
 * @error: %MS_POLICY_ERROR_LOCKED, or %MS_POLICY_ERROR_INVALID for a
 *   missing or malformed fingerprint
 *
 * Returns: %TRUE if set.
 *
 * Since: 0.1
 */
gboolean ms_policy_set_identity (MsPolicy *policy, MsPolicySetting setting, MsIdentityMode mode,
                                 const char *fingerprint, GError **error);

/**
 * ms_policy_merge:
 * @lower: (nullable): the lower layer (site defaults, a profile)
 * @upper: (nullable): the upper layer (the user's choices)
 *
 * Stacks two layers. For each setting: if @lower locked it, @lower's
 * wins (with its lock and source); else if @upper sets it, @upper's; else
 * @lower's. Merge three layers as merge (merge (site, profile), user).
 *
 * Returns: (transfer full): the merged policy.
 *
 * Since: 0.1
 */
MsPolicy *ms_policy_merge (const MsPolicy *lower, const MsPolicy *upper);

/**
 * MsComposeContext:
 * @reply_to_signed: the message answered was signed.
 * @reply_to_encrypted: the message answered was encrypted.
 *
 * What the policy needs to know about a message being written.
 *
 * Since: 0.1
 */
typedef struct {
	gboolean reply_to_signed;
	gboolean reply_to_encrypted;
} MsComposeContext;

/**
 * MsComposeState:
 * @system: the privacy system to select.
 * @sign: whether "Sign" starts on.
 * @sign_switchable: whether the user may switch "Sign" in this window.
 * @encrypt: whether "Encrypt" starts on.
 * @encrypt_switchable: whether the user may switch "Encrypt".
 * @auto_encrypt: whether the message is encrypted at sending when every
 *   recipient has a key.
 *
 * The initial state of a compose window's privacy toggles.
 *
 * Since: 0.1
 */
typedef struct {
	MsPrivacySystem system;
	gboolean sign;
	gboolean sign_switchable;
	gboolean encrypt;
	gboolean encrypt_switchable;
	gboolean auto_encrypt;
} MsComposeState;

/**
 * ms_policy_compose_state:
 * @policy: the account's (merged) policy
 * @context: (nullable): the message; %NULL for a new message
 * @state_r: (out caller-allocates): the toggles' initial state
 *
 * A rule starts its toggle on when it applies (sign-reply and
 * encrypt-reply for replies to signed or encrypted messages). A toggle is
 * switchable unless a rule that turns it on forbids the per-message
 * switch. With no privacy system both toggles are off and fixed.
 *
 * Since: 0.1
 */
void ms_policy_compose_state (const MsPolicy *policy, const MsComposeContext *context,
                              MsComposeState *state_r);

/**
 * MsSendVerdict:
 * @MS_SEND_OK: send as the toggles say.
 * @MS_SEND_ENCRYPT: encrypt it (automatic encryption: every recipient has
 *   a key), then send.
 * @MS_SEND_REFUSED: do not send: the toggles break a rule that cannot be
 *   switched per message, or encryption was asked for and some recipients
 *   have no key; the reason says which.
 *
 * Since: 0.1
 */
typedef enum {
	MS_SEND_OK,
	MS_SEND_ENCRYPT,
	MS_SEND_REFUSED,
} MsSendVerdict;

/**
 * MsSendDecision:
 * @verdict: what to do.
 * @sign: whether to sign.
 * @encrypt: whether to encrypt.
 * @reason: (nullable): a translated sentence for the user: why it is
 *   refused (naming the rule and who set it), why it was encrypted, or
 *   which recipients lacked keys when it goes out unencrypted.
 * @missing_keys: (nullable) (array zero-terminated=1): the recipients
 *   without a usable key, when that mattered.
 *
 * The answer of ms_policy_check_send(); clear it with
 * ms_send_decision_clear().
 *
 * Since: 0.1
 */
typedef struct {
	MsSendVerdict verdict;
	gboolean sign;
	gboolean encrypt;
	char *reason;
	char **missing_keys;
} MsSendDecision;

/**
 * ms_send_decision_clear:
 * @decision: a decision
 *
 * Frees what @decision holds (not @decision itself).
 *
 * Since: 0.1
 */
void ms_send_decision_clear (MsSendDecision *decision);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MsSendDecision, ms_send_decision_clear)

/**
 * ms_policy_check_send:
 * @policy: the account's (merged) policy
 * @context: (nullable): the message; %NULL for a new message
 * @sign: whether the user left "Sign" on
 * @encrypt: whether the user left "Encrypt" on
 * @encrypt_touched: whether the user switched "Encrypt" in this window
 *   (automatic encryption does not overrule an explicit "off")
 * @without_key: (nullable) (array zero-terminated=1): the recipients (To,
 *   Cc, Bcc) with no usable key for the policy's system; %NULL when they
 *   were not looked up, an empty array when every one has a key
 * @decision_r: (out caller-allocates): the decision
 *
 * Decides, just before sending, whether the message may go as the user
 * left it. Turning signing or encryption on is always allowed; turning off
 * one that a rule requires without a per-message switch is refused.
 * Encryption asked for while some recipients have no key is refused. With
 * automatic encryption, the message is encrypted if every recipient has a
 * key, else it goes as the toggles say and @reason lists who lacked one.
 *
 * Returns: @decision_r->verdict.
 *
 * Since: 0.1
 */
MsSendVerdict ms_policy_check_send (const MsPolicy *policy, const MsComposeContext *context,
                                    gboolean sign, gboolean encrypt, gboolean encrypt_touched,
                                    const char *const *without_key, MsSendDecision *decision_r);

/**
 * ms_policy_load_keyfile:
 * @policy: the layer to fill
 * @keyfile: a key file
 * @group: its group ("Privacy" in site defaults, the plugin's own
 *   per-account group)
 * @source: (nullable): who the keys come from (the file name), recorded as
 *   the source of each setting found, shown to the user for locks
 * @error: %MS_POLICY_ERROR_INVALID naming the key and value at the first
 *   bad one; @policy is then left as it was
 *
 * Reads the settings present in @group (a missing group is no error):
 * `privacy-system` (none, pgpmime, pgpinline, smime), the rules `sign`,
 * `encrypt`, `sign-reply`, `encrypt-reply`, `auto-encrypt` (true/false),
 * each with `<rule>-switch` (true/false) and `<rule>-locked`, the
 * identities `signing-identity` and `encryption-identity` (by-address,
 * ask, default, or a fingerprint), `privacy-system-locked`,
 * `signing-identity-locked`, `encryption-identity-locked`. Unknown keys
 * are ignored (newer versions may add some).
 *
 * Returns: %TRUE on success.
 *
 * Since: 0.1
 */
gboolean ms_policy_load_keyfile (MsPolicy *policy, GKeyFile *keyfile, const char *group,
                                 const char *source, GError **error);

/**
 * ms_policy_load_file:
 * @policy: the layer to fill
 * @path: a key file, such as /etc/mailsetup/defaults.conf
 * @group: the group to read ("Privacy")
 * @error: a #GFileError if the file exists but cannot be read;
 *   %MS_POLICY_ERROR_INVALID naming the file for a file that is not a key
 *   file, or as for ms_policy_load_keyfile()
 *
 * Reads a layer from a file, with @path as the source of what it sets.
 * A missing file is an empty layer: site defaults are optional.
 *
 * Returns: %TRUE on success (a missing file included).
 *
 * Since: 0.1
 */
gboolean ms_policy_load_file (MsPolicy *policy, const char *path, const char *group, GError **error);

/**
 * ms_policy_save_keyfile:
 * @policy: a layer
 * @keyfile: a key file
 * @group: the group to write
 *
 * Writes the settings @policy sets (and their locks) in the format
 * ms_policy_load_keyfile() reads, replacing the group. Save the user's
 * layer, not a merged policy, or the site's locks get copied into it.
 *
 * Since: 0.1
 */
void ms_policy_save_keyfile (const MsPolicy *policy, GKeyFile *keyfile, const char *group);

/**
 * ms_policy_to_claws:
 * @policy: a (merged) policy
 * @prefs: (element-type utf8 utf8): a table of string keys to string
 *   values, filled with Claws Mail's own per-account settings
 *
 * What Claws Mail itself can hold, so that it behaves the same without
 * the plugin: `default_privacy_system`, `default_sign`,
 * `default_encrypt`, `default_sign_reply`, `default_encrypt_reply` ("0"
 * or "1"), and the signing key of the privacy plugins' per-account
 * settings as `privacy_prefs/gpg` (OpenPGP) or `privacy_prefs/smime`
 * ("DEFAULT", "BY_FROM", "CUSTOM;<fingerprint>"; "ask" has no Claws
 * equivalent and is written BY_FROM), to pass to
 * prefs_account_set_privacy_prefs(). Everything else (automatic
 * encryption, switches, locks, the encryption identity) lives only in the
 * plugin's section. @prefs must free its keys and values with g_free().
 *
 * Since: 0.1
 */
void ms_policy_to_claws (const MsPolicy *policy, GHashTable *prefs);

/**
 * ms_policy_from_claws:
 * @policy: the layer to fill
 * @prefs: (element-type utf8 utf8): Claws's settings, keys as in
 *   ms_policy_to_claws(); missing keys are left unset
 * @error: %MS_POLICY_ERROR_INVALID naming the key at the first bad value;
 *   @policy is then left as it was
 *
 * Reads an account's own Claws settings as a policy layer (the user's).
 *
 * Returns: %TRUE on success.
 *
 * Since: 0.1
 */
gboolean ms_policy_from_claws (MsPolicy *policy, GHashTable *prefs, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsPolicy, ms_policy_free)

G_END_DECLS
