/* Source: provider data installed with mailsetup: answers with no network.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <mailsetup/providers.h>
#include "core/i18n.h"

void
_ms_source_builtin_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autoptr (MsConfig) config = ms_provider_db_lookup (_ms_run_providers (t), domain);

	_ms_task_searching (t, "builtin", domain, _("Looking up %s in the built-in provider list…"), domain);
	if (config)
		_ms_task_found (t, "builtin", domain, config);
	else
		_ms_task_nothing (t, "builtin", domain, _("%s is not in the built-in provider list"), domain);
}
