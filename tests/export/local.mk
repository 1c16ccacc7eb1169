## mailsetup export checked by real neomutt in the test world: it sends
## through Postfix and logs in to Dovecot with the exported snippets. Needs
## root, ip netns and neomutt (skipped otherwise); ~15 s.

TESTS += tests/export/neomutt.sh
EXTRA_DIST += tests/export/neomutt.sh
