## Tests of the mailsetup tool (shell, TAP).

TESTS += tests/cli/cli.sh tests/cli/po-complete.sh
TESTS += tests/cli/site-defaults.sh tests/cli/export.sh
EXTRA_DIST += tests/cli/site-defaults.sh tests/cli/tap.sh tests/cli/export.sh
EXTRA_DIST += tests/cli/cli.sh tests/cli/french.sh tests/cli/po-complete.sh

## Translations are looked up where they are installed: test them there.
installcheck-local: installcheck-cli
installcheck-cli:
	$(SHELL) $(top_srcdir)/tests/cli/french.sh '$(DESTDIR)$(bindir)' | tee installcheck-cli.log
	! grep -q '^not ok' installcheck-cli.log
CLEANFILES += installcheck-cli.log
.PHONY: installcheck-cli
EXTRA_DIST += tests/cli/tap.py
engine_tests += tests/cli/cli.sh tests/cli/po-complete.sh tests/cli/site-defaults.sh tests/cli/export.sh
