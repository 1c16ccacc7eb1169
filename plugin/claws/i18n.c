/* Translations of the Claws Mail plugin.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "i18n.h"

#include <libintl.h>

void
ms_claws_i18n_init (void)
{
	/* Claws looks at plugin_name() and plugin_desc() before plugin_init
	 * runs, so this is called as soon as the module is opened. */
	bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
