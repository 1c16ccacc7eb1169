/* Internal: what the readers of outside data and the writers of
 * MsMailAccount share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/export.h>

/* No control character, valid UTF-8 (NULL is fine). */
gboolean _ms_export_text_ok (const char *s);
