/* mailsetup parse FILE: read an autoconfig document, print it normalised.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>

int
ms_cmd_parse (int argc, char **argv)
{
	gboolean json = FALSE;
	char *address_text = NULL;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "address", 'a', 0, G_OPTION_ARG_STRING, &address_text,
		  N_("Fill in host names and user names for this address"), N_("ADDRESS") },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;
	g_autoptr (MsAddress) address = NULL;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("FILE — read an autoconfig XML file (“-” for standard input)"),
	                           NULL))
		return MS_EXIT_USAGE;
	g_autofree char *address_owned = address_text;
	if (argc != 2) {
		ms_cli_error (_("parse takes exactly one FILE; see “mailsetup parse --help”"));
		return MS_EXIT_USAGE;
	}
	if (address_text) {
		address = ms_address_parse (address_text, &error);
		if (address == NULL) {
			ms_cli_error ("%s", error->message);
			return ms_cli_exit_for_error (error);
		}
	}

	gsize length = 0;
	g_autofree char *data = ms_cli_read_file (argv[1], MS_AUTOCONFIG_MAX_SIZE, &length, &error);
	if (data == NULL) {
		ms_cli_error ("%s", error->message);
		return ms_cli_exit_for_error (error);
	}
	g_autoptr (MsConfig) config = ms_autoconfig_parse (data, length, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);
	if (config == NULL) {
		ms_cli_error ("%s: %s", argv[1], error->message);
		return ms_cli_exit_for_error (error);
	}
	if (json) {
		g_autofree char *out = ms_config_to_json (config, address, TRUE);
		printf ("%s\n", out);
	} else {
		ms_cli_print_config (config, address);
	}
	return MS_EXIT_OK;
}
