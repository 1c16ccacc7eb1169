/* Internal: what the readers of accounts (setup JSON, Claws accountrc)
 * share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/export.h>

/* No control character, valid UTF-8 (NULL is fine). */
gboolean _ms_export_text_ok (const char *s);
/* A server checked: host name, port 1-65535, user name (nullable)
 * non-empty without control characters. */
MsServer *_ms_export_server (MsProtocol protocol, const char *host, gint64 port, MsSocketType socket,
                             const char *user, GError **error);
