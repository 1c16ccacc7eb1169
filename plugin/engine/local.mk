## The engine: libmailsetup (GLib/GIO, no GTK, no Claws). Folders are layers:
## core (model, address, errors) < formats (documents in and out) < net
## (HTTP, DNS, connections) < discovery (one file per source, the orchestrator)
## < verify (sessions over libetpan, login, the test message, the orchestrator).

## Every object goes into a convenience library, which tests of internal
## modules link; the installed library wraps it and exports only ms_*.
noinst_LTLIBRARIES += plugin/engine/libmailsetup-internal.la
lib_LTLIBRARIES += plugin/engine/libmailsetup.la

mailsetupincludedir = $(includedir)/mailsetup
mailsetupinclude_HEADERS = \
	include/mailsetup/mailsetup.h \
	include/mailsetup/error.h \
	include/mailsetup/address.h \
	include/mailsetup/config.h \
	include/mailsetup/autoconfig.h \
	include/mailsetup/json.h \
	include/mailsetup/discovery.h \
	include/mailsetup/providers.h \
	include/mailsetup/autodiscover.h \
	include/mailsetup/diagnosis.h \
	include/mailsetup/verify.h \
	include/mailsetup/policy.h \
	include/mailsetup/identities.h \
	include/mailsetup/checkup.h \
	include/mailsetup/domain-check.h \
	include/mailsetup/publish.h \
	include/mailsetup/profile.h
mailsetupinclude_HEADERS += include/mailsetup/site.h
mailsetupinclude_HEADERS += include/mailsetup/export.h
mailsetupinclude_HEADERS += include/mailsetup/claws-config.h

plugin_engine_libmailsetup_internal_la_SOURCES = \
	plugin/engine/core/i18n.c plugin/engine/core/i18n.h \
	plugin/engine/core/version.c \
	plugin/engine/core/error.c \
	plugin/engine/core/diagnosis.c \
	plugin/engine/core/hostname.c plugin/engine/core/hostname.h \
	plugin/engine/core/address.c \
	plugin/engine/core/template.c \
	plugin/engine/core/text.c plugin/engine/core/text.h \
	plugin/engine/core/worker.c plugin/engine/core/worker.h \
	plugin/engine/core/sync.c plugin/engine/core/sync.h \
	plugin/engine/core/server.c \
	plugin/engine/core/config.c plugin/engine/core/config-util.h \
	plugin/engine/formats/xml-bounded.c plugin/engine/formats/xml-bounded.h \
	plugin/engine/formats/autoconfig-parse.c \
	plugin/engine/formats/autoconfig-write.c \
	plugin/engine/formats/json.c \
	plugin/engine/net/psl.c plugin/engine/net/psl.h \
	plugin/engine/net/http.c plugin/engine/net/http.h \
	plugin/engine/formats/autodiscover.c \
	plugin/engine/net/dns.c plugin/engine/net/dns.h \
	plugin/engine/net/trust.c plugin/engine/net/trust.h \
	plugin/engine/net/conn.c plugin/engine/net/conn.h \
	plugin/engine/net/etpan-stream.c plugin/engine/net/etpan-stream.h \
	plugin/engine/discovery/run.h \
	plugin/engine/discovery/options.c \
	plugin/engine/discovery/discover.c \
	plugin/engine/discovery/fetch.c \
	plugin/engine/discovery/builtin.c \
	plugin/engine/discovery/source-builtin.c \
	plugin/engine/discovery/source-autoconfig.c \
	plugin/engine/discovery/source-ispdb.c \
	plugin/engine/discovery/source-mx.c \
	plugin/engine/discovery/source-srv.c \
	plugin/engine/discovery/source-autodiscover.c \
	plugin/engine/discovery/probe.h \
	plugin/engine/discovery/probe-protocol.c \
	plugin/engine/discovery/source-probe.c \
	plugin/engine/verify/verify-run.h \
	plugin/engine/verify/options.c \
	plugin/engine/verify/result.c \
	plugin/engine/verify/username.c \
	plugin/engine/verify/message.c \
	plugin/engine/verify/classify.c plugin/engine/verify/classify.h \
	plugin/engine/verify/session.c plugin/engine/verify/session.h \
	plugin/engine/verify/session-imap.c \
	plugin/engine/verify/session-pop3.c \
	plugin/engine/verify/session-smtp.c \
	plugin/engine/verify/verify.c \
	plugin/engine/privacy/policy-private.h \
	plugin/engine/privacy/policy.c \
	plugin/engine/privacy/keyfile.c \
	plugin/engine/privacy/claws.c \
	plugin/engine/privacy/identity.c \
	plugin/engine/privacy/keys.c \
	plugin/engine/checkup/checkup-private.h \
	plugin/engine/checkup/cert-exception.c \
	plugin/engine/checkup/report.c \
	plugin/engine/checkup/checkup.c \
	plugin/engine/formats/srv-services.h \
	plugin/engine/formats/srv-write.c \
	plugin/engine/formats/mobileconfig-write.c \
	plugin/engine/formats/setup-json-read.c plugin/engine/formats/setup-json.h \
	plugin/engine/check/check-run.h \
	plugin/engine/check/check.c \
	plugin/engine/check/analyse.c \
	plugin/engine/check/finding.c
plugin_engine_libmailsetup_internal_la_SOURCES += \
	plugin/engine/core/site.c plugin/engine/core/site-private.h \
	plugin/engine/verify/site-apply.c
plugin_engine_libmailsetup_internal_la_SOURCES += \
	plugin/engine/formats/mail-account.c plugin/engine/formats/mail-account.h \
	plugin/engine/formats/claws-accountrc.c \
	plugin/engine/formats/mutt-write.c
plugin_engine_libmailsetup_internal_la_SOURCES += \
	plugin/engine/formats/plist.c plugin/engine/formats/plist.h \
	plugin/engine/formats/profile-private.h \
	plugin/engine/formats/profile.c \
	plugin/engine/formats/profile-signature.c \
	plugin/engine/formats/mobileconfig.c \
	plugin/engine/formats/profile-policy.c

plugin_engine_libmailsetup_internal_la_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(JSON_GLIB_CFLAGS) \
	$(GNUTLS_CFLAGS) $(CURL_CFLAGS) $(GPGME_CFLAGS) $(LIBETPAN_CFLAGS) $(PSL_CFLAGS)
plugin_engine_libmailsetup_internal_la_LIBADD = $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CURL_LIBS) $(PSL_LIBS) $(GNUTLS_LIBS) \
	$(RESOLV_LIBS) $(LIBETPAN_LIBS) $(LTLIBINTL) $(GPGME_LIBS)
plugin_engine_libmailsetup_la_SOURCES =
plugin_engine_libmailsetup_la_LIBADD = plugin/engine/libmailsetup-internal.la
## Only ms_* is API; everything else stays inside the library.
plugin_engine_libmailsetup_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(MS_LT_VERSION) \
	-export-symbols-regex '^ms_' -no-undefined

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = plugin/engine/mailsetup.pc
DISTCLEANFILES += plugin/engine/mailsetup.pc
EXTRA_DIST += plugin/engine/mailsetup.pc.in
