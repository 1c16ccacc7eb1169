## Ready for distributions: the AppStream metainfo, the install layout under
## DESTDIR, the library guide's example built against the installed library,
## and the Debian packages (tools/check-packaging, `make check-packaging`).

TESTS += tests/packaging/metainfo.sh tests/packaging/manpage.sh
EXTRA_DIST += tests/packaging/metainfo.sh tests/packaging/manpage.sh tests/packaging/destdir.sh tests/packaging/example.sh \
	tools/check-packaging docs/engine.md docs/examples/discover.c

## The Debian recipe goes into the tarball: a packager copies it to debian/.
EXTRA_DIST += \
	packaging/README.md \
	packaging/debian/changelog \
	packaging/debian/control \
	packaging/debian/copyright \
	packaging/debian/rules \
	packaging/debian/source/format \
	packaging/debian/upstream/metadata \
	packaging/debian/not-installed \
	packaging/debian/libmailsetup0.install \
	packaging/debian/libmailsetup0.symbols \
	packaging/debian/libmailsetup-dev.install \
	packaging/debian/libmailsetup-dev.docs \
	packaging/debian/libmailsetup-dev.examples \
	packaging/debian/mailsetup.install \
	packaging/debian/claws-mail-mailsetup.install \
	packaging/debian/tests/control \
	packaging/debian/tests/example \
	packaging/debian/tests/tool

## What `make install DESTDIR=…` puts where, and the example program of
## docs/engine.md compiled with pkg-config against the installed library.
installcheck-local: installcheck-packaging
installcheck-packaging:
	$(AM_V_at)rm -f installcheck-packaging.log
	MAKE='$(MAKE)' top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	prefix='$(prefix)' bindir='$(bindir)' libdir='$(libdir)' includedir='$(includedir)' \
	datadir='$(datadir)' mandir='$(mandir)' localedir='$(localedir)' pkgdatadir='$(pkgdatadir)' \
	clawsplugindir='$(clawsplugindir)' headers='$(mailsetupinclude_HEADERS)' \
	mans='$(dist_man_MANS)' providers='$(dist_providers_DATA)' metainfo='$(metainfo_DATA)' \
		$(SHELL) $(top_srcdir)/tests/packaging/destdir.sh | tee -a installcheck-packaging.log
	top_srcdir='$(abs_top_srcdir)' CC='$(CC)' \
	PKG_CONFIG_PATH='$(DESTDIR)$(libdir)/pkgconfig'$${PKG_CONFIG_PATH:+:$$PKG_CONFIG_PATH} \
	PKG_CONFIG_SYSROOT_DIR='$(DESTDIR)' \
	LD_LIBRARY_PATH='$(DESTDIR)$(libdir)'$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH} \
	XDG_DATA_DIRS='$(DESTDIR)$(datadir)' \
		$(SHELL) $(top_srcdir)/tests/packaging/example.sh | tee -a installcheck-packaging.log
	! grep -q '^not ok' installcheck-packaging.log
CLEANFILES += installcheck-packaging.log
.PHONY: installcheck-packaging

## The Debian packages, built from `make dist`, checked with lintian,
## installed and loaded into Claws (root; see tools/check-packaging).
check-packaging:
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' MAKE='$(MAKE)' \
		$(SHELL) $(top_srcdir)/tools/check-packaging | tee check-packaging.log
	! grep -q '^not ok' check-packaging.log
	grep -q '^1\.\.' check-packaging.log
CLEANFILES += check-packaging.log
.PHONY: check-packaging
