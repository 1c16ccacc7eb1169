## tests/world: the test world (real DNS, HTTPS, IMAP, POP3, SMTP servers in
## network namespaces, described by scenario files) and its TAP self-test.
## Directories are listed whole so that a scenario added as files only needs no
## change here either.  Needs root and `ip netns`; skipped otherwise.

TESTS += tests/world/selftest

EXTRA_DIST += \
	tests/world/README.md \
	tests/world/world \
	tests/world/selftest \
	tests/world/updown-stress \
	tests/world/lib \
	tests/world/scenarios

# The 20-round up/down check (not part of `make check`: ~1 min).
world-stress:
	$(top_srcdir)/tests/world/updown-stress

.PHONY: world-stress
