/* Source: Microsoft Autodiscover (the POX protocol Outlook used before
 * JSON), of which only the IMAP, POP3 and SMTP parts are used. Asked at
 * autodiscover.<domain>, at <domain>, and where _autodiscover._tcp points.
 * A redirect to another address or URL is followed at most
 * MS_AUTODISCOVER_MAX_REDIRECTS times in all, and what comes from
 * elsewhere than the user's domain needs the user's confirmation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <string.h>
#include <mailsetup/autodiscover.h>
#include <mailsetup/error.h>
#include "core/config-util.h"
#include "core/i18n.h"
#include "net/dns.h"
#include "net/http.h"

#define MS_AUTODISCOVER_MAX_REDIRECTS 3

typedef struct {
	MsSourceTask *t;
	char *url;
	MsAddress *address;   /* whom the request is for (changes on redirectAddr) */
	char *confirmation;   /* set once the chain leaves the user's domain */
	guint hops;
} Ask;

static void ask (MsSourceTask *t, const char *url, MsAddress *address, const char *confirmation, guint hops);

static void
ask_free (Ask *a)
{
	g_free (a->url);
	ms_address_unref (a->address);
	g_free (a->confirmation);
	g_free (a);
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer data)
{
	Ask *a = data;
	MsSourceTask *t = a->t;
	g_autoptr (GError) error = NULL;
	g_autoptr (MsHttpResponse) response = _ms_http_fetch_finish (result, &error);
	g_auto (MsAutodiscoverRedirect) redirect = { 0 };
	g_autoptr (MsConfig) config = NULL;
	g_autofree char *why = g_strdup (a->confirmation);

	if (response == NULL) {
		_ms_task_failed (t, "autodiscover", a->url, error);
		goto out;
	}
	if (response->status == 404 || response->status == 401 || response->status == 403) {
		/* 401 is what an Exchange server says: it wants Exchange login. */
		_ms_task_nothing (t, "autodiscover", a->url, _("%s has no Autodiscover answer for mail clients"), a->url);
		goto out;
	}
	if (response->status != 200) {
		g_autoptr (GError) e = g_error_new (MS_ERROR, MS_ERROR_HTTP_FAILED,
		                                    _("%s answered with HTTP status %ld"), a->url, response->status);
		_ms_task_failed (t, "autodiscover", a->url, e);
		goto out;
	}
	if (response->left_domain && why == NULL)
		why = g_strdup_printf (_("The Autodiscover answer came from another domain: %s"), response->final_url);

	gsize len = 0;
	const char *body = g_bytes_get_data (response->body, &len);
	config = ms_autodiscover_parse (body ? body : "", len, MS_TRUST_HIGH, &redirect, &error);
	if (config) {
		if (why)
			_ms_config_confirm_all (config, why);
		_ms_task_found (t, "autodiscover", a->url, config);
	} else if (redirect.kind != MS_AUTODISCOVER_REDIRECT_NONE) {
		if (a->hops + 1 > MS_AUTODISCOVER_MAX_REDIRECTS) {
			g_autoptr (GError) e = g_error_new (MS_ERROR, MS_ERROR_HTTP_REDIRECT,
			                                    _("%s redirects more than %u times"), a->url, MS_AUTODISCOVER_MAX_REDIRECTS);
			_ms_task_failed (t, "autodiscover", a->url, e);
		} else if (redirect.kind == MS_AUTODISCOVER_REDIRECT_ADDRESS) {
			g_autoptr (MsAddress) next = ms_address_parse (redirect.target, &error);
			if (next == NULL) {
				_ms_task_failed (t, "autodiscover", a->url, error);
			} else {
				if (why == NULL && strcmp (ms_address_get_domain (next), ms_address_get_domain (_ms_run_address (t))) != 0)
					why = g_strdup_printf (_("Autodiscover redirected to another address: %s"), redirect.target);
				ask (t, a->url, next, why, a->hops + 1);
			}
		} else {
			if (why == NULL)
				why = g_strdup_printf (_("Autodiscover redirected to another server: %s"), redirect.target);
			ask (t, redirect.target, a->address, why, a->hops + 1);
		}
	} else {
		_ms_task_failed (t, "autodiscover", a->url, error);
	}
out:
	_ms_task_release (t);
	ask_free (a);
}

static void
ask (MsSourceTask *t, const char *url, MsAddress *address, const char *confirmation, guint hops)
{
	const MsDiscoveryOptions *o = _ms_run_options (t);
	g_autofree char *body = ms_autodiscover_request (address);
	MsHttpRequest req = {
		.url = url,
		.post_body = body,
		.content_type = MS_AUTODISCOVER_CONTENT_TYPE,
		.max_body = MS_AUTODISCOVER_MAX_SIZE,
		.max_redirects = MS_HTTP_MAX_REDIRECTS,
		.timeout_ms = o->source_timeout_ms,
		.ca_file = o->ca_file,
	};
	Ask *a = g_new0 (Ask, 1);

	a->t = t;
	a->url = g_strdup (url);
	a->address = ms_address_ref (address);
	a->confirmation = g_strdup (confirmation);
	a->hops = hops;
	_ms_task_hold (t);
	_ms_http_fetch_async (&req, t->cancellable, on_answer, a);
}

static void
on_srv (GObject *source, GAsyncResult *result, gpointer data)
{
	MsSourceTask *t = data;
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autoptr (MsDnsAnswer) answer = _ms_dns_lookup_finish (result, NULL);

	if (answer && answer->exists) {
		const MsDnsRecord *r = g_ptr_array_index (answer->records, 0);
		if (*r->target && r->port) {
			gsize tl = strlen (r->target), dl = strlen (domain);
			gboolean inside = g_str_equal (r->target, domain) ||
			                  (tl > dl && r->target[tl - dl - 1] == '.' && g_str_has_suffix (r->target, domain));
			g_autofree char *url = g_strdup_printf ("https://%s:%u/autodiscover/autodiscover.xml", r->target, r->port);
			g_autofree char *why = inside || answer->authenticated ? NULL
				: g_strdup_printf (_("The Autodiscover server %s is outside your domain, and the DNS answer naming it was not authenticated (DNSSEC)"), r->target);
			ask (t, url, (MsAddress *) _ms_run_address (t), why, 0);
		}
	}
	_ms_task_release (t);
}

void
_ms_source_autodiscover_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	MsAddress *address = (MsAddress *) _ms_run_address (t);
	g_autofree char *url1 = g_strdup_printf ("https://autodiscover.%s/autodiscover/autodiscover.xml", domain);
	g_autofree char *url2 = g_strdup_printf ("https://%s/autodiscover/autodiscover.xml", domain);
	g_autofree char *srv = g_strconcat ("_autodiscover._tcp.", domain, NULL);

	_ms_task_searching (t, "autodiscover", domain, _("Asking the Autodiscover service of %s…"), domain);
	ask (t, url1, address, NULL, 0);
	ask (t, url2, address, NULL, 0);
	_ms_task_hold (t);
	_ms_dns_lookup_async (srv, MS_DNS_SRV, t->cancellable, on_srv, t);
}
