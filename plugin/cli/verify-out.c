/* What the commands that verify (setup, import --verify) share: their
 * options, live progress and JSON events of a verification, and its
 * result in JSON and in words.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

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

void
ms_cli_json_diagnosis (JsonBuilder *b, const MsDiagnosis *d)
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
	json_builder_set_member_name (b, "port");
	json_builder_add_int_value (b, d->port);
	ms_cli_json_string (b, "username", d->username);
	ms_cli_json_string (b, "detail", d->detail);
	ms_cli_json_string (b, "other_host", d->other_host);
	json_builder_set_member_name (b, "other_port");
	json_builder_add_int_value (b, d->other_port);
	json_builder_set_member_name (b, "names");
	json_builder_begin_array (b);
	for (guint i = 0; d->names && d->names[i]; i++)
		json_builder_add_string_value (b, d->names[i]);
	json_builder_end_array (b);
	json_builder_end_object (b);
}

/* Opens the JSON object of an event: when, and of which phase. */
void
ms_cli_begin_event (MsCliRun *r, const char *phase)
{
	json_builder_begin_object (r->events);
	json_builder_set_member_name (r->events, "ms");
	json_builder_add_int_value (r->events, (g_get_monotonic_time () - r->start) / 1000);
	ms_cli_json_string (r->events, "phase", phase);
}

void
ms_cli_on_verify_progress (const MsVerifyEvent *e, gpointer data)
{
	MsCliRun *r = data;
	if (r->events) {
		ms_cli_begin_event (r, "verify");
		ms_cli_json_string (r->events, "step", step_name (e->step));
		ms_cli_json_string (r->events, "state", state_name (e->state));
		ms_cli_json_string (r->events, "protocol", ms_protocol_to_string (ms_server_get_protocol (e->server)));
		ms_cli_json_string (r->events, "host", e->host);
		json_builder_set_member_name (r->events, "port");
		json_builder_add_int_value (r->events, ms_server_get_port (e->server));
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
print_server (const char *title, const MsServer *s)
{
	g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (s)), -1);
	/* TRANSLATORS: "Incoming: IMAP at mail.example.fr, port 993, encrypted (TLS)" */
	printf (_("%s %s at %s, port %u, %s\n"), title, protocol, ms_server_get_hostname (s),
	        (guint) ms_server_get_port (s), ms_cli_socket_words (ms_server_get_socket_type (s)));
	if (ms_server_get_confirmation (s))
		printf ("  %s %s\n", _("to be confirmed:"), ms_server_get_confirmation (s));
}

void
ms_cli_print_verify_result (const MsVerifyResult *v, const MsAddress *address)
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

void
ms_cli_json_verify_result (JsonBuilder *b, const MsVerifyResult *result)
{
	json_builder_set_member_name (b, "verified");
	json_builder_add_boolean_value (b, result && ms_verify_result_is_verified (result));
	ms_cli_json_server (b, "incoming", result ? ms_verify_result_get_incoming (result) : NULL);
	ms_cli_json_server (b, "other_incoming", result ? ms_verify_result_get_other_incoming (result) : NULL);
	ms_cli_json_server (b, "outgoing", result ? ms_verify_result_get_outgoing (result) : NULL);
	ms_cli_json_string (b, "username", result ? ms_verify_result_get_username (result) : NULL);
	json_builder_set_member_name (b, "send_test");
	json_builder_begin_object (b);
	gint64 delay = 0;
	MsSendTest test = result ? ms_verify_result_get_send_test (result, &delay) : MS_SEND_TEST_NOT_RUN;
	ms_cli_json_string (b, "state", ms_send_test_to_string (test));
	json_builder_set_member_name (b, "delay_ms");
	json_builder_add_int_value (b, delay / 1000);
	json_builder_end_object (b);
	json_builder_set_member_name (b, "failed_logins");
	json_builder_add_int_value (b, result ? ms_verify_result_get_failed_logins (result) : 0);
	json_builder_set_member_name (b, "diagnosis");
	if (result && ms_verify_result_get_diagnosis (result))
		ms_cli_json_diagnosis (b, ms_verify_result_get_diagnosis (result));
	else
		json_builder_add_null_value (b);
	json_builder_set_member_name (b, "problems");
	json_builder_begin_array (b);
	for (guint i = 0; result && i < ms_verify_result_get_problems (result)->len; i++)
		ms_cli_json_diagnosis (b, ms_verify_result_get_problems (result)->pdata[i]);
	json_builder_end_array (b);
}

void
ms_cli_verify_args_add (GOptionContext *ctx, MsCliVerifyArgs *a)
{
	GOptionEntry entries[] = {
		{ "password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->password_file,
		  N_("Read the password from the first line of this file"), N_("FILE") },
		{ "password-stdin", 0, 0, G_OPTION_ARG_NONE, &a->password_stdin,
		  N_("Read the password from the first line of standard input"), NULL },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &a->quiet, N_("Do not show progress"), NULL },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &a->ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ "no-send-test", 0, 0, G_OPTION_ARG_NONE, &a->no_send_test,
		  N_("Do not send a test message to the address itself"), NULL },
		{ "send-timeout", 0, 0, G_OPTION_ARG_INT, &a->send_timeout,
		  N_("Wait this many seconds for the test message (default 60)"), N_("SECONDS") },
		{ "step-timeout", 0, 0, G_OPTION_ARG_INT, &a->step_timeout_ms,
		  N_("Give a server this many milliseconds to answer each step (default 15000)"), N_("MS") },
		{ NULL }
	};
	a->send_timeout = -1; /* not given: the site's value, else 60 */
	/* GLib copies the entries; they point into @a. */
	g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
}

gboolean
ms_cli_verify_args_check (const MsCliVerifyArgs *a)
{
	if (a->password_file && a->password_stdin) {
		ms_cli_error (_("give either --password-file or --password-stdin, not both"));
		return FALSE;
	}
	if (a->send_timeout != -1 && (a->send_timeout <= 0 || a->send_timeout > 3600)) {
		ms_cli_error (_("--send-timeout must be between 1 and 3600 seconds"));
		return FALSE;
	}
	return TRUE;
}

MsVerifyOptions *
ms_cli_verify_args_options (const MsCliVerifyArgs *a, const MsSiteDefaults *site)
{
	MsVerifyOptions *o = ms_verify_options_new ();
	/* The site's values under the command line's, its locked ones over;
	 * an option not given keeps the site's value (or the built-in one). */
	ms_site_defaults_apply_verify (site, o, MS_SITE_APPLY_ALL);
	if (a->ca_file)
		ms_verify_options_set_ca_file (o, a->ca_file);
	gboolean send = a->no_send_test ? FALSE : ms_site_defaults_get_boolean (site, "Verify.send-test", TRUE);
	guint wait_s = a->send_timeout > 0 ? (guint) a->send_timeout
	             : ms_site_defaults_get_uint (site, "Verify.send-timeout", 60);
	ms_verify_options_set_send_test (o, send, wait_s * 1000);
	if (a->step_timeout_ms > 0)
		ms_verify_options_set_step_timeout (o, (guint) a->step_timeout_ms);
	ms_site_defaults_apply_verify (site, o, MS_SITE_APPLY_LOCKED);
	ms_cli_site_note_locked (site, "Discovery.ca-file", a->ca_file != NULL, "--ca-file");
	ms_cli_site_note_locked (site, "Verify.send-test", a->no_send_test, "--no-send-test");
	ms_cli_site_note_locked (site, "Verify.send-timeout", a->send_timeout > 0, "--send-timeout");
	ms_cli_site_note_locked (site, "Verify.step-timeout", a->step_timeout_ms > 0, "--step-timeout");
	return o;
}

void
ms_cli_verify_args_clear (MsCliVerifyArgs *a)
{
	g_clear_pointer (&a->password_file, g_free);
	g_clear_pointer (&a->ca_file, g_free);
}
