/* Unit tests of verification's pure parts: classifying what servers say,
 * the user name forms and their order, the test message.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <string.h>
#include <gnutls/gnutls.h>
#include <mailsetup/mailsetup.h>
#include "verify/classify.h"
#include "verify/verify-run.h"
#include "test-util.h"

static MsProtocol
protocol_named (const char *name)
{
	if (strcmp (name, "imap") == 0)
		return MS_PROTOCOL_IMAP;
	if (strcmp (name, "pop3") == 0)
		return MS_PROTOCOL_POP3;
	g_assert_cmpstr (name, ==, "smtp");
	return MS_PROTOCOL_SMTP;
}

static void
test_login_replies (void)
{
	g_autoptr (GPtrArray) rows = test_read_table ("verify/login-replies.txt", 3);
	g_assert_cmpuint (rows->len, >=, 25);
	for (guint i = 0; i < rows->len; i++) {
		char **f = rows->pdata[i];
		MsDiagnosisCode expected;
		g_autofree char *reply = test_unescape (f[1]);
		g_test_message ("%s: %s", f[0], f[1]);
		g_assert_true (ms_diagnosis_code_from_string (f[2], &expected));
		g_assert_cmpstr (ms_diagnosis_code_to_string (_ms_classify_login (protocol_named (f[0]), reply)), ==, f[2]);
	}
}

static void
test_connect_errors (void)
{
	static const struct { GQuark (*domain) (void); int code; guint status; gboolean self, old; const char *expected; } cases[] = {
		{ g_io_error_quark, G_IO_ERROR_TIMED_OUT, 0, 0, 0, "timed-out" },
		{ g_io_error_quark, G_IO_ERROR_CONNECTION_REFUSED, 0, 0, 0, "connection-refused" },
		{ g_io_error_quark, G_IO_ERROR_HOST_UNREACHABLE, 0, 0, 0, "connection-refused" },
		{ g_resolver_error_quark, G_RESOLVER_ERROR_NOT_FOUND, 0, 0, 0, "host-not-found" },
		{ ms_error_quark, MS_ERROR_TLS_FAILED, 0, 0, 0, "tls-failed" },
		{ ms_error_quark, MS_ERROR_TLS_FAILED, 0, 0, 1, "tls-too-old" },
		{ ms_error_quark, MS_ERROR_PROTOCOL, 0, 0, 0, "server-error" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_EXPIRED, 0, 0, "cert-expired" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_NOT_ACTIVATED, 0, 0, "cert-not-yet-valid" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_UNEXPECTED_OWNER, 0, 0, "cert-wrong-name" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND, 1, 0, "cert-self-signed" },
		/* An untrusted signer outranks the dates and the name. */
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND |
		  GNUTLS_CERT_EXPIRED | GNUTLS_CERT_UNEXPECTED_OWNER, 0, 0, "cert-unknown-authority" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_REVOKED, 0, 0, "cert-invalid" },
		{ ms_error_quark, MS_ERROR_TLS_CERTIFICATE, GNUTLS_CERT_INVALID | GNUTLS_CERT_INSECURE_ALGORITHM, 0, 0, "cert-invalid" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr (GError) e = g_error_new_literal (cases[i].domain (), cases[i].code, "x");
		MsTlsReport report = { cases[i].status, cases[i].self, cases[i].old, NULL };
		g_assert_cmpstr (ms_diagnosis_code_to_string (_ms_classify_connect (e, &report)), ==, cases[i].expected);
	}
}

static void
test_send_replies (void)
{
	g_assert_cmpint (_ms_classify_send ("554 5.7.1 <a@b.test>: Relay access denied"), ==, MS_DIAGNOSIS_RELAY_DENIED);
	g_assert_cmpint (_ms_classify_send ("550 5.7.1 Sender not owned by user"), ==, MS_DIAGNOSIS_RELAY_DENIED);
	g_assert_cmpint (_ms_classify_send ("552 5.3.4 Message size exceeds fixed limit"), ==, MS_DIAGNOSIS_MESSAGE_REJECTED);
}

static void
test_username_forms (void)
{
	g_autoptr (MsAddress) a = ms_address_parse ("Omar@PartLocal.test", NULL);
	g_autoptr (MsServer) s = ms_server_new (MS_PROTOCOL_IMAP, "mail.partlocal.test", 993, MS_SOCKET_TLS);

	/* No template: the full address, then the local part. */
	ms_server_set_username (s, NULL);
	g_autoptr (GPtrArray) f1 = _ms_username_forms (s, a, NULL);
	g_assert_cmpuint (f1->len, ==, 2);
	g_assert_cmpstr (f1->pdata[0], ==, "Omar@partlocal.test");
	g_assert_cmpstr (f1->pdata[1], ==, "Omar");
	/* The source's template first, without duplicates. */
	ms_server_set_username (s, "%EMAILLOCALPART%");
	g_autoptr (GPtrArray) f2 = _ms_username_forms (s, a, NULL);
	g_assert_cmpuint (f2->len, ==, 2);
	g_assert_cmpstr (f2->pdata[0], ==, "Omar");
	g_assert_cmpstr (f2->pdata[1], ==, "Omar@partlocal.test");
	/* A fixed name from a profile, then the usual forms. */
	ms_server_set_username (s, "u12345");
	g_autoptr (GPtrArray) f3 = _ms_username_forms (s, a, NULL);
	g_assert_cmpuint (f3->len, ==, 3);
	g_assert_cmpstr (f3->pdata[0], ==, "u12345");
	/* What worked elsewhere comes before everything. */
	g_autoptr (GPtrArray) f4 = _ms_username_forms (s, a, "Omar");
	g_assert_cmpstr (f4->pdata[0], ==, "Omar");
	g_assert_cmpstr (f4->pdata[1], ==, "u12345");
	g_assert_cmpuint (f4->len, ==, 3);
}

static void
test_message (void)
{
	g_autoptr (MsAddress) a = ms_address_parse ("alice@demo.test", NULL);
	g_autofree char *m = _ms_test_message (a, "0123-abcd");

	g_assert_nonnull (strstr (m, "\r\nX-Mailsetup-Test: 0123-abcd\r\n"));
	g_assert_true (g_str_has_prefix (m, "From: <alice@demo.test>\r\nTo: <alice@demo.test>\r\n"));
	g_assert_nonnull (strstr (m, "\r\nAuto-Submitted: auto-generated\r\n"));
	g_assert_nonnull (strstr (m, "\r\n\r\n"));
	/* Every line ends with CRLF and stays under 78 characters; headers are ASCII. */
	const char *body = strstr (m, "\r\n\r\n");
	for (const char *p = m; *p;) {
		const char *end = strstr (p, "\r\n");
		g_assert_nonnull (end);
		g_assert_cmpint (end - p, <=, 998);
		if (p < body)
			for (const char *c = p; c < end; c++)
				g_assert_cmpint ((guchar) *c, <, 0x80);
		else
			g_assert_cmpint (g_utf8_strlen (p, end - p), <=, 78);
		p = end + 2;
	}
}

static void
test_options (void)
{
	g_autoptr (MsVerifyOptions) o = ms_verify_options_new ();
	g_assert_cmpuint (o->max_failures, ==, 2);
	ms_verify_options_set_max_failures (o, 10);
	g_assert_cmpuint (o->max_failures, ==, 2);
	ms_verify_options_set_max_failures (o, 0);
	g_assert_cmpuint (o->max_failures, ==, 1);
	g_assert_cmpuint (o->send_timeout_ms, ==, 60000);
	g_assert_true (o->send_test);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/verify/login-replies", test_login_replies);
	g_test_add_func ("/verify/connect-errors", test_connect_errors);
	g_test_add_func ("/verify/send-replies", test_send_replies);
	g_test_add_func ("/verify/username-forms", test_username_forms);
	g_test_add_func ("/verify/message", test_message);
	g_test_add_func ("/verify/options", test_options);
	return g_test_run ();
}
