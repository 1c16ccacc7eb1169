/* Internal to the Claws Mail plugin: "Check my accounts…", the check-up of
 * Claws's existing accounts, and its menu item.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Opens the window and starts checking every account (or raises it). */
void ms_claws_checkup_open (void);
/* Closes it if open, stopping the checks; safe when it is not open. */
void ms_claws_checkup_done (void);
/* Adds "Check my accounts…" to the Configuration menu, after the
 * assistant's item; the _done removes it (safe when not added). */
void ms_claws_checkup_menu_init (void);
void ms_claws_checkup_menu_done (void);
