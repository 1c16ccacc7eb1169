/* mailsetup: the command table and what every command shares.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const MsCommand commands[] = {
	{ "discover", ms_cmd_discover, N_("Find the servers of an email address, from every source at once") },
	{ "setup", ms_cmd_setup, N_("Find the servers of an address and prove they work with its password") },
	{ "parse", ms_cmd_parse, N_("Read an autoconfig XML file and print its normalised configuration") },
	{ "check-account", ms_cmd_check_account, N_("Check the accounts of Claws Mail and list what is not secure") },
	{ "check-domain", ms_cmd_check_domain, N_("Check what clients find for a mail domain, with fixes (administrators)") },
	{ "publish", ms_cmd_publish, N_("Print what a mail domain should publish: autoconfig, SRV records, .mobileconfig") },
	{ "defaults", ms_cmd_defaults, N_("Show the site-wide defaults in force and where each comes from") },
	{ "export", ms_cmd_export, N_("Write an account for neomutt or mutt, its password left in a password manager") },
	{ "import", ms_cmd_import, N_("Read an Apple configuration profile or an autoconfig file; --verify proves it") },
};

static void
print_help (FILE *out)
{
	fprintf (out, _("Usage: %s COMMAND [OPTION…]\n"), "mailsetup");
	fprintf (out, "%s\n\n", _("Turn an email address and a password into a verified, secure account."));
	fprintf (out, "%s\n", _("Commands:"));
	for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
		fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
	fprintf (out, "\n%s\n", _("Options:"));
	fprintf (out, "  %-12s %s\n", "--help", _("Show this help; “COMMAND --help” shows a command’s options"));
	fprintf (out, "  %-12s %s\n", "--version", _("Show the version"));
	fprintf (out, "\n%s\n", _("Exit status:"));
	fprintf (out, "  0  %s\n", _("success"));
	fprintf (out, "  1  %s\n", _("unexpected failure (a file could not be read…)"));
	fprintf (out, "  2  %s\n", _("wrong command line"));
	fprintf (out, "  3  %s\n", _("malformed input (address or file)"));
	fprintf (out, "  4  %s\n", _("no usable server found"));
	fprintf (out, "  5  %s\n", _("servers found, but not verified"));
	fprintf (out, "  6  %s\n", _("import: the profile is not validly signed (see --accept-unsigned); check-account: an account is weaker than it could be"));
	fprintf (out, "  7  %s\n", _("check-domain: at least one finding of severity error"));
}

void
ms_cli_error (const char *format, ...)
{
	va_list args;
	va_start (args, format);
	g_autofree char *message = g_strdup_vprintf (format, args);
	va_end (args);
	fprintf (stderr, "mailsetup: %s\n", message);
}

MsExit
ms_cli_exit_for_error (const GError *error)
{
	if (error->domain != MS_ERROR)
		return MS_EXIT_FAILURE;
	switch ((MsError) error->code) {
	case MS_ERROR_NO_USABLE_SERVER:
		return MS_EXIT_NOTHING_FOUND;
	case MS_ERROR_FAILED:
		return MS_EXIT_FAILURE;
	default:
		return MS_EXIT_BAD_INPUT;
	}
}

char *
ms_cli_read_file (const char *path, gsize max, gsize *length_r, GError **error)
{
	g_autoptr (GInputStream) in = NULL;
	g_autoptr (GByteArray) data = g_byte_array_new ();
	guint8 buf[16384];
	gssize n;

	if (strcmp (path, "-") == 0) {
		in = G_INPUT_STREAM (g_unix_input_stream_new (0, FALSE));
	} else {
		g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
		in = G_INPUT_STREAM (g_file_read (file, NULL, error));
		if (in == NULL)
			return NULL;
	}
	/* Read at most one byte past the limit: enough to know it is over. */
	while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, error)) > 0) {
		g_byte_array_append (data, buf, n);
		if (data->len > max) {
			g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
			             _("%s is larger than %u KiB"), path, (guint) (max / 1024));
			return NULL;
		}
	}
	if (n < 0)
		return NULL;
	*length_r = data->len;
	g_byte_array_append (data, (const guint8 *) "", 1);
	return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}

int
main (int argc, char **argv)
{
	setlocale (LC_ALL, "");
	bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
	textdomain (GETTEXT_PACKAGE);

	if (argc < 2) {
		print_help (stderr);
		return MS_EXIT_USAGE;
	}
	if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0) {
		print_help (stdout);
		return MS_EXIT_OK;
	}
	if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0) {
		printf ("mailsetup %s\n", ms_version_string ());
		return MS_EXIT_OK;
	}
	for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
		if (strcmp (argv[1], commands[i].name) == 0)
			return commands[i].run (argc - 1, argv + 1);

	ms_cli_error (_("unknown command “%s”; see “mailsetup --help”"), argv[1]);
	return MS_EXIT_USAGE;
}
