## Unit tests of the engine (GLib g_test, TAP output), data in tests/data/.

unit_tests = \
	tests/unit/test-address \
	tests/unit/test-template \
	tests/unit/test-config \
	tests/unit/test-autoconfig \
	tests/unit/test-providers \
	tests/unit/test-autodiscover \
	tests/unit/test-http \
	tests/unit/test-diagnosis \
	tests/unit/test-verify \
	tests/unit/test-policy \
	tests/unit/test-domain-check
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests) tests/unit/check-exports.sh

unit_cflags = $(AM_CFLAGS) $(GLIB_CFLAGS) $(JSON_GLIB_CFLAGS)
unit_ldadd = plugin/engine/libmailsetup.la $(GLIB_LIBS) $(JSON_GLIB_LIBS)
unit_util = tests/unit/test-util.c tests/unit/test-util.h

tests_unit_test_address_SOURCES = tests/unit/test-address.c $(unit_util)
tests_unit_test_address_CFLAGS = $(unit_cflags)
tests_unit_test_address_LDADD = $(unit_ldadd)
tests_unit_test_template_SOURCES = tests/unit/test-template.c
tests_unit_test_template_CFLAGS = $(unit_cflags)
tests_unit_test_template_LDADD = $(unit_ldadd)
tests_unit_test_config_SOURCES = tests/unit/test-config.c
tests_unit_test_config_CFLAGS = $(unit_cflags)
tests_unit_test_config_LDADD = $(unit_ldadd)
tests_unit_test_autoconfig_SOURCES = tests/unit/test-autoconfig.c $(unit_util)
tests_unit_test_autoconfig_CFLAGS = $(unit_cflags)
tests_unit_test_autoconfig_LDADD = $(unit_ldadd)

tests_unit_test_autodiscover_SOURCES = tests/unit/test-autodiscover.c $(unit_util)
tests_unit_test_autodiscover_CFLAGS = $(unit_cflags)
tests_unit_test_autodiscover_LDADD = $(unit_ldadd)
tests_unit_test_providers_SOURCES = tests/unit/test-providers.c
tests_unit_test_providers_CFLAGS = $(unit_cflags)
tests_unit_test_providers_LDADD = $(unit_ldadd)
tests_unit_test_diagnosis_SOURCES = tests/unit/test-diagnosis.c
tests_unit_test_diagnosis_CFLAGS = $(unit_cflags)
tests_unit_test_diagnosis_LDADD = $(unit_ldadd)

## Internal modules are tested through the library's objects, not its API.
tests_unit_test_http_SOURCES = tests/unit/test-http.c
tests_unit_test_http_CFLAGS = $(unit_cflags)
tests_unit_test_http_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS)
tests_unit_test_verify_SOURCES = tests/unit/test-verify.c $(unit_util)
tests_unit_test_verify_CFLAGS = $(unit_cflags) $(GNUTLS_CFLAGS) $(LIBETPAN_CFLAGS)
tests_unit_test_verify_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(GNUTLS_LIBS)
tests_unit_test_domain_check_SOURCES = tests/unit/test-domain-check.c
tests_unit_test_domain_check_CFLAGS = $(unit_cflags)
tests_unit_test_domain_check_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS) $(JSON_GLIB_LIBS)

EXTRA_DIST += tests/unit/check-exports.sh \
	tests/data/verify/login-replies.txt \
	tests/data/address/valid.txt tests/data/address/invalid.txt \
	tests/data/autoconfig-bad.txt \
	tests/data/autoconfig/bad/bad-encoding.xml \
	tests/data/autoconfig/bad/bad-utf8-comment.xml \
	tests/data/autoconfig/bad/empty.xml \
	tests/data/autoconfig/bad/entity-bomb.xml \
	tests/data/autoconfig/bad/external-entity.xml \
	tests/data/autoconfig/bad/html.xml \
	tests/data/autoconfig/bad/mismatched.xml \
	tests/data/autoconfig/bad/no-provider.xml \
	tests/data/autoconfig/bad/only-exchange.xml \
	tests/data/autoconfig/bad/truncated.xml \
	tests/data/autoconfig/bad/undeclared-entity.xml \
	tests/data/autoconfig/broken-servers.json \
	tests/data/autoconfig/broken-servers.xml \
	tests/data/autoconfig/latin1.json \
	tests/data/autoconfig/latin1.xml \
	tests/data/autoconfig/mixed.json \
	tests/data/autoconfig/mixed.xml \
	tests/data/autoconfig/oauth2.json \
	tests/data/autoconfig/oauth2.xml \
	tests/data/ispdb/bay.wind.ne.jp.xml \
	tests/data/ispdb/free.fr.xml \
	tests/data/ispdb/laposte.net.xml \
	tests/data/ispdb/office365.com.xml \
	tests/data/ispdb/orange.fr.xml \
	tests/data/ispdb/ovh.net.xml \
	tests/data/autodiscover/auth.json \
	tests/data/autodiscover/auth.xml \
	tests/data/autodiscover/bad/bad-encoding.xml \
	tests/data/autodiscover/bad/empty.xml \
	tests/data/autodiscover/bad/entity-bomb.xml \
	tests/data/autodiscover/bad/error-600.xml \
	tests/data/autodiscover/bad/error-601.xml \
	tests/data/autodiscover/bad/external-entity.xml \
	tests/data/autodiscover/bad/html.xml \
	tests/data/autodiscover/bad/mismatched.xml \
	tests/data/autodiscover/bad/no-account.xml \
	tests/data/autodiscover/bad/office365.xml \
	tests/data/autodiscover/bad/only-broken.xml \
	tests/data/autodiscover/bad/redirect-bad-address.xml \
	tests/data/autodiscover/bad/redirect-http.xml \
	tests/data/autodiscover/bad/redirect-ip.xml \
	tests/data/autodiscover/bad/redirect-nowhere.xml \
	tests/data/autodiscover/bad/request.xml \
	tests/data/autodiscover/bad/truncated.xml \
	tests/data/autodiscover/bad/undeclared-entity.xml \
	tests/data/autodiscover/broken.json \
	tests/data/autodiscover/broken.xml \
	tests/data/autodiscover/cpanel.json \
	tests/data/autodiscover/cpanel.xml \
	tests/data/autodiscover/encryption.json \
	tests/data/autodiscover/encryption.xml \
	tests/data/autodiscover/prefixed.json \
	tests/data/autodiscover/prefixed.xml \
	tests/data/autodiscover/redirect-addr.xml \
	tests/data/autodiscover/redirect-no-action.xml \
	tests/data/autodiscover/redirect-url.xml \
	tests/data/autodiscover-bad.txt \
	tests/data/ispdb/LICENSE tests/data/ispdb/README.md

tests_unit_test_policy_SOURCES = tests/unit/test-policy.c
tests_unit_test_policy_CFLAGS = $(unit_cflags)
tests_unit_test_policy_LDADD = $(unit_ldadd)
## The property-list reader (internal).
unit_tests += tests/unit/test-plist
tests_unit_test_plist_SOURCES = tests/unit/test-plist.c
tests_unit_test_plist_CFLAGS = $(unit_cflags)
tests_unit_test_plist_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS)
unit_tests += tests/unit/test-profile
tests_unit_test_profile_SOURCES = tests/unit/test-profile.c
tests_unit_test_profile_CFLAGS = $(unit_cflags)
tests_unit_test_profile_LDADD = $(unit_ldadd)
## The check-up's readers: accountrc and Claws's stored certificates.
unit_tests += tests/unit/test-checkup
tests_unit_test_checkup_SOURCES = tests/unit/test-checkup.c
tests_unit_test_checkup_CFLAGS = $(unit_cflags)
tests_unit_test_checkup_LDADD = $(unit_ldadd)
EXTRA_DIST += tests/data/checkup/accountrc tests/data/checkup/ca.pem \
	tests/data/checkup/certs/mail.customer.example.test.993.cert \
	tests/data/checkup/certs/provider.example.test.465.cert \
	tests/data/checkup/certs/old.example.test.110.cert \
	tests/data/checkup/certs/self-signed.der \
	tests/data/checkup/certs/junk.example.test.143.cert

## Site-wide defaults: internal, to check the options they set.
unit_tests += tests/unit/test-site
tests_unit_test_site_SOURCES = tests/unit/test-site.c
tests_unit_test_site_CFLAGS = $(unit_cflags)
tests_unit_test_site_LDADD = plugin/engine/libmailsetup-internal.la $(GLIB_LIBS)

unit_tests += tests/unit/test-export
tests_unit_test_export_SOURCES = tests/unit/test-export.c
tests_unit_test_export_CFLAGS = $(unit_cflags)
tests_unit_test_export_LDADD = $(unit_ldadd)
engine_tests += $(unit_tests) tests/unit/check-exports.sh
