/* Unit tests of the Autodiscover (POX) request and response reader: golden
 * files (tests/data/autodiscover/NAME.xml → NAME.json), refused responses
 * (tests/data/autodiscover-bad.txt), redirects, <Error> responses and every
 * MS_AUTODISCOVER_MAX_* bound, just over and at the limit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/autodiscover.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include "test-util.h"

static char *
data_path (const char *name)
{
	return g_test_build_filename (G_TEST_DIST, "..", "data", "autodiscover", name, NULL);
}

static MsConfig *
parse_file (const char *name, MsTrust trust, MsAutodiscoverRedirect *redirect, GError **error)
{
	g_autofree char *path = data_path (name);
	g_autofree char *text = NULL;
	gsize len = 0;

	g_assert_true (g_file_get_contents (path, &text, &len, NULL));
	return ms_autodiscover_parse (text, len, trust, redirect, error);
}

/* --- request ------------------------------------------------------------ */

static void
collect_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
	const char *element = g_markup_parse_context_get_element (ctx);
	if (g_strcmp0 (element, "EMailAddress") == 0)
		g_string_append_len (data, text, len);
}

static void
test_request (void)
{
	const char *typed = "o'brien&co@example.fr";
	g_autoptr (MsAddress) a = ms_address_parse (typed, NULL);
	g_assert_nonnull (a);
	g_autofree char *body = ms_autodiscover_request (a);

	/* Exactly the document Outlook and Thunderbird send... */
	g_autofree char *escaped = g_markup_escape_text (typed, -1);
	g_autofree char *expected = g_strconcat (
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>"
		"<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
		"<Request><EMailAddress>", escaped, "</EMailAddress>"
		"<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
		"</AcceptableResponseSchema></Request></Autodiscover>", NULL);
	g_assert_cmpstr (body, ==, expected);
	/* ...with the address escaped (GLib writes &apos; or &#39;), and
	 * reading back as typed. */
	g_assert_null (strstr (body, "&co"));
	g_assert_null (strstr (body, "o'b"));
	static const GMarkupParser reader = { NULL, NULL, collect_text, NULL, NULL };
	g_autoptr (GString) address = g_string_new (NULL);
	GMarkupParseContext *ctx = g_markup_parse_context_new (&reader, 0, address, NULL);
	g_assert_true (g_markup_parse_context_parse (ctx, body, -1, NULL));
	g_assert_true (g_markup_parse_context_end_parse (ctx, NULL));
	g_markup_parse_context_free (ctx);
	g_assert_cmpstr (address->str, ==, typed);

	/* An internationalised domain is sent in its ASCII form. */
	g_autoptr (MsAddress) idn = ms_address_parse ("jean@exemple-\xc3\xa9t\xc3\xa9.fr", NULL);
	g_autofree char *body2 = ms_autodiscover_request (idn);
	g_autofree char *wanted = g_strdup_printf ("<EMailAddress>jean@%s</EMailAddress>", ms_address_get_domain (idn));
	g_assert_true (g_str_has_prefix (ms_address_get_domain (idn), "xn--"));
	g_assert_nonnull (strstr (body2, wanted));

	/* Our own request is not a response. */
	g_autoptr (GError) error = NULL;
	g_assert_null (ms_autodiscover_parse (body, -1, MS_TRUST_HIGH, NULL, &error));
	g_assert_error (error, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG);
}

/* --- golden files ------------------------------------------------------- */

/* Every member the expected document has, the actual one has, equal;
 * members added to the JSON schema later do not break the golden files. */
static gboolean
json_includes (JsonNode *expected, JsonNode *actual, GString *where)
{
	if (JSON_NODE_TYPE (expected) != JSON_NODE_TYPE (actual))
		return FALSE;
	if (JSON_NODE_HOLDS_OBJECT (expected)) {
		JsonObject *e = json_node_get_object (expected), *a = json_node_get_object (actual);
		g_autoptr (GList) members = json_object_get_members (e);
		for (GList *m = members; m; m = m->next) {
			if (!json_object_has_member (a, m->data) ||
			    !json_includes (json_object_get_member (e, m->data), json_object_get_member (a, m->data), where)) {
				g_string_prepend (where, m->data);
				g_string_prepend_c (where, '/');
				return FALSE;
			}
		}
		return TRUE;
	}
	if (JSON_NODE_HOLDS_ARRAY (expected)) {
		JsonArray *e = json_node_get_array (expected), *a = json_node_get_array (actual);
		if (json_array_get_length (e) != json_array_get_length (a))
			return FALSE;
		for (guint i = 0; i < json_array_get_length (e); i++)
			if (!json_includes (json_array_get_element (e, i), json_array_get_element (a, i), where)) {
				g_autofree char *index = g_strdup_printf ("/[%u]", i);
				g_string_prepend (where, index);
				return FALSE;
			}
		return TRUE;
	}
	return json_node_equal (expected, actual);
}

static void
test_golden (gconstpointer name)
{
	g_autofree char *xml_name = g_strconcat (name, ".xml", NULL);
	g_autofree char *json_name = g_strconcat (name, ".json", NULL);
	g_autofree char *json_path = data_path (json_name);
	g_autoptr (GError) error = NULL;
	g_auto (MsAutodiscoverRedirect) redirect = { 0 };
	g_autoptr (MsConfig) c = parse_file (xml_name, MS_TRUST_HIGH, &redirect, &error);
	g_autoptr (MsAddress) a = ms_address_parse ("jean@example.fr", NULL);

	g_assert_no_error (error);
	g_assert_nonnull (c);
	g_assert_cmpint (redirect.kind, ==, MS_AUTODISCOVER_REDIRECT_NONE);
	g_autofree char *got = ms_config_to_json (c, a, TRUE);
	g_autoptr (JsonParser) expected = json_parser_new ();
	g_autoptr (JsonParser) actual = json_parser_new ();
	g_assert_true (json_parser_load_from_file (expected, json_path, NULL));
	g_assert_true (json_parser_load_from_data (actual, got, -1, NULL));
	g_autoptr (GString) where = g_string_new (NULL);
	if (!json_includes (json_parser_get_root (expected), json_parser_get_root (actual), where))
		g_error ("%s differs from the expected %s at %s; got:\n%s", xml_name, json_name, where->str, got);
}

/* --- refused responses -------------------------------------------------- */

static void
test_malformed (void)
{
	g_autoptr (GPtrArray) rows = test_read_table ("autodiscover-bad.txt", 2);

	for (guint i = 0; i < rows->len; i++) {
		char **f = g_ptr_array_index (rows, i);
		g_autofree char *name = g_strconcat ("bad/", f[0], NULL);
		g_autoptr (GError) error = NULL;
		g_auto (MsAutodiscoverRedirect) redirect = { 0 };
		g_autoptr (MsConfig) c = parse_file (name, MS_TRUST_HIGH, &redirect, &error);

		g_test_message ("%s: expecting %s", f[0], f[1]);
		g_assert_null (c);
		g_assert_nonnull (error);
		g_assert_true (error->domain == MS_ERROR);
		g_assert_cmpstr (ms_error_code_name (error->code), ==, f[1]);
		g_assert_cmpint (redirect.kind, ==, MS_AUTODISCOVER_REDIRECT_NONE);
		g_assert_null (redirect.target);
	}
}

static void
test_error_response (void)
{
	g_autoptr (GError) e600 = NULL, e601 = NULL;
	g_autoptr (MsConfig) c600 = parse_file ("bad/error-600.xml", MS_TRUST_HIGH, NULL, &e600);
	g_autoptr (MsConfig) c601 = parse_file ("bad/error-601.xml", MS_TRUST_HIGH, NULL, &e601);

	g_assert_null (c600);
	g_assert_null (c601);
	g_assert_error (e600, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_assert_nonnull (strstr (e600->message, "600"));
	g_assert_nonnull (strstr (e600->message, "Invalid Request"));
	g_assert_error (e601, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_assert_nonnull (strstr (e601->message, "601"));
	g_assert_nonnull (strstr (e601->message, "Requested schema version not supported"));
}

/* Office 365 answers with Exchange's own protocols only: each is named in
 * the error, none silently dropped; nested <Protocol>s of WEB are not
 * entries of the account. */
static void
test_office365 (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = parse_file ("bad/office365.xml", MS_TRUST_HIGH, NULL, &error);
	const char *types[] = { "“mapiHttp”", "“EXCH”", "“EXPR”", "“WEB”" };

	g_assert_null (c);
	g_assert_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	for (guint i = 0; i < G_N_ELEMENTS (types); i++)
		g_assert_nonnull (strstr (error->message, types[i]));
	/* 4 entries: the two nested in WEB are not counted. */
	g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
	g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4);
}

/* --- redirects ---------------------------------------------------------- */

static void
assert_redirect (const char *file, MsAutodiscoverRedirectKind kind, const char *target)
{
	g_autoptr (GError) error = NULL;
	g_auto (MsAutodiscoverRedirect) redirect = { 0 };
	g_autoptr (MsConfig) c = parse_file (file, MS_TRUST_HIGH, &redirect, &error);

	g_assert_null (c);
	g_assert_no_error (error);
	g_assert_cmpint (redirect.kind, ==, kind);
	g_assert_cmpstr (redirect.target, ==, target);

	/* Without a place to put it, a redirect is an error naming the target. */
	g_autoptr (MsConfig) c2 = parse_file (file, MS_TRUST_HIGH, NULL, &error);
	g_assert_null (c2);
	g_assert_error (error, MS_ERROR, MS_ERROR_NO_USABLE_SERVER);
	g_assert_nonnull (strstr (error->message, target));
}

static void
test_redirects (void)
{
	/* The address is normalised (domain in lower case). */
	assert_redirect ("redirect-addr.xml", MS_AUTODISCOVER_REDIRECT_ADDRESS, "Jean.Dupont@example-corp.com");
	/* The host is normalised; port, path and query (still encoded) kept. */
	assert_redirect ("redirect-url.xml", MS_AUTODISCOVER_REDIRECT_URL,
	                 "https://autodiscover.hoster.example:8443/autodiscover/autodiscover.xml?x=1%202");
	/* Like Thunderbird, a <RedirectAddr> counts without its <Action>. */
	assert_redirect ("redirect-no-action.xml", MS_AUTODISCOVER_REDIRECT_ADDRESS, "jean@example.net");

	/* A stale redirect in the caller's struct is cleared by a new parse. */
	g_auto (MsAutodiscoverRedirect) redirect = { MS_AUTODISCOVER_REDIRECT_URL, g_strdup ("https://old.example/") };
	g_autoptr (MsConfig) c = parse_file ("cpanel.xml", MS_TRUST_HIGH, &redirect, NULL);
	g_assert_nonnull (c);
	g_assert_cmpint (redirect.kind, ==, MS_AUTODISCOVER_REDIRECT_NONE);
	g_assert_null (redirect.target);
}

/* --- source, trust, length ---------------------------------------------- */

static void
test_source_and_trust (void)
{
	g_autoptr (MsConfig) c = parse_file ("encryption.xml", MS_TRUST_NONE, NULL, NULL);
	GPtrArray *lists[] = { ms_config_get_incoming (c), ms_config_get_outgoing (c) };

	g_assert_nonnull (c);
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const MsServer *s = g_ptr_array_index (lists[l], i);
			g_assert_cmpint (ms_server_get_source (s), ==, MS_SOURCE_AUTODISCOVER);
			g_assert_cmpint (ms_server_get_trust (s), ==, MS_TRUST_NONE);
		}
}

static const char one_server[] =
	"<Autodiscover><Response><Account><Protocol><Type>IMAP</Type><Server>imap.x.example</Server>"
	"<Port>993</Port></Protocol></Account></Response></Autodiscover>";

static void
test_not_nul_terminated (void)
{
	/* The reader honours the length: bytes after it are never read. */
	g_autofree char *doc = g_strconcat (one_server, "GARBAGE", NULL);
	g_autoptr (MsConfig) c = ms_autodiscover_parse (doc, strlen (one_server), MS_TRUST_HIGH, NULL, NULL);
	g_assert_nonnull (c);
	g_assert_cmpuint (ms_config_get_incoming (c)->len, ==, 1);
}

/* --- encodings ---------------------------------------------------------- */

static void
test_encodings (void)
{
	static const char latin1[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Autodiscover><Response>"
		"<User><DisplayName>J\xe9r\xf4me</DisplayName></User><Account><Protocol><Type>IMAP</Type>"
		"<Server>imap.x.example</Server><Port>993</Port><LoginName>j\xe9r\xf4me</LoginName>"
		"</Protocol></Account></Response></Autodiscover>";
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autodiscover_parse (latin1, -1, MS_TRUST_HIGH, NULL, &error);

	/* A declared encoding is converted... */
	g_assert_no_error (error);
	g_assert_cmpstr (ms_server_get_username (g_ptr_array_index (ms_config_get_incoming (c), 0)), ==,
	                 "j\xc3\xa9r\xc3\xb4me");

	/* ...but undeclared bytes that are not UTF-8 are refused, even in a
	 * comment, where GLib 2.74 reports the error yet returns success. */
	static const char *bad[] = { "\xff", "\xc3", "\x00" };
	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr (GString) doc = g_string_new (one_server);
		g_autoptr (GError) e = NULL;
		g_string_append (doc, "<!--");
		g_string_append_len (doc, bad[i], 1);
		g_string_append (doc, "-->");
		g_autoptr (MsConfig) refused = ms_autodiscover_parse (doc->str, doc->len, MS_TRUST_HIGH, NULL, &e);
		g_assert_null (refused);
		g_assert_error (e, MS_ERROR, MS_ERROR_XML_MALFORMED);
	}
}

/* --- limits ------------------------------------------------------------- */

static void
assert_refused (const GString *doc, MsError code)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autodiscover_parse (doc->str, doc->len, MS_TRUST_HIGH, NULL, &error);
	g_assert_null (c);
	g_assert_error (error, MS_ERROR, (int) code);
}

static void
assert_accepted (const GString *doc, guint incoming)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (MsConfig) c = ms_autodiscover_parse (doc->str, doc->len, MS_TRUST_HIGH, NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (ms_config_get_incoming (c)->len, ==, incoming);
}

#define HEAD "<Autodiscover><Response><Account>"
#define TAIL "</Account></Response></Autodiscover>"
#define PROTOCOL "<Protocol><Type>IMAP</Type><Server>imap.x.example</Server><Port>993</Port></Protocol>"

static void
test_limit_size (void)
{
	g_autoptr (GString) doc = g_string_new (one_server);

	/* Exactly at the limit, padded with a comment, reads. */
	g_string_append (doc, "<!--");
	while (doc->len < MS_AUTODISCOVER_MAX_SIZE - 3)
		g_string_append_c (doc, 'x');
	g_string_append (doc, "-->");
	g_assert_cmpuint (doc->len, ==, MS_AUTODISCOVER_MAX_SIZE);
	assert_accepted (doc, 1);
	/* One byte more is refused before any parsing. */
	g_string_append_c (doc, '\n');
	assert_refused (doc, MS_ERROR_XML_TOO_LARGE);
}

static void
test_limit_depth (void)
{
	g_autoptr (GString) doc = g_string_new (NULL);

	/* Autodiscover, Response, Account are 3 levels; <x>s fill up to the limit. */
	for (int extra = 0; extra <= 1; extra++) {
		g_string_assign (doc, HEAD PROTOCOL);
		for (int i = 4; i <= MS_AUTODISCOVER_MAX_DEPTH + extra; i++)
			g_string_append (doc, "<x>");
		for (int i = 4; i <= MS_AUTODISCOVER_MAX_DEPTH + extra; i++)
			g_string_append (doc, "</x>");
		g_string_append (doc, TAIL);
		if (extra)
			assert_refused (doc, MS_ERROR_XML_TOO_DEEP);
		else
			assert_accepted (doc, 1);
	}
}

static void
test_limit_elements (void)
{
	g_autoptr (GString) doc = g_string_new (NULL);

	/* 3 + 4 elements, then <x/>s up to the limit. */
	for (int extra = 0; extra <= 1; extra++) {
		g_string_assign (doc, HEAD PROTOCOL);
		for (int i = 7; i < MS_AUTODISCOVER_MAX_ELEMENTS + extra; i++)
			g_string_append (doc, "<x/>");
		g_string_append (doc, TAIL);
		if (extra)
			assert_refused (doc, MS_ERROR_XML_TOO_MANY);
		else
			assert_accepted (doc, 1);
	}
}

static void
test_limit_protocols (void)
{
	g_autoptr (GString) doc = g_string_new (NULL);

	for (int extra = 0; extra <= 1; extra++) {
		g_string_assign (doc, HEAD);
		for (int i = 0; i < MS_AUTODISCOVER_MAX_PROTOCOLS + extra; i++)
			g_string_append (doc, PROTOCOL);
		g_string_append (doc, TAIL);
		if (extra)
			assert_refused (doc, MS_ERROR_XML_TOO_MANY);
		else
			assert_accepted (doc, MS_AUTODISCOVER_MAX_PROTOCOLS);
	}
	/* Unusable entries count too: they cost the same to read. */
	g_string_assign (doc, HEAD PROTOCOL);
	for (int i = 0; i < MS_AUTODISCOVER_MAX_PROTOCOLS; i++)
		g_string_append (doc, "<Protocol><Type>EXCH</Type></Protocol>");
	g_string_append (doc, TAIL);
	assert_refused (doc, MS_ERROR_XML_TOO_MANY);
}

static void
test_limit_text (void)
{
	g_autoptr (GString) doc = g_string_new (NULL);

	/* Text is bounded wherever it is, even in elements never read. */
	for (int extra = 0; extra <= 1; extra++) {
		g_string_assign (doc, HEAD PROTOCOL "<Unknown>");
		for (int i = 0; i < MS_AUTODISCOVER_MAX_TEXT + extra; i++)
			g_string_append_c (doc, 'x');
		g_string_append (doc, "</Unknown>" TAIL);
		if (extra)
			assert_refused (doc, MS_ERROR_XML_TOO_LARGE);
		else
			assert_accepted (doc, 1);
	}
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/autodiscover/request", test_request);
	g_test_add_data_func ("/autodiscover/golden/cpanel", "cpanel", test_golden);
	g_test_add_data_func ("/autodiscover/golden/encryption", "encryption", test_golden);
	g_test_add_data_func ("/autodiscover/golden/prefixed", "prefixed", test_golden);
	g_test_add_data_func ("/autodiscover/golden/auth", "auth", test_golden);
	g_test_add_data_func ("/autodiscover/golden/broken", "broken", test_golden);
	g_test_add_func ("/autodiscover/malformed", test_malformed);
	g_test_add_func ("/autodiscover/error-response", test_error_response);
	g_test_add_func ("/autodiscover/office365", test_office365);
	g_test_add_func ("/autodiscover/redirects", test_redirects);
	g_test_add_func ("/autodiscover/source-and-trust", test_source_and_trust);
	g_test_add_func ("/autodiscover/length", test_not_nul_terminated);
	g_test_add_func ("/autodiscover/encodings", test_encodings);
	g_test_add_func ("/autodiscover/limits/size", test_limit_size);
	g_test_add_func ("/autodiscover/limits/depth", test_limit_depth);
	g_test_add_func ("/autodiscover/limits/elements", test_limit_elements);
	g_test_add_func ("/autodiscover/limits/protocols", test_limit_protocols);
	g_test_add_func ("/autodiscover/limits/text", test_limit_text);
	return g_test_run ();
}
