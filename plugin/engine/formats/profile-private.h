/* Internal: what the profile object (profile.c), the payload reader
 * (mobileconfig.c) and the signature check (profile-signature.c) share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/profile.h>

struct _MsProfileAccount {
	MsConfig *config;
	MsAddress *address;
	char *name;
	char *description;
	MsProtocol protocol;
	char *uuid;
	char *identifier;
	char *incoming_username;
	char *outgoing_username;
	char *incoming_password;  /* wiped on free */
	char *outgoing_password;  /* wiped on free */
	gboolean outgoing_password_same;
	char *imap_path_prefix;
	gboolean prevent_move;
	MsProfileSmime smime;
	MsPolicy *policy;         /* NULL without S/MIME keys */
	GPtrArray *ignored;       /* MsProfileNote* */
};

struct _MsProfile {
	gint ref_count;
	MsProfileSignature signature;
	char *signer;
	char *signature_problem;
	char *display_name;
	char *organization;
	char *description;
	char *identifier;
	char *uuid;
	GPtrArray *accounts;       /* MsProfileAccount* */
	GPtrArray *not_applicable; /* MsProfileNote* */
	GPtrArray *ignored;        /* MsProfileNote* */
};

/* The account's policy from its S/MIME settings (profile-policy.c). */
void _ms_profile_account_make_policy (MsProfileAccount *account, const MsProfile *profile);

MsProfile *_ms_profile_new (void);
MsProfileAccount *_ms_profile_account_new (void);
void _ms_profile_account_free (MsProfileAccount *account);
/* A new note (@identifier, @display_name nullable) appended to @notes. */
void _ms_profile_note_add (GPtrArray *notes, const char *name, const char *identifier, const char *display_name,
                           const char *reason);

/* If @data is CMS SignedData (DER, or PEM "-----BEGIN PKCS7/CMS"), checks
 * its signature against the engine's trust (system store + @ca_file) and
 * returns the signed content, with the verdict, the signer's DN and the
 * problem in @profile. Otherwise returns @data as is, UNSIGNED. NULL with
 * @error when it looks signed but cannot be decoded. */
GBytes *_ms_profile_unwrap (const char *data, gsize length, const char *ca_file, MsProfile *profile, GError **error);
