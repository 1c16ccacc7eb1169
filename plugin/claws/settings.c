/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include "settings.h"

#include <stdio.h>
#include <string.h>

#define MS_PREFS_BLOCK "MailSetup"

static MsClawsSettings settings;

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

static char *
rc_path (void)
{
	return g_build_filename (get_rc_dir (), COMMON_RC, NULL);
}

void
ms_claws_settings_init (void)
{
	g_autofree char *path = rc_path ();
	prefs_set_default (params);
	prefs_read_config (params, MS_PREFS_BLOCK, path, NULL);
	/* A hand-edited clawsrc may hold anything. */
	settings.send_timeout_s = CLAMP (settings.send_timeout_s, 5, 600);
	settings.discovery_timeout_s = CLAMP (settings.discovery_timeout_s, 2, 60);
	settings.step_timeout_s = CLAMP (settings.step_timeout_s, 2, 120);
}

void
ms_claws_settings_done (void)
{
	memset (&settings, 0, sizeof settings);
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
	if (prefs_write_param (params, file->fp) < 0 || fprintf (file->fp, "\n") < 0) {
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
	ms_verify_options_set_send_test (options, settings.send_test, (guint) settings.send_timeout_s * 1000);
	ms_verify_options_set_step_timeout (options, (guint) settings.step_timeout_s * 1000);
	return options;
}
