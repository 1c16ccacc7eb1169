/* mailsetup: signing and encryption identities through gpgme: one's own
 * keys and certificates that match an address, the choice a policy makes
 * among them, and the recipients' keys before sending. Both OpenPGP (gpg)
 * and S/MIME (CMS, gpgsm). Every call reads the keyrings of $GNUPGHOME.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/policy.h>

G_BEGIN_DECLS

/**
 * MsKeyProtocol:
 * @MS_KEY_PROTOCOL_OPENPGP: OpenPGP keys (gpg).
 * @MS_KEY_PROTOCOL_CMS: X.509 certificates for S/MIME (gpgsm).
 *
 * Since: 0.1
 */
typedef enum {
	MS_KEY_PROTOCOL_OPENPGP,
	MS_KEY_PROTOCOL_CMS,
} MsKeyProtocol;

/**
 * ms_privacy_system_key_protocol:
 * @system: a privacy system other than %MS_PRIVACY_NONE
 *
 * Returns: where its keys are: CMS for S/MIME, OpenPGP otherwise.
 *
 * Since: 0.1
 */
MsKeyProtocol ms_privacy_system_key_protocol (MsPrivacySystem system);

/**
 * MsKeyValidity:
 * @MS_KEY_VALIDITY_UNKNOWN: nothing is known about the key's owner.
 * @MS_KEY_VALIDITY_UNDEFINED: not computed.
 * @MS_KEY_VALIDITY_NEVER: explicitly not trusted.
 * @MS_KEY_VALIDITY_MARGINAL: marginally certified.
 * @MS_KEY_VALIDITY_FULL: fully certified (a certificate whose chain reaches
 *   a trusted root).
 * @MS_KEY_VALIDITY_ULTIMATE: one's own key.
 *
 * How sure GnuPG is that the key belongs to the address (gpgme's
 * gpgme_validity_t).
 *
 * Since: 0.1
 */
typedef enum {
	MS_KEY_VALIDITY_UNKNOWN,
	MS_KEY_VALIDITY_UNDEFINED,
	MS_KEY_VALIDITY_NEVER,
	MS_KEY_VALIDITY_MARGINAL,
	MS_KEY_VALIDITY_FULL,
	MS_KEY_VALIDITY_ULTIMATE,
} MsKeyValidity;

/**
 * MsKeyPurpose:
 * @MS_KEY_PURPOSE_SIGN: signing (needs the secret key).
 * @MS_KEY_PURPOSE_ENCRYPT: encrypting to the key.
 *
 * Since: 0.1
 */
typedef enum {
	MS_KEY_PURPOSE_SIGN,
	MS_KEY_PURPOSE_ENCRYPT,
} MsKeyPurpose;

/**
 * MS_IDENTITY_EXPIRY_WARNING_DAYS:
 *
 * A key expiring in fewer days than this gets a warning.
 *
 * Since: 0.1
 */
#define MS_IDENTITY_EXPIRY_WARNING_DAYS 30

/**
 * MsIdentity:
 * @protocol: OpenPGP or CMS.
 * @fingerprint: the primary key's or certificate's fingerprint (hex).
 * @user_id: the user id that matched ("Alice <alice@example.com>"), or the
 *   certificate's subject.
 * @email: (nullable): the address of that user id, as written in the key.
 * @issuer: (nullable): the certificate's issuer (CMS only).
 * @validity: the user id's validity.
 * @created: when the key was made (seconds since 1970), 0 if unknown.
 * @expires: when the key or the subkey doing the work expires (seconds
 *   since 1970), 0 for never.
 * @secret: the secret key is here (one can sign or decrypt with it).
 * @can_sign: the key has a usable signing (sub)key.
 * @can_encrypt: the key has a usable encryption (sub)key.
 * @revoked: revoked by its owner.
 * @expired: expired.
 * @disabled: disabled in the keyring.
 * @invalid: GnuPG cannot use it (a broken key, an unknown algorithm).
 *
 * One key or certificate, as listed (read-only).
 *
 * Since: 0.1
 */
typedef struct {
	MsKeyProtocol protocol;
	char *fingerprint;
	char *user_id;
	char *email;
	char *issuer;
	MsKeyValidity validity;
	gint64 created;
	gint64 expires;
	gboolean secret;
	gboolean can_sign;
	gboolean can_encrypt;
	gboolean revoked;
	gboolean expired;
	gboolean disabled;
	gboolean invalid;
} MsIdentity;

/**
 * ms_identity_get_type:
 *
 * Returns: the #GType of the #MsIdentity boxed type.
 *
 * Since: 0.1
 */
GType ms_identity_get_type (void);
/** ms_identity_copy: @identity: an identity. Returns: (transfer full): a copy. Since: 0.1 */
MsIdentity *ms_identity_copy (const MsIdentity *identity);
/** ms_identity_free: @identity: (transfer full) (nullable): an identity. Since: 0.1 */
void ms_identity_free (MsIdentity *identity);

/**
 * ms_identity_check:
 * @identity: an identity
 * @purpose: what it is for
 * @reason_r: (out) (optional) (transfer full) (nullable): when it cannot be
 *   used, why, in a translated sentence naming the key ("The key … for
 *   alice@example.com expired on 2026-01-31.")
 *
 * Whether the key can be used for @purpose: not revoked, expired,
 * disabled or invalid, able to do it, one's own secret key for signing,
 * and (to encrypt to others) certified: at least marginal validity, as
 * GnuPG itself requires.
 *
 * Returns: %TRUE if usable.
 *
 * Since: 0.1
 */
gboolean ms_identity_check (const MsIdentity *identity, MsKeyPurpose purpose, char **reason_r);

/**
 * ms_identity_expires_soon:
 * @identity: an identity
 * @now: the time to count from (seconds since 1970), usually
 *   g_get_real_time () / G_USEC_PER_SEC
 *
 * Returns: %TRUE if it has not expired but will within
 *   %MS_IDENTITY_EXPIRY_WARNING_DAYS days.
 *
 * Since: 0.1
 */
gboolean ms_identity_expires_soon (const MsIdentity *identity, gint64 now);

/**
 * ms_identity_warning:
 * @identity: an identity
 *
 * A warning to show beside the key in a list: revoked, expired, disabled,
 * invalid, or expiring soon (with the date).
 *
 * Returns: (transfer full) (nullable): a translated sentence, or %NULL.
 *
 * Since: 0.1
 */
char *ms_identity_warning (const MsIdentity *identity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsIdentity, ms_identity_free)

/**
 * ms_identities_list_async:
 * @protocol: OpenPGP or CMS
 * @address: (nullable): keep the keys with a user id of this address (the
 *   domain compared without case); %NULL for every key
 * @secret_only: list only keys whose secret part is here (one's own)
 * @cancellable: (nullable): checked between keys
 * @callback: called in the thread-default main context
 * @user_data: for @callback
 *
 * Lists keys or certificates, usable or not (each says why not with
 * ms_identity_check()), best first: usable ones, then by validity, then
 * the latest expiry. Runs in the engine's worker threads.
 *
 * Since: 0.1
 */
void ms_identities_list_async (MsKeyProtocol protocol, const char *address, gboolean secret_only,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);

/**
 * ms_identities_list_finish:
 * @result: the result
 * @error: %MS_POLICY_ERROR_BACKEND if GnuPG failed, %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type MsIdentity): the keys, maybe none.
 *
 * Since: 0.1
 */
GPtrArray *ms_identities_list_finish (GAsyncResult *result, GError **error);

/**
 * ms_identities_list:
 * @protocol: OpenPGP or CMS
 * @address: (nullable): as for ms_identities_list_async()
 * @secret_only: list only one's own keys
 * @cancellable: (nullable): a cancellable
 * @error: as for ms_identities_list_finish()
 *
 * The blocking form of ms_identities_list_async().
 *
 * Returns: (transfer full) (element-type MsIdentity): the keys.
 *
 * Since: 0.1
 */
GPtrArray *ms_identities_list (MsKeyProtocol protocol, const char *address, gboolean secret_only,
                               GCancellable *cancellable, GError **error);

/**
 * ms_identities_choose_async:
 * @policy: the account's policy (its system gives the protocol)
 * @setting: %MS_POLICY_SIGNING_IDENTITY or %MS_POLICY_ENCRYPTION_IDENTITY
 * @address: the account's address
 * @cancellable: (nullable): a cancellable
 * @callback: called in the thread-default main context
 * @user_data: for @callback
 *
 * Finds the key the policy says: the one with its fingerprint, the best
 * usable one for the address, GnuPG's first usable secret key for
 * "default"; never an unusable one. For "ask" it chooses nothing: the
 * caller asks the user, listing ms_identities_list().
 *
 * Since: 0.1
 */
void ms_identities_choose_async (const MsPolicy *policy, MsPolicySetting setting, const char *address,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);

/**
 * ms_identities_choose_finish:
 * @result: the result
 * @identity_r: (out) (transfer full) (nullable): the key, %NULL when the
 *   policy says to ask
 * @error: %MS_POLICY_ERROR_NO_IDENTITY (no key, or no privacy system),
 *   %MS_POLICY_ERROR_UNUSABLE_IDENTITY (the key or every matching key is
 *   unusable: the message says why), %MS_POLICY_ERROR_BACKEND
 *
 * Returns: %TRUE if a key was chosen or the user is to be asked.
 *
 * Since: 0.1
 */
gboolean ms_identities_choose_finish (GAsyncResult *result, MsIdentity **identity_r, GError **error);

/**
 * ms_identities_choose:
 * @policy: the account's policy
 * @setting: %MS_POLICY_SIGNING_IDENTITY or %MS_POLICY_ENCRYPTION_IDENTITY
 * @address: the account's address
 * @identity_r: (out) (transfer full) (nullable): the key, %NULL for "ask"
 * @cancellable: (nullable): a cancellable
 * @error: as for ms_identities_choose_finish()
 *
 * The blocking form of ms_identities_choose_async().
 *
 * Returns: %TRUE if a key was chosen or the user is to be asked.
 *
 * Since: 0.1
 */
gboolean ms_identities_choose (const MsPolicy *policy, MsPolicySetting setting, const char *address,
                               MsIdentity **identity_r, GCancellable *cancellable, GError **error);

/**
 * MsRecipientKey:
 * @address: the recipient's address, as looked up.
 * @key: (nullable): the best usable key for encrypting to it.
 * @problem: (nullable): when @key is %NULL, why, translated ("no key",
 *   "the only key expired on …").
 *
 * One recipient's lookup.
 *
 * Since: 0.1
 */
typedef struct {
	char *address;
	MsIdentity *key;
	char *problem;
} MsRecipientKey;

/** ms_recipient_key_free: @recipient: (transfer full) (nullable): a lookup. Since: 0.1 */
void ms_recipient_key_free (MsRecipientKey *recipient);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsRecipientKey, ms_recipient_key_free)

/**
 * ms_recipients_lookup_async:
 * @protocol: the account's protocol
 * @addresses: (array zero-terminated=1): every recipient (To, Cc, Bcc);
 *   "Name <address>" is accepted
 * @cancellable: (nullable): checked between recipients and keys
 * @callback: called in the thread-default main context
 * @user_data: for @callback
 *
 * Looks up every recipient's public key.
 *
 * Since: 0.1
 */
void ms_recipients_lookup_async (MsKeyProtocol protocol, const char *const *addresses,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);

/**
 * ms_recipients_lookup_finish:
 * @result: the result
 * @error: %MS_POLICY_ERROR_BACKEND, %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type MsRecipientKey): one lookup per
 *   address, in order.
 *
 * Since: 0.1
 */
GPtrArray *ms_recipients_lookup_finish (GAsyncResult *result, GError **error);

/**
 * ms_recipients_lookup:
 * @protocol: the account's protocol
 * @addresses: (array zero-terminated=1): the recipients
 * @cancellable: (nullable): a cancellable
 * @error: as for ms_recipients_lookup_finish()
 *
 * The blocking form of ms_recipients_lookup_async().
 *
 * Returns: (transfer full) (element-type MsRecipientKey): the lookups.
 *
 * Since: 0.1
 */
GPtrArray *ms_recipients_lookup (MsKeyProtocol protocol, const char *const *addresses,
                                 GCancellable *cancellable, GError **error);

/**
 * ms_recipients_without_key:
 * @lookups: (element-type MsRecipientKey): recipients looked up
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses with
 *   no usable key (maybe none), as ms_policy_check_send() takes them.
 *
 * Since: 0.1
 */
char **ms_recipients_without_key (GPtrArray *lookups);

G_END_DECLS
