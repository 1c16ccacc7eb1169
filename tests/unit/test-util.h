/* Helpers shared by the unit tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Lines of a tests/data file, without comments and blank lines; each split
 * on tabs into at least @min_fields fields. */
GPtrArray *test_read_table (const char *relative_path, guint min_fields);

/* Replaces the escapes \t, \n and \xHH in @s (the data files' notation). */
char *test_unescape (const char *s);

/* The shared ISPDB corpus (../shared/ispdb beside the project), or NULL
 * when this checkout has none (a release tarball). */
const char *test_shared_ispdb_dir (void);
