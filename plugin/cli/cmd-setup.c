/* mailsetup setup ADDRESS: discovery (or a configuration file), then
 * verification with the password: progress on stderr, the verified
 * account or the diagnosis on stdout.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

typedef struct {
	MsCliRun cli;         /* first: the verification callbacks take a Run as an MsCliRun */
	GMainLoop *loop;
	MsConfig *config;
	MsVerifyResult *result;
	GError *error;
} Run;

static void
on_discovery_progress (const MsDiscoveryEvent *e, gpointer data)
{
	static const char *const states[] = { "searching", "found", "nothing", "failed" };
	Run *r = data;
	if (r->cli.events) {
		ms_cli_begin_event (&r->cli, "discovery");
		ms_cli_json_string (r->cli.events, "source", ms_source_to_string (e->source));
		ms_cli_json_string (r->cli.events, "state", states[e->state]);
		ms_cli_json_string (r->cli.events, "code", e->code);
		ms_cli_json_string (r->cli.events, "target", e->target);
		ms_cli_json_string (r->cli.events, "message", e->message);
		json_builder_end_object (r->cli.events);
	}
	static const char *const words[] = { N_("searching"), N_("found"), N_("nothing"), N_("failed") };
	g_autofree char *key = g_strdup_printf ("source %s", ms_source_to_string (e->source));
	ms_progress_set (r->cli.progress, key, ms_source_to_string (e->source), _(words[e->state]), e->message);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *r = data;
	(void) source;
	r->config = ms_discover_finish (result, &r->error);
	g_main_loop_quit (r->loop);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
	Run *r = data;
	(void) source;
	r->result = ms_verify_finish (result, &r->error);
	g_main_loop_quit (r->loop);
}

int
ms_cmd_setup (int argc, char **argv)
{
	gboolean json = FALSE, nothing_found = FALSE, no_site = FALSE;
	char *config_file = NULL;
	int timeout_ms = 0;
	g_auto (MsCliVerifyArgs) va = { 0 };
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
		  N_("Verify the servers of this autoconfig XML file instead of discovering them"), N_("FILE") },
		{ "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms,
		  N_("Give discovery this many milliseconds (default 8000)"), N_("MS") },
		{ "no-site-defaults", 0, 0, G_OPTION_ARG_NONE, &no_site,
		  N_("Ignore the site-wide defaults (mailsetup.conf(5))"), NULL },
		{ NULL }
	};
	g_autoptr (GOptionContext) ctx = g_option_context_new (_("ADDRESS — find the servers of an address and prove they work"));
	g_autoptr (GError) error = NULL;

	g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
	g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
	ms_cli_verify_args_add (ctx, &va);
	g_option_context_set_description (ctx, _("The password is never taken from the command line: give "
	                                         "--password-file or --password-stdin, or type it when asked.\n"
	                                         "Exit status: 0 verified, 1 failure, 2 usage, 3 bad input, "
	                                         "4 no server found, 5 servers found but not verified."));
	if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_USAGE;
	}
	g_autofree char *config_owned = config_file;
	if (argc != 2) {
		ms_cli_error (_("setup takes exactly one ADDRESS; see “mailsetup setup --help”"));
		return MS_EXIT_USAGE;
	}
	if (!ms_cli_verify_args_check (&va))
		return MS_EXIT_USAGE;
	g_autoptr (MsAddress) address = ms_address_parse (argv[1], &error);
	if (address == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}
	g_autoptr (MsConfig) given = NULL;
	if (config_file) {
		gsize len;
		g_autofree char *xml = ms_cli_read_file (config_file, 1024 * 1024, &len, &error);
		if (xml)
			given = ms_autoconfig_parse (xml, len, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);
		if (given == NULL) {
			ms_cli_error ("%s: %s", config_file, error->message);
			return ms_cli_exit_for_error (error);
		}
	}
	char *password = ms_cli_read_password (va.password_file, va.password_stdin, &error);
	if (password == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}

	g_autoptr (MsSiteDefaults) site = ms_cli_site_load (no_site);
	g_autoptr (GCancellable) cancellable = g_cancellable_new ();
	guint sigint = ms_cli_cancel_on_interrupt (cancellable);
	Run r = { { ms_progress_new (va.quiet), g_get_monotonic_time (), json ? json_builder_new () : NULL },
	          g_main_loop_new (NULL, FALSE), NULL, NULL, NULL };
	if (r.cli.events)
		json_builder_begin_array (r.cli.events);
	if (given) {
		r.config = ms_config_ref (given);
	} else {
		g_autoptr (MsDiscoveryOptions) dopts = ms_discovery_options_new ();
		/* The site's values under the command line's, its locked ones over. */
		ms_site_defaults_apply_discovery (site, dopts, MS_SITE_APPLY_ALL);
		if (va.ca_file)
			ms_discovery_options_set_ca_file (dopts, va.ca_file);
		if (timeout_ms > 0)
			ms_discovery_options_set_timeout (dopts, MIN ((guint) timeout_ms, 6000u), (guint) timeout_ms);
		ms_site_defaults_apply_discovery (site, dopts, MS_SITE_APPLY_LOCKED);
		ms_cli_site_note_locked (site, "Discovery.timeout", timeout_ms > 0, "--timeout");
		ms_discover_async (address, dopts, on_discovery_progress, &r, NULL, cancellable, on_discovered, &r);
		g_main_loop_run (r.loop);
		/* Sources still looking when discovery settled were not needed. */
		ms_progress_settle (r.cli.progress, _("searching"), _("stopped"), _("not needed: better sources answered"));
		/* Nothing found is a diagnosis too (no such domain, or no mail
		 * server): verification of nothing gives it. */
		if (g_error_matches (r.error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER)) {
			g_clear_error (&r.error);
			r.config = ms_config_new ();
			nothing_found = TRUE;
		}
	}
	if (r.config) {
		g_autoptr (MsVerifyOptions) vopts = ms_cli_verify_args_options (&va, site);
		ms_verify_async (address, r.config, password, vopts, ms_cli_on_verify_progress, &r.cli, NULL, cancellable,
		                 on_verified, &r);
		g_main_loop_run (r.loop);
	}
	ms_cli_free_password (password);
	g_source_remove (sigint);
	g_main_loop_unref (r.loop);
	gint64 elapsed = (g_get_monotonic_time () - r.cli.start) / 1000;

	int status;
	if (r.error) {
		gboolean cancelled = g_error_matches (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
		status = cancelled ? MS_EXIT_FAILURE : ms_cli_exit_for_error (r.error);
		ms_cli_error ("%s", r.error->message);
	} else {
		status = ms_verify_result_is_verified (r.result) ? MS_EXIT_OK
		       : nothing_found ? MS_EXIT_NOTHING_FOUND : MS_EXIT_NOT_VERIFIED;
	}
	if (json) {
		g_autoptr (JsonBuilder) b = json_builder_new ();
		json_builder_end_array (r.cli.events);
		json_builder_begin_object (b);
		ms_cli_json_string (b, "schema", "mailsetup-setup/1");
		ms_cli_json_string (b, "address", ms_address_get_address (address));
		json_builder_set_member_name (b, "elapsed_ms");
		json_builder_add_int_value (b, elapsed);
		ms_cli_json_verify_result (b, r.result);
		ms_cli_json_error (b, r.error);
		ms_cli_json_config (b, "config", r.config, address);
		json_builder_set_member_name (b, "events");
		json_builder_add_value (b, json_builder_get_root (r.cli.events));
		json_builder_end_object (b);
		ms_cli_json_print (b);
		g_object_unref (r.cli.events);
	} else if (r.result) {
		ms_cli_print_verify_result (r.result, address);
	}
	g_clear_pointer (&r.result, ms_verify_result_unref);
	g_clear_pointer (&r.config, ms_config_unref);
	ms_progress_free (r.cli.progress);
	g_clear_error (&r.error);
	return status;
}
