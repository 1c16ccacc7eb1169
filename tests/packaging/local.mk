## Ready for distributions: the AppStream metainfo, the install layout under
## DESTDIR, the library guide's example built against the installed library,
## and the Debian packages (tools/check-packaging, `make check-packaging`).

TESTS += tests/packaging/metainfo.sh
EXTRA_DIST += tests/packaging/metainfo.sh

