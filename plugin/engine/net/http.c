/* Bounded HTTP(S) fetches. Each fetch runs libcurl's multi interface in a
 * worker thread, so that cancelling wakes it at once (curl_multi_wakeup)
 * instead of at the next progress tick, up to a second later. Redirects are
 * followed here, not by libcurl, so every hop is checked: the count, no
 * downgrade from HTTPS to HTTP, and whether it leaves the first domain.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "net/http.h"

#include <string.h>
#include <curl/curl.h>
#include <mailsetup/error.h>
#include "core/i18n.h"
#include "core/worker.h"
#include "core/text.h"
#include "net/psl.h"
#include "net/trust.h"

typedef struct {
	char *url;
	char *post_body;
	char *content_type;
	gsize max_body;
	guint max_redirects;
	guint timeout_ms;
	char *ca_file;
} Request;

typedef struct {
	GByteArray *body;
	gsize max;
	gboolean too_large;
} Sink;

static void
request_free (gpointer data)
{
	Request *r = data;
	g_free (r->url);
	g_free (r->post_body);
	g_free (r->content_type);
	g_free (r->ca_file);
	g_free (r);
}

void
_ms_http_response_free (MsHttpResponse *r)
{
	if (r == NULL)
		return;
	g_clear_pointer (&r->body, g_bytes_unref);
	g_free (r->final_url);
	g_free (r->content_type);
	g_free (r);
}

static size_t
on_data (char *data, size_t size, size_t n, void *user_data)
{
	Sink *sink = user_data;
	gsize len = size * n;

	/* Stop reading as soon as the bound is passed: a hostile server may
	 * send gigabytes. Returning less than given aborts the transfer. */
	if (sink->body->len + len > sink->max) {
		sink->too_large = TRUE;
		return 0;
	}
	g_byte_array_append (sink->body, (const guint8 *) data, len);
	return len;
}

static void
on_cancelled (GCancellable *cancellable, gpointer multi)
{
	curl_multi_wakeup (multi);
}

static char *
host_of (const char *url)
{
	g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
	return uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
}

static gboolean
same_domain (const char *a_url, const char *b_url)
{
	g_autofree char *a_host = host_of (a_url), *b_host = host_of (b_url);
	g_autofree char *a = _ms_registrable_domain (a_host), *b = _ms_registrable_domain (b_host);

	if (a == NULL || b == NULL)
		return g_strcmp0 (a_host, b_host) == 0 && a_host != NULL;
	return strcmp (a, b) == 0;
}

/* One transfer, no redirect followed. Returns the curl code; *redirect_r
 * is the Location to follow for a 3xx. */
static CURLcode
transfer (const Request *r, const char *url, gint64 deadline, GCancellable *cancellable,
          Sink *sink, long *status_r, char **redirect_r, char **content_type_r, char *errbuf)
{
	CURL *easy = curl_easy_init ();
	CURLM *multi = curl_multi_init ();
	struct curl_slist *headers = NULL;
	CURLcode result = CURLE_OK;
	gulong handler = 0;
	const char *bundle = _ms_trust_bundle_path (r->ca_file);

	curl_easy_setopt (easy, CURLOPT_URL, url);
	curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt (easy, CURLOPT_USERAGENT, "mailsetup/" PACKAGE_VERSION);
	curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt (easy, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt (easy, CURLOPT_ACCEPT_ENCODING, "");
	/* Certificates are always checked; an extra CA file adds to the
	 * system's store instead of replacing it (net/trust.c). */
	curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt (easy, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
	if (bundle)
		curl_easy_setopt (easy, CURLOPT_CAINFO, bundle);
	if (r->post_body) {
		headers = curl_slist_append (headers, r->content_type ? r->content_type : "Content-Type: text/xml");
		curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);
		curl_easy_setopt (easy, CURLOPT_POSTFIELDS, r->post_body);
	}
	curl_multi_add_handle (multi, easy);
	if (cancellable)
		handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), multi, NULL);

	for (;;) {
		int running = 0;
		gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
		if (g_cancellable_is_cancelled (cancellable)) {
			result = CURLE_ABORTED_BY_CALLBACK;
			break;
		}
		if (left_ms <= 0) {
			result = CURLE_OPERATION_TIMEDOUT;
			break;
		}
		curl_multi_perform (multi, &running);
		if (running == 0) {
			CURLMsg *msg;
			int queued;
			while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
				if (msg->msg == CURLMSG_DONE)
					result = msg->data.result;
			break;
		}
		curl_multi_poll (multi, NULL, 0, (int) MIN (left_ms, 1000), NULL);
	}
	if (handler)
		g_cancellable_disconnect (cancellable, handler);

	if (result == CURLE_OK) {
		char *location = NULL, *type = NULL;
		curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, status_r);
		curl_easy_getinfo (easy, CURLINFO_REDIRECT_URL, &location);
		curl_easy_getinfo (easy, CURLINFO_CONTENT_TYPE, &type);
		*redirect_r = *status_r >= 300 && *status_r < 400 && location ? g_strdup (location) : NULL;
		if (type) {
			char *semicolon = strchr (type, ';');
			g_autofree char *t = g_ascii_strdown (type, semicolon ? semicolon - type : -1);
			*content_type_r = _ms_printable (g_strstrip (t), -1, 80);
		}
	}
	curl_multi_remove_handle (multi, easy);
	curl_multi_cleanup (multi);
	curl_easy_cleanup (easy);
	curl_slist_free_all (headers);
	return result;
}

static gpointer
fetch (gpointer task_data, GCancellable *cancellable, GError **error)
{
	Request *r = task_data;
	gint64 deadline = g_get_monotonic_time () + (gint64) r->timeout_ms * 1000;
	g_autofree char *url = g_strdup (r->url);
	g_autoptr (MsHttpResponse) response = g_new0 (MsHttpResponse, 1);

	for (guint hop = 0;; hop++) {
		Sink sink = { g_byte_array_new (), r->max_body, FALSE };
		char errbuf[CURL_ERROR_SIZE] = "";
		char *redirect = NULL;
		long status = 0;

		g_clear_pointer (&response->content_type, g_free);
		CURLcode code = transfer (r, url, deadline, cancellable, &sink, &status, &redirect,
		                          &response->content_type, errbuf);
		if (code != CURLE_OK) {
			g_byte_array_unref (sink.body);
			if (code == CURLE_ABORTED_BY_CALLBACK)
				g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
			else if (code == CURLE_OPERATION_TIMEDOUT)
				g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("%s did not answer in time"), url);
			else if (sink.too_large)
				g_set_error (error, MS_ERROR, MS_ERROR_HTTP_TOO_LARGE,
				             _("%s sent more than %u KiB"), url, (guint) (r->max_body / 1024));
			else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE)
				g_set_error (error, MS_ERROR, MS_ERROR_HTTP_CERTIFICATE,
				             _("The certificate of %s is not valid: %s"), url,
				             *errbuf ? errbuf : curl_easy_strerror (code));
			else
				g_set_error (error, MS_ERROR, MS_ERROR_HTTP_FAILED, "%s: %s", url,
				             *errbuf ? errbuf : curl_easy_strerror (code));
			return NULL;
		}
		if (redirect == NULL) {
			response->status = status;
			response->body = g_byte_array_free_to_bytes (sink.body);
			response->final_url = g_steal_pointer (&url);
			response->redirects = hop;
			return g_steal_pointer (&response);
		}
		g_byte_array_unref (sink.body);
		if (hop + 1 > r->max_redirects) {
			g_set_error (error, MS_ERROR, MS_ERROR_HTTP_REDIRECT,
			             _("%s redirects more than %u times"), r->url, r->max_redirects);
			g_free (redirect);
			return NULL;
		}
		if (g_str_has_prefix (url, "https:") && !g_str_has_prefix (redirect, "https:")) {
			g_set_error (error, MS_ERROR, MS_ERROR_HTTP_REDIRECT,
			             _("%s redirects to an unencrypted address, %s"), url, redirect);
			g_free (redirect);
			return NULL;
		}
		if (!same_domain (r->url, redirect))
			response->left_domain = TRUE;
		g_free (url);
		url = redirect;
	}
}

void
_ms_http_fetch_async (const MsHttpRequest *request, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
	static gsize initialised = 0;
	GTask *task = g_task_new (NULL, cancellable, callback, user_data);
	Request *r = g_new0 (Request, 1);

	if (g_once_init_enter (&initialised)) {
		curl_global_init (CURL_GLOBAL_DEFAULT);
		g_once_init_leave (&initialised, 1);
	}
	g_task_set_source_tag (task, _ms_http_fetch_async);
	r->url = g_strdup (request->url);
	r->post_body = g_strdup (request->post_body);
	r->content_type = request->content_type ? g_strdup_printf ("Content-Type: %s", request->content_type) : NULL;
	r->max_body = request->max_body ? request->max_body : MS_HTTP_MAX_BODY;
	r->max_redirects = request->max_redirects;
	r->timeout_ms = request->timeout_ms ? request->timeout_ms : 10000;
	r->ca_file = g_strdup (request->ca_file);
	g_task_set_task_data (task, r, request_free);
	_ms_worker_run (task, fetch, (GDestroyNotify) _ms_http_response_free);
	g_object_unref (task);
}

MsHttpResponse *
_ms_http_fetch_finish (GAsyncResult *result, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
	return g_task_propagate_pointer (G_TASK (result), error);
}
