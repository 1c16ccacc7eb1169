/* Unit tests of the built-in provider data (data/providers/) and of
 * MsProviderDb: every file reads cleanly, the required providers are there
 * with secure servers, lookups by mail domain and by MX host, precedence
 * between directories, broken files as notes, the MS_PROVIDER_DB_MAX_FILES
 * bound, and the XDG directories of ms_provider_db_new_default().
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/providers.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
providers_dir (void)
{
	return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "providers", NULL);
}

/* Removes @path and, for a real directory, what it holds; symbolic links
 * are removed, never followed. */
static void
rm_rf (const char *path)
{
	GStatBuf st;
	if (g_lstat (path, &st) != 0)
		return;
	if (S_ISDIR (st.st_mode)) {
		g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
		const char *name;
		while (d && (name = g_dir_read_name (d)) != NULL) {
			g_autofree char *child = g_build_filename (path, name, NULL);
			rm_rf (child);
		}
		g_rmdir (path);
	} else
		g_unlink (path);
}

static void
write_file (const char *dir, const char *name, const char *contents)
{
	g_autofree char *path = g_build_filename (dir, name, NULL);
	g_autoptr (GError) error = NULL;
	g_file_set_contents (path, contents, -1, &error);
	g_assert_no_error (error);
}

/* A minimal provider file: one IMAP and one SMTP server on @host. */
static char *
provider_xml (const char *id, const char *host, const char *const *domains)
{
	g_autoptr (GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n");
	g_string_append_printf (s, "<emailProvider id=\"%s\">\n", id);
	for (guint i = 0; domains[i] != NULL; i++)
		g_string_append_printf (s, "<domain>%s</domain>\n", domains[i]);
	g_string_append_printf (s,
	                        "<displayName>%s</displayName>\n"
	                        "<incomingServer type=\"imap\"><hostname>%s</hostname><port>993</port>"
	                        "<socketType>SSL</socketType><username>%%EMAILADDRESS%%</username>"
	                        "<authentication>password-cleartext</authentication></incomingServer>\n"
	                        "<outgoingServer type=\"smtp\"><hostname>%s</hostname><port>465</port>"
	                        "<socketType>SSL</socketType><username>%%EMAILADDRESS%%</username>"
	                        "<authentication>password-cleartext</authentication></outgoingServer>\n"
	                        "</emailProvider>\n</clientConfig>\n",
	                        id, host, host);
	return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
first_host (const MsConfig *c)
{
	GPtrArray *in = ms_config_get_incoming (c);
	return in->len ? ms_server_get_hostname (g_ptr_array_index (in, 0)) : NULL;
}

static gboolean
notes_mention (MsProviderDb *db, const char *text)
{
	GPtrArray *notes = ms_provider_db_get_notes (db);
	for (guint i = 0; i < notes->len; i++)
		if (strstr (((GError *) g_ptr_array_index (notes, i))->message, text) != NULL)
			return TRUE;
	return FALSE;
}

static void
dump_notes (MsProviderDb *db)
{
	GPtrArray *notes = ms_provider_db_get_notes (db);
	for (guint i = 0; i < notes->len; i++)
		g_test_message ("note: %s", ((GError *) g_ptr_array_index (notes, i))->message);
}

static MsProviderDb *
shipped_db (void)
{
	g_autofree char *dir = providers_dir ();
	g_autoptr (GError) error = NULL;
	MsProviderDb *db = ms_provider_db_new ();
	g_assert_true (ms_provider_db_add_dir (db, dir, &error));
	g_assert_no_error (error);
	return db;
}

/* --- the data ------------------------------------------------------------ */

/* Every shipped file reads with no note but the two expected kinds, lists
 * domains, and has only secure servers; together they load with no note. */
static void
test_data_files (void)
{
	g_autofree char *dir = providers_dir ();
	g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
	g_assert_nonnull (d);
	guint files = 0;
	const char *name;

	while ((name = g_dir_read_name (d)) != NULL) {
		if (!g_str_has_suffix (name, ".xml"))
			continue;
		g_autofree char *path = g_build_filename (dir, name, NULL);
		g_autofree char *text = NULL;
		gsize len = 0;
		g_autoptr (GError) error = NULL;
		g_assert_true (g_file_get_contents (path, &text, &len, NULL));
		g_assert_cmpuint (len, <=, MS_AUTOCONFIG_MAX_SIZE);
		g_autoptr (MsConfig) c = ms_autoconfig_parse (text, len, MS_SOURCE_BUILTIN, MS_TRUST_HIGH, &error);
		if (c == NULL)
			g_error ("%s: %s", name, error->message);
		GPtrArray *notes = ms_config_get_notes (c);
		for (guint i = 0; i < notes->len; i++) {
			const GError *n = g_ptr_array_index (notes, i);
			if (!g_error_matches (n, MS_ERROR, MS_ERROR_INSECURE_SERVER) &&
			    !g_error_matches (n, MS_ERROR, MS_ERROR_SERVER_TYPE_UNSUPPORTED))
				g_error ("%s: unexpected note: %s", name, n->message);
		}
		g_assert_cmpuint (ms_config_get_domains (c)->len, >, 0);
		g_assert_nonnull (ms_config_get_id (c));
		g_assert_nonnull (ms_config_get_display_name (c));
		files++;
	}
	g_assert_cmpuint (files, >=, 16);

	g_autoptr (MsProviderDb) db = shipped_db ();
	dump_notes (db);
	g_assert_cmpuint (ms_provider_db_get_notes (db)->len, ==, 0);
	g_assert_cmpuint (ms_provider_db_size (db), ==, files);
}

static void
assert_secure_servers (const MsConfig *c, const char *what)
{
	gboolean in = FALSE, out = FALSE;
	GPtrArray *list = ms_config_get_incoming (c);
	for (guint i = 0; i < list->len; i++) {
		const MsServer *s = g_ptr_array_index (list, i);
		in |= ms_server_is_secure (s);
		g_assert_cmpint (ms_server_get_source (s), ==, MS_SOURCE_BUILTIN);
		g_assert_cmpint (ms_server_get_trust (s), ==, MS_TRUST_HIGH);
	}
	list = ms_config_get_outgoing (c);
	for (guint i = 0; i < list->len; i++) {
		const MsServer *s = g_ptr_array_index (list, i);
		out |= ms_server_is_secure (s) && ms_server_get_protocol (s) == MS_PROTOCOL_SMTP;
		g_assert_cmpint (ms_server_get_source (s), ==, MS_SOURCE_BUILTIN);
		g_assert_cmpint (ms_server_get_trust (s), ==, MS_TRUST_HIGH);
	}
	if (!in || !out)
		g_error ("%s: no secure %s server", what, in ? "SMTP" : "IMAP or POP3");
}

/* The providers the issue asks for: a mail domain of each, the provider
 * id it must find, and the first (best) incoming server. */
static const struct {
	const char *domain, *id, *imap;
} required[] = {
	{ "ovh.net", "ovh.net", "ssl0.ovh.net" },
	{ "ik.me", "infomaniak.com", "mail.infomaniak.com" },
	{ "bluewin.ch", "swisscom.ch", "imaps.bluewin.ch" },
	{ "sunrise.ch", "sunrise.ch", "imap.sunrise.ch" },
	{ "orange.fr", "orange.fr", "imap.orange.fr" },
	{ "wanadoo.fr", "orange.fr", "imap.orange.fr" },
	{ "free.fr", "free.fr", "imap.free.fr" },
	{ "sfr.fr", "sfr.fr", "imap.sfr.fr" },
	{ "neuf.fr", "sfr.fr", "imap.sfr.fr" },
	{ "laposte.net", "laposte.net", "imap.laposte.net" },
	{ "gandi.net", "gandi.net", "mail.gandi.net" },
	{ "ionos.fr", "ionos.fr", "imap.ionos.fr" },
	{ "ionos.de", "ionos.de", "imap.ionos.de" },
	{ "ionos.com", "ionos.com", "imap.ionos.com" },
	{ "online.de", "1und1.de", "imap.1und1.de" },
	{ "gmail.com", "googlemail.com", "imap.gmail.com" },
	{ "googlemail.com", "googlemail.com", "imap.gmail.com" },
	{ "outlook.com", "hotmail.com", "outlook.office365.com" },
	{ "hotmail.fr", "hotmail.com", "outlook.office365.com" },
	{ "live.com", "hotmail.com", "outlook.office365.com" },
	{ "yahoo.com", "yahoo.com", "imap.mail.yahoo.com" },
	{ "yahoo.fr", "yahoo.com", "imap.mail.yahoo.com" },
	{ "icloud.com", "me.com", "imap.mail.me.com" },
	{ "me.com", "me.com", "imap.mail.me.com" },
	{ "gmx.net", "gmx.net", "imap.gmx.net" },
	{ "gmx.de", "gmx.net", "imap.gmx.net" },
	{ "gmx.com", "gmx.com", "imap.gmx.com" },
	{ "fastmail.com", "fastmail.com", "imap.fastmail.com" },
	{ "fastmail.fm", "fastmail.com", "imap.fastmail.com" },
};

static void
test_required (void)
{
	g_autoptr (MsProviderDb) db = shipped_db ();

	for (guint i = 0; i < G_N_ELEMENTS (required); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, required[i].domain);
		if (c == NULL)
			g_error ("no provider for %s", required[i].domain);
		g_assert_cmpstr (ms_config_get_id (c), ==, required[i].id);
		g_assert_cmpstr (first_host (c), ==, required[i].imap);
		assert_secure_servers (c, required[i].domain);
	}

	/* The OAuth2 providers keep their endpoints. */
	const char *oauth2[] = { "gmail.com", "yahoo.com", "onmicrosoft.com" };
	for (guint i = 0; i < G_N_ELEMENTS (oauth2); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, oauth2[i]);
		g_assert_nonnull (c);
		g_assert_nonnull (ms_config_get_oauth2 (c));
		g_assert_true (ms_server_get_auth (g_ptr_array_index (ms_config_get_incoming (c), 0)) & MS_AUTH_OAUTH2);
	}

	/* OVH exactly as its guide says: ssl0.ovh.net, 993 / 995 / 465, full address. */
	g_autoptr (MsConfig) ovh = ms_provider_db_lookup (db, "ovh.net");
	const MsServer *imap = g_ptr_array_index (ms_config_get_incoming (ovh), 0);
	const MsServer *smtp = g_ptr_array_index (ms_config_get_outgoing (ovh), 0);
	g_assert_cmpint (ms_server_get_protocol (imap), ==, MS_PROTOCOL_IMAP);
	g_assert_cmpuint (ms_server_get_port (imap), ==, 993);
	g_assert_cmpint (ms_server_get_socket_type (imap), ==, MS_SOCKET_TLS);
	g_assert_cmpstr (ms_server_get_username (imap), ==, "%EMAILADDRESS%");
	g_assert_cmpstr (ms_server_get_hostname (smtp), ==, "ssl0.ovh.net");
	g_assert_cmpuint (ms_server_get_port (smtp), ==, 465);
}

/* The registrable domains of providers' MX hosts, as the MX source asks. */
static void
test_lookup_mx_domain (void)
{
	g_autoptr (MsProviderDb) db = shipped_db ();
	static const struct {
		const char *domain, *id;
	} cases[] = {
		{ "ovh.net", "ovh.net" },               /* mx1.mail.ovh.net */
		{ "google.com", "googlemail.com" },     /* aspmx.l.google.com */
		{ "outlook.com", "hotmail.com" },       /* *.olc.protection.outlook.com */
		{ "infomaniak.ch", "infomaniak.com" },  /* mta-gw.infomaniak.ch */
		{ "gandi.net", "gandi.net" },           /* spool.mail.gandi.net */
		{ "ionos.fr", "ionos.fr" },             /* mx00.ionos.fr */
		{ "kundenserver.de", "1und1.de" },      /* mx00.kundenserver.de */
		{ "yahoodns.net", "yahoo.com" },        /* mta5.am0.yahoodns.net */
		{ "icloud.com", "me.com" },             /* mx01.mail.icloud.com */
		{ "messagingengine.com", "fastmail.com" }, /* in1-smtp.messagingengine.com */
		{ "orange.fr", "orange.fr" },           /* smtp-in.orange.fr */
		{ "free.fr", "free.fr" },               /* mx1.free.fr */
		{ "sfr.fr", "sfr.fr" },
		{ "laposte.net", "laposte.net" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, cases[i].domain);
		if (c == NULL)
			g_error ("no provider for MX domain %s", cases[i].domain);
		g_assert_cmpstr (ms_config_get_id (c), ==, cases[i].id);
	}
}

static void
test_lookup_normalised (void)
{
	g_autoptr (MsProviderDb) db = shipped_db ();
	const char *found[] = { "GMail.COM", "gmail.com.", "OVH.Net." };
	const char *missing[] = { "example.org", "", ".", "com", "gmail", "mail.ovh.net", "ovh.net..",
	                          "xn--", "ovh .net", "192.0.2.1" };

	for (guint i = 0; i < G_N_ELEMENTS (found); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, found[i]);
		g_assert_nonnull (c);
	}
	for (guint i = 0; i < G_N_ELEMENTS (missing); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, missing[i]);
		if (c != NULL)
			g_error ("“%s” found %s", missing[i], ms_config_get_id (c));
	}
	/* A long name is refused, not walked. */
	g_autofree char *lng = g_strnfill (300, 'a');
	g_autoptr (MsConfig) none = ms_provider_db_lookup (db, lng);
	g_assert_null (none);
}

static void
test_lookup_host (void)
{
	g_autoptr (MsProviderDb) db = shipped_db ();
	static const struct {
		const char *host, *id;
	} cases[] = {
		{ "mx1.mail.ovh.net", "ovh.net" },
		{ "MX2.mail.ovh.net.", "ovh.net" },
		{ "aspmx.l.google.com", "googlemail.com" },
		{ "example-org.mail.protection.outlook.com", "office365.com" },
		{ "eur.olc.protection.outlook.com", "hotmail.com" },
		{ "mta-gw.infomaniak.ch", "infomaniak.com" },
		{ "spool.mail.gandi.net", "gandi.net" },
		{ "mx00.ionos.fr", "ionos.fr" },
		{ "mx01.ionos.de", "ionos.de" },
		{ "mta5.am0.yahoodns.net", "yahoo.com" },
		{ "mx01.mail.icloud.com", "me.com" },
		{ "in1-smtp.messagingengine.com", "fastmail.com" },
		{ "mx00.emig.gmx.net", "gmx.net" },
		{ "ovh.net", "ovh.net" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup_host (db, cases[i].host);
		if (c == NULL)
			g_error ("no provider for MX host %s", cases[i].host);
		g_assert_cmpstr (ms_config_get_id (c), ==, cases[i].id);
	}
	const char *missing[] = { "mx.example.org", "co.uk", "mail", "", "mx.ovh.net.example" };
	for (guint i = 0; i < G_N_ELEMENTS (missing); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup_host (db, missing[i]);
		g_assert_null (c);
	}
}

/* What a lookup returns is the caller's own: changing it changes nothing
 * in the database. */
static void
test_lookup_copy (void)
{
	g_autoptr (MsProviderDb) db = shipped_db ();
	g_autoptr (MsConfig) a = ms_provider_db_lookup (db, "gmail.com");
	g_assert_nonnull (a);
	guint domains = ms_config_get_domains (a)->len;
	guint docs = ms_config_get_documentation (a)->len;
	g_assert_cmpuint (docs, >, 0);

	ms_server_set_source (g_ptr_array_index (ms_config_get_incoming (a), 0), MS_SOURCE_MX, MS_TRUST_MEDIUM);
	ms_config_add_domain (a, "example.org");
	ms_config_set_id (a, "changed");

	g_autoptr (MsConfig) b = ms_provider_db_lookup (db, "gmail.com");
	g_assert_true (a != b);
	g_assert_cmpstr (ms_config_get_id (b), ==, "googlemail.com");
	g_assert_cmpuint (ms_config_get_domains (b)->len, ==, domains);
	g_assert_cmpuint (ms_config_get_documentation (b)->len, ==, docs);
	g_assert_cmpint (ms_server_get_source (g_ptr_array_index (ms_config_get_incoming (b), 0)), ==, MS_SOURCE_BUILTIN);
	g_assert_cmpstr (ms_config_get_oauth2 (b)->issuer, ==, "accounts.google.com");
	g_autoptr (MsConfig) none = ms_provider_db_lookup (db, "example.org");
	g_assert_null (none);

	/* And the database outlives nothing it gave away. */
	MsProviderDb *again = ms_provider_db_ref (db);
	g_assert_true (again == db);
	ms_provider_db_unref (again);
	g_assert_cmpuint (ms_provider_db_size (db), >, 0);
}

/* --- directories --------------------------------------------------------- */

/* An earlier directory wins for a domain, whole-file or not; two files of
 * one directory giving the same domain is a note, the first name keeps it. */
static void
test_precedence (void)
{
	g_autofree char *tmp = g_dir_make_tmp ("mailsetup-providers-XXXXXX", NULL);
	g_autofree char *first = g_build_filename (tmp, "first", NULL);
	g_autofree char *second = g_build_filename (tmp, "second", NULL);
	g_assert_cmpint (g_mkdir (first, 0700), ==, 0);
	g_assert_cmpint (g_mkdir (second, 0700), ==, 0);

	const char *d1[] = { "example.com", "ovh.net", NULL };
	const char *d2[] = { "example.com", "example.net", NULL };
	const char *d3[] = { "example.net", "example.info", NULL };
	g_autofree char *x1 = provider_xml ("first", "imap.first.example", d1);
	g_autofree char *x2 = provider_xml ("second", "imap.second.example", d2);
	g_autofree char *x3 = provider_xml ("third", "imap.third.example", d3);
	write_file (first, "override.xml", x1);
	write_file (second, "a.xml", x2);
	write_file (second, "b.xml", x3);

	g_autoptr (MsProviderDb) db = ms_provider_db_new ();
	g_autoptr (GError) error = NULL;
	g_assert_true (ms_provider_db_add_dir (db, first, &error));
	g_assert_true (ms_provider_db_add_dir (db, second, &error));
	g_autofree char *shipped = providers_dir ();
	g_assert_true (ms_provider_db_add_dir (db, shipped, &error));
	g_assert_no_error (error);

	struct {
		const char *domain, *id;
	} cases[] = {
		{ "example.com", "first" },   /* first directory over second */
		{ "ovh.net", "first" },       /* over the shipped data */
		{ "example.net", "second" },  /* a.xml before b.xml */
		{ "example.info", "third" },
		{ "gmail.com", "googlemail.com" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr (MsConfig) c = ms_provider_db_lookup (db, cases[i].domain);
		g_assert_nonnull (c);
		g_assert_cmpstr (ms_config_get_id (c), ==, cases[i].id);
	}
	g_autoptr (MsConfig) ovh = ms_provider_db_lookup (db, "ovh.net");
	g_assert_cmpstr (first_host (ovh), ==, "imap.first.example");

	/* One note: example.net in both a.xml and b.xml. Overrides across
	 * directories are intended and silent. */
	dump_notes (db);
	GPtrArray *notes = ms_provider_db_get_notes (db);
	g_assert_cmpuint (notes->len, ==, 1);
	const char *msg = ((GError *) g_ptr_array_index (notes, 0))->message;
	g_assert_nonnull (strstr (msg, "b.xml"));
	g_assert_nonnull (strstr (msg, "a.xml"));
	g_assert_nonnull (strstr (msg, "example.net"));

	/* The shipped OVH file lost its only domain: it is not counted. */
	g_autoptr (MsProviderDb) alone = shipped_db ();
	g_assert_cmpuint (ms_provider_db_size (db), ==, 3 + ms_provider_db_size (alone) - 1);
	rm_rf (tmp);
}

/* Broken files are notes naming them; the others load all the same. */
static void
test_broken_files (void)
{
	g_autofree char *tmp = g_dir_make_tmp ("mailsetup-providers-XXXXXX", NULL);
	const char *good_domains[] = { "example.com", NULL };
	const char *bad_domains[] = { "example.org", NULL };
	g_autofree char *good = provider_xml ("good", "imap.example.com", good_domains);
	g_autofree char *other = provider_xml ("hidden", "imap.example.org", bad_domains);

	write_file (tmp, "a-malformed.xml", "<clientConfig version=\"1.1\"><emailProvider id=\"x\">");
	write_file (tmp, "b-empty.xml", "");
	write_file (tmp, "c-good.xml", good);
	write_file (tmp, "d-no-domain.xml",
	            "<clientConfig><emailProvider id=\"x\"><incomingServer type=\"imap\"><hostname>imap.example.net</hostname>"
	            "<port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>");
	write_file (tmp, "e-html.xml", "<html><body>Not found</body></html>");
	write_file (tmp, "f-no-server.xml",
	            "<clientConfig><emailProvider id=\"x\"><domain>example.net</domain></emailProvider></clientConfig>");
	write_file (tmp, "README.md", "not a provider file");
	write_file (tmp, ".hidden.xml", other); /* an editor's or dpkg's leftover: ignored */

	/* Over MS_AUTOCONFIG_MAX_SIZE: refused before reading. */
	g_autofree char *big = g_strnfill (MS_AUTOCONFIG_MAX_SIZE + 1, ' ');
	write_file (tmp, "g-big.xml", big);
	/* A directory and a FIFO by the name of a provider file: left out,
	 * without blocking on the FIFO. */
	g_autofree char *subdir = g_build_filename (tmp, "h-dir.xml", NULL);
	g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
	g_autofree char *fifo = g_build_filename (tmp, "i-fifo.xml", NULL);
	g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
	/* A dangling symbolic link. */
	g_autofree char *link = g_build_filename (tmp, "j-dangling.xml", NULL);
	g_assert_cmpint (symlink ("/nonexistent/provider.xml", link), ==, 0);

	g_autoptr (MsProviderDb) db = ms_provider_db_new ();
	g_autoptr (GError) error = NULL;
	g_assert_true (ms_provider_db_add_dir (db, tmp, &error));
	g_assert_no_error (error);

	g_assert_cmpuint (ms_provider_db_size (db), ==, 1);
	g_autoptr (MsConfig) c = ms_provider_db_lookup (db, "example.com");
	g_assert_nonnull (c);
	g_autoptr (MsConfig) hidden = ms_provider_db_lookup (db, "example.org");
	g_assert_null (hidden);

	dump_notes (db);
	const char *noted[] = { "a-malformed.xml", "b-empty.xml", "d-no-domain.xml", "e-html.xml",
	                        "f-no-server.xml", "g-big.xml", "h-dir.xml", "i-fifo.xml", "j-dangling.xml" };
	g_assert_cmpuint (ms_provider_db_get_notes (db)->len, ==, G_N_ELEMENTS (noted));
	for (guint i = 0; i < G_N_ELEMENTS (noted); i++)
		if (!notes_mention (db, noted[i]))
			g_error ("no note names %s", noted[i]);
	for (guint i = 0; i < ms_provider_db_get_notes (db)->len; i++) {
		const GError *n = g_ptr_array_index (ms_provider_db_get_notes (db), i);
		g_assert_true (n->domain == MS_ERROR || n->domain == G_FILE_ERROR);
	}
	const GError *too_big = NULL;
	for (guint i = 0; i < ms_provider_db_get_notes (db)->len; i++) {
		const GError *n = g_ptr_array_index (ms_provider_db_get_notes (db), i);
		if (strstr (n->message, "g-big.xml"))
			too_big = n;
	}
	g_assert_true (g_error_matches (too_big, MS_ERROR, MS_ERROR_XML_TOO_LARGE));
	rm_rf (tmp);
}

static void
test_missing_dir (void)
{
	g_autoptr (MsProviderDb) db = ms_provider_db_new ();
	g_autoptr (GError) error = NULL;
	g_assert_false (ms_provider_db_add_dir (db, "/nonexistent/mailsetup/providers", &error));
	g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
	g_assert_cmpuint (ms_provider_db_size (db), ==, 0);
	g_assert_cmpuint (ms_provider_db_get_notes (db)->len, ==, 0);
	g_autoptr (MsConfig) c = ms_provider_db_lookup (db, "gmail.com");
	g_assert_null (c);
}

/* More than MS_PROVIDER_DB_MAX_FILES files: the rest are left out, with a note. */
static void
test_max_files (void)
{
	g_autofree char *tmp = g_dir_make_tmp ("mailsetup-providers-XXXXXX", NULL);
	for (guint i = 0; i < MS_PROVIDER_DB_MAX_FILES + 1; i++) {
		g_autofree char *name = g_strdup_printf ("p%05u.xml", i);
		write_file (tmp, name, "");
	}
	g_autoptr (MsProviderDb) db = ms_provider_db_new ();
	g_assert_true (ms_provider_db_add_dir (db, tmp, NULL));
	GPtrArray *notes = ms_provider_db_get_notes (db);
	/* One note per file read (each is empty), one for the bound. */
	g_assert_cmpuint (notes->len, ==, MS_PROVIDER_DB_MAX_FILES + 1);
	guint over = 0;
	for (guint i = 0; i < notes->len; i++)
		over += g_error_matches (g_ptr_array_index (notes, i), MS_ERROR, MS_ERROR_XML_TOO_MANY);
	g_assert_cmpuint (over, ==, 1);
	rm_rf (tmp);
}

/* ms_provider_db_new_default() reads $XDG_DATA_HOME, then $XDG_DATA_DIRS.
 * GLib reads those once per process, so the check runs in a child started
 * after setting them. */
static void
test_default_dirs (void)
{
	if (g_test_subprocess ()) {
		g_autoptr (MsProviderDb) db = ms_provider_db_new_default ();
		dump_notes (db);
		/* Notes about our directories only (an installed copy in
		 * MS_DATADIR is outside this test's control). */
		GPtrArray *notes = ms_provider_db_get_notes (db);
		guint ours = 0;
		for (guint i = 0; i < notes->len; i++)
			ours += strstr (((GError *) g_ptr_array_index (notes, i))->message, "mailsetup-xdg-") != NULL;
		/* The broken file once: a directory listed again is not read again. */
		g_assert_cmpuint (ours, ==, 1);
		g_assert_true (notes_mention (db, "broken.xml"));
		/* The user's own file wins over the system's. */
		g_autoptr (MsConfig) mine = ms_provider_db_lookup (db, "sunrise.ch");
		g_assert_nonnull (mine);
		g_assert_cmpstr (first_host (mine), ==, "imap.user.example");
		/* The rest comes from $XDG_DATA_DIRS (the source tree's data). */
		g_autoptr (MsConfig) ovh = ms_provider_db_lookup (db, "ovh.net");
		g_assert_nonnull (ovh);
		g_assert_cmpstr (first_host (ovh), ==, "ssl0.ovh.net");
		g_autoptr (MsProviderDb) shipped = shipped_db ();
		g_assert_cmpuint (ms_provider_db_size (db), >=, ms_provider_db_size (shipped));
		return;
	}

	g_autofree char *tmp = g_dir_make_tmp ("mailsetup-xdg-XXXXXX", NULL);
	g_autofree char *home = g_build_filename (tmp, "home", NULL);
	g_autofree char *home_providers = g_build_filename (home, "mailsetup", "providers", NULL);
	g_autofree char *sys = g_build_filename (tmp, "sys", NULL);
	g_autofree char *sys_mailsetup = g_build_filename (sys, "mailsetup", NULL);
	g_autofree char *sys_providers = g_build_filename (sys_mailsetup, "providers", NULL);
	g_autofree char *empty = g_build_filename (tmp, "empty", NULL);
	g_assert_cmpint (g_mkdir_with_parents (home_providers, 0700), ==, 0);
	g_assert_cmpint (g_mkdir_with_parents (sys_mailsetup, 0700), ==, 0);
	g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
	g_autofree char *shipped = providers_dir ();
	g_autofree char *shipped_abs = g_canonicalize_filename (shipped, NULL);
	g_assert_cmpint (symlink (shipped_abs, sys_providers), ==, 0);

	const char *mine[] = { "sunrise.ch", NULL };
	g_autofree char *xml = provider_xml ("mine", "imap.user.example", mine);
	write_file (home_providers, "sunrise.ch.xml", xml);
	write_file (home_providers, "broken.xml", "<clientConfig>");

	/* One directory without mailsetup data, the same directory twice, and
	 * $XDG_DATA_HOME again. */
	g_autofree char *dirs = g_strjoin (G_SEARCHPATH_SEPARATOR_S, empty, sys, home, sys, NULL);
	g_setenv ("XDG_DATA_HOME", home, TRUE);
	g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
	g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
	rm_rf (tmp);
	g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);

	g_test_add_func ("/providers/data-files", test_data_files);
	g_test_add_func ("/providers/required", test_required);
	g_test_add_func ("/providers/lookup/mx-domain", test_lookup_mx_domain);
	g_test_add_func ("/providers/lookup/normalised", test_lookup_normalised);
	g_test_add_func ("/providers/lookup/host", test_lookup_host);
	g_test_add_func ("/providers/lookup/copy", test_lookup_copy);
	g_test_add_func ("/providers/dirs/precedence", test_precedence);
	g_test_add_func ("/providers/dirs/broken-files", test_broken_files);
	g_test_add_func ("/providers/dirs/missing", test_missing_dir);
	g_test_add_func ("/providers/dirs/max-files", test_max_files);
	g_test_add_func ("/providers/dirs/default", test_default_dirs);

	return g_test_run ();
}
