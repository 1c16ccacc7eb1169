/* Internal to the Claws Mail plugin: "Set up automatically…" where
 * accounts are managed: a button in Claws's account list (Configuration →
 * Edit accounts…) and a page of the account preferences.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

void ms_claws_account_entry_init (void);
/* Removes the button and the page; cancels an opening still pending. */
void ms_claws_account_entry_done (void);
