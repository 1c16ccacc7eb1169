/* MsConfig: a provider's configuration and what was noted reading it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/config.h>

#include <string.h>
#include "core/config-util.h"

struct _MsConfig {
	gint ref_count;
	char *id;
	char *display_name;
	char *short_name;
	GPtrArray *domains;       /* char* */
	GPtrArray *incoming;      /* MsServer* */
	GPtrArray *outgoing;      /* MsServer* */
	GPtrArray *notes;         /* GError* */
	GPtrArray *documentation; /* MsDocumentation* */
	MsOAuth2 *oauth2;
};

static void
oauth2_free (MsOAuth2 *o)
{
	if (o == NULL)
		return;
	g_free (o->issuer);
	g_free (o->scope);
	g_free (o->auth_url);
	g_free (o->token_url);
	g_free (o);
}

static void
documentation_free (gpointer data)
{
	MsDocumentation *d = data;
	g_free (d->url);
	g_free (d->description);
	g_free (d);
}

MsConfig *
ms_config_new (void)
{
	MsConfig *c = g_new0 (MsConfig, 1);
	c->ref_count = 1;
	c->domains = g_ptr_array_new_with_free_func (g_free);
	c->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_server_unref);
	c->outgoing = g_ptr_array_new_with_free_func ((GDestroyNotify) ms_server_unref);
	c->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
	c->documentation = g_ptr_array_new_with_free_func (documentation_free);
	return c;
}

MsConfig *
ms_config_ref (MsConfig *config)
{
	g_return_val_if_fail (config != NULL, NULL);
	g_atomic_int_inc (&config->ref_count);
	return config;
}

void
ms_config_unref (MsConfig *c)
{
	if (c == NULL || !g_atomic_int_dec_and_test (&c->ref_count))
		return;
	g_free (c->id);
	g_free (c->display_name);
	g_free (c->short_name);
	g_ptr_array_unref (c->domains);
	g_ptr_array_unref (c->incoming);
	g_ptr_array_unref (c->outgoing);
	g_ptr_array_unref (c->notes);
	g_ptr_array_unref (c->documentation);
	oauth2_free (c->oauth2);
	g_free (c);
}

static void
set_string (char **field, const char *value)
{
	char *copy = g_strdup (value);
	g_free (*field);
	*field = copy;
}

const char *ms_config_get_id (const MsConfig *c) { return c->id; }
void ms_config_set_id (MsConfig *c, const char *id) { set_string (&c->id, id); }
const char *ms_config_get_display_name (const MsConfig *c) { return c->display_name; }
void ms_config_set_display_name (MsConfig *c, const char *name) { set_string (&c->display_name, name); }
const char *ms_config_get_short_name (const MsConfig *c) { return c->short_name; }
void ms_config_set_short_name (MsConfig *c, const char *name) { set_string (&c->short_name, name); }
GPtrArray *ms_config_get_domains (const MsConfig *c) { return c->domains; }
GPtrArray *ms_config_get_incoming (const MsConfig *c) { return c->incoming; }
GPtrArray *ms_config_get_outgoing (const MsConfig *c) { return c->outgoing; }
GPtrArray *ms_config_get_notes (const MsConfig *c) { return c->notes; }
GPtrArray *ms_config_get_documentation (const MsConfig *c) { return c->documentation; }
const MsOAuth2 *ms_config_get_oauth2 (const MsConfig *c) { return c->oauth2; }

void
ms_config_add_domain (MsConfig *c, const char *domain)
{
	g_return_if_fail (domain != NULL);
	for (guint i = 0; i < c->domains->len; i++)
		if (g_ascii_strcasecmp (g_ptr_array_index (c->domains, i), domain) == 0)
			return;
	g_ptr_array_add (c->domains, g_ascii_strdown (domain, -1));
}

void
ms_config_add_server (MsConfig *c, MsServer *server)
{
	GPtrArray *list = ms_server_get_protocol (server) == MS_PROTOCOL_SMTP ? c->outgoing : c->incoming;
	guint pos = list->len;

	/* Insertion keeps the list ranked and stable: a new server goes after
	 * every server that ranks before or equal to it. Lists are short. */
	while (pos > 0 && ms_server_compare (g_ptr_array_index (list, pos - 1), server) > 0)
		pos--;
	g_ptr_array_insert (list, pos, ms_server_ref (server));
}

void
ms_config_add_note (MsConfig *c, const GError *note)
{
	g_return_if_fail (note != NULL);
	g_ptr_array_add (c->notes, g_error_copy (note));
}

void
ms_config_set_oauth2 (MsConfig *c, const MsOAuth2 *oauth2)
{
	oauth2_free (c->oauth2);
	c->oauth2 = NULL;
	if (oauth2 == NULL)
		return;
	c->oauth2 = g_new0 (MsOAuth2, 1);
	c->oauth2->issuer = g_strdup (oauth2->issuer);
	c->oauth2->scope = g_strdup (oauth2->scope);
	c->oauth2->auth_url = g_strdup (oauth2->auth_url);
	c->oauth2->token_url = g_strdup (oauth2->token_url);
}

void
ms_config_add_documentation (MsConfig *c, const char *url, const char *description)
{
	g_return_if_fail (url != NULL);
	MsDocumentation *d = g_new0 (MsDocumentation, 1);
	d->url = g_strdup (url);
	d->description = g_strdup (description);
	g_ptr_array_add (c->documentation, d);
}

void
_ms_config_note (MsConfig *c, MsError code, const char *format, ...)
{
	va_list args;
	va_start (args, format);
	g_autoptr (GError) e = g_error_new_valist (MS_ERROR, code, format, args);
	va_end (args);
	ms_config_add_note (c, e);
}

void
_ms_config_confirm_all (MsConfig *c, const char *reason)
{
	GPtrArray *lists[] = { c->incoming, c->outgoing };
	for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
		for (guint i = 0; i < lists[l]->len; i++)
			ms_server_set_confirmation (g_ptr_array_index (lists[l], i), reason);
}
