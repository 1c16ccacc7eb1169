## mailsetup import: configuration profiles built from the templates in
## tests/data/profiles/ (plain, signed, tampered, other payloads, broken),
## then one verified in the test world (needs root; skipped otherwise).

TESTS += tests/import/import.sh
EXTRA_DIST += tests/import/import.sh tests/import/pki.sh \
	tests/data/profiles/imap-full.mobileconfig.in \
	tests/data/profiles/pop-minimal.mobileconfig.in \
	tests/data/profiles/others.mobileconfig.in \
	tests/data/profiles/not-mail.mobileconfig.in
