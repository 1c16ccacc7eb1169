#!/bin/sh
# Identities through gpgme on real keyrings: a throwaway GNUPGHOME with
# OpenPGP keys made here by gpg (valid, expired, revoked, disabled, expiring
# soon, someone else's uncertified key) and S/MIME certificates made by certtool
# under a test CA that gpgsm trusts (valid, expired, from an untrusted CA),
# then tests/privacy/test-identities checks listing, choosing and
# recipients' lookups against them.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

for tool in gpg gpgsm gpg-agent gpgconf certtool; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is missing (Debian: gnupg gpgsm gnutls-bin)"
		exit 0
	fi
done
bin="${top_builddir:-.}/tests/privacy/test-identities"

# Short paths: gpg-agent's socket lives in the home, and a socket path
# longer than 107 bytes cannot be bound.
home=$(mktemp -d /tmp/msgpg.XXXXXX)
other=$(mktemp -d /tmp/msgpo.XXXXXX)
cleanup () {
	GNUPGHOME=$home gpgconf --kill all 2>/dev/null || true
	GNUPGHOME=$other gpgconf --kill all 2>/dev/null || true
	rm -rf "$home" "$other"
}
trap cleanup EXIT INT TERM
export GNUPGHOME="$home"
echo allow-loopback-pinentry >"$home/gpg-agent.conf"
# No dirmngr here: certificates are checked against the trust list only.
echo disable-crl-checks >"$home/gpgsm.conf"
log="$home/setup.log"

fail () {
	echo "1..0 # setup failed: $1" >&2
	cat "$log" >&2
	echo "Bail out! keyring setup failed: $1"
	exit 1
}

# gen HOME "User id" EXPIRY: an OpenPGP key without passphrase (ed25519 and
# cv25519: RSA keys take seconds each to make); prints
# its fingerprint.
gen () {
	GNUPGHOME=$1 gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
		--quick-gen-key "$2" future-default default "$3" >>"$log" 2>&1 || fail "gpg --quick-gen-key $2"
	GNUPGHOME=$1 gpg --with-colons --list-keys "=$2" 2>>"$log" | awk -F: '$1 == "fpr" { print $10; exit }'
}

revoke () {
	sed 's/^:-----/-----/' "$home/openpgp-revocs.d/$1.rev" |
		gpg --batch --quiet --import >>"$log" 2>&1 || fail "revoking $1"
}

ALICE_FPR=$(gen "$home" "Alice <alice@EXAMPLE.com>" 1y)
ALICE_OLD_FPR=$(gen "$home" "Alice Old <alice@example.com>" seconds=1)
ALICE_REVOKED_FPR=$(gen "$home" "Alice Revoked <alice@example.com>" 3y)
revoke "$ALICE_REVOKED_FPR"
ALICE_CASE_FPR=$(gen "$home" "Alice Case <Alice@example.com>" 2y)
SOON_FPR=$(gen "$home" "Soon <soon@example.com>" 10d)
EXP_FPR=$(gen "$home" "Exp <exp@example.com>" seconds=1)
REV_FPR=$(gen "$home" "Rev <rev@example.com>" 1y)
revoke "$REV_FPR"
BOB_FPR=$(gen "$home" "Bob <bob@example.net>" 1y)
DAVE_FPR=$(gen "$home" "Dave <dave@example.org>" seconds=1)
FRANK_FPR=$(gen "$home" "Frank <frank@example.org>" 1y)
printf 'disable\nsave\n' | gpg --batch --command-fd 0 --edit-key "$FRANK_FPR" >>"$log" 2>&1 || fail "disabling Frank's key"
# Carol's key comes from elsewhere: public only, certified by nobody here.
echo allow-loopback-pinentry >"$other/gpg-agent.conf"
CAROL_FPR=$(gen "$other" "Carol <carol@example.org>" 1y)
GNUPGHOME=$other gpg --batch --export "$CAROL_FPR" 2>>"$log" |
	gpg --batch --quiet --import >>"$log" 2>&1 || fail "importing Carol's key"

# S/MIME: a CA gpgsm trusts, another it does not, certificates under them.
cd "$home"
cert () { # cert NAME CA "template lines"
	certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$1.key" >>"$log" 2>&1 || fail "key $1"
	printf '%s\n' "$3" >"$1.tmpl"
	if [ "$2" = self ]; then
		certtool --generate-self-signed --load-privkey "$1.key" --template "$1.tmpl" \
			--outfile "$1.crt" >>"$log" 2>&1 || fail "certificate $1"
	else
		certtool --generate-certificate --load-privkey "$1.key" --load-ca-certificate "$2.crt" \
			--load-ca-privkey "$2.key" --template "$1.tmpl" --outfile "$1.crt" >>"$log" 2>&1 || fail "certificate $1"
	fi
	certtool --fingerprint --hash sha1 --infile "$1.crt" 2>>"$log" | tr a-f A-F
}
user_template () { # email activation expiration
	printf 'cn = "%s"\nemail = "%s"\nsigning_key\nencryption_key\nemail_protection_key\nactivation_date = "%s"\nexpiration_date = "%s"\n' \
		"$1" "$1" "$2" "$3"
}
# with_secret NAME: imports NAME's key and certificate as PKCS#12 (3DES:
# gpgsm 2.2 reads no PBES2). gpgsm 2.2 now and then fails to parse one of
# GnuTLS's files (random salts): a new file is made and tried, three times.
with_secret () {
	for attempt in 1 2 3; do
		certtool --to-p12 --load-privkey "$1.key" --load-certificate "$1.crt" --p12-name "$1" \
			--password x --pkcs-cipher 3des-pkcs12 --outder --outfile "$1.p12" >>"$log" 2>&1 || fail "p12 $1"
		if echo x | gpgsm --batch --pinentry-mode loopback --passphrase-fd 0 --import "$1.p12" >>"$log" 2>&1; then
			return 0
		fi
	done
	fail "gpgsm import $1"
}
now=$(date -u +%Y)
CA_FPR=$(cert ca self "$(printf 'cn = "mailsetup Test CA"\nca\ncert_signing_key\ncrl_signing_key\nactivation_date = "2019-01-01 00:00:00"\nexpiration_date = "%s-12-31 00:00:00"\n' $((now + 10)))")
ROGUE_FPR=$(cert rogue self "$(printf 'cn = "Untrusted CA"\nca\ncert_signing_key\nexpiration_days = 3650\n')")
SMIME_ALICE_FPR=$(cert salice ca "$(user_template alice@example.com "2020-01-01 00:00:00" "$((now + 1))-12-31 00:00:00")")
SMIME_ALICE_OLD_FPR=$(cert salice-old ca "$(user_template alice@example.com "2020-01-01 00:00:00" "2021-01-01 00:00:00")")
SMIME_BOB_FPR=$(cert sbob ca "$(user_template bob@example.net "2020-01-01 00:00:00" "$((now + 1))-12-31 00:00:00")")
SMIME_EVE_FPR=$(cert seve rogue "$(user_template eve@example.org "2020-01-01 00:00:00" "$((now + 1))-12-31 00:00:00")")
gpgsm --batch --import ca.crt rogue.crt sbob.crt seve.crt >>"$log" 2>&1 || fail "gpgsm import"
with_secret salice
with_secret salice-old
# The test CA, trusted for S/MIME ("relax": no basicConstraints checks of
# a test root); the rogue CA is not listed.
echo "$CA_FPR S relax" >"$home/trustlist.txt"
gpgconf --reload gpg-agent >>"$log" 2>&1 || true
cd - >/dev/null
[ -n "$ROGUE_FPR" ] || fail "rogue CA"

# The one-second keys are expired by now.
sleep 2
export ALICE_FPR ALICE_OLD_FPR ALICE_REVOKED_FPR ALICE_CASE_FPR SOON_FPR EXP_FPR REV_FPR BOB_FPR \
	DAVE_FPR FRANK_FPR CAROL_FPR SMIME_ALICE_FPR SMIME_ALICE_OLD_FPR SMIME_BOB_FPR SMIME_EVE_FPR
"$bin" --tap
