/* mailsetup defaults: the site-wide defaults in force, where each value
 * comes from (FILE:LINE) and which are locked, for administrators
 * checking their files (mailsetup.conf(5)).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>

int
ms_cmd_defaults (int argc, char **argv)
{
	gboolean json = FALSE;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("— show the site-wide defaults in force and where each comes from"),
	                           _("Exit status: 0, or 3 when a file has a problem (shown on stderr).")))
		return MS_EXIT_USAGE;
	if (argc != 1) {
		ms_cli_error (_("defaults takes no argument; see “mailsetup defaults --help”"));
		return MS_EXIT_USAGE;
	}
	g_auto (GStrv) dirs = ms_site_defaults_dirs ();
	g_autoptr (MsSiteDefaults) site = ms_cli_site_load (FALSE);
	g_auto (GStrv) keys = ms_site_defaults_list_keys (site);
	GPtrArray *files = ms_site_defaults_get_files (site);
	int status = ms_site_defaults_get_warnings (site)->len > 0 ? MS_EXIT_BAD_INPUT : MS_EXIT_OK;

	if (json) {
		g_autoptr (JsonBuilder) b = json_builder_new ();
		json_builder_begin_object (b);
		ms_cli_json_string (b, "schema", "mailsetup-defaults/1");
		json_builder_set_member_name (b, "dirs");
		json_builder_begin_array (b);
		for (guint i = 0; dirs[i]; i++)
			json_builder_add_string_value (b, dirs[i]);
		json_builder_end_array (b);
		json_builder_set_member_name (b, "files");
		json_builder_begin_array (b);
		for (guint i = 0; i < files->len; i++)
			json_builder_add_string_value (b, files->pdata[i]);
		json_builder_end_array (b);
		json_builder_set_member_name (b, "warnings");
		json_builder_begin_array (b);
		for (guint i = 0; i < ms_site_defaults_get_warnings (site)->len; i++)
			json_builder_add_string_value (b, ms_site_defaults_get_warnings (site)->pdata[i]);
		json_builder_end_array (b);
		json_builder_set_member_name (b, "keys");
		json_builder_begin_object (b);
		for (guint i = 0; keys[i]; i++) {
			const char *source = NULL, *lock_source = NULL;
			const char *value = ms_site_defaults_get (site, keys[i], &source);
			gboolean locked = ms_site_defaults_is_locked (site, keys[i], &lock_source);
			json_builder_set_member_name (b, keys[i]);
			json_builder_begin_object (b);
			ms_cli_json_string (b, "value", value);
			ms_cli_json_string (b, "source", locked ? lock_source : source);
			ms_cli_json_bool (b, "locked", locked);
			json_builder_end_object (b);
		}
		json_builder_end_object (b);
		json_builder_end_object (b);
		ms_cli_json_print (b);
		return status;
	}
	printf ("%s\n", _("Directories read, in order (later files override earlier ones):"));
	for (guint i = 0; dirs[i]; i++)
		printf ("  %s\n", dirs[i]);
	if (files->len == 0)
		printf ("%s\n", _("No site defaults file: the built-in defaults are in force."));
	else
		printf ("%s\n", _("Files used:"));
	for (guint i = 0; i < files->len; i++)
		printf ("  %s\n", (const char *) files->pdata[i]);
	if (keys[0])
		printf ("%s\n", _("Values in force:"));
	for (guint i = 0; keys[i]; i++) {
		const char *source = NULL, *lock_source = NULL;
		const char *value = ms_site_defaults_get (site, keys[i], &source);
		gboolean locked = ms_site_defaults_is_locked (site, keys[i], &lock_source);
		printf ("  %s = %s", keys[i], value ? value : _("(built-in default)"));
		if (locked)
			printf ("  [%s, %s]\n", lock_source, _("locked"));
		else
			printf ("  [%s]\n", source);
	}
	return status;
}
