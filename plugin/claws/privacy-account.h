/* Internal to the Claws Mail plugin: where an account's signing and
 * encryption policy lives, and the policy in force for an account.
 *
 * Layers merged with ms_policy_merge() so that a lock from any layer
 * shows: the site's ([Privacy] of the site defaults files), an imported
 * profile's (in the plugin's key file), then the user's, which is what
 * Claws itself holds for the account (its
 * default_privacy_system, default_sign… and the privacy plugins' signing
 * key, so Claws behaves the same without the plugin) plus what Claws has no
 * key for (automatic encryption, per-message switches, the encryption
 * identity), kept in the plugin's own key file, one group per account.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "claws-api.h"

#include <mailsetup/mailsetup.h>
#include <mailsetup/policy.h>

/* The plugin's own key file, in Claws's configuration directory. A key
 * file of its own rather than clawsrc sections: Claws's PrefParam tables
 * are static lists of known keys, these groups are one per account and are
 * read and written by the engine's ms_policy_load/save_keyfile(). */
#define MS_CLAWS_PRIVACY_RC "mailsetuprc"

/* In a profile's group, the profile's name (its settings' source). */
#define MS_CLAWS_PRIVACY_SOURCE_KEY "source"

/* Its group for an account: "Account 3"; a profile's layer for it is in
 * "Account 3 Profile". */
char *ms_claws_privacy_group (const PrefsAccount *account);

/* The site's layer (never NULL; empty without site files): the
 * [Privacy] group of the site defaults ms_claws_settings_site() holds. */
MsPolicy *ms_claws_privacy_site_layer (void);

/* The user's layer for @account: Claws's own fields, then the plugin's
 * group over them. Problems in the plugin's file are logged, and what
 * could be read is used. */
MsPolicy *ms_claws_privacy_user_layer (PrefsAccount *account);

/* The layer an imported profile gave @account (empty when none), each
 * setting's source the profile. Between the site's and the user's: an
 * organisation's profile may lock what the user would change, never what
 * the site locks. */
MsPolicy *ms_claws_privacy_profile_layer (PrefsAccount *account);

/* Stores @profile as @account's profile layer (replacing one stored
 * before), with its source (or @source, nullable, when @profile names
 * none), and sets Claws's fields from it (the caller writes accountrc).
 * On error nothing changed. */
gboolean ms_claws_privacy_store_profile (PrefsAccount *account, const MsPolicy *profile, const char *source,
					 GError **error);

/* What is in force for @account: site, profile, then user, locks kept. */
MsPolicy *ms_claws_privacy_policy (PrefsAccount *account);

/* Saves @user (the user's layer) for @account: Claws's fields set from the
 * merged policy (Claws writes accountrc when its dialog closes), the rest
 * into the plugin's key file (atomically). On error nothing of the key
 * file changed. */
gboolean ms_claws_privacy_save (PrefsAccount *account, const MsPolicy *user, GError **error);
