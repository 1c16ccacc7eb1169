/* mailsetup import FILE: an Apple configuration profile (.mobileconfig,
 * signed or not) or an autoconfig XML file, read without touching the
 * network and shown normalised; with --verify, its servers proven as
 * setup proves discovered ones. A profile that is not validly signed is
 * shown with a warning, and neither verified nor accepted (exit 6) unless
 * --accept-unsigned: its servers would receive the password.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"
#include "import.h"

#include <stdio.h>
#include <string.h>

typedef struct {
	GMainLoop *loop;
	MsVerifyResult *result;
	GError *error;
} Wait;

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
	Wait *w = data;
	(void) source;
	w->result = ms_verify_finish (result, &w->error);
	g_main_loop_quit (w->loop);
}

static void
account_free (gpointer data)
{
	MsCliImportAccount *ia = data;
	g_clear_pointer (&ia->config, ms_config_unref);
	g_clear_pointer (&ia->address, ms_address_unref);
	g_clear_pointer (&ia->result, ms_verify_result_unref);
	g_clear_error (&ia->error);
	g_free (ia);
}

static void
add_account (MsCliImport *im, const MsProfileAccount *a, MsConfig *config, const MsAddress *file_address,
             const MsAddress *option_address)
{
	MsCliImportAccount *ia = g_new0 (MsCliImportAccount, 1);
	ia->account = a;
	ia->config = ms_config_ref (config);
	/* The file's own address wins: --address fills in a missing one. */
	if (file_address)
		ia->address = ms_address_ref ((MsAddress *) file_address);
	else if (option_address)
		ia->address = ms_address_ref ((MsAddress *) option_address);
	g_ptr_array_add (im->accounts, ia);
}

static void
warn_signature (const MsProfile *p, gboolean accept)
{
	switch (ms_profile_get_signature (p)) {
	case MS_PROFILE_SIGNED_VALID:
		return;
	case MS_PROFILE_UNSIGNED:
		ms_cli_error ("%s", _("warning: this profile is not signed: anyone could have written it. "
		                      "Check where it came from."));
		break;
	case MS_PROFILE_SIGNED_INVALID:
		ms_cli_error (_("warning: this profile’s signature is not valid: %s."), ms_profile_get_signature_problem (p));
		break;
	}
	if (!accept)
		ms_cli_error ("%s", _("it is neither verified nor accepted without --accept-unsigned (exit status 6)"));
}

/* Verifies every account with its own password, else the one given by
 * the options (asked once); returns the exit status. */
static int
verify_all (MsCliImport *im, const MsCliVerifyArgs *s, JsonBuilder *events)
{
	g_autoptr (GCancellable) cancellable = g_cancellable_new ();
	guint sigint = ms_cli_cancel_on_interrupt (cancellable);
	MsCliRun run = { ms_progress_new (s->quiet), g_get_monotonic_time (), events };
	char *asked = NULL;
	int status = MS_EXIT_OK;

	/* Site-wide defaults apply to an imported account's verification too:
	 * read once (their warnings printed once), not for every account. */
	g_autoptr (MsSiteDefaults) site = ms_cli_site_load (FALSE);
	for (guint i = 0; i < im->accounts->len; i++) {
		MsCliImportAccount *ia = g_ptr_array_index (im->accounts, i);
		const char *password = ia->account ? ms_profile_account_get_incoming_password (ia->account) : NULL;
		ia->verify_run = TRUE;
		if (ia->address == NULL) {
			g_set_error_literal (&ia->error, MS_ERROR, MS_ERROR_ADDRESS_EMPTY,
			                     _("the file gives no address: give it with --address"));
			status = MS_EXIT_USAGE;
			continue;
		}
		if (password == NULL && asked == NULL) {
			asked = ms_cli_read_password (s->password_file, s->password_stdin, &ia->error);
			if (asked == NULL) {
				status = MS_EXIT_BAD_INPUT;
				break;
			}
		}
		const char *out_pw = ia->account ? ms_profile_account_get_outgoing_password (ia->account) : NULL;
		if (password && out_pw && strcmp (password, out_pw) != 0)
			ms_cli_error ("%s", _("note: the profile’s outgoing password differs from the incoming one; "
			                      "verification logs in to both servers with the incoming one"));
		g_autoptr (MsVerifyOptions) vopts = ms_cli_verify_args_options (s, site);
		Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };
		ms_verify_async (ia->address, ia->config, password ? password : asked, vopts, ms_cli_on_verify_progress,
		                 &run, NULL, cancellable, on_verified, &w);
		g_main_loop_run (w.loop);
		g_main_loop_unref (w.loop);
		ia->result = w.result;
		ia->error = w.error;
		if (ia->error)
			status = g_error_matches (ia->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? MS_EXIT_FAILURE
			       : ms_cli_exit_for_error (ia->error);
		else if (!ms_verify_result_is_verified (ia->result) && status == MS_EXIT_OK)
			status = MS_EXIT_NOT_VERIFIED;
	}
	ms_cli_free_password (asked);
	g_source_remove (sigint);
	ms_progress_free (run.progress);
	return status;
}

int
ms_cmd_import (int argc, char **argv)
{
	gboolean json = FALSE, verify = FALSE, accept = FALSE;
	char *address_text = NULL;
	g_auto (MsCliVerifyArgs) va = { 0 };
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
		  N_("Prove the servers work: log in and send a test message, as setup does"), NULL },
		{ "accept-unsigned", 0, 0, G_OPTION_ARG_NONE, &accept,
		  N_("Use a profile that is not signed, or not validly, after its warning"), NULL },
		{ "address", 'a', 0, G_OPTION_ARG_STRING, &address_text,
		  N_("The address, when the file does not give it"), N_("ADDRESS") },
		{ NULL }
	};
	g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — read a configuration profile (.mobileconfig) "
	                                                         "or an autoconfig XML file (“-” for standard input)"));
	g_autoptr (GError) error = NULL;

	g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
	g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
	ms_cli_verify_args_add (ctx, &va);
	g_option_context_set_description (ctx, _("Without --verify nothing is sent over the network. Passwords in a "
	                                         "profile are used, never shown.\n"
	                                         "Exit status: 0 read (and verified), 1 failure, 2 usage, 3 bad file, "
	                                         "4 no mail account, 5 not verified, 6 not validly signed and not "
	                                         "accepted (--accept-unsigned)."));
	if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_USAGE;
	}
	g_autofree char *address_owned = address_text;
	if (argc != 2) {
		ms_cli_error (_("import takes exactly one FILE; see “mailsetup import --help”"));
		return MS_EXIT_USAGE;
	}
	if (!ms_cli_verify_args_check (&va))
		return MS_EXIT_USAGE;
	g_autoptr (MsAddress) option_address = NULL;
	if (address_text && (option_address = ms_address_parse (address_text, &error)) == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}

	gsize length = 0;
	g_autofree char *data = ms_cli_read_file (argv[1], MS_PROFILE_MAX_SIZE, &length, &error);
	if (data == NULL) {
		ms_cli_error ("%s", error->message);
		return ms_cli_exit_for_error (error);
	}
	MsCliImport im = { argv[1], NULL, TRUE, g_ptr_array_new_with_free_func (account_free) };
	g_autoptr (MsConfig) autoconfig = NULL;
	if (ms_profile_looks_like (data, length)) {
		im.profile = ms_profile_load (data, length, va.ca_file, &error);
		if (im.profile) {
			GPtrArray *accounts = ms_profile_get_accounts (im.profile);
			for (guint i = 0; i < accounts->len; i++) {
				const MsProfileAccount *a = g_ptr_array_index (accounts, i);
				add_account (&im, a, ms_profile_account_get_config (a), ms_profile_account_get_address (a),
				             option_address);
			}
			im.accepted = ms_profile_get_signature (im.profile) == MS_PROFILE_SIGNED_VALID || accept;
		}
	} else if ((autoconfig = ms_autoconfig_parse (data, length, MS_SOURCE_FILE, MS_TRUST_HIGH, &error))) {
		add_account (&im, NULL, autoconfig, NULL, option_address);
	}
	explicit_bzero (data, length); /* a profile may hold passwords */
	if (im.profile == NULL && autoconfig == NULL) {
		ms_cli_error ("%s: %s", argv[1], error->message);
		g_ptr_array_unref (im.accounts);
		return ms_cli_exit_for_error (error);
	}

	int status = MS_EXIT_OK;
	if (im.profile)
		warn_signature (im.profile, accept);
	if (im.accounts->len == 0) {
		ms_cli_error ("%s", _("the profile holds no mail account Claws Mail can use"));
		status = MS_EXIT_NOTHING_FOUND;
	} else if (!im.accepted) {
		status = MS_EXIT_UNTRUSTED;
	} else if (verify) {
		status = verify_all (&im, &va, NULL);
	}
	if (json)
		ms_cli_import_json (&im);
	else
		ms_cli_import_print (&im);
	for (guint i = 0; i < im.accounts->len; i++) {
		MsCliImportAccount *ia = g_ptr_array_index (im.accounts, i);
		if (ia->error && !json)
			ms_cli_error ("%s", ia->error->message);
	}
	g_ptr_array_unref (im.accounts);
	g_clear_pointer (&im.profile, ms_profile_unref);
	return status;
}
