/* Internal to the Claws Mail plugin: the keys and certificates the policy
 * page offers, and the recipients without a usable key, both from the
 * engine's gpgme look-ups (mailsetup/identities.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/policy.h>

/* One key or certificate that can sign (or encrypt to oneself), for a
 * person choosing: its fingerprint, a one-line description (who, validity,
 * expiry) and, when it should not be chosen, why (else NULL). */
typedef struct {
	char *fingerprint;
	char *label;
	char *warning;
} MsClawsKey;

void ms_claws_key_free (MsClawsKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsClawsKey, ms_claws_key_free)

/* The secret keys (OpenPGP) or certificates (S/MIME) of @system, best
 * first (usable ones first), in the engine's worker threads; _finish
 * gives an array of MsClawsKey, maybe empty, or NULL and @error when
 * GnuPG cannot be asked (or the listing was cancelled). */
void ms_claws_privacy_keys_async (MsPrivacySystem system, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ms_claws_privacy_keys_finish (GAsyncResult *result, GError **error);

/* Of @recipients (NULL-terminated), those without a usable key for
 * @system, as a NULL-terminated array (empty when every one has a key).
 * NULL and @error when GnuPG cannot be asked. */
char **ms_claws_privacy_without_key (MsPrivacySystem system, const char *const *recipients, GError **error);
