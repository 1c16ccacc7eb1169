/* Source: the provider behind the domain's MX hosts. A domain hosted by a
 * provider (mx1.mail.ovh.net) is set up like the provider's own domain
 * (ovh.net): its built-in data, its ISPDB entry, its autoconfig file. This
 * is indirect evidence: medium trust.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

#include <mailsetup/providers.h>
#include "core/i18n.h"
#include "net/dns.h"
#include "net/psl.h"

#define MS_MX_MAX_PROVIDERS 2

static void
as_mx (MsConfig *config)
{
	GPtrArray *lists[] = { ms_config_get_incoming (config), ms_config_get_outgoing (config) };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			MsServer *s = g_ptr_array_index (lists[l], i);
			ms_server_set_source (s, MS_SOURCE_MX, MIN (ms_server_get_trust (s), MS_TRUST_MEDIUM));
		}
}

static void
on_provider_config (MsSourceTask *t, const char *code, const char *url, MsConfig *config, gpointer data)
{
	if (config) {
		as_mx (config);
		_ms_task_found (t, code, url, config);
	}
}

static void
look_up_provider (MsSourceTask *t, const char *provider)
{
	g_autoptr (MsConfig) builtin = ms_provider_db_lookup (_ms_run_providers (t), provider);
	g_autofree char *ispdb = g_strconcat (_ms_run_options (t)->ispdb_url, provider, NULL);
	g_autofree char *autoconfig = g_strdup_printf ("https://autoconfig.%s/mail/config-v1.1.xml", provider);

	_ms_task_searching (t, "mx-provider", provider, _("Looking up the mail provider %s…"), provider);
	if (builtin) {
		as_mx (builtin);
		_ms_task_found (t, "mx-builtin", provider, builtin);
	}
	_ms_fetch_autoconfig (t, "mx-ispdb", ispdb, MS_TRUST_MEDIUM, NULL, on_provider_config, NULL);
	_ms_fetch_autoconfig (t, "mx-autoconfig", autoconfig, MS_TRUST_MEDIUM, NULL, on_provider_config, NULL);
}

static void
on_mx (GObject *source, GAsyncResult *result, gpointer data)
{
	MsSourceTask *t = data;
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autoptr (GError) error = NULL;
	g_autoptr (MsDnsAnswer) answer = _ms_dns_lookup_finish (result, &error);
	g_autofree char *own = _ms_registrable_domain (domain);
	g_autoptr (GPtrArray) providers = g_ptr_array_new_with_free_func (g_free);

	if (answer == NULL) {
		_ms_task_failed (t, "mx", domain, error);
	} else if (!answer->exists) {
		_ms_task_nothing (t, "mx", domain, _("%s has no MX record"), domain);
	} else {
		for (guint i = 0; i < answer->records->len && providers->len < MS_MX_MAX_PROVIDERS; i++) {
			const MsDnsRecord *r = g_ptr_array_index (answer->records, i);
			char *provider = _ms_registrable_domain (r->target);
			/* The domain's own mail hosts say nothing new: probing tries them. */
			if (provider == NULL || g_strcmp0 (provider, own) == 0 ||
			    g_ptr_array_find_with_equal_func (providers, provider, g_str_equal, NULL)) {
				g_free (provider);
				continue;
			}
			g_ptr_array_add (providers, provider);
		}
		if (providers->len == 0)
			_ms_task_nothing (t, "mx", domain, _("%s receives its own mail"), domain);
		for (guint i = 0; i < providers->len; i++)
			look_up_provider (t, g_ptr_array_index (providers, i));
	}
	_ms_task_release (t);
}

void
_ms_source_mx_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));

	_ms_task_searching (t, "mx", domain, _("Looking up who receives mail for %s…"), domain);
	_ms_task_hold (t);
	_ms_dns_lookup_async (domain, MS_DNS_MX, t->cancellable, on_mx, t);
}
