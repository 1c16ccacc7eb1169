/* mailsetup: built-in provider data, looked up with no network at all.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <mailsetup/config.h>

G_BEGIN_DECLS

/** MS_PROVIDER_DB_MAX_FILES: most provider files read from one directory; the rest are left out with a note. Since: 0.1 */
#define MS_PROVIDER_DB_MAX_FILES 4096

/**
 * MsProviderDb:
 *
 * Provider data installed with mailsetup (or added by the user or the
 * system administrator): one autoconfig clientConfig v1.1 file per
 * provider, "*.xml" in a directory, indexed by each domain the file lists
 * in its `<domain>` elements. These are the provider's mail domains and
 * the registrable domains of its MX hosts, so a lookup answers both "which
 * provider runs example.org?" and "which provider runs this MX host?".
 *
 * A database is filled once, then only read: lookups may then run from
 * several threads at once. Reference counted.
 *
 * Since: 0.1
 */
typedef struct _MsProviderDb MsProviderDb;

/**
 * ms_provider_db_new:
 *
 * Returns: (transfer full): an empty database, to be filled with
 * ms_provider_db_add_dir().
 *
 * Since: 0.1
 */
MsProviderDb *ms_provider_db_new (void);

/**
 * ms_provider_db_new_default:
 *
 * Reads the standard provider directories, the first one giving a domain
 * winning: `$XDG_DATA_HOME/mailsetup/providers` (the user's own), then
 * `mailsetup/providers` in each directory of `$XDG_DATA_DIRS` in order
 * (see g_get_system_data_dirs()), then the directory mailsetup was
 * installed with (`$(pkgdatadir)/providers`), unless one of the previous
 * ones was already that directory. A missing directory is skipped quietly;
 * other problems are notes (ms_provider_db_get_notes()).
 *
 * Returns: (transfer full): the database, possibly empty, never %NULL.
 *
 * Since: 0.1
 */
MsProviderDb *ms_provider_db_new_default (void);

/** ms_provider_db_ref: @db: a database. Returns: (transfer full): @db. Since: 0.1 */
MsProviderDb *ms_provider_db_ref (MsProviderDb *db);
/** ms_provider_db_unref: @db: (transfer full) (nullable): a database. Since: 0.1 */
void ms_provider_db_unref (MsProviderDb *db);

/**
 * ms_provider_db_add_dir:
 * @db: a database
 * @dir: a directory of provider files
 * @error: return location for a #GError (%G_FILE_ERROR)
 *
 * Adds every "*.xml" file of @dir, in name order, up to
 * %MS_PROVIDER_DB_MAX_FILES files. Each is read with ms_autoconfig_parse()
 * as source %MS_SOURCE_BUILTIN, trust %MS_TRUST_HIGH, after checking that
 * it is a regular file of at most %MS_AUTOCONFIG_MAX_SIZE bytes. A file
 * that cannot be read, is too large, is not a valid clientConfig or lists
 * no domain is left out and recorded as a note naming it, and so is a
 * domain given by two files of @dir (the first in name order keeps it). A
 * domain already given by a directory added before is kept from there, so
 * earlier directories take precedence.
 *
 * Returns: %TRUE, or %FALSE with @error set if @dir cannot be opened
 * (broken files never make it fail).
 *
 * Since: 0.1
 */
gboolean ms_provider_db_add_dir (MsProviderDb *db, const char *dir, GError **error);

/**
 * ms_provider_db_lookup:
 * @db: a database
 * @domain: a mail domain or an MX host's registrable domain ("ovh.net")
 *
 * Finds the provider whose domain list holds @domain exactly. Case and a
 * trailing dot do not matter; an internationalised name is converted to
 * its ASCII form first. Takes constant time.
 *
 * Returns: (transfer full) (nullable): a copy of the provider's
 * configuration, servers marked %MS_SOURCE_BUILTIN and %MS_TRUST_HIGH (the
 * caller may change it freely), or %NULL if no provider has @domain.
 *
 * Since: 0.1
 */
MsConfig *ms_provider_db_lookup (MsProviderDb *db, const char *domain);

/**
 * ms_provider_db_lookup_host:
 * @db: a database
 * @hostname: a host name, typically an MX host ("mx1.mail.ovh.net")
 *
 * Like ms_provider_db_lookup() for @hostname, then for each of its parent
 * domains of at least two labels ("mail.ovh.net", "ovh.net"): the most
 * specific match wins, so "x.mail.protection.outlook.com" finds Microsoft
 * 365 and "x.olc.protection.outlook.com" finds Outlook.com.
 *
 * Returns: (transfer full) (nullable): a copy of the provider's
 * configuration, as ms_provider_db_lookup() gives, or %NULL.
 *
 * Since: 0.1
 */
MsConfig *ms_provider_db_lookup_host (MsProviderDb *db, const char *hostname);

/** ms_provider_db_size: @db: a database. Returns: how many providers it holds. Since: 0.1 */
guint ms_provider_db_size (MsProviderDb *db);

/**
 * ms_provider_db_get_notes:
 * @db: a database
 *
 * What went wrong while filling @db: files left out and why, each message
 * naming the file (errors of %MS_ERROR or %G_FILE_ERROR).
 *
 * Returns: (transfer none) (element-type GError): the notes, in reading order.
 *
 * Since: 0.1
 */
GPtrArray *ms_provider_db_get_notes (MsProviderDb *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsProviderDb, ms_provider_db_unref)

G_END_DECLS
