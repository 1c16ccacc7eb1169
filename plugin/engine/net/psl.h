/* Internal: registrable domains ("mx1.mail.ovh.net" → "ovh.net"), from the
 * Public Suffix List (libpsl with the list Debian keeps up to date).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Returns the registrable domain of @host (ASCII, lower case), or NULL when
 * @host is itself a public suffix or not a domain. */
char *_ms_registrable_domain (const char *host);
