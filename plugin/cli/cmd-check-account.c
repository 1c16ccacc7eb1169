/* mailsetup check-account [ADDRESS…]: the check-up of the accounts of a
 * Claws Mail configuration directory. It only reads and reports: the fix
 * is written by the Claws plugin ("Check my accounts…"), inside Claws,
 * through Claws's own API. Editing accountrc from outside is unsafe:
 * a running Claws rewrites it from memory when it quits, and the password
 * store's entries are tied to account numbers Claws owns.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Exit status of this command only: weaknesses were found. */
#define MS_EXIT_WEAK 6

static void
json_exception (JsonBuilder *b, const MsCertException *e)
{
	json_builder_begin_object (b);
	ms_cli_json_string (b, "host", e->host);
	ms_cli_json_int (b, "port", e->port);
	ms_cli_json_string (b, "path", e->path);
	ms_cli_json_strv (b, "names", (const char *const *) e->names);
	ms_cli_json_int (b, "not_after", e->not_after);
	ms_cli_json_bool (b, "expired", e->expired);
	ms_cli_json_bool (b, "self_signed", e->self_signed);
	ms_cli_json_bool (b, "trusted", e->trusted);
	ms_cli_json_bool (b, "valid_for_host", e->valid_for_host);
	json_builder_end_object (b);
}

static void
json_findings (JsonBuilder *b, const char *name, GPtrArray *findings)
{
	json_builder_set_member_name (b, name);
	json_builder_begin_array (b);
	for (guint i = 0; i < findings->len; i++) {
		const MsCheckupFinding *f = findings->pdata[i];
		json_builder_begin_object (b);
		ms_cli_json_string (b, "kind", ms_checkup_finding_kind_name (f->kind));
		ms_cli_json_string (b, "protocol", ms_protocol_to_string (f->protocol));
		ms_cli_json_string (b, "message", f->message);
		ms_cli_json_string (b, "exception", f->exception ? f->exception->path : NULL);
		json_builder_end_object (b);
	}
	json_builder_end_array (b);
}

static void
json_report (JsonBuilder *b, const MsCheckupReport *r)
{
	const MsClawsAccount *a = r->account;

	json_builder_begin_object (b);
	ms_cli_json_int (b, "id", a->id);
	ms_cli_json_string (b, "name", a->name);
	ms_cli_json_string (b, "address", a->address);
	ms_cli_json_server (b, "incoming", a->incoming);
	ms_cli_json_server (b, "outgoing", a->outgoing);
	ms_cli_json_bool (b, "smtp_auth", a->smtp_auth);
	json_builder_set_member_name (b, "exceptions");
	json_builder_begin_array (b);
	for (guint i = 0; i < a->exceptions->len; i++)
		json_exception (b, a->exceptions->pdata[i]);
	json_builder_end_array (b);
	json_findings (b, "findings", r->findings);
	json_findings (b, "unfixed", r->unfixed);
	json_builder_set_member_name (b, "proposed");
	json_builder_begin_object (b);
	ms_cli_json_server (b, "incoming", r->incoming);
	ms_cli_json_server (b, "outgoing", r->outgoing);
	json_builder_set_member_name (b, "remove");
	json_builder_begin_array (b);
	for (guint i = 0; i < r->findings->len; i++) {
		const MsCheckupFinding *f = r->findings->pdata[i];
		if (f->exception)
			json_builder_add_string_value (b, f->exception->path);
	}
	json_builder_end_array (b);
	json_builder_end_object (b);
	ms_cli_json_bool (b, "verified", r->verified);
	if (r->diagnosis) {
		g_autofree char *explain = ms_diagnosis_explain (r->diagnosis);
		ms_cli_json_string (b, "diagnosis", explain);
	} else {
		ms_cli_json_string (b, "diagnosis", NULL);
	}
	json_builder_end_object (b);
}

static void
print_server (const char *indent, const char *title, const MsServer *s, gboolean signs_in)
{
	g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
	printf ("%s%s %s %s, %s %u, %s", indent, title, protocol, ms_server_get_hostname (s), _("port"),
	        (guint) ms_server_get_port (s), ms_cli_socket_words (ms_server_get_socket_type (s)));
	if (ms_server_get_protocol (s) == MS_PROTOCOL_SMTP)
		printf (", %s", signs_in ? _("signs in") : _("DOES NOT SIGN IN"));
	printf ("\n");
}

static void
print_report (const MsCheckupReport *r)
{
	const MsClawsAccount *a = r->account;

	printf (_("Account %d: %s"), a->id, a->address ? a->address : "?");
	if (a->name && g_strcmp0 (a->name, a->address) != 0)
		printf (" (%s)", a->name);
	printf ("\n");
	if (a->incoming == NULL) {
		printf ("  %s\n", _("Not a mail account (local or news): not checked."));
		return;
	}
	print_server ("  ", _("Incoming:"), a->incoming, FALSE);
	if (a->outgoing)
		print_server ("  ", _("Outgoing:"), a->outgoing, a->smtp_auth);
	if (r->findings->len == 0 && r->unfixed->len == 0) {
		printf ("  %s\n", _("Secure: nothing to change."));
		return;
	}
	for (guint i = 0; i < r->findings->len; i++) {
		const MsCheckupFinding *f = r->findings->pdata[i];
		printf ("  ! [%s] %s\n", ms_checkup_finding_kind_name (f->kind), f->message);
	}
	for (guint i = 0; i < r->unfixed->len; i++) {
		const MsCheckupFinding *f = r->unfixed->pdata[i];
		printf ("  ! [%s] %s\n", ms_checkup_finding_kind_name (f->kind), f->message);
	}
	if (r->diagnosis) {
		g_autofree char *explain = ms_diagnosis_explain (r->diagnosis);
		printf ("  %s %s\n", _("The secure settings did not log in:"), explain);
	}
	if (r->incoming || r->outgoing || r->findings->len > 0) {
		printf ("  %s\n", r->verified ? _("Proposed (verified with the password):") : _("Proposed:"));
		if (r->incoming)
			print_server ("    ", _("Incoming:"), r->incoming, FALSE);
		if (r->outgoing)
			print_server ("    ", _("Outgoing:"), r->outgoing, TRUE);
		for (guint i = 0; i < r->findings->len; i++) {
			const MsCheckupFinding *f = r->findings->pdata[i];
			if (f->exception)
				printf ("    %s %s\n", _("Remove the certificate exception:"), f->exception->path);
		}
		printf ("    %s\n", _("Apply it in Claws Mail: Configuration → Check my accounts…"));
	}
}

static gboolean
wanted (const MsClawsAccount *a, int argc, char **argv)
{
	if (argc < 2)
		return TRUE;
	for (int i = 1; i < argc; i++)
		if (a->address && g_ascii_strcasecmp (a->address, argv[i]) == 0)
			return TRUE;
	return FALSE;
}

int
ms_cmd_check_account (int argc, char **argv)
{
	gboolean json = FALSE, password_stdin = FALSE;
	char *claws_dir = NULL, *ca_file = NULL, *password_file = NULL;
	int step_timeout_ms = 0;
	GOptionEntry entries[] = {
		{ "claws-dir", 0, 0, G_OPTION_ARG_FILENAME, &claws_dir,
		  N_("Claws Mail's configuration directory (default ~/.claws-mail)"), N_("DIR") },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
		  N_("Verify the proposed settings with the password on the first line of this file (one ADDRESS)"),
		  N_("FILE") },
		{ "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
		  N_("Verify the proposed settings with the password read from standard input (one ADDRESS)"), NULL },
		{ "step-timeout", 0, 0, G_OPTION_ARG_INT, &step_timeout_ms,
		  N_("Give a server this many milliseconds to answer (default 8000)"), N_("MS") },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;
	int status = MS_EXIT_OK;
	guint checked = 0;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("[ADDRESS…] — check the accounts of Claws Mail"),
	                           _("Reads Claws Mail's accounts and stored certificates, probes "
	                             "their servers and lists what is weaker than it could be, with "
	                             "the secure setting. Changes nothing: the fix is made in Claws "
	                             "Mail (Configuration → Check my accounts…).\n"
	                             "Exit status: 0 nothing weak, 1 failure, 2 usage, 3 unreadable "
	                             "configuration, 4 no such account, 6 weaknesses found.")))
		return MS_EXIT_USAGE;
	g_autofree char *dir_owned = claws_dir, *ca_owned = ca_file, *pw_owned = password_file;
	if ((password_file || password_stdin) && argc != 2) {
		ms_cli_error (_("a password verifies one account: give exactly one ADDRESS"));
		return MS_EXIT_USAGE;
	}
	if (password_file && password_stdin) {
		ms_cli_error (_("give either --password-file or --password-stdin, not both"));
		return MS_EXIT_USAGE;
	}
	g_autofree char *dir = claws_dir ? g_strdup (claws_dir) : g_build_filename (g_get_home_dir (), ".claws-mail", NULL);
	g_autoptr (GPtrArray) accounts = ms_checkup_accounts_load (dir, ca_file, &error);
	if (accounts == NULL) {
		ms_cli_error ("%s", error->message);
		return error->domain == MS_CLAWS_CONFIG_ERROR && error->code != MS_CLAWS_CONFIG_ERROR_NO_CONFIG
		       ? MS_EXIT_BAD_INPUT : MS_EXIT_FAILURE;
	}
	g_autoptr (MsCheckupOptions) options = ms_checkup_options_new ();
	ms_checkup_options_set_ca_file (options, ca_file);
	if (step_timeout_ms > 0)
		ms_checkup_options_set_timeout (options, (guint) step_timeout_ms);
	if (password_file || password_stdin) {
		char *password = ms_cli_read_password (password_file, password_stdin, &error);
		if (password == NULL) {
			ms_cli_error ("%s", error->message);
			return MS_EXIT_BAD_INPUT;
		}
		ms_checkup_options_set_password (options, password);
		ms_cli_free_password (password);
	}

	g_autoptr (JsonBuilder) b = json ? json_builder_new () : NULL;
	if (b) {
		json_builder_begin_object (b);
		ms_cli_json_string (b, "schema", "mailsetup-check-account/1");
		ms_cli_json_string (b, "claws_dir", dir);
		json_builder_set_member_name (b, "accounts");
		json_builder_begin_array (b);
	}
	for (guint i = 0; i < accounts->len; i++) {
		const MsClawsAccount *a = accounts->pdata[i];
		if (!wanted (a, argc, argv))
			continue;
		checked++;
		g_autoptr (MsCheckupReport) r = ms_checkup_account_sync (a, options, NULL, &error);
		if (r == NULL) {
			ms_cli_error ("%s", error->message);
			return MS_EXIT_FAILURE;
		}
		if (r->findings->len > 0 || r->unfixed->len > 0)
			status = MS_EXIT_WEAK;
		if (b)
			json_report (b, r);
		else
			print_report (r);
	}
	if (b) {
		json_builder_end_array (b);
		json_builder_end_object (b);
		ms_cli_json_print (b);
	}
	if (checked == 0 && argc >= 2) {
		ms_cli_error (_("no account of %s has the address given"), dir);
		return MS_EXIT_NOTHING_FOUND;
	}
	return status;
}
