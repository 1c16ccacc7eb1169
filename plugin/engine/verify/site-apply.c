/* Site-wide defaults applied to discovery and verification options: the
 * one place that knows which key sets which option. It sits in verify/,
 * the top layer, because it sets options of both discovery and
 * verification.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/site.h>

#include "discovery/run.h"
#include "verify/verify-run.h"

/* Whether @key is to be applied: set by the site, and locked if only the
 * locked keys are wanted. */
static gboolean
wanted (const MsSiteDefaults *site, const char *key, MsSiteApply what)
{
	if (ms_site_defaults_get (site, key, NULL) == NULL)
		return FALSE;
	return what == MS_SITE_APPLY_ALL || ms_site_defaults_is_locked (site, key, NULL);
}

void
ms_site_defaults_apply_discovery (const MsSiteDefaults *site, MsDiscoveryOptions *o, MsSiteApply what)
{
	for (MsSource s = MS_SOURCE_BUILTIN; s <= MS_SOURCE_PROBE; s++) {
		g_autofree char *key = g_strdup_printf ("Discovery.%s", ms_source_to_string (s));
		if (!wanted (site, key, what))
			continue;
		if (ms_site_defaults_get_boolean (site, key, TRUE))
			o->sources |= MS_SOURCE_FLAG (s);
		else
			o->sources &= ~MS_SOURCE_FLAG (s);
	}
	if (wanted (site, "Discovery.timeout", what)) {
		guint total = ms_site_defaults_get_uint (site, "Discovery.timeout", 8) * 1000;
		/* As the front ends do: one source gets at most 6 s of the whole. */
		ms_discovery_options_set_timeout (o, MIN (total, 6000u), total);
	}
	if (wanted (site, "Discovery.ispdb-url", what))
		ms_discovery_options_set_ispdb_url (o, ms_site_defaults_get (site, "Discovery.ispdb-url", NULL));
	if (wanted (site, "Discovery.ca-file", what))
		ms_discovery_options_set_ca_file (o, ms_site_defaults_get (site, "Discovery.ca-file", NULL));
	/* Added once: applying all, then the locked ones, must not read the
	 * same directory twice. */
	const char *dir = ms_site_defaults_get (site, "Discovery.provider-data-dir", NULL);
	if (wanted (site, "Discovery.provider-data-dir", what)) {
		gboolean present = FALSE;
		for (guint i = 0; o->provider_dirs && i < o->provider_dirs->len; i++)
			present = present || g_strcmp0 (o->provider_dirs->pdata[i], dir) == 0;
		if (!present)
			ms_discovery_options_add_provider_dir (o, dir);
	}
}

void
ms_site_defaults_apply_verify (const MsSiteDefaults *site, MsVerifyOptions *o, MsSiteApply what)
{
	if (wanted (site, "Verify.send-test", what))
		o->send_test = ms_site_defaults_get_boolean (site, "Verify.send-test", TRUE);
	if (wanted (site, "Verify.send-timeout", what))
		o->send_timeout_ms = ms_site_defaults_get_uint (site, "Verify.send-timeout", 60) * 1000;
	if (wanted (site, "Verify.step-timeout", what))
		ms_verify_options_set_step_timeout (o, ms_site_defaults_get_uint (site, "Verify.step-timeout", 15) * 1000);
	if (wanted (site, "Verify.max-failures", what))
		ms_verify_options_set_max_failures (o, ms_site_defaults_get_uint (site, "Verify.max-failures", 2));
	if (wanted (site, "Discovery.ca-file", what))
		ms_verify_options_set_ca_file (o, ms_site_defaults_get (site, "Discovery.ca-file", NULL));
}
