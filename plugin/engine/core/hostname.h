/* Internal: host and domain names, checked and converted to their ASCII
 * form. Shared by the address parser and every format reader, so a name is
 * judged the same wherever it comes from.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Returns the lower-case ASCII (A-label) form of @name without trailing
 * dot, or NULL with an MS_ERROR_DOMAIN_* error. Single-label names and IP
 * addresses are refused: neither can be a mail domain or a server name a
 * certificate is checked against. */
char *_ms_hostname_to_ascii (const char *name, GError **error);
