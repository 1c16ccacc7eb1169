/* Unit tests of the export: Claws accountrc and setup JSON read with
 * their checks and bounds, and the mutt/neomutt writer's quoting (muttrc
 * strings, URLs, the shell inside backquotes) and refusals. neomutt
 * itself runs the snippets in tests/export/neomutt.sh.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/export.h>
#include <string.h>

static MsMailAccount *
account (const char *address, const char *user, MsSocketType in_socket, MsSocketType out_socket)
{
	MsMailAccount *a = g_new0 (MsMailAccount, 1);
	a->address = g_strdup (address);
	a->incoming = ms_server_new (MS_PROTOCOL_IMAP, "imap.example.org", in_socket == MS_SOCKET_TLS ? 993 : 143, in_socket);
	a->outgoing = ms_server_new (MS_PROTOCOL_SMTP, "smtp.example.org", out_socket == MS_SOCKET_TLS ? 465 : 587, out_socket);
	ms_server_set_username (a->incoming, user);
	ms_server_set_username (a->outgoing, user);
	return a;
}

static gboolean
has_line (const char *text, const char *line)
{
	g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
	for (guint i = 0; lines[i]; i++)
		if (strcmp (lines[i], line) == 0)
			return TRUE;
	return FALSE;
}

static void
test_write_imap (void)
{
	g_autoptr (MsMailAccount) a = account ("jean.dupont@example.org", "jean.dupont@example.org", MS_SOCKET_TLS,
	                                       MS_SOCKET_STARTTLS);
	g_autoptr (GError) error = NULL;
	a->realname = g_strdup ("Jean \"JD\" Dupont $HOME \\ `x`");
	a->sent_folder = g_strdup ("Éléments envoyés");
	g_autofree char *s = ms_mutt_write (a, MS_MUTT_NEOMUTT, NULL, &error);

	g_assert_no_error (error);
	g_assert_true (has_line (s, "set realname = \"Jean \\\"JD\\\" Dupont \\$HOME \\\\ \\`x\\`\""));
	g_assert_true (has_line (s, "set folder = \"imaps://jean.dupont%40example.org@imap.example.org:993/\""));
	g_assert_true (has_line (s, "set smtp_url = \"smtp://jean.dupont%40example.org@smtp.example.org:587/\""));
	g_assert_true (has_line (s, "set ssl_force_tls = yes"));
	g_assert_true (has_line (s, "set ssl_starttls = yes"));
	g_assert_true (has_line (s, "set imap_user = \"jean.dupont@example.org\""));
	g_assert_true (has_line (s, "set smtp_user = \"jean.dupont@example.org\""));
	g_assert_true (has_line (s, "set record = \"+Éléments envoyés\""));
	g_assert_true (has_line (s, "set postponed = \"+Drafts\""));
	g_assert_true (has_line (s, "set imap_pass = \"`secret-tool lookup user 'jean.dupont@example.org' "
	                            "server 'imap.example.org' protocol 'imap'`\""));
	g_assert_true (has_line (s, "set smtp_pass = \"`secret-tool lookup user 'jean.dupont@example.org' "
	                            "server 'smtp.example.org' protocol 'smtp'`\""));

	g_autofree char *m = ms_mutt_write (a, MS_MUTT_MUTT, "pass show %a/%p%%", &error);
	g_assert_no_error (error);
	g_assert_null (strstr (m, "smtp_user"));
	g_assert_true (has_line (m, "set imap_pass = \"`pass show 'jean.dupont@example.org'/'imap'%`\""));
}

/* User names that need every kind of quoting. */
static void
test_write_quoting (void)
{
	g_autoptr (MsMailAccount) a = account ("o'hara@example.org", "o'hara/x y:z@example.org", MS_SOCKET_TLS, MS_SOCKET_TLS);
	g_autoptr (GError) error = NULL;
	g_autofree char *s = ms_mutt_write (a, MS_MUTT_NEOMUTT, "lookup %u", &error);

	g_assert_no_error (error);
	g_assert_true (has_line (s, "set folder = \"imaps://o%27hara%2Fx%20y%3Az%40example.org@imap.example.org:993/\""));
	/* No backslash inside the backquotes: neomutt would eat it. */
	g_assert_true (has_line (s, "set imap_pass = \"`lookup 'o'\"'\"'hara/x y:z@example.org'`\""));
	g_assert_true (has_line (s, "set from = \"o'hara@example.org\""));
}

static void
test_write_refusals (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsMailAccount) plain = account ("a@example.org", "a", MS_SOCKET_PLAIN, MS_SOCKET_TLS);
	g_assert_null (ms_mutt_write (plain, MS_MUTT_NEOMUTT, NULL, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_INSECURE_SERVER);
	g_clear_error (&error);

	g_autoptr (MsMailAccount) a = account ("a@example.org", "a`rm -rf ~`", MS_SOCKET_TLS, MS_SOCKET_TLS);
	g_assert_null (ms_mutt_write (a, MS_MUTT_NEOMUTT, NULL, &error));
	g_assert_nonnull (error);
	g_clear_error (&error);

	g_autoptr (MsMailAccount) b = account ("a@example.org", "a", MS_SOCKET_TLS, MS_SOCKET_TLS);
	g_assert_null (ms_mutt_write (b, MS_MUTT_NEOMUTT, "lookup %x", &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER);
	g_clear_error (&error);
	g_assert_null (ms_mutt_write (b, MS_MUTT_NEOMUTT, "lookup `x`", &error));
	g_assert_nonnull (error);
	g_clear_error (&error);
	g_assert_null (ms_mutt_write (b, MS_MUTT_NEOMUTT, "lookup\\ x", &error));
	g_assert_nonnull (error);
	g_clear_error (&error);
	g_assert_null (ms_mutt_write (b, MS_MUTT_NEOMUTT, "lookup\nx", &error));
	g_assert_nonnull (error);
	g_clear_error (&error);
	b->realname = g_strdup ("Line\nbreak");
	g_assert_null (ms_mutt_write (b, MS_MUTT_NEOMUTT, NULL, &error));
	g_assert_nonnull (error);
}

static void
test_write_pop (void)
{
	g_autoptr (MsMailAccount) a = account ("bob@example.org", "bob", MS_SOCKET_TLS, MS_SOCKET_TLS);
	g_autoptr (GError) error = NULL;
	ms_server_unref (a->incoming);
	a->incoming = ms_server_new (MS_PROTOCOL_POP3, "pop.example.org", 110, MS_SOCKET_STARTTLS);
	ms_server_set_username (a->incoming, "bob");
	g_autofree char *s = ms_mutt_write (a, MS_MUTT_NEOMUTT, NULL, &error);

	g_assert_no_error (error);
	g_assert_true (has_line (s, "set pop_host = \"pop://bob@pop.example.org:110/\""));
	g_assert_true (has_line (s, "set pop_user = \"bob\""));
	g_assert_true (has_line (s, "set pop_pass = \"`secret-tool lookup user 'bob' server 'pop.example.org' protocol 'pop'`\""));
	g_assert_true (has_line (s, "set pop_delete = no"));
	g_assert_null (strstr (s, "imap_"));
}

static const char accountrc[] =
	"[Account: 1]\n"
	"address=local@example.org\nprotocol=3\n"
	"[Account: 2]\n"
	"name=Jean\naddress=jean@example.org\nprotocol=1\nreceive_server=imap.example.org\nuser_id=jean\n"
	"ssl_imap=1\nset_imapport=0\nimap_port=1234\nsmtp_server=smtp.example.org\nssl_smtp=1\n"
	"smtp_user_id=\nsent_folder=#imap/jean@example.org/INBOX/Sent\ndraft_folder=#mh/Mailbox/draft\n"
	"address=second@example.org\n"
	"[Account: 3]\r\n"
	"address=pop@example.org\r\nprotocol=0\r\nreceive_server=pop.example.org\r\nssl_pop=2\r\n"
	"smtp_server=smtp.example.org\r\nssl_smtp=2\r\nset_smtpport=1\r\nsmtp_port=587\r\nuse_smtp_auth=1\r\n"
	"smtp_user_id=popper\r\n"
	"[Account: 4]\n"
	"address=broken@example.org\nprotocol=1\nreceive_server=bad host\nsmtp_server=smtp.example.org\n"
	"[Account: 5]\n"
	"address=noserver@example.org\nprotocol=1\nreceive_server=imap.example.org\n"
	"[CustomHeaders]\naddress=not-an-account@example.org\n";

/* The accounts of @text that another program can use, as mailsetup export
 * takes them. */
static GPtrArray *
mail_accounts (const char *text, gsize length, GError **error)
{
	g_autoptr (GPtrArray) claws = ms_claws_accounts_parse (text, length, error);
	GPtrArray *out;

	if (claws == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_mail_account_free);
	for (guint i = 0; i < claws->len; i++) {
		g_autoptr (GError) refused = NULL;
		MsMailAccount *a = ms_mail_account_from_claws (claws->pdata[i], &refused);
		g_assert_true ((a == NULL) == (refused != NULL));
		if (a)
			g_ptr_array_add (out, a);
	}
	return out;
}

static void
test_accountrc (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) accounts = mail_accounts (accountrc, sizeof accountrc - 1, &error);

	g_assert_no_error (error);
	g_assert_cmpuint (accounts->len, ==, 2);
	MsMailAccount *a = accounts->pdata[0];
	/* The last occurrence of a key counts, as in Claws (prefs.c's
	 * prefs_config_parse_one_line overwrites). */
	g_assert_cmpstr (a->address, ==, "second@example.org");
	g_assert_cmpstr (a->realname, ==, "Jean");
	g_assert_cmpint (ms_server_get_protocol (a->incoming), ==, MS_PROTOCOL_IMAP);
	/* set_imapport=0: Claws's default port for the socket type. */
	g_assert_cmpuint (ms_server_get_port (a->incoming), ==, 993);
	g_assert_cmpint (ms_server_get_socket_type (a->incoming), ==, MS_SOCKET_TLS);
	g_assert_cmpstr (ms_server_get_username (a->incoming), ==, "jean");
	g_assert_cmpuint (ms_server_get_port (a->outgoing), ==, 465);
	/* No SMTP login in Claws: the incoming one. */
	g_assert_cmpstr (ms_server_get_username (a->outgoing), ==, "jean");
	g_assert_cmpstr (a->sent_folder, ==, "INBOX/Sent");
	g_assert_null (a->drafts_folder);

	MsMailAccount *p = accounts->pdata[1];
	g_assert_cmpstr (p->address, ==, "pop@example.org");
	g_assert_cmpint (ms_server_get_protocol (p->incoming), ==, MS_PROTOCOL_POP3);
	g_assert_cmpuint (ms_server_get_port (p->incoming), ==, 110);
	g_assert_cmpint (ms_server_get_socket_type (p->incoming), ==, MS_SOCKET_STARTTLS);
	/* No user name: Claws logs in with the address. */
	g_assert_cmpstr (ms_server_get_username (p->incoming), ==, "pop@example.org");
	g_assert_cmpuint (ms_server_get_port (p->outgoing), ==, 587);
	g_assert_cmpstr (ms_server_get_username (p->outgoing), ==, "popper");

	/* Not text: refused; nothing at all: no account. */
	g_assert_null (mail_accounts ("[Account: 1]\n\xff\n", 15, &error));
	g_assert_error (error, MS_CLAWS_CONFIG_ERROR, MS_CLAWS_CONFIG_ERROR_MALFORMED);
	g_clear_error (&error);
	g_autoptr (GPtrArray) none = mail_accounts ("", 0, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (none->len, ==, 0);
}

static void
test_from_claws_refusals (void)
{
	g_autoptr (GError) error = NULL;
	static const char local[] = "[Account: 1]\naddress=local@example.org\nprotocol=3\n";
	static const char no_at[] = "[Account: 2]\naddress=nobody\nprotocol=1\nreceive_server=imap.example.org\n"
	                            "smtp_server=smtp.example.org\n";
	g_autoptr (GPtrArray) a = ms_claws_accounts_parse (local, sizeof local - 1, &error);
	g_autoptr (GPtrArray) b = ms_claws_accounts_parse (no_at, sizeof no_at - 1, &error);

	g_assert_no_error (error);
	g_assert_null (ms_mail_account_from_claws (a->pdata[0], &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_clear_error (&error);
	g_assert_null (ms_mail_account_from_claws (b->pdata[0], &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_ADDRESS_NO_AT);
}

static const char setup_json[] =
	"{\"schema\":\"mailsetup-setup/1\",\"address\":\"alice@demo.test\",\"verified\":true,"
	"\"incoming\":{\"protocol\":\"imap\",\"host\":\"mail.demo.test\",\"port\":993,\"socket\":\"tls\","
	"\"username\":\"alice@demo.test\"},"
	"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"mail.demo.test\",\"port\":587,\"socket\":\"starttls\","
	"\"username\":null},\"username\":\"alice\"}";

static void
test_setup_json (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsMailAccount) a = ms_mail_account_from_setup_json (setup_json, sizeof setup_json - 1, &error);

	g_assert_no_error (error);
	g_assert_cmpstr (a->address, ==, "alice@demo.test");
	g_assert_cmpuint (ms_server_get_port (a->incoming), ==, 993);
	g_assert_cmpstr (ms_server_get_username (a->incoming), ==, "alice@demo.test");
	g_assert_cmpint (ms_server_get_socket_type (a->outgoing), ==, MS_SOCKET_STARTTLS);
	g_assert_cmpstr (ms_server_get_username (a->outgoing), ==, "alice");

	static const char *const bad[] = {
		"not json",
		"[1,2]",
		"{\"schema\":\"mailsetup-config/1\"}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":false}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,\"incoming\":null,\"outgoing\":null}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"h.test\",\"port\":70000,\"socket\":\"tls\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"h .test\",\"port\":993,\"socket\":\"tls\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"h.test\",\"port\":993,\"socket\":\"ssl\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
		/* The same reader as publish: a second incoming server that is not one. */
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"h.test\",\"port\":993,\"socket\":\"tls\"},"
		"\"other_incoming\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":465,\"socket\":\"tls\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
		/* A user name with a line break could start another statement. */
		"{\"schema\":\"mailsetup-setup/1\",\"address\":\"a@b.c\",\"verified\":true,"
		"\"incoming\":{\"protocol\":\"imap\",\"host\":\"h.test\",\"port\":993,\"socket\":\"tls\","
		"\"username\":\"a\\nset x\"},"
		"\"outgoing\":{\"protocol\":\"smtp\",\"host\":\"h.test\",\"port\":25,\"socket\":\"tls\"}}",
	};
	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_test_message ("bad %u: %s", i, bad[i]);
		g_assert_null (ms_mail_account_from_setup_json (bad[i], strlen (bad[i]), &error));
		g_assert_nonnull (error);
		g_assert_true (g_error_matches (error, MS_ERROR, MS_ERROR_XML_MALFORMED)
		               || g_error_matches (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER));
		g_clear_error (&error);
	}
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/export/mutt/imap", test_write_imap);
	g_test_add_func ("/export/mutt/quoting", test_write_quoting);
	g_test_add_func ("/export/mutt/refusals", test_write_refusals);
	g_test_add_func ("/export/mutt/pop", test_write_pop);
	g_test_add_func ("/export/accountrc", test_accountrc);
	g_test_add_func ("/export/from-claws-refusals", test_from_claws_refusals);
	g_test_add_func ("/export/setup-json", test_setup_json);
	return g_test_run ();
}
