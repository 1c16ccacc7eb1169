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
