/* Internal to the Claws Mail plugin: "Import a mail profile…" in the
 * Configuration menu (import-profile.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Adds the menu item; safe to call twice. */
void ms_claws_import_profile_init (void);
/* Removes it; safe when nothing was added. */
void ms_claws_import_profile_done (void);
