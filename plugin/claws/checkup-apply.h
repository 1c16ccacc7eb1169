/* Internal to the Claws Mail plugin: the check-up's fix written into an
 * existing account (servers, ports, TLS modes, signing in to send), the
 * stale certificate exceptions removed, all or nothing; and its undo.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/mailsetup.h>

/* The plugin's own file in Claws's directory: the settings before each fix. */
#define MS_CLAWS_UNDO_FILE "mailsetup-undo.ini"
/* The most certificate files one fix removes. */
#define MS_CHECKUP_MAX_CERTS 8

/* Gives account @id the settings of @incoming and @outgoing (either may be
 * NULL: that side stays; an @outgoing with a user name turns signing in
 * on), and removes the certificate files @remove (NULL-terminated, may be
 * NULL: only with the user's yes). Keeps the old settings and the removed
 * files for ms_claws_checkup_undo(). Returns @id, or -1 with @error and
 * nothing changed. */
int ms_claws_checkup_apply (int id, const MsServer *incoming, const MsServer *outgoing,
                            const char *const *remove, GError **error);
/* Puts the last fix back (settings and certificates), if the account still
 * has the fixed settings. Returns the account's id, or -1 with @error. */
int ms_claws_checkup_undo (GError **error);
gboolean ms_claws_checkup_can_undo (void);
