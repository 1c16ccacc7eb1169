#!/bin/sh
# mailsetup export in the test world, checked by the real program: the
# neomutt snippets made from a `mailsetup setup --json` of the demo account
# and from a Claws Mail accountrc (IMAP with STARTTLS, POP3 over TLS) are
# given to Debian's neomutt, which sends through the world's Postfix (the
# message must reach the Dovecot mailbox) and logs in over IMAP and POP3
# (Dovecot's log must show the login, and neomutt the message). The
# password comes from a small script reading a test file: never on a
# command line, never in a snippet. TAP output; needs root, ip netns and
# neomutt (tools/install-deps --tests).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
ms="$top_builddir/plugin/cli/mailsetup"
world="$top_srcdir/tests/world/world"

if [ "$(id -u)" != 0 ]; then echo "1..0 # SKIP needs root (the test world)"; exit 0; fi
for tool in neomutt script ip; do
	command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP $tool missing (tools/install-deps --tests)"; exit 0; }
done

. "$top_srcdir/tests/cli/tap.sh"
W=
cleanup() { [ -n "$W" ] && "$world" down --world "$W" >/dev/null 2>&1; [ -n "${MS_KEEP_TMP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT
W=$("$world" up demo 2>"$tmp/world.err"); rc=$?
if [ "$rc" = 77 ]; then echo "1..0 # SKIP test world unavailable: $(tail -1 "$tmp/world.err")"; exit 0; fi
if [ "$rc" != 0 ]; then echo "1..1"; echo "not ok 1 - world up demo"; sed 's/^/# /' "$tmp/world.err"; exit 1; fi

# tap.sh's check, quiet: what neomutt and grep print here is not TAP.
check() { desc=$1; shift; if "$@" >/dev/null 2>&1; then ok "$desc"; else notok "$desc"; fi; }
wexec() { "$world" exec --world "$W" -- "$@"; }
# logins PROTO PORT USER: how many successful logins Dovecot logged
logins() { "$world" logins --world "$W" | awk -v p="$1" -v port="$2" -v u="$3" \
	'$2 == "ok" && $3 == p && $6 == port && $7 == u' | wc -l; }
# delivered USER SUBJECT: the message is in the user's Maildir (waits 15 s)
delivered() {
	i=0
	while [ $i -lt 30 ]; do
		grep -rqs "^Subject: $2\$" "$W/mail/$1/Maildir/new" "$W/mail/$1/Maildir/cur" && return 0
		sleep 0.5; i=$((i + 1))
	done
	return 1
}
# The world's CA is the test's, not the snippet's business.
ca_opt() { echo "set ssl_ca_certificates_file=$("$world" env --world "$W" | sed -n 's/^export MS_WORLD_CA=//p' | tr -d "'\"")"; }
CA=$(ca_opt)
# nm_send SNIPPET SUBJECT TO: neomutt in batch mode sends a message
nm_send() {
	echo "Sent by neomutt with a snippet of mailsetup export." >"$tmp/body"
	wexec env HOME="$tmp/home" neomutt -n -F "$1" -e "$CA" -e 'set copy=no' -s "$2" "$3" <"$tmp/body" \
		>"$tmp/send.out" 2>&1
}
# nm_open SNIPPET KEYS OUT: neomutt on a pseudo-terminal opens its mailbox,
# then the keys pushed run (at least <quit>)
nm_open() {
	wexec env HOME="$tmp/home" TERM=vt100 COLUMNS=200 LINES=40 timeout 30 \
		script -qec "neomutt -n -F '$1' -e '$CA' -e 'push \"$2\"'" /dev/null >"$3" 2>&1
}

mkdir -p "$tmp/home/Mail/INBOX/new" "$tmp/home/Mail/INBOX/cur" "$tmp/home/Mail/INBOX/tmp" "$tmp/claws" "$tmp/pw"
chmod 700 "$tmp/pw"
printf 'Wonderland-42\n' >"$tmp/pw/alice@demo.test"
printf 'Builder-7\n' >"$tmp/pw/bob@demo.test"
# The password command of the test: the user name in, the password out.
cat >"$tmp/pw/lookup" <<EOS
#!/bin/sh
exec head -n 1 "$tmp/pw/\$1"
EOS
chmod 755 "$tmp/pw/lookup"
pwcmd="$tmp/pw/lookup %u"

# 1. From a verified setup (IMAP 993, SMTP 465: implicit TLS).
wexec "$ms" setup alice@demo.test --password-file "$tmp/pw/alice@demo.test" --json --quiet --send-timeout 20 \
	>"$tmp/setup.json" 2>"$tmp/setup.err"
check "setup alice@demo.test verified" grep -q '"verified" : true' "$tmp/setup.json"
"$ms" export alice@demo.test --from-json "$tmp/setup.json" --password-command "$pwcmd" >"$tmp/json.muttrc" 2>"$tmp/err"
check "export --from-json (exit 0)" test $? = 0
check "json snippet: folder imaps:// with the address percent-encoded" \
	grep -qx 'set folder = "imaps://alice%40demo.test@mail.demo.test:993/"' "$tmp/json.muttrc"
check "json snippet: smtp_url smtps://" grep -qx 'set smtp_url = "smtps://alice%40demo.test@mail.demo.test:465/"' "$tmp/json.muttrc"
check "json snippet: ssl_force_tls" grep -qx 'set ssl_force_tls = yes' "$tmp/json.muttrc"
check "json snippet: spoolfile" grep -qx 'set spoolfile = "+INBOX"' "$tmp/json.muttrc"
check "json snippet: record and postponed" grep -c '^set \(record\|postponed\) = "+' "$tmp/json.muttrc"
check "json snippet: the passwords through the command, user quoted" \
	grep -qx "set imap_pass = \"\`$tmp/pw/lookup 'alice@demo.test'\`\"" "$tmp/json.muttrc"

# 2. From Claws Mail: alice on IMAP 143 + submission 587 (STARTTLS), bob
# on POP3 995 + SMTP 465, and a local account that is not exported.
cat >"$tmp/claws/accountrc" <<'EOS'
[Account: 1]
account_name=Local
protocol=3
address=local@example.org
[Account: 2]
account_name=Alice
name=Alice "Al" Liddell
address=alice@demo.test
protocol=1
receive_server=mail.demo.test
user_id=alice@demo.test
ssl_imap=2
set_imapport=1
imap_port=143
smtp_server=mail.demo.test
ssl_smtp=2
set_smtpport=1
smtp_port=587
use_smtp_auth=1
smtp_user_id=
sent_folder=#imap/Alice/Sent
[Account: 3]
name=Bob
address=bob@demo.test
protocol=0
receive_server=mail.demo.test
user_id=bob@demo.test
ssl_pop=1
set_popport=1
pop_port=995
smtp_server=mail.demo.test
ssl_smtp=1
set_smtpport=1
smtp_port=465
EOS
"$ms" export alice@demo.test --claws-dir "$tmp/claws" --password-command "$pwcmd" >"$tmp/claws.muttrc" 2>"$tmp/err"
check "export --claws-dir alice (exit 0)" test $? = 0
check "claws snippet: imap:// on 143" grep -qx 'set folder = "imap://alice%40demo.test@mail.demo.test:143/"' "$tmp/claws.muttrc"
check "claws snippet: ssl_starttls" grep -qx 'set ssl_starttls = yes' "$tmp/claws.muttrc"
check "claws snippet: smtp:// on 587" grep -qx 'set smtp_url = "smtp://alice%40demo.test@mail.demo.test:587/"' "$tmp/claws.muttrc"
check "claws snippet: the real name quoted" grep -qx 'set realname = "Alice \\"Al\\" Liddell"' "$tmp/claws.muttrc"
check "neomutt reads the real name back as it was" \
	test "$(HOME="$tmp/home" neomutt -n -F "$tmp/claws.muttrc" -Q realname 2>/dev/null)" = 'set real_name = "Alice \"Al\" Liddell"'
check "claws snippet: Claws's Sent folder" grep -qx 'set record = "+Sent"' "$tmp/claws.muttrc"
"$ms" export bob@demo.test --claws-dir "$tmp/claws" --password-command "$pwcmd" >"$tmp/bob.muttrc" 2>"$tmp/err"
check "export --claws-dir bob, POP3 (exit 0)" test $? = 0
check "bob snippet: pop_host pops://" grep -qx 'set pop_host = "pops://bob%40demo.test@mail.demo.test:995/"' "$tmp/bob.muttrc"
"$ms" export local@example.org --claws-dir "$tmp/claws" >"$tmp/out" 2>"$tmp/err"
check "a local Claws account is not exported (exit 4)" test $? = 4
"$ms" export alice@demo.test --format mutt --claws-dir "$tmp/claws" --password-command pass >"$tmp/mutt.muttrc" 2>"$tmp/err"
check "--format mutt: no smtp_user (mutt has none)" not grep -q smtp_user "$tmp/mutt.muttrc"
check "--password-command pass: pass show mail/HOST/USER" \
	grep -qxF "set smtp_pass = \"\`pass show mail/'mail.demo.test'/'alice@demo.test'\`\"" "$tmp/mutt.muttrc"

# 3. neomutt sends with each snippet; Postfix delivers into Dovecot.
s1="json-$$-$(date +%s)"; s2="claws-$$-$(date +%s)"; s3="pop-$$-$(date +%s)"
nm_send "$tmp/json.muttrc" "$s1" alice@demo.test
check "neomutt sends over SMTPS 465 with the setup snippet" test $? = 0
check "  ... and Dovecot has it in alice's mailbox" delivered alice@demo.test "$s1"
nm_send "$tmp/claws.muttrc" "$s2" alice@demo.test
check "neomutt sends over submission 587 (STARTTLS) with the Claws snippet" test $? = 0
check "  ... and Dovecot has it in alice's mailbox" delivered alice@demo.test "$s2"
nm_send "$tmp/bob.muttrc" "$s3" bob@demo.test
check "neomutt sends as bob (SMTPS 465)" test $? = 0
check "  ... and Dovecot has it in bob's mailbox" delivered bob@demo.test "$s3"

# 4. neomutt logs in over IMAP (993, then 143 with STARTTLS) and lists the
# messages it sent; over POP3 it fetches bob's.
before=$(logins imap 993 alice@demo.test)
nm_open "$tmp/json.muttrc" '<quit>' "$tmp/imap993.out"
check "neomutt logs in over IMAPS 993 (Dovecot's log)" test "$(logins imap 993 alice@demo.test)" -gt "$before"
check "  ... and shows the message sent with the setup snippet" grep -q "$s1" "$tmp/imap993.out"
before=$(logins imap 143 alice@demo.test)
nm_open "$tmp/claws.muttrc" '<quit>' "$tmp/imap143.out"
check "neomutt logs in over IMAP 143 with STARTTLS (Dovecot's log)" test "$(logins imap 143 alice@demo.test)" -gt "$before"
check "  ... and shows the message sent with the Claws snippet" grep -q "$s2" "$tmp/imap143.out"
before=$(logins pop3 995 bob@demo.test)
nm_open "$tmp/bob.muttrc" '<fetch-mail><quit>' "$tmp/pop.out"
check "neomutt logs in over POP3S 995 (Dovecot's log)" test "$(logins pop3 995 bob@demo.test)" -gt "$before"
check "  ... and fetched bob's message into ~/Mail/INBOX" grep -rqs "^Subject: $s3\$" "$tmp/home/Mail/INBOX"

# 5. No password anywhere but in the test's own files.
for pw in Wonderland-42 Builder-7; do
	check "no password ($pw) in the snippets, neomutt's output or the setup" \
		not grep -qF -- "$pw" "$tmp"/*.muttrc "$tmp"/*.out "$tmp/setup.json"
done
# Refusals: an unverified setup, a server without TLS.
sed 's/"verified" : true/"verified" : false/' "$tmp/setup.json" >"$tmp/unverified.json"
"$ms" export alice@demo.test --from-json "$tmp/unverified.json" >"$tmp/out" 2>"$tmp/err"
check "an unverified setup is refused (exit 4)" test $? = 4
sed 's/^ssl_imap=2$/ssl_imap=0/' "$tmp/claws/accountrc" >"$tmp/plain-rc" && mkdir -p "$tmp/plain" && mv "$tmp/plain-rc" "$tmp/plain/accountrc"
"$ms" export alice@demo.test --claws-dir "$tmp/plain" >"$tmp/out" 2>"$tmp/err"
check "an account without TLS is refused (exit 3)" test $? = 3
check "  ... and says why" grep -q 'TLS' "$tmp/err"
echo "1..$n"
