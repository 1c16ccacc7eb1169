/* Site-wide defaults: reading the administrator's files. A small line
 * parser of the GKeyFile syntax rather than GKeyFile itself, because every
 * value and every problem must name its file and line, which GKeyFile
 * does not keep. Applying the values to options is verify/site-apply.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/site.h>

#include "core/i18n.h"
#include "core/site-private.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
	char *value;       /* NULL: only locked */
	char *source;      /* "FILE:LINE" of the value */
	char *lock_source; /* "FILE:LINE" of the lock, NULL if not locked */
} Entry;

struct _MsSiteDefaults {
	gint ref_count;
	GHashTable *entries; /* "Group.key" -> Entry */
	GPtrArray *warnings;
	GPtrArray *files;
};

typedef enum { KEY_BOOL, KEY_UINT, KEY_PATH, KEY_URL, KEY_TEXT } KeyType;

/* Every key the site may set; mailsetup.conf(5) documents them. */
static const struct {
	const char *name;
	KeyType type;
	guint min, max;
} known_keys[] = {
	{ "Discovery.builtin", KEY_BOOL, 0, 0 },
	{ "Discovery.autoconfig", KEY_BOOL, 0, 0 },
	{ "Discovery.ispdb", KEY_BOOL, 0, 0 },
	{ "Discovery.mx", KEY_BOOL, 0, 0 },
	{ "Discovery.srv", KEY_BOOL, 0, 0 },
	{ "Discovery.autodiscover", KEY_BOOL, 0, 0 },
	{ "Discovery.probe", KEY_BOOL, 0, 0 },
	{ "Discovery.timeout", KEY_UINT, 2, 60 },
	{ "Discovery.ispdb-url", KEY_URL, 0, 0 },
	{ "Discovery.ca-file", KEY_PATH, 0, 0 },
	{ "Discovery.provider-data-dir", KEY_PATH, 0, 0 },
	{ "Verify.send-test", KEY_BOOL, 0, 0 },
	{ "Verify.send-timeout", KEY_UINT, 5, 600 },
	{ "Verify.step-timeout", KEY_UINT, 2, 120 },
	{ "Verify.max-failures", KEY_UINT, 1, 2 },
};

/* The signing and encryption policy (policy.h) has keys of its own: the
 * policy's reader checks them (site-apply.c), so that there is one list. */
#define POLICY_GROUP "Privacy"

static void
entry_free (gpointer p)
{
	Entry *e = p;
	g_free (e->value);
	g_free (e->source);
	g_free (e->lock_source);
	g_free (e);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
	return strcmp (*(const char *const *) a, *(const char *const *) b);
}

MsSiteDefaults *
ms_site_defaults_new (void)
{
	MsSiteDefaults *site = g_new0 (MsSiteDefaults, 1);
	site->ref_count = 1;
	site->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
	site->warnings = g_ptr_array_new_with_free_func (g_free);
	site->files = g_ptr_array_new_with_free_func (g_free);
	return site;
}

MsSiteDefaults *
ms_site_defaults_ref (MsSiteDefaults *site)
{
	g_atomic_int_inc (&site->ref_count);
	return site;
}

void
ms_site_defaults_unref (MsSiteDefaults *site)
{
	if (site == NULL || !g_atomic_int_dec_and_test (&site->ref_count))
		return;
	g_hash_table_unref (site->entries);
	g_ptr_array_unref (site->warnings);
	g_ptr_array_unref (site->files);
	g_free (site);
}

static void G_GNUC_PRINTF (4, 5)
warn (MsSiteDefaults *site, const char *file, guint line, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	g_autofree char *what = g_strdup_vprintf (format, args);
	va_end (args);
	if (line > 0)
		g_ptr_array_add (site->warnings, g_strdup_printf ("%s:%u: %s", file, line, what));
	else
		g_ptr_array_add (site->warnings, g_strdup_printf ("%s: %s", file, what));
}

static int
known_index (const char *key)
{
	for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
		if (strcmp (known_keys[i].name, key) == 0)
			return (int) i;
	return -1;
}

static gboolean
is_policy_key (const char *key)
{
	return g_str_has_prefix (key, POLICY_GROUP ".") && key[sizeof POLICY_GROUP] != '\0';
}

static gboolean
valid_name (const char *s)
{
	if (*s == '\0')
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
			return FALSE;
	return TRUE;
}

/* GKeyFile's escapes (\s \n \t \r \\); anything else after a backslash is
 * an error rather than a guess. */
static char *
unescape (const char *raw)
{
	GString *s = g_string_new (NULL);
	for (const char *p = raw; *p; p++) {
		if (*p != '\\') {
			g_string_append_c (s, *p);
			continue;
		}
		switch (*++p) {
		case 's': g_string_append_c (s, ' '); break;
		case 'n': g_string_append_c (s, '\n'); break;
		case 't': g_string_append_c (s, '\t'); break;
		case 'r': g_string_append_c (s, '\r'); break;
		case '\\': g_string_append_c (s, '\\'); break;
		default:
			g_string_free (s, TRUE);
			return NULL;
		}
	}
	return g_string_free (s, FALSE);
}

static gboolean
parse_bool (const char *v, gboolean *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (guint i = 0; i < G_N_ELEMENTS (yes); i++) {
		if (g_ascii_strcasecmp (v, yes[i]) == 0) {
			*out = TRUE;
			return TRUE;
		}
		if (g_ascii_strcasecmp (v, no[i]) == 0) {
			*out = FALSE;
			return TRUE;
		}
	}
	return FALSE;
}

static gboolean
parse_uint (const char *v, guint min, guint max, guint *out)
{
	guint64 n;
	if (!g_ascii_string_to_unsigned (v, 10, min, max, &n, NULL))
		return FALSE;
	*out = (guint) n;
	return TRUE;
}

/* The value as stored, normalised, or NULL with @why set. */
static char *
check_value (int k, const char *value, const char **why)
{
	gboolean b;
	guint n;

	if (k < 0)
		return NULL; /* policy keys: _ms_site_check_privacy() */
	switch (known_keys[k].type) {
	case KEY_BOOL:
		if (!parse_bool (value, &b)) {
			*why = _("the value must be true or false");
			return NULL;
		}
		return g_strdup (b ? "true" : "false");
	case KEY_UINT:
		if (!parse_uint (value, known_keys[k].min, known_keys[k].max, &n)) {
			*why = _("the value must be a whole number in the allowed range");
			return NULL;
		}
		return g_strdup_printf ("%u", n);
	case KEY_PATH:
		if (!g_path_is_absolute (value) || strchr (value, '\n') != NULL) {
			*why = _("the value must be an absolute path");
			return NULL;
		}
		return g_strdup (value);
	case KEY_URL:
		/* ISPDB answers over HTTPS only: an HTTP URL would let anyone on
		 * the way choose the servers. */
		if (!g_str_has_prefix (value, "https://") || value[8] == '\0' || strpbrk (value, " \t\r\n") != NULL) {
			*why = _("the value must be an https:// URL");
			return NULL;
		}
		return g_strdup (value);
	case KEY_TEXT:
		return g_strdup (value);
	}
	return NULL;
}

static Entry *
entry_for (MsSiteDefaults *site, const char *key)
{
	Entry *e = g_hash_table_lookup (site->entries, key);
	if (e == NULL) {
		e = g_new0 (Entry, 1);
		g_hash_table_insert (site->entries, g_strdup (key), e);
	}
	return e;
}

typedef struct {
	char *group; /* NULL before the first group */
	char *key;   /* NULL for a group line */
	char *value;
	guint line;
} Line;

static void
line_clear (gpointer p)
{
	Line *l = p;
	g_free (l->group);
	g_free (l->key);
	g_free (l->value);
}

/* First pass: the file's lines, or FALSE with a warning on a syntax error
 * (the file is then ignored as a whole: half a file may mean anything). */
static gboolean
split_lines (MsSiteDefaults *site, const char *name, const char *data, gsize length, GArray *lines)
{
	g_autofree char *group = NULL;
	guint number = 0;
	const char *p = data, *end = data + length;

	if (length > MS_SITE_MAX_FILE_SIZE) {
		warn (site, name, 0, _("larger than %u KiB; file ignored"), MS_SITE_MAX_FILE_SIZE / 1024);
		return FALSE;
	}
	if (!g_utf8_validate_len (data, length, NULL)) {
		warn (site, name, 0, _("not valid UTF-8 text; file ignored"));
		return FALSE;
	}
	while (p < end) {
		const char *nl = memchr (p, '\n', (gsize) (end - p));
		gsize len = nl ? (gsize) (nl - p) : (gsize) (end - p);
		number++;
		if (len > MS_SITE_MAX_LINE) {
			warn (site, name, number, _("line longer than %u bytes; file ignored"), MS_SITE_MAX_LINE);
			return FALSE;
		}
		g_autofree char *text = g_strndup (p, len);
		p += len + (nl ? 1 : 0);
		g_strstrip (text);
		if (text[0] == '\0' || text[0] == '#')
			continue;
		if (text[0] == '[') {
			gsize n = strlen (text);
			if (n < 3 || text[n - 1] != ']') {
				warn (site, name, number, _("a group header must be “[Name]”; file ignored"));
				return FALSE;
			}
			text[n - 1] = '\0';
			if (!valid_name (text + 1)) {
				warn (site, name, number, _("“%s” is not a group name; file ignored"), text + 1);
				return FALSE;
			}
			g_free (group);
			group = g_strdup (text + 1);
			Line l = { g_strdup (group), NULL, NULL, number };
			g_array_append_val (lines, l);
			continue;
		}
		char *eq = strchr (text, '=');
		if (eq == NULL) {
			warn (site, name, number, _("neither “[Group]”, “key=value” nor a comment; file ignored"));
			return FALSE;
		}
		*eq = '\0';
		g_strstrip (text);
		if (!valid_name (text)) {
			warn (site, name, number, _("“%s” is not a key name; file ignored"), text);
			return FALSE;
		}
		if (group == NULL) {
			warn (site, name, number, _("a key before any “[Group]”; file ignored"));
			return FALSE;
		}
		char *value = unescape (g_strstrip (eq + 1));
		if (value == NULL) {
			warn (site, name, number, _("an unknown escape sequence after “\\”; file ignored"));
			return FALSE;
		}
		Line l = { g_strdup (group), g_strdup (text), value, number };
		g_array_append_val (lines, l);
	}
	return TRUE;
}

static gboolean
group_known (const char *group)
{
	return strcmp (group, "Discovery") == 0 || strcmp (group, "Verify") == 0 || strcmp (group, POLICY_GROUP) == 0;
}

static void
lock_keys (MsSiteDefaults *site, const char *name, const Line *l)
{
	g_auto (GStrv) names = g_strsplit (l->value, ";", -1);
	for (guint i = 0; names[i]; i++) {
		g_autofree char *key = g_strdup_printf ("%s.%s", l->group, g_strstrip (names[i]));
		if (names[i][0] == '\0')
			continue;
		if (known_index (key) < 0 && !(is_policy_key (key) && _ms_site_privacy_lockable (names[i]))) {
			warn (site, name, l->line, _("cannot lock “%s”: no such key in [%s]"), names[i], l->group);
			continue;
		}
		Entry *e = entry_for (site, key);
		if (e->lock_source == NULL)
			e->lock_source = g_strdup_printf ("%s:%u", name, l->line);
	}
}

gboolean
ms_site_defaults_load_data (MsSiteDefaults *site, const char *name, const char *data, gsize length)
{
	g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
	g_array_set_clear_func (lines, line_clear);

	if (!split_lines (site, name, data, length, lines))
		return FALSE;
	for (guint i = 0; i < lines->len; i++) {
		const Line *l = &g_array_index (lines, Line, i);
		if (!group_known (l->group)) {
			if (l->key == NULL)
				warn (site, name, l->line, _("unknown group [%s]; ignored"), l->group);
			continue;
		}
		if (l->key == NULL)
			continue;
		if (strcmp (l->key, "locked") == 0) {
			lock_keys (site, name, l);
			continue;
		}
		g_autofree char *key = g_strdup_printf ("%s.%s", l->group, l->key);
		int k = known_index (key);
		if (k < 0 && !is_policy_key (key)) {
			warn (site, name, l->line, _("unknown key “%s” in [%s]; ignored"), l->key, l->group);
			continue;
		}
		const char *why = NULL;
		g_autofree char *policy_why = NULL;
		char *value = k >= 0 ? check_value (k, l->value, &why)
		            : _ms_site_check_privacy (l->key, l->value, &policy_why) ? g_strdup (l->value) : NULL;
		if (value == NULL) {
			warn (site, name, l->line, _("%s: %s; ignored"), l->key, why ? why : policy_why);
			continue;
		}
		Entry *e = entry_for (site, key);
		g_free (e->value);
		g_free (e->source);
		e->value = value;
		e->source = g_strdup_printf ("%s:%u", name, l->line);
	}
	g_ptr_array_add (site->files, g_strdup (name));
	return TRUE;
}

static void
load_file (MsSiteDefaults *site, const char *path)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *data = NULL;
	gsize length;
	GStatBuf st;

	/* Refuse the size before reading: a FIFO or a huge file named .conf
	 * must not hang or exhaust the program. */
	if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode)) {
		warn (site, path, 0, _("not a regular file; ignored"));
		return;
	}
	if (st.st_size > MS_SITE_MAX_FILE_SIZE) {
		warn (site, path, 0, _("larger than %u KiB; file ignored"), MS_SITE_MAX_FILE_SIZE / 1024);
		return;
	}
	if (!g_file_get_contents (path, &data, &length, &error)) {
		warn (site, path, 0, "%s", error->message);
		return;
	}
	ms_site_defaults_load_data (site, path, data, length);
}

static void
load_dir (MsSiteDefaults *site, const char *dir)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
	g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
	const char *name;

	if (d == NULL) {
		/* No such directory is the usual case: nothing configured. */
		if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
		    !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
			warn (site, dir, 0, "%s", error->message);
		return;
	}
	while ((name = g_dir_read_name (d)) != NULL)
		if (g_str_has_suffix (name, ".conf") && name[0] != '.')
			g_ptr_array_add (names, g_strdup (name));
	g_ptr_array_sort (names, compare_names);
	for (guint i = 0; i < names->len; i++) {
		if (i == MS_SITE_MAX_FILES) {
			warn (site, dir, 0, _("more than %u files; the rest are ignored"), MS_SITE_MAX_FILES);
			break;
		}
		g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
		load_file (site, path);
	}
}

char **
ms_site_defaults_dirs (void)
{
	GPtrArray *dirs = g_ptr_array_new ();
	const char *const *xdg = g_get_system_config_dirs ();
	guint n = g_strv_length ((char **) xdg);

	g_ptr_array_add (dirs, g_strdup (MS_SYSCONFDIR G_DIR_SEPARATOR_S "mailsetup"));
	for (guint i = n; i > 0; i--)
		g_ptr_array_add (dirs, g_build_filename (xdg[i - 1], "mailsetup", NULL));
	/* A directory met twice keeps its last place, the more important. */
	for (guint i = 0; i < dirs->len;) {
		gboolean later = FALSE;
		for (guint j = i + 1; j < dirs->len && !later; j++)
			later = strcmp (dirs->pdata[i], dirs->pdata[j]) == 0;
		if (later)
			g_free (g_ptr_array_steal_index (dirs, i));
		else
			i++;
	}
	g_ptr_array_add (dirs, NULL);
	return (char **) g_ptr_array_free (dirs, FALSE);
}

MsSiteDefaults *
ms_site_defaults_load (const char *const *dirs)
{
	MsSiteDefaults *site = ms_site_defaults_new ();
	g_auto (GStrv) defaults = dirs ? NULL : ms_site_defaults_dirs ();

	for (const char *const *d = dirs ? dirs : (const char *const *) defaults; *d; d++)
		load_dir (site, *d);
	return site;
}

GPtrArray *ms_site_defaults_get_warnings (const MsSiteDefaults *site) { return site->warnings; }
GPtrArray *ms_site_defaults_get_files (const MsSiteDefaults *site) { return site->files; }

char **
ms_site_defaults_list_keys (const MsSiteDefaults *site)
{
	guint n;
	char **keys = (char **) g_hash_table_get_keys_as_array (site->entries, &n);
	for (guint i = 0; i < n; i++)
		keys[i] = g_strdup (keys[i]);
	qsort (keys, n, sizeof *keys, compare_names);
	return keys;
}

const char *
ms_site_defaults_get (const MsSiteDefaults *site, const char *key, const char **source)
{
	Entry *e = g_hash_table_lookup (site->entries, key);
	if (source)
		*source = e && e->value ? e->source : NULL;
	return e ? e->value : NULL;
}

gboolean
ms_site_defaults_is_locked (const MsSiteDefaults *site, const char *key, const char **source)
{
	Entry *e = g_hash_table_lookup (site->entries, key);
	gboolean locked = e != NULL && e->lock_source != NULL;
	if (source)
		*source = !locked ? NULL : e->value ? e->source : e->lock_source;
	return locked;
}

const char *
ms_site_defaults_merge (const MsSiteDefaults *site, const char *key, const char *user_value)
{
	if (ms_site_defaults_is_locked (site, key, NULL))
		return ms_site_defaults_get (site, key, NULL);
	return user_value ? user_value : ms_site_defaults_get (site, key, NULL);
}

gboolean
ms_site_defaults_get_boolean (const MsSiteDefaults *site, const char *key, gboolean fallback)
{
	const char *v = ms_site_defaults_get (site, key, NULL);
	gboolean b;
	return v && parse_bool (v, &b) ? b : fallback;
}

guint
ms_site_defaults_get_uint (const MsSiteDefaults *site, const char *key, guint fallback)
{
	const char *v = ms_site_defaults_get (site, key, NULL);
	guint n;
	return v && parse_uint (v, 0, G_MAXUINT, &n) ? n : fallback;
}
