/* Internal to the Claws Mail plugin: when Claws has no real account yet
 * (only local folders), the assistant is offered once, at start.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

void ms_claws_first_run_init (void);
void ms_claws_first_run_done (void);
