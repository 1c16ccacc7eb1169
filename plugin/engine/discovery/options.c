/* MsDiscoveryOptions: what discovery may do.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "discovery/run.h"

MsDiscoveryOptions *
ms_discovery_options_new (void)
{
	MsDiscoveryOptions *o = g_new0 (MsDiscoveryOptions, 1);
	o->sources = MS_DISCOVERY_ALL_SOURCES;
	/* A person waits for this: every source is bounded, and the whole run
	 * ends in 8 s even when the network swallows packets. */
	o->source_timeout_ms = 6000;
	o->total_timeout_ms = 8000;
	o->probe_timeout_ms = 3000;
	o->max_sockets = 24;
	o->ispdb_url = g_strdup (MS_DISCOVERY_DEFAULT_ISPDB_URL);
	return o;
}

MsDiscoveryOptions *
_ms_discovery_options_copy (const MsDiscoveryOptions *o)
{
	MsDiscoveryOptions *c = g_memdup2 (o, sizeof *o);
	c->ispdb_url = g_strdup (o->ispdb_url);
	c->ca_file = g_strdup (o->ca_file);
	c->provider_dirs = NULL;
	for (guint i = 0; o->provider_dirs && i < o->provider_dirs->len; i++)
		ms_discovery_options_add_provider_dir (c, o->provider_dirs->pdata[i]);
	return c;
}

void
ms_discovery_options_free (MsDiscoveryOptions *o)
{
	if (o == NULL)
		return;
	g_free (o->ispdb_url);
	g_free (o->ca_file);
	g_clear_pointer (&o->provider_dirs, g_ptr_array_unref);
	g_free (o);
}

void ms_discovery_options_set_sources (MsDiscoveryOptions *o, guint sources) { o->sources = sources; }
guint ms_discovery_options_get_sources (const MsDiscoveryOptions *o) { return o->sources; }

void
ms_discovery_options_set_timeout (MsDiscoveryOptions *o, guint source_ms, guint total_ms)
{
	o->source_timeout_ms = MAX (source_ms, 1);
	o->total_timeout_ms = MAX (total_ms, 1);
	o->probe_timeout_ms = MIN (o->probe_timeout_ms, o->source_timeout_ms);
}

void
ms_discovery_options_set_ispdb_url (MsDiscoveryOptions *o, const char *url)
{
	g_free (o->ispdb_url);
	o->ispdb_url = g_strdup (url ? url : MS_DISCOVERY_DEFAULT_ISPDB_URL);
}

void
ms_discovery_options_set_ca_file (MsDiscoveryOptions *o, const char *ca_file)
{
	g_free (o->ca_file);
	o->ca_file = g_strdup (ca_file);
}

void
ms_discovery_options_add_provider_dir (MsDiscoveryOptions *o, const char *dir)
{
	if (o->provider_dirs == NULL)
		o->provider_dirs = g_ptr_array_new_with_free_func (g_free);
	g_ptr_array_add (o->provider_dirs, g_strdup (dir));
}
