## libFuzzer targets, one per parser (configure --enable-fuzzers CC=clang).
## They link the library's objects with the production limits; tests/fuzz/run
## runs each for a bounded time on the seeds kept in git.

if ENABLE_FUZZERS
fuzz_targets = tests/fuzz/fuzz-address tests/fuzz/fuzz-autoconfig tests/fuzz/fuzz-autodiscover tests/fuzz/fuzz-dns \
	tests/fuzz/fuzz-replies tests/fuzz/fuzz-policy
noinst_PROGRAMS += $(fuzz_targets)
fuzz_cflags = $(AM_CFLAGS) $(GLIB_CFLAGS)
fuzz_ldflags = -fsanitize=fuzzer,address,undefined
fuzz_ldadd = plugin/engine/libmailsetup.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(LTLIBINTL)
tests_fuzz_fuzz_address_SOURCES = tests/fuzz/fuzz-address.c
tests_fuzz_fuzz_address_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_address_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_address_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_autoconfig_SOURCES = tests/fuzz/fuzz-autoconfig.c
tests_fuzz_fuzz_autoconfig_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_autoconfig_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_autoconfig_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_autodiscover_SOURCES = tests/fuzz/fuzz-autodiscover.c
tests_fuzz_fuzz_autodiscover_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_autodiscover_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_autodiscover_LDADD = $(fuzz_ldadd)
## Internal: links the convenience library, with the engine's headers.
tests_fuzz_fuzz_dns_SOURCES = tests/fuzz/fuzz-dns.c
tests_fuzz_fuzz_dns_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_dns_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_dns_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) \
	$(CURL_LIBS) $(PSL_LIBS) $(GNUTLS_LIBS) $(RESOLV_LIBS) $(LTLIBINTL)
tests_fuzz_fuzz_replies_SOURCES = tests/fuzz/fuzz-replies.c
tests_fuzz_fuzz_replies_CFLAGS = $(fuzz_cflags) $(GNUTLS_CFLAGS) $(LIBETPAN_CFLAGS)
tests_fuzz_fuzz_replies_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_replies_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) \
	$(CURL_LIBS) $(PSL_LIBS) $(GNUTLS_LIBS) $(RESOLV_LIBS) $(LIBETPAN_LIBS) $(LTLIBINTL)
tests_fuzz_fuzz_policy_SOURCES = tests/fuzz/fuzz-policy.c
tests_fuzz_fuzz_policy_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_policy_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_policy_LDADD = $(fuzz_ldadd)
fuzz_targets += tests/fuzz/fuzz-site
noinst_PROGRAMS += tests/fuzz/fuzz-site
tests_fuzz_fuzz_site_SOURCES = tests/fuzz/fuzz-site.c
tests_fuzz_fuzz_site_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_site_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_site_LDADD = $(fuzz_ldadd)
fuzz_targets += tests/fuzz/fuzz-export
noinst_PROGRAMS += tests/fuzz/fuzz-export
tests_fuzz_fuzz_export_SOURCES = tests/fuzz/fuzz-export.c
tests_fuzz_fuzz_export_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_export_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_export_LDADD = $(fuzz_ldadd)
else
fuzz_targets =
endif
## `make fuzzers`: every target and nothing else (tools/run-tests runs them).
fuzzers: $(fuzz_targets)
.PHONY: fuzzers

EXTRA_DIST += tests/fuzz/run tests/fuzz/autoconfig.dict \
	tests/fuzz/fuzz-address.c tests/fuzz/fuzz-autoconfig.c tests/fuzz/fuzz-autodiscover.c \
	tests/fuzz/autodiscover.dict tests/fuzz/fuzz-dns.c tests/fuzz/fuzz-replies.c \
	tests/fuzz/seeds/replies/seed-01 tests/fuzz/seeds/replies/seed-02 tests/fuzz/seeds/replies/seed-03 tests/fuzz/seeds/replies/seed-04 tests/fuzz/seeds/replies/seed-05 tests/fuzz/seeds/replies/seed-06 tests/fuzz/seeds/replies/seed-07 tests/fuzz/seeds/replies/seed-08 tests/fuzz/seeds/replies/seed-09 tests/fuzz/seeds/replies/seed-10 tests/fuzz/seeds/replies/seed-11 tests/fuzz/seeds/replies/seed-12 \
	tests/fuzz/seeds/dns/seed-srv tests/fuzz/seeds/dns/seed-srv-dot tests/fuzz/seeds/dns/seed-mx \
	tests/fuzz/seeds/autodiscover/seed-error \
	tests/fuzz/seeds/autodiscover/seed-exchange \
	tests/fuzz/seeds/autodiscover/seed-prefixed \
	tests/fuzz/seeds/autodiscover/seed-redirect-addr \
	tests/fuzz/seeds/autodiscover/seed-redirect-url \
	tests/fuzz/seeds/autodiscover/seed-settings \
	tests/fuzz/seeds/address/seed-aa tests/fuzz/seeds/address/seed-ab \
	tests/fuzz/seeds/address/seed-ac tests/fuzz/seeds/address/seed-ad \
	tests/fuzz/seeds/address/seed-ae tests/fuzz/seeds/address/seed-af \
	tests/fuzz/fuzz-policy.c tests/fuzz/seeds/policy/seed-site tests/fuzz/seeds/policy/seed-user \
	tests/fuzz/seeds/policy/seed-broken

## Claws's accountrc, read by the check-up and the export (plugin/engine/formats/claws-accountrc.c).
if ENABLE_FUZZERS
fuzz_targets += tests/fuzz/fuzz-accountrc
tests_fuzz_fuzz_accountrc_SOURCES = tests/fuzz/fuzz-accountrc.c
tests_fuzz_fuzz_accountrc_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_accountrc_LDFLAGS = $(fuzz_ldflags)
## Internal too (the certs/ file name reader): the convenience library.
tests_fuzz_fuzz_accountrc_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) \
	$(CURL_LIBS) $(PSL_LIBS) $(GNUTLS_LIBS) $(RESOLV_LIBS) $(LIBETPAN_LIBS) $(LTLIBINTL)
endif
EXTRA_DIST += tests/fuzz/fuzz-accountrc.c tests/fuzz/seeds/accountrc/seed-sample \
	tests/fuzz/seeds/accountrc/seed-ovh tests/fuzz/seeds/accountrc/seed-broken \
	tests/fuzz/seeds/accountrc/seed-certname tests/fuzz/seeds/accountrc/seed-folders \
	tests/fuzz/seeds/accountrc/seed-folders-nohost

## What `mailsetup publish --from-json` reads (a setup result), then
## everything it writes from it.
if ENABLE_FUZZERS
fuzz_targets += tests/fuzz/fuzz-setup-json
noinst_PROGRAMS += tests/fuzz/fuzz-setup-json
tests_fuzz_fuzz_setup_json_SOURCES = tests/fuzz/fuzz-setup-json.c
tests_fuzz_fuzz_setup_json_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_setup_json_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_setup_json_LDADD = $(fuzz_ldadd)
endif
EXTRA_DIST += tests/fuzz/fuzz-setup-json.c tests/fuzz/seeds/setup-json/seed-verified \
	tests/fuzz/seeds/setup-json/seed-localpart tests/fuzz/seeds/setup-json/seed-unverified
EXTRA_DIST += tests/fuzz/fuzz-site.c tests/fuzz/seeds/site/seed-locked tests/fuzz/seeds/site/seed-mixed \
	tests/fuzz/seeds/site/seed-broken
EXTRA_DIST += tests/fuzz/fuzz-export.c tests/fuzz/seeds/export/seed-accountrc tests/fuzz/seeds/export/seed-json

## Configuration profiles: the property-list reader (internal) and the
## whole loader, signature check included (public API).
if ENABLE_FUZZERS
fuzz_targets += tests/fuzz/fuzz-plist tests/fuzz/fuzz-mobileconfig
noinst_PROGRAMS += tests/fuzz/fuzz-plist tests/fuzz/fuzz-mobileconfig
tests_fuzz_fuzz_plist_SOURCES = tests/fuzz/fuzz-plist.c
tests_fuzz_fuzz_plist_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_plist_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_plist_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(JSON_GLIB_LIBS) \
	$(CURL_LIBS) $(PSL_LIBS) $(GNUTLS_LIBS) $(RESOLV_LIBS) $(LTLIBINTL)
tests_fuzz_fuzz_mobileconfig_SOURCES = tests/fuzz/fuzz-mobileconfig.c
tests_fuzz_fuzz_mobileconfig_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_mobileconfig_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_mobileconfig_LDADD = $(fuzz_ldadd)
endif
EXTRA_DIST += tests/fuzz/fuzz-plist.c tests/fuzz/fuzz-mobileconfig.c \
	tests/fuzz/seeds/plist/seed-types tests/fuzz/seeds/plist/seed-latin1 tests/fuzz/seeds/plist/seed-cdata \
	tests/fuzz/seeds/mobileconfig/seed-imap-full tests/fuzz/seeds/mobileconfig/seed-pop-minimal \
	tests/fuzz/seeds/mobileconfig/seed-others tests/fuzz/seeds/mobileconfig/seed-signed-der \
	tests/fuzz/seeds/mobileconfig/seed-pem-cut
