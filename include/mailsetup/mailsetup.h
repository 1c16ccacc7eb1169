/* mailsetup: turn an email address and a password into a verified account.
 *
 * The one header to include. The engine is GLib/GIO only; asynchronous
 * calls follow GIO's GTask pattern (…_async / …_finish with a GCancellable)
 * and failures are #GError s of the %MS_ERROR domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <mailsetup/error.h>
#include <mailsetup/address.h>
#include <mailsetup/config.h>
#include <mailsetup/autoconfig.h>
#include <mailsetup/json.h>
#include <mailsetup/discovery.h>
#include <mailsetup/providers.h>
#include <mailsetup/autodiscover.h>
#include <mailsetup/diagnosis.h>
#include <mailsetup/verify.h>
#include <mailsetup/policy.h>
#include <mailsetup/identities.h>
#include <mailsetup/checkup.h>
#include <mailsetup/domain-check.h>
#include <mailsetup/publish.h>
#include <mailsetup/site.h>
#include <mailsetup/export.h>
#include <mailsetup/profile.h>
#include <mailsetup/claws-config.h>

G_BEGIN_DECLS

/**
 * ms_version_string:
 *
 * Returns: (transfer none): the library's version, "0.1.0".
 *
 * Since: 0.1
 */
const char *ms_version_string (void);

G_END_DECLS
