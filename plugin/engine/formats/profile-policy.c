/* A profile's S/MIME keys as the account's signing and encryption policy
 * (include/mailsetup/policy.h): one layer, from the profile, with the
 * profile as its source.
 *
 * Apple's …UserOverrideable false (or absent) is a lock. Signing has no
 * per-message switch in Apple Mail: a locked signing rule cannot be turned
 * off per message either, an unlocked one can. Encryption's per-message
 * switch is SMIMEEnableEncryptionPerMessageSwitch. The certificates are
 * PayloadUUIDs of identities mailsetup does not install: the policy says
 * "the identity for the account's address" (the user imports it with
 * gpgsm), locked when the profile forbids choosing another.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/profile-private.h"

#include "core/i18n.h"

static char *
source_of (const MsProfile *profile)
{
	const char *name = profile->display_name ? profile->display_name : profile->identifier;
	const char *org = profile->organization;
	g_autofree char *who = name && org ? g_strdup_printf ("%s, %s", name, org) : g_strdup (name ? name : org);

	switch (profile->signature) {
	case MS_PROFILE_SIGNED_VALID:
		/* TRANSLATORS: the source of a setting: "configuration profile “Mail”, signed by CN=…" */
		return g_strdup_printf (_("configuration profile “%s”, signed by %s"), who ? who : "?",
		                        profile->signer ? profile->signer : "?");
	case MS_PROFILE_SIGNED_INVALID:
		return g_strdup_printf (_("configuration profile “%s”, badly signed"), who ? who : "?");
	case MS_PROFILE_UNSIGNED:
		break;
	}
	return g_strdup_printf (_("configuration profile “%s”, unsigned"), who ? who : "?");
}

void
_ms_profile_account_make_policy (MsProfileAccount *a, const MsProfile *profile)
{
	const MsProfileSmime *m = &a->smime;

	if (!m->present)
		return;
	g_autoptr (MsPolicy) p = ms_policy_new ();
	/* A fresh policy has no lock: none of these can fail. */
	ms_policy_set_system (p, MS_PRIVACY_SMIME, NULL);
	ms_policy_set_rule (p, MS_POLICY_SIGN, m->signing, !m->signing_locked, NULL);
	ms_policy_set_rule (p, MS_POLICY_ENCRYPT, m->encrypt, m->per_message_switch, NULL);
	if (m->signing_certificate)
		ms_policy_set_identity (p, MS_POLICY_SIGNING_IDENTITY, MS_IDENTITY_BY_ADDRESS, NULL, NULL);
	if (m->encryption_certificate)
		ms_policy_set_identity (p, MS_POLICY_ENCRYPTION_IDENTITY, MS_IDENTITY_BY_ADDRESS, NULL, NULL);
	if (m->signing_locked || m->encrypt_locked)
		ms_policy_lock (p, MS_POLICY_SYSTEM, TRUE, NULL);
	ms_policy_lock (p, MS_POLICY_SIGN, m->signing_locked, NULL);
	ms_policy_lock (p, MS_POLICY_ENCRYPT, m->encrypt_locked, NULL);
	if (m->signing_certificate && m->signing_certificate_locked)
		ms_policy_lock (p, MS_POLICY_SIGNING_IDENTITY, TRUE, NULL);
	if (m->encryption_certificate && m->encryption_certificate_locked)
		ms_policy_lock (p, MS_POLICY_ENCRYPTION_IDENTITY, TRUE, NULL);
	g_autofree char *source = source_of (profile);
	ms_policy_set_source (p, source);
	a->policy = g_steal_pointer (&p);
}

MsPolicy *
ms_profile_account_get_policy (const MsProfileAccount *a)
{
	return a->policy;
}
