/* mailsetup export ADDRESS --format neomutt|mutt: the account, from a
 * verified setup (--from-json) or from Claws Mail's accountrc, as a
 * snippet for another mail program, on stdout. Passwords stay where they
 * are: the snippet asks a password command for them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* The same address, the domain compared as the engine normalises it. */
static gboolean
same_address (const MsAddress *wanted, const char *text)
{
	g_autoptr (MsAddress) a = ms_address_parse (text, NULL);
	return a && strcmp (ms_address_get_address (a), ms_address_get_address (wanted)) == 0;
}

static MsMailAccount *
from_claws (const MsAddress *address, const char *claws_dir, int *status)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *dir = claws_dir ? g_strdup (claws_dir) : g_build_filename (g_get_home_dir (), ".claws-mail", NULL);
	g_autofree char *path = g_build_filename (dir, "accountrc", NULL);
	g_autoptr (GPtrArray) accounts = ms_claws_accounts_load (dir, &error);

	if (accounts == NULL) {
		ms_cli_error ("%s: %s", path, error->message);
		/* Read but not an accountrc (3); missing or unreadable (1). */
		*status = error->domain == MS_CLAWS_CONFIG_ERROR && error->code != MS_CLAWS_CONFIG_ERROR_NO_CONFIG
		        ? MS_EXIT_BAD_INPUT : MS_EXIT_FAILURE;
		return NULL;
	}
	/* The first mail account with the address, as Claws picks one. */
	for (guint i = 0; i < accounts->len; i++) {
		const MsClawsAccount *c = accounts->pdata[i];
		MsMailAccount *a = c->address && same_address (address, c->address) ? ms_mail_account_from_claws (c, NULL)
		                                                                     : NULL;
		if (a)
			return a;
	}
	ms_cli_error (_("%s: no IMAP or POP3 account for %s"), path, ms_address_get_address (address));
	*status = MS_EXIT_NOTHING_FOUND;
	return NULL;
}

static MsMailAccount *
from_json (const MsAddress *address, const char *file, int *status)
{
	g_autoptr (GError) error = NULL;
	gsize length;
	g_autofree char *data = ms_cli_read_file (file, MS_SETUP_JSON_MAX_SIZE, &length, &error);
	g_autoptr (MsMailAccount) a = data ? ms_mail_account_from_setup_json (data, length, &error) : NULL;

	if (a == NULL) {
		ms_cli_error ("%s: %s", file, error->message);
		/* Read but not usable: malformed (3), or not verified (4). */
		*status = data == NULL ? MS_EXIT_FAILURE
		        : g_error_matches (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER) ? MS_EXIT_NOTHING_FOUND
		        : MS_EXIT_BAD_INPUT;
		return NULL;
	}
	if (!same_address (address, a->address)) {
		ms_cli_error (_("%s is the setup of %s, not of %s"), file, a->address, ms_address_get_address (address));
		*status = MS_EXIT_NOTHING_FOUND;
		return NULL;
	}
	return g_steal_pointer (&a);
}

int
ms_cmd_export (int argc, char **argv)
{
	char *format = NULL, *claws_dir = NULL, *json_file = NULL, *command = NULL, *realname = NULL;
	GOptionEntry entries[] = {
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("neomutt (default) or mutt"), N_("FORMAT") },
		{ "from-json", 0, 0, G_OPTION_ARG_FILENAME, &json_file,
		  N_("Export the verified account in this output of “mailsetup setup --json”"), N_("FILE") },
		{ "claws-dir", 0, 0, G_OPTION_ARG_FILENAME, &claws_dir,
		  N_("Export the account from this Claws Mail directory (default ~/.claws-mail)"), N_("DIR") },
		{ "password-command", 0, 0, G_OPTION_ARG_STRING, &command,
		  N_("The command that prints the password: secret-tool (default), pass, or a command with %u %h %p %a"),
		  N_("COMMAND") },
		{ "realname", 0, 0, G_OPTION_ARG_STRING, &realname, N_("The name shown in the From line"), N_("NAME") },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;
	int status = MS_EXIT_OK;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("ADDRESS — write the account for another mail program"),
	                           _("No password is ever written: the snippet runs the password command "
	                             "when the program starts. secret-tool looks up the attributes "
	                             "user, server and protocol (imap, pop or smtp); pass reads the "
	                             "entry mail/HOST/USER.")))
		return MS_EXIT_USAGE;
	g_autofree char *f_owned = format, *c_owned = claws_dir, *j_owned = json_file, *p_owned = command;
	g_autofree char *r_owned = realname;
	if (argc != 2) {
		ms_cli_error (_("export takes exactly one ADDRESS; see “mailsetup export --help”"));
		return MS_EXIT_USAGE;
	}
	MsMuttFlavour flavour = MS_MUTT_NEOMUTT;
	if (format && strcmp (format, "mutt") == 0)
		flavour = MS_MUTT_MUTT;
	else if (format && strcmp (format, "neomutt") != 0) {
		ms_cli_error (_("unknown format “%s”: neomutt or mutt"), format);
		return MS_EXIT_USAGE;
	}
	if (json_file && claws_dir) {
		ms_cli_error (_("give either --from-json or --claws-dir, not both"));
		return MS_EXIT_USAGE;
	}
	const char *template_ = command == NULL || strcmp (command, "secret-tool") == 0 ? MS_MUTT_PASSWORD_SECRET_TOOL
	                      : strcmp (command, "pass") == 0 ? MS_MUTT_PASSWORD_PASS
	                      : command;
	g_autoptr (MsAddress) address = ms_address_parse (argv[1], &error);
	if (address == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}
	g_autoptr (MsMailAccount) account = json_file ? from_json (address, json_file, &status)
	                                              : from_claws (address, claws_dir, &status);
	if (account == NULL)
		return status;
	if (realname) {
		g_free (account->realname);
		account->realname = g_strdup (realname);
	}
	g_autofree char *snippet = ms_mutt_write (account, flavour, template_, &error);
	if (snippet == NULL) {
		ms_cli_error ("%s", error->message);
		/* A bad placeholder is in --password-command: the command line. */
		return g_error_matches (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER) ? MS_EXIT_USAGE
		                                                                 : ms_cli_exit_for_error (error);
	}
	fputs (snippet, stdout);
	return fflush (stdout) == 0 ? MS_EXIT_OK : MS_EXIT_FAILURE;
}
