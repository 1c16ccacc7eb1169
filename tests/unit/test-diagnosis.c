/* Unit tests of the diagnosis catalogue: stable names, a text for every
 * code with and without a server, the fields filled in, the other port,
 * copies, and the French catalogue.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/mailsetup.h>

#include <libintl.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

/* The names are API (scripts, JSON): a rename must show here. */
static const char *const names[] = {
	"no-such-domain", "no-mail-server", "host-not-found", "connection-refused", "timed-out",
	"cert-expired", "cert-not-yet-valid", "cert-wrong-name", "cert-self-signed",
	"cert-unknown-authority", "cert-invalid", "tls-too-old", "tls-failed",
	"starttls-missing", "starttls-failed", "plaintext-only", "wrong-password",
	"wrong-username", "app-password-required", "oauth2-required", "account-disabled",
	"auth-not-offered", "server-unavailable", "relay-denied", "message-rejected",
	"not-delivered", "server-error",
};

/* Codes whose explanation names the port, and the server's words. */
static gboolean
names_port (MsDiagnosisCode c)
{
	return c == MS_DIAGNOSIS_CONNECTION_REFUSED || c == MS_DIAGNOSIS_TIMED_OUT || c == MS_DIAGNOSIS_TLS_FAILED ||
	       c == MS_DIAGNOSIS_STARTTLS_MISSING || c == MS_DIAGNOSIS_STARTTLS_FAILED ||
	       c == MS_DIAGNOSIS_PLAINTEXT_ONLY || c == MS_DIAGNOSIS_AUTH_NOT_OFFERED || c == MS_DIAGNOSIS_SERVER_ERROR;
}

static gboolean
quotes_detail (MsDiagnosisCode c)
{
	switch (c) {
	case MS_DIAGNOSIS_NO_SUCH_DOMAIN:
	case MS_DIAGNOSIS_NO_MAIL_SERVER:
	case MS_DIAGNOSIS_HOST_NOT_FOUND:
	case MS_DIAGNOSIS_CONNECTION_REFUSED:
	case MS_DIAGNOSIS_TIMED_OUT:
	case MS_DIAGNOSIS_CERT_WRONG_NAME:
	case MS_DIAGNOSIS_STARTTLS_MISSING:
	case MS_DIAGNOSIS_PLAINTEXT_ONLY:
	case MS_DIAGNOSIS_NOT_DELIVERED:
		return FALSE;
	default:
		return TRUE;
	}
}

static void
test_names (void)
{
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	g_assert_cmpuint (G_N_ELEMENTS (names), ==, MS_DIAGNOSIS_LAST + 1);
	for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
		const char *name = ms_diagnosis_code_to_string (c);
		MsDiagnosisCode back = MS_DIAGNOSIS_LAST;

		g_assert_cmpstr (name, ==, names[c]);
		g_assert_true (g_hash_table_add (seen, (gpointer) name));
		for (const char *p = name; *p; p++)
			g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
		g_assert_true (ms_diagnosis_code_from_string (name, &back));
		g_assert_cmpint (back, ==, c);
	}

	MsDiagnosisCode untouched = MS_DIAGNOSIS_TIMED_OUT;
	static const char *const unknown[] = { "", "unknown", "Timed-Out", "timed_out", "timed-out ", "wrong" };
	for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
		g_assert_false (ms_diagnosis_code_from_string (unknown[i], &untouched));
	g_assert_false (ms_diagnosis_code_from_string (NULL, &untouched));
	g_assert_cmpint (untouched, ==, MS_DIAGNOSIS_TIMED_OUT);
}

/* A text fit to show: one or more sentences, every placeholder replaced. */
static void
assert_text (const char *text)
{
	g_assert_nonnull (text);
	g_assert_cmpuint (strlen (text), >, 10);
	g_assert_true (g_utf8_validate (text, -1, NULL));
	g_assert_null (strstr (text, "(null)"));
	g_assert_null (strchr (text, '%'));
	g_assert_false (g_ascii_isspace (text[0]));
	g_assert_false (g_ascii_isspace (text[strlen (text) - 1]));
	g_assert_null (strstr (text, "  "));
}

/* A diagnosis with every field set, as verification would make it. */
static MsDiagnosis *
full (MsDiagnosisCode c, MsProtocol protocol, guint16 port)
{
	g_autoptr (MsServer) server = ms_server_new (protocol, "mail.%EMAILDOMAIN%", port,
	                                             port == 993 || port == 995 || port == 465 ? MS_SOCKET_TLS : MS_SOCKET_STARTTLS);
	MsDiagnosis *d = ms_diagnosis_new_for_server (c, server, "mail.example.fr");
	const char *const cert_names[] = { "ssl0.ovh.net", "*.ovh.net", NULL };

	d->detail = g_strdup ("5.7.8 Error authentication failed");
	d->username = g_strdup ("alice@example.fr");
	if (c == MS_DIAGNOSIS_CERT_WRONG_NAME) {
		d->names = g_strdupv ((char **) cert_names);
		d->other_host = g_strdup ("ssl0.ovh.net");
	}
	return d;
}

static void
test_texts (void)
{
	for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
		g_test_message ("%s", ms_diagnosis_code_to_string (c));

		/* Nothing but the code. */
		g_autoptr (MsDiagnosis) bare = ms_diagnosis_new (c);
		g_autofree char *bare_explain = ms_diagnosis_explain (bare);
		g_autofree char *bare_next = ms_diagnosis_next_step (bare);
		assert_text (bare_explain);
		assert_text (bare_next);
		g_assert_cmpstr (bare_explain, !=, bare_next);

		for (MsProtocol p = MS_PROTOCOL_IMAP; p <= MS_PROTOCOL_SMTP; p++) {
			static const guint16 ports[] = { 993, 995, 465 };
			g_autoptr (MsDiagnosis) d = full (c, p, ports[p]);
			g_autofree char *explain = ms_diagnosis_explain (d);
			g_autofree char *next = ms_diagnosis_next_step (d);
			g_autofree char *port = g_strdup_printf ("port %u ", d->port);

			assert_text (explain);
			assert_text (next);
			g_test_message ("  %s\n  %s", explain, next);
			g_assert_nonnull (strstr (explain, "mail.example.fr"));
			g_assert_null (strstr (explain, "%EMAILDOMAIN%"));
			if (names_port (c))
				g_assert_nonnull (strstr (explain, port));
			if (quotes_detail (c))
				g_assert_nonnull (strstr (explain, "Error authentication failed"));
			else
				g_assert_null (strstr (explain, "Error authentication failed"));
			if (c == MS_DIAGNOSIS_WRONG_PASSWORD || c == MS_DIAGNOSIS_WRONG_USERNAME || c == MS_DIAGNOSIS_ACCOUNT_DISABLED)
				g_assert_nonnull (strstr (explain, "alice@example.fr"));
			/* There is no "accept the certificate anyway" in this product. */
			g_assert_null (strstr (next, "accept"));
		}
	}
}

static void
test_filled (void)
{
	g_autoptr (MsDiagnosis) d = NULL;
	g_autofree char *explain = NULL, *next = NULL;

	/* The names of a certificate, and the host to use instead. */
	d = full (MS_DIAGNOSIS_CERT_WRONG_NAME, MS_PROTOCOL_IMAP, 993);
	explain = ms_diagnosis_explain (d);
	next = ms_diagnosis_next_step (d);
	g_assert_nonnull (strstr (explain, "ssl0.ovh.net, *.ovh.net"));
	g_assert_nonnull (strstr (next, "ssl0.ovh.net"));
	g_clear_pointer (&next, g_free);
	g_clear_pointer (&d->other_host, g_free);
	next = ms_diagnosis_next_step (d);
	g_assert_null (strstr (next, "ssl0.ovh.net"));
	g_assert_nonnull (strstr (next, "provider"));
	g_clear_pointer (&explain, g_free);
	g_clear_pointer (&next, g_free);

	/* Some certificates list hundreds of names: only the first few show. */
	g_strfreev (d->names);
	d->names = g_new0 (char *, 101);
	for (guint i = 0; i < 100; i++)
		d->names[i] = g_strdup_printf ("n%u.example.net", i);
	explain = ms_diagnosis_explain (d);
	g_assert_nonnull (strstr (explain, "n0.example.net"));
	g_assert_null (strstr (explain, "n99.example.net"));
	g_assert_nonnull (strstr (explain, "…"));
	g_clear_pointer (&explain, g_free);
	g_clear_pointer (&d, ms_diagnosis_free);

	/* The other port, with the security that goes with it. */
	static const struct { MsProtocol protocol; guint16 port; const char *next; } other[] = {
		{ MS_PROTOCOL_IMAP, 993, "port 143 with STARTTLS" },
		{ MS_PROTOCOL_IMAP, 143, "port 993 with SSL/TLS" },
		{ MS_PROTOCOL_POP3, 995, "port 110 with STARTTLS" },
		{ MS_PROTOCOL_POP3, 110, "port 995 with SSL/TLS" },
		{ MS_PROTOCOL_SMTP, 465, "port 587 with STARTTLS" },
		{ MS_PROTOCOL_SMTP, 587, "port 465 with SSL/TLS" },
		{ MS_PROTOCOL_SMTP, 25, "port 587 with STARTTLS" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (other); i++) {
		d = full (MS_DIAGNOSIS_TIMED_OUT, other[i].protocol, other[i].port);
		explain = ms_diagnosis_explain (d);
		next = ms_diagnosis_next_step (d);
		g_assert_nonnull (strstr (explain, "did not answer"));
		g_assert_nonnull (strstr (next, other[i].next));
		g_clear_pointer (&explain, g_free);
		g_clear_pointer (&next, g_free);
		g_clear_pointer (&d, ms_diagnosis_free);
	}

	/* No other port: no suggestion of one. */
	d = full (MS_DIAGNOSIS_TIMED_OUT, MS_PROTOCOL_IMAP, 10993);
	g_assert_cmpuint (d->other_port, ==, 0);
	next = ms_diagnosis_next_step (d);
	g_assert_null (strstr (next, "port"));
	g_assert_nonnull (strstr (next, "network"));
	g_clear_pointer (&next, g_free);
	g_clear_pointer (&d, ms_diagnosis_free);

	/* STARTTLS missing or failing: the port where TLS starts at once. */
	d = full (MS_DIAGNOSIS_STARTTLS_MISSING, MS_PROTOCOL_SMTP, 587);
	explain = ms_diagnosis_explain (d);
	next = ms_diagnosis_next_step (d);
	g_assert_nonnull (strstr (explain, "password was not sent"));
	g_assert_nonnull (strstr (next, "port 465 with SSL/TLS"));
	g_clear_pointer (&explain, g_free);
	g_clear_pointer (&next, g_free);
	g_clear_pointer (&d, ms_diagnosis_free);

	/* The domain as a whole: no host, no port, no protocol. */
	d = ms_diagnosis_new (MS_DIAGNOSIS_NO_MAIL_SERVER);
	explain = ms_diagnosis_explain (d);
	g_assert_nonnull (strstr (explain, "domain"));
	g_clear_pointer (&explain, g_free);
	g_clear_pointer (&d, ms_diagnosis_free);

	/* A login problem without a user name still reads well. */
	d = ms_diagnosis_new (MS_DIAGNOSIS_WRONG_PASSWORD);
	d->host = g_strdup ("mail.example.fr");
	explain = ms_diagnosis_explain (d);
	g_assert_cmpstr (explain, ==, "mail.example.fr refused the password.");
	g_clear_pointer (&explain, g_free);
	g_clear_pointer (&d, ms_diagnosis_free);

	/* The test message refused, with and without the server's words. */
	d = ms_diagnosis_new (MS_DIAGNOSIS_MESSAGE_REJECTED);
	g_autofree char *without = ms_diagnosis_next_step (d);
	d->detail = g_strdup ("554 5.7.1 Message rejected as spam");
	g_autofree char *with = ms_diagnosis_next_step (d);
	g_assert_cmpstr (with, !=, without);
	explain = ms_diagnosis_explain (d);
	g_assert_nonnull (strstr (explain, "“554 5.7.1 Message rejected as spam”"));
}

static void
test_other_port (void)
{
	static const struct { MsProtocol protocol; guint16 port, other; } rules[] = {
		{ MS_PROTOCOL_IMAP, 993, 143 }, { MS_PROTOCOL_IMAP, 143, 993 },
		{ MS_PROTOCOL_POP3, 995, 110 }, { MS_PROTOCOL_POP3, 110, 995 },
		{ MS_PROTOCOL_SMTP, 465, 587 }, { MS_PROTOCOL_SMTP, 587, 465 },
		{ MS_PROTOCOL_SMTP, 25, 587 },
		{ MS_PROTOCOL_IMAP, 10143, 0 }, { MS_PROTOCOL_SMTP, 2525, 0 },
		/* A port of another protocol is no hint. */
		{ MS_PROTOCOL_IMAP, 995, 0 }, { MS_PROTOCOL_SMTP, 993, 0 }, { MS_PROTOCOL_POP3, 25, 0 },
	};
	for (guint i = 0; i < G_N_ELEMENTS (rules); i++) {
		g_autoptr (MsServer) server = ms_server_new (rules[i].protocol, "mail.%EMAILDOMAIN%", rules[i].port, MS_SOCKET_TLS);
		for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
			g_autoptr (MsDiagnosis) d = ms_diagnosis_new_for_server (c, server, "mail.example.fr");
			gboolean wanted = c == MS_DIAGNOSIS_TIMED_OUT || c == MS_DIAGNOSIS_CONNECTION_REFUSED;
			g_assert_cmpint (d->code, ==, c);
			g_assert_cmpuint (d->other_port, ==, wanted ? rules[i].other : 0);
		}
	}
}

static void
test_for_server (void)
{
	g_autoptr (MsServer) server = ms_server_new (MS_PROTOCOL_POP3, "pop.%EMAILDOMAIN%", 995, MS_SOCKET_TLS);
	g_autoptr (MsDiagnosis) d = ms_diagnosis_new_for_server (MS_DIAGNOSIS_TLS_FAILED, server, "pop.example.fr");
	g_autoptr (MsDiagnosis) t = ms_diagnosis_new_for_server (MS_DIAGNOSIS_TLS_FAILED, server, NULL);
	g_autoptr (MsDiagnosis) n = ms_diagnosis_new (MS_DIAGNOSIS_SERVER_ERROR);

	g_assert_cmpint (d->protocol, ==, MS_PROTOCOL_POP3);
	g_assert_cmpstr (d->host, ==, "pop.example.fr");
	g_assert_cmpuint (d->port, ==, 995);
	g_assert_cmpint (d->socket_type, ==, MS_SOCKET_TLS);
	g_assert_null (d->detail);
	g_assert_null (d->names);
	g_assert_null (d->other_host);
	g_assert_null (d->username);
	g_assert_cmpstr (t->host, ==, "pop.%EMAILDOMAIN%");
	g_assert_cmpint (n->code, ==, MS_DIAGNOSIS_SERVER_ERROR);
	g_assert_null (n->host);
	g_assert_cmpuint (n->port, ==, 0);
	g_assert_cmpuint (n->other_port, ==, 0);
}

static void
test_copy (void)
{
	g_autoptr (MsDiagnosis) d = full (MS_DIAGNOSIS_CERT_WRONG_NAME, MS_PROTOCOL_SMTP, 465);
	d->other_port = 587;
	g_autoptr (MsDiagnosis) c = ms_diagnosis_copy (d);

	g_assert_true (c != d);
	g_assert_cmpint (c->code, ==, d->code);
	g_assert_cmpint (c->protocol, ==, d->protocol);
	g_assert_cmpuint (c->port, ==, d->port);
	g_assert_cmpint (c->socket_type, ==, d->socket_type);
	g_assert_cmpuint (c->other_port, ==, 587);
	g_assert_cmpstr (c->host, ==, d->host);
	g_assert_true (c->host != d->host);
	g_assert_cmpstr (c->detail, ==, d->detail);
	g_assert_true (c->detail != d->detail);
	g_assert_cmpstr (c->other_host, ==, d->other_host);
	g_assert_true (c->other_host != d->other_host);
	g_assert_cmpstr (c->username, ==, d->username);
	g_assert_true (c->username != d->username);
	g_assert_true (g_strv_equal ((const char *const *) c->names, (const char *const *) d->names));
	g_assert_true (c->names != d->names && c->names[0] != d->names[0]);

	/* The copy lives on alone. */
	g_clear_pointer (&d, ms_diagnosis_free);
	g_autofree char *explain = ms_diagnosis_explain (c);
	g_assert_nonnull (strstr (explain, "ssl0.ovh.net"));

	/* Empty fields copy as empty. */
	g_autoptr (MsDiagnosis) bare = ms_diagnosis_new (MS_DIAGNOSIS_NOT_DELIVERED);
	g_autoptr (MsDiagnosis) bare_copy = ms_diagnosis_copy (bare);
	g_assert_null (bare_copy->host);
	g_assert_null (bare_copy->names);
	ms_diagnosis_free (NULL);
}

static void
test_login (void)
{
	for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
		gboolean login = c == MS_DIAGNOSIS_WRONG_PASSWORD || c == MS_DIAGNOSIS_WRONG_USERNAME ||
		                 c == MS_DIAGNOSIS_APP_PASSWORD_REQUIRED || c == MS_DIAGNOSIS_OAUTH2_REQUIRED ||
		                 c == MS_DIAGNOSIS_ACCOUNT_DISABLED;
		g_assert_cmpint (ms_diagnosis_is_login_problem (c), ==, login);
	}
}

/* French typography: no straight apostrophe or quote, a no-break space
 * before « : ; ! ? » and inside guillemets. */
static void
assert_french (const char *text)
{
	static const char *const marks[] = { ":", ";", "!", "?", "»" };

	g_assert_null (strchr (text, '\''));
	g_assert_null (strchr (text, '"'));
	g_assert_null (strstr (text, "“"));
	for (guint i = 0; i < G_N_ELEMENTS (marks); i++) {
		for (const char *p = strstr (text, marks[i]); p; p = strstr (p + 1, marks[i])) {
			if (marks[i][0] == ':' && p[1] == '/')
				continue;
			g_assert_true (p - text >= 2);
			g_assert_true ((guchar) p[-2] == 0xc2 && (guchar) p[-1] == 0xa0);
		}
	}
	for (const char *p = strstr (text, "«"); p; p = strstr (p + 1, "«"))
		g_assert_true (g_str_has_prefix (p, "«\xc2\xa0"));
}

/* Translations are looked up where they are installed; the unit test binds
 * the domain to the catalogue the build just made (po/fr.gmo, which gettext
 * writes into the source tree) and switches the language. */
static void
test_french (void)
{
	const char *dirs[] = { g_getenv ("top_builddir"), g_getenv ("top_srcdir") };
	g_autofree char *gmo = NULL;

	for (guint i = 0; i < G_N_ELEMENTS (dirs) && gmo == NULL; i++) {
		g_autofree char *path = dirs[i] ? g_build_filename (dirs[i], "po", "fr.gmo", NULL) : NULL;
		if (path && g_file_test (path, G_FILE_TEST_IS_REGULAR))
			gmo = g_steal_pointer (&path);
	}
	if (gmo == NULL) {
		g_test_skip ("no po/fr.gmo (translations disabled, or run outside make check)");
		return;
	}
	/* LANGUAGE is ignored in the "C" locale. */
	if (setlocale (LC_ALL, "C.UTF-8") == NULL && setlocale (LC_ALL, "en_US.UTF-8") == NULL) {
		g_test_skip ("no UTF-8 locale");
		return;
	}

	g_autoptr (GError) error = NULL;
	g_autofree char *tmp = g_dir_make_tmp ("ms-diagnosis-XXXXXX", &error);
	g_assert_no_error (error);
	g_autofree char *lc = g_build_filename (tmp, "fr", "LC_MESSAGES", NULL);
	g_autofree char *mo = g_build_filename (lc, GETTEXT_PACKAGE ".mo", NULL);
	g_autofree char *contents = NULL;
	gsize length = 0;
	g_assert_cmpint (g_mkdir_with_parents (lc, 0700), ==, 0);
	g_assert_true (g_file_get_contents (gmo, &contents, &length, &error));
	g_assert_true (g_file_set_contents (mo, contents, length, &error));

	/* The engine binds its domain once, on its first message: let it, then
	 * point the domain here. */
	g_autoptr (MsDiagnosis) d = full (MS_DIAGNOSIS_TIMED_OUT, MS_PROTOCOL_IMAP, 993);
	g_autofree char *english = ms_diagnosis_explain (d);
	g_autofree char *english_next = ms_diagnosis_next_step (d);
	g_setenv ("LANGUAGE", "fr", TRUE);
	bindtextdomain (GETTEXT_PACKAGE, tmp); /* also forgets the messages looked up */

	g_autofree char *french = ms_diagnosis_explain (d);
	g_autofree char *french_next = ms_diagnosis_next_step (d);
	g_test_message ("%s\n%s", french, french_next);
	g_assert_cmpstr (french, !=, english);
	g_assert_cmpstr (french_next, !=, english_next);
	g_assert_nonnull (strstr (french, "mail.example.fr n’a pas répondu sur le port 993"));
	g_assert_nonnull (strstr (french, "serveur entrant"));
	g_assert_nonnull (strstr (french_next, "port 143 avec STARTTLS"));

	/* Every text is French, with French typography. */
	for (int c = 0; c <= MS_DIAGNOSIS_LAST; c++) {
		for (int with_server = 0; with_server <= 1; with_server++) {
			g_autoptr (MsDiagnosis) f = with_server ? full (c, MS_PROTOCOL_SMTP, 465) : ms_diagnosis_new (c);
			g_free (f->detail);
			f->detail = g_strdup ("Relay access denied");
			g_autofree char *explain = ms_diagnosis_explain (f);
			g_autofree char *next = ms_diagnosis_next_step (f);
			g_test_message ("%s: %s / %s", ms_diagnosis_code_to_string (c), explain, next);
			assert_text (explain);
			assert_text (next);
			assert_french (explain);
			assert_french (next);
			g_assert_null (strstr (explain, " the "));
			g_assert_null (strstr (next, " the "));
			g_assert_null (strstr (next, "your "));
		}
	}

	g_setenv ("LANGUAGE", "", TRUE);
	bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
	g_autofree char *again = ms_diagnosis_explain (d);
	g_assert_cmpstr (again, ==, english);
	g_assert_cmpint (g_unlink (mo), ==, 0);
	g_assert_cmpint (g_rmdir (lc), ==, 0);
	g_autofree char *fr = g_path_get_dirname (lc);
	g_assert_cmpint (g_rmdir (fr), ==, 0);
	g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/diagnosis/names", test_names);
	g_test_add_func ("/diagnosis/texts", test_texts);
	g_test_add_func ("/diagnosis/filled", test_filled);
	g_test_add_func ("/diagnosis/other-port", test_other_port);
	g_test_add_func ("/diagnosis/for-server", test_for_server);
	g_test_add_func ("/diagnosis/copy", test_copy);
	g_test_add_func ("/diagnosis/login", test_login);
	g_test_add_func ("/diagnosis/french", test_french);
	return g_test_run ();
}
