/* Unit tests of the check-up's readers: Claws's accountrc (every key read,
 * Claws's defaults, its limits) and the certificates Claws keeps in certs/
 * (names, expiry, trust, the host they are valid for).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <mailsetup/mailsetup.h>

static char *
data_path (const char *name)
{
	return g_test_build_filename (G_TEST_DIST, "..", "data", "checkup", name, NULL);
}

static GPtrArray *
parse_sample (void)
{
	g_autofree char *path = data_path ("accountrc");
	g_autofree char *text = NULL;
	gsize len = 0;
	g_autoptr (GError) error = NULL;
	GPtrArray *accounts;

	g_assert_true (g_file_get_contents (path, &text, &len, &error));
	accounts = ms_claws_accounts_parse (text, len, &error);
	g_assert_no_error (error);
	g_assert_nonnull (accounts);
	return accounts;
}

static void
assert_server (const MsServer *s, MsProtocol protocol, const char *host, guint16 port, MsSocketType type,
               const char *user)
{
	g_assert_nonnull (s);
	g_assert_cmpint (ms_server_get_protocol (s), ==, protocol);
	g_assert_cmpstr (ms_server_get_hostname (s), ==, host);
	g_assert_cmpuint (ms_server_get_port (s), ==, port);
	g_assert_cmpint (ms_server_get_socket_type (s), ==, type);
	g_assert_cmpstr (ms_server_get_username (s), ==, user);
}

static void
test_accountrc_sample (void)
{
	g_autoptr (GPtrArray) accounts = parse_sample ();
	const MsClawsAccount *a;

	g_assert_cmpuint (accounts->len, ==, 4);
	a = accounts->pdata[0];
	g_assert_cmpint (a->id, ==, 1);
	g_assert_cmpstr (a->name, ==, "Work");
	g_assert_cmpstr (a->address, ==, "jean@example.test");
	/* Host names in their lower-case ASCII form, as certificates are checked. */
	assert_server (a->incoming, MS_PROTOCOL_IMAP, "mail.example.test", 143, MS_SOCKET_STARTTLS, "jean");
	assert_server (a->outgoing, MS_PROTOCOL_SMTP, "smtp.example.test", 587, MS_SOCKET_STARTTLS, "jean.smtp");
	g_assert_true (a->smtp_auth);
	g_assert_false (a->auto_accept);
	g_assert_cmpuint (a->exceptions->len, ==, 0);

	/* CRLF lines; a port not set is Claws's default for the mode; an
	 * impossible port leaves the default; no SMTP login: no user. */
	a = accounts->pdata[1];
	g_assert_cmpint (a->id, ==, 2);
	assert_server (a->incoming, MS_PROTOCOL_POP3, "pop.example.test", 995, MS_SOCKET_TLS, "marie@example.test");
	assert_server (a->outgoing, MS_PROTOCOL_SMTP, "smtp.example.test", 465, MS_SOCKET_TLS, NULL);
	g_assert_false (a->smtp_auth);
	g_assert_true (a->auto_accept);

	/* A local account: read, not a server account. */
	a = accounts->pdata[2];
	g_assert_cmpint (a->id, ==, 7);
	g_assert_null (a->incoming);
	g_assert_null (a->outgoing);

	/* A host name that is not one: no server to check. */
	a = accounts->pdata[3];
	g_assert_cmpint (a->id, ==, 8);
	g_assert_null (a->incoming);
}

/* The folders export needs: on the IMAP server, so only for an IMAP
 * account with a server (a fuzzer found one without). */
static void
test_accountrc_folders (void)
{
	static const char text[] =
		"[Account: 1]\nname=Jean Dupont\nprotocol=1\nreceive_server=imap.example.test\n"
		"sent_folder=#imap/Work/INBOX/Sent\ndraft_folder=#mh/Mailbox/draft\n"
		"[Account: 2]\nprotocol=1\nreceive_server=not a host\nsent_folder=#imap/Work/Sent\n"
		"[Account: 3]\nprotocol=0\nreceive_server=pop.example.test\nsent_folder=#imap/Work/Sent\n";
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) accounts = ms_claws_accounts_parse (text, sizeof text - 1, &error);
	const MsClawsAccount *a;

	g_assert_no_error (error);
	g_assert_cmpuint (accounts->len, ==, 3);
	a = accounts->pdata[0];
	g_assert_cmpstr (a->realname, ==, "Jean Dupont");
	g_assert_cmpstr (a->sent_folder, ==, "INBOX/Sent");
	/* A local folder is not on the server. */
	g_assert_null (a->drafts_folder);
	for (guint i = 1; i < accounts->len; i++) {
		a = accounts->pdata[i];
		g_assert_null (a->sent_folder);
		g_assert_null (a->drafts_folder);
	}
}

static void
expect_error (const char *text, gssize len, MsClawsConfigError code)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) accounts = ms_claws_accounts_parse (text, len < 0 ? strlen (text) : (gsize) len, &error);

	g_assert_null (accounts);
	g_assert_error (error, MS_CLAWS_CONFIG_ERROR, (gint) code);
	g_assert_true (g_utf8_validate (error->message, -1, NULL) && error->message[0] != '\0');
}

static void
test_accountrc_bad (void)
{
	expect_error ("[Account: x]\naddress=a@b.test\n", -1, MS_CLAWS_CONFIG_ERROR_MALFORMED);
	expect_error ("[Account: 1\n", -1, MS_CLAWS_CONFIG_ERROR_MALFORMED);
	expect_error ("address=a@b.test\n[Account: 1]\n", -1, MS_CLAWS_CONFIG_ERROR_MALFORMED);
	expect_error ("[Account: 1]\naddress=a\0b\n", 25, MS_CLAWS_CONFIG_ERROR_MALFORMED);
	/* Claws writes UTF-8: other bytes are not its file. */
	expect_error ("[Account: 1]\nname=\xff\n", -1, MS_CLAWS_CONFIG_ERROR_MALFORMED);
}

static void
test_accountrc_limits (void)
{
	g_autoptr (GString) many = g_string_new (NULL);
	g_autofree char *line = NULL;
	g_autofree char *big = NULL;
	g_autoptr (GPtrArray) ok = NULL;

	for (guint i = 0; i <= MS_ACCOUNTRC_MAX_ACCOUNTS; i++)
		g_string_append_printf (many, "[Account: %u]\nprotocol=1\nreceive_server=h%u.example.test\n", i + 1, i);
	expect_error (many->str, many->len, MS_CLAWS_CONFIG_ERROR_TOO_MANY);
	/* Exactly the limit is read. */
	g_autofree char *last = g_strdup_printf ("[Account: %u]\n", (guint) MS_ACCOUNTRC_MAX_ACCOUNTS + 1);
	g_string_truncate (many, strstr (many->str, last) - many->str);
	ok = ms_claws_accounts_parse (many->str, many->len, NULL);
	g_assert_nonnull (ok);
	g_assert_cmpuint (ok->len, ==, MS_ACCOUNTRC_MAX_ACCOUNTS);

	line = g_strnfill (MS_ACCOUNTRC_MAX_LINE + 1, 'a');
	g_autofree char *text = g_strconcat ("[Account: 1]\nsignature=", line, "\n", NULL);
	expect_error (text, -1, MS_CLAWS_CONFIG_ERROR_TOO_LARGE);

	big = g_malloc0 (MS_ACCOUNTRC_MAX_BYTES + 1);
	memset (big, '\n', MS_ACCOUNTRC_MAX_BYTES + 1);
	expect_error (big, MS_ACCOUNTRC_MAX_BYTES + 1, MS_CLAWS_CONFIG_ERROR_TOO_LARGE);

	/* Empty is no accounts, not an error. */
	g_autoptr (GPtrArray) none = ms_claws_accounts_parse ("", 0, NULL);
	g_assert_nonnull (none);
	g_assert_cmpuint (none->len, ==, 0);
}

static MsCertException *
load_cert (const char *name)
{
	g_autofree char *path = data_path (name);
	g_autofree char *ca = data_path ("ca.pem");
	g_autoptr (GError) error = NULL;
	MsCertException *e = ms_cert_exception_load (path, ca, &error);

	g_assert_no_error (error);
	g_assert_nonnull (e);
	return e;
}

static void
test_cert_other_name (void)
{
	/* DER, trusted (the test CA), made for provider.example.test only. */
	g_autoptr (MsCertException) e = load_cert ("certs/mail.customer.example.test.993.cert");

	g_assert_cmpstr (e->host, ==, "mail.customer.example.test");
	g_assert_cmpuint (e->port, ==, 993);
	g_assert_cmpuint (g_strv_length (e->names), ==, 1);
	g_assert_cmpstr (e->names[0], ==, "provider.example.test");
	g_assert_true (e->trusted);
	g_assert_false (e->valid_for_host);
	g_assert_false (e->expired);
	g_assert_false (e->self_signed);
	g_assert_cmpint (e->not_after, >, g_get_real_time () / G_USEC_PER_SEC);

	/* PEM, for its own name: Claws keeps valid certificates too. */
	g_autoptr (MsCertException) v = load_cert ("certs/provider.example.test.465.cert");
	g_assert_true (v->trusted);
	g_assert_true (v->valid_for_host);
}

static void
test_cert_untrusted (void)
{
	g_autoptr (MsCertException) old = load_cert ("certs/old.example.test.110.cert");
	g_autoptr (GError) error = NULL;
	g_autofree char *src = data_path ("certs/self-signed.der");
	g_autofree char *dir = g_dir_make_tmp ("ms-checkup-XXXXXX", &error);
	g_autofree char *dst = NULL;
	g_autofree char *contents = NULL;
	gsize len = 0;

	g_assert_true (old->expired);
	g_assert_true (old->self_signed);
	g_assert_false (old->trusted);
	g_assert_false (old->valid_for_host);
	g_assert_cmpint (old->not_after, ==, 1009843200); /* 2002-01-01 */

	/* Claws's other spelling, with the fingerprint (unsafe_ssl_certs). */
	g_assert_no_error (error);
	dst = g_build_filename (dir, "self.example.test.995.AB:CD:EF:01.cert", NULL);
	g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
	g_assert_true (g_file_set_contents (dst, contents, len, NULL));
	g_autoptr (MsCertException) self = ms_cert_exception_load (dst, NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (self->host, ==, "self.example.test");
	g_assert_cmpuint (self->port, ==, 995);
	g_assert_true (self->self_signed);
	g_assert_false (self->expired);
	g_assert_false (self->trusted);
	g_assert_false (self->valid_for_host);
	g_unlink (dst);
	g_rmdir (dir);
}

static void
test_cert_bad (void)
{
	g_autofree char *junk = data_path ("certs/junk.example.test.143.cert");
	g_autofree char *misnamed = data_path ("ca.pem");
	g_autoptr (GError) error = NULL;
	MsCertException *e = ms_cert_exception_load (junk, NULL, &error);

	g_assert_null (e);
	g_assert_error (error, MS_ERROR, MS_ERROR_FAILED);
	g_clear_error (&error);
	e = ms_cert_exception_load (misnamed, NULL, &error);
	g_assert_null (e);
	g_assert_error (error, MS_ERROR, MS_ERROR_FAILED);
}

static void
test_kind_names (void)
{
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_PLAIN_TEXT), ==, "plain-text");
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_STARTTLS), ==, "starttls");
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_CERT_OTHER_NAME), ==, "cert-other-name");
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_CERT_UNTRUSTED), ==, "cert-untrusted");
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_SMTP_PLAIN), ==, "smtp-plain");
	g_assert_cmpstr (ms_checkup_finding_kind_name (MS_CHECKUP_SMTP_NO_AUTH), ==, "smtp-no-auth");
}

static void
test_load_dir (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) none = ms_checkup_accounts_load ("/nonexistent/claws", NULL, &error);

	g_assert_null (none);
	g_assert_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_NO_CONFIG);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/checkup/accountrc/sample", test_accountrc_sample);
	g_test_add_func ("/checkup/accountrc/folders", test_accountrc_folders);
	g_test_add_func ("/checkup/accountrc/bad", test_accountrc_bad);
	g_test_add_func ("/checkup/accountrc/limits", test_accountrc_limits);
	g_test_add_func ("/checkup/cert/other-name", test_cert_other_name);
	g_test_add_func ("/checkup/cert/untrusted", test_cert_untrusted);
	g_test_add_func ("/checkup/cert/bad", test_cert_bad);
	g_test_add_func ("/checkup/kind-names", test_kind_names);
	g_test_add_func ("/checkup/load-dir", test_load_dir);
	return g_test_run ();
}
