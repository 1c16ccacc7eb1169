/* The keys the policy page offers and the recipients without a key, from
 * the engine's gpgme look-ups (mailsetup/identities.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "privacy-keys.h"

#include <mailsetup/identities.h>

void
ms_claws_key_free (MsClawsKey *key)
{
	if (key == NULL)
		return;
	g_free (key->fingerprint);
	g_free (key->label);
	g_free (key->warning);
	g_free (key);
}

/* One line for a person choosing: who, which key, until when. */
static MsClawsKey *
key_of (const MsIdentity *id)
{
	MsClawsKey *key = g_new0 (MsClawsKey, 1);
	const char *who = id->user_id ? id->user_id : id->email ? id->email : "?";
	g_autofree char *why = NULL;

	key->fingerprint = g_strdup (id->fingerprint);
	if (id->expires > 0) {
		g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (id->expires);
		g_autofree char *day = g_date_time_format (t, "%Y-%m-%d");
		key->label = g_strdup_printf (_("%s, key %s, valid until %s"), who, id->fingerprint, day);
	} else {
		key->label = g_strdup_printf (_("%s, key %s, no expiry"), who, id->fingerprint);
	}
	if (!ms_identity_check (id, MS_KEY_PURPOSE_SIGN, &why))
		key->warning = g_steal_pointer (&why);
	else
		key->warning = ms_identity_warning (id);	/* expiring soon */
	return key;
}

void
ms_claws_privacy_keys_async (MsPrivacySystem system, GCancellable *cancellable,
			     GAsyncReadyCallback callback, gpointer user_data)
{
	ms_identities_list_async (ms_privacy_system_key_protocol (system), NULL, TRUE, cancellable,
				  callback, user_data);
}

GPtrArray *
ms_claws_privacy_keys_finish (GAsyncResult *result, GError **error)
{
	g_autoptr (GPtrArray) ids = ms_identities_list_finish (result, error);
	GPtrArray *out;

	if (ids == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_claws_key_free);
	for (guint i = 0; i < ids->len; i++)
		g_ptr_array_add (out, key_of (ids->pdata[i]));
	return out;
}

char **
ms_claws_privacy_without_key (MsPrivacySystem system, const char *const *recipients, GError **error)
{
	g_autoptr (GPtrArray) lookups = NULL;

	/* Blocking: Claws's check before sending is a synchronous hook; the
	 * look-up reads the local keyring only. */
	lookups = ms_recipients_lookup (ms_privacy_system_key_protocol (system), recipients, NULL, error);
	if (lookups == NULL)
		return NULL;
	return ms_recipients_without_key (lookups);
}
