/* The keys the policy page offers and the recipients without a key.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "privacy-keys.h"

#include <gpgme.h>
#include <string.h>

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

static gpgme_ctx_t
context (MsPrivacySystem system, GError **error)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_error_t err;

	gpgme_check_version (NULL);
	err = gpgme_new (&ctx);
	if (err == 0)
		err = gpgme_set_protocol (ctx, system == MS_PRIVACY_SMIME ? GPGME_PROTOCOL_CMS
								   : GPGME_PROTOCOL_OpenPGP);
	if (err != 0) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND, "GnuPG: %s", gpgme_strerror (err));
		if (ctx != NULL)
			gpgme_release (ctx);
		return NULL;
	}
	return ctx;
}

static const char *
unusable (gpgme_key_t k, gboolean for_signing)
{
	if (k->revoked)
		return _("revoked");
	if (k->expired)
		return _("expired");
	if (k->disabled)
		return _("disabled");
	if (k->invalid)
		return _("invalid");
	if (for_signing ? !k->can_sign : !k->can_encrypt)
		return for_signing ? _("cannot sign") : _("cannot encrypt");
	return NULL;
}

GPtrArray *
ms_claws_privacy_keys (MsPrivacySystem system, GError **error)
{
	gpgme_ctx_t ctx = context (system, error);
	GPtrArray *out;
	gpgme_key_t k;
	gpgme_error_t err;

	if (ctx == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_claws_key_free);
	err = gpgme_op_keylist_start (ctx, NULL, 1);
	while (err == 0 && (err = gpgme_op_keylist_next (ctx, &k)) == 0) {
		MsClawsKey *key = g_new0 (MsClawsKey, 1);
		const char *who = k->uids && k->uids->uid ? k->uids->uid : "?";
		const char *why = unusable (k, TRUE);
		gint64 expires = k->subkeys ? k->subkeys->expires : 0;

		key->fingerprint = g_strdup (k->fpr ? k->fpr : "");
		if (expires > 0) {
			g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (expires);
			g_autofree char *day = g_date_time_format (t, "%Y-%m-%d");
			key->label = g_strdup_printf (_("%s, key %s, valid until %s"), who, key->fingerprint, day);
		} else {
			key->label = g_strdup_printf (_("%s, key %s, no expiry"), who, key->fingerprint);
		}
		key->warning = why ? g_strdup_printf (_("This key cannot be used: %s."), why) : NULL;
		g_ptr_array_add (out, key);
		gpgme_key_unref (k);
	}
	gpgme_release (ctx);
	if (gpgme_err_code (err) != GPG_ERR_EOF) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND, "GnuPG: %s", gpgme_strerror (err));
		g_ptr_array_unref (out);
		return NULL;
	}
	return out;
}

/* Whether some valid key that can encrypt has a user id with @address
 * (the address exactly, any case). */
static gboolean
has_key (gpgme_ctx_t ctx, const char *address, gpgme_error_t *err_r)
{
	gpgme_key_t k;
	gboolean found = FALSE;
	gpgme_error_t err = gpgme_op_keylist_start (ctx, address, 0);

	while (err == 0 && (err = gpgme_op_keylist_next (ctx, &k)) == 0) {
		if (unusable (k, FALSE) == NULL)
			for (gpgme_user_id_t u = k->uids; u != NULL && !found; u = u->next)
				if (!u->revoked && !u->invalid && u->email && g_ascii_strcasecmp (u->email, address) == 0
				    && u->validity >= GPGME_VALIDITY_FULL)
					found = TRUE;
		gpgme_key_unref (k);
	}
	*err_r = gpgme_err_code (err) == GPG_ERR_EOF ? 0 : err;
	return found;
}

char **
ms_claws_privacy_without_key (MsPrivacySystem system, const char *const *recipients, GError **error)
{
	gpgme_ctx_t ctx = context (system, error);
	g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
	gpgme_error_t err = 0;

	if (ctx == NULL)
		return NULL;
	for (gsize i = 0; recipients != NULL && recipients[i] != NULL && err == 0; i++)
		if (!has_key (ctx, recipients[i], &err) && err == 0)
			g_ptr_array_add (out, g_strdup (recipients[i]));
	gpgme_release (ctx);
	if (err != 0) {
		g_set_error (error, MS_POLICY_ERROR, MS_POLICY_ERROR_BACKEND, "GnuPG: %s", gpgme_strerror (err));
		return NULL;
	}
	g_ptr_array_add (out, NULL);
	return (char **) g_ptr_array_steal (out, NULL);
}
