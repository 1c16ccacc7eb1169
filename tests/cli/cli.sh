#!/bin/sh
# The mailsetup tool as scripts and people use it: exit codes, text and
# JSON output, every ISPDB file of the corpus. TAP output.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
data="$top_srcdir/tests/data"
. "$top_srcdir/tests/cli/tap.sh"


expect_exit 0 "--version" "$ms" --version
check "--version prints the version" grep -q '^mailsetup [0-9]' "$tmp/out"
expect_exit 0 "--help" "$ms" --help
check "--help lists parse and the exit codes" sh -c "grep -q 'parse' '$tmp/out' && grep -q '^  4 ' '$tmp/out'"
expect_exit 2 "no command" "$ms"
expect_exit 2 "unknown command" "$ms" frobnicate
expect_exit 2 "parse without a file" "$ms" parse
expect_exit 2 "parse with an unknown option" "$ms" parse --no-such-option x.xml
expect_exit 1 "parse of a missing file" "$ms" parse "$tmp/missing.xml"
expect_exit 3 "parse of an entity bomb" "$ms" parse "$data/autoconfig/bad/entity-bomb.xml"
check "the refusal names the file" grep -q 'entity-bomb.xml' "$tmp/err"
expect_exit 3 "parse of an HTML page" "$ms" parse "$data/autoconfig/bad/html.xml"
expect_exit 4 "parse of an Exchange-only file" "$ms" parse "$data/autoconfig/bad/only-exchange.xml"
check "the refusal says why" grep -q 'exchange' "$tmp/err"
head -c 300000 /dev/zero | tr '\0' ' ' >"$tmp/big.xml"
expect_exit 3 "parse of a 300 KB file" "$ms" parse "$tmp/big.xml"
expect_exit 3 "an invalid --address" "$ms" parse --address 'jean@@example.fr' "$data/ispdb/ovh.net.xml"
check "the address error is explained" grep -q '@' "$tmp/err"

expect_exit 0 "parse from standard input" sh -c "'$ms' parse - < '$data/ispdb/ovh.net.xml'"
check "text output names the host and encryption" sh -c "grep -q 'ssl0.ovh.net:993, encrypted (TLS)' '$tmp/out'"

expect_exit 0 "parse --json --address" "$ms" parse --json --address jean@example.fr "$data/autoconfig/mixed.xml"
cp "$tmp/out" "$tmp/mixed.json"
check "json: schema" test "$(json_get "$tmp/mixed.json" "d['schema']")" = mailsetup-config/1
check "json: first incoming is IMAP over TLS on 993" \
	test "$(json_get "$tmp/mixed.json" "d['incoming'][0]['protocol'], d['incoming'][0]['socket'], d['incoming'][0]['port']")" = "imap tls 993"
check "json: the plain server is last and insecure" \
	test "$(json_get "$tmp/mixed.json" "d['incoming'][-1]['socket'], d['incoming'][-1]['secure']")" = "plain False"
check "json: placeholders expanded for the address" \
	test "$(json_get "$tmp/mixed.json" "d['incoming'][-1]['expanded_hostname'], d['incoming'][0]['expanded_username']")" = "mail.example.fr jean"
check "json: notes carry stable codes" \
	test "$(json_get "$tmp/mixed.json" "' '.join(x['code'] for x in d['notes'])")" = "bad-hostname insecure-server bad-authentication"
check "json: outgoing SMTP 465 first" \
	test "$(json_get "$tmp/mixed.json" "d['outgoing'][0]['port'], d['outgoing'][0]['authentication']")" = "465 ['none']"

expect_exit 0 "office365: parses" "$ms" parse --json "$data/ispdb/office365.com.xml"
check "office365: the broken %EMAILADDRESS placeholder is reported" \
	test "$(json_get "$tmp/out" "sum(1 for x in d['notes'] if x['code'] == 'bad-placeholder' and '%EMAILADDRESS”' in x['message'])")" = 2
check "office365: OAuth2 endpoints kept" \
	test "$(json_get "$tmp/out" "d['oauth2']['issuer']")" = login.microsoftonline.com

# discover: what is checked without a network (the test world checks the rest)
expect_exit 3 "discover with a malformed address" "$ms" discover -q 'jean@@example.fr'
check "discover explains the address" grep -q '@' "$tmp/err"
expect_exit 2 "discover with an unknown source" "$ms" discover --sources carrier-pigeon -q jean@example.fr
expect_exit 2 "discover without an address" "$ms" discover
expect_exit 0 "discover --help" "$ms" discover --help
check "discover --help lists the sources" grep -q 'autodiscover' "$tmp/out"
mkdir -p "$tmp/data/mailsetup" && ln -s "$top_srcdir/data/providers" "$tmp/data/mailsetup/providers"
expect_exit 0 "discover from built-in data alone (no network)" \
	env XDG_DATA_DIRS="$tmp/data" "$ms" discover --sources builtin --json -q jean@ovh.net
check "built-in data: OVH's IMAP server first, full address as login" \
	test "$(json_get "$tmp/out" "d['config']['incoming'][0]['hostname'], d['config']['incoming'][0]['port'], d['config']['incoming'][0]['expanded_username']")" = "ssl0.ovh.net 993 jean@ovh.net"
check "built-in data: the step is streamed with its code" \
	test "$(json_get "$tmp/out" "[e['code'] for e in d['events'] if e['state'] == 'found']")" = "['builtin']"

# The whole corpus: every file parses; the first incoming and outgoing
# servers are never plain text when the file offers anything better.
corpus="$top_srcdir/../shared/ispdb"
[ -d "$corpus" ] || corpus="$data/ispdb"
files=0 failed=0 plainfirst=0
for f in "$corpus"/*.xml; do
	files=$((files + 1))
	if ! "$ms" parse --json "$f" >"$tmp/c.json" 2>"$tmp/c.err"; then
		failed=$((failed + 1)); echo "# $f: $(cat "$tmp/c.err")"; continue
	fi
	bad=$(json_get "$tmp/c.json" "any(l and not l[0]['secure'] and any(s['secure'] for s in l) for l in (d['incoming'], d['outgoing']))")
	[ "$bad" = False ] || { plainfirst=$((plainfirst + 1)); echo "# $f ranks plain text first"; }
done
echo "# corpus $corpus: $files files"
check "corpus: every file parses ($files files)" test "$failed" = 0
check "corpus: no plain-text server ranked first" test "$plainfirst" = 0
check "corpus: the shared ISPDB has 163 files when present" \
	sh -c "[ ! -d '$top_srcdir/../shared/ispdb' ] || [ $files = 163 ]"
echo "1..$n"
