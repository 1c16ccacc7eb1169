/* The site-wide defaults as the command-line tool uses them: read once,
 * their problems shown on stderr (never fatal), and a note when a command
 * line option is overridden by a locked value.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>

MsSiteDefaults *
ms_cli_site_load (gboolean none)
{
	if (none)
		return ms_site_defaults_new ();
	MsSiteDefaults *site = ms_site_defaults_load (NULL);
	GPtrArray *warnings = ms_site_defaults_get_warnings (site);
	for (guint i = 0; i < warnings->len; i++)
		fprintf (stderr, "mailsetup: %s %s\n", _("warning:"), (const char *) warnings->pdata[i]);
	return site;
}

void
ms_cli_site_note_locked (const MsSiteDefaults *site, const char *key, gboolean given, const char *option)
{
	const char *source = NULL;
	if (given && ms_site_defaults_is_locked (site, key, &source))
		/* TRANSLATORS: "--ca-file: Discovery.ca-file is locked by /etc/mailsetup/site.conf:4" */
	{
		g_autofree char *what = g_strdup_printf (_("%s is locked by %s; the site’s value is used"), key, source);
		fprintf (stderr, "mailsetup: %s: %s\n", option, what);
	}
}
