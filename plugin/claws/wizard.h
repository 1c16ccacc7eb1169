/* Internal to the Claws Mail plugin: the assistant that turns an address
 * and a password into a verified account (discovery, verification, then
 * account-writer.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Opens the assistant (or raises it when open). */
void ms_claws_wizard_open (void);
/* Closes it if open, cancelling discovery or verification at once; safe
 * to call when it is not open (plugin_done calls it). */
void ms_claws_wizard_done (void);

#include <mailsetup/mailsetup.h>

/* Opens the assistant on its first page with @name (nullable) and
 * @address filled in, the password to type: the entry point of Claws's
 * account preferences ("Set up automatically…"). Applying then offers to
 * update the account that has this address. */
void ms_claws_wizard_open_address (const char *name, const char *address);

/* Opens the assistant with settings already known (imported from another
 * mail program, a file…): @name (nullable) and @address filled in, the
 * password asked on the first page, and Next verifies @config as it is
 * (no discovery), then shows the result as usual. @origin says where the
 * settings come from, for the user ("Thunderbird"); nullable. @config is
 * referenced, not copied. When the assistant is already open, it goes
 * back to its first page with these instead (a search running stops).
 *
 * @password (nullable) is the one the settings came with: it is used as
 * if typed, and the check starts at once; the caller's string is wiped
 * (zeroed) before return. @policy (nullable), the signing and encryption
 * settings that came with them, is copied and stored for the account
 * once written, as the layer of @origin (privacy-account.h). */
void ms_claws_wizard_open_config (const MsConfig *config, const char *name, const char *address,
				  const char *origin, char *password, const MsPolicy *policy);
