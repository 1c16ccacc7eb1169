/* Internal: a blocking, line-oriented client connection for worker
 * threads, with a deadline and a cancellable on every wait, and TLS through
 * GnuTLS with the certificate always checked (chain and host name).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#define MS_CONN_MAX_LINE 4096

typedef struct _MsConn MsConn;

/* Connects to @host:@port before @deadline (monotonic µs). With @tls, does
 * the TLS handshake and checks the certificate for @host against the system
 * trust store plus @ca_file (or $SSL_CERT_FILE). A certificate that fails
 * is MS_ERROR_TLS_CERTIFICATE, its reason in the message: nothing is sent
 * over such a connection. */
/* On a failed TLS check, *names_r (if given) receives the names of a
 * certificate that is valid in all but its name (see below). */
MsConn *_ms_conn_open (const char *host, guint16 port, gboolean tls, const char *ca_file,
                       gint64 deadline, GCancellable *cancellable, char ***names_r, GError **error);
/* Upgrades a plain connection (after the protocol's STARTTLS command was
 * accepted), with the same certificate checks. */
gboolean _ms_conn_starttls (MsConn *conn, const char *ca_file, GError **error);
/* After MS_ERROR_TLS_CERTIFICATE: when the certificate is valid in all but
 * its name, the DNS names it was made for (NULL-terminated), else NULL. */
char **_ms_conn_certificate_names (MsConn *conn);
void _ms_conn_close (MsConn *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsConn, _ms_conn_close)

/* Reads one line (CRLF or LF stripped), at most MS_CONN_MAX_LINE bytes. */
char *_ms_conn_read_line (MsConn *conn, GError **error);
gboolean _ms_conn_write (MsConn *conn, const char *text, GError **error);
