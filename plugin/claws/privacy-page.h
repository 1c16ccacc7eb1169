/* Internal to the Claws Mail plugin: the account preferences page
 * "Signing and encryption" (the account's policy, locked items read-only).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "claws-api.h"

void ms_claws_privacy_page_init (void);
void ms_claws_privacy_page_done (void);

/* Opens Claws's preferences of @account on this page (for the wizard,
 * once an account is verified: "set signing and encryption defaults").
 * Returns FALSE when the page is not registered. */
gboolean ms_claws_privacy_page_open_for (PrefsAccount *account);
