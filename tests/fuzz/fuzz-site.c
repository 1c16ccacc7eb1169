/* libFuzzer target: the site defaults loader (ms_site_defaults_load_data())
 * on any bytes, then every accessor and the options it sets.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/site.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_new ();
	gboolean used = ms_site_defaults_load_data (site, "fuzz.conf", (const char *) data, size);
	GPtrArray *warnings = ms_site_defaults_get_warnings (site);

	/* An ignored file says why, and every warning names the file. */
	g_assert (used || warnings->len > 0);
	for (guint i = 0; i < warnings->len; i++)
		g_assert (g_str_has_prefix (warnings->pdata[i], "fuzz.conf"));
	g_auto (GStrv) keys = ms_site_defaults_list_keys (site);
	g_assert (used || keys[0] == NULL);
	for (guint i = 0; keys[i]; i++) {
		const char *source = NULL, *lock_source = NULL;
		const char *value = ms_site_defaults_get (site, keys[i], &source);
		gboolean locked = ms_site_defaults_is_locked (site, keys[i], &lock_source);
		/* Every key listed has a value or a lock, each with its line. */
		g_assert (value != NULL || locked);
		g_assert (value == NULL || g_str_has_prefix (source, "fuzz.conf:"));
		g_assert (!locked || g_str_has_prefix (lock_source, "fuzz.conf:"));
		g_assert (value == NULL || g_utf8_validate (value, -1, NULL));
	}
	g_autoptr (MsDiscoveryOptions) d = ms_discovery_options_new ();
	g_autoptr (MsVerifyOptions) v = ms_verify_options_new ();
	ms_site_defaults_apply_discovery (site, d, MS_SITE_APPLY_ALL);
	ms_site_defaults_apply_discovery (site, d, MS_SITE_APPLY_LOCKED);
	ms_site_defaults_apply_verify (site, v, MS_SITE_APPLY_ALL);
	ms_site_defaults_apply_verify (site, v, MS_SITE_APPLY_LOCKED);
	g_autoptr (MsPolicy) policy = ms_site_defaults_get_policy (site);
	g_assert (policy != NULL);
	return 0;
}
