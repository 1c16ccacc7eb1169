/* The command line of each verb: one GOptionContext, set up the same way
 * for every cmd-*.c (translated, its summary and description), and the
 * same answer to a bad option.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

gboolean
ms_cli_parse_options (int *argc, char ***argv, const GOptionEntry *entries, const char *parameter,
                      const char *description)
{
	g_autoptr (GOptionContext) ctx = g_option_context_new (parameter);
	g_autoptr (GError) error = NULL;

	g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
	g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
	if (description)
		g_option_context_set_description (ctx, description);
	/* The values parsed belong to the caller; the context can go. */
	if (!g_option_context_parse (ctx, argc, argv, &error)) {
		ms_cli_error ("%s", error->message);
		return FALSE;
	}
	return TRUE;
}
