/* Internal: what the site defaults reader (core/site.c) asks of the
 * policy's keys, answered where the policy is known (verify/site-apply.c):
 * one list of keys, the policy's own.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Whether @key=@value is a valid [Privacy] line; else why (translated). */
gboolean _ms_site_check_privacy (const char *key, const char *value, char **why_r);
/* Whether @key names a policy setting ("sign", "privacy-system"...). */
gboolean _ms_site_privacy_lockable (const char *key);
