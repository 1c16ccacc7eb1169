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
	MsProgress *progress;
	gint64 start;
	JsonBuilder *events;  /* with --json */
	GMainLoop *loop;
	MsConfig *config;
	MsVerifyResult *result;
	GError *error;
} Run;

static const char *
step_name (MsVerifyStep step)
{
	switch (step) {
	case MS_VERIFY_STEP_CONNECT: return "connect";
	case MS_VERIFY_STEP_LOGIN: return "login";
	case MS_VERIFY_STEP_SEND: return "send";
	case MS_VERIFY_STEP_RECEIVE: return "receive";
	}
	return "unknown";
}

static const char *
state_name (MsVerifyState state)
{
	switch (state) {
	case MS_VERIFY_STATE_STARTED: return "started";
	case MS_VERIFY_STATE_OK: return "ok";
	case MS_VERIFY_STATE_FAILED: return "failed";
	}
	return "unknown";
}

static void
add_diagnosis (JsonBuilder *b, const MsDiagnosis *d)
{
	g_autofree char *explain = ms_diagnosis_explain (d);
	g_autofree char *next = ms_diagnosis_next_step (d);

	json_builder_begin_object (b);
	ms_cli_json_string (b, "code", ms_diagnosis_code_to_string (d->code));
	ms_cli_json_string (b, "message", explain);
	ms_cli_json_string (b, "next_step", next);
	/* A diagnosis about a domain has a host but no port, and no protocol. */
	ms_cli_json_string (b, "protocol", d->host && d->port ? ms_protocol_to_string (d->protocol) : NULL);
	ms_cli_json_string (b, "host", d->host);
	ms_cli_json_int (b, "port", d->port);
	ms_cli_json_string (b, "username", d->username);
	ms_cli_json_string (b, "detail", d->detail);
	ms_cli_json_string (b, "other_host", d->other_host);
	ms_cli_json_int (b, "other_port", d->other_port);
	ms_cli_json_strv (b, "names", (const char *const *) d->names);
	json_builder_end_object (b);
}

/* Opens the JSON object of an event: when, and of which phase. */
static void
begin_event (Run *r, const char *phase)
{
	json_builder_begin_object (r->events);
	ms_cli_json_int (r->events, "ms", (g_get_monotonic_time () - r->start) / 1000);
	ms_cli_json_string (r->events, "phase", phase);
}

static void
on_discovery_progress (const MsDiscoveryEvent *e, gpointer data)
{
	static const char *const states[] = { "searching", "found", "nothing", "failed" };
	Run *r = data;
	if (r->events) {
		begin_event (r, "discovery");
		ms_cli_json_string (r->events, "source", ms_source_to_string (e->source));
		ms_cli_json_string (r->events, "state", states[e->state]);
		ms_cli_json_string (r->events, "code", e->code);
		ms_cli_json_string (r->events, "target", e->target);
		ms_cli_json_string (r->events, "message", e->message);
		json_builder_end_object (r->events);
	}
	static const char *const words[] = { N_("searching"), N_("found"), N_("nothing"), N_("failed") };
	g_autofree char *key = g_strdup_printf ("source %s", ms_source_to_string (e->source));
	ms_progress_set (r->progress, key, ms_source_to_string (e->source), _(words[e->state]), e->message);
}

static void
on_verify_progress (const MsVerifyEvent *e, gpointer data)
{
	Run *r = data;
	if (r->events) {
		begin_event (r, "verify");
		ms_cli_json_string (r->events, "step", step_name (e->step));
		ms_cli_json_string (r->events, "state", state_name (e->state));
		ms_cli_json_string (r->events, "protocol", ms_protocol_to_string (ms_server_get_protocol (e->server)));
		ms_cli_json_string (r->events, "host", e->host);
		ms_cli_json_int (r->events, "port", ms_server_get_port (e->server));
		ms_cli_json_string (r->events, "username", e->username);
		ms_cli_json_string (r->events, "diagnosis", e->diagnosis ? ms_diagnosis_code_to_string (e->diagnosis->code) : NULL);
		ms_cli_json_string (r->events, "message", e->message);
		json_builder_end_object (r->events);
	}
	g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (e->server)), -1);
	g_autofree char *label = g_strdup_printf ("%s %s:%u", protocol, e->host, ms_server_get_port (e->server));
	g_autofree char *key = NULL;
	const char *state = "";
	if (e->step == MS_VERIFY_STEP_SEND || e->step == MS_VERIFY_STEP_RECEIVE) {
		key = g_strdup ("test message");
		g_free (label);
		label = g_strdup (_("test message"));
	} else {
		key = g_strdup_printf ("server %s", label);
	}
	switch (e->state) {
	case MS_VERIFY_STATE_STARTED:
		state = e->step == MS_VERIFY_STEP_CONNECT ? _("connecting") : e->step == MS_VERIFY_STEP_LOGIN
		      ? _("logging in") : e->step == MS_VERIFY_STEP_SEND ? _("sending") : _("waiting");
		break;
	case MS_VERIFY_STATE_OK:
		state = e->step == MS_VERIFY_STEP_CONNECT ? _("connected") : e->step == MS_VERIFY_STEP_LOGIN
		      ? _("verified") : e->step == MS_VERIFY_STEP_SEND ? _("sent") : _("delivered");
		break;
	case MS_VERIFY_STATE_FAILED:
		state = _("failed");
		break;
	}
	ms_progress_set (r->progress, key, label, state, e->message);
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

static void
print_server (const char *title, const MsServer *s)
{
	g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
	/* TRANSLATORS: "Incoming: IMAP at mail.example.fr, port 993, encrypted (TLS)" */
	printf (_("%s %s at %s, port %u, %s\n"), title, protocol, ms_server_get_hostname (s),
	        (guint) ms_server_get_port (s), ms_cli_socket_words (ms_server_get_socket_type (s)));
	if (ms_server_get_confirmation (s))
		printf ("  %s %s\n", _("to be confirmed:"), ms_server_get_confirmation (s));
}

static void
print_result (const MsVerifyResult *v, const MsAddress *address)
{
	const MsDiagnosis *d = ms_verify_result_get_diagnosis (v);
	const char *user = ms_verify_result_get_username (v);
	gint64 delay;
	MsSendTest test = ms_verify_result_get_send_test (v, &delay);

	if (ms_verify_result_is_verified (v))
		printf ("%s\n", _("The account works."));
	else
		printf ("%s\n", _("The account does not work yet."));
	if (ms_verify_result_get_incoming (v))
		print_server (_("Incoming:"), ms_verify_result_get_incoming (v));
	if (ms_verify_result_get_other_incoming (v))
		print_server (_("Also works:"), ms_verify_result_get_other_incoming (v));
	if (ms_verify_result_get_outgoing (v))
		print_server (_("Outgoing:"), ms_verify_result_get_outgoing (v));
	if (user) {
		const char *form = strcmp (user, ms_address_get_address (address)) == 0 ? _("your full address")
		                 : strcmp (user, ms_address_get_local_part (address)) == 0 ? _("the part before the “@”")
		                 : NULL;
		if (form)
			printf ("%s %s (%s)\n", _("User name:"), user, form);
		else
			printf ("%s %s\n", _("User name:"), user);
	}
	if (test == MS_SEND_TEST_DELIVERED)
		printf (_("Test message: it reached your mailbox in %.1f s and was deleted.\n"), delay / 1e6);
	else if (test == MS_SEND_TEST_SKIPPED)
		printf ("%s\n", _("Test message: not sent (--no-send-test)."));
	if (d) {
		g_autofree char *explain = ms_diagnosis_explain (d);
		g_autofree char *next = ms_diagnosis_next_step (d);
		printf ("%s [%s] %s\n", _("Problem:"), ms_diagnosis_code_to_string (d->code), explain);
		printf ("%s %s\n", _("What to do:"), next);
	}
}

int
ms_cmd_setup (int argc, char **argv)
{
	gboolean json = FALSE, quiet = FALSE, password_stdin = FALSE, no_send_test = FALSE, nothing_found = FALSE;
	gboolean no_site = FALSE;
	char *ca_file = NULL, *password_file = NULL, *config_file = NULL;
	int send_timeout = -1, step_timeout_ms = 0, timeout_ms = 0;
	GOptionEntry entries[] = {
		{ "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
		  N_("Read the password from the first line of this file"), N_("FILE") },
		{ "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
		  N_("Read the password from the first line of standard input"), NULL },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
		  N_("Verify the servers of this autoconfig XML file instead of discovering them"), N_("FILE") },
		{ "no-send-test", 0, 0, G_OPTION_ARG_NONE, &no_send_test,
		  N_("Do not send a test message to the address itself"), NULL },
		{ "send-timeout", 0, 0, G_OPTION_ARG_INT, &send_timeout,
		  N_("Wait this many seconds for the test message (default 60)"), N_("SECONDS") },
		{ "step-timeout", 0, 0, G_OPTION_ARG_INT, &step_timeout_ms,
		  N_("Give a server this many milliseconds to answer each step (default 15000)"), N_("MS") },
		{ "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms,
		  N_("Give discovery this many milliseconds (default 8000)"), N_("MS") },
		{ "no-site-defaults", 0, 0, G_OPTION_ARG_NONE, &no_site,
		  N_("Ignore the site-wide defaults (mailsetup.conf(5))"), NULL },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("ADDRESS — find the servers of an address and prove they work"),
	                           _("The password is never taken from the command line: give "
	                             "--password-file or --password-stdin, or type it when asked.\n"
	                             "Exit status: 0 verified, 1 failure, 2 usage, 3 bad input, "
	                             "4 no server found, 5 servers found but not verified.")))
		return MS_EXIT_USAGE;
	g_autofree char *ca_owned = ca_file, *pw_owned = password_file, *config_owned = config_file;
	if (argc != 2) {
		ms_cli_error (_("setup takes exactly one ADDRESS; see “mailsetup setup --help”"));
		return MS_EXIT_USAGE;
	}
	if (password_file && password_stdin) {
		ms_cli_error (_("give either --password-file or --password-stdin, not both"));
		return MS_EXIT_USAGE;
	}
	if (send_timeout != -1 && (send_timeout <= 0 || send_timeout > 3600)) {
		ms_cli_error (_("--send-timeout must be between 1 and 3600 seconds"));
		return MS_EXIT_USAGE;
	}
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
	char *password = ms_cli_read_password (password_file, password_stdin, &error);
	if (password == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}

	g_autoptr (MsSiteDefaults) site = ms_cli_site_load (no_site);
	g_autoptr (GCancellable) cancellable = g_cancellable_new ();
	guint sigint = ms_cli_cancel_on_interrupt (cancellable);
	Run r = { ms_progress_new (quiet), g_get_monotonic_time (), json ? json_builder_new () : NULL,
	          g_main_loop_new (NULL, FALSE), NULL, NULL, NULL };
	if (r.events)
		json_builder_begin_array (r.events);
	if (given) {
		r.config = ms_config_ref (given);
	} else {
		g_autoptr (MsDiscoveryOptions) dopts = ms_discovery_options_new ();
		/* The site's values under the command line's, its locked ones over. */
		ms_site_defaults_apply_discovery (site, dopts, MS_SITE_APPLY_ALL);
		if (ca_file)
			ms_discovery_options_set_ca_file (dopts, ca_file);
		if (timeout_ms > 0)
			ms_discovery_options_set_timeout (dopts, MIN ((guint) timeout_ms, 6000u), (guint) timeout_ms);
		ms_site_defaults_apply_discovery (site, dopts, MS_SITE_APPLY_LOCKED);
		ms_cli_site_note_locked (site, "Discovery.timeout", timeout_ms > 0, "--timeout");
		ms_discover_async (address, dopts, on_discovery_progress, &r, NULL, cancellable, on_discovered, &r);
		g_main_loop_run (r.loop);
		/* Sources still looking when discovery settled were not needed. */
		ms_progress_settle (r.progress, _("searching"), _("stopped"), _("not needed: better sources answered"));
		/* Nothing found is a diagnosis too (no such domain, or no mail
		 * server): verification of nothing gives it. */
		if (g_error_matches (r.error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER)) {
			g_clear_error (&r.error);
			r.config = ms_config_new ();
			nothing_found = TRUE;
		}
	}
	if (r.config) {
		g_autoptr (MsVerifyOptions) vopts = ms_verify_options_new ();
		ms_site_defaults_apply_verify (site, vopts, MS_SITE_APPLY_ALL);
		if (ca_file)
			ms_verify_options_set_ca_file (vopts, ca_file);
		/* Unset options keep the site's value (or the built-in one). */
		gboolean send = no_send_test ? FALSE : ms_site_defaults_get_boolean (site, "Verify.send-test", TRUE);
		guint wait_s = send_timeout > 0 ? (guint) send_timeout
		             : ms_site_defaults_get_uint (site, "Verify.send-timeout", 60);
		ms_verify_options_set_send_test (vopts, send, wait_s * 1000);
		if (step_timeout_ms > 0)
			ms_verify_options_set_step_timeout (vopts, (guint) step_timeout_ms);
		ms_site_defaults_apply_verify (site, vopts, MS_SITE_APPLY_LOCKED);
		ms_cli_site_note_locked (site, "Discovery.ca-file", ca_file != NULL, "--ca-file");
		ms_cli_site_note_locked (site, "Verify.send-test", no_send_test, "--no-send-test");
		ms_cli_site_note_locked (site, "Verify.send-timeout", send_timeout > 0, "--send-timeout");
		ms_cli_site_note_locked (site, "Verify.step-timeout", step_timeout_ms > 0, "--step-timeout");
		ms_verify_async (address, r.config, password, vopts, on_verify_progress, &r, NULL, cancellable,
		                 on_verified, &r);
		g_main_loop_run (r.loop);
	}
	ms_cli_free_password (password);
	g_source_remove (sigint);
	g_main_loop_unref (r.loop);
	gint64 elapsed = (g_get_monotonic_time () - r.start) / 1000;

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
		json_builder_end_array (r.events);
		json_builder_begin_object (b);
		ms_cli_json_string (b, "schema", "mailsetup-setup/1");
		ms_cli_json_string (b, "address", ms_address_get_address (address));
		ms_cli_json_int (b, "elapsed_ms", elapsed);
		ms_cli_json_bool (b, "verified", r.result && ms_verify_result_is_verified (r.result));
		ms_cli_json_server (b, "incoming", r.result ? ms_verify_result_get_incoming (r.result) : NULL);
		ms_cli_json_server (b, "other_incoming", r.result ? ms_verify_result_get_other_incoming (r.result) : NULL);
		ms_cli_json_server (b, "outgoing", r.result ? ms_verify_result_get_outgoing (r.result) : NULL);
		ms_cli_json_string (b, "username", r.result ? ms_verify_result_get_username (r.result) : NULL);
		json_builder_set_member_name (b, "send_test");
		json_builder_begin_object (b);
		gint64 delay = 0;
		MsSendTest test = r.result ? ms_verify_result_get_send_test (r.result, &delay) : MS_SEND_TEST_NOT_RUN;
		ms_cli_json_string (b, "state", ms_send_test_to_string (test));
		ms_cli_json_int (b, "delay_ms", delay / 1000);
		json_builder_end_object (b);
		ms_cli_json_int (b, "failed_logins", r.result ? ms_verify_result_get_failed_logins (r.result) : 0);
		json_builder_set_member_name (b, "diagnosis");
		if (r.result && ms_verify_result_get_diagnosis (r.result))
			add_diagnosis (b, ms_verify_result_get_diagnosis (r.result));
		else
			json_builder_add_null_value (b);
		json_builder_set_member_name (b, "problems");
		json_builder_begin_array (b);
		for (guint i = 0; r.result && i < ms_verify_result_get_problems (r.result)->len; i++)
			add_diagnosis (b, ms_verify_result_get_problems (r.result)->pdata[i]);
		json_builder_end_array (b);
		ms_cli_json_error (b, r.error);
		ms_cli_json_config (b, "config", r.config, address);
		json_builder_set_member_name (b, "events");
		json_builder_add_value (b, json_builder_get_root (r.events));
		json_builder_end_object (b);
		ms_cli_json_print (b);
		g_object_unref (r.events);
	} else if (r.result) {
		print_result (r.result, address);
	}
	g_clear_pointer (&r.result, ms_verify_result_unref);
	g_clear_pointer (&r.config, ms_config_unref);
	ms_progress_free (r.progress);
	g_clear_error (&r.error);
	return status;
}
