/* Source: the domain's own autoconfig file, over HTTPS at the two places
 * the format defines. Plain HTTP is asked at the same time (waiting for
 * HTTPS to fail first would add its whole time-out), without the address,
 * which would travel in clear; its answer counts only when HTTPS gave
 * nothing, and then only with the user's confirmation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"
#include "core/i18n.h"

typedef struct {
	guint pending;
	gboolean https_found;
	MsConfig *plain;
	char *plain_url;
} State;

static void
on_done (MsSourceTask *t, const char *code, const char *url, MsConfig *config, gpointer data)
{
	State *s = data;

	if (config && g_str_has_prefix (url, "https:")) {
		s->https_found = TRUE;
		_ms_task_found (t, code, url, config);
	} else if (config) {
		s->plain = ms_config_ref (config);
		s->plain_url = g_strdup (url);
	}
	if (--s->pending > 0)
		return;
	if (s->plain && !s->https_found)
		_ms_task_found (t, "autoconfig-http", s->plain_url, s->plain);
	g_clear_pointer (&s->plain, ms_config_unref);
	g_free (s->plain_url);
	g_free (s);
}

void
_ms_source_autoconfig_start (MsSourceTask *t)
{
	const char *domain = ms_address_get_domain (_ms_run_address (t));
	g_autofree char *escaped = g_uri_escape_string (ms_address_get_address (_ms_run_address (t)), NULL, FALSE);
	g_autofree char *https1 = g_strdup_printf ("https://autoconfig.%s/mail/config-v1.1.xml?emailaddress=%s", domain, escaped);
	g_autofree char *https2 = g_strdup_printf ("https://%s/.well-known/autoconfig/mail/config-v1.1.xml", domain);
	g_autofree char *http1 = g_strdup_printf ("http://autoconfig.%s/mail/config-v1.1.xml", domain);
	State *s = g_new0 (State, 1);

	s->pending = 3;
	_ms_task_searching (t, "autoconfig", domain, _("Looking up the autoconfig file of %s…"), domain);
	_ms_fetch_autoconfig (t, "autoconfig-https", https1, MS_TRUST_HIGH, NULL, on_done, s);
	_ms_fetch_autoconfig (t, "autoconfig-wellknown", https2, MS_TRUST_HIGH, NULL, on_done, s);
	_ms_fetch_autoconfig (t, "autoconfig-http", http1, MS_TRUST_NONE,
	                      _("The configuration was fetched without encryption (HTTP)"), on_done, s);
}
