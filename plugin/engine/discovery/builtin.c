/* Discovery source "built-in": provider files installed with mailsetup
 * (data/providers/, one autoconfig clientConfig per provider), indexed by
 * domain. Answers with no network at all.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/autoconfig.h>
#include <mailsetup/error.h>
#include <mailsetup/providers.h>

#include "core/hostname.h"
#include "core/i18n.h"
#include "discovery/run.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MS_DATADIR
#error "MS_DATADIR (the installed $(pkgdatadir)) must be defined by the build"
#endif

struct _MsProviderDb {
	gatomicrefcount ref_count;
	GHashTable *by_domain; /* char* domain (owned) → MsConfig* (ref) */
	GPtrArray *providers;  /* MsConfig*, each owning at least one domain, in reading order */
	GPtrArray *notes;      /* GError* */
};

MsProviderDb *
ms_provider_db_new (void)
{
	MsProviderDb *db = g_new0 (MsProviderDb, 1);
	g_atomic_ref_count_init (&db->ref_count);
	db->by_domain = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ms_config_unref);
	db->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_config_unref);
	db->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
	return db;
}

MsProviderDb *
ms_provider_db_ref (MsProviderDb *db)
{
	g_return_val_if_fail (db != NULL, NULL);
	g_atomic_ref_count_inc (&db->ref_count);
	return db;
}

void
ms_provider_db_unref (MsProviderDb *db)
{
	if (db == NULL || !g_atomic_ref_count_dec (&db->ref_count))
		return;
	g_hash_table_unref (db->by_domain);
	g_ptr_array_unref (db->providers);
	g_ptr_array_unref (db->notes);
	g_free (db);
}

guint
ms_provider_db_size (MsProviderDb *db)
{
	g_return_val_if_fail (db != NULL, 0);
	return db->providers->len;
}

GPtrArray *
ms_provider_db_get_notes (MsProviderDb *db)
{
	g_return_val_if_fail (db != NULL, NULL);
	return db->notes;
}

static void G_GNUC_PRINTF (4, 5)
note (MsProviderDb *db, GQuark domain, int code, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	g_ptr_array_add (db->notes, g_error_new_valist (domain, code, format, args));
	va_end (args);
}

/* --- reading one file, bounded ------------------------------------------ */

/* The contents of @path if it is a regular file of at most
 * MS_AUTOCONFIG_MAX_SIZE bytes, checked before reading and while reading
 * (the file may grow in between); NULL with @error set otherwise. */
static char *
read_bounded (const char *path, gsize *length_r, GError **error)
{
	g_autofree char *display = g_filename_display_name (path);
	GStatBuf st;

	/* stat() first: opening a FIFO or a device could block or have effects. */
	if (g_stat (path, &st) != 0) {
		int e = errno;
		g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), _("%s: %s; it is left out"), display, g_strerror (e));
		return NULL;
	}
	if (!S_ISREG (st.st_mode)) {
		g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("%s: not a regular file; it is left out"), display);
		return NULL;
	}
	if (st.st_size > MS_AUTOCONFIG_MAX_SIZE) {
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
		             _("%s: the file is larger than %d KiB; it is left out"), display, MS_AUTOCONFIG_MAX_SIZE / 1024);
		return NULL;
	}

	int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
	if (fd < 0) {
		int e = errno;
		g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), _("%s: %s; it is left out"), display, g_strerror (e));
		return NULL;
	}
	/* The name may have been replaced between stat() and open(). */
	if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
		close (fd);
		g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("%s: not a regular file; it is left out"), display);
		return NULL;
	}

	char *buf = g_malloc (MS_AUTOCONFIG_MAX_SIZE + 1);
	gsize len = 0;
	while (len <= MS_AUTOCONFIG_MAX_SIZE) {
		gssize n = read (fd, buf + len, MS_AUTOCONFIG_MAX_SIZE + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close (fd);
			g_free (buf);
			g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), _("%s: %s; it is left out"), display, g_strerror (e));
			return NULL;
		}
		if (n == 0)
			break;
		len += n;
	}
	close (fd);
	if (len > MS_AUTOCONFIG_MAX_SIZE) {
		g_free (buf);
		g_set_error (error, MS_ERROR, MS_ERROR_XML_TOO_LARGE,
		             _("%s: the file is larger than %d KiB; it is left out"), display, MS_AUTOCONFIG_MAX_SIZE / 1024);
		return NULL;
	}
	*length_r = len;
	return buf;
}

/* Reads @path into @db. @claimed_here maps each domain given by a file of
 * the directory being read to that file's name, to report a domain two
 * files of one directory both give (a domain from an earlier directory is
 * an intended override, not a conflict). */
static void
add_file (MsProviderDb *db, const char *path, const char *name, GHashTable *claimed_here)
{
	g_autoptr (GError) error = NULL;
	gsize len = 0;
	g_autofree char *data = read_bounded (path, &len, &error);
	g_autofree char *display = g_filename_display_name (path);

	if (data == NULL) {
		g_ptr_array_add (db->notes, g_steal_pointer (&error));
		return;
	}
	g_autoptr (MsConfig) config = ms_autoconfig_parse (data, len, MS_SOURCE_BUILTIN, MS_TRUST_HIGH, &error);
	if (config == NULL) {
		note (db, error->domain, error->code, _("%s: %s; it is left out"), display, error->message);
		return;
	}

	GPtrArray *domains = ms_config_get_domains (config);
	if (domains->len == 0) {
		note (db, MS_ERROR, MS_ERROR_XML_NOT_AUTOCONFIG, _("%s: the provider has no “domain”; it is left out"), display);
		return;
	}
	gboolean owns_one = FALSE;
	for (guint i = 0; i < domains->len; i++) {
		const char *domain = g_ptr_array_index (domains, i);
		if (g_hash_table_contains (db->by_domain, domain)) {
			const char *other = g_hash_table_lookup (claimed_here, domain);
			if (other != NULL)
				note (db, MS_ERROR, MS_ERROR_FAILED,
				      _("%s: the domain “%s” is already given by %s, which keeps it"), display, domain, other);
			continue;
		}
		g_hash_table_insert (db->by_domain, g_strdup (domain), ms_config_ref (config));
		g_hash_table_insert (claimed_here, g_strdup (domain), g_strdup (name));
		owns_one = TRUE;
	}
	/* A provider whose every domain an earlier directory overrides cannot
	 * be found: it is not counted. */
	if (owns_one)
		g_ptr_array_add (db->providers, g_steal_pointer (&config));
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
	return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
ms_provider_db_add_dir (MsProviderDb *db, const char *dir, GError **error)
{
	g_return_val_if_fail (db != NULL, FALSE);
	g_return_val_if_fail (dir != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	GError *e = NULL;
	g_autoptr (GDir) d = g_dir_open (dir, 0, &e);
	if (d == NULL) {
		g_propagate_error (error, e);
		return FALSE;
	}

	g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
	gboolean over = FALSE;
	const char *name;
	while ((name = g_dir_read_name (d)) != NULL) {
		/* Hidden files are editors' and package managers' leftovers. */
		if (name[0] == '.' || !g_str_has_suffix (name, ".xml"))
			continue;
		if (names->len == MS_PROVIDER_DB_MAX_FILES) {
			over = TRUE;
			break;
		}
		g_ptr_array_add (names, g_strdup (name));
	}
	/* Name order, so which of two files wins does not depend on the file system. */
	g_ptr_array_sort (names, compare_names);
	if (over) {
		g_autofree char *display = g_filename_display_name (dir);
		note (db, MS_ERROR, MS_ERROR_XML_TOO_MANY,
		      _("%s: more than %d provider files; the others are left out"), display, MS_PROVIDER_DB_MAX_FILES);
	}

	g_autoptr (GHashTable) claimed_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index (names, i);
		g_autofree char *path = g_build_filename (dir, n, NULL);
		add_file (db, path, n, claimed_here);
	}
	return TRUE;
}

/* --- the standard directories ------------------------------------------- */

/* @dir unless a directory already read is the same one (by its real
 * path: a symbolic link to it counts as the same). */
static gboolean
first_visit (GHashTable *seen, const char *dir)
{
	char *real = realpath (dir, NULL);
	char *key = real ? g_strdup (real) : g_canonicalize_filename (dir, NULL);
	free (real);
	if (g_hash_table_contains (seen, key)) {
		g_free (key);
		return FALSE;
	}
	g_hash_table_add (seen, key);
	return TRUE;
}

static void
add_standard_dir (MsProviderDb *db, GHashTable *seen, const char *dir)
{
	g_autoptr (GError) error = NULL;

	if (!first_visit (seen, dir))
		return;
	if (ms_provider_db_add_dir (db, dir, &error))
		return;
	/* Most of these directories do not exist; that is not worth a note. */
	if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
	    g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
		return;
	g_ptr_array_add (db->notes, g_steal_pointer (&error));
}

MsProviderDb *
ms_provider_db_new_default (void)
{
	return _ms_provider_db_new_with_dirs (NULL);
}

MsProviderDb *
_ms_provider_db_new_with_dirs (GPtrArray *extra_dirs)
{
	MsProviderDb *db = ms_provider_db_new ();
	g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	/* A site's own provider data (site defaults) comes before the user's
	 * and the installed data: the administrator knows the local domains. */
	for (guint i = 0; extra_dirs && i < extra_dirs->len; i++)
		add_standard_dir (db, seen, extra_dirs->pdata[i]);

	g_autofree char *user = g_build_filename (g_get_user_data_dir (), "mailsetup", "providers", NULL);
	add_standard_dir (db, seen, user);
	for (const char *const *d = g_get_system_data_dirs (); *d != NULL; d++) {
		g_autofree char *dir = g_build_filename (*d, "mailsetup", "providers", NULL);
		add_standard_dir (db, seen, dir);
	}
	add_standard_dir (db, seen, MS_DATADIR G_DIR_SEPARATOR_S "providers");
	return db;
}

/* --- lookups ------------------------------------------------------------ */

static MsServer *
server_copy (const MsServer *s)
{
	MsServer *copy = ms_server_new (ms_server_get_protocol (s), ms_server_get_hostname (s), ms_server_get_port (s),
	                                ms_server_get_socket_type (s));
	ms_server_set_auth (copy, ms_server_get_auth (s));
	ms_server_set_username (copy, ms_server_get_username (s));
	ms_server_set_source (copy, MS_SOURCE_BUILTIN, MS_TRUST_HIGH);
	return copy;
}

/* A deep copy, so that a caller changing what it got (say, marking the
 * servers as found through an MX host) leaves the database as it was. */
static MsConfig *
config_copy (const MsConfig *c)
{
	MsConfig *copy = ms_config_new ();
	ms_config_set_id (copy, ms_config_get_id (c));
	ms_config_set_display_name (copy, ms_config_get_display_name (c));
	ms_config_set_short_name (copy, ms_config_get_short_name (c));

	GPtrArray *a = ms_config_get_domains (c);
	for (guint i = 0; i < a->len; i++)
		ms_config_add_domain (copy, g_ptr_array_index (a, i));
	GPtrArray *lists[] = { ms_config_get_incoming (c), ms_config_get_outgoing (c) };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			g_autoptr (MsServer) s = server_copy (g_ptr_array_index (lists[l], i));
			ms_config_add_server (copy, s);
		}
	a = ms_config_get_notes (c);
	for (guint i = 0; i < a->len; i++)
		ms_config_add_note (copy, g_ptr_array_index (a, i));
	ms_config_set_oauth2 (copy, ms_config_get_oauth2 (c));
	a = ms_config_get_documentation (c);
	for (guint i = 0; i < a->len; i++) {
		const MsDocumentation *doc = g_ptr_array_index (a, i);
		ms_config_add_documentation (copy, doc->url, doc->description);
	}
	return copy;
}

MsConfig *
ms_provider_db_lookup (MsProviderDb *db, const char *domain)
{
	g_return_val_if_fail (db != NULL, NULL);
	g_return_val_if_fail (domain != NULL, NULL);

	/* The same normalisation as the files' domains had. */
	g_autofree char *key = _ms_hostname_to_ascii (domain, NULL);
	if (key == NULL)
		return NULL;
	const MsConfig *config = g_hash_table_lookup (db->by_domain, key);
	return config ? config_copy (config) : NULL;
}

MsConfig *
ms_provider_db_lookup_host (MsProviderDb *db, const char *hostname)
{
	g_return_val_if_fail (db != NULL, NULL);
	g_return_val_if_fail (hostname != NULL, NULL);

	g_autofree char *host = _ms_hostname_to_ascii (hostname, NULL);
	if (host == NULL)
		return NULL;
	/* At most 127 labels in a 253-octet name: the walk is bounded. */
	for (const char *p = host; p != NULL && strchr (p, '.') != NULL; p = strchr (p, '.') + 1) {
		const MsConfig *config = g_hash_table_lookup (db->by_domain, p);
		if (config != NULL)
			return config_copy (config);
	}
	return NULL;
}
