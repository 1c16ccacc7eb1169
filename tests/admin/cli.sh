#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-domain and publish without a network: the command lines, the exit
# codes, and what publish writes from a verified `setup --json` result
# (the fuzzer's seeds), read back by mailsetup's own parsers. TAP output.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
seeds="$top_srcdir/tests/fuzz/seeds/setup-json"
. "$top_srcdir/tests/cli/tap.sh"

expect_exit 0 "check-domain --help" "$ms" check-domain --help
check "check-domain --help names --json and --ca-file" sh -c "grep -q -- '--json' '$tmp/out' && grep -q -- '--ca-file' '$tmp/out'"
expect_exit 2 "check-domain without a domain" "$ms" check-domain
expect_exit 2 "check-domain with two domains" "$ms" check-domain a.test b.test
expect_exit 3 "check-domain of a malformed domain" "$ms" check-domain "exa mple.test"
check "the malformed domain is explained" grep -q '^mailsetup: ' "$tmp/err"
expect_exit 0 "--help lists check-domain, publish and exit status 7" sh -c "'$ms' --help | grep -q '^  check-domain' && '$ms' --help | grep -q '^  publish' && '$ms' --help | grep -q '^  7 '"

expect_exit 2 "publish without a domain" "$ms" publish
expect_exit 2 "publish with --config and --from-json" "$ms" publish demo.test --config a.xml --from-json b.json
expect_exit 2 "publish with an unknown format" "$ms" publish demo.test --format zone --from-json "$seeds/seed-verified"
expect_exit 1 "publish --from-json of a missing file" "$ms" publish demo.test --from-json "$tmp/none.json"
expect_exit 5 "publish --from-json of an unverified setup" "$ms" publish demo.test --from-json "$seeds/seed-unverified"
check "nothing printed for an unverified setup" test ! -s "$tmp/out"
check "the refusal says why" grep -q 'not verified' "$tmp/err"
printf '{"schema":"mailsetup-setup/1",' >"$tmp/cut.json"
expect_exit 3 "publish --from-json of a cut file" "$ms" publish demo.test --from-json "$tmp/cut.json"

expect_exit 0 "publish --from-json, every format" "$ms" publish demo.test --from-json "$seeds/seed-verified"
check "all: both autoconfig URLs named" sh -c "grep -q 'https://autoconfig.demo.test/mail/config-v1.1.xml' '$tmp/out' && grep -q 'https://demo.test/.well-known/autoconfig/mail/config-v1.1.xml' '$tmp/out'"
check "all: the file, the records and the profile" sh -c "grep -q '<clientConfig' '$tmp/out' && grep -q '^_imaps._tcp.demo.test. 3600 IN SRV 0 1 993 mail.demo.test.$' '$tmp/out' && grep -q '<plist' '$tmp/out'"
expect_exit 0 "publish --format srv --ttl 300" "$ms" publish demo.test --from-json "$seeds/seed-verified" --format srv --ttl 300
check "srv: six lines, nothing else" test "$(wc -l <"$tmp/out")" = 6
check "srv: 0 0 0 . where no server is proven" grep -q '^_submission._tcp.demo.test. 300 IN SRV 0 0 0 .$' "$tmp/out"
check "srv: POP3 over TLS" grep -q '^_pop3s._tcp.demo.test. 300 IN SRV 0 1 995 mail.demo.test.$' "$tmp/out"

expect_exit 0 "publish --output-dir" "$ms" publish demo.test --from-json "$seeds/seed-verified" --output-dir "$tmp/www"
check "output-dir: the web server's layout" sh -c "test -f '$tmp/www/autoconfig.demo.test/mail/config-v1.1.xml' && test -f '$tmp/www/demo.test/.well-known/autoconfig/mail/config-v1.1.xml' && test -f '$tmp/www/demo.test/mail.mobileconfig' && test -f '$tmp/www/demo.test.srv.zone'"
check "output-dir: nothing on standard output" test ! -s "$tmp/out"
expect_exit 0 "the autoconfig file parses back" "$ms" parse --json "$tmp/www/autoconfig.demo.test/mail/config-v1.1.xml"
check "parse: the servers proven, %EMAILADDRESS% as login" \
	test "$(json_get "$tmp/out" "sorted((s['protocol'], s['hostname'], s['port'], s['socket'], s['username']) for s in d['incoming'] + d['outgoing'])")" = \
	"[('imap', 'mail.demo.test', 993, 'tls', '%EMAILADDRESS%'), ('pop3', 'mail.demo.test', 995, 'tls', '%EMAILADDRESS%'), ('smtp', 'mail.demo.test', 465, 'tls', '%EMAILADDRESS%')]"
check "the profile is a property list with fresh UUIDs" $py -c "
import plistlib, sys, uuid
p = plistlib.load(open(sys.argv[1], 'rb')); m = p['PayloadContent'][0]
assert m['PayloadType'] == 'com.apple.mail.managed' and m['IncomingMailServerPortNumber'] == 993
assert uuid.UUID(p['PayloadUUID']) != uuid.UUID(m['PayloadUUID'])" "$tmp/www/demo.test/mail.mobileconfig"
if command -v xmllint >/dev/null; then
	check "the profile is well-formed XML (xmllint)" xmllint --noout "$tmp/www/demo.test/mail.mobileconfig"
else
	ok "the profile is well-formed XML (xmllint) # SKIP xmllint missing (libxml2-utils)"
fi
expect_exit 0 "publish of a setup that logged in with the local part" "$ms" publish partlocal.test --from-json "$seeds/seed-localpart" --format autoconfig
check "the login form is %EMAILLOCALPART%" sh -c "grep -q '<username>%EMAILLOCALPART%</username>' '$tmp/out' && ! grep -q 'EMAILADDRESS' '$tmp/out'"
echo "1..$n"
