/* mailsetup discover ADDRESS: every discovery source at once, progress as
 * it comes (stderr), the ranked result at the end (stdout).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <mailsetup/discovery.h>

typedef struct {
	gboolean quiet;
	gint64 start;
	JsonBuilder *events;   /* with --json */
} Progress;

static const char *
state_words (MsDiscoveryState s)
{
	switch (s) {
	case MS_DISCOVERY_STATE_SEARCHING: return _("searching");
	case MS_DISCOVERY_STATE_FOUND: return _("found");
	case MS_DISCOVERY_STATE_NOTHING: return _("nothing");
	case MS_DISCOVERY_STATE_FAILED: return _("failed");
	}
	return "";
}

static void
on_progress (const MsDiscoveryEvent *e, gpointer data)
{
	Progress *p = data;
	gint64 ms = (g_get_monotonic_time () - p->start) / 1000;

	if (p->events) {
		json_builder_begin_object (p->events);
		ms_cli_json_int (p->events, "ms", ms);
		json_builder_set_member_name (p->events, "source");
		json_builder_add_string_value (p->events, ms_source_to_string (e->source));
		json_builder_set_member_name (p->events, "state");
		json_builder_add_string_value (p->events, ms_cli_discovery_state_name (e->state));
		json_builder_set_member_name (p->events, "code");
		json_builder_add_string_value (p->events, e->code);
		json_builder_set_member_name (p->events, "target");
		json_builder_add_string_value (p->events, e->target);
		json_builder_set_member_name (p->events, "message");
		json_builder_add_string_value (p->events, e->message);
		if (e->error) {
			json_builder_set_member_name (p->events, "error");
			json_builder_add_string_value (p->events, e->error->domain == MS_ERROR
			                               ? ms_error_code_name (e->error->code) : "failed");
		}
		json_builder_end_object (p->events);
	}
	if (!p->quiet)
		fprintf (stderr, "%6.2fs  %-12s %-9s %s\n", ms / 1000.0, ms_source_to_string (e->source),
		         state_words (e->state), e->message);
}

typedef struct {
	GMainLoop *loop;
	MsConfig *config;
	GError *error;
} Done;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
	Done *d = data;
	d->config = ms_discover_finish (result, &d->error);
	g_main_loop_quit (d->loop);
}

/* --sources imap,…: the names of ms_source_to_string(). */
static gboolean
parse_sources (const char *list, guint *sources_r)
{
	g_auto (GStrv) names = g_strsplit (list, ",", -1);
	*sources_r = 0;
	for (guint i = 0; names[i]; i++) {
		gboolean known = FALSE;
		for (MsSource s = MS_SOURCE_BUILTIN; s <= MS_SOURCE_PROBE; s++)
			if (strcmp (g_strstrip (names[i]), ms_source_to_string (s)) == 0) {
				*sources_r |= MS_SOURCE_FLAG (s);
				known = TRUE;
			}
		if (!known) {
			ms_cli_error (_("unknown source “%s”"), names[i]);
			return FALSE;
		}
	}
	return TRUE;
}

int
ms_cmd_discover (int argc, char **argv)
{
	gboolean json = FALSE, quiet = FALSE, no_site = FALSE;
	char *ca_file = NULL, *sources_text = NULL, *ispdb_url = NULL;
	int timeout_ms = 0;
	GOptionEntry entries[] = {
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (see docs/json.md)"), NULL },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
		{ "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
		  N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
		{ "sources", 0, 0, G_OPTION_ARG_STRING, &sources_text,
		  N_("Use only these sources: builtin,autoconfig,ispdb,mx,srv,autodiscover,probe"), N_("LIST") },
		{ "ispdb-url", 0, 0, G_OPTION_ARG_STRING, &ispdb_url, N_("Base URL of the ISP database"), N_("URL") },
		{ "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms, N_("Give up after this many milliseconds (default 8000)"), N_("MS") },
		{ "no-site-defaults", 0, 0, G_OPTION_ARG_NONE, &no_site,
		  N_("Ignore the site-wide defaults (mailsetup.conf(5))"), NULL },
		{ NULL }
	};
	g_autoptr (GError) error = NULL;

	if (!ms_cli_parse_options (&argc, &argv, entries, _("ADDRESS — find the servers of an email address"),
	                           NULL))
		return MS_EXIT_USAGE;
	g_autofree char *ca_owned = ca_file, *sources_owned = sources_text, *ispdb_owned = ispdb_url;
	if (argc != 2) {
		ms_cli_error (_("discover takes exactly one ADDRESS; see “mailsetup discover --help”"));
		return MS_EXIT_USAGE;
	}
	g_autoptr (MsAddress) address = ms_address_parse (argv[1], &error);
	if (address == NULL) {
		ms_cli_error ("%s", error->message);
		return MS_EXIT_BAD_INPUT;
	}
	g_autoptr (MsDiscoveryOptions) options = ms_discovery_options_new ();
	/* The site's values under the command line's, its locked ones over. */
	g_autoptr (MsSiteDefaults) site = ms_cli_site_load (no_site);
	ms_site_defaults_apply_discovery (site, options, MS_SITE_APPLY_ALL);
	if (sources_text) {
		guint sources;
		if (!parse_sources (sources_text, &sources))
			return MS_EXIT_USAGE;
		ms_discovery_options_set_sources (options, sources);
	}
	if (timeout_ms > 0)
		ms_discovery_options_set_timeout (options, MIN ((guint) timeout_ms, 6000u), (guint) timeout_ms);
	if (ca_file)
		ms_discovery_options_set_ca_file (options, ca_file);
	if (ispdb_url)
		ms_discovery_options_set_ispdb_url (options, ispdb_url);
	ms_site_defaults_apply_discovery (site, options, MS_SITE_APPLY_LOCKED);
	for (MsSource src = MS_SOURCE_BUILTIN; src <= MS_SOURCE_PROBE; src++) {
		g_autofree char *key = g_strdup_printf ("Discovery.%s", ms_source_to_string (src));
		ms_cli_site_note_locked (site, key, sources_text != NULL, "--sources");
	}
	ms_cli_site_note_locked (site, "Discovery.ca-file", ca_file != NULL, "--ca-file");
	ms_cli_site_note_locked (site, "Discovery.ispdb-url", ispdb_url != NULL, "--ispdb-url");
	ms_cli_site_note_locked (site, "Discovery.timeout", timeout_ms > 0, "--timeout");

	g_autoptr (GCancellable) cancellable = g_cancellable_new ();
	guint sigint = ms_cli_cancel_on_interrupt (cancellable);
	Progress progress = { quiet, g_get_monotonic_time (), json ? json_builder_new () : NULL };
	Done done = { g_main_loop_new (NULL, FALSE), NULL, NULL };

	if (progress.events)
		json_builder_begin_array (progress.events);
	ms_discover_async (address, options, on_progress, &progress, NULL, cancellable, on_done, &done);
	g_main_loop_run (done.loop);
	g_source_remove (sigint);
	g_main_loop_unref (done.loop);
	gint64 elapsed = (g_get_monotonic_time () - progress.start) / 1000;

	int status = MS_EXIT_OK;
	if (done.config == NULL) {
		status = g_error_matches (done.error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? MS_EXIT_FAILURE
		       : ms_cli_exit_for_error (done.error);
		ms_cli_error ("%s", done.error->message);
	}
	if (json) {
		g_autoptr (JsonBuilder) b = json_builder_new ();
		json_builder_end_array (progress.events);
		json_builder_begin_object (b);
		json_builder_set_member_name (b, "schema");
		json_builder_add_string_value (b, "mailsetup-discovery/1");
		json_builder_set_member_name (b, "address");
		json_builder_add_string_value (b, ms_address_get_address (address));
		ms_cli_json_int (b, "elapsed_ms", elapsed);
		ms_cli_json_config (b, "config", done.config, address);
		ms_cli_json_error (b, done.error);
		json_builder_set_member_name (b, "events");
		json_builder_add_value (b, json_builder_get_root (progress.events));
		json_builder_end_object (b);
		ms_cli_json_print (b);
		g_object_unref (progress.events);
	} else if (done.config) {
		ms_cli_print_config (done.config, address);
	}
	g_clear_pointer (&done.config, ms_config_unref);
	g_clear_error (&done.error);
	return status;
}
