/* Which user names to try, in which order. Servers lock accounts after a
 * few refused logins, so the order matters more than the number: what a
 * source said first, then what most providers use.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "verify/verify-run.h"

static void
add_unique (GPtrArray *forms, const char *name)
{
	if (name == NULL || *name == '\0')
		return;
	for (guint i = 0; i < forms->len; i++)
		if (g_strcmp0 (forms->pdata[i], name) == 0)
			return;
	g_ptr_array_add (forms, g_strdup (name));
}

GPtrArray *
_ms_username_forms (const MsServer *server, const MsAddress *address, const char *first)
{
	GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
	const char *template_ = ms_server_get_username (server);

	add_unique (forms, first);
	if (template_) {
		g_autofree char *expanded = ms_template_expand (template_, address, NULL);
		add_unique (forms, expanded);
	}
	add_unique (forms, ms_address_get_address (address));
	add_unique (forms, ms_address_get_local_part (address));
	return forms;
}
