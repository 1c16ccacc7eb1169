/* Internal: text from the network made fit for messages: valid UTF-8, no
 * control characters, bounded. A server's greeting, a header value or a
 * certificate name may hold any bytes; messages go to terminals, JSON and
 * GTK labels, which all need valid text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* @len may be -1 (nul-terminated). At most @max characters are kept, then "…". */
char *_ms_printable (const char *bytes, gssize len, gsize max);
