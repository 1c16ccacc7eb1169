/* Internal to the Claws Mail plugin: configuration and translations.
 *
 * Include this first in every file of the plugin. Our config.h and Claws's
 * version.h both define PACKAGE and VERSION; the plugin takes its version
 * from the library (ms_version_string), so ours are dropped here and
 * Claws's own headers can be included after this one without clashes.
 *
 * The plugin lives inside Claws's process, whose text domain is
 * "claws-mail": every message of ours goes through our own domain,
 * GETTEXT_PACKAGE, never through textdomain().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "config.h"

#undef PACKAGE
#undef VERSION

#include <glib.h>
#include <libintl.h>

/* dgettext, not g_dgettext: inside Claws, g_dgettext turns every domain's
 * translations off when Claws itself has no catalogue for the user's
 * language (e.g. Debian without claws-mail-i18n), ours included. */
#define _(s) ((char *) dgettext (GETTEXT_PACKAGE, (s)))
#define N_(s) (s)

/* Binds our text domain to LOCALEDIR (UTF-8). Safe to call more than once. */
void ms_claws_i18n_init (void);
