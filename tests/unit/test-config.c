/* Unit tests of the model: ranking, notes, error codes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <string.h>

static MsServer *
server (MsProtocol p, MsSocketType t, MsTrust trust)
{
	MsServer *s = ms_server_new (p, "mail.example.com", p == MS_PROTOCOL_IMAP ? 993 : 995, t);
	ms_server_set_source (s, MS_SOURCE_PROBE, trust);
	return s;
}

static void
test_ranking (void)
{
	g_autoptr (MsConfig) c = ms_config_new ();
	/* Added worst first, with ties, to see both the order and stability. */
	g_autoptr (MsServer) plain_high = server (MS_PROTOCOL_IMAP, MS_SOCKET_PLAIN, MS_TRUST_HIGH);
	g_autoptr (MsServer) pop_starttls_low = server (MS_PROTOCOL_POP3, MS_SOCKET_STARTTLS, MS_TRUST_LOW);
	g_autoptr (MsServer) imap_starttls_low = server (MS_PROTOCOL_IMAP, MS_SOCKET_STARTTLS, MS_TRUST_LOW);
	g_autoptr (MsServer) pop_tls_low = server (MS_PROTOCOL_POP3, MS_SOCKET_TLS, MS_TRUST_LOW);
	g_autoptr (MsServer) imap_tls_low = server (MS_PROTOCOL_IMAP, MS_SOCKET_TLS, MS_TRUST_LOW);
	g_autoptr (MsServer) pop_starttls_high = server (MS_PROTOCOL_POP3, MS_SOCKET_STARTTLS, MS_TRUST_HIGH);
	g_autoptr (MsServer) imap_tls_low_2 = server (MS_PROTOCOL_IMAP, MS_SOCKET_TLS, MS_TRUST_LOW);

	MsServer *added[] = { plain_high, pop_starttls_low, imap_starttls_low, pop_tls_low,
	                      imap_tls_low, pop_starttls_high, imap_tls_low_2 };
	MsServer *expected[] = { pop_starttls_high, imap_tls_low, imap_tls_low_2, pop_tls_low,
	                         imap_starttls_low, pop_starttls_low, plain_high };
	for (guint i = 0; i < G_N_ELEMENTS (added); i++)
		ms_config_add_server (c, added[i]);
	GPtrArray *in = ms_config_get_incoming (c);
	g_assert_cmpuint (in->len, ==, G_N_ELEMENTS (expected));
	for (guint i = 0; i < in->len; i++)
		g_assert_true (g_ptr_array_index (in, i) == expected[i]);
	g_assert_cmpuint (ms_config_get_outgoing (c)->len, ==, 0);
	g_assert_false (ms_server_is_secure (plain_high));
	g_assert_true (ms_server_is_secure (pop_starttls_low));
}

static void
test_domains_and_notes (void)
{
	g_autoptr (MsConfig) c = ms_config_new ();
	g_autoptr (GError) e = g_error_new_literal (MS_ERROR, MS_ERROR_INSECURE_SERVER, "x");

	ms_config_add_domain (c, "Example.COM");
	ms_config_add_domain (c, "example.com");
	ms_config_add_domain (c, "example.net");
	g_assert_cmpuint (ms_config_get_domains (c)->len, ==, 2);
	g_assert_cmpstr (g_ptr_array_index (ms_config_get_domains (c), 0), ==, "example.com");
	ms_config_add_note (c, e);
	g_assert_cmpuint (ms_config_get_notes (c)->len, ==, 1);
	g_assert_error (((GError *) g_ptr_array_index (ms_config_get_notes (c), 0)), MS_ERROR, MS_ERROR_INSECURE_SERVER);
}

static void
test_error_codes (void)
{
	g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
	/* Every code has its own stable name and a sentence. */
	for (int code = MS_ERROR_FAILED; code <= MS_ERROR_PROTOCOL; code++) {
		const char *name = ms_error_code_name (code);
		g_assert_cmpstr (name, !=, "unknown");
		g_assert_false (g_hash_table_contains (names, name));
		g_hash_table_add (names, (gpointer) name);
		g_assert_cmpuint (strlen (ms_error_to_string (code)), >, 5);
	}
	g_assert_cmpstr (ms_error_code_name (MS_ERROR_PROTOCOL + 1), ==, "unknown");
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/config/ranking", test_ranking);
	g_test_add_func ("/config/domains-notes", test_domains_and_notes);
	g_test_add_func ("/config/error-codes", test_error_codes);
	return g_test_run ();
}
