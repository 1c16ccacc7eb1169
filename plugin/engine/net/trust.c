/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/trust.h"

#include <sys/mman.h>
#include <unistd.h>
#include <mailsetup/error.h>
#include "core/i18n.h"

/* Debian's system bundle, which GnuTLS and libcurl also default to. */
#define MS_SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static GMutex lock;
static GHashTable *credentials; /* extra file ("" for none) → credentials */
static GHashTable *bundles;     /* extra file → "/proc/self/fd/N" */

const char *
_ms_trust_extra_file (const char *ca_file)
{
	if (ca_file && *ca_file)
		return ca_file;
	ca_file = g_getenv ("SSL_CERT_FILE");
	return ca_file && *ca_file ? ca_file : NULL;
}

gnutls_certificate_credentials_t
_ms_trust_credentials (const char *ca_file, GError **error)
{
	const char *extra = _ms_trust_extra_file (ca_file);
	const char *key = extra ? extra : "";
	gnutls_certificate_credentials_t creds;

	g_mutex_lock (&lock);
	if (credentials == NULL)
		credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	creds = g_hash_table_lookup (credentials, key);
	if (creds == NULL) {
		gnutls_certificate_allocate_credentials (&creds);
		gnutls_certificate_set_x509_system_trust (creds);
		if (extra && gnutls_certificate_set_x509_trust_file (creds, extra, GNUTLS_X509_FMT_PEM) < 0) {
			gnutls_certificate_free_credentials (creds);
			g_mutex_unlock (&lock);
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("The certificate file %s cannot be read"), extra);
			return NULL;
		}
		g_hash_table_insert (credentials, g_strdup (key), creds);
	}
	g_mutex_unlock (&lock);
	return creds;
}

const char *
_ms_trust_bundle_path (const char *ca_file)
{
	const char *extra = _ms_trust_extra_file (ca_file);
	const char *path;

	if (extra == NULL)
		return NULL;
	g_mutex_lock (&lock);
	if (bundles == NULL)
		bundles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	path = g_hash_table_lookup (bundles, extra);
	if (path == NULL) {
		g_autofree char *system = NULL, *added = NULL;
		gsize system_len = 0, added_len = 0;
		/* A memory file: nothing is left on disk, whatever happens. */
		int fd = memfd_create ("mailsetup-ca-bundle", MFD_CLOEXEC);
		g_file_get_contents (MS_SYSTEM_BUNDLE, &system, &system_len, NULL);
		g_file_get_contents (extra, &added, &added_len, NULL);
		if (fd >= 0 && (system_len == 0 || write (fd, system, system_len) == (ssize_t) system_len) &&
		    write (fd, "\n", 1) == 1 && (added_len == 0 || write (fd, added, added_len) == (ssize_t) added_len)) {
			char *p = g_strdup_printf ("/proc/self/fd/%d", fd);
			g_hash_table_insert (bundles, g_strdup (extra), p);
			path = p;
		} else {
			/* Fall back to the extra file alone: still verified. */
			if (fd >= 0)
				close (fd);
			g_hash_table_insert (bundles, g_strdup (extra), g_strdup (extra));
			path = g_hash_table_lookup (bundles, extra);
		}
	}
	g_mutex_unlock (&lock);
	return path;
}
