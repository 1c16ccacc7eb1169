/* The plugin's settings: the site-wide defaults (mailsetup.conf(5)) under
 * the user's clawsrc [MailSetup] values, the site's locked keys over them.
 * Only values that differ from the default in force are saved, so that a
 * later change of a site default reaches users who never changed it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "settings.h"

#include <stdio.h>
#include <string.h>

#define MS_PREFS_BLOCK "MailSetup"

static MsClawsSettings settings;
static MsSiteDefaults *site;

/* One PrefParam per setting, Claws's own format in clawsrc. The sources
 * are named as ms_source_to_string() names them. */
static PrefParam params[] = {
	{ "use_builtin", "TRUE", &settings.source[MS_SOURCE_BUILTIN], P_BOOL, NULL, NULL, NULL },
	{ "use_autoconfig", "TRUE", &settings.source[MS_SOURCE_AUTOCONFIG], P_BOOL, NULL, NULL, NULL },
	{ "use_ispdb", "TRUE", &settings.source[MS_SOURCE_ISPDB], P_BOOL, NULL, NULL, NULL },
	{ "use_mx", "TRUE", &settings.source[MS_SOURCE_MX], P_BOOL, NULL, NULL, NULL },
	{ "use_srv", "TRUE", &settings.source[MS_SOURCE_SRV], P_BOOL, NULL, NULL, NULL },
	{ "use_autodiscover", "TRUE", &settings.source[MS_SOURCE_AUTODISCOVER], P_BOOL, NULL, NULL, NULL },
	{ "use_probe", "TRUE", &settings.source[MS_SOURCE_PROBE], P_BOOL, NULL, NULL, NULL },
	{ "send_test", "TRUE", &settings.send_test, P_BOOL, NULL, NULL, NULL },
	{ "send_timeout", "60", &settings.send_timeout_s, P_INT, NULL, NULL, NULL },
	{ "discovery_timeout", "8", &settings.discovery_timeout_s, P_INT, NULL, NULL, NULL },
	{ "step_timeout", "15", &settings.step_timeout_s, P_INT, NULL, NULL, NULL },
	{ "offered_once", "FALSE", &settings.offered_once, P_BOOL, NULL, NULL, NULL },
	{ NULL, NULL, NULL, P_OTHER, NULL, NULL, NULL }
};

/* The site key of each param, in the same order (NULL: not the site's). */
static const char *const site_keys[G_N_ELEMENTS (params)] = {
	"Discovery.builtin", "Discovery.autoconfig", "Discovery.ispdb", "Discovery.mx", "Discovery.srv",
	"Discovery.autodiscover", "Discovery.probe", "Verify.send-test", "Verify.send-timeout",
	"Discovery.timeout", "Verify.step-timeout", NULL, NULL
};
/* Each param's built-in default, and the site's value put in its place. */
static char *builtin_defval[G_N_ELEMENTS (params)];
static char *site_defval[G_N_ELEMENTS (params)];

/* The value @p's default stands for (every param here is a gboolean or
 * an int), through Claws's own reading of defaults. */
static int
default_of (const PrefParam *p)
{
	int value = 0;
	PrefParam one[2] = { *p, { NULL, NULL, NULL, P_OTHER, NULL, NULL, NULL } };
	one[0].data = &value;
	prefs_set_default (one);
	return value;
}

static gboolean
param_locked (guint i, const char **source_r)
{
	return site && site_keys[i] && ms_site_defaults_is_locked (site, site_keys[i], source_r);
}

/* Site values become the params' defaults, before clawsrc is read. */
static void
site_load (void)
{
	site = ms_site_defaults_load (NULL);
	GPtrArray *warnings = ms_site_defaults_get_warnings (site);
	for (guint i = 0; i < warnings->len; i++)
		log_warning (LOG_PROTOCOL, "mailsetup: %s\n", (const char *) warnings->pdata[i]);
	for (guint i = 0; params[i].name; i++) {
		const char *value = site_keys[i] ? ms_site_defaults_get (site, site_keys[i], NULL) : NULL;
		builtin_defval[i] = params[i].defval;
		if (value) {
			site_defval[i] = g_strdup (value);
			params[i].defval = site_defval[i];
		}
	}
}

/* Locked keys take the site's value (or the built-in default it locks),
 * whatever clawsrc says. */
static void
site_enforce (void)
{
	for (guint i = 0; params[i].name; i++)
		if (param_locked (i, NULL))
			*(int *) params[i].data = default_of (&params[i]);
}

gboolean
ms_claws_settings_locked (gconstpointer field, const char **source_r)
{
	for (guint i = 0; params[i].name; i++)
		if (params[i].data == field)
			return param_locked (i, source_r);
	return FALSE;
}

static char *
rc_path (void)
{
	return g_build_filename (get_rc_dir (), COMMON_RC, NULL);
}

void
ms_claws_settings_init (void)
{
	g_autofree char *path = rc_path ();
	site_load ();
	prefs_set_default (params);
	prefs_read_config (params, MS_PREFS_BLOCK, path, NULL);
	site_enforce ();
	/* A hand-edited clawsrc may hold anything. */
	settings.send_timeout_s = CLAMP (settings.send_timeout_s, 5, 600);
	settings.discovery_timeout_s = CLAMP (settings.discovery_timeout_s, 2, 60);
	settings.step_timeout_s = CLAMP (settings.step_timeout_s, 2, 120);
}

void
ms_claws_settings_done (void)
{
	for (guint i = 0; params[i].name; i++) {
		if (builtin_defval[i])
			params[i].defval = builtin_defval[i];
		g_clear_pointer (&site_defval[i], g_free);
		builtin_defval[i] = NULL;
	}
	g_clear_pointer (&site, ms_site_defaults_unref);
	memset (&settings, 0, sizeof settings);
}

MsSiteDefaults *
ms_claws_settings_site (void)
{
	return site;
}

MsClawsSettings *
ms_claws_settings (void)
{
	return &settings;
}

void
ms_claws_settings_save (void)
{
	g_autofree char *path = rc_path ();
	PrefFile *file = prefs_write_open (path);

	if (file == NULL || prefs_set_block_label (file, MS_PREFS_BLOCK) < 0) {
		g_warning ("mailsetup: cannot write %s", path);
		return;
	}
	/* Only what the user changed from the default in force; never a
	 * locked key (the site decides it). */
	PrefParam changed[G_N_ELEMENTS (params)];
	guint n = 0;
	for (guint i = 0; params[i].name; i++)
		if (!param_locked (i, NULL) && *(int *) params[i].data != default_of (&params[i]))
			changed[n++] = params[i];
	changed[n] = params[G_N_ELEMENTS (params) - 1];
	if (prefs_write_param (changed, file->fp) < 0 || fprintf (file->fp, "\n") < 0) {
		g_warning ("mailsetup: cannot write %s", path);
		prefs_file_close_revert (file);
		return;
	}
	prefs_file_close (file);
}

MsDiscoveryOptions *
ms_claws_settings_discovery_options (void)
{
	MsDiscoveryOptions *options = ms_discovery_options_new ();
	guint sources = 0;

	/* What clawsrc cannot hold (ISPDB URL, CA, provider data) from the
	 * site; the rest from the settings, where the site's locks already are. */
	if (site)
		ms_site_defaults_apply_discovery (site, options, MS_SITE_APPLY_ALL);

	for (MsSource s = MS_SOURCE_BUILTIN; s <= MS_SOURCE_PROBE; s++)
		if (settings.source[s])
			sources |= MS_SOURCE_FLAG (s);
	ms_discovery_options_set_sources (options, sources);
	guint total = (guint) settings.discovery_timeout_s * 1000;
	ms_discovery_options_set_timeout (options, MIN (total, 6000u), total);
	return options;
}

MsVerifyOptions *
ms_claws_settings_verify_options (void)
{
	MsVerifyOptions *options = ms_verify_options_new ();
	if (site)
		ms_site_defaults_apply_verify (site, options, MS_SITE_APPLY_ALL);
	ms_verify_options_set_send_test (options, settings.send_test, (guint) settings.send_timeout_s * 1000);
	ms_verify_options_set_step_timeout (options, (guint) settings.step_timeout_s * 1000);
	return options;
}
