/* A test-only Claws Mail plugin that drives plugin/claws/account-writer.c
 * inside the real Claws (tests/claws/writer/writer.sh).
 *
 * It takes commands from files, so that the test can look at Claws's
 * configuration between them while Claws runs: $MS_WRITER_CONTROL is a
 * directory; the plugin writes "ready" there once loaded, then every 50 ms
 * looks for "cmd" (one line), removes it, runs it and writes the answer to
 * "result" (written to result.tmp, then renamed). Commands:
 *
 *   find ADDRESS             id=N (ms_claws_account_find)
 *   count ADDRESS            count=N total=M (accounts in Claws's list)
 *   write UPDATE_ID SPECFILE ok id=N | error domain=D code=C message=M
 *   password ID FILE         recv=match|differs|missing send=… (the password
 *                            store's entries, decrypted, against FILE)
 *
 * SPECFILE is a key file, group [account]: address, full_name,
 * account_name, incoming and outgoing (PROTOCOL:HOST:PORT:tls|starttls|plain),
 * username, smtp_username, password_file (the password is read from that
 * file: never from the command line or the environment), oauth2_issuer,
 * oauth2_auth_url. Nothing secret is ever printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <string.h>
#include <glib/gstdio.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "account.h"
#include "passwordstore.h"
#pragma GCC diagnostic pop

#include "account-writer.h"

gint plugin_init (gchar **error);
gboolean plugin_done (void);
const gchar *plugin_name (void);
const gchar *plugin_desc (void);
const gchar *plugin_type (void);
const gchar *plugin_licence (void);
const gchar *plugin_version (void);
struct PluginFeature *plugin_provides (void);

static guint poll_id;
static char *control;

static char *
read_secret (const char *path)
{
	char *text = NULL;

	if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
		return NULL;
	g_strchomp (text);
	return text;
}

static MsServer *
server_from (const char *text)
{
	g_auto (GStrv) part = text ? g_strsplit (text, ":", 4) : NULL;
	MsProtocol protocol;
	MsSocketType socket_type;

	if (part == NULL || g_strv_length (part) != 4)
		return NULL;
	protocol = g_str_equal (part[0], "imap") ? MS_PROTOCOL_IMAP
		: g_str_equal (part[0], "pop3") ? MS_PROTOCOL_POP3 : MS_PROTOCOL_SMTP;
	socket_type = g_str_equal (part[3], "tls") ? MS_SOCKET_TLS
		: g_str_equal (part[3], "starttls") ? MS_SOCKET_STARTTLS : MS_SOCKET_PLAIN;
	return ms_server_new (protocol, part[1], (guint16) atoi (part[2]), socket_type);
}

static char *
cmd_write (int update_id, const char *spec_file)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) error = NULL;
	g_autoptr (MsServer) in = NULL, out = NULL;
	g_autofree char *address = NULL, *full_name = NULL, *account_name = NULL;
	g_autofree char *user = NULL, *smtp_user = NULL, *pw_file = NULL, *password = NULL;
	g_autofree char *incoming = NULL, *outgoing = NULL, *issuer = NULL, *auth_url = NULL;
	MsOAuth2 oauth2 = { 0 };
	MsClawsAccountSpec spec = { 0 };
	int id;

	if (!g_key_file_load_from_file (kf, spec_file, G_KEY_FILE_NONE, &error))
		return g_strdup_printf ("bad spec file: %s", error->message);
#define GET(var, key) var = g_key_file_get_string (kf, "account", key, NULL)
	GET (address, "address");
	GET (full_name, "full_name");
	GET (account_name, "account_name");
	GET (incoming, "incoming");
	GET (outgoing, "outgoing");
	GET (user, "username");
	GET (smtp_user, "smtp_username");
	GET (pw_file, "password_file");
	GET (issuer, "oauth2_issuer");
	GET (auth_url, "oauth2_auth_url");
#undef GET
	in = server_from (incoming);
	out = server_from (outgoing);
	if (in == NULL || out == NULL)
		return g_strdup ("bad spec file: incoming or outgoing");
	ms_server_set_username (in, user);
	ms_server_set_username (out, smtp_user ? smtp_user : user);
	password = read_secret (pw_file);

	spec.account_name = account_name;
	spec.full_name = full_name;
	spec.address = address;
	spec.incoming = in;
	spec.outgoing = out;
	spec.password = password;
	if (issuer || auth_url) {
		oauth2.issuer = issuer;
		oauth2.auth_url = auth_url;
		spec.oauth2 = &oauth2;
	}
	id = ms_claws_account_write (&spec, update_id, &error);
	if (password)
		memset (password, 0, strlen (password));
	if (id < 0)
		return g_strdup_printf ("error domain=%s code=%d message=%s",
					g_quark_to_string (error->domain), error->code, error->message);
	return g_strdup_printf ("ok id=%d", id);
}

static const char *
compare (int id, const char *password_id, const char *expected)
{
	g_autofree char *stored = passwd_store_get_account (id, password_id);
	const char *answer = stored == NULL ? "missing"
		: g_strcmp0 (stored, expected) == 0 ? "match" : "differs";

	if (stored)
		memset (stored, 0, strlen (stored));
	return answer;
}

static char *
run (char **arg)
{
	guint n = g_strv_length (arg);

	if (n == 2 && g_str_equal (arg[0], "find"))
		return g_strdup_printf ("id=%d", ms_claws_account_find (arg[1]));
	if (n == 2 && g_str_equal (arg[0], "count")) {
		guint count = 0;

		for (GList *l = account_get_list (); l; l = l->next) {
			PrefsAccount *ac = l->data;

			count += ac->address && g_ascii_strcasecmp (ac->address, arg[1]) == 0;
		}
		return g_strdup_printf ("count=%u total=%u", count, g_list_length (account_get_list ()));
	}
	if (n == 3 && g_str_equal (arg[0], "write"))
		return cmd_write (atoi (arg[1]), arg[2]);
	if (n == 3 && g_str_equal (arg[0], "password")) {
		g_autofree char *expected = read_secret (arg[2]);
		char *answer = g_strdup_printf ("recv=%s send=%s",
						compare (atoi (arg[1]), PWS_ACCOUNT_RECV, expected),
						compare (atoi (arg[1]), PWS_ACCOUNT_SEND, expected));

		if (expected)
			memset (expected, 0, strlen (expected));
		return answer;
	}
	return g_strdup ("unknown command");
}

static gboolean
poll_cb (gpointer data)
{
	g_autofree char *cmd_path = g_build_filename (control, "cmd", NULL);
	g_autofree char *tmp_path = g_build_filename (control, "result.tmp", NULL);
	g_autofree char *result_path = g_build_filename (control, "result", NULL);
	g_autofree char *line = NULL, *answer = NULL, *text = NULL;
	g_auto (GStrv) arg = NULL;

	if (!g_file_get_contents (cmd_path, &line, NULL, NULL))
		return G_SOURCE_CONTINUE;
	g_unlink (cmd_path);
	arg = g_strsplit (g_strstrip (line), " ", -1);
	answer = run (arg);
	text = g_strdup_printf ("%s\n", answer);
	if (g_file_set_contents (tmp_path, text, -1, NULL))
		g_rename (tmp_path, result_path);
	return G_SOURCE_CONTINUE;
}

gint
plugin_init (gchar **error)
{
	g_autofree char *ready = NULL;

	if (!check_plugin_version (MAKE_NUMERIC_VERSION (4, 1, 1, 0), VERSION_NUMERIC,
				   "mailsetup writer test", error))
		return -1;
	control = g_strdup (g_getenv ("MS_WRITER_CONTROL"));
	if (control == NULL) {
		*error = g_strdup ("MS_WRITER_CONTROL is not set");
		return -1;
	}
	poll_id = g_timeout_add (50, poll_cb, NULL);
	ready = g_build_filename (control, "ready", NULL);
	g_file_set_contents (ready, "ready\n", -1, NULL);
	return 0;
}

gboolean
plugin_done (void)
{
	if (poll_id)
		g_source_remove (poll_id);
	poll_id = 0;
	g_clear_pointer (&control, g_free);
	return TRUE;
}

const gchar *plugin_name (void) { return "mailsetup writer test"; }
const gchar *plugin_desc (void) { return "Test only: writes accounts with account-writer.c."; }
const gchar *plugin_type (void) { return "GTK3"; }
const gchar *plugin_licence (void) { return "GPL3+"; }
const gchar *plugin_version (void) { return "0"; }

struct PluginFeature *
plugin_provides (void)
{
	static struct PluginFeature features[] = {
		{ PLUGIN_UTILITY, "mailsetup writer test" },
		{ PLUGIN_NOTHING, NULL },
	};

	return features;
}
