/* Signed configuration profiles: CMS SignedData (PKCS#7) around the
 * property list, as Apple's tools and MDM servers write them. GnuTLS checks
 * the signature against the same authorities as servers' certificates
 * (net/trust.c). The content is returned whatever the verdict: the front
 * end shows the verdict and asks the user, it is never silently trusted.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "formats/profile-private.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "net/trust.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

/* @data need not be nul-terminated (the fuzzer found it). */
static gboolean
has_prefix (const char *data, gsize length, const char *prefix)
{
	gsize n = strlen (prefix);
	return length >= n && memcmp (data, prefix, n) == 0;
}

static gboolean
is_pem_cms (const char *data, gsize length)
{
	return has_prefix (data, length, "-----BEGIN PKCS7-----") || has_prefix (data, length, "-----BEGIN CMS-----");
}

/* DER: a SEQUENCE (0x30) with a long-form length; property lists start
 * with "<", a BOM, "bplist" or white space, never with 0x30. */
static gboolean
is_der (const char *data, gsize length)
{
	return length >= 4 && (guchar) data[0] == 0x30 && ((guchar) data[1] & 0x80);
}

gboolean
ms_profile_looks_like (const char *data, gsize length)
{
	if (is_der (data, length) || is_pem_cms (data, length) || has_prefix (data, length, "bplist"))
		return TRUE;
	/* XML: the first element, after the declaration, DTD and comments. */
	const char *end = data + MIN (length, 4096);
	for (const char *c = data; c < end; c++) {
		if (*c != '<' || c + 1 >= end)
			continue;
		if (end - c >= 4 && memcmp (c, "<!--", 4) == 0) {
			/* A comment may hold a "<": skip it whole. */
			const char *close = g_strstr_len (c + 4, end - c - 4, "-->");
			if (close == NULL)
				return FALSE;
			c = close + 2;
			continue;
		}
		if (c[1] == '?' || c[1] == '!')
			continue;
		return end - c >= 6 && memcmp (c, "<plist", 6) == 0;
	}
	return FALSE;
}

/* The signer's certificate among those the CMS carries, matched on issuer
 * and serial number; NULL when the CMS does not carry it. */
static gnutls_x509_crt_t
find_signer (gnutls_pkcs7_t p7, const gnutls_pkcs7_signature_info_st *info)
{
	int count = gnutls_pkcs7_get_crt_count (p7);

	for (int i = 0; i < count; i++) {
		gnutls_datum_t raw = { NULL, 0 };
		gnutls_x509_crt_t crt = NULL;
		if (gnutls_pkcs7_get_crt_raw2 (p7, i, &raw) < 0)
			continue;
		gboolean ok = gnutls_x509_crt_init (&crt) >= 0 && gnutls_x509_crt_import (crt, &raw, GNUTLS_X509_FMT_DER) >= 0;
		gnutls_free (raw.data);
		if (ok) {
			gnutls_datum_t dn = { NULL, 0 };
			guchar serial[64];
			size_t serial_len = sizeof serial;
			gboolean match = gnutls_x509_crt_get_raw_issuer_dn (crt, &dn) >= 0 && dn.size == info->issuer_dn.size &&
			                 memcmp (dn.data, info->issuer_dn.data, dn.size) == 0 &&
			                 gnutls_x509_crt_get_serial (crt, serial, &serial_len) >= 0 &&
			                 serial_len == info->signer_serial.size &&
			                 memcmp (serial, info->signer_serial.data, serial_len) == 0;
			gnutls_free (dn.data);
			if (match)
				return crt;
		}
		if (crt)
			gnutls_x509_crt_deinit (crt);
	}
	return NULL;
}

/* Whether the signature matches the content, whoever the signer is: the
 * same check with the signer's own certificate as the only authority,
 * dates aside. (gnutls_pkcs7_verify_direct() would say it too, but leaks
 * a public key in GnuTLS 3.7.9, as the fuzzer found.) */
static gboolean
signature_holds (gnutls_pkcs7_t p7, gnutls_x509_crt_t signer)
{
	gnutls_x509_trust_list_t own = NULL;
	gnutls_x509_crt_t copy = NULL;
	gnutls_datum_t der = { NULL, 0 };
	gboolean holds = FALSE;

	if (gnutls_x509_crt_export2 (signer, GNUTLS_X509_FMT_DER, &der) < 0)
		return FALSE;
	if (gnutls_x509_trust_list_init (&own, 0) >= 0 && gnutls_x509_crt_init (&copy) >= 0 &&
	    gnutls_x509_crt_import (copy, &der, GNUTLS_X509_FMT_DER) >= 0 &&
	    gnutls_x509_trust_list_add_cas (own, &copy, 1, 0) == 1) {
		copy = NULL; /* the list owns it now */
		holds = gnutls_pkcs7_verify (p7, own, NULL, 0, 0, NULL, GNUTLS_VERIFY_DISABLE_TIME_CHECKS) >= 0;
	}
	if (copy)
		gnutls_x509_crt_deinit (copy);
	if (own)
		gnutls_x509_trust_list_deinit (own, 1);
	gnutls_free (der.data);
	return holds;
}

static char *
problem_for (int ret)
{
	switch (ret) {
	case GNUTLS_E_PK_SIG_VERIFY_FAILED:
	case GNUTLS_E_HASH_FAILED:
		return g_strdup (_("the content was changed after it was signed"));
	case GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR:
		return g_strdup (_("the signer’s certificate is not issued by an authority this computer trusts, "
		                   "or it has expired"));
	case GNUTLS_E_INSUFFICIENT_SECURITY:
		return g_strdup (_("the signature uses an algorithm that is no longer safe"));
	default:
		/* TRANSLATORS: %s is GnuTLS's own description of the failure. */
		return g_strdup_printf (_("the signature cannot be checked: %s"), gnutls_strerror (ret));
	}
}

GBytes *
_ms_profile_unwrap (const char *data, gsize length, const char *ca_file, MsProfile *profile, GError **error)
{
	g_auto (gnutls_pkcs7_t) p7 = NULL;
	gnutls_datum_t in = { (unsigned char *) data, (unsigned) length };
	gnutls_datum_t content = { NULL, 0 };
	gboolean pem = is_pem_cms (data, length);
	int ret;

	if (!pem && !is_der (data, length)) {
		profile->signature = MS_PROFILE_UNSIGNED;
		return g_bytes_new (data, length);
	}
	if (gnutls_pkcs7_init (&p7) < 0 ||
	    (ret = gnutls_pkcs7_import (p7, &in, pem ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER)) < 0 ||
	    (ret = gnutls_pkcs7_get_embedded_data (p7, 0, &content)) < 0) {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_XML_MALFORMED,
		                     _("The file looks signed (CMS) but cannot be decoded, or its content is detached"));
		return NULL;
	}
	GBytes *plist = g_bytes_new (content.data, content.size);
	explicit_bzero (content.data, content.size);
	gnutls_free (content.data);

	profile->signature = MS_PROFILE_SIGNED_INVALID;
	if (gnutls_pkcs7_get_signature_count (p7) < 1) {
		profile->signature_problem = g_strdup (_("the signed envelope holds no signature"));
		return plist;
	}
	/* The signer's own certificate, when the envelope carries it, tells a
	 * changed content (its signature fails) from an unknown signer (its
	 * signature holds but nobody trusted vouches for it): GnuTLS's verdict
	 * against the trust list is the same error for both. */
	g_auto (gnutls_x509_crt_t) signer = NULL;
	gnutls_pkcs7_signature_info_st info;
	if (gnutls_pkcs7_get_signature_info (p7, 0, &info) >= 0) {
		signer = find_signer (p7, &info);
		gnutls_datum_t dn = { NULL, 0 };
		if (signer && gnutls_x509_crt_get_dn3 (signer, &dn, 0) >= 0) {
			profile->signer = g_strndup ((const char *) dn.data, dn.size);
			gnutls_free (dn.data);
		}
		gnutls_pkcs7_signature_info_deinit (&info);
	}

	g_autoptr (GError) trust_error = NULL;
	gnutls_certificate_credentials_t creds = _ms_trust_credentials (ca_file, &trust_error);
	gnutls_x509_trust_list_t tl = NULL;
	if (creds == NULL) {
		profile->signature_problem = g_strdup (trust_error->message);
		return plist;
	}
	gnutls_certificate_get_trust_list (creds, &tl);
	/* No key purpose asked: profiles are signed with server, e-mail and
	 * code signing certificates alike (and GnuTLS reports a purpose
	 * mismatch as a broken signature); what matters is who vouches. */
	ret = gnutls_pkcs7_verify (p7, tl, NULL, 0, 0, NULL, 0);
	if (ret >= 0)
		profile->signature = MS_PROFILE_SIGNED_VALID;
	else if (signer && signature_holds (p7, signer))
		profile->signature_problem = problem_for (GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR);
	else
		profile->signature_problem = problem_for (ret);
	return plist;
}
