/* Internal to the Claws Mail plugin: the one place that includes Claws's
 * headers, i.e. the list of Claws APIs the plugin depends on.
 *
 * Claws's headers are not clean under our warnings (old-style "()"
 * declarations), so they are read with those warnings off; our own code
 * keeps them. Include this first (it includes i18n.h, which must come
 * before Claws's version.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "i18n.h"

#include <gtk/gtk.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include "version.h"	/* VERSION_NUMERIC, MAKE_NUMERIC_VERSION */
#include "plugin.h"	/* entry points, check_plugin_version */
#include "utils.h"	/* debug_get_mode */
#include "log.h"	/* log_message */
#include "mainwindow.h"	/* mainwindow_get_mainwindow */
#include "menu.h"	/* MENUITEM_ADDUI_ID_MANAGER, MENUITEM_REMUI_MANAGER, cm_menu_set_sensitive_full */
#include "defs.h"	/* COMMON_RC */
#include "prefs.h"	/* PrefFile, prefs_set_block_label, prefs_file_close(_revert) */
#include "prefs_gtk.h"	/* PrefParam, PrefsPage, prefs_read_config, prefs_gtk_register_page */
#include "hooks.h"	/* hooks_register_hook, hooks_unregister_hook */
#include "compose.h"	/* Compose, COMPOSE_CREATED_HOOKLIST, COMPOSE_CHECK_BEFORE_SEND_HOOKLIST,
			   compose_use_signing, compose_use_encryption */
#include "prefs_account.h"	/* PrefsAccount, prefs_account_register_page,
			   prefs_account_get/set_privacy_prefs */
#include "prefs_common.h"	/* prefs_common_translated_header_name */
#include "privacy.h"	/* privacy_system_can_sign, privacy_system_can_encrypt */
#include "account.h"	/* account_find_from_id */
#include "alertpanel.h"	/* alertpanel_full */
#pragma GCC diagnostic pop

/* Claws's debug_print() is a macro whose expansion depends on HAVE_VA_OPT,
 * a define of Claws's own build that its installed headers do not carry:
 * Debian's claws-mail has debug_print_real (file, line, format, …), the
 * headers without HAVE_VA_OPT call it as (format, …) and Claws crashes.
 * So the plugin does not use it: ms_debug prints what debug_print would,
 * when Claws runs with --debug. */
#define ms_debug(...) G_STMT_START { \
	if (debug_get_mode ()) \
		g_print ("mailsetup: " __VA_ARGS__); \
} G_STMT_END
