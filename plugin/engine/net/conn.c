/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/conn.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "net/trust.h"

struct _MsConn {
	char *host;
	GSocketConnection *connection;
	int fd;
	gnutls_session_t session;
	gint64 deadline;
	GCancellable *cancellable;
	GPollFD cancel_fd;
	MsTlsReport tls_report; /* why the last handshake failed */
	gboolean have_cancel_fd;
	char buf[MS_CONN_MAX_LINE + 1];
	gsize len;
};

/* Waits for @events on the socket until the deadline or a cancel. */
static gboolean
wait_for (MsConn *c, short events, GError **error)
{
	struct pollfd fds[2] = { { c->fd, events, 0 }, { c->cancel_fd.fd, POLLIN, 0 } };

	for (;;) {
		gint64 left = (c->deadline - g_get_monotonic_time ()) / 1000;
		if (g_cancellable_set_error_if_cancelled (c->cancellable, error))
			return FALSE;
		if (left <= 0) {
			g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("%s did not answer in time"), c->host);
			return FALSE;
		}
		int n = poll (fds, c->have_cancel_fd ? 2 : 1, (int) MIN (left, G_MAXINT));
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0 && fds[0].revents)
			return TRUE;
	}
}

static ssize_t
pull (gnutls_transport_ptr_t data, void *buf, size_t len)
{
	MsConn *c = data;
	if (!wait_for (c, POLLIN, NULL)) {
		gnutls_transport_set_errno (c->session, ETIMEDOUT);
		return -1;
	}
	ssize_t n = read (c->fd, buf, len);
	if (n < 0)
		gnutls_transport_set_errno (c->session, errno);
	return n;
}

static ssize_t
push (gnutls_transport_ptr_t data, const void *buf, size_t len)
{
	MsConn *c = data;
	if (!wait_for (c, POLLOUT, NULL)) {
		gnutls_transport_set_errno (c->session, ETIMEDOUT);
		return -1;
	}
	ssize_t n = write (c->fd, buf, len);
	if (n < 0)
		gnutls_transport_set_errno (c->session, errno);
	return n;
}

/* The DNS names of the server's certificate (subjectAltName, else CN),
 * at most 16: what the server says it is. */
static char **
certificate_names (gnutls_session_t session)
{
	unsigned count = 0;
	const gnutls_datum_t *certs = gnutls_certificate_get_peers (session, &count);
	gnutls_x509_crt_t crt;
	GPtrArray *names = g_ptr_array_new ();

	if (count == 0 || gnutls_x509_crt_init (&crt) < 0)
		return (char **) g_ptr_array_free (names, TRUE);
	if (gnutls_x509_crt_import (crt, &certs[0], GNUTLS_X509_FMT_DER) == 0) {
		for (unsigned i = 0; names->len < 16; i++) {
			char name[256];
			size_t size = sizeof name - 1;
			unsigned critical;
			int type = gnutls_x509_crt_get_subject_alt_name (crt, i, name, &size, &critical);
			if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
				break;
			if (type == GNUTLS_SAN_DNSNAME && size < sizeof name) {
				name[size] = '\0';
				g_ptr_array_add (names, g_strdup (name));
			}
		}
		if (names->len == 0) {
			char cn[256];
			size_t size = sizeof cn;
			if (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &size) == 0)
				g_ptr_array_add (names, g_strdup (cn));
		}
	}
	gnutls_x509_crt_deinit (crt);
	g_ptr_array_add (names, NULL);
	return (char **) g_ptr_array_free (names, FALSE);
}

/* Whether the server's certificate is its own issuer: "self-signed" is a
 * different diagnosis from "signed by an authority nobody here trusts". */
static gboolean
certificate_self_signed (gnutls_session_t session)
{
	unsigned count = 0;
	const gnutls_datum_t *certs = gnutls_certificate_get_peers (session, &count);
	gnutls_x509_crt_t crt;
	gboolean self = FALSE;

	if (count == 0 || gnutls_x509_crt_init (&crt) < 0)
		return FALSE;
	if (gnutls_x509_crt_import (crt, &certs[0], GNUTLS_X509_FMT_DER) == 0)
		self = gnutls_x509_crt_check_issuer (crt, crt) != 0;
	gnutls_x509_crt_deinit (crt);
	return self;
}

void
_ms_tls_report_clear (MsTlsReport *report)
{
	g_strfreev (report->names);
	memset (report, 0, sizeof *report);
}

static gboolean
tls_handshake (MsConn *c, const char *ca_file, GError **error)
{
	unsigned status = 0;
	int ret;

	gnutls_certificate_credentials_t creds = _ms_trust_credentials (ca_file, error);
	if (creds == NULL)
		return FALSE;
	gnutls_init (&c->session, GNUTLS_CLIENT);
	gnutls_server_name_set (c->session, GNUTLS_NAME_DNS, c->host, strlen (c->host));
	/* RFC 8996: nothing older than TLS 1.2. */
	gnutls_priority_set_direct (c->session, "NORMAL:-VERS-TLS1.1:-VERS-TLS1.0:-VERS-SSL3.0", NULL);
	gnutls_credentials_set (c->session, GNUTLS_CRD_CERTIFICATE, creds);
	gnutls_transport_set_ptr (c->session, c);
	gnutls_transport_set_pull_function (c->session, pull);
	gnutls_transport_set_push_function (c->session, push);
	do
		ret = gnutls_handshake (c->session);
	while (ret < 0 && !gnutls_error_is_fatal (ret));
	_ms_tls_report_clear (&c->tls_report);
	if (ret < 0) {
		if (!g_cancellable_set_error_if_cancelled (c->cancellable, error))
			g_set_error (error, MS_ERROR, MS_ERROR_TLS_FAILED, _("TLS with %s failed: %s"), c->host,
			             gnutls_strerror (ret));
		return FALSE;
	}
	/* Chain, dates and host name, before a single byte of the protocol. */
	ret = gnutls_certificate_verify_peers3 (c->session, c->host, &status);
	if (ret == 0 && status == (GNUTLS_CERT_INVALID | GNUTLS_CERT_UNEXPECTED_OWNER))
		c->tls_report.names = certificate_names (c->session);
	if (ret < 0 || status != 0) {
		c->tls_report.status = ret < 0 ? GNUTLS_CERT_INVALID : status;
		c->tls_report.self_signed = (status & GNUTLS_CERT_SIGNER_NOT_FOUND) && certificate_self_signed (c->session);
		gnutls_datum_t why = { NULL, 0 };
		gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &why, 0);
		g_set_error (error, MS_ERROR, MS_ERROR_TLS_CERTIFICATE, _("The certificate of %s is not valid: %s"),
		             c->host, why.data ? (const char *) why.data : gnutls_strerror (ret));
		gnutls_free (why.data);
		return FALSE;
	}
	return TRUE;
}

/* Whether the server at @host:@port completes a handshake when TLS 1.0
 * and 1.1 are allowed: asked only after a failed handshake, to tell "too
 * old" from "broken" when the server just hangs up on a TLS 1.2 hello.
 * Nothing is ever sent over this connection. */
static gboolean
speaks_old_tls (const char *host, guint16 port, gint64 deadline, GCancellable *cancellable)
{
	g_autoptr (GSocketClient) client = g_socket_client_new ();
	g_autoptr (GSocketConnection) connection = NULL;
	gnutls_certificate_credentials_t creds;
	gnutls_session_t session;
	int ret;

	gint64 left_s = (deadline - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
	if (left_s <= 0)
		return FALSE;
	g_socket_client_set_timeout (client, (guint) CLAMP (left_s, 1, 600));
	connection = g_socket_client_connect_to_host (client, host, port, cancellable, NULL);
	if (connection == NULL)
		return FALSE;
	GSocket *socket = g_socket_connection_get_socket (connection);
	g_socket_set_timeout (socket, (guint) CLAMP (left_s, 1, 600));
	gnutls_certificate_allocate_credentials (&creds);
	gnutls_init (&session, GNUTLS_CLIENT);
	gnutls_server_name_set (session, GNUTLS_NAME_DNS, host, strlen (host));
	ret = gnutls_priority_set_direct (session, "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0", NULL);
	gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, creds);
	gnutls_transport_set_int (session, g_socket_get_fd (socket));
	if (ret == 0)
		do
			ret = gnutls_handshake (session);
		while (ret < 0 && !gnutls_error_is_fatal (ret));
	gnutls_deinit (session);
	gnutls_certificate_free_credentials (creds);
	return ret == 0;
}

gboolean
_ms_conn_speaks_old_tls (MsConn *c)
{
	gnutls_certificate_credentials_t creds;
	gnutls_session_t session;
	int ret;

	if (c->session)
		return FALSE;
	gnutls_certificate_allocate_credentials (&creds);
	gnutls_init (&session, GNUTLS_CLIENT);
	gnutls_server_name_set (session, GNUTLS_NAME_DNS, c->host, strlen (c->host));
	ret = gnutls_priority_set_direct (session, "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0", NULL);
	gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, creds);
	/* pull() and push() wait with the connection's deadline and cancel. */
	c->session = session;
	gnutls_transport_set_ptr (session, c);
	gnutls_transport_set_pull_function (session, pull);
	gnutls_transport_set_push_function (session, push);
	if (ret == 0)
		do
			ret = gnutls_handshake (session);
		while (ret < 0 && !gnutls_error_is_fatal (ret));
	c->session = NULL;
	gnutls_deinit (session);
	gnutls_certificate_free_credentials (creds);
	return ret == 0;
}

MsConn *
_ms_conn_open (const char *host, guint16 port, gboolean tls, const char *ca_file,
               gint64 deadline, GCancellable *cancellable, MsTlsReport *report, GError **error)
{
	g_autoptr (GSocketClient) client = g_socket_client_new ();
	MsConn *c = g_new0 (MsConn, 1);

	c->host = g_strdup (host);
	c->deadline = deadline;
	c->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
	c->fd = -1;
	c->have_cancel_fd = cancellable && g_cancellable_make_pollfd (cancellable, &c->cancel_fd);

	/* GSocketClient counts its time-out in whole seconds, rounded up here:
	 * a connect may overrun the deadline by under a second; everything
	 * after it keeps the deadline exactly. */
	gint64 left_s = (deadline - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
	g_socket_client_set_timeout (client, (guint) CLAMP (left_s, 1, 600));
	c->connection = g_socket_client_connect_to_host (client, host, port, cancellable, error);
	if (c->connection == NULL) {
		_ms_conn_close (c);
		return NULL;
	}
	c->fd = g_socket_get_fd (g_socket_connection_get_socket (c->connection));
	g_socket_set_blocking (g_socket_connection_get_socket (c->connection), FALSE);
	if (tls && !tls_handshake (c, ca_file, error)) {
		/* Whatever the failed handshake looked like (an alert, an old
		 * ServerHello, a hang-up, junk that happens to look like an old
		 * version), only a handshake that works with TLS 1.0/1.1 says
		 * "too old". */
		if (report && c->tls_report.status == 0 && !g_cancellable_is_cancelled (cancellable))
			c->tls_report.too_old = speaks_old_tls (host, port, deadline, cancellable);
		if (report) {
			*report = c->tls_report;
			memset (&c->tls_report, 0, sizeof c->tls_report);
		}
		_ms_conn_close (c);
		return NULL;
	}
	return c;
}

gboolean
_ms_conn_starttls (MsConn *c, const char *ca_file, GError **error)
{
	/* Bytes the server sent after its "go ahead" would be injected
	 * plain text in the TLS stream (CVE-2011-0411 and kin): refuse. */
	if (c->len > 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL,
		             _("%s sent data before the encryption started"), c->host);
		return FALSE;
	}
	return tls_handshake (c, ca_file, error);
}

const MsTlsReport *
_ms_conn_tls_report (MsConn *c)
{
	return &c->tls_report;
}

void
_ms_conn_set_deadline (MsConn *c, gint64 deadline)
{
	c->deadline = deadline;
}

int
_ms_conn_get_fd (MsConn *c)
{
	return c->fd;
}

void
_ms_conn_close (MsConn *c)
{
	if (c == NULL)
		return;
	if (c->session) {
		gnutls_deinit (c->session);
	}
	if (c->have_cancel_fd)
		g_cancellable_release_fd (c->cancellable);
	g_clear_object (&c->connection);
	g_clear_object (&c->cancellable);
	_ms_tls_report_clear (&c->tls_report);
	g_free (c->host);
	g_free (c);
}

gssize
_ms_conn_read_raw (MsConn *c, void *buf, gsize len, GError **error)
{
	for (;;) {
		gssize n;
		if (c->session) {
			n = gnutls_record_recv (c->session, buf, len);
			if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
				continue;
			if (n < 0) {
				if (!g_cancellable_set_error_if_cancelled (c->cancellable, error))
					g_set_error (error, MS_ERROR, MS_ERROR_TLS_FAILED, "%s: %s", c->host, gnutls_strerror ((int) n));
				return -1;
			}
			return n;
		}
		if (!wait_for (c, POLLIN, error))
			return -1;
		n = read (c->fd, buf, len);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", c->host, g_strerror (errno));
		return n;
	}
}

char *
_ms_conn_read_line (MsConn *c, GError **error)
{
	for (;;) {
		char *nl = memchr (c->buf, '\n', c->len);
		if (nl) {
			gsize line_len = nl - c->buf;
			char *line = g_strndup (c->buf, line_len > 0 && c->buf[line_len - 1] == '\r' ? line_len - 1 : line_len);
			c->len -= line_len + 1;
			memmove (c->buf, nl + 1, c->len);
			return line;
		}
		if (c->len >= MS_CONN_MAX_LINE) {
			g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL, _("%s sent a line longer than %d bytes"),
			             c->host, MS_CONN_MAX_LINE);
			return NULL;
		}
		gssize n = _ms_conn_read_raw (c, c->buf + c->len, MS_CONN_MAX_LINE - c->len, error);
		if (n < 0)
			return NULL;
		if (n == 0) {
			g_set_error (error, MS_ERROR, MS_ERROR_PROTOCOL, _("%s closed the connection"), c->host);
			return NULL;
		}
		c->len += n;
	}
}

gboolean
_ms_conn_write (MsConn *c, const char *text, GError **error)
{
	return _ms_conn_write_raw (c, text, strlen (text), error);
}

gboolean
_ms_conn_write_raw (MsConn *c, const void *data, gsize len, GError **error)
{
	const char *text = data;
	gsize done = 0;

	while (done < len) {
		gssize n;
		if (c->session) {
			n = gnutls_record_send (c->session, text + done, len - done);
			if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
				continue;
			if (n < 0) {
				g_set_error (error, MS_ERROR, MS_ERROR_TLS_FAILED, "%s: %s", c->host, gnutls_strerror ((int) n));
				return FALSE;
			}
		} else {
			if (!wait_for (c, POLLOUT, error))
				return FALSE;
			n = write (c->fd, text + done, len - done);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n < 0) {
				g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", c->host, g_strerror (errno));
				return FALSE;
			}
		}
		done += n;
	}
	return TRUE;
}
