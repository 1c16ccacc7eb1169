/* Internal: bounded HTTP(S) fetches through libcurl (GnuTLS).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

/* What discovery may read from one web server at the most. */
#define MS_HTTP_MAX_BODY (512 * 1024)
#define MS_HTTP_MAX_REDIRECTS 3

typedef struct {
	const char *url;
	const char *post_body;    /* NULL: GET */
	const char *content_type; /* of post_body */
	gsize max_body;           /* 0: MS_HTTP_MAX_BODY */
	guint max_redirects;
	guint timeout_ms;
	const char *ca_file;      /* extra trusted CAs, PEM; NULL: $SSL_CERT_FILE if set */
} MsHttpRequest;

typedef struct {
	long status;
	GBytes *body;
	char *final_url;
	char *content_type;       /* without parameters, lower case; may be NULL */
	guint redirects;
	gboolean left_domain;     /* a redirect went to another registrable domain */
} MsHttpResponse;

void _ms_http_fetch_async (const MsHttpRequest *request, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);
/* Errors: G_IO_ERROR_CANCELLED, G_IO_ERROR_TIMED_OUT, MS_ERROR_HTTP_* . A
 * non-2xx status is not an error: the caller reads it. */
MsHttpResponse *_ms_http_fetch_finish (GAsyncResult *result, GError **error);
void _ms_http_response_free (MsHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsHttpResponse, _ms_http_response_free)
