/* Unit tests of the autoconfig reader and writer: the ISPDB corpus, golden
 * files (tests/data/autoconfig/NAME.xml → NAME.json), malformed documents
 * and every MS_AUTOCONFIG_MAX_* bound.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include "test-util.h"

static char *
data_path (const char *name)
{
	return g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
}

static MsConfig *
parse_file (const char *path, GError **error)
{
	g_autofree char *text = NULL;
	gsize len = 0;
	g_assert_true (g_file_get_contents (path, &text, &len, NULL));
	return ms_autoconfig_parse (text, len, MS_SOURCE_FILE, MS_TRUST_HIGH, error);
}

static gboolean
servers_equal (GPtrArray *a, GPtrArray *b)
{
	if (a->len != b->len)
		return FALSE;
	for (guint i = 0; i < a->len; i++) {
		const MsServer *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);
		if (ms_server_compare (x, y) != 0 || ms_server_get_port (x) != ms_server_get_port (y) ||
		    g_strcmp0 (ms_server_get_hostname (x), ms_server_get_hostname (y)) != 0 ||
		    g_strcmp0 (ms_server_get_username (x), ms_server_get_username (y)) != 0 ||
		    ms_server_get_auth (x) != ms_server_get_auth (y))
			return FALSE;
	}
	return TRUE;
}

/* The first server of a list is secure whenever the list has one. */
static void
assert_secure_first (GPtrArray *servers, const char *file)
{
	gboolean any_secure = FALSE;
	for (guint i = 0; i < servers->len; i++)
		any_secure |= ms_server_is_secure (g_ptr_array_index (servers, i));
	if (any_secure && !ms_server_is_secure (g_ptr_array_index (servers, 0)))
		g_error ("%s: an insecure server ranks first", file);
}

static void
check_corpus_file (const char *path, guint *plain_seen)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = parse_file (path, &error);

	if (c == NULL)
		g_error ("%s: %s", path, error->message);
	g_assert_cmpuint (ms_config_get_incoming (c)->len + ms_config_get_outgoing (c)->len, >, 0);
	assert_secure_first (ms_config_get_incoming (c), path);
	assert_secure_first (ms_config_get_outgoing (c), path);
	for (guint i = 0; i < ms_config_get_incoming (c)->len; i++)
		*plain_seen += !ms_server_is_secure (g_ptr_array_index (ms_config_get_incoming (c), i));

	/* What we write, we read back the same. */
	g_autofree char *xml = ms_autoconfig_write (c);
	g_autoptr (MsConfig) again = ms_autoconfig_parse (xml, -1, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);
	g_assert_no_error (error);
	g_assert_true (servers_equal (ms_config_get_incoming (c), ms_config_get_incoming (again)));
	g_assert_true (servers_equal (ms_config_get_outgoing (c), ms_config_get_outgoing (again)));
	g_assert_cmpstr (ms_config_get_id (c), ==, ms_config_get_id (again));
	g_assert_cmpstr (ms_config_get_display_name (c), ==, ms_config_get_display_name (again));
	g_assert_cmpuint (ms_config_get_domains (c)->len, ==, ms_config_get_domains (again)->len);
}

static guint
check_corpus_dir (const char *dir)
{
	g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
	const char *name;
	guint files = 0, plain = 0;

	g_assert_nonnull (d);
	while ((name = g_dir_read_name (d)) != NULL) {
		if (!g_str_has_suffix (name, ".xml"))
			continue;
		g_autofree char *path = g_build_filename (dir, name, NULL);
		check_corpus_file (path, &plain);
		files++;
	}
	g_test_message ("%u files, %u plain-text incoming servers kept and ranked last", files, plain);
	g_assert_cmpuint (plain, >, 0);
	return files;
}

static void
test_bundled_corpus (void)
{
	g_autofree char *dir = data_path ("ispdb");
	g_assert_cmpuint (check_corpus_dir (dir), >=, 5);
}

static void
test_shared_corpus (void)
{
	const char *dir = test_shared_ispdb_dir ();
	if (dir == NULL) {
		g_test_skip ("no ../shared/ispdb beside this tree (a release tarball)");
		return;
	}
	/* The snapshot holds 163 providers; all must read. */
	g_assert_cmpuint (check_corpus_dir (dir), ==, 163);
}

static void
test_office365_placeholder (void)
{
	g_autofree char *path = data_path ("ispdb/office365.com.xml");
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = parse_file (path, &error);
	guint placeholders = 0, unsupported = 0;

	g_assert_no_error (error);
	GPtrArray *notes = ms_config_get_notes (c);
	for (guint i = 0; i < notes->len; i++) {
		const GError *e = g_ptr_array_index (notes, i);
		if (g_error_matches (e, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER)) {
			placeholders++;
			g_assert_nonnull (strstr (e->message, "“%EMAILADDRESS”"));
		}
		unsupported += g_error_matches (e, MS_ERROR, MS_ERROR_SERVER_TYPE_UNSUPPORTED);
	}
	g_assert_cmpuint (placeholders, ==, 2);  /* ews and owa */
	g_assert_cmpuint (unsupported, ==, 4);   /* ews, owa, graph, exchange */
	/* Nothing broken passes through to a usable server. */
	for (guint i = 0; i < ms_config_get_incoming (c)->len; i++)
		g_assert_cmpstr (ms_server_get_username (g_ptr_array_index (ms_config_get_incoming (c), i)), ==, "%EMAILADDRESS%");
}

static void
test_golden (gconstpointer name)
{
	g_autofree char *xml_name = g_strconcat ("autoconfig/", name, ".xml", NULL);
	g_autofree char *json_name = g_strconcat ("autoconfig/", name, ".json", NULL);
	g_autofree char *xml_path = data_path (xml_name);
	g_autofree char *json_path = data_path (json_name);
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = parse_file (xml_path, &error);
	g_autoptr (MsAddress) a = ms_address_parse ("jean@example.fr", NULL);

	g_assert_no_error (error);
	g_autofree char *got = ms_config_to_json (c, a, TRUE);
	g_autoptr (JsonParser) expected = json_parser_new ();
	g_autoptr (JsonParser) actual = json_parser_new ();
	g_assert_true (json_parser_load_from_file (expected, json_path, NULL));
	g_assert_true (json_parser_load_from_data (actual, got, -1, NULL));
	if (!json_node_equal (json_parser_get_root (expected), json_parser_get_root (actual)))
		g_error ("%s differs from the expected %s; got:\n%s", xml_name, json_name, got);
}

static void
test_malformed (void)
{
	g_autoptr (GPtrArray) rows = test_read_table ("autoconfig-bad.txt", 2);

	for (guint i = 0; i < rows->len; i++) {
		char **f = g_ptr_array_index (rows, i);
		g_autofree char *name = g_strconcat ("autoconfig/bad/", f[0], NULL);
		g_autofree char *path = data_path (name);
		g_autoptr (GError) error = NULL;
		g_autoptr (MsConfig) c = parse_file (path, &error);

		g_test_message ("%s: expecting %s", f[0], f[1]);
		g_assert_null (c);
		g_assert_nonnull (error);
		g_assert_true (error->domain == MS_ERROR);
		g_assert_cmpstr (ms_error_code_name (error->code), ==, f[1]);
	}
}

static void
assert_refused (const char *doc, gssize len, MsError code)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autoconfig_parse (doc, len, MS_SOURCE_AUTOCONFIG, MS_TRUST_HIGH, &error);
	g_assert_null (c);
	g_assert_error (error, MS_ERROR, (int) code);
}

static const char *server_xml =
	"<incomingServer type=\"imap\"><hostname>imap.x.example</hostname><port>993</port>"
	"<socketType>SSL</socketType></incomingServer>";

static void
test_limits (void)
{
	g_autoptr (GString) doc = g_string_new (NULL);

	/* Size: refused before any parsing. */
	g_string_append (doc, "<clientConfig><emailProvider id=\"x\"><displayName>");
	while (doc->len <= MS_AUTOCONFIG_MAX_SIZE)
		g_string_append (doc, "<!-- padding padding padding padding -->");
	g_string_append (doc, "</displayName></emailProvider></clientConfig>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_TOO_LARGE);

	/* Depth: one level over the limit. */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\">");
	for (int i = 2; i <= MS_AUTOCONFIG_MAX_DEPTH; i++)
		g_string_append (doc, "<a>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_TOO_DEEP);
	/* …while exactly at the limit is fine (the rest of the document is what fails). */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\">");
	for (int i = 3; i <= MS_AUTOCONFIG_MAX_DEPTH; i++)
		g_string_append (doc, "<a>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_MALFORMED);

	/* Servers. */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\">");
	for (int i = 0; i <= MS_AUTOCONFIG_MAX_SERVERS; i++)
		g_string_append (doc, server_xml);
	g_string_append (doc, "</emailProvider></clientConfig>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_TOO_MANY);

	/* Elements (small ones, under the size limit). */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\">");
	for (int i = 0; i <= MS_AUTOCONFIG_MAX_ELEMENTS; i++)
		g_string_append (doc, "<b/>");
	g_string_append (doc, "</emailProvider></clientConfig>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_TOO_MANY);

	/* Text of one element. */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\"><displayName>");
	for (int i = 0; i <= MS_AUTOCONFIG_MAX_TEXT; i++)
		g_string_append_c (doc, 'x');
	g_string_append (doc, "</displayName></emailProvider></clientConfig>");
	assert_refused (doc->str, doc->len, MS_ERROR_XML_TOO_LARGE);

	/* And a document just under each limit still reads. */
	g_string_assign (doc, "<clientConfig><emailProvider id=\"x\">");
	for (int i = 0; i < MS_AUTOCONFIG_MAX_SERVERS; i++)
		g_string_append (doc, server_xml);
	g_string_append (doc, "</emailProvider></clientConfig>");
	g_autoptr (MsConfig) ok = ms_autoconfig_parse (doc->str, doc->len, MS_SOURCE_AUTOCONFIG, MS_TRUST_HIGH, NULL);
	g_assert_nonnull (ok);
	g_assert_cmpuint (ms_config_get_incoming (ok)->len, ==, MS_AUTOCONFIG_MAX_SERVERS);
	g_assert_cmpint (ms_server_get_source (g_ptr_array_index (ms_config_get_incoming (ok), 0)), ==, MS_SOURCE_AUTOCONFIG);
}

static void
test_not_nul_terminated (void)
{
	/* The reader honours the length: bytes after it are never read. */
	const char doc[] = "<clientConfig><emailProvider id=\"x\"><incomingServer type=\"imap\">"
	                   "<hostname>imap.x.example</hostname><port>993</port><socketType>SSL</socketType>"
	                   "</incomingServer></emailProvider></clientConfig>GARBAGE";
	g_autoptr (MsConfig) c = ms_autoconfig_parse (doc, sizeof doc - 1 - strlen ("GARBAGE"),
	                                              MS_SOURCE_FILE, MS_TRUST_HIGH, NULL);
	g_assert_nonnull (c);
}

/* Found by fuzz-autoconfig: a repeated attribute leaked its first value. */
static void
test_repeated_attributes (void)
{
	const char *doc =
		"<clientConfig><emailProvider id=\"x\"><incomingServer type=\"pop3\" type=\"smtp\">"
		"<hostname>pop.x.example</hostname><port>995</port><socketType>SSL</socketType></incomingServer>"
		"<documentation url=\"https://a.example/\" url=\"https://b.example/\"><descr lang=\"fr\" lang=\"en\">Aide</descr>"
		"</documentation></emailProvider></clientConfig>";
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autoconfig_parse (doc, -1, MS_SOURCE_FILE, MS_TRUST_HIGH, &error);

	g_assert_no_error (error);
	g_assert_cmpint (ms_server_get_protocol (g_ptr_array_index (ms_config_get_incoming (c), 0)), ==, MS_PROTOCOL_POP3);
	g_assert_cmpstr (((MsDocumentation *) g_ptr_array_index (ms_config_get_documentation (c), 0))->url, ==,
	                 "https://a.example/");
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/autoconfig/bundled-corpus", test_bundled_corpus);
	g_test_add_func ("/autoconfig/shared-ispdb-corpus", test_shared_corpus);
	g_test_add_func ("/autoconfig/office365-placeholder", test_office365_placeholder);
	g_test_add_data_func ("/autoconfig/golden/mixed", "mixed", test_golden);
	g_test_add_data_func ("/autoconfig/golden/broken-servers", "broken-servers", test_golden);
	g_test_add_data_func ("/autoconfig/golden/oauth2", "oauth2", test_golden);
	g_test_add_data_func ("/autoconfig/golden/latin1", "latin1", test_golden);
	g_test_add_func ("/autoconfig/malformed", test_malformed);
	g_test_add_func ("/autoconfig/limits", test_limits);
	g_test_add_func ("/autoconfig/length", test_not_nul_terminated);
	g_test_add_func ("/autoconfig/repeated-attributes", test_repeated_attributes);
	return g_test_run ();
}
