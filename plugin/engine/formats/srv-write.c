/* Writer of RFC 6186/8314 SRV records in zone-file syntax: what a domain
 * publishes so that clients find its servers from DNS alone.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/publish.h>
#include <string.h>
#include "formats/srv-services.h"

static const MsSrvService services[] = {
	{ "_imaps._tcp.", MS_PROTOCOL_IMAP, MS_SOCKET_TLS },
	{ "_imap._tcp.", MS_PROTOCOL_IMAP, MS_SOCKET_STARTTLS },
	{ "_pop3s._tcp.", MS_PROTOCOL_POP3, MS_SOCKET_TLS },
	{ "_pop3._tcp.", MS_PROTOCOL_POP3, MS_SOCKET_STARTTLS },
	{ "_submissions._tcp.", MS_PROTOCOL_SMTP, MS_SOCKET_TLS },
	{ "_submission._tcp.", MS_PROTOCOL_SMTP, MS_SOCKET_STARTTLS },
};

const MsSrvService *
_ms_srv_services (guint *n_r)
{
	*n_r = G_N_ELEMENTS (services);
	return services;
}

/* A server that can stand in an SRV record: secure, a real host name
 * (a template means nothing in DNS), and for _submission(s) not port 25,
 * which is for relaying between servers. */
static gboolean
publishable (const MsServer *s, const MsSrvService *service)
{
	return ms_server_get_protocol (s) == service->protocol &&
	       ms_server_get_socket_type (s) == service->socket_type &&
	       strchr (ms_server_get_hostname (s), '%') == NULL &&
	       !(service->protocol == MS_PROTOCOL_SMTP && ms_server_get_port (s) == 25);
}

char *
ms_srv_zone_write (const MsConfig *config, const char *domain, guint ttl)
{
	GString *out = g_string_new (NULL);

	for (guint i = 0; i < G_N_ELEMENTS (services); i++) {
		GPtrArray *list = services[i].protocol == MS_PROTOCOL_SMTP ? ms_config_get_outgoing (config)
		                                                           : ms_config_get_incoming (config);
		guint priority = 0;
		for (guint j = 0; j < list->len; j++) {
			const MsServer *s = g_ptr_array_index (list, j);
			if (!publishable (s, &services[i]))
				continue;
			/* The list is ranked: its order becomes the priority. */
			g_string_append_printf (out, "%s%s. %u IN SRV %u 1 %u %s.\n", services[i].prefix, domain, ttl,
			                        priority, (guint) ms_server_get_port (s), ms_server_get_hostname (s));
			priority += 10;
		}
		if (priority == 0)
			g_string_append_printf (out, "%s%s. %u IN SRV 0 0 0 .\n", services[i].prefix, domain, ttl);
	}
	return g_string_free (out, FALSE);
}
