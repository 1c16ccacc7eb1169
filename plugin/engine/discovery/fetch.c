/* Fetch an autoconfig document over HTTP(S) and report what it says: the
 * common step of the autoconfig, ISPDB and MX sources.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <string.h>
#include <mailsetup/autoconfig.h>
#include <mailsetup/error.h>
#include "core/config-util.h"
#include "core/i18n.h"
#include "net/http.h"

typedef struct {
	MsSourceTask *t;
	char *code;
	char *url;
	MsTrust trust;
	char *confirmation;
	MsFetchDone done;
	gpointer done_data;
} Fetch;

static void
fetch_free (Fetch *f)
{
	g_free (f->code);
	g_free (f->url);
	g_free (f->confirmation);
	g_free (f);
}

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer data)
{
	Fetch *f = data;
	MsSourceTask *t = f->t;
	g_autoptr (GError) error = NULL;
	g_autoptr (MsHttpResponse) response = _ms_http_fetch_finish (result, &error);
	g_autoptr (MsConfig) found = NULL;

	if (response == NULL) {
		_ms_task_failed (t, f->code, f->url, error);
	} else if (response->status == 404 || response->status == 410) {
		_ms_task_nothing (t, f->code, f->url, _("%s has no configuration"), f->url);
	} else if (response->status != 200) {
		g_autoptr (GError) e = g_error_new (MS_ERROR, MS_ERROR_HTTP_FAILED,
		                                    _("%s answered with HTTP status %ld"), f->url, response->status);
		_ms_task_failed (t, f->code, f->url, e);
	} else {
		gsize len = 0;
		const char *body = g_bytes_get_data (response->body, &len);
		g_autoptr (MsConfig) config = ms_autoconfig_parse (body ? body : "", len, t->source, f->trust, &error);
		if (config == NULL) {
			_ms_task_failed (t, f->code, f->url, error);
		} else {
			g_autofree char *moved = NULL;
			if (f->confirmation)
				_ms_config_confirm_all (config, f->confirmation);
			/* A redirect to another domain is that domain's word, not
			 * the user's provider's: the user confirms it. */
			if (response->left_domain) {
				moved = g_strdup_printf (_("The configuration was sent from another domain: %s"),
				                         response->final_url);
				_ms_config_confirm_all (config, moved);
			}
			/* Servers must send XML; anything else is tolerated but noted,
			 * since it often means a misconfigured or hostile server. */
			if (response->content_type && !strstr (response->content_type, "xml")) {
				g_autoptr (GError) note = g_error_new (MS_ERROR, MS_ERROR_HTTP_FAILED,
				                                       _("%s was sent as “%s”, not as XML"),
				                                       f->url, response->content_type);
				ms_config_add_note (config, note);
			}
			found = g_steal_pointer (&config);
		}
	}
	if (f->done)
		f->done (t, f->code, f->url, found, f->done_data);
	else if (found)
		_ms_task_found (t, f->code, f->url, found);
	_ms_task_release (t);
	fetch_free (f);
}

void
_ms_fetch_autoconfig (MsSourceTask *t, const char *code, const char *url, MsTrust trust, const char *confirmation,
                      MsFetchDone done, gpointer done_data)
{
	const MsDiscoveryOptions *o = _ms_run_options (t);
	Fetch *f = g_new0 (Fetch, 1);
	MsHttpRequest req = {
		.url = url,
		.max_body = MS_AUTOCONFIG_MAX_SIZE,
		.max_redirects = MS_HTTP_MAX_REDIRECTS,
		.timeout_ms = o->source_timeout_ms,
		.ca_file = o->ca_file,
	};

	f->t = t;
	f->code = g_strdup (code);
	f->url = g_strdup (url);
	f->trust = trust;
	f->confirmation = g_strdup (confirmation);
	f->done = done;
	f->done_data = done_data;
	_ms_task_hold (t);
	_ms_http_fetch_async (&req, t->cancellable, on_fetched, f);
}
