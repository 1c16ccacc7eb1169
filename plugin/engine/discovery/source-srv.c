/* Source: RFC 6186 SRV records, with RFC 8314's implicit-TLS names. A
 * target "." says the service is not offered. A target outside the user's
 * domain is trusted only if the resolver validated the answer (DNSSEC),
 * as RFC 6186 §6 asks: otherwise anyone who can forge DNS picks the server.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <string.h>
#include "core/i18n.h"
#include "formats/srv-services.h"
#include "net/dns.h"

typedef struct {
	MsSourceTask *t;
	guint service;
	char *name;
} Lookup;

static gboolean
inside (const char *host, const char *domain)
{
	gsize hl = strlen (host), dl = strlen (domain);
	return g_ascii_strcasecmp (host, domain) == 0 ||
	       (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0);
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer data)
{
	Lookup *l = data;
	MsSourceTask *t = l->t;
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autoptr (GError) error = NULL;
	g_autoptr (MsDnsAnswer) answer = _ms_dns_lookup_finish (result, &error);
	guint n;
	const MsSrvService *services = _ms_srv_services (&n);
	g_autofree char *code = g_strdup_printf ("srv-%.*s", (int) strcspn (services[l->service].prefix + 1, "."),
	                                         services[l->service].prefix + 1);

	if (answer == NULL) {
		_ms_task_failed (t, code, l->name, error);
	} else if (!answer->exists) {
		_ms_task_nothing (t, code, l->name, _("No SRV record %s"), l->name);
	} else {
		g_autoptr (MsConfig) config = ms_config_new ();
		for (guint i = 0; i < answer->records->len; i++) {
			const MsDnsRecord *r = g_ptr_array_index (answer->records, i);
			if (*r->target == '\0' || r->port == 0)
				continue; /* "." : the domain says this service is not offered */
			g_autoptr (MsServer) s = ms_server_new (services[l->service].protocol, r->target, r->port,
			                                        services[l->service].socket_type);
			ms_server_set_username (s, NULL);
			ms_server_set_source (s, MS_SOURCE_SRV, MS_TRUST_MEDIUM);
			if (!inside (r->target, domain) && !answer->authenticated) {
				g_autofree char *why = g_strdup_printf (
					_("The server %s is outside your domain, and the DNS answer naming it was not authenticated (DNSSEC)"),
					r->target);
				ms_server_set_confirmation (s, why);
			}
			ms_config_add_server (config, s);
		}
		ms_config_add_domain (config, domain);
		if (ms_config_get_incoming (config)->len + ms_config_get_outgoing (config)->len == 0)
			_ms_task_nothing (t, code, l->name, _("%s says this service is not offered"), l->name);
		else
			_ms_task_found (t, code, l->name, config);
	}
	_ms_task_release (t);
	g_free (l->name);
	g_free (l);
}

void
_ms_source_srv_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));

	guint n;
	const MsSrvService *services = _ms_srv_services (&n);

	_ms_task_searching (t, "srv", domain, _("Looking up the SRV records of %s…"), domain);
	for (guint i = 0; i < n; i++) {
		Lookup *l = g_new0 (Lookup, 1);
		l->t = t;
		l->service = i;
		l->name = g_strconcat (services[i].prefix, domain, NULL);
		_ms_task_hold (t);
		_ms_dns_lookup_async (l->name, MS_DNS_SRV, t->cancellable, on_answer, l);
	}
}
