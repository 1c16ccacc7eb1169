/* libFuzzer target: ms_profile_load() on anything (property lists, CMS
 * envelopes), then everything a front end reads from the profile.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <mailsetup/mailsetup.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
read_notes (GPtrArray *notes)
{
	for (guint i = 0; i < notes->len; i++) {
		const MsProfileNote *n = g_ptr_array_index (notes, i);
		g_assert (n->name != NULL && n->reason != NULL && n->reason[0]);
	}
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (GError) error = NULL;
	(void) ms_profile_looks_like ((const char *) data, size);
	g_autoptr (MsProfile) p = ms_profile_load ((const char *) data, size, NULL, &error);
	if (p == NULL) {
		g_assert (error != NULL && error->domain == MS_ERROR);
		return 0;
	}
	g_assert (ms_profile_get_signature (p) == MS_PROFILE_SIGNED_VALID ||
	          (ms_profile_get_signature (p) == MS_PROFILE_SIGNED_INVALID) == (ms_profile_get_signature_problem (p) != NULL));
	read_notes (ms_profile_get_not_applicable (p));
	read_notes (ms_profile_get_ignored (p));
	GPtrArray *accounts = ms_profile_get_accounts (p);
	for (guint i = 0; i < accounts->len; i++) {
		const MsProfileAccount *a = g_ptr_array_index (accounts, i);
		MsConfig *c = ms_profile_account_get_config (a);
		g_assert (ms_config_get_incoming (c)->len > 0);
		g_autofree char *json = ms_config_to_json (c, ms_profile_account_get_address (a), FALSE);
		g_assert (json != NULL);
		/* The passwords are never part of what is shown. */
		const char *pw = ms_profile_account_get_incoming_password (a);
		if (pw && strlen (pw) >= 8)
			g_assert (strstr (json, pw) == NULL);
		read_notes (ms_profile_account_get_ignored (a));
		(void) ms_profile_account_get_smime (a);
		(void) ms_profile_account_get_outgoing_password (a);
	}
	return 0;
}
