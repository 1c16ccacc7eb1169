/* mailsetup: site-wide defaults, set by administrators and distributions,
 * some of them locked so that users cannot change them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <mailsetup/discovery.h>
#include <mailsetup/policy.h>
#include <mailsetup/verify.h>

G_BEGIN_DECLS

/**
 * MS_SITE_MAX_FILE_SIZE:
 *
 * The largest site defaults file read, in bytes; a larger one is ignored
 * with a warning.
 *
 * Since: 0.1
 */
#define MS_SITE_MAX_FILE_SIZE (64 * 1024)

/**
 * MS_SITE_MAX_FILES:
 *
 * The most "*.conf" files read from one directory (in name order); the
 * rest are ignored with a warning.
 *
 * Since: 0.1
 */
#define MS_SITE_MAX_FILES 64

/**
 * MS_SITE_MAX_LINE:
 *
 * The longest line of a site defaults file, in bytes; a longer one is a
 * syntax error.
 *
 * Since: 0.1
 */
#define MS_SITE_MAX_LINE 4096

/**
 * MsSiteDefaults:
 *
 * The site-wide defaults in force: every value read from the site's files,
 * where it was read ("FILE:LINE"), and which keys are locked. Keys are
 * named "Group.key" ("Discovery.probe", "Verify.send-test"); mailsetup.conf(5)
 * lists them. Reference counted.
 *
 * Files use the GKeyFile syntax: `[Group]` headers, `key=value` lines,
 * `#` comments. Each group may have a `locked=key1;key2` line: those keys
 * of the group keep the site's value whatever the user chooses (a key
 * locked without a value locks the built-in default). A file with a
 * syntax error (a line that is neither a group, a key nor a comment, a
 * key before any group, a line over %MS_SITE_MAX_LINE bytes, invalid
 * UTF-8, a file over %MS_SITE_MAX_FILE_SIZE bytes) is ignored as a whole;
 * an unknown group or key, or a bad value, is ignored alone. Each gives a
 * warning naming the file and line (ms_site_defaults_get_warnings()):
 * nothing in these files is ever fatal.
 *
 * Since: 0.1
 */
typedef struct _MsSiteDefaults MsSiteDefaults;

/**
 * MsSiteApply:
 * @MS_SITE_APPLY_ALL: every site value: the defaults under the user's choices.
 * @MS_SITE_APPLY_LOCKED: only the locked values: over the user's choices.
 *
 * What ms_site_defaults_apply_discovery() and
 * ms_site_defaults_apply_verify() set. A front end applies
 * %MS_SITE_APPLY_ALL to fresh options, then the user's own choices, then
 * %MS_SITE_APPLY_LOCKED: the user wins unless the key is locked.
 *
 * Since: 0.1
 */
typedef enum {
	MS_SITE_APPLY_ALL,
	MS_SITE_APPLY_LOCKED,
} MsSiteApply;

/**
 * ms_site_defaults_dirs:
 *
 * The directories read by default, in reading order (later files override
 * earlier ones): `$(sysconfdir)/mailsetup` (the directory mailsetup was
 * built with, `/etc/mailsetup` for a distribution), then
 * `mailsetup` under each directory of `$XDG_CONFIG_DIRS` (default
 * `/etc/xdg`) from the last to the first, since the XDG specification
 * makes the first one the most important. A directory met twice is read
 * once, at its last place (the more important).
 *
 * Returns: (transfer full) (array zero-terminated=1): the directories.
 *
 * Since: 0.1
 */
char **ms_site_defaults_dirs (void);

/**
 * ms_site_defaults_load:
 * @dirs: (nullable) (array zero-terminated=1): the directories to read,
 *   in order; %NULL for ms_site_defaults_dirs()
 *
 * Reads every "*.conf" file of each directory, directory after directory,
 * the files of one directory in byte order of their names (as systemd's
 * drop-ins: "10-distribution.conf" before "50-site.conf"). A value read
 * later replaces one read earlier; a lock, once read, stays (a later file
 * may change the locked value, not unlock it). Missing directories are
 * skipped quietly. Never fails: problems are warnings.
 *
 * Returns: (transfer full): the defaults, possibly empty.
 *
 * Since: 0.1
 */
MsSiteDefaults *ms_site_defaults_load (const char *const *dirs);

/**
 * ms_site_defaults_load_data:
 * @site: defaults
 * @name: the file's name, for the sources and warnings
 * @data: (array length=length): the file's contents
 * @length: its length in bytes
 *
 * Reads one file's contents over @site, as ms_site_defaults_load() does
 * for each file (for tests and for programs holding their own files).
 *
 * Returns: %TRUE if the file was used, %FALSE if it was ignored as a
 * whole (a warning says why).
 *
 * Since: 0.1
 */
gboolean ms_site_defaults_load_data (MsSiteDefaults *site, const char *name, const char *data, gsize length);

/** ms_site_defaults_new: Returns: (transfer full): empty defaults. Since: 0.1 */
MsSiteDefaults *ms_site_defaults_new (void);
/** ms_site_defaults_ref: @site: defaults. Returns: (transfer full): @site. Since: 0.1 */
MsSiteDefaults *ms_site_defaults_ref (MsSiteDefaults *site);
/** ms_site_defaults_unref: @site: (transfer full) (nullable): defaults. Since: 0.1 */
void ms_site_defaults_unref (MsSiteDefaults *site);

/**
 * ms_site_defaults_get_warnings:
 * @site: defaults
 *
 * Returns: (transfer none) (element-type utf8): the problems met, each a
 * translated "FILE:LINE: what" sentence, in reading order.
 *
 * Since: 0.1
 */
GPtrArray *ms_site_defaults_get_warnings (const MsSiteDefaults *site);

/**
 * ms_site_defaults_get_files:
 * @site: defaults
 *
 * Returns: (transfer none) (element-type filename): the files used, in
 * reading order (not those ignored).
 *
 * Since: 0.1
 */
GPtrArray *ms_site_defaults_get_files (const MsSiteDefaults *site);

/**
 * ms_site_defaults_list_keys:
 * @site: defaults
 *
 * Returns: (transfer full) (array zero-terminated=1): every key set or
 * locked, sorted.
 *
 * Since: 0.1
 */
char **ms_site_defaults_list_keys (const MsSiteDefaults *site);

/**
 * ms_site_defaults_get:
 * @site: defaults
 * @key: a "Group.key" name
 * @source: (out) (optional) (transfer none): where the value was set, "FILE:LINE"
 *
 * Returns: (nullable) (transfer none): the value in force, as written
 * (validated), or %NULL when no file sets it.
 *
 * Since: 0.1
 */
const char *ms_site_defaults_get (const MsSiteDefaults *site, const char *key, const char **source);

/**
 * ms_site_defaults_is_locked:
 * @site: defaults
 * @key: a "Group.key" name
 * @source: (out) (optional) (transfer none): where the locked value was
 *   set, "FILE:LINE", or the lock itself when no file sets the value
 *
 * Returns: %TRUE if the user may not change @key.
 *
 * Since: 0.1
 */
gboolean ms_site_defaults_is_locked (const MsSiteDefaults *site, const char *key, const char **source);

/**
 * ms_site_defaults_merge:
 * @site: defaults
 * @key: a "Group.key" name
 * @user_value: (nullable): the user's value, %NULL when the user chose nothing
 *
 * The value in force once the user's choice is taken into account: the
 * site's when @key is locked, else @user_value, else the site's (%NULL:
 * the built-in default).
 *
 * Returns: (nullable) (transfer none): the value.
 *
 * Since: 0.1
 */
const char *ms_site_defaults_merge (const MsSiteDefaults *site, const char *key, const char *user_value);

/**
 * ms_site_defaults_get_boolean:
 * @site: defaults
 * @key: a "Group.key" name of a boolean
 * @fallback: what to return when no file sets it
 *
 * Returns: the value, or @fallback.
 *
 * Since: 0.1
 */
gboolean ms_site_defaults_get_boolean (const MsSiteDefaults *site, const char *key, gboolean fallback);

/**
 * ms_site_defaults_get_uint:
 * @site: defaults
 * @key: a "Group.key" name of a number
 * @fallback: what to return when no file sets it
 *
 * Returns: the value, or @fallback.
 *
 * Since: 0.1
 */
guint ms_site_defaults_get_uint (const MsSiteDefaults *site, const char *key, guint fallback);

/**
 * ms_site_defaults_apply_discovery:
 * @site: defaults
 * @options: options to change
 * @what: all values or only the locked ones
 *
 * Sets in @options what the site sets: the `[Discovery]` sources, timeout,
 * ispdb-url, ca-file and provider-data-dir.
 *
 * Since: 0.1
 */
void ms_site_defaults_apply_discovery (const MsSiteDefaults *site, MsDiscoveryOptions *options, MsSiteApply what);

/**
 * ms_site_defaults_apply_verify:
 * @site: defaults
 * @options: options to change
 * @what: all values or only the locked ones
 *
 * Sets in @options what the site sets: the `[Verify]` send-test,
 * send-timeout, step-timeout, and the `[Discovery]` ca-file, trusted for
 * verification too.
 *
 * Since: 0.1
 */
void ms_site_defaults_apply_verify (const MsSiteDefaults *site, MsVerifyOptions *options, MsSiteApply what);

/**
 * ms_site_defaults_get_policy:
 * @site: defaults
 *
 * The `[Privacy]` group as a layer of the signing and encryption policy
 * (ms_policy_merge() it under the user's): its keys are those of
 * ms_policy_load_keyfile(), each checked when read; a key in the group's
 * `locked=` list is locked, and each setting's source is its "FILE:LINE".
 *
 * Returns: (transfer full): the policy layer, empty when nothing is set.
 *
 * Since: 0.1
 */
MsPolicy *ms_site_defaults_get_policy (const MsSiteDefaults *site);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsSiteDefaults, ms_site_defaults_unref)

G_END_DECLS
