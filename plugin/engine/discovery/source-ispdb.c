/* Source: Mozilla's ISP database (or the one site configuration names).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"
#include "core/i18n.h"

void
_ms_source_ispdb_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autofree char *url = g_strconcat (_ms_run_options (t)->ispdb_url, domain, NULL);

	_ms_task_searching (t, "ispdb", url, _("Looking up %s in the ISP database…"), domain);
	_ms_fetch_autoconfig (t, "ispdb", url, MS_TRUST_HIGH, NULL, NULL, NULL);
}
