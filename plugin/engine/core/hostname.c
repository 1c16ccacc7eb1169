/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "core/hostname.h"

#include <string.h>
#include <mailsetup/error.h>
#include <mailsetup/address.h>
#include "core/i18n.h"

static gboolean
check_label (const char *label, gsize len, const char *name, GError **error)
{
	if (len == 0) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_LABEL_EMPTY,
		             _("“%s” has two dots in a row or starts with a dot"), name);
		return FALSE;
	}
	if (len > MS_ADDRESS_MAX_LABEL) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_LABEL_TOO_LONG,
		             _("A part of “%s” is longer than %d characters"), name, MS_ADDRESS_MAX_LABEL);
		return FALSE;
	}
	if (label[0] == '-' || label[len - 1] == '-') {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_INVALID,
		             _("A part of “%s” starts or ends with a hyphen"), name);
		return FALSE;
	}
	for (gsize i = 0; i < len; i++) {
		char c = label[i];
		if (!g_ascii_isalnum (c) && c != '-') {
			g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_INVALID,
			             _("“%s” contains “%c”, which no domain name may contain"), name, c);
			return FALSE;
		}
	}
	return TRUE;
}

char *
_ms_hostname_to_ascii (const char *name, GError **error)
{
	g_autofree char *trimmed = NULL;
	g_autofree char *ascii = NULL;
	gsize len;

	if (name == NULL || *name == '\0') {
		g_set_error_literal (error, MS_ERROR, MS_ERROR_DOMAIN_EMPTY, _("The domain name is empty"));
		return NULL;
	}
	if (name[0] == '[' || g_hostname_is_ip_address (name)) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_LITERAL,
		             _("“%s” is an IP address; a domain name is needed"), name);
		return NULL;
	}
	/* Bound the work before IDN conversion: anything this long is over the
	 * limit whatever its form. */
	if (strlen (name) > 4 * MS_ADDRESS_MAX_DOMAIN) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_TOO_LONG,
		             _("The domain name is longer than %d characters"), MS_ADDRESS_MAX_DOMAIN);
		return NULL;
	}
	/* One trailing dot is the DNS root ("example.fr."): people paste it. */
	trimmed = g_strdup (name);
	len = strlen (trimmed);
	if (len > 1 && trimmed[len - 1] == '.' && trimmed[len - 2] != '.')
		trimmed[--len] = '\0';

	if (!g_str_is_ascii (trimmed)) {
		ascii = g_hostname_to_ascii (trimmed);
		if (ascii == NULL) {
			g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_INVALID,
			             _("“%s” is not a valid international domain name"), name);
			return NULL;
		}
	} else {
		ascii = g_strdup (trimmed);
	}
	{
		char *lower = g_ascii_strdown (ascii, -1);
		g_free (ascii);
		ascii = lower;
	}

	len = strlen (ascii);
	if (len > MS_ADDRESS_MAX_DOMAIN) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_TOO_LONG,
		             _("The domain name is longer than %d characters"), MS_ADDRESS_MAX_DOMAIN);
		return NULL;
	}
	const char *label = ascii, *dot;
	guint labels = 0;
	const char *last = ascii;
	do {
		dot = strchr (label, '.');
		gsize llen = dot ? (gsize) (dot - label) : strlen (label);
		if (!check_label (label, llen, name, error))
			return NULL;
		last = label;
		labels++;
		label = dot ? dot + 1 : NULL;
	} while (label != NULL);

	/* An A-label must decode to Unicode that encodes back to it; a bogus
	 * one ("xn--c1111o") decodes to garbage a person would be shown. */
	if (strstr (ascii, "xn--") != NULL) {
		g_autofree char *unicode = g_hostname_to_unicode (ascii);
		g_autofree char *again = unicode && g_utf8_validate (unicode, -1, NULL) ? g_hostname_to_ascii (unicode) : NULL;
		if (again == NULL || g_ascii_strcasecmp (again, ascii) != 0) {
			g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_INVALID,
			             _("“%s” is not a valid international domain name"), name);
			return NULL;
		}
	}
	if (labels < 2) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_SINGLE_LABEL,
		             _("“%s” has no dot; a mail domain looks like example.com"), name);
		return NULL;
	}
	/* An all-numeric top-level label is an IP address in disguise. */
	if (strspn (last, "0123456789") == strlen (last)) {
		g_set_error (error, MS_ERROR, MS_ERROR_DOMAIN_LITERAL,
		             _("“%s” is an IP address; a domain name is needed"), name);
		return NULL;
	}
	return g_steal_pointer (&ascii);
}
