## Signing and encryption identities through gpgme, on a throwaway keyring
## that gpgme.sh builds with real gpg, gpgsm and certtool (~10 s).

check_PROGRAMS += tests/privacy/test-identities
TESTS += tests/privacy/gpgme.sh
EXTRA_DIST += tests/privacy/gpgme.sh

tests_privacy_test_identities_SOURCES = tests/privacy/test-identities.c
tests_privacy_test_identities_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_privacy_test_identities_LDADD = plugin/engine/libmailsetup.la $(GLIB_LIBS)
engine_tests += tests/privacy/gpgme.sh
