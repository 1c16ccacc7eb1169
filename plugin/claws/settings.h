/* Internal to the Claws Mail plugin: the user's choices for mailsetup,
 * kept in Claws's own clawsrc (section [MailSetup]), read at load and
 * written when the preferences page is saved; the site-wide defaults
 * (mailsetup.conf(5)) under them, its locked keys over them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/mailsetup.h>

typedef struct {
	gboolean source[MS_SOURCE_PROBE + 1]; /* indexed by MsSource: used or not */
	gboolean send_test;                  /* send a message to oneself after login */
	int send_timeout_s;                  /* how long to wait for it */
	int discovery_timeout_s;             /* the most discovery may take */
	int step_timeout_s;                  /* each exchange with a server */
	gboolean offered_once;               /* the assistant was offered at a first start */
} MsClawsSettings;

/* Reads the settings from clawsrc (defaults for what is missing). */
void ms_claws_settings_init (void);
void ms_claws_settings_done (void);
/* The settings in force; the preferences page changes them. */
MsClawsSettings *ms_claws_settings (void);
/* Saves them into clawsrc (Claws's own writer: temporary file, rename). */
void ms_claws_settings_save (void);

/* Whether the site locks the setting stored at @field (a member of
 * ms_claws_settings()), and in which "FILE:LINE". */
gboolean ms_claws_settings_locked (gconstpointer field, const char **source_r);

/* The site-wide defaults read at ms_claws_settings_init(), for every part
 * of the plugin that needs the site's word (NULL before init or after
 * done): one reading of the files, one parser. */
MsSiteDefaults *ms_claws_settings_site (void);

/* Engine options from the settings, for the wizard. */
MsDiscoveryOptions *ms_claws_settings_discovery_options (void);
MsVerifyOptions *ms_claws_settings_verify_options (void);
