/* Unit tests of the bounded HTTP client against a small HTTP server on an
 * ephemeral loopback port: body limit, redirect limit and domain change,
 * time-out, and that cancelling answers within 100 ms.
 * HTTPS and certificates are tested in the test world, with nginx.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <mailsetup/mailsetup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/http.h"

static guint16 port;

/* Paths: /ok, /big (2 MiB), /hang (never answers), /r/N (redirects N
 * more times, then /ok), /away (redirect to localhost instead of 127.0.0.1). */
static gboolean
on_connection (GThreadedSocketService *service, GSocketConnection *conn, GObject *source, gpointer data)
{
	GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
	GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
	char buf[2048];
	gssize n = g_input_stream_read (in, buf, sizeof buf - 1, NULL, NULL);
	if (n <= 0)
		return TRUE;
	buf[n] = '\0';
	char path[256] = "";
	sscanf (buf, "%*s %255s", path);
	g_autofree char *reply = NULL;

	if (strcmp (path, "/ok") == 0) {
		reply = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
	} else if (strcmp (path, "/big") == 0) {
		const char *head = "HTTP/1.1 200 OK\r\nContent-Length: 2097152\r\nConnection: close\r\n\r\n";
		g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
		g_autofree char *chunk = g_malloc0 (65536);
		for (int i = 0; i < 32; i++)
			if (!g_output_stream_write_all (out, chunk, 65536, NULL, NULL, NULL))
				break;
		return TRUE;
	} else if (strcmp (path, "/hang") == 0) {
		g_usleep (3 * G_USEC_PER_SEC);
		return TRUE;
	} else if (g_str_has_prefix (path, "/r/")) {
		int left = atoi (path + 3);
		g_autofree char *next = left > 0 ? g_strdup_printf ("/r/%d", left - 1) : g_strdup ("/ok");
		reply = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%u%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", port, next);
	} else if (strcmp (path, "/away") == 0) {
		reply = g_strdup_printf ("HTTP/1.1 301 Moved\r\nLocation: http://localhost:%u/ok\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", port);
	} else {
		reply = g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
	}
	g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
	return TRUE;
}

typedef struct {
	GMainLoop *loop;
	MsHttpResponse *response;
	GError *error;
	gint64 finished;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
	Wait *w = data;
	w->response = _ms_http_fetch_finish (result, &w->error);
	w->finished = g_get_monotonic_time ();
	g_main_loop_quit (w->loop);
}

static void
fetch (const char *path, guint timeout_ms, GCancellable *cancellable, Wait *w)
{
	g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
	MsHttpRequest req = { .url = url, .max_body = 64 * 1024, .max_redirects = 3, .timeout_ms = timeout_ms };
	memset (w, 0, sizeof *w);
	w->loop = g_main_loop_new (NULL, FALSE);
	_ms_http_fetch_async (&req, cancellable, on_done, w);
	g_main_loop_run (w->loop);
	g_main_loop_unref (w->loop);
}

static void
test_ok (void)
{
	Wait w;
	fetch ("/ok", 5000, NULL, &w);
	g_assert_no_error (w.error);
	g_assert_cmpint (w.response->status, ==, 200);
	g_assert_cmpstr (w.response->content_type, ==, "text/xml");
	g_assert_cmpmem (g_bytes_get_data (w.response->body, NULL), g_bytes_get_size (w.response->body), "hello", 5);
	g_assert_false (w.response->left_domain);
	_ms_http_response_free (w.response);

	fetch ("/missing", 5000, NULL, &w);
	g_assert_no_error (w.error);
	g_assert_cmpint (w.response->status, ==, 404);
	_ms_http_response_free (w.response);
}

static void
test_too_large (void)
{
	Wait w;
	fetch ("/big", 5000, NULL, &w);
	g_assert_error (w.error, MS_ERROR, MS_ERROR_HTTP_TOO_LARGE);
	g_clear_error (&w.error);
}

static void
test_redirects (void)
{
	Wait w;
	fetch ("/r/2", 5000, NULL, &w);   /* 3 redirects: at the limit */
	g_assert_no_error (w.error);
	g_assert_cmpint (w.response->status, ==, 200);
	g_assert_cmpuint (w.response->redirects, ==, 3);
	_ms_http_response_free (w.response);

	fetch ("/r/3", 5000, NULL, &w);   /* 4 redirects: over it */
	g_assert_error (w.error, MS_ERROR, MS_ERROR_HTTP_REDIRECT);
	g_clear_error (&w.error);

	fetch ("/away", 5000, NULL, &w);
	g_assert_no_error (w.error);
	g_assert_true (w.response->left_domain);
	g_assert_true (g_str_has_prefix (w.response->final_url, "http://localhost:"));
	_ms_http_response_free (w.response);
}

static void
test_timeout (void)
{
	Wait w;
	gint64 start = g_get_monotonic_time ();
	fetch ("/hang", 300, NULL, &w);
	g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	g_clear_error (&w.error);
	g_assert_cmpint ((w.finished - start) / 1000, <, 1000);
}

static gboolean
cancel_later (gpointer cancellable)
{
	g_object_set_data (cancellable, "at", GINT_TO_POINTER (1));
	g_cancellable_cancel (cancellable);
	return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
	g_autoptr (GCancellable) c = g_cancellable_new ();
	Wait w;
	gint64 start = g_get_monotonic_time ();
	g_timeout_add (200, cancel_later, c);
	fetch ("/hang", 5000, c, &w);
	g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_clear_error (&w.error);
	gint64 ms = (w.finished - start) / 1000;
	g_test_message ("cancelled after %" G_GINT64_FORMAT " ms (cancel at 200 ms)", ms);
	g_assert_cmpint (ms, <, 200 + 100);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	GSocketService *service = g_threaded_socket_service_new (8);
	GInetAddress *lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	GSocketAddress *addr = g_inet_socket_address_new (lo, 0), *bound = NULL;
	g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), addr, G_SOCKET_TYPE_STREAM,
	                                              G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
	port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
	g_signal_connect (service, "run", G_CALLBACK (on_connection), NULL);
	g_socket_service_start (service);

	g_test_add_func ("/http/ok", test_ok);
	g_test_add_func ("/http/too-large", test_too_large);
	g_test_add_func ("/http/redirects", test_redirects);
	g_test_add_func ("/http/timeout", test_timeout);
	g_test_add_func ("/http/cancel", test_cancel);
	int status = g_test_run ();
	g_socket_service_stop (service);
	g_object_unref (bound);
	g_object_unref (addr);
	g_object_unref (lo);
	g_object_unref (service);
	return status;
}
