/* Unit tests of the site-wide defaults (MsSiteDefaults): the reading
 * order of directories and files, later values winning, locks and where
 * they come from, the user's choice under and over them, broken files
 * named by file and line and never fatal, empty and missing directories,
 * and the options they set.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <mailsetup/site.h>

#include "discovery/run.h"
#include "verify/verify-run.h"

#include <glib/gstdio.h>
#include <string.h>

static char *
make_tmp (void)
{
	g_autoptr (GError) error = NULL;
	char *dir = g_dir_make_tmp ("ms-site-XXXXXX", &error);
	g_assert_no_error (error);
	return dir;
}

static void
rm_tree (const char *path)
{
	g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name (d)) != NULL) {
		g_autofree char *child = g_build_filename (path, name, NULL);
		if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
			rm_tree (child);
		else
			g_unlink (child);
	}
	g_rmdir (path);
}

static char *
write_conf (const char *dir, const char *name, const char *contents)
{
	char *path = g_build_filename (dir, name, NULL);
	g_autoptr (GError) error = NULL;
	g_file_set_contents (path, contents, -1, &error);
	g_assert_no_error (error);
	return path;
}

/* Whether one warning is exactly "@file:@line: ..." and contains @words. */
static gboolean
has_warning (const MsSiteDefaults *site, const char *file, guint line, const char *words)
{
	GPtrArray *w = ms_site_defaults_get_warnings (site);
	g_autofree char *prefix = line ? g_strdup_printf ("%s:%u: ", file, line) : g_strdup_printf ("%s: ", file);
	for (guint i = 0; i < w->len; i++)
		if (g_str_has_prefix (w->pdata[i], prefix) && strstr (w->pdata[i], words) != NULL)
			return TRUE;
	return FALSE;
}

static void
assert_source (const char *source, const char *file, guint line)
{
	g_autofree char *want = g_strdup_printf ("%s:%u", file, line);
	g_assert_cmpstr (source, ==, want);
}

/* Two directories, two files each: the later directory wins, and inside a
 * directory the later name wins, whatever order the files were made in. */
static void
test_precedence (void)
{
	g_autofree char *sys = make_tmp (), *xdg = make_tmp ();
	g_autofree char *b = write_conf (sys, "50-site.conf", "[Discovery]\ntimeout=20\n\n[Verify]\nstep-timeout=30\n");
	g_autofree char *a = write_conf (sys, "10-distro.conf",
	                                 "# the distribution's defaults\n[Discovery]\ntimeout=10\nprobe=false\n"
	                                 "ispdb=no\n[Verify]\nsend-timeout=90\n");
	g_autofree char *c = write_conf (xdg, "00-first.conf", "[Verify]\n  step-timeout = 40  \n");
	g_autofree char *ignored = write_conf (xdg, "README", "[Discovery]\nprobe=true\n");
	const char *dirs[] = { sys, xdg, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	const char *source = NULL;

	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 0);
	g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, 3);
	g_assert_cmpstr (ms_site_defaults_get_files (site)->pdata[0], ==, a);
	g_assert_cmpstr (ms_site_defaults_get_files (site)->pdata[1], ==, b);
	g_assert_cmpstr (ms_site_defaults_get_files (site)->pdata[2], ==, c);

	g_assert_cmpstr (ms_site_defaults_get (site, "Discovery.timeout", &source), ==, "20");
	assert_source (source, b, 2);
	g_assert_cmpstr (ms_site_defaults_get (site, "Verify.step-timeout", &source), ==, "40");
	assert_source (source, c, 2);
	g_assert_cmpstr (ms_site_defaults_get (site, "Verify.send-timeout", &source), ==, "90");
	assert_source (source, a, 7);
	/* Booleans are stored in one form, whatever was written. */
	g_assert_cmpstr (ms_site_defaults_get (site, "Discovery.ispdb", NULL), ==, "false");
	g_assert_false (ms_site_defaults_get_boolean (site, "Discovery.probe", TRUE));
	g_assert_null (ms_site_defaults_get (site, "Discovery.mx", &source));
	g_assert_null (source);
	g_assert_false (ms_site_defaults_is_locked (site, "Discovery.probe", NULL));

	g_auto (GStrv) keys = ms_site_defaults_list_keys (site);
	g_assert_cmpuint (g_strv_length (keys), ==, 5);
	g_assert_cmpstr (keys[0], ==, "Discovery.ispdb");
	g_assert_cmpstr (keys[4], ==, "Verify.step-timeout");

	rm_tree (sys);
	rm_tree (xdg);
}

/* A locked key keeps the site's value; where it comes from is the line of
 * the value, or of the lock when only the built-in default is locked; a
 * later file changes the value but cannot unlock it. */
static void
test_locking (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *a = write_conf (dir, "10-a.conf",
	                                 "[Discovery]\nprobe=false\nispdb-url=https://ispdb.example/v1.1/\n"
	                                 "locked=probe; ispdb-url ;;mx\n");
	g_autofree char *b = write_conf (dir, "20-b.conf",
	                                 "[Discovery]\nispdb-url=https://ispdb.example.org/\nlocked=\nmx=true\n"
	                                 "[Verify]\nlocked=send-test;no-such-key\n");
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	const char *source = NULL;

	g_assert_true (ms_site_defaults_is_locked (site, "Discovery.probe", &source));
	assert_source (source, a, 2);
	g_assert_true (ms_site_defaults_is_locked (site, "Discovery.ispdb-url", &source));
	assert_source (source, b, 2);
	g_assert_cmpstr (ms_site_defaults_get (site, "Discovery.ispdb-url", NULL), ==, "https://ispdb.example.org/");
	g_assert_true (ms_site_defaults_is_locked (site, "Discovery.mx", &source));
	assert_source (source, b, 4);
	/* Locked without a value: the built-in default is what stays. */
	g_assert_true (ms_site_defaults_is_locked (site, "Verify.send-test", &source));
	assert_source (source, b, 6);
	g_assert_null (ms_site_defaults_get (site, "Verify.send-test", NULL));
	g_assert_false (ms_site_defaults_is_locked (site, "Discovery.srv", &source));
	g_assert_null (source);
	g_assert_true (has_warning (site, b, 6, "no-such-key"));
	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 1);

	/* The user's choice wins unless the key is locked. */
	g_assert_cmpstr (ms_site_defaults_merge (site, "Discovery.probe", "true"), ==, "false");
	g_assert_cmpstr (ms_site_defaults_merge (site, "Discovery.srv", "false"), ==, "false");
	g_assert_cmpstr (ms_site_defaults_merge (site, "Discovery.srv", NULL), ==, NULL);
	g_assert_null (ms_site_defaults_merge (site, "Verify.send-test", "false"));
	rm_tree (dir);
}

/* The front ends' sequence: the site's values, the user's choices, the
 * locked values again. */
static void
test_apply (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *a = write_conf (dir, "site.conf",
	                                 "[Discovery]\nprobe=false\nsrv=false\nautodiscover=false\ntimeout=12\n"
	                                 "ca-file=/etc/ssl/site-ca.pem\nprovider-data-dir=/usr/share/site/providers\n"
	                                 "locked=probe;provider-data-dir\n"
	                                 "[Verify]\nsend-test=false\nsend-timeout=120\nstep-timeout=20\nmax-failures=1\n"
	                                 "locked=send-timeout\n");
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 0);

	g_autoptr (MsDiscoveryOptions) d = ms_discovery_options_new ();
	ms_site_defaults_apply_discovery (site, d, MS_SITE_APPLY_ALL);
	guint sources = ms_discovery_options_get_sources (d);
	g_assert_false (sources & MS_SOURCE_FLAG (MS_SOURCE_PROBE));
	g_assert_false (sources & MS_SOURCE_FLAG (MS_SOURCE_SRV));
	g_assert_true (sources & MS_SOURCE_FLAG (MS_SOURCE_MX));
	g_assert_cmpuint (d->total_timeout_ms, ==, 12000);
	g_assert_cmpuint (d->source_timeout_ms, ==, 6000);
	g_assert_cmpstr (d->ca_file, ==, "/etc/ssl/site-ca.pem");
	g_assert_cmpstr (d->ispdb_url, ==, MS_DISCOVERY_DEFAULT_ISPDB_URL);
	/* The user turns everything on; the locked probe goes off again, the
	 * unlocked SRV stays on; the provider directory is there once. */
	ms_discovery_options_set_sources (d, MS_DISCOVERY_ALL_SOURCES);
	ms_site_defaults_apply_discovery (site, d, MS_SITE_APPLY_LOCKED);
	sources = ms_discovery_options_get_sources (d);
	g_assert_false (sources & MS_SOURCE_FLAG (MS_SOURCE_PROBE));
	g_assert_true (sources & MS_SOURCE_FLAG (MS_SOURCE_SRV));
	g_assert_nonnull (d->provider_dirs);
	g_assert_cmpuint (d->provider_dirs->len, ==, 1);
	g_assert_cmpstr (d->provider_dirs->pdata[0], ==, "/usr/share/site/providers");

	g_autoptr (MsVerifyOptions) v = ms_verify_options_new ();
	ms_site_defaults_apply_verify (site, v, MS_SITE_APPLY_ALL);
	g_assert_false (v->send_test);
	g_assert_cmpuint (v->send_timeout_ms, ==, 120000);
	g_assert_cmpuint (v->step_ms, ==, 20000);
	g_assert_cmpuint (v->max_failures, ==, 1);
	g_assert_cmpstr (v->ca_file, ==, "/etc/ssl/site-ca.pem");
	ms_verify_options_set_send_test (v, TRUE, 30000);
	ms_site_defaults_apply_verify (site, v, MS_SITE_APPLY_LOCKED);
	g_assert_true (v->send_test);
	g_assert_cmpuint (v->send_timeout_ms, ==, 120000);
	rm_tree (dir);
}

/* A file with a syntax error is ignored as a whole, with its file and
 * line; the other files still count. */
static void
test_broken_syntax (void)
{
	static const struct {
		const char *text;
		guint line;
		const char *words;
	} cases[] = {
		{ "[Discovery]\nprobe=false\nthis is not a key\n", 3, "neither" },
		{ "probe=false\n[Discovery]\n", 1, "before any" },
		{ "[Discovery\nprobe=false\n", 1, "[Name]" },
		{ "[Disc overy]\nprobe=false\n", 1, "not a group name" },
		{ "[Discovery]\npro be=false\n", 2, "not a key name" },
		{ "[Discovery]\nca-file=/a\\qb\n", 2, "escape" },
		{ "[Discovery]\n=false\n", 2, "not a key name" },
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autofree char *dir = make_tmp ();
		g_autofree char *good = write_conf (dir, "10-good.conf", "[Verify]\nsend-test=false\n");
		g_autofree char *bad = write_conf (dir, "20-bad.conf", cases[i].text);
		const char *dirs[] = { dir, NULL };
		g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);

		g_test_message ("case %u: %s", i, cases[i].text);
		g_assert_true (has_warning (site, bad, cases[i].line, cases[i].words));
		g_assert_true (has_warning (site, bad, cases[i].line, "file ignored"));
		g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 1);
		g_assert_null (ms_site_defaults_get (site, "Discovery.probe", NULL));
		g_assert_cmpstr (ms_site_defaults_get (site, "Verify.send-test", NULL), ==, "false");
		g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, 1);
		rm_tree (dir);
	}
}

/* A bad value, an unknown key or group: only that is ignored. */
static void
test_broken_values (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *f = write_conf (dir, "site.conf",
	                                 "[Discovery]\n"
	                                 "probe=maybe\n"                   /* 2 */
	                                 "timeout=600\n"                   /* 3 */
	                                 "timeout=-1\n"                    /* 4 */
	                                 "ispdb-url=http://ispdb.test/\n"  /* 5 */
	                                 "ca-file=relative.pem\n"          /* 6 */
	                                 "colour=blue\n"                   /* 7 */
	                                 "srv=off\n"                       /* 8 */
	                                 "[Typo]\n"                        /* 9 */
	                                 "probe=false\n"                   /* 10 */
	                                 "[Verify]\n"
	                                 "step-timeout=1\n"                /* 12 */
	                                 "send-timeout=300\n");            /* 13 */
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	const char *source = NULL;

	g_assert_true (has_warning (site, f, 2, "true or false"));
	g_assert_true (has_warning (site, f, 3, "whole number"));
	g_assert_true (has_warning (site, f, 4, "whole number"));
	g_assert_true (has_warning (site, f, 5, "https://"));
	g_assert_true (has_warning (site, f, 6, "absolute path"));
	g_assert_true (has_warning (site, f, 7, "colour"));
	g_assert_true (has_warning (site, f, 9, "[Typo]"));
	g_assert_true (has_warning (site, f, 12, "whole number"));
	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 8);
	g_assert_null (ms_site_defaults_get (site, "Discovery.probe", NULL));
	g_assert_null (ms_site_defaults_get (site, "Discovery.timeout", NULL));
	g_assert_null (ms_site_defaults_get (site, "Discovery.ispdb-url", NULL));
	g_assert_cmpstr (ms_site_defaults_get (site, "Discovery.srv", &source), ==, "false");
	assert_source (source, f, 8);
	g_assert_cmpstr (ms_site_defaults_get (site, "Verify.send-timeout", NULL), ==, "300");
	g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, 1);
	rm_tree (dir);
}

/* Files that cannot be text, and bounds. */
static void
test_broken_files (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *bad_utf8 = write_conf (dir, "a.conf", "[Discovery]\nprobe=\xff\n");
	g_autoptr (GString) big = g_string_new ("[Discovery]\n");
	while (big->len <= MS_SITE_MAX_FILE_SIZE)
		g_string_append (big, "# padding padding padding padding padding padding\n");
	g_autofree char *too_big = write_conf (dir, "b.conf", big->str);
	g_autofree char *long_line = g_strnfill (MS_SITE_MAX_LINE + 1, 'x');
	g_autofree char *long_text = g_strdup_printf ("[Discovery]\n# %s\n", long_line);
	g_autofree char *too_long = write_conf (dir, "c.conf", long_text);
	g_autofree char *subdir = g_build_filename (dir, "d.conf", NULL);
	g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);

	g_assert_true (has_warning (site, bad_utf8, 0, "UTF-8"));
	g_assert_true (has_warning (site, too_big, 0, "KiB"));
	g_assert_true (has_warning (site, too_long, 2, "longer than"));
	g_assert_true (has_warning (site, subdir, 0, "not a regular file"));
	g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, 0);
	g_assert_null (ms_site_defaults_get (site, "Discovery.probe", NULL));

	/* The same through the data entry point, with NUL bytes inside. */
	g_autoptr (MsSiteDefaults) site2 = ms_site_defaults_new ();
	g_assert_false (ms_site_defaults_load_data (site2, "nul.conf", "[Discovery]\0probe=false\n", 25));
	g_assert_true (has_warning (site2, "nul.conf", 2, "file ignored") ||
	               has_warning (site2, "nul.conf", 0, "file ignored"));
	rm_tree (dir);
}

/* More files than the bound: the first ones in name order are read. */
static void
test_max_files (void)
{
	g_autofree char *dir = make_tmp ();
	for (guint i = 0; i < MS_SITE_MAX_FILES + 3; i++) {
		g_autofree char *name = g_strdup_printf ("%03u.conf", i);
		g_autofree char *text = g_strdup_printf ("[Verify]\nsend-timeout=%u\n", 10 + i);
		g_free (write_conf (dir, name, text));
	}
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	g_autofree char *want = g_strdup_printf ("%u", 10 + MS_SITE_MAX_FILES - 1);
	g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, MS_SITE_MAX_FILES);
	g_assert_cmpstr (ms_site_defaults_get (site, "Verify.send-timeout", NULL), ==, want);
	g_assert_true (has_warning (site, dir, 0, "more than"));
	rm_tree (dir);
}

/* [Privacy]: the policy's keys, checked by the policy, locks and sources
 * carried into the policy layer. */
static void
test_privacy (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *f = write_conf (dir, "privacy.conf",
	                                 "[Privacy]\n"
	                                 "privacy-system=pgpmime\n"   /* 2 */
	                                 "sign=true\n"                /* 3 */
	                                 "sign-switch=false\n"        /* 4 */
	                                 "encrypt=maybe\n"            /* 5 */
	                                 "colour=blue\n"              /* 6 */
	                                 "privacy-system=enigma\n"    /* 7 */
	                                 "locked=sign;encrypt-reply;nonsense\n"); /* 8 */
	const char *dirs[] = { dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	const char *source = NULL;

	g_assert_true (has_warning (site, f, 5, "encrypt"));
	g_assert_true (has_warning (site, f, 6, "colour"));
	g_assert_true (has_warning (site, f, 7, "privacy-system"));
	g_assert_true (has_warning (site, f, 8, "nonsense"));
	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 4);
	g_assert_true (ms_site_defaults_is_locked (site, "Privacy.sign", &source));
	assert_source (source, f, 3);

	g_autoptr (MsPolicy) policy = ms_site_defaults_get_policy (site);
	MsPolicyRule rule;
	g_assert_cmpint (ms_policy_get_system (policy), ==, MS_PRIVACY_PGP_MIME);
	ms_policy_get_rule (policy, MS_POLICY_SIGN, &rule);
	g_assert_true (rule.value);
	g_assert_true (rule.locked);
	g_assert_true (ms_policy_is_locked (policy, MS_POLICY_SIGN, &source));
	assert_source (source, f, 3);
	g_assert_false (ms_policy_is_set (policy, MS_POLICY_ENCRYPT));
	/* Locked without a value: the built-in default, locked. */
	g_assert_true (ms_policy_is_locked (policy, MS_POLICY_ENCRYPT_REPLY, &source));
	assert_source (source, f, 8);
	g_assert_false (ms_policy_is_locked (policy, MS_POLICY_SYSTEM, NULL));
	rm_tree (dir);
}

/* Empty and missing directories: nothing in force, nothing to say. */
static void
test_empty (void)
{
	g_autofree char *dir = make_tmp ();
	g_autofree char *missing = g_build_filename (dir, "missing", NULL);
	g_autofree char *empty = write_conf (dir, "empty.conf", "");
	g_autofree char *comments = write_conf (dir, "only-comments.conf", "# nothing\n\n   # here\n[Discovery]\n");
	const char *dirs[] = { missing, dir, NULL };
	g_autoptr (MsSiteDefaults) site = ms_site_defaults_load (dirs);
	g_auto (GStrv) keys = ms_site_defaults_list_keys (site);

	g_assert_cmpuint (ms_site_defaults_get_warnings (site)->len, ==, 0);
	g_assert_cmpuint (ms_site_defaults_get_files (site)->len, ==, 2);
	g_assert_cmpuint (g_strv_length (keys), ==, 0);
	g_autoptr (MsDiscoveryOptions) d = ms_discovery_options_new ();
	ms_site_defaults_apply_discovery (site, d, MS_SITE_APPLY_ALL);
	g_assert_cmpuint (ms_discovery_options_get_sources (d), ==, MS_DISCOVERY_ALL_SOURCES);
	g_assert_null (d->provider_dirs);
	const char *none[] = { NULL };
	g_autoptr (MsSiteDefaults) nothing = ms_site_defaults_load (none);
	g_assert_cmpuint (ms_site_defaults_get_files (nothing)->len, ==, 0);
	rm_tree (dir);
}

/* The default directories: sysconfdir first, then $XDG_CONFIG_DIRS from
 * the least important (the last) to the most important (the first). */
static void
test_default_dirs (void)
{
	g_auto (GStrv) dirs = ms_site_defaults_dirs ();
	g_assert_cmpuint (g_strv_length (dirs), ==, 3);
	g_assert_true (g_str_has_suffix (dirs[0], "/mailsetup"));
	/* ms-first is listed twice: read once, last, as the most important. */
	g_assert_cmpstr (dirs[1], ==, "/nonexistent/ms-second/mailsetup");
	g_assert_cmpstr (dirs[2], ==, "/nonexistent/ms-first/mailsetup");
}

int
main (int argc, char **argv)
{
	/* Before GLib reads it, once per process. */
	g_setenv ("XDG_CONFIG_DIRS", "/nonexistent/ms-first:/nonexistent/ms-second:/nonexistent/ms-first", TRUE);
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/site/precedence", test_precedence);
	g_test_add_func ("/site/locking", test_locking);
	g_test_add_func ("/site/apply", test_apply);
	g_test_add_func ("/site/broken-syntax", test_broken_syntax);
	g_test_add_func ("/site/broken-values", test_broken_values);
	g_test_add_func ("/site/broken-files", test_broken_files);
	g_test_add_func ("/site/max-files", test_max_files);
	g_test_add_func ("/site/privacy", test_privacy);
	g_test_add_func ("/site/empty", test_empty);
	g_test_add_func ("/site/default-dirs", test_default_dirs);
	return g_test_run ();
}
