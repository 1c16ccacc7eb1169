/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

#include <string.h>

GPtrArray *
test_read_table (const char *relative_path, guint min_fields)
{
	g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", relative_path, NULL);
	g_autofree char *text = NULL;
	g_autoptr (GError) error = NULL;
	GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

	if (!g_file_get_contents (path, &text, NULL, &error))
		g_error ("%s", error->message);
	g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
	for (guint i = 0; lines[i]; i++) {
		if (lines[i][0] == '#' || lines[i][0] == '\0')
			continue;
		char **fields = g_strsplit (lines[i], "\t", -1);
		if (g_strv_length (fields) < min_fields)
			g_error ("%s:%u: %u fields, %u expected", path, i + 1, g_strv_length (fields), min_fields);
		g_ptr_array_add (rows, fields);
	}
	g_assert_cmpuint (rows->len, >, 0);
	return rows;
}

char *
test_unescape (const char *s)
{
	GString *out = g_string_new (NULL);
	for (const char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == 't') {
			g_string_append_c (out, '\t');
			p++;
		} else if (p[0] == '\\' && p[1] == 'n') {
			g_string_append_c (out, '\n');
			p++;
		} else if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])) {
			g_string_append_c (out, (char) (g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3])));
			p += 3;
		} else {
			g_string_append_c (out, *p);
		}
	}
	return g_string_free (out, FALSE);
}

const char *
test_shared_ispdb_dir (void)
{
	static char *dir = NULL;
	const char *shared = g_getenv ("MS_SHARED_DIR");

	if (dir == NULL && shared && *shared) {
		char *candidate = g_build_filename (shared, "ispdb", NULL);
		if (g_file_test (candidate, G_FILE_TEST_IS_DIR))
			dir = candidate;
		else
			g_free (candidate);
	}
	return dir;
}
