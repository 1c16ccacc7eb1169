#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mailsetup check-account without the network: the command line, the exit
# statuses of unreadable configurations, accounts that are not checked
# (TAP). Nothing here connects anywhere: no account it reads has a server.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
. "$top_srcdir/tests/cli/tap.sh"

expect_exit 0 "check-account --help" "$ms" check-account --help
check "--help gives the exit statuses" grep -q '6 weaknesses found' "$tmp/out"
expect_exit 2 "an unknown option" "$ms" check-account --no-such-option
expect_exit 2 "a password without one ADDRESS" "$ms" check-account --claws-dir "$tmp" --password-stdin
expect_exit 2 "both password options" "$ms" check-account --claws-dir "$tmp" --password-stdin \
	--password-file "$tmp/pw" a@example.test

expect_exit 1 "a directory without accountrc" "$ms" check-account --claws-dir "$tmp/nowhere"
check "the message names the directory" grep -q "$tmp/nowhere" "$tmp/err"

mkdir "$tmp/bad"
printf '[Account: 1]\naddress=a@example.test\n[Account: two]\n' >"$tmp/bad/accountrc"
expect_exit 3 "a broken group header" "$ms" check-account --claws-dir "$tmp/bad"
check "the message names the line" grep -q 'line 3' "$tmp/err"
printf 'address=a@example.test\n' >"$tmp/bad/accountrc"
expect_exit 3 "a setting outside any account" "$ms" check-account --claws-dir "$tmp/bad"
$py -c 'import sys; sys.stdout.write("".join("[Account: %d]\nprotocol=3\n" % i for i in range(1, 258)))' \
	>"$tmp/bad/accountrc"
expect_exit 3 "257 accounts (the limit is 256)" "$ms" check-account --claws-dir "$tmp/bad"
check "the message gives the limit" grep -q '256' "$tmp/err"

mkdir "$tmp/local"
printf '[Account: 1]\naccount_name=local\naddress=me@example.test\nprotocol=3\nlocal_mbox=/var/mail/me\n' \
	>"$tmp/local/accountrc"
expect_exit 0 "only a local account: nothing to check" "$ms" check-account --claws-dir "$tmp/local" --json
check "JSON: the account listed, not a server account, no finding" \
	test "$($py -c 'import json,sys; d=json.load(open(sys.argv[1])); a=d["accounts"][0]; print(d["schema"], a["id"], a["incoming"], a["findings"])' "$tmp/out")" \
	= "mailsetup-check-account/1 1 None []"
expect_exit 0 "text output" "$ms" check-account --claws-dir "$tmp/local"
check "text: not checked, said so" grep -q 'Not a mail account' "$tmp/out"
expect_exit 4 "an address of no account" "$ms" check-account --claws-dir "$tmp/local" nobody@example.test
echo "1..$n"
