/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "core/i18n.h"

#include <libintl.h>

const char *
_ms_gettext (const char *msgid)
{
	static gsize bound = 0;

	if (g_once_init_enter (&bound)) {
		bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
		bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
		g_once_init_leave (&bound, 1);
	}
	return g_dgettext (GETTEXT_PACKAGE, msgid);
}
