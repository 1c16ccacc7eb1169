/* Internal to the Claws Mail plugin: the items it adds to Claws's main
 * window menu.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Adds "Set up an account automatically…" to the Configuration menu. */
void ms_claws_main_menu_init (void);
/* Removes what ms_claws_main_menu_init added; safe when nothing was added. */
void ms_claws_main_menu_done (void);
