## The Claws Mail plugin: mailsetup.so, a thin GTK3 front end over
## libmailsetup. plugin.c holds only the entry points Claws calls; each
## part of the user interface has its own file.

if BUILD_CLAWS_PLUGIN
clawsplugin_LTLIBRARIES = plugin/claws/mailsetup.la
endif

plugin_claws_mailsetup_la_SOURCES = \
	plugin/claws/plugin.c \
	plugin/claws/i18n.c plugin/claws/i18n.h plugin/claws/claws-api.h \
	plugin/claws/main-menu.c plugin/claws/main-menu.h \
	plugin/claws/account-writer.c plugin/claws/account-writer.h \
	plugin/claws/saved-file.c plugin/claws/saved-file.h \
	plugin/claws/settings.c plugin/claws/settings.h \
	plugin/claws/prefs-page.c plugin/claws/prefs-page.h \
	plugin/claws/first-run.c plugin/claws/first-run.h \
	plugin/claws/wizard.c plugin/claws/wizard.h plugin/claws/wizard-private.h \
	plugin/claws/wizard-util.c plugin/claws/wizard-rows.c plugin/claws/wizard-result.c \
	plugin/claws/wizard-edit.c plugin/claws/wizard-oauth2.c \
	plugin/claws/account-entry.c plugin/claws/account-entry.h \
	plugin/claws/import-profile.c plugin/claws/import-profile.h \
	plugin/claws/privacy-account.c plugin/claws/privacy-account.h \
	plugin/claws/privacy-keys.c plugin/claws/privacy-keys.h \
	plugin/claws/privacy-page.c plugin/claws/privacy-page.h \
	plugin/claws/compose-policy.c plugin/claws/compose-policy.h \
	plugin/claws/prefs-widgets.c plugin/claws/prefs-widgets.h \
	plugin/claws/checkup-dialog.c plugin/claws/checkup-dialog.h \
	plugin/claws/checkup-apply.c plugin/claws/checkup-apply.h
## Front ends see only the public headers, not the engine's internals.
plugin_claws_mailsetup_la_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir) \
	-DLOCALEDIR=\"$(localedir)\"
## Claws's headers use GTK APIs deprecated in GTK 3 (GtkAction, GtkUIManager).
plugin_claws_mailsetup_la_CFLAGS = $(AM_CFLAGS) $(CLAWS_CFLAGS) -Wno-deprecated-declarations
## No -no-undefined: Claws's own functions resolve against the claws-mail
## executable when the plugin is loaded. Only the entry points are exported.
plugin_claws_mailsetup_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-export-symbols-regex '^(plugin_|g_module_check_init$$)'
plugin_claws_mailsetup_la_LIBADD = plugin/engine/libmailsetup.la $(CLAWS_LIBS)

## What the plugin does with signing and encryption policies.
EXTRA_DIST += docs/privacy.md
