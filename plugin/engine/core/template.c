/* %PLACEHOLDER% templates of host names and usernames (autoconfig syntax).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <mailsetup/config.h>
#include <mailsetup/error.h>

#include <string.h>
#include "core/i18n.h"

typedef enum { PH_ADDRESS, PH_LOCAL_PART, PH_DOMAIN } Placeholder;

static const struct { const char *name; Placeholder ph; } placeholders[] = {
	{ "EMAILADDRESS", PH_ADDRESS },
	{ "EMAILLOCALPART", PH_LOCAL_PART },
	{ "EMAILDOMAIN", PH_DOMAIN },
};

/* Reads the placeholder starting at @p (a '%'); sets *end_r past it. */
static gboolean
read_placeholder (const char *template_, const char *p, Placeholder *ph_r, const char **end_r, GError **error)
{
	const char *close = strchr (p + 1, '%');

	if (close == NULL) {
		/* The classic mistake ("%EMAILADDRESS"): name what it resembles. */
		g_set_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER,
		             _("“%s” has a placeholder without its closing “%%”"), template_);
		return FALSE;
	}
	for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++) {
		gsize len = strlen (placeholders[i].name);
		if ((gsize) (close - p - 1) == len && strncmp (p + 1, placeholders[i].name, len) == 0) {
			*ph_r = placeholders[i].ph;
			*end_r = close + 1;
			return TRUE;
		}
	}
	g_autofree char *name = g_strndup (p, close - p + 1);
	g_set_error (error, MS_ERROR, MS_ERROR_BAD_PLACEHOLDER,
	             _("“%s” uses the unknown placeholder %s"), template_, name);
	return FALSE;
}

gboolean
ms_template_check (const char *template_, GError **error)
{
	const char *p = template_;

	g_return_val_if_fail (template_ != NULL, FALSE);
	while ((p = strchr (p, '%')) != NULL) {
		Placeholder ph;
		if (!read_placeholder (template_, p, &ph, &p, error))
			return FALSE;
	}
	return TRUE;
}

char *
ms_template_expand (const char *template_, const MsAddress *address, GError **error)
{
	g_autoptr (GString) out = g_string_new (NULL);
	const char *p = template_, *pct;

	g_return_val_if_fail (template_ != NULL && address != NULL, NULL);
	while ((pct = strchr (p, '%')) != NULL) {
		Placeholder ph;
		g_string_append_len (out, p, pct - p);
		if (!read_placeholder (template_, pct, &ph, &p, error))
			return NULL;
		switch (ph) {
		case PH_ADDRESS: g_string_append (out, ms_address_get_address (address)); break;
		case PH_LOCAL_PART: g_string_append (out, ms_address_get_local_part (address)); break;
		case PH_DOMAIN: g_string_append (out, ms_address_get_domain (address)); break;
		}
	}
	g_string_append (out, p);
	return g_string_free (g_steal_pointer (&out), FALSE);
}
