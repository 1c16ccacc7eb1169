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
	/* dgettext, not g_dgettext: inside a program with no catalogue of its
	 * own for the user's language (Claws without claws-mail-i18n),
	 * g_dgettext turns every translation off, the engine's too. */
	return dgettext (GETTEXT_PACKAGE, msgid);
}
