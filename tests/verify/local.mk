## Verification (`mailsetup setup`) in the test world: real Dovecot, Postfix,
## Unbound, nginx, the world's CA and its hostile servers; every diagnosis
## code, the send-to-self round trip, no password anywhere.  Needs root and
## `ip netns` (skipped otherwise); ~40 s.

TESTS += tests/verify/world.py
EXTRA_DIST += tests/verify/world.py

## Again on the installed program, whose translations are found where they
## are installed: every message and next step also in French.
installcheck-local: installcheck-verify
installcheck-verify:
	MAILSETUP='$(DESTDIR)$(bindir)/mailsetup' MS_VERIFY_LANGS='en fr' \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' MS_SHARED_DIR='$(MS_SHARED_DIR)' \
	/usr/bin/python3 $(top_srcdir)/tests/verify/world.py | tee installcheck-verify.log
	grep -q '^1\.\.' installcheck-verify.log
	! grep -q '^not ok' installcheck-verify.log
CLEANFILES += installcheck-verify.log
.PHONY: installcheck-verify
