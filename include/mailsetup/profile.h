/* mailsetup: Apple configuration profiles (.mobileconfig): their mail
 * accounts, S/MIME settings and signature, and what they hold that does
 * not apply to a mail client.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/address.h>
#include <mailsetup/config.h>
#include <mailsetup/policy.h>

G_BEGIN_DECLS

/** MS_PROFILE_MAX_SIZE: largest profile read, in bytes, signed or not. Since: 0.1 */
#define MS_PROFILE_MAX_SIZE (1024 * 1024)

/**
 * MsProfileSignature:
 * @MS_PROFILE_UNSIGNED: a bare property list: anyone could have written it.
 * @MS_PROFILE_SIGNED_VALID: a CMS (PKCS#7) signature that matches the
 *   content, by a certificate issued by an authority this computer trusts.
 * @MS_PROFILE_SIGNED_INVALID: signed, but the content was changed after
 *   signing, or the signer is not trusted, or the signature cannot be
 *   checked (ms_profile_get_signature_problem() says which).
 *
 * Since: 0.1
 */
typedef enum {
	MS_PROFILE_UNSIGNED,
	MS_PROFILE_SIGNED_VALID,
	MS_PROFILE_SIGNED_INVALID,
} MsProfileSignature;

/**
 * ms_profile_signature_to_string:
 * @signature: a signature status
 *
 * Returns: (transfer none): its stable name: "unsigned", "signed-valid"
 * or "signed-invalid".
 *
 * Since: 0.1
 */
const char *ms_profile_signature_to_string (MsProfileSignature signature);

/**
 * MsProfileSmime:
 * @present: whether the payload says anything about S/MIME at all
 * @signing: sign outgoing messages (SMIMESigningEnabled, or the older SMIMEEnabled)
 * @signing_locked: the user may not change @signing (SMIMESigningUserOverrideable false or absent)
 * @signing_certificate: (nullable): PayloadUUID of the signing identity (SMIMESigningCertificateUUID)
 * @signing_certificate_locked: the user may not choose another signing certificate
 * @signing_certificate_name: (nullable): the display name of the certificate
 *   payload @signing_certificate refers to, when the profile holds it
 * @encrypt: encrypt by default (SMIMEEncryptByDefault, or the older SMIMEEncryptionEnabled)
 * @encrypt_locked: the user may not change @encrypt (SMIMEEncryptByDefaultUserOverrideable false or absent)
 * @encryption_certificate: (nullable): PayloadUUID of the encryption identity (SMIMEEncryptionCertificateUUID)
 * @encryption_certificate_locked: the user may not choose another encryption certificate
 * @encryption_certificate_name: (nullable): as @signing_certificate_name
 * @per_message_switch: the user may turn encryption on or off per message
 *   (SMIMEEnableEncryptionPerMessageSwitch, or the older SMIMEEnablePerMessageSwitch)
 *
 * What an Email payload says about signing and encrypting messages.
 *
 * Since: 0.1
 */
typedef struct {
	gboolean present;
	gboolean signing;
	gboolean signing_locked;
	char *signing_certificate;
	gboolean signing_certificate_locked;
	char *signing_certificate_name;
	gboolean encrypt;
	gboolean encrypt_locked;
	char *encryption_certificate;
	gboolean encryption_certificate_locked;
	char *encryption_certificate_name;
	gboolean per_message_switch;
} MsProfileSmime;

/**
 * MsProfileNote:
 * @name: a key of the profile ("PreventAppSheet") or a payload type
 *   ("com.apple.eas.account")
 * @identifier: (nullable): the payload's PayloadIdentifier
 * @display_name: (nullable): the payload's PayloadDisplayName
 * @reason: why it is not used, translated
 *
 * Something a profile holds that mailsetup does not apply, and why.
 *
 * Since: 0.1
 */
typedef struct {
	char *name;
	char *identifier;
	char *display_name;
	char *reason;
} MsProfileNote;

/**
 * MsProfileAccount:
 *
 * One mail account of a profile (a com.apple.mail.managed payload): its
 * servers as an #MsConfig, the identity, the user names and passwords, and
 * its S/MIME settings. Owned by its #MsProfile; passwords are wiped from
 * memory when the profile is freed.
 *
 * Since: 0.1
 */
typedef struct _MsProfileAccount MsProfileAccount;

/**
 * MsProfile:
 *
 * A configuration profile read by ms_profile_load(). Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsProfile MsProfile;

/**
 * ms_profile_looks_like:
 * @data: the start of a file
 * @length: its length
 *
 * Returns: %TRUE if @data is a configuration profile rather than another
 * document (an autoconfig file): DER or PEM CMS, a binary property list, or
 * XML whose first element is <plist>.
 *
 * Since: 0.1
 */
gboolean ms_profile_looks_like (const char *data, gsize length);

/**
 * ms_profile_load:
 * @data: the file's bytes
 * @length: their number, at most %MS_PROFILE_MAX_SIZE
 * @ca_file: (nullable): a PEM file of authorities trusted besides the
 *   system's (the same trust as for servers, see ms_verify_options_set_ca_file())
 * @error: return location for an %MS_ERROR
 *
 * Reads a profile, never touching the network. A signed profile (CMS
 * SignedData, DER or PEM) has its signature checked with GnuTLS and its
 * content read whatever the verdict: the caller shows the verdict and asks
 * before using a profile that is not %MS_PROFILE_SIGNED_VALID. Every
 * com.apple.mail.managed payload becomes an account; every other payload
 * and every key that is not applied is listed with the reason.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error
 * set when it cannot be read (%MS_ERROR_XML_MALFORMED: not a property list,
 * a binary one, an encrypted profile, broken CMS; other %MS_ERROR_XML_*
 * codes for limits; %MS_ERROR_NO_USABLE_SERVER when it has no mail
 * account and nothing else either).
 *
 * Since: 0.1
 */
MsProfile *ms_profile_load (const char *data, gsize length, const char *ca_file, GError **error);

/** ms_profile_ref: @profile: a profile. Returns: (transfer full): @profile. Since: 0.1 */
MsProfile *ms_profile_ref (MsProfile *profile);
/** ms_profile_unref: @profile: (transfer full): a profile; passwords are wiped with the last reference. Since: 0.1 */
void ms_profile_unref (MsProfile *profile);

/** ms_profile_get_signature: @profile: a profile. Returns: whether and how it is signed. Since: 0.1 */
MsProfileSignature ms_profile_get_signature (const MsProfile *profile);
/** ms_profile_get_signer: @profile: a profile. Returns: (transfer none) (nullable): the signer's distinguished name (as the certificate states it, even when not trusted). Since: 0.1 */
const char *ms_profile_get_signer (const MsProfile *profile);
/** ms_profile_get_signature_problem: @profile: a profile. Returns: (transfer none) (nullable): why the signature is not valid, translated. Since: 0.1 */
const char *ms_profile_get_signature_problem (const MsProfile *profile);
/** ms_profile_get_display_name: @profile: a profile. Returns: (transfer none) (nullable): its PayloadDisplayName. Since: 0.1 */
const char *ms_profile_get_display_name (const MsProfile *profile);
/** ms_profile_get_organization: @profile: a profile. Returns: (transfer none) (nullable): its PayloadOrganization. Since: 0.1 */
const char *ms_profile_get_organization (const MsProfile *profile);
/** ms_profile_get_description: @profile: a profile. Returns: (transfer none) (nullable): its PayloadDescription. Since: 0.1 */
const char *ms_profile_get_description (const MsProfile *profile);
/** ms_profile_get_identifier: @profile: a profile. Returns: (transfer none) (nullable): its PayloadIdentifier. Since: 0.1 */
const char *ms_profile_get_identifier (const MsProfile *profile);
/** ms_profile_get_uuid: @profile: a profile. Returns: (transfer none) (nullable): its PayloadUUID. Since: 0.1 */
const char *ms_profile_get_uuid (const MsProfile *profile);
/** ms_profile_get_accounts: @profile: a profile. Returns: (transfer none) (element-type MsProfileAccount): its mail accounts, in document order. Since: 0.1 */
GPtrArray *ms_profile_get_accounts (const MsProfile *profile);
/** ms_profile_get_not_applicable: @profile: a profile. Returns: (transfer none) (element-type MsProfileNote): payloads that are not mail accounts, and mail payloads that cannot be used, with the reason. Since: 0.1 */
GPtrArray *ms_profile_get_not_applicable (const MsProfile *profile);
/** ms_profile_get_ignored: @profile: a profile. Returns: (transfer none) (element-type MsProfileNote): keys of the profile itself that are not applied, with the reason. Since: 0.1 */
GPtrArray *ms_profile_get_ignored (const MsProfile *profile);

/**
 * ms_profile_account_get_config:
 * @account: an account
 *
 * The servers, with source %MS_SOURCE_PROFILE and a trust that follows the
 * signature: high when valid, medium when unsigned, none (with a
 * confirmation reason) when the signature is not valid. Notes say how
 * the profile's "use SSL" was mapped.
 *
 * Returns: (transfer none): the configuration to verify.
 *
 * Since: 0.1
 */
MsConfig *ms_profile_account_get_config (const MsProfileAccount *account);
/** ms_profile_account_get_address: @account: an account. Returns: (transfer none) (nullable): EmailAddress, or %NULL when the profile leaves it to the user. Since: 0.1 */
const MsAddress *ms_profile_account_get_address (const MsProfileAccount *account);
/** ms_profile_account_get_name: @account: an account. Returns: (transfer none) (nullable): the user's display name (EmailAccountName). Since: 0.1 */
const char *ms_profile_account_get_name (const MsProfileAccount *account);
/** ms_profile_account_get_description: @account: an account. Returns: (transfer none) (nullable): the account's name (EmailAccountDescription). Since: 0.1 */
const char *ms_profile_account_get_description (const MsProfileAccount *account);
/** ms_profile_account_get_protocol: @account: an account. Returns: %MS_PROTOCOL_IMAP or %MS_PROTOCOL_POP3 (EmailAccountType). Since: 0.1 */
MsProtocol ms_profile_account_get_protocol (const MsProfileAccount *account);
/** ms_profile_account_get_uuid: @account: an account. Returns: (transfer none) (nullable): the payload's PayloadUUID. Since: 0.1 */
const char *ms_profile_account_get_uuid (const MsProfileAccount *account);
/** ms_profile_account_get_identifier: @account: an account. Returns: (transfer none) (nullable): the payload's PayloadIdentifier. Since: 0.1 */
const char *ms_profile_account_get_identifier (const MsProfileAccount *account);
/** ms_profile_account_get_incoming_username: @account: an account. Returns: (transfer none) (nullable): IncomingMailServerUsername. Since: 0.1 */
const char *ms_profile_account_get_incoming_username (const MsProfileAccount *account);
/** ms_profile_account_get_outgoing_username: @account: an account. Returns: (transfer none) (nullable): OutgoingMailServerUsername. Since: 0.1 */
const char *ms_profile_account_get_outgoing_username (const MsProfileAccount *account);
/**
 * ms_profile_account_get_incoming_password:
 * @account: an account
 *
 * For verification and Claws Mail's password store only: never print it.
 *
 * Returns: (transfer none) (nullable): IncomingPassword.
 *
 * Since: 0.1
 */
const char *ms_profile_account_get_incoming_password (const MsProfileAccount *account);
/**
 * ms_profile_account_get_outgoing_password:
 * @account: an account
 *
 * Returns: (transfer none) (nullable): OutgoingPassword, or the incoming
 * password when OutgoingPasswordSameAsIncomingPassword is true.
 *
 * Since: 0.1
 */
const char *ms_profile_account_get_outgoing_password (const MsProfileAccount *account);
/** ms_profile_account_get_outgoing_password_same: @account: an account. Returns: OutgoingPasswordSameAsIncomingPassword. Since: 0.1 */
gboolean ms_profile_account_get_outgoing_password_same (const MsProfileAccount *account);
/** ms_profile_account_get_imap_path_prefix: @account: an account. Returns: (transfer none) (nullable): IncomingMailServerIMAPPathPrefix (IMAP only). Since: 0.1 */
const char *ms_profile_account_get_imap_path_prefix (const MsProfileAccount *account);
/** ms_profile_account_get_prevent_move: @account: an account. Returns: PreventMove: messages may not be moved out of this account. Since: 0.1 */
gboolean ms_profile_account_get_prevent_move (const MsProfileAccount *account);
/** ms_profile_account_get_smime: @account: an account. Returns: (transfer none): its S/MIME settings. Since: 0.1 */
const MsProfileSmime *ms_profile_account_get_smime (const MsProfileAccount *account);
/**
 * ms_profile_account_get_policy:
 * @account: an account
 *
 * The S/MIME keys as a policy layer: system S/MIME, the sign and encrypt
 * rules (a rule is locked when its …UserOverrideable key is false or
 * absent; signing can be switched per message unless locked; encryption
 * as SMIMEEnableEncryptionPerMessageSwitch says), the identities chosen
 * by the account's address when the profile names certificates, and the
 * profile (its name, organization and signature) as the source of each.
 *
 * Returns: (transfer none) (nullable): the policy, or %NULL when the
 * payload has no S/MIME key.
 *
 * Since: 0.1
 */
MsPolicy *ms_profile_account_get_policy (const MsProfileAccount *account);
/** ms_profile_account_get_ignored: @account: an account. Returns: (transfer none) (element-type MsProfileNote): its keys that are not applied, with the reason. Since: 0.1 */
GPtrArray *ms_profile_account_get_ignored (const MsProfileAccount *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsProfile, ms_profile_unref)

G_END_DECLS
