/* The mailsetup command-line tool: shared declarations of its commands.
 * The tool uses only the public <mailsetup/mailsetup.h> API.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <mailsetup/mailsetup.h>

/* Exit codes: documented in --help and mailsetup(1); scripts rely on them. */
typedef enum {
	MS_EXIT_OK = 0,            /* done (for setup: verified) */
	MS_EXIT_FAILURE = 1,       /* an unexpected failure (I/O…) */
	MS_EXIT_USAGE = 2,         /* the command line is wrong */
	MS_EXIT_BAD_INPUT = 3,     /* the address or file given is malformed */
	MS_EXIT_NOTHING_FOUND = 4, /* no usable server in what was read or found */
	MS_EXIT_NOT_VERIFIED = 5,  /* servers found, but they did not work: see the diagnosis */
	MS_EXIT_UNTRUSTED = 6,     /* import: a profile not validly signed, not accepted (--accept-unsigned) */
	MS_EXIT_DOMAIN_ERRORS = 7, /* check-domain: a finding of severity error (6 is import's) */
} MsExit;

typedef struct {
	const char *name;
	int (*run) (int argc, char **argv);
	const char *summary; /* N_() */
} MsCommand;

int ms_cmd_parse (int argc, char **argv);
int ms_cmd_discover (int argc, char **argv);
int ms_cmd_setup (int argc, char **argv);
int ms_cmd_check_account (int argc, char **argv);
int ms_cmd_check_domain (int argc, char **argv);
int ms_cmd_publish (int argc, char **argv);
/* The domain check (cmd-check-domain.c), Ctrl-C cancelling it. */
MsDomainCheck *ms_cli_check_domain (const char *domain, const MsConfig *config, const char *ca_file, GError **error);
int ms_cmd_export (int argc, char **argv);
int ms_cmd_defaults (int argc, char **argv);
int ms_cmd_import (int argc, char **argv);

/* The password from @file, else from standard input (@from_stdin), else
 * typed at the terminal without echo; one line, newline removed. */
char *ms_cli_read_password (const char *file, gboolean from_stdin, GError **error);
/* Wipes and frees a password. */
void ms_cli_free_password (char *password);
/* Live progress on standard error (progress.c): one line per @key, kept
 * up to date in place on a terminal, one line per change elsewhere. */
typedef struct _MsProgress MsProgress;
MsProgress *ms_progress_new (gboolean quiet);
void ms_progress_set (MsProgress *progress, const char *key, const char *label, const char *state,
                      const char *message);
/* Every line still in @from_state now shows @state and @message. */
void ms_progress_settle (MsProgress *progress, const char *from_state, const char *state, const char *message);
void ms_progress_free (MsProgress *progress);

/* --json output (json-out.c): a string member or null; a configuration
 * (schema mailsetup-config/1) or null; the "error" member; printing the
 * finished document. */
void ms_cli_json_string (JsonBuilder *b, const char *name, const char *value);
void ms_cli_json_config (JsonBuilder *b, const char *name, const MsConfig *config, const MsAddress *address);
void ms_cli_json_error (JsonBuilder *b, const GError *error);
void ms_cli_json_server (JsonBuilder *b, const char *name, const MsServer *server);
void ms_cli_json_print (JsonBuilder *b);
/* An integer or boolean member; a discovery state's stable name. */
void ms_cli_json_int (JsonBuilder *b, const char *name, gint64 value);
void ms_cli_json_bool (JsonBuilder *b, const char *name, gboolean value);
/* An array of strings, empty for a NULL @strv. */
void ms_cli_json_strv (JsonBuilder *b, const char *name, const char *const *strv);
const char *ms_cli_discovery_state_name (MsDiscoveryState state);

/* "encrypted (TLS)"… for a person. */
const char *ms_cli_socket_words (MsSocketType socket_type);

/* Maps an error from the engine or GLib to an exit code. */
MsExit ms_cli_exit_for_error (const GError *error);
/* Prints "mailsetup: MESSAGE" on stderr. */
void ms_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Reads a whole file ("-" is standard input), refusing more than @max bytes. */
char *ms_cli_read_file (const char *path, gsize max, gsize *length_r, GError **error);
/* Prints @config for a person. */
void ms_cli_print_config (const MsConfig *config, const MsAddress *address);

/* Site-wide defaults (site.c): read, warnings printed on stderr; @none
 * (--no-site-defaults) gives empty ones. */
MsSiteDefaults *ms_cli_site_load (gboolean none);
/* A note on stderr when @option was @given but @key is locked. */
void ms_cli_site_note_locked (const MsSiteDefaults *site, const char *key, gboolean given, const char *option);
/* A verification's progress and events (verify-out.c): what setup and
 * import share. @events is the --json array of events, or NULL. */
typedef struct {
	MsProgress *progress;
	gint64 start;
	JsonBuilder *events;
} MsCliRun;
/* Opens the JSON object of an event: when, and of which phase. */
void ms_cli_begin_event (MsCliRun *run, const char *phase);
/* An MsVerifyProgress: @run is an MsCliRun. */
void ms_cli_on_verify_progress (const MsVerifyEvent *event, gpointer run);
void ms_cli_json_diagnosis (JsonBuilder *b, const MsDiagnosis *diagnosis);
/* The members "verified" to "problems" of a result (NULL: not run). */
void ms_cli_json_verify_result (JsonBuilder *b, const MsVerifyResult *result);
/* The result for a person: works or not, servers, user name, diagnosis. */
void ms_cli_print_verify_result (const MsVerifyResult *result, const MsAddress *address);

/* The options of a verification, shared by setup and import (verify-out.c). */
typedef struct {
	char *password_file;
	gboolean password_stdin;
	gboolean quiet;
	char *ca_file;
	gboolean no_send_test;
	int send_timeout;      /* seconds */
	int step_timeout_ms;   /* 0: the engine's default */
} MsCliVerifyArgs;
/* Adds --password-file, --password-stdin, --quiet, --ca-file,
 * --no-send-test, --send-timeout and --step-timeout to @ctx. */
void ms_cli_verify_args_add (GOptionContext *ctx, MsCliVerifyArgs *args);
/* After parsing: FALSE, with the reason printed, when they conflict. */
gboolean ms_cli_verify_args_check (const MsCliVerifyArgs *args);
MsVerifyOptions *ms_cli_verify_args_options (const MsCliVerifyArgs *args, const MsSiteDefaults *site);
void ms_cli_verify_args_clear (MsCliVerifyArgs *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MsCliVerifyArgs, ms_cli_verify_args_clear)

/* Parses a verb's options (@parameter and @description as in
 * g_option_context_new() and _set_description(), both translated);
 * FALSE, the error printed, on a bad command line (exit MS_EXIT_USAGE). */
gboolean ms_cli_parse_options (int *argc, char ***argv, const GOptionEntry *entries, const char *parameter,
                               const char *description);
/* Cancels @cancellable on SIGINT while the main loop runs (interrupt.c);
 * the source to remove with g_source_remove(). */
guint ms_cli_cancel_on_interrupt (GCancellable *cancellable);
