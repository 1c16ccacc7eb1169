/* An example client of libmailsetup: finds the servers of an address, the
 * way a mail client other than Claws would, and prints them best first.
 *
 *   cc -o discover discover.c $(pkg-config --cflags --libs mailsetup)
 *   ./discover someone@example.org
 *   ./discover --builtin-only someone@gmail.com   (no network: built-in data)
 *
 * It uses the asynchronous pair (ms_discover_async / ms_discover_finish)
 * under a GMainLoop, as a GUI client would, and shows each step as it
 * happens. See docs/engine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <stdio.h>
#include <string.h>

typedef struct {
	GMainLoop *loop;
	MsConfig *config;	/* what was found, or NULL */
	GError *error;		/* why nothing was found */
} Run;

/* Each step of discovery, as it happens (on the loop's thread). */
static void
on_progress (const MsDiscoveryEvent *event, gpointer user_data)
{
	if (event->state == MS_DISCOVERY_STATE_FOUND || event->state == MS_DISCOVERY_STATE_FAILED)
		fprintf (stderr, "[%s] %s\n", ms_source_to_string (event->source), event->message);
}

static void
on_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
	Run *run = user_data;

	run->config = ms_discover_finish (result, &run->error);
	g_main_loop_quit (run->loop);
}

static void
print_servers (const char *title, GPtrArray *servers)
{
	for (guint i = 0; i < servers->len; i++) {
		MsServer *s = g_ptr_array_index (servers, i);
		printf ("%s: %s %s:%u %s%s (from %s)\n", title,
		        ms_protocol_to_string (ms_server_get_protocol (s)),
		        ms_server_get_hostname (s), ms_server_get_port (s),
		        ms_socket_type_to_string (ms_server_get_socket_type (s)),
		        ms_server_is_secure (s) ? "" : " NOT SECURE",
		        ms_source_to_string (ms_server_get_source (s)));
	}
}

int
main (int argc, char **argv)
{
	gboolean builtin_only = argc == 3 && strcmp (argv[1], "--builtin-only") == 0;
	g_autoptr (MsAddress) address = NULL;
	g_autoptr (MsDiscoveryOptions) options = ms_discovery_options_new ();
	g_autoptr (GError) error = NULL;
	Run run = { 0 };

	if (argc != 2 && !builtin_only) {
		fprintf (stderr, "usage: %s [--builtin-only] ADDRESS\n", argv[0]);
		return 2;
	}
	/* Bad input is a GError of the MS_ERROR domain, with a sentence. */
	address = ms_address_parse (argv[argc - 1], &error);
	if (address == NULL) {
		fprintf (stderr, "%s\n", error->message);
		return 2;
	}
	if (builtin_only)
		ms_discovery_options_set_sources (options, MS_SOURCE_FLAG (MS_SOURCE_BUILTIN));

	printf ("libmailsetup %s\n", ms_version_string ());
	run.loop = g_main_loop_new (NULL, FALSE);
	ms_discover_async (address, options, on_progress, NULL, NULL, NULL, on_done, &run);
	g_main_loop_run (run.loop);
	g_main_loop_unref (run.loop);

	if (run.config == NULL) {
		fprintf (stderr, "%s\n", run.error->message);
		g_error_free (run.error);
		return 1;
	}
	/* Ranked already: the first of each list is the one to use. */
	print_servers ("incoming", ms_config_get_incoming (run.config));
	print_servers ("outgoing", ms_config_get_outgoing (run.config));
	ms_config_unref (run.config);
	return 0;
}
