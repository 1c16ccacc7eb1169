## The mailsetup command-line tool: a thin front end over libmailsetup.

bin_PROGRAMS += plugin/cli/mailsetup
plugin_cli_mailsetup_SOURCES = \
	plugin/cli/cli.h \
	plugin/cli/main.c \
	plugin/cli/print.c \
	plugin/cli/cmd-parse.c \
	plugin/cli/cmd-discover.c \
	plugin/cli/password.c \
	plugin/cli/progress.c \
	plugin/cli/json-out.c \
	plugin/cli/cmd-setup.c \
	plugin/cli/verify-out.c \
	plugin/cli/import.h \
	plugin/cli/cmd-import.c \
	plugin/cli/import-out.c \
	plugin/cli/cmd-check-account.c \
	plugin/cli/cmd-check-domain.c \
	plugin/cli/cmd-publish.c
plugin_cli_mailsetup_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir) -DLOCALEDIR=\"$(localedir)\"
plugin_cli_mailsetup_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(JSON_GLIB_CFLAGS)
plugin_cli_mailsetup_LDADD = plugin/engine/libmailsetup.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(LTLIBINTL)

dist_man_MANS += plugin/cli/mailsetup.1
plugin_cli_mailsetup_SOURCES += plugin/cli/cmd-export.c plugin/cli/site.c plugin/cli/cmd-defaults.c
dist_man_MANS += plugin/cli/mailsetup.conf.5
dist_doc_DATA = data/mailsetup.conf.example
plugin_cli_mailsetup_SOURCES += plugin/cli/options.c
plugin_cli_mailsetup_SOURCES += plugin/cli/interrupt.c
