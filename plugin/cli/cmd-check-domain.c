/* mailsetup check-domain DOMAIN: the administrator's view of a mail
 * domain: what each source says, the SRV records, what each server shows,
 * and the findings with their fixes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <mailsetup/domain-check.h>

static const char *
severity_words (MsSeverity s)
{
	switch (s) {
	case MS_SEVERITY_INFO: return _("info");
	case MS_SEVERITY_WARNING: return _("warning");
	case MS_SEVERITY_ERROR: return _("error");
	}
	return "";
}

static char *
servers_line (const MsConfig *config)
{
	GString *s = g_string_new (NULL);
	GPtrArray *lists[] = { ms_config_get_incoming (config), ms_config_get_outgoing (config) };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const MsServer *srv = g_ptr_array_index (lists[l], i);
			g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (ms_server_get_protocol (srv)), -1);
			g_string_append_printf (s, "%s%s %s:%u %s", s->len ? ", " : "", protocol, ms_server_get_hostname (srv),
			                        (guint) ms_server_get_port (srv),
			                        ms_socket_type_to_string (ms_server_get_socket_type (srv)));
		}
	return g_string_free (s, FALSE);
}

static void
print_text (const MsDomainCheck *c)
{
	GPtrArray *answers = ms_domain_check_get_answers (c), *srv = ms_domain_check_get_srv (c);
	GPtrArray *endpoints = ms_domain_check_get_endpoints (c), *findings = ms_domain_check_get_findings (c);
	guint counts[3] = { 0 };

	printf (_("Mail domain check of %s"), ms_domain_check_get_domain (c));
	printf ("\n");
	if (answers->len > 0)
		printf ("\n%s\n", _("What each source says:"));
	guint probes[4] = { 0 };
	for (guint i = 0; i < answers->len; i++) {
		const MsCheckAnswer *a = g_ptr_array_index (answers, i);
		g_autofree char *servers = a->config ? servers_line (a->config) : NULL;
		/* Probing asks dozens of names: its servers are listed below. */
		if (a->source == MS_SOURCE_PROBE) {
			probes[a->state]++;
			continue;
		}
		printf ("  %-12s %-20s %-8s %s\n", ms_source_to_string (a->source), a->code, ms_cli_discovery_state_name (a->state),
		        a->target ? a->target : "");
		printf ("      %s\n", servers ? servers : a->message ? a->message : "");
	}
	if (probes[MS_DISCOVERY_STATE_FOUND] + probes[MS_DISCOVERY_STATE_NOTHING] + probes[MS_DISCOVERY_STATE_FAILED] > 0) {
		printf ("  %-12s ", ms_source_to_string (MS_SOURCE_PROBE));
		printf (_("%u usual server names and ports answered, %u names do not exist, %u failed"),
		        probes[MS_DISCOVERY_STATE_FOUND], probes[MS_DISCOVERY_STATE_NOTHING], probes[MS_DISCOVERY_STATE_FAILED]);
		printf ("\n");
	}
	if (srv->len > 0)
		printf ("\n%s\n", _("SRV records (RFC 6186, RFC 8314):"));
	for (guint i = 0; i < srv->len; i++) {
		const MsCheckSrv *s = g_ptr_array_index (srv, i);
		if (!s->exists)
			printf ("  %-32s %s\n", s->name, _("no record"));
		else
			printf ("  %-32s SRV %u %u %u %s.%s\n", s->name, s->priority, s->weight, s->port,
			        *s->target ? s->target : "", s->authenticated ? _(" (DNSSEC)") : "");
	}
	if (endpoints->len > 0)
		printf ("\n%s\n", _("What each server shows:"));
	for (guint i = 0; i < endpoints->len; i++) {
		const MsCheckEndpoint *e = g_ptr_array_index (endpoints, i);
		g_autofree char *protocol = g_ascii_strup (ms_protocol_to_string (e->protocol), -1);
		g_autofree char *by = ms_source_flags_to_string (e->found_by);
		g_autofree char *where = g_strdup_printf ("%s:%u", e->host, (guint) e->port);
		printf ("  %-4s %-36s %-22s %s\n", protocol, where,
		        e->ok ? ms_cli_socket_words (e->socket_type) : ms_diagnosis_code_to_string (e->diagnosis),
		        e->found_by ? by : _("(implicit TLS tried by the check)"));
		if (e->names) {
			g_autofree char *names = g_strjoinv (", ", e->names);
			printf ("       %s %s\n", _("certificate made for:"), names);
		}
	}
	printf ("\n");
	for (guint i = 0; i < findings->len; i++)
		counts[((MsFinding *) g_ptr_array_index (findings, i))->severity]++;
	if (findings->len == 0)
		printf ("%s\n", _("No finding: clients set this domain up securely."));
	else
		printf (_("Findings: errors %u, warnings %u, information %u\n"), counts[MS_SEVERITY_ERROR],
		        counts[MS_SEVERITY_WARNING], counts[MS_SEVERITY_INFO]);
	for (guint i = 0; i < findings->len; i++) {
		const MsFinding *f = g_ptr_array_index (findings, i);
		g_autofree char *fix = NULL;
		printf ("\n[%s] %s: %s (%s)\n", severity_words (f->severity), ms_finding_code_to_string (f->code), f->subject,
		        ms_source_to_string (f->source));
		printf ("  %s\n", f->explanation);
		if (f->evidence && *f->evidence)
			printf ("  %s %s\n", _("Seen:"), f->evidence);
		/* A fix of several lines (records, URLs) stays copyable. */
		g_auto (GStrv) lines = g_strsplit (f->fix, "\n", -1);
		printf ("  %s %s\n", _("Fix:"), lines[0]);
		for (guint l = 1; lines[l]; l++)
			if (*lines[l])
				printf ("    %s\n", lines[l]);
	}
}

/* The report's lists (findings, answers, SRV records, servers) all have
 * the one shape: a member NAME holding one object per item, which WRITE
 * fills in. */
typedef void (*JsonItemFunc) (JsonBuilder *b, gconstpointer item);

static void
json_objects (JsonBuilder *b, const char *name, GPtrArray *items, JsonItemFunc write)
{
	json_builder_set_member_name (b, name);
	json_builder_begin_array (b);
	for (guint i = 0; i < items->len; i++) {
		json_builder_begin_object (b);
		write (b, g_ptr_array_index (items, i));
		json_builder_end_object (b);
	}
	json_builder_end_array (b);
}

static void
json_answer (JsonBuilder *b, gconstpointer item)
{
	const MsCheckAnswer *a = item;
	ms_cli_json_string (b, "source", ms_source_to_string (a->source));
	ms_cli_json_string (b, "code", a->code);
	ms_cli_json_string (b, "state", ms_cli_discovery_state_name (a->state));
	ms_cli_json_string (b, "target", a->target);
	ms_cli_json_string (b, "message", a->message);
	ms_cli_json_string (b, "error", a->error_code);
	ms_cli_json_config (b, "config", a->config, NULL);
}

static void
json_srv_record (JsonBuilder *b, gconstpointer item)
{
	const MsCheckSrv *s = item;
	ms_cli_json_string (b, "name", s->name);
	ms_cli_json_bool (b, "exists", s->exists);
	ms_cli_json_bool (b, "authenticated", s->authenticated);
	ms_cli_json_int (b, "priority", s->priority);
	ms_cli_json_int (b, "weight", s->weight);
	ms_cli_json_int (b, "port", s->port);
	ms_cli_json_string (b, "target", s->exists ? s->target : NULL);
}

static void
json_endpoint (JsonBuilder *b, gconstpointer item)
{
	const MsCheckEndpoint *e = item;
	ms_cli_json_string (b, "protocol", ms_protocol_to_string (e->protocol));
	ms_cli_json_string (b, "host", e->host);
	ms_cli_json_int (b, "port", e->port);
	ms_cli_json_bool (b, "implicit_tls", e->implicit_tls);
	json_builder_set_member_name (b, "found_by");
	json_builder_begin_array (b);
	for (MsSource src = MS_SOURCE_FILE; src <= MS_SOURCE_PROFILE; src++)
		if (e->found_by & MS_SOURCE_FLAG (src))
			json_builder_add_string_value (b, ms_source_to_string (src));
	json_builder_end_array (b);
	ms_cli_json_bool (b, "ok", e->ok);
	ms_cli_json_string (b, "socket", e->ok ? ms_socket_type_to_string (e->socket_type) : NULL);
	ms_cli_json_string (b, "diagnosis", e->ok ? NULL : ms_diagnosis_code_to_string (e->diagnosis));
	ms_cli_json_strv (b, "names", (const char *const *) e->names);
	ms_cli_json_string (b, "detail", e->detail);
}

static void
json_finding (JsonBuilder *b, gconstpointer item)
{
	const MsFinding *f = item;
	ms_cli_json_string (b, "code", ms_finding_code_to_string (f->code));
	ms_cli_json_string (b, "severity", ms_severity_to_string (f->severity));
	ms_cli_json_string (b, "source", ms_source_to_string (f->source));
	ms_cli_json_string (b, "subject", f->subject);
	ms_cli_json_string (b, "evidence", f->evidence);
	ms_cli_json_string (b, "explanation", f->explanation);
	ms_cli_json_string (b, "fix", f->fix);
}

static void
print_json (const MsDomainCheck *c, gint64 elapsed)
{
	g_autoptr (JsonBuilder) b = json_builder_new ();
	int worst = ms_domain_check_get_worst (c);

	json_builder_begin_object (b);
	ms_cli_json_string (b, "schema", "mailsetup-check-domain/1");
	ms_cli_json_string (b, "domain", ms_domain_check_get_domain (c));
	ms_cli_json_int (b, "elapsed_ms", elapsed);
	ms_cli_json_string (b, "worst", worst < 0 ? NULL : ms_severity_to_string (worst));
	json_objects (b, "findings", ms_domain_check_get_findings (c), json_finding);
	json_objects (b, "answers", ms_domain_check_get_answers (c), json_answer);
	json_objects (b, "srv", ms_domain_check_get_srv (c), json_srv_record);
	json_objects (b, "servers", ms_domain_check_get_endpoints (c), json_endpoint);
	ms_cli_json_config (b, "config", ms_domain_check_get_config (c), NULL);
	json_builder_end_object (b);
	ms_cli_json_print (b);
}

typedef struct {
	GMainLoop *loop;
	MsDomainCheck *check;
	GError **error;
} Done;

static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
	Done *d = data;
	d->check = ms_domain_check_finish (result, d->error);
	g_main_loop_quit (d->loop);
}

/* The async call in the default main context, where Ctrl-C is heard
 * (the _sync call's own context would not dispatch the signal). */
MsDomainCheck *
ms_cli_check_domain (const char *domain, const MsConfig *config, const char *ca_file, GError **error)
{
	g_autoptr (MsDiscoveryOptions) options = ms_discovery_options_new ();
	g_autoptr (GCancellable) cancellable = g_cancellable_new ();
	guint sigint = ms_cli_cancel_on_interrupt (cancellable);
	Done done = { g_main_loop_new (NULL, FALSE), NULL, error };

	ms_discovery_options_set_ca_file (options, ca_file);
	ms_domain_check_async (domain, config, options, cancellable, on_checked, &done);
	g_main_loop_run (done.loop);
	g_main_loop_unref (done.loop);
	g_source_remove (sigint);
	return done.check;
}

int
ms_cmd_check_domain (int argc, char **argv)
{
	gboolean json = FALSE;
	char *ca_file = NULL;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("DOMAIN — check what clients find for a mail domain"),
	                           NULL))
		return MS_EXIT_USAGE;
	g_autofree char *ca_owned = ca_file;
	if (argc != 2) {
		ms_cli_error (_("check-domain takes exactly one DOMAIN; see “mailsetup check-domain --help”"));
		return MS_EXIT_USAGE;
	}
	gint64 start = g_get_monotonic_time ();
	g_autoptr (MsDomainCheck) c = ms_cli_check_domain (argv[1], NULL, ca_file, &error);
	if (c == NULL) {
		ms_cli_error ("%s", error->message);
		return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? MS_EXIT_FAILURE : ms_cli_exit_for_error (error);
	}
	if (json)
		print_json (c, (g_get_monotonic_time () - start) / 1000);
	else
		print_text (c);
	GPtrArray *findings = ms_domain_check_get_findings (c);
	if (findings->len > 0 && ((MsFinding *) g_ptr_array_index (findings, 0))->code == MS_FINDING_NOTHING_FOUND)
		return MS_EXIT_NOTHING_FOUND;
	return ms_domain_check_get_worst (c) == MS_SEVERITY_ERROR ? MS_EXIT_DOMAIN_ERRORS : MS_EXIT_OK;
}
