/* Internal: translation of the engine's messages.
 * A library must not call textdomain() (that belongs to the program), so
 * every message goes through its own domain, bound once on first use.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

const char *_ms_gettext (const char *msgid) G_GNUC_FORMAT (1);

#define _(s) _ms_gettext (s)
#define N_(s) (s)
