/* mailsetup's Claws Mail plugin: the entry points Claws calls, nothing else.
 *
 * plugin_init sets things up in order, plugin_done takes them down in the
 * reverse order; each part (menu, dialogs, the wizard, later the
 * preferences pages) lives in its own file with an _init/_done pair.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "claws-api.h"

#include <gmodule.h>
#include <mailsetup/mailsetup.h>

#include "main-menu.h"
#include "first-run.h"
#include "prefs-page.h"
#include "settings.h"
#include "wizard.h"
#include "privacy-page.h"
#include "compose-policy.h"
#include "checkup-dialog.h"
#include "account-entry.h"
#include "import-profile.h"

#define MS_PLUGIN_NAME _("Mail account setup")

/* The oldest Claws this plugin was built and tested against. Claws refuses
 * plugins built against a newer Claws than the running one. */
#define MS_CLAWS_MIN_VERSION MAKE_NUMERIC_VERSION (4, 1, 1, 0)

const gchar *g_module_check_init (GModule *module);

/* GModule calls this when Claws opens the module, before anything else
 * (Claws asks for plugin_name() before plugin_init, hence the text domain).
 * The plugin, and with it libmailsetup, stays mapped after Claws unloads it:
 * the engine registers static strings with GLib (G_DEFINE_QUARK) that must
 * outlive an unload. Unmapped, GLib's quark table points into freed memory
 * (tried: after a reload the engine's error domain got a new quark).
 * Every plugin_done therefore resets the plugin's state, so that the next
 * plugin_init starts afresh; the Claws test unloads and reloads twice. */
const gchar *
g_module_check_init (GModule *module)
{
	g_module_make_resident (module);
	ms_claws_i18n_init ();
	return NULL;
}

gint
plugin_init (gchar **error)
{
	if (!check_plugin_version (MS_CLAWS_MIN_VERSION, VERSION_NUMERIC,
				   MS_PLUGIN_NAME, error))
		return -1;

	ms_claws_i18n_init ();
	ms_claws_settings_init ();
	ms_claws_prefs_page_init ();
	ms_claws_main_menu_init ();
	ms_claws_first_run_init ();
	ms_claws_privacy_page_init ();
	ms_claws_compose_policy_init ();
	ms_claws_checkup_menu_init ();
	ms_claws_account_entry_init ();
	ms_claws_import_profile_init ();

	ms_debug ("plugin loaded (version %s)\n", ms_version_string ());
	log_message (LOG_PROTOCOL, "mailsetup: plugin loaded (version %s)\n",
		     ms_version_string ());
	return 0;
}

gboolean
plugin_done (void)
{
	ms_claws_import_profile_done ();
	ms_claws_account_entry_done ();
	ms_claws_checkup_done ();
	ms_claws_checkup_menu_done ();
	ms_claws_compose_policy_done ();
	ms_claws_privacy_page_done ();
	ms_claws_first_run_done ();
	ms_claws_wizard_done ();
	ms_claws_main_menu_done ();
	ms_claws_prefs_page_done ();
	ms_claws_settings_done ();

	ms_debug ("plugin unloaded\n");
	log_message (LOG_PROTOCOL, "mailsetup: plugin unloaded\n");
	return TRUE;
}

const gchar *
plugin_name (void)
{
	return MS_PLUGIN_NAME;
}

const gchar *
plugin_desc (void)
{
	return _("Sets up a mail account from an email address and a password: "
		 "finds the servers, checks that they can be trusted and that "
		 "the password works, then creates the account.\n\n"
		 "Open it with “Set up an account automatically…” in the Configuration menu.");
}

const gchar *
plugin_type (void)
{
	return "GTK3";
}

const gchar *
plugin_licence (void)
{
	return "GPL3+";
}

const gchar *
plugin_version (void)
{
	return ms_version_string ();
}

struct PluginFeature *
plugin_provides (void)
{
	static struct PluginFeature features[] = {
		{ PLUGIN_UTILITY, "mailsetup" },
		{ PLUGIN_NOTHING, NULL }
	};

	return features;
}
