/* MsProfile and MsProfileAccount: what a configuration profile said, kept
 * for the front ends; passwords wiped when the profile goes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/profile-private.h"

#include <string.h>

static void
note_free (gpointer data)
{
	MsProfileNote *n = data;
	g_free (n->name);
	g_free (n->identifier);
	g_free (n->display_name);
	g_free (n->reason);
	g_free (n);
}

void
_ms_profile_note_add (GPtrArray *notes, const char *name, const char *identifier, const char *display_name,
                      const char *reason)
{
	MsProfileNote *n = g_new0 (MsProfileNote, 1);
	n->name = g_strdup (name);
	n->identifier = g_strdup (identifier);
	n->display_name = g_strdup (display_name);
	n->reason = g_strdup (reason);
	g_ptr_array_add (notes, n);
}

static void
wipe (char **secret)
{
	if (*secret) {
		explicit_bzero (*secret, strlen (*secret));
		g_clear_pointer (secret, g_free);
	}
}

MsProfileAccount *
_ms_profile_account_new (void)
{
	MsProfileAccount *a = g_new0 (MsProfileAccount, 1);
	a->config = ms_config_new ();
	a->protocol = MS_PROTOCOL_IMAP;
	a->ignored = g_ptr_array_new_with_free_func (note_free);
	return a;
}

void
_ms_profile_account_free (MsProfileAccount *a)
{
	if (a == NULL)
		return;
	wipe (&a->incoming_password);
	wipe (&a->outgoing_password);
	ms_config_unref (a->config);
	g_clear_pointer (&a->address, ms_address_unref);
	g_free (a->name);
	g_free (a->description);
	g_free (a->uuid);
	g_free (a->identifier);
	g_free (a->incoming_username);
	g_free (a->outgoing_username);
	g_free (a->imap_path_prefix);
	g_free (a->smime.signing_certificate);
	g_free (a->smime.signing_certificate_name);
	g_free (a->smime.encryption_certificate);
	g_free (a->smime.encryption_certificate_name);
	g_clear_pointer (&a->policy, ms_policy_free);
	g_ptr_array_unref (a->ignored);
	g_free (a);
}

MsProfile *
_ms_profile_new (void)
{
	MsProfile *p = g_new0 (MsProfile, 1);
	p->ref_count = 1;
	p->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) _ms_profile_account_free);
	p->not_applicable = g_ptr_array_new_with_free_func (note_free);
	p->ignored = g_ptr_array_new_with_free_func (note_free);
	return p;
}

MsProfile *
ms_profile_ref (MsProfile *profile)
{
	g_return_val_if_fail (profile != NULL, NULL);
	g_atomic_int_inc (&profile->ref_count);
	return profile;
}

void
ms_profile_unref (MsProfile *p)
{
	if (p == NULL || !g_atomic_int_dec_and_test (&p->ref_count))
		return;
	g_free (p->signer);
	g_free (p->signature_problem);
	g_free (p->display_name);
	g_free (p->organization);
	g_free (p->description);
	g_free (p->identifier);
	g_free (p->uuid);
	g_ptr_array_unref (p->accounts);
	g_ptr_array_unref (p->not_applicable);
	g_ptr_array_unref (p->ignored);
	g_free (p);
}

const char *
ms_profile_signature_to_string (MsProfileSignature signature)
{
	switch (signature) {
	case MS_PROFILE_UNSIGNED: return "unsigned";
	case MS_PROFILE_SIGNED_VALID: return "signed-valid";
	case MS_PROFILE_SIGNED_INVALID: return "signed-invalid";
	}
	return "unknown";
}

MsProfileSignature ms_profile_get_signature (const MsProfile *p) { return p->signature; }
const char *ms_profile_get_signer (const MsProfile *p) { return p->signer; }
const char *ms_profile_get_signature_problem (const MsProfile *p) { return p->signature_problem; }
const char *ms_profile_get_display_name (const MsProfile *p) { return p->display_name; }
const char *ms_profile_get_organization (const MsProfile *p) { return p->organization; }
const char *ms_profile_get_description (const MsProfile *p) { return p->description; }
const char *ms_profile_get_identifier (const MsProfile *p) { return p->identifier; }
const char *ms_profile_get_uuid (const MsProfile *p) { return p->uuid; }
GPtrArray *ms_profile_get_accounts (const MsProfile *p) { return p->accounts; }
GPtrArray *ms_profile_get_not_applicable (const MsProfile *p) { return p->not_applicable; }
GPtrArray *ms_profile_get_ignored (const MsProfile *p) { return p->ignored; }

MsConfig *ms_profile_account_get_config (const MsProfileAccount *a) { return a->config; }
const MsAddress *ms_profile_account_get_address (const MsProfileAccount *a) { return a->address; }
const char *ms_profile_account_get_name (const MsProfileAccount *a) { return a->name; }
const char *ms_profile_account_get_description (const MsProfileAccount *a) { return a->description; }
MsProtocol ms_profile_account_get_protocol (const MsProfileAccount *a) { return a->protocol; }
const char *ms_profile_account_get_uuid (const MsProfileAccount *a) { return a->uuid; }
const char *ms_profile_account_get_identifier (const MsProfileAccount *a) { return a->identifier; }
const char *ms_profile_account_get_incoming_username (const MsProfileAccount *a) { return a->incoming_username; }
const char *ms_profile_account_get_outgoing_username (const MsProfileAccount *a) { return a->outgoing_username; }
const char *ms_profile_account_get_incoming_password (const MsProfileAccount *a) { return a->incoming_password; }
gboolean ms_profile_account_get_outgoing_password_same (const MsProfileAccount *a) { return a->outgoing_password_same; }
const char *ms_profile_account_get_imap_path_prefix (const MsProfileAccount *a) { return a->imap_path_prefix; }
gboolean ms_profile_account_get_prevent_move (const MsProfileAccount *a) { return a->prevent_move; }
const MsProfileSmime *ms_profile_account_get_smime (const MsProfileAccount *a) { return &a->smime; }
GPtrArray *ms_profile_account_get_ignored (const MsProfileAccount *a) { return a->ignored; }

const char *
ms_profile_account_get_outgoing_password (const MsProfileAccount *a)
{
	return a->outgoing_password_same ? a->incoming_password : a->outgoing_password;
}
