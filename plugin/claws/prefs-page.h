/* Internal to the Claws Mail plugin: Configuration → Preferences →
 * Plugins → Mail setup: which sources discovery uses, the send-to-self
 * test, time limits.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

void ms_claws_prefs_page_init (void);
void ms_claws_prefs_page_done (void);
