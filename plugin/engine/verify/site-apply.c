/* Site-wide defaults applied to discovery and verification options: the
 * one place that knows which key sets which option. It sits in verify/,
 * the top layer, because it sets options of both discovery and
 * verification, and reads the policy's keys.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/site.h>

#include "core/i18n.h"
#include "core/site-private.h"
#include "discovery/run.h"
#include "verify/verify-run.h"

#include <string.h>

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

/* --- the [Privacy] group: the policy's own keys (policy.h) ------------- */

gboolean
_ms_site_privacy_lockable (const char *key)
{
	for (MsPolicySetting s = 0; s < MS_POLICY_N_SETTINGS; s++)
		if (strcmp (key, ms_policy_setting_key (s)) == 0)
			return TRUE;
	return FALSE;
}

/* The keys the policy reads: each setting, a rule's "-switch", and
 * "-locked" (locked= is the site's way; "-locked" is the policy's). */
static gboolean
privacy_key_known (const char *key)
{
	for (MsPolicySetting s = 0; s < MS_POLICY_N_SETTINGS; s++) {
		const char *k = ms_policy_setting_key (s);
		gsize n = strlen (k);
		if (strncmp (key, k, n) != 0)
			continue;
		if (key[n] == '\0' || strcmp (key + n, "-locked") == 0 ||
		    (ms_policy_setting_is_rule (s) && strcmp (key + n, "-switch") == 0))
			return TRUE;
	}
	return FALSE;
}

gboolean
_ms_site_check_privacy (const char *key, const char *value, char **why_r)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (MsPolicy) policy = ms_policy_new ();
	g_autoptr (GError) error = NULL;

	if (!privacy_key_known (key)) {
		*why_r = g_strdup (_("unknown key in [Privacy]"));
		return FALSE;
	}
	g_key_file_set_value (kf, "Privacy", key, value);
	if (!ms_policy_load_keyfile (policy, kf, "Privacy", NULL, &error)) {
		*why_r = g_strdup (error->message);
		return FALSE;
	}
	return TRUE;
}

MsPolicy *
ms_site_defaults_get_policy (const MsSiteDefaults *site)
{
	MsPolicy *policy = ms_policy_new ();
	g_auto (GStrv) keys = ms_site_defaults_list_keys (site);

	/* One key at a time, so that each setting's source is its own line;
	 * a rule's "-switch" and "-locked" first, so that the rule's own
	 * line is the source that stays. */
	for (guint pass = 0; pass < 2; pass++)
		for (guint i = 0; keys[i]; i++) {
			if (!g_str_has_prefix (keys[i], "Privacy."))
				continue;
			const char *key = keys[i] + strlen ("Privacy."), *source = NULL, *lock_source = NULL;
			gboolean modifier = g_str_has_suffix (key, "-switch") || g_str_has_suffix (key, "-locked");
			if (modifier != (pass == 0))
				continue;
			const char *value = ms_site_defaults_get (site, keys[i], &source);
			gboolean locked = ms_site_defaults_is_locked (site, keys[i], &lock_source);
			g_autoptr (GKeyFile) kf = g_key_file_new ();
			if (value)
				g_key_file_set_value (kf, "Privacy", key, value);
			if (locked) {
				g_autofree char *lock_key = g_strconcat (key, "-locked", NULL);
				g_key_file_set_boolean (kf, "Privacy", lock_key, TRUE);
				source = lock_source;
			}
			/* Each line was checked when read; a failure here would be
			 * a policy that changed under us: the line is left out. */
			if (!ms_policy_load_keyfile (policy, kf, "Privacy", source, NULL))
				g_message ("mailsetup: %s: [Privacy] %s left out", source, key);
		}
	return policy;
}
