/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "core/text.h"

#include <string.h>

char *
_ms_printable (const char *bytes, gssize len, gsize max)
{
	g_autofree char *valid = g_utf8_make_valid (bytes ? bytes : "", len);
	GString *out = g_string_new (NULL);
	gsize chars = 0;

	for (const char *p = valid; *p; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if (chars++ >= max) {
			g_string_append (out, "…");
			break;
		}
		if (g_unichar_iscntrl (c) || c == 0xFFFD)
			g_string_append_c (out, '?');
		else
			g_string_append_unichar (out, c);
	}
	return g_string_free (out, FALSE);
}
