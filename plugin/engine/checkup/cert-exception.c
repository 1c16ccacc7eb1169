/* Certificates Claws Mail keeps in its `certs/` directory, one per host
 * and port (ssl_certificate.c: `HOST.PORT.cert`, or
 * `HOST.PORT.FINGERPRINT.cert`, plus `.chain` with the intermediates).
 * Claws keeps every certificate it accepted there, valid ones too: only
 * those that fail mailsetup's checks are exceptions the user granted.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "checkup/checkup-private.h"

#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/text.h"
#include "net/trust.h"

/* Certificates are a few KiB; a chain of 10 is already unusual. */
#define MS_CERT_FILE_MAX (256 * 1024)
#define MS_CERT_CHAIN_MAX 16
#define MS_CERT_NAMES_MAX 32

void
ms_cert_exception_free (MsCertException *e)
{
	if (e == NULL)
		return;
	g_free (e->host);
	g_free (e->path);
	g_strfreev (e->names);
	g_free (e);
}

gboolean
_ms_cert_file_name_parse (const char *base, char **host_r, guint16 *port_r)
{
	g_autofree char *stem = NULL;
	char *dot, *end = NULL;
	long port;

	if (!g_str_has_suffix (base, ".cert"))
		return FALSE;
	stem = g_strndup (base, strlen (base) - 5);
	dot = strrchr (stem, '.');
	/* A fingerprint ("AB:CD:…") after the port, with unsafe_ssl_certs. */
	if (dot && strchr (dot, ':')) {
		*dot = '\0';
		dot = strrchr (stem, '.');
	}
	if (dot == NULL || dot == stem)
		return FALSE;
	port = strtol (dot + 1, &end, 10);
	if (end == dot + 1 || *end != '\0' || port < 1 || port > 65535)
		return FALSE;
	*dot = '\0';
	*host_r = g_ascii_strdown (stem, -1);
	*port_r = (guint16) port;
	return TRUE;
}

/* Every certificate of a file, PEM or DER (Claws 3.x and 4.x write DER). */
static gnutls_x509_crt_t *
read_certificates (const char *path, guint *n_r, GError **error)
{
	g_autofree char *data = NULL;
	gsize len = 0;
	gnutls_datum_t datum;
	gnutls_x509_crt_t *list;
	unsigned int n = MS_CERT_CHAIN_MAX;
	g_autoptr (GMappedFile) map = g_mapped_file_new (path, FALSE, error);

	if (map == NULL)
		return NULL;
	len = g_mapped_file_get_length (map);
	if (len == 0 || len > MS_CERT_FILE_MAX) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("%s is not a certificate file"), path);
		return NULL;
	}
	data = g_memdup2 (g_mapped_file_get_contents (map), len);
	datum.data = (unsigned char *) data;
	datum.size = (unsigned int) len;
	list = g_new0 (gnutls_x509_crt_t, MS_CERT_CHAIN_MAX);
	if (gnutls_x509_crt_list_import (list, &n, &datum, GNUTLS_X509_FMT_PEM, 0) <= 0) {
		n = 1;
		if (gnutls_x509_crt_init (&list[0]) < 0 || gnutls_x509_crt_import (list[0], &datum, GNUTLS_X509_FMT_DER) < 0) {
			if (list[0])
				gnutls_x509_crt_deinit (list[0]);
			g_free (list);
			g_set_error (error, MS_ERROR, MS_ERROR_FAILED, _("%s is not a certificate file"), path);
			return NULL;
		}
	}
	*n_r = n;
	return list;
}

static void
free_certificates (gnutls_x509_crt_t *list, guint n)
{
	for (guint i = 0; i < n; i++)
		gnutls_x509_crt_deinit (list[i]);
	g_free (list);
}

/* The DNS names of the certificate: subjectAltName, else the CN. */
static char **
certificate_names (gnutls_x509_crt_t crt)
{
	GPtrArray *names = g_ptr_array_new ();

	for (unsigned i = 0; names->len < MS_CERT_NAMES_MAX; i++) {
		char name[256];
		size_t size = sizeof name - 1;
		int type = gnutls_x509_crt_get_subject_alt_name (crt, i, name, &size, NULL);
		if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (type == GNUTLS_SAN_DNSNAME && size < sizeof name) {
			name[size] = '\0';
			g_ptr_array_add (names, _ms_printable (name, -1, 253));
		}
	}
	if (names->len == 0) {
		char cn[256];
		size_t size = sizeof cn;
		if (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &size) == 0)
			g_ptr_array_add (names, _ms_printable (cn, -1, 253));
	}
	g_ptr_array_add (names, NULL);
	return (char **) g_ptr_array_free (names, FALSE);
}

/* The system's authorities plus the extra file, for checking a stored
 * certificate as _ms_conn_open() checks a server's. */
static gnutls_x509_trust_list_t
trust_list (const char *ca_file)
{
	gnutls_x509_trust_list_t tl;
	const char *extra = _ms_trust_extra_file (ca_file);

	if (gnutls_x509_trust_list_init (&tl, 0) < 0)
		return NULL;
	gnutls_x509_trust_list_add_system_trust (tl, 0, 0);
	if (extra)
		gnutls_x509_trust_list_add_trust_file (tl, extra, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	return tl;
}

static void
check (MsCertException *e, gnutls_x509_crt_t *chain, guint n, const char *ca_file)
{
	gnutls_x509_trust_list_t tl = trust_list (ca_file);
	unsigned int status = GNUTLS_CERT_INVALID;
	gnutls_typed_vdata_st data = { .type = GNUTLS_DT_DNS_HOSTNAME, .data = (unsigned char *) e->host };

	if (tl == NULL)
		return;
	if (gnutls_x509_trust_list_verify_crt2 (tl, chain, n, &data, 1, 0, &status, NULL) < 0)
		status = GNUTLS_CERT_INVALID;
	e->valid_for_host = status == 0;
	/* Without the name: is the chain itself trusted and in date? */
	if (gnutls_x509_trust_list_verify_crt2 (tl, chain, n, NULL, 0, 0, &status, NULL) < 0)
		status = GNUTLS_CERT_INVALID;
	e->trusted = status == 0;
	e->expired = (status & GNUTLS_CERT_EXPIRED) != 0 || (e->not_after >= 0 && e->not_after < g_get_real_time () / G_USEC_PER_SEC);
	e->self_signed = gnutls_x509_crt_check_issuer (chain[0], chain[0]) != 0;
	gnutls_x509_trust_list_deinit (tl, 1);
}

MsCertException *
ms_cert_exception_load (const char *path, const char *ca_file, GError **error)
{
	g_autofree char *base = g_path_get_basename (path);
	g_autoptr (MsCertException) e = g_new0 (MsCertException, 1);
	g_autofree char *chain_path = g_strconcat (path, ".chain", NULL);
	gnutls_x509_crt_t *certs, *chain = NULL, *list;
	guint n_certs = 0, n_chain = 0, n = 0;
	time_t expiry;

	if (!_ms_cert_file_name_parse (base, &e->host, &e->port)) {
		g_set_error (error, MS_ERROR, MS_ERROR_FAILED,
		             _("%s is not named like a certificate of Claws Mail (HOST.PORT.cert)"), path);
		return NULL;
	}
	e->path = g_strdup (path);
	certs = read_certificates (path, &n_certs, error);
	if (certs == NULL)
		return NULL;
	/* The chain file starts with the server's certificate itself. */
	if (g_file_test (chain_path, G_FILE_TEST_IS_REGULAR))
		chain = read_certificates (chain_path, &n_chain, NULL);
	list = g_new0 (gnutls_x509_crt_t, MS_CERT_CHAIN_MAX);
	list[n++] = certs[0];
	for (guint i = chain && n_chain > 0 ? 1 : 0; chain && i < n_chain && n < MS_CERT_CHAIN_MAX; i++)
		list[n++] = chain[i];
	for (guint i = 1; !chain && i < n_certs && n < MS_CERT_CHAIN_MAX; i++)
		list[n++] = certs[i];

	expiry = gnutls_x509_crt_get_expiration_time (certs[0]);
	e->not_after = expiry == (time_t) -1 ? -1 : (gint64) expiry;
	e->names = certificate_names (certs[0]);
	check (e, list, n, ca_file);

	g_free (list);
	free_certificates (certs, n_certs);
	if (chain)
		free_certificates (chain, n_chain);
	return g_steal_pointer (&e);
}

/* The exceptions stored for @host:@port (both spellings Claws uses). */
void
_ms_cert_exceptions_find (const char *certs_dir, const char *host, guint16 port, const char *ca_file,
                          GPtrArray *out)
{
	g_autoptr (GDir) dir = g_dir_open (certs_dir, 0, NULL);
	const char *name;
	guint seen = 0;

	if (dir == NULL)
		return;
	/* A directory of thousands of files is not Claws's: stop early. */
	while ((name = g_dir_read_name (dir)) != NULL && seen++ < 10000) {
		g_autofree char *h = NULL;
		guint16 p = 0;
		if (!_ms_cert_file_name_parse (name, &h, &p) || p != port || g_ascii_strcasecmp (h, host) != 0)
			continue;
		g_autofree char *path = g_build_filename (certs_dir, name, NULL);
		MsCertException *e = ms_cert_exception_load (path, ca_file, NULL);
		if (e)
			g_ptr_array_add (out, e);
	}
}

GPtrArray *
ms_checkup_accounts_load (const char *claws_dir, const char *ca_file, GError **error)
{
	g_autofree char *certs = g_build_filename (claws_dir, "certs", NULL);
	GPtrArray *accounts = ms_claws_accounts_load (claws_dir, error);

	if (accounts == NULL)
		return NULL;
	for (guint i = 0; i < accounts->len; i++) {
		MsClawsAccount *a = accounts->pdata[i];
		MsServer *servers[] = { a->incoming, a->outgoing };
		g_ptr_array_set_free_func (a->exceptions, (GDestroyNotify) ms_cert_exception_free);
		for (guint s = 0; s < G_N_ELEMENTS (servers); s++)
			if (servers[s])
				_ms_cert_exceptions_find (certs, ms_server_get_hostname (servers[s]),
				                          ms_server_get_port (servers[s]), ca_file, a->exceptions);
	}
	return accounts;
}
