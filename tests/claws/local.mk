## The Claws Mail plugin inside the real Claws, under Xvfb, driven through
## AT-SPI (TAP). Needs Xvfb, dbus-x11, xdotool and dogtail (tools/install-deps
## --tests); skips when they or the built plugin are missing.

claws_test_files = \
	tests/claws/README.md \
	tests/claws/claws-plugin.sh \
	tests/claws/drive.py \
	tests/claws/lib.sh \
	tests/claws/lib/atspi.py \
	tests/claws/seed/accountrc \
	tests/claws/seed/clawsrc.in \
	tests/claws/seed/folderlist.xml
EXTRA_DIST += $(claws_test_files)
claws_tests = tests/claws/claws-plugin.sh

## Translations are looked up where they are installed: the French check
## loads the installed plugin (it must be there; the run skips only when
## Xvfb, dogtail… are missing). DESTDIR installs need LD_LIBRARY_PATH for
## libmailsetup (the plugin's RUNPATH is $(libdir) without DESTDIR).
installcheck-local: installcheck-claws
if BUILD_CLAWS_PLUGIN
installcheck-claws:
	test -f '$(DESTDIR)$(clawsplugindir)/mailsetup.so'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	MS_CLAWS_PLUGIN='$(DESTDIR)$(clawsplugindir)/mailsetup.so' MS_CLAWS_LANG=fr \
	MS_CLAWS_OUTDIR='$(abs_top_builddir)/tests/claws/installcheck-claws.out' \
	LD_LIBRARY_PATH='$(DESTDIR)$(libdir)'$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH} \
		$(SHELL) $(top_srcdir)/tests/claws/claws-plugin.sh | tee installcheck-claws.log
	! grep -q '^not ok' installcheck-claws.log
	grep -q '^1\.\.' installcheck-claws.log
else
installcheck-claws:
	@echo "installcheck-claws: the Claws Mail plugin is not built"
endif
.PHONY: installcheck-claws
CLEANFILES += installcheck-claws.log

## plugin/claws/account-writer.c inside the real Claws, in the test world
## (tests/claws/writer/writer.sh, TAP): a test-only plugin drives it and
## Claws then receives and sends with the account written. Needs root, the
## world's servers, Xvfb and claws-mail; skips without them. ~10 s.
EXTRA_DIST += tests/claws/writer/writer.sh
if BUILD_CLAWS_PLUGIN
check_LTLIBRARIES = tests/claws/writer/writer-test.la
tests_claws_writer_writer_test_la_SOURCES = tests/claws/writer/writer-test.c \
	plugin/claws/account-writer.c plugin/claws/account-writer.h \
	plugin/claws/saved-file.c plugin/claws/saved-file.h
tests_claws_writer_writer_test_la_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir) \
	-I$(top_srcdir)/plugin/claws
tests_claws_writer_writer_test_la_CFLAGS = $(AM_CFLAGS) $(CLAWS_CFLAGS) -Wno-deprecated-declarations
## -rpath: a shared module, though never installed.
tests_claws_writer_writer_test_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-rpath '$(abs_builddir)/tests/claws/writer' -export-symbols-regex '^plugin_'
tests_claws_writer_writer_test_la_LIBADD = plugin/engine/libmailsetup.la
endif
claws_tests += tests/claws/writer/writer.sh

## The assistant (plugin/claws/wizard.c) inside the real Claws, in the test
## world (tests/claws/wizard/wizard.sh, TAP; see its README.md). Needs root,
## the world's servers, Xvfb, claws-mail, xdotool and dogtail; skips without
## them. ~50 s.
EXTRA_DIST += tests/claws/wizard/README.md tests/claws/wizard/wizard.sh tests/claws/wizard/drive.py \
	tests/claws/wizard/entries.py
claws_tests += tests/claws/wizard/wizard.sh

## The signing and encryption policy in the real Claws, with its pgpcore,
## pgpmime and smime plugins, in the test world
## (tests/claws/privacy/privacy.sh, TAP): compose windows driven through
## AT-SPI, messages sent through the world's Postfix, checked with gpg.
## Needs root, the world, Xvfb, claws-mail-pgpmime, claws-mail-smime-plugin,
## gpg, xdotool and dogtail; skips without them. ~40 s.
EXTRA_DIST += tests/claws/privacy/README.md tests/claws/privacy/privacy.sh tests/claws/privacy/drive.py \
	tests/claws/privacy/check-mime.py
claws_tests += tests/claws/privacy/privacy.sh

## "Check my accounts…" (plugin/claws/checkup-dialog.c, checkup-apply.c)
## inside the real Claws, in the test world (tests/claws/checkup/checkup.sh,
## TAP): an OVH-like account with certificate exceptions and a plain-text
## one are found, explained, made secure (and undone, and made secure
## again), then Claws sends and receives with them. Needs root, the world,
## Xvfb, claws-mail, xdotool and dogtail; skips without them. ~40 s.
EXTRA_DIST += tests/claws/checkup/checkup.sh tests/claws/checkup/drive.py
claws_tests += tests/claws/checkup/checkup.sh

## "Import a mail profile…" (plugin/claws/import-profile.c) inside the real
## Claws, in the test world (tests/claws/import/import.sh, TAP): an unsigned
## profile refused without consent, a signed one imported, verified and
## written. Needs root, the world, certtool, Xvfb, claws-mail, xdotool and
## dogtail; skips without them. ~30 s.
EXTRA_DIST += tests/claws/import/import.sh tests/claws/import/drive.py
claws_tests += tests/claws/import/import.sh

## The assistant in English and in French (tests/claws/french/french.sh,
## TAP): screenshots of every page in both, and no English message of ours
## on a French page. French needs the installed translations: make check
## skips the French pages when the plugin finds none; make installcheck
## runs it with the installed plugin. Needs root and the world. ~60 s.
EXTRA_DIST += tests/claws/french/french.sh tests/claws/french/drive.py
installcheck-local: installcheck-claws-french
claws_tests += tests/claws/french/french.sh
if BUILD_CLAWS_PLUGIN
installcheck-claws-french:
	test -f '$(DESTDIR)$(clawsplugindir)/mailsetup.so'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	MS_CLAWS_PLUGIN='$(DESTDIR)$(clawsplugindir)/mailsetup.so' \
	MS_FRENCH_OUTDIR='$(abs_top_builddir)/tests/claws/installcheck-french.out' \
	LD_LIBRARY_PATH='$(DESTDIR)$(libdir)'$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH} \
		$(SHELL) $(top_srcdir)/tests/claws/french/french.sh | tee installcheck-claws-french.log
	! grep -q '^not ok' installcheck-claws-french.log
	grep -q '^1\.\.' installcheck-claws-french.log
else
installcheck-claws-french:
	@echo "installcheck-claws-french: the Claws Mail plugin is not built"
endif
.PHONY: installcheck-claws-french
CLEANFILES += installcheck-claws-french.log

## The plugin built with --enable-asan inside the real Claws, libasan
## preloaded (tests/claws/asan/asan.sh, TAP): no ASan/UBSan error and no
## leak of the plugin's or libmailsetup's through the assistant's main
## path. Skips unless the plugin is an ASan build (tools/run-tests makes
## one in _build/asan-claws). Needs root, the world, patchelf. ~60 s.
EXTRA_DIST += tests/claws/asan/asan.sh tests/claws/asan/asan-early.c tests/claws/asan/lsan-claws.supp
claws_tests += tests/claws/asan/asan.sh

## The assistant end to end (tests/claws/e2e/e2e.sh, TAP; issue 7): the
## real wizard, driven through AT-SPI, writes alice@demo.test's account
## (accountrc, folderlist.xml, passwordstorerc checked, every other file of
## the config dir hashed), then Claws itself sends through the world's
## Postfix and receives from its Dovecot with it. Needs root, the world,
## Xvfb, claws-mail, xdotool and dogtail; skips without them. ~50 s.
EXTRA_DIST += tests/claws/e2e/e2e.sh tests/claws/e2e/drive.py tests/claws/e2e/compose.py tests/claws/e2e/helpers.sh
claws_tests += tests/claws/e2e/e2e.sh

## Every Claws test, in make check only when the plugin is built.
if BUILD_CLAWS_PLUGIN
TESTS += $(claws_tests)
endif

## Each test writes its screenshots and logs in <test>.out next to it.
clean-local: clean-claws
clean-claws:
	-rm -rf $(claws_tests:.sh=.out) \
		tests/claws/installcheck-claws.out tests/claws/installcheck-french.out
.PHONY: clean-claws

## The Claws tests run one after the other, even under make -j: each
## starts an AT-SPI bus through D-Bus activation, whose socket lives under
## the user's ~/.cache/at-spi/bus_<display>; run together, one test's
## driver once found the other's (gone) bus and aborted (in distcheck).
## Order: claws-plugin, writer, wizard, french, asan, privacy, checkup,
## import, e2e.
tests/claws/writer/writer.log: tests/claws/claws-plugin.log
tests/claws/wizard/wizard.log: tests/claws/writer/writer.log
tests/claws/french/french.log: tests/claws/wizard/wizard.log
tests/claws/asan/asan.log: tests/claws/french/french.log
tests/claws/privacy/privacy.log: tests/claws/asan/asan.log
tests/claws/checkup/checkup.log: tests/claws/privacy/privacy.log
tests/claws/import/import.log: tests/claws/checkup/checkup.log
tests/claws/e2e/e2e.log: tests/claws/import/import.log
