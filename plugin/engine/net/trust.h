/* Internal: the certificate authorities mailsetup trusts, loaded once per
 * process: the system's store plus an extra PEM file (an option, else
 * $SSL_CERT_FILE, the variable Claws and OpenSSL honour). Loading the
 * system store costs far more than a handshake on a near server: reloading
 * it per connection made every TLS connection ~100 ms slower.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>

/* The extra CA file in force: @ca_file, else $SSL_CERT_FILE, else NULL. */
const char *_ms_trust_extra_file (const char *ca_file);

/* Shared, read-only credentials with the system store and the extra file;
 * never freed (one per distinct file for the life of the process). NULL
 * with @error if the extra file cannot be read. */
gnutls_certificate_credentials_t _ms_trust_credentials (const char *ca_file, GError **error);

/* A file holding the system bundle followed by the extra file, for
 * libcurl's CAINFO (libcurl-gnutls reads CAINFO per connection, and reads a
 * CAPATH directory file by file: one bundle is the cheapest it can do).
 * NULL when there is no extra file: libcurl's default bundle is then right. */
const char *_ms_trust_bundle_path (const char *ca_file);
