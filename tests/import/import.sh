#!/bin/sh
# mailsetup import: configuration profiles built here from the templates in
# tests/data/profiles/ (plain, signed by a test CA made with certtool,
# signed then tampered, signed by an unknown CA, PEM, POP, other payloads,
# binary, broken, encrypted), every Email payload key checked in the JSON
# output, no password anywhere in any output; then one profile verified
# against the real servers of the test world (needs root and the world's
# servers, skipped otherwise). TAP output.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
ms="$top_builddir/plugin/cli/mailsetup"
tpl="$top_srcdir/tests/data/profiles"
world="$top_srcdir/tests/world/world"
py=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-import.XXXXXX")
W=
cleanup() { [ -n "$W" ] && "$world" down --world "$W" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else notok "$desc"; fi; }
# run CODE DESC CMD…: output in $tmp/out and $tmp/err, both kept in $tmp/all
run() {
	want=$1 desc=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	cat "$tmp/out" "$tmp/err" >>"$tmp/all"
	if [ "$got" = "$want" ]; then ok "$desc (exit $got)"; else notok "$desc: exit $got, expected $want"; sed 's/^/# /' "$tmp/err"; fi
}
# is DESC EXPR WANT: a Python expression over the JSON document d in $tmp/out
is() {
	got=$($py -c "import json,sys; d=json.load(open(sys.argv[1])); a=d['accounts'][0] if d['accounts'] else None; print($2)" "$tmp/out" 2>&1 | tail -1)
	if [ "$got" = "$3" ]; then ok "$1"; else notok "$1: got “$got”, expected “$3”"; fi
}
# fill TEMPLATE OUT [sed expressions]: a profile from a template
fill() {
	t=$1 o=$2; shift 2
	sed -e "s/@ADDRESS@/alice@example.org/; s/@IMAPHOST@/imap.example.org/; s/@IMAPPORT@/993/" \
	    -e "s/@SMTPHOST@/smtp.example.org/; s/@SMTPPORT@/587/; s/@USER@/alice.l/g; s/@DOMAIN@/example.org/g" \
	    -e "s/@PASSWORD@/In-Secret-4711/; s/@OUTPASSWORD@/Out-Secret-0815/" "$@" "$tpl/$t" >"$o"
}

if ! command -v certtool >/dev/null; then
	echo "1..0 # SKIP certtool (gnutls-bin) is missing"
	exit 0
fi

# A test CA and a profile signer it certified; an unknown CA and its signer.
pki=$tmp
. "$top_srcdir/tests/import/pki.sh"
pki_ca ca "mailsetup test profile CA"
pki_signer signer ca "Demo profile signer"
pki_ca rogue "Nobody you know CA"
pki_signer rogue-signer rogue "Demo profile signer"

## 1. Every key of the Email payload, unsigned.
fill imap-full.mobileconfig.in "$tmp/full.mobileconfig"
run 6 "unsigned profile: not accepted by default" "$ms" import --json "$tmp/full.mobileconfig"
check "unsigned: the warning says so" grep -q 'warning: this profile is not signed' "$tmp/err"
check "unsigned: the way out is named" grep -q -- '--accept-unsigned' "$tmp/err"
is "json: schema" "d['schema']" "mailsetup-import/1"
is "json: format" "d['format']" "mobileconfig"
is "json: signature unsigned, no signer" "d['signature']['status'], d['signature']['signer']" "unsigned None"
is "json: not accepted" "d['accepted']" "False"
is "json: not verified without --verify" "a['verify']" "None"
is "PayloadDisplayName, PayloadOrganization (profile)" "d['profile']['display_name'], d['profile']['organization']" \
	"Demo mail profile Demo & Co"
is "PayloadIdentifier, PayloadUUID, PayloadDescription (profile)" \
	"d['profile']['identifier'], d['profile']['uuid'], d['profile']['description']" \
	"test.demo.profile 6F1C2A52-0C0B-4C6E-9A43-3C1F2A7E0000 Sets up the demo mail account"
is "profile keys only Apple applies, each with its reason" \
	"[(x['key'], bool(x['reason'])) for x in d['profile']['ignored']]" \
	"[('PayloadRemovalDisallowed', True), ('PayloadScope', True), ('PayloadExpirationDate', True), ('ConsentText', True)]"
is "one account" "len(d['accounts'])" "1"
is "EmailAddress" "a['address'], a['config']['provider']['domains']" "alice@example.org ['example.org']"
is "EmailAccountName" "a['name']" "Alice Liddell"
is "EmailAccountDescription (also the provider's name)" "a['description'], a['config']['provider']['display_name']" \
	"Demo mail Demo mail"
is "PayloadIdentifier, PayloadUUID (payload)" "a['identifier'], a['uuid']" \
	"test.demo.mail.alice 6F1C2A52-0C0B-4C6E-9A43-3C1F2A7E0001"
is "EmailAccountType EmailTypeIMAP" "a['protocol'], a['config']['incoming'][0]['protocol']" "imap imap"
is "IncomingMailServerHostName, PortNumber 993 + UseSSL: TLS" \
	"[(s['hostname'], s['port'], s['socket']) for s in a['config']['incoming']]" "[('imap.example.org', 993, 'tls')]"
is "IncomingMailServerAuthentication EmailAuthPassword" "a['config']['incoming'][0]['authentication']" \
	"['password-cleartext']"
is "IncomingMailServerUsername" "a['incoming_username'], a['config']['incoming'][0]['username']" "alice.l alice.l"
is "IncomingPassword: included, never shown" "a['incoming_password_included'], 'password' in a" "True False"
is "IncomingMailServerIMAPPathPrefix" "a['imap_path_prefix']" "INBOX"
is "OutgoingMailServerHostName, PortNumber 587 + UseSSL: STARTTLS" \
	"[(s['hostname'], s['port'], s['socket']) for s in a['config']['outgoing']]" \
	"[('smtp.example.org', 587, 'starttls')]"
is "OutgoingMailServerAuthentication EmailAuthCRAMMD5" "a['config']['outgoing'][0]['authentication']" \
	"['password-encrypted']"
is "OutgoingMailServerUsername" "a['outgoing_username'], a['config']['outgoing'][0]['username']" "alice.l alice.l"
is "OutgoingPassword, OutgoingPasswordSameAsIncomingPassword" \
	"a['outgoing_password_included'], a['outgoing_password_same']" "True True"
is "PreventMove" "a['prevent_move']" "True"
is "servers from the profile, unsigned: medium trust" \
	"a['config']['incoming'][0]['source'], a['config']['incoming'][0]['trust']" "profile medium"
is "S/MIME present" "a['smime']['present']" "True"
is "SMIMESigningEnabled, SMIMESigningUserOverrideable false: locked" \
	"a['smime']['signing'], a['smime']['signing_locked']" "True True"
is "SMIMESigningCertificateUUID, its payload's name, UUIDUserOverrideable" \
	"a['smime']['signing_certificate'], a['smime']['signing_certificate_name'], a['smime']['signing_certificate_locked']" \
	"6F1C2A52-0C0B-4C6E-9A43-3C1F2A7E0002 Alice S/MIME identity False"
is "SMIMEEncryptByDefault wins over SMIMEEncryptionEnabled; UserOverrideable" \
	"a['smime']['encrypt'], a['smime']['encrypt_locked']" "True False"
is "SMIMEEncryptionCertificateUUID, UUIDUserOverrideable false: locked" \
	"a['smime']['encryption_certificate_name'], a['smime']['encryption_certificate_locked']" \
	"Alice S/MIME identity True"
is "SMIMEEnableEncryptionPerMessageSwitch wins over SMIMEEnablePerMessageSwitch" "a['smime']['per_message_switch']" "True"
is "policy: S/MIME, locked as the profile says" \
	"[(k, v['value'], v['locked']) for k, v in a['policy'].items()]" \
	"[('privacy-system', 'smime', True), ('sign', True, True), ('encrypt', True, False), ('signing-identity', 'by-address', False), ('encryption-identity', 'by-address', True)]"
is "policy: per-message switches (signing locked: none)" \
	"a['policy']['sign']['per_message_switch'], a['policy']['encrypt']['per_message_switch']" "False True"
is "policy: the source is the unsigned profile" "a['policy']['sign']['source']" \
	"configuration profile “Demo mail profile, Demo & Co”, unsigned"
is "Apple-only and unknown keys: listed, each with a reason" \
	"[(x['key'], bool(x['reason'])) for x in a['ignored']]" \
	"[('PreventAppSheet', True), ('allowMailDrop', True), ('disableMailRecentsSyncing', True), ('VPNUUID', True), ('FutureAppleKey', True), ('IncomingMailServerIMAPPathPrefixTypo', True)]"
is "the S/MIME identity payload: not applicable, gpgsm named" \
	"[(x['type'], x['display_name'], 'gpgsm' in x['reason']) for x in d['not_applicable']]" \
	"[('com.apple.security.pkcs12', 'Alice S/MIME identity', True)]"
run 0 "--accept-unsigned: accepted" "$ms" import --accept-unsigned --json "$tmp/full.mobileconfig"
is "json: accepted" "d['accepted']" "True"
check "--accept-unsigned: still warned" grep -q 'not signed' "$tmp/err"
run 0 "text output" "$ms" import --accept-unsigned "$tmp/full.mobileconfig"
check "text: the password is said to be included" grep -q 'Password: included in the profile' "$tmp/out"
check "text: S/MIME signing locked" grep -q 'sign messages: yes (locked by the profile)' "$tmp/out"
check "text: who set the policy" grep -q 'set by: configuration profile “Demo mail profile, Demo & Co”, unsigned' "$tmp/out"
check "text: the identity payload is not applicable" grep -q 'com.apple.security.pkcs12' "$tmp/out"
run 0 "from standard input" sh -c "'$ms' import --accept-unsigned - <'$tmp/full.mobileconfig'"

## 2. Signed profiles.
pki_sign signer "$tmp/full.mobileconfig" "$tmp/signed.mobileconfig" --outder
run 0 "signed by the test CA, trusted with --ca-file" "$ms" import --json --ca-file "$tmp/ca.pem" "$tmp/signed.mobileconfig"
is "signed: valid, the signer shown" "d['signature']['status'], d['signature']['signer'], d['signature']['problem']" \
	"signed-valid CN=Demo profile signer,O=Demo and Co None"
is "signed: accepted, servers trusted high" "d['accepted'], a['config']['incoming'][0]['trust']" "True high"
is "signed: the same account as unsigned" "a['address'], a['config']['incoming'][0]['hostname'], a['smime']['signing']" \
	"alice@example.org imap.example.org True"
is "signed: the policy's source names the signer" "a['policy']['encrypt']['source']" \
	"configuration profile “Demo mail profile, Demo & Co”, signed by CN=Demo profile signer,O=Demo and Co"
check "signed: no warning" test ! -s "$tmp/err"
run 6 "signed by a CA this computer does not trust" "$ms" import --json "$tmp/signed.mobileconfig"
is "untrusted: invalid, why, and who claims to sign" \
	"d['signature']['status'], 'not issued by an authority' in d['signature']['problem'], d['signature']['signer']" \
	"signed-invalid True CN=Demo profile signer,O=Demo and Co"
check "untrusted: the warning says why" grep -q "signature is not valid: the signer" "$tmp/err"
pki_sign rogue-signer "$tmp/full.mobileconfig" "$tmp/rogue.mobileconfig" --outder
run 6 "signed under the same name by an unknown CA" "$ms" import --json --ca-file "$tmp/ca.pem" "$tmp/rogue.mobileconfig"
is "unknown CA: not valid" "d['signature']['status']" "signed-invalid"
$py -c "
import sys; d = bytearray(open(sys.argv[1], 'rb').read()); i = d.find(b'imap.example.org')
d[i] = ord('j'); open(sys.argv[2], 'wb').write(d)" "$tmp/signed.mobileconfig" "$tmp/tampered.mobileconfig"
run 6 "signed then tampered (one byte of the content)" "$ms" import --json --ca-file "$tmp/ca.pem" "$tmp/tampered.mobileconfig"
is "tampered: invalid, content changed" "d['signature']['status'], d['signature']['problem']" \
	"signed-invalid the content was changed after it was signed"
is "tampered: the changed host is what is shown" "a['config']['incoming'][0]['hostname']" "jmap.example.org"
run 0 "tampered, --accept-unsigned" "$ms" import --json --accept-unsigned --ca-file "$tmp/ca.pem" "$tmp/tampered.mobileconfig"
is "tampered: servers untrusted, to be confirmed" \
	"a['config']['incoming'][0]['trust'], 'signature is not valid' in a['config']['incoming'][0]['confirm']" "none True"
pki_sign signer "$tmp/full.mobileconfig" "$tmp/signed.pem"
run 0 "signed, PEM" "$ms" import --json --ca-file "$tmp/ca.pem" "$tmp/signed.pem"
is "PEM: valid" "d['signature']['status']" "signed-valid"
head -c 200 "$tmp/signed.mobileconfig" >"$tmp/cut.mobileconfig"
run 3 "signed envelope cut short" "$ms" import "$tmp/cut.mobileconfig"

## 3. A POP account with the keys left out.
fill pop-minimal.mobileconfig.in "$tmp/pop.mobileconfig"
run 0 "POP, minimal" "$ms" import --json --accept-unsigned "$tmp/pop.mobileconfig"
is "EmailTypePOP" "a['protocol'], a['config']['incoming'][0]['protocol']" "pop3 pop3"
is "no port, UseSSL false: STARTTLS on 110, and a note" \
	"[(s['port'], s['socket']) for s in a['config']['incoming']], [x['code'] for x in a['config']['notes']]" \
	"[(110, 'starttls')] ['insecure-server']"
is "EmailAuthHTTPMD5: a challenge" "a['config']['incoming'][0]['authentication']" "['password-encrypted']"
is "EmailAuthNone outgoing: no login" "a['config']['outgoing'][0]['authentication']" "['none']"
is "UseSSL on an unusual port: TLS and STARTTLS both proposed" \
	"[(s['port'], s['socket']) for s in a['config']['outgoing']]" "[(2525, 'tls'), (2525, 'starttls')]"
is "no address, no user name, no password" \
	"a['address'], a['incoming_username'], a['incoming_password_included'], a['outgoing_password_included']" \
	"None None False False"
is "IMAP path prefix on POP: not applied, with reason" "a['imap_path_prefix'], [x['key'] for x in a['ignored']]" \
	"None ['SMIMESigningEnabled', 'IncomingMailServerIMAPPathPrefix']"
is "a key of the wrong type: not applied, says why" "a['ignored'][0]['reason']" "it should be a boolean, it is a string"
is "no S/MIME, no policy" "a['smime']['present'], a['smime']['signing'], a['policy']" "False False None"
run 2 "--verify without an address: asks for --address" "$ms" import --accept-unsigned --verify "$tmp/pop.mobileconfig"
check "--verify without an address: the message says so" grep -q -- '--address' "$tmp/err"
run 0 "--address fills in the missing address" "$ms" import --json --accept-unsigned --address bob@example.org "$tmp/pop.mobileconfig"
is "--address used" "a['address']" "bob@example.org"

## 4. Other payloads, unusable mail payloads.
fill others.mobileconfig.in "$tmp/others.mobileconfig"
run 0 "EAS, Wi-Fi, VPN and the like beside one account" "$ms" import --json --accept-unsigned "$tmp/others.mobileconfig"
is "each payload not applicable, by type" "[x['type'] for x in d['not_applicable']]" \
	"['com.apple.eas.account', 'com.apple.wifi.managed', 'com.apple.vpn.managed', 'com.example.unknown', 'com.apple.mail.managed', 'com.apple.mail.managed', 'com.apple.mail.managed']"
is "Exchange ActiveSync: the reason" "d['not_applicable'][0]['reason'], d['not_applicable'][0]['display_name']" \
	"Exchange ActiveSync is not supported by Claws Mail Exchange"
is "every not applicable payload has a reason" "all(x['reason'] for x in d['not_applicable'])" "True"
is "PayloadEnabled false, EmailTypeExchange, a bad host name: why" \
	"[(x['identifier'], w in x['reason']) for x, w in zip(d['not_applicable'][4:], ['PayloadEnabled', 'EmailTypeExchange', 'not a host name'])]" \
	"[('test.others.disabled', True), ('test.others.badtype', True), ('test.others.nohost', True)]"
is "EmailAuthNTLM" "a['identifier'], a['config']['incoming'][0]['authentication']" "test.others.ntlm ['NTLM']"
is "UseSSL true on 143: STARTTLS only" "[(s['port'], s['socket']) for s in a['config']['incoming']]" "[(143, 'starttls')]"
is "UseSSL false on 465: TLS all the same" "[(s['port'], s['socket']) for s in a['config']['outgoing']]" "[(465, 'tls')]"
fill not-mail.mobileconfig.in "$tmp/not-mail.mobileconfig"
run 4 "no mail account at all" "$ms" import --json --accept-unsigned "$tmp/not-mail.mobileconfig"
is "no account, the payloads listed" "len(d['accounts']), [x['type'] for x in d['not_applicable']]" \
	"0 ['com.apple.eas.account', 'com.apple.wifi.managed']"

## 5. Files that are not usable profiles.
$py -c "
import plistlib, sys
plistlib.dump({'PayloadType': 'Configuration', 'PayloadContent': []}, open(sys.argv[1], 'wb'), fmt=plistlib.FMT_BINARY)" \
	"$tmp/binary.mobileconfig"
run 3 "binary property list" "$ms" import "$tmp/binary.mobileconfig"
check "binary: the message says how to convert it" grep -q 'plutil -convert xml1' "$tmp/err"
head -c 1500 "$tmp/full.mobileconfig" >"$tmp/broken.mobileconfig"
run 3 "broken XML (cut short)" "$ms" import "$tmp/broken.mobileconfig"
sed 's|<key>PayloadEnabled</key>|<key>PayloadUUID</key><string>x</string><key>PayloadEnabled</key>|' \
	"$tmp/full.mobileconfig" >"$tmp/dup.mobileconfig"
run 3 "a key twice in one dict" "$ms" import "$tmp/dup.mobileconfig"
check "duplicate: named" grep -q 'PayloadUUID.*twice' "$tmp/err"
printf '<?xml version="1.0"?>\n<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string><key>EncryptedPayloadContent</key><data>AAAA</data></dict></plist>\n' \
	>"$tmp/encrypted.mobileconfig"
run 3 "an encrypted profile" "$ms" import "$tmp/encrypted.mobileconfig"
check "encrypted: said so" grep -q 'encrypted' "$tmp/err"
printf '<plist version="1.0"><dict><key>PayloadType</key><string>com.apple.mail.managed</string></dict></plist>' \
	>"$tmp/bare.mobileconfig"
run 3 "a bare payload, not a Configuration" "$ms" import "$tmp/bare.mobileconfig"
printf '<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY a "aaaa">]>\n<plist><string>&a;</string></plist>\n' \
	>"$tmp/entity.mobileconfig"
run 3 "a DTD declaring entities" "$ms" import "$tmp/entity.mobileconfig"
run 2 "no file" "$ms" import
run 1 "a missing file" "$ms" import "$tmp/missing.mobileconfig"

## 6. Autoconfig XML files import the same way.
run 0 "autoconfig file" "$ms" import --json --address jean@example.fr "$top_srcdir/tests/data/ispdb/ovh.net.xml"
is "autoconfig: format, no signature, accepted" "d['format'], d['signature'], d['accepted'], d['profile']" \
	"autoconfig None True None"
is "autoconfig: the servers" "a['address'], a['config']['incoming'][0]['hostname'], a['config']['incoming'][0]['port']" \
	"jean@example.fr ssl0.ovh.net 993"

## 7. The imported settings log in: a signed profile in the test world.
world_ok=
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null; then
	W=$("$world" up demo 2>"$tmp/world.err")
	[ $? = 0 ] && world_ok=1
fi
if [ -n "$world_ok" ]; then
	fill imap-full.mobileconfig.in "$tmp/demo.mobileconfig" -e 's/alice@example.org/alice@demo.test/' \
		-e 's/imap.example.org/imap.demo.test/; s/smtp.example.org/smtp.demo.test/; s/alice.l/alice@demo.test/g' \
		-e 's/In-Secret-4711/Wonderland-42/; s/EmailAuthCRAMMD5/EmailAuthPassword/'
	pki_sign signer "$tmp/demo.mobileconfig" "$tmp/demo-signed.mobileconfig" --outder
	# The test CA for the signature and the world's CA for the servers.
	run 0 "world: --verify of a signed profile" "$world" exec --world "$W" -- sh -c \
		"cat \"\$MS_WORLD_CA\" '$tmp/ca.pem' >'$tmp/bundle.pem' && '$ms' import --verify --json --quiet --ca-file '$tmp/bundle.pem' '$tmp/demo-signed.mobileconfig'"
	is "world: verified with the profile's password" "a['verify']['verified'], a['verify']['username']" "True alice@demo.test"
	is "world: the profile's servers (STARTTLS on 587)" \
		"a['verify']['incoming']['host'], a['verify']['incoming']['port'], a['verify']['outgoing']['port'], a['verify']['outgoing']['socket']" \
		"imap.demo.test 993 587 starttls"
	is "world: the test message went round" "a['verify']['send_test']['state']" "delivered"
	"$world" logins --world "$W" >"$tmp/logins" 2>&1
	check "world: the servers saw the logins" grep -q 'alice@demo.test' "$tmp/logins"
	"$world" logins --world "$W" --failed >"$tmp/failed" 2>&1
	check "world: no failed login" test ! -s "$tmp/failed"
	# The one place the password belongs: the servers' password database.
	grep -rl 'Wonderland-42' "$W" 2>/dev/null | grep -v '/etc/passdb$' >"$tmp/leaks"
	check "world: the password is in no server log" test ! -s "$tmp/leaks"
	# A POP profile without address nor password: --address and
	# --password-file fill them in; "use SSL" off on 110 becomes STARTTLS.
	sed -e 's/pop\.@DOMAIN@/mail.demo.test/; s/smtp\.@DOMAIN@/smtp.demo.test/; s/2525/587/' \
	    -e 's/EmailAuthNone/EmailAuthPassword/; s/EmailAuthHTTPMD5/EmailAuthPassword/' \
	    "$tpl/pop-minimal.mobileconfig.in" >"$tmp/demo-pop.mobileconfig"
	awk '$1 == "alice@demo.test" && $2 == "password" {print $3}' \
		"$top_srcdir/tests/world/scenarios/demo/expected" >"$tmp/pw"
	run 0 "world: --verify of a POP profile with --address and --password-file" "$world" exec --world "$W" -- \
		"$ms" import --verify --json --quiet --accept-unsigned --address alice@demo.test --password-file "$tmp/pw" \
		"$tmp/demo-pop.mobileconfig"
	is "world: POP3 on 110 with STARTTLS, verified" \
		"a['verify']['verified'], a['verify']['incoming']['protocol'], a['verify']['incoming']['port'], a['verify']['incoming']['socket']" \
		"True pop3 110 starttls"
	is "world: the test message went round through POP3" "a['verify']['send_test']['state']" "delivered"
else
	ok "# SKIP test world: not root or the world cannot start ($(head -c 200 "$tmp/world.err" 2>/dev/null | tr '\n' ' '))"
fi

## Never a password in any output.
check "no password in any output" sh -c "! grep -q -e 'In-Secret-4711' -e 'Out-Secret-0815' -e 'Wonderland-42' '$tmp/all'"
echo "1..$n"
