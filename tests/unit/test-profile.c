/* Configuration profiles through the public API: what is taken for a
 * profile, and the crashes the fuzzer found, kept as tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <mailsetup/mailsetup.h>

static void
test_looks_like (void)
{
	const char *plist = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist PUBLIC \"x\" \"y\">\n<!-- c -->\n<plist/>";
	const char *autoconfig = "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\"/>";
	const char der[] = { 0x30, (char) 0x82, 0x0b, (char) 0xcd };

	g_assert_true (ms_profile_looks_like (plist, strlen (plist)));
	g_assert_false (ms_profile_looks_like (autoconfig, strlen (autoconfig)));
	g_assert_true (ms_profile_looks_like (der, sizeof der));
	g_assert_true (ms_profile_looks_like ("bplist00", 8));
	g_assert_false (ms_profile_looks_like ("", 0));
	/* A comment is skipped whole, even with a "<" inside. */
	const char *commented = "<?xml version=\"1.0\"?><!-- see <clientConfig> --><plist/>";
	g_assert_true (ms_profile_looks_like (commented, strlen (commented)));
	const char *unclosed = "<!-- <plist/>";
	g_assert_false (ms_profile_looks_like (unclosed, strlen (unclosed)));
	/* fuzz-mobileconfig: a PEM header cut short, not nul-terminated. */
	char *cut = g_memdup2 ("-----BEGIN CMS---", 17);
	g_assert_false (ms_profile_looks_like (cut, 17));
	g_autoptr (GError) error = NULL;
	g_assert_null (ms_profile_load (cut, 17, NULL, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_XML_MALFORMED);
	g_free (cut);
}

static void
test_load (void)
{
	const char *doc =
		"<plist><dict><key>PayloadType</key><string>Configuration</string>"
		"<key>PayloadContent</key><array><dict>"
		"<key>PayloadType</key><string>com.apple.mail.managed</string>"
		"<key>EmailAccountType</key><string>EmailTypeIMAP</string>"
		"<key>EmailAddress</key><string>jean@example.fr</string>"
		"<key>IncomingMailServerHostName</key><string>imap.example.fr</string>"
		"<key>IncomingMailServerAuthentication</key><string>EmailAuthPassword</string>"
		"<key>IncomingPassword</key><string>s3cret-pw</string>"
		"<key>OutgoingMailServerHostName</key><string>smtp.example.fr</string>"
		"<key>OutgoingMailServerAuthentication</key><string>EmailAuthPassword</string>"
		"<key>OutgoingPasswordSameAsIncomingPassword</key><true/>"
		"</dict></array></dict></plist>";
	g_autoptr (GError) error = NULL;
	g_autoptr (MsProfile) p = ms_profile_load (doc, strlen (doc), NULL, &error);

	g_assert_no_error (error);
	g_assert_cmpint (ms_profile_get_signature (p), ==, MS_PROFILE_UNSIGNED);
	g_assert_cmpstr (ms_profile_signature_to_string (ms_profile_get_signature (p)), ==, "unsigned");
	g_assert_cmpuint (ms_profile_get_accounts (p)->len, ==, 1);
	const MsProfileAccount *a = g_ptr_array_index (ms_profile_get_accounts (p), 0);
	g_assert_cmpstr (ms_address_get_address (ms_profile_account_get_address (a)), ==, "jean@example.fr");
	g_assert_cmpstr (ms_profile_account_get_outgoing_password (a), ==, "s3cret-pw");
	MsConfig *c = ms_profile_account_get_config (a);
	/* No port and no "use SSL": Apple's defaults, STARTTLS on 143; both
	 * submission ports for SMTP. */
	g_assert_cmpuint (ms_config_get_incoming (c)->len, ==, 1);
	g_assert_cmpuint (ms_server_get_port (g_ptr_array_index (ms_config_get_incoming (c), 0)), ==, 143);
	g_assert_cmpuint (ms_config_get_outgoing (c)->len, ==, 2);
	g_autofree char *json = ms_config_to_json (c, ms_profile_account_get_address (a), FALSE);
	g_assert_null (strstr (json, "s3cret-pw"));
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/profile/looks-like", test_looks_like);
	g_test_add_func ("/profile/load", test_load);
	return g_test_run ();
}
