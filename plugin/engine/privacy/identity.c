/* MsIdentity: one key or certificate as listed, and what can be said about
 * it without GnuPG: usable for what, why not, expiring soon.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/identities.h>

#include "core/i18n.h"

G_DEFINE_BOXED_TYPE (MsIdentity, ms_identity, ms_identity_copy, ms_identity_free)

MsKeyProtocol
ms_privacy_system_key_protocol (MsPrivacySystem system)
{
	return system == MS_PRIVACY_SMIME ? MS_KEY_PROTOCOL_CMS : MS_KEY_PROTOCOL_OPENPGP;
}

MsIdentity *
ms_identity_copy (const MsIdentity *identity)
{
	g_return_val_if_fail (identity != NULL, NULL);
	MsIdentity *c = g_memdup2 (identity, sizeof *identity);
	c->fingerprint = g_strdup (identity->fingerprint);
	c->user_id = g_strdup (identity->user_id);
	c->email = g_strdup (identity->email);
	c->issuer = g_strdup (identity->issuer);
	return c;
}

void
ms_identity_free (MsIdentity *identity)
{
	if (identity == NULL)
		return;
	g_free (identity->fingerprint);
	g_free (identity->user_id);
	g_free (identity->email);
	g_free (identity->issuer);
	g_free (identity);
}

static char *
format_date (gint64 when)
{
	g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (when);
	return t ? g_date_time_format (t, "%Y-%m-%d") : g_strdup ("?");
}

gboolean
ms_identity_check (const MsIdentity *id, MsKeyPurpose purpose, char **reason_r)
{
	g_return_val_if_fail (id != NULL, FALSE);
	const char *fpr = id->fingerprint ? id->fingerprint : "?";
	const char *who = id->email ? id->email : id->user_id ? id->user_id : "?";
	char *reason = NULL;

	/* The owner's own verdicts first: they explain a missing capability. */
	if (id->revoked)
		reason = g_strdup_printf (_("The key %s for %s has been revoked."), fpr, who);
	else if (id->expired) {
		g_autofree char *date = format_date (id->expires);
		reason = id->expires > 0 ? g_strdup_printf (_("The key %s for %s expired on %s."), fpr, who, date)
		                         : g_strdup_printf (_("The key %s for %s has expired."), fpr, who);
	} else if (id->disabled)
		reason = g_strdup_printf (_("The key %s for %s is disabled."), fpr, who);
	else if (id->invalid)
		reason = g_strdup_printf (_("The key %s for %s cannot be used by GnuPG."), fpr, who);
	else if (purpose == MS_KEY_PURPOSE_SIGN && !id->secret)
		reason = g_strdup_printf (_("The secret part of the key %s for %s is not on this computer: it cannot sign."), fpr, who);
	else if (purpose == MS_KEY_PURPOSE_SIGN && !id->can_sign)
		reason = g_strdup_printf (_("The key %s for %s cannot sign."), fpr, who);
	else if (purpose == MS_KEY_PURPOSE_ENCRYPT && !id->can_encrypt)
		reason = g_strdup_printf (_("The key %s for %s cannot encrypt."), fpr, who);
	else if (purpose == MS_KEY_PURPOSE_ENCRYPT && id->validity < MS_KEY_VALIDITY_MARGINAL)
		/* GnuPG refuses to encrypt to it without a "trust anyway". */
		reason = g_strdup_printf (_("The key %s is not certified: nothing shows that it belongs to %s."), fpr, who);

	if (reason_r != NULL)
		*reason_r = reason;
	else
		g_free (reason);
	return reason == NULL;
}

gboolean
ms_identity_expires_soon (const MsIdentity *identity, gint64 now)
{
	g_return_val_if_fail (identity != NULL, FALSE);
	if (identity->expired || identity->expires <= 0 || identity->expires <= now)
		return FALSE;
	return identity->expires - now < (gint64) MS_IDENTITY_EXPIRY_WARNING_DAYS * 24 * 3600;
}

char *
ms_identity_warning (const MsIdentity *identity)
{
	g_return_val_if_fail (identity != NULL, NULL);
	if (identity->revoked || identity->expired || identity->disabled || identity->invalid) {
		char *reason = NULL;
		ms_identity_check (identity, MS_KEY_PURPOSE_ENCRYPT, &reason);
		return reason;
	}
	if (ms_identity_expires_soon (identity, g_get_real_time () / G_USEC_PER_SEC)) {
		g_autofree char *date = format_date (identity->expires);
		return g_strdup_printf (_("The key %s for %s expires on %s: renew it or make a new one."),
		                        identity->fingerprint, identity->email ? identity->email : identity->user_id, date);
	}
	return NULL;
}
