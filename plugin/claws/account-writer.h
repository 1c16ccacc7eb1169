/* Internal to the Claws Mail plugin: a verified account written into
 * Claws's configuration through Claws's own API (accountrc, the password
 * store, folderlist.xml for IMAP), completely, or not at all.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/mailsetup.h>

/* What to write. Servers come from ms_verify_result_get_*(): host names
 * expanded, user names the ones that logged in. */
typedef struct {
	const char *account_name;   /* shown in Claws's account list; NULL: the address */
	const char *full_name;      /* the user's name, for From: */
	const char *address;
	const MsServer *incoming;   /* IMAP or POP3 */
	const MsServer *outgoing;   /* SMTP */
	const char *password;       /* NULL with OAuth2 */
	const MsOAuth2 *oauth2;     /* NULL unless the provider needs OAuth2 */
} MsClawsAccountSpec;

/* The id (PrefsAccount.account_id) of an existing account with @address,
 * or -1: adding the same address twice updates that account instead. */
int ms_claws_account_find (const char *address);

/* Writes @spec as a new account, or over account @update_id (when >= 0).
 * Returns the account id, or -1 with @error; on failure Claws's
 * configuration is as it was. */
int ms_claws_account_write (const MsClawsAccountSpec *spec, int update_id, GError **error);

/* Claws's OAuth2 provider (Oauth2Service) for @oauth2's issuer, or 0
 * (OAUTH2AUTH_NONE) when Claws does not know it. */
int ms_claws_oauth2_provider (const MsOAuth2 *oauth2);

/* Keeps the tokens Claws's oauth2_obtain_tokens() gave for account @id,
 * where Claws looks for them. */
gboolean ms_claws_account_set_oauth2_tokens (int id, const char *access, const char *refresh,
					     const char *expiry, GError **error);
