/* The XML property-list reader: every value type, the limits, and what is
 * refused (binary plists, entity declarations, repeated keys…).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <mailsetup/error.h>
#include "formats/plist.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"

static MsPlist *
parse_ok (const char *text)
{
	g_autoptr (GError) error = NULL;
	MsPlist *p = _ms_plist_parse (text, strlen (text), &error);
	g_assert_no_error (error);
	g_assert_nonnull (p);
	return p;
}

static void
parse_fails (const char *text, int code, const char *fragment)
{
	g_autoptr (GError) error = NULL;
	MsPlist *p = _ms_plist_parse (text, strlen (text), &error);
	g_assert_null (p);
	g_assert_error (error, MS_ERROR, code);
	if (fragment && !strstr (error->message, fragment))
		g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_types (void)
{
	g_autoptr (MsPlist) p = parse_ok (
		HEAD "<plist version=\"1.0\"><dict>\n"
		"<key>s</key><string>a &amp; b &lt;c&gt;</string>\n"
		"<key>empty</key><string/>\n"
		"<key>i</key><integer> -42 </integer>\n"
		"<key>big</key><integer>9223372036854775807</integer>\n"
		"<key>r</key><real>2.5</real>\n"
		"<key>t</key><true/><key>f</key><false/>\n"
		"<key>d</key><data>\n  aGVs\n  bG8=\n</data>\n"
		"<key>date</key><date>2030-01-02T03:04:05Z</date>\n"
		"<key>a</key><array><integer>1</integer><array/><dict/></array>\n"
		"<key>cdata</key><string><![CDATA[<x>]]></string>\n"
		"</dict></plist>\n");

	g_assert_cmpint (p->type, ==, MS_PLIST_DICT);
	g_assert_cmpuint (_ms_plist_size (p), ==, 11);
	g_assert_cmpstr (_ms_plist_key (p, 0), ==, "s");
	g_assert_cmpstr (_ms_plist_get_string (p, "s"), ==, "a & b <c>");
	g_assert_cmpstr (_ms_plist_get_string (p, "empty"), ==, "");
	g_assert_cmpint (_ms_plist_get (p, "i")->v.integer, ==, -42);
	g_assert_cmpint (_ms_plist_get (p, "big")->v.integer, ==, G_MAXINT64);
	g_assert_cmpfloat (_ms_plist_get (p, "r")->v.real, ==, 2.5);
	g_assert_true (_ms_plist_get (p, "t")->v.boolean);
	g_assert_false (_ms_plist_get (p, "f")->v.boolean);
	gsize len = 0;
	const char *bytes = g_bytes_get_data (_ms_plist_get (p, "d")->v.data, &len);
	g_assert_cmpmem (bytes, len, "hello", 5);
	g_assert_cmpint (g_date_time_get_year (_ms_plist_get (p, "date")->v.date), ==, 2030);
	g_assert_cmpint (g_date_time_get_second (_ms_plist_get (p, "date")->v.date), ==, 5);
	const MsPlist *a = _ms_plist_get (p, "a");
	g_assert_cmpint (a->type, ==, MS_PLIST_ARRAY);
	g_assert_cmpuint (_ms_plist_size (a), ==, 3);
	g_assert_cmpint (_ms_plist_item (a, 1)->type, ==, MS_PLIST_ARRAY);
	g_assert_cmpint (_ms_plist_item (a, 2)->type, ==, MS_PLIST_DICT);
	g_assert_cmpstr (_ms_plist_get_string (p, "cdata"), ==, "<x>");
	g_assert_null (_ms_plist_get (p, "missing"));
	g_assert_null (_ms_plist_get_string (p, "i"));
	g_assert_null (_ms_plist_get (a, "s"));
}

static void
test_root_scalar (void)
{
	g_autoptr (MsPlist) p = parse_ok ("<plist><string>x</string></plist>");
	g_assert_cmpint (p->type, ==, MS_PLIST_STRING);
	g_assert_cmpstr (_ms_plist_type_name (p->type), ==, "string");
}

static void
test_malformed (void)
{
	parse_fails ("bplist00\x01\x02", MS_ERROR_XML_MALFORMED, "binary");
	parse_fails ("<dict/>", MS_ERROR_XML_MALFORMED, "<plist>");
	parse_fails ("<plist></plist>", MS_ERROR_XML_MALFORMED, "empty");
	parse_fails ("<plist><string>a</string><string>b</string></plist>", MS_ERROR_XML_MALFORMED, "one value");
	parse_fails ("<plist><dict><key>a</key><true/><key>a</key><false/></dict></plist>", MS_ERROR_XML_MALFORMED,
	             "twice");
	parse_fails ("<plist><dict><key>a</key></dict></plist>", MS_ERROR_XML_MALFORMED, "no value");
	parse_fails ("<plist><dict><true/></dict></plist>", MS_ERROR_XML_MALFORMED, "without its <key>");
	parse_fails ("<plist><dict><key>a</key><key>b</key></dict></plist>", MS_ERROR_XML_MALFORMED, "<key>");
	parse_fails ("<plist><array><key>a</key></array></plist>", MS_ERROR_XML_MALFORMED, "<key>");
	parse_fails ("<plist><dict>text</dict></plist>", MS_ERROR_XML_MALFORMED, "outside");
	parse_fails ("<plist><integer>12x</integer></plist>", MS_ERROR_XML_MALFORMED, "integer");
	parse_fails ("<plist><integer>99999999999999999999</integer></plist>", MS_ERROR_XML_MALFORMED, "integer");
	parse_fails ("<plist><real>1.5e</real></plist>", MS_ERROR_XML_MALFORMED, "number");
	parse_fails ("<plist><real></real></plist>", MS_ERROR_XML_MALFORMED, "number");
	parse_fails ("<plist><true>yes</true></plist>", MS_ERROR_XML_MALFORMED, "holds text");
	parse_fails ("<plist><data>a$b=</data></plist>", MS_ERROR_XML_MALFORMED, "base64");
	parse_fails ("<plist><data>abc</data></plist>", MS_ERROR_XML_MALFORMED, "base64");
	parse_fails ("<plist><date>tomorrow</date></plist>", MS_ERROR_XML_MALFORMED, "date");
	parse_fails ("<plist><string>a<b/></string></plist>", MS_ERROR_XML_MALFORMED, "inside a text");
	parse_fails ("<plist><set/></plist>", MS_ERROR_XML_MALFORMED, "not a property list element");
	parse_fails ("<plist><string>a</string></plist><plist/>", MS_ERROR_XML_MALFORMED, NULL);
	parse_fails ("<plist><dict>", MS_ERROR_XML_MALFORMED, NULL);
	parse_fails ("<plist><string>\xff</string></plist>", MS_ERROR_XML_MALFORMED, "UTF-8");
	parse_fails ("<plist><string>&bomb;</string></plist>", MS_ERROR_XML_MALFORMED, NULL);
	/* An internal subset could declare entities: refused. */
	parse_fails ("<!DOCTYPE plist [<!ENTITY a \"b\">]><plist><string>&a;</string></plist>",
	             MS_ERROR_XML_MALFORMED, "document type");
	parse_fails ("<!DOCTYPE html><plist><string/></plist>", MS_ERROR_XML_MALFORMED, "document type");
}

static void
test_limits (void)
{
	g_autoptr (GString) deep = g_string_new ("<plist>");
	for (int i = 0; i < MS_PLIST_MAX_DEPTH + 1; i++)
		g_string_append (deep, "<array>");
	parse_fails (deep->str, MS_ERROR_XML_TOO_DEEP, "deeper");

	g_autoptr (GString) ok = g_string_new ("<plist>");
	for (int i = 0; i < MS_PLIST_MAX_DEPTH; i++)
		g_string_append (ok, "<array>");
	for (int i = 0; i < MS_PLIST_MAX_DEPTH; i++)
		g_string_append (ok, "</array>");
	g_string_append (ok, "</plist>");
	g_autoptr (MsPlist) p = parse_ok (ok->str);

	g_autoptr (GString) many = g_string_new ("<plist><array>");
	for (int i = 0; i < MS_PLIST_MAX_VALUES; i++)
		g_string_append (many, "<true/>");
	g_string_append (many, "</array></plist>");
	parse_fails (many->str, MS_ERROR_XML_TOO_MANY, "values");

	g_autoptr (GString) longtext = g_string_new ("<plist><string>");
	for (int i = 0; i < MS_PLIST_MAX_TEXT + 1; i++)
		g_string_append_c (longtext, 'x');
	g_string_append (longtext, "</string></plist>");
	parse_fails (longtext->str, MS_ERROR_XML_TOO_LARGE, "longer");

	g_autofree char *huge = g_malloc0 (MS_PLIST_MAX_SIZE + 2);
	memset (huge, ' ', MS_PLIST_MAX_SIZE + 1);
	parse_fails (huge, MS_ERROR_XML_TOO_LARGE, "larger");
}

static void
test_encoding (void)
{
	/* A declared encoding is honoured: "é" in ISO-8859-1. */
	const char *latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><plist><string>caf\xe9</string></plist>";
	g_autoptr (MsPlist) p = parse_ok (latin1);
	g_assert_cmpstr (p->v.string, ==, "café");
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/plist/types", test_types);
	g_test_add_func ("/plist/root-scalar", test_root_scalar);
	g_test_add_func ("/plist/malformed", test_malformed);
	g_test_add_func ("/plist/limits", test_limits);
	g_test_add_func ("/plist/encoding", test_encoding);
	return g_test_run ();
}
