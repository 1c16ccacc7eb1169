/* Internal: a blocking, line-oriented client connection for worker
 * threads, with a deadline and a cancellable on every wait, and TLS through
 * GnuTLS with the certificate always checked (chain and host name).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#define MS_CONN_MAX_LINE 4096

typedef struct _MsConn MsConn;

/* Why a TLS handshake or certificate check failed, for a diagnosis. */
typedef struct {
	guint status;         /* GNUTLS_CERT_* bits of a rejected certificate, else 0 */
	gboolean self_signed; /* the rejected certificate signed itself */
	gboolean too_old;     /* the server offers nothing newer than TLS 1.1 */
	char **names;         /* when only the name is wrong: the names it was made for */
} MsTlsReport;

void _ms_tls_report_clear (MsTlsReport *report);

/* Connects to @host:@port before @deadline (monotonic µs). With @tls, does
 * the TLS handshake and checks the certificate for @host against the system
 * trust store plus @ca_file (or $SSL_CERT_FILE). A certificate that fails
 * is MS_ERROR_TLS_CERTIFICATE, its reason in the message: nothing is sent
 * over such a connection. On a TLS failure, @report (if given) says why. */
MsConn *_ms_conn_open (const char *host, guint16 port, gboolean tls, const char *ca_file,
                       gint64 deadline, GCancellable *cancellable, MsTlsReport *report, GError **error);
/* Upgrades a plain connection (after the protocol's STARTTLS command was
 * accepted), with the same certificate checks; on failure
 * _ms_conn_tls_report() says why. */
gboolean _ms_conn_starttls (MsConn *conn, const char *ca_file, GError **error);
const MsTlsReport *_ms_conn_tls_report (MsConn *conn);
/* On a plain connection whose server just accepted STARTTLS: whether it
 * completes a handshake with TLS 1.0/1.1 allowed (to tell "too old" from
 * "broken"); the connection is unusable afterwards, nothing is sent on it. */
gboolean _ms_conn_speaks_old_tls (MsConn *conn);
/* Moves the deadline (monotonic µs) of every later wait. */
void _ms_conn_set_deadline (MsConn *conn, gint64 deadline);
int _ms_conn_get_fd (MsConn *conn);
void _ms_conn_close (MsConn *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsConn, _ms_conn_close)

/* Reads one line (CRLF or LF stripped), at most MS_CONN_MAX_LINE bytes. */
char *_ms_conn_read_line (MsConn *conn, GError **error);
gboolean _ms_conn_write (MsConn *conn, const char *text, GError **error);

/* Unbuffered reads and writes, for a protocol library on top (libetpan):
 * at most @len bytes, -1 with @error on failure, 0 at the end. Not to be
 * mixed with _ms_conn_read_line(), which buffers. */
gssize _ms_conn_read_raw (MsConn *conn, void *buf, gsize len, GError **error);
gboolean _ms_conn_write_raw (MsConn *conn, const void *buf, gsize len, GError **error);
