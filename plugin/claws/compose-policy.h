/* Internal to the Claws Mail plugin: the account's signing and encryption
 * policy applied to every compose window and checked before sending.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

void ms_claws_compose_policy_init (void);
void ms_claws_compose_policy_done (void);
