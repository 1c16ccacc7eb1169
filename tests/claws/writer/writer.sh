#!/bin/sh
# plugin/claws/account-writer.c inside the real Claws Mail, in the test
# world (TAP).
#
# A test-only plugin (writer-test.c, built by make check) takes commands
# from files, so the configuration can be looked at between them while
# Claws runs. Claws runs inside the world's client namespace (world exec),
# under Xvfb, with a throwaway --alternate-config-dir seeded like
# tests/claws/seed. Three Claws sessions:
#
#  A. alice@demo.test written (IMAP 993 and SMTP 465, implicit TLS):
#     every accountrc field, the IMAP folder in folderlist.xml, the password
#     store (encrypted, salt saved in clawsrc), no password in clear
#     anywhere, no other file changed (hashes before and after); then
#     writes made to fail (a directory where Claws writes folderlist.xml.tmp,
#     then accountrc.tmp; an OAuth2 provider Claws does not know): the
#     configuration is byte for byte as before, and stays so when Claws
#     quits (nothing left in its memory);
#  B. Claws restarted (all from disk): the account is found, the password
#     store decrypts to the password; claws-mail --send sends a queued
#     message through the world's Postfix (465, AUTH) and it arrives in
#     alice's Maildir; --receive-all logs in to Dovecot (993) and fetches
#     it; the same address written again with update_id (IMAP 143 and SMTP
#     587, STARTTLS): same id, still one account, its folder kept;
#  C. restarted again: --send through 587 STARTTLS arrives (to alice and
#     bob); a POP3 account written for bob (995); --receive-all logs in on
#     IMAP 143 STARTTLS and POP3 995, and bob's copy lands in Claws's inbox;
#     an OAuth2 account (Google) is written with OAuth2 for receiving and
#     sending and no password.
#
# Environment: top_srcdir, top_builddir (as make check sets them);
# MS_WRITER_PLUGIN (default: the build tree's test plugin); MS_WRITER_OUTDIR
# (logs; default $top_builddir/tests/claws/writer/writer.out).
# Skips (1..0 # SKIP) without root, Xvfb, claws-mail or the world's servers.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
expected="$top_srcdir/tests/world/scenarios/demo/expected"
plugin="${MS_WRITER_PLUGIN:-$top_builddir/tests/claws/writer/.libs/writer-test.so}"
outdir="${MS_WRITER_OUTDIR:-$top_builddir/tests/claws/writer/writer.out}"

[ "$(id -u)" = 0 ] || skip "needs root (the test world's network namespaces)"
ms_need_claws_tools
for tool in ip sha256sum timeout; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-writer.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
case $tmp in *[[:space:]]*) rm -rf "$tmp"; skip "TMPDIR has a space" ;; esac
W=''
cleanup() {
	ms_claws_kill
	ms_xvfb_stop
	[ -n "$W" ] && "$world" down --world "$W" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

finish() {
	mkdir -p "$outdir" 2>/dev/null && cp "$tmp"/claws-*.out "$tmp"/results "$outdir/" 2>/dev/null
	cp "$cfg/claws.log" "$outdir/" 2>/dev/null
	echo "# whole run: $(($(date +%s) - start)) s; logs in $outdir"
	echo "1..$n"
	exit 0
}

start=$(date +%s)
W=$("$world" up demo 2>"$tmp/world.log")
case $? in
0) ;;
77) W=''; skip "test world unavailable: $(tail -1 "$tmp/world.log")" ;;
*) W=''; echo "Bail out! the test world did not start: $(tail -3 "$tmp/world.log")"; exit 1 ;;
esac
echo "# world $W up in $(($(date +%s) - start)) s"

# --- the demo's facts: alice's password and servers
fact() { awk -v a="$1" -v k="$2" -v p="$3" '$1 == a && $2 == k && $3 == p { print $4, $5, $6; exit }' "$expected"; }
password=$(awk '$1 == "alice@demo.test" && $2 == "password" { print $3 }' "$expected")
set -- $(fact alice@demo.test incoming imap); imap_host=$1
set -- $(fact alice@demo.test outgoing smtp)
[ -n "$password" ] && [ "$imap_host" = mail.demo.test ] && [ "$1" = mail.demo.test ] \
	|| { echo "Bail out! unexpected facts in $expected"; exit 1; }
claws_version=$(sed -n 's/^#define CLAWS_CONFIG_VERSION[ 	]*//p' \
	"$(pkg-config --variable=includedir claws-mail 2>/dev/null || echo /usr/include)/claws-mail/prefs_common.h" 2>/dev/null)

cfg=$tmp/cfg home=$tmp/home ctl=$tmp/ctl
mkdir -p "$cfg" "$ctl" "$tmp/run" "$home/Mail/inbox" "$home/Mail/sent" "$home/Mail/queue" \
	"$home/Mail/trash" "$home/Mail/draft"
chmod 700 "$tmp/run"
(umask 077; printf "%s\n" "$password" >"$tmp/alice.pw"
	awk '$1 == "bob@demo.test" && $2 == "password" { print $3 }' "$expected" >"$tmp/bob.pw")
spec() {	# spec FILE ADDRESS NAME INCOMING OUTGOING PASSWORD_FILE [KEY=VALUE…]
	file=$1; address=$2; name=$3; incoming=$4; outgoing=$5; pw=$6; shift 6
	{
		echo "[account]"
		echo "address=$address"
		echo "full_name=$name"
		echo "incoming=$incoming"
		echo "outgoing=$outgoing"
		echo "username=$address"
		[ -n "$pw" ] && echo "password_file=$pw"
		for kv in "$@"; do echo "$kv"; done
	} >"$tmp/$file"
}
spec alice.spec alice@demo.test "Alice Liddell" imap:mail.demo.test:993:tls smtp:mail.demo.test:465:tls "$tmp/alice.pw"
spec alice-starttls.spec alice@demo.test "Alice Liddell" imap:mail.demo.test:143:starttls \
	smtp:mail.demo.test:587:starttls "$tmp/alice.pw"
spec bob.spec bob@demo.test "Bob" imap:mail.demo.test:993:tls smtp:mail.demo.test:465:tls "$tmp/bob.pw"
spec bob-pop.spec bob@demo.test "Bob" pop3:mail.demo.test:995:tls smtp:mail.demo.test:465:tls "$tmp/bob.pw"
spec carol.spec carol@example.org "Carol" imap:imap.gmail.com:993:tls smtp:smtp.gmail.com:465:tls "" \
	oauth2_issuer=accounts.google.com
spec dave.spec dave@example.org "Dave" imap:imap.example.org:993:tls smtp:smtp.example.org:465:tls "" \
	oauth2_issuer=login.example.net

# Claws's config, as tests/claws/seed (one local account, no first-run
# questions) but online, without error dialogs, and with the test plugin.
ms_seed_config "$cfg" "$plugin" -e 's/^work_offline=1$/work_offline=0/' \
	-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0/'

# -noreset: Xvfb resets when its last client leaves, and the next Claws
# could connect in the middle of it.
ms_xvfb_start "$tmp" -screen 0 1024x768x24 -noreset

# Claws in the world's client namespace; the X socket crosses (/tmp is
# shared); XDG_RUNTIME_DIR keeps its remote-control socket ours. (Words
# split on purpose: $tmp has no spaces, checked above.)
claws_env="HOME=$home DISPLAY=$ms_display NO_AT_BRIDGE=1 XDG_RUNTIME_DIR=$tmp/run MS_WRITER_CONTROL=$ctl LANGUAGE= LC_ALL=C.UTF-8"
start_claws() {	# start_claws SESSION
	rm -f "$ctl/ready" "$ctl/result"
	# world exec, ip netns exec and env all exec: $! is Claws.
	"$world" exec --world "$W" -- env $claws_env \
		claws-mail --alternate-config-dir "$cfg" --debug </dev/null >"$tmp/claws-$1.out" 2>&1 &
	claws_pid=$!
	for _ in $(seq 1 300); do
		[ -f "$ctl/ready" ] && return 0
		kill -0 "$claws_pid" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}
stop_claws() {	# SIGTERM is Claws's clean quit; sets $status to its exit status
	kill -TERM "$claws_pid" 2>/dev/null
	for _ in $(seq 1 150); do kill -0 "$claws_pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$claws_pid" 2>/dev/null && kill -KILL "$claws_pid"
	wait "$claws_pid"
	status=$?
	claws_pid=''
}
remote() {
	timeout 30 "$world" exec --world "$W" -- env $claws_env \
		claws-mail --alternate-config-dir "$cfg" "$@" >>"$tmp/remote.out" 2>&1
}
# One command to the test plugin; prints its answer.
cmd() {
	printf '%s\n' "$*" >"$ctl/cmd.tmp" && mv "$ctl/cmd.tmp" "$ctl/cmd"
	for _ in $(seq 1 600); do
		if [ -f "$ctl/result" ]; then
			cat "$ctl/result"; echo "$* -> $(cat "$ctl/result")" >>"$tmp/results"
			rm -f "$ctl/result"; return 0
		fi
		sleep 0.05
	done
	echo "no answer"
}
# Every path of the config dir, with each file's hash (Claws's own log,
# written all the time, left out).
snapshot() {
	(cd "$cfg" && find . -mindepth 1 ! -path ./claws.log -printf '%y %p\n' | sort -k 2 |
		while read -r type path; do
			if [ "$type" = f ]; then echo "$({ sha256sum <"$path"; } 2>/dev/null | cut -c 1-64) $path"
			else echo "$type $path"; fi
		done) >"$tmp/snap-$1"
}
# After receiving, Claws goes on writing its caches a while: wait (up to
# 10 s) until two snapshots half a second apart are the same.
settled() {	# settled NAME: a snapshot of a quiet config dir
	for _ in $(seq 1 20); do
		snapshot "$1"; sleep 0.5; snapshot "$1.again"
		cmp -s "$tmp/snap-$1" "$tmp/snap-$1.again" && return 0
	done
	return 1
}
# (changed, only_in and field: tests/claws/lib.sh.)
# (The passwords as patterns from their files: never on a command line.)
no_password_anywhere() { ! grep -rqF -f "$tmp/alice.pw" -f "$tmp/bob.pw" "$cfg"; }
in_maildir() {	# in_maildir SUBJECT: within 15 s
	for _ in $(seq 1 150); do
		grep -rlqF "Subject: $1" "$W/mail/alice@demo.test/Maildir/new" "$W/mail/alice@demo.test/Maildir/cur" \
			2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
logins() {	# logins PORT [USER]: successful logins of USER (alice) on PORT
	"$world" logins --world "$W" 2>/dev/null | grep -c " ok [a-z0-9]* .* $1 ${2:-alice@demo.test} "
}
wait_login() {	# wait_login PORT COUNT [USER]: at least COUNT logins within 15 s
	for _ in $(seq 1 150); do [ "$(logins "$1" "${3:-}")" -ge "$2" ] && return 0; sleep 0.1; done
	return 1
}
queue() {	# queue N SUBJECT [TO]: a message from alice in Claws's queue, as compose.c queues it
	to=${3:-alice@demo.test}
	cat >"$home/Mail/queue/$1" <<EOF
S:alice@demo.test
SSV:mail.demo.test
R:<$(echo "$to" | sed 's/,/>,</g')>
MAID:$id
X-Claws-End-Special-Headers: 1
Date: $(date -R)
From: Alice Liddell <alice@demo.test>
To: $to
Subject: $2
Message-ID: <$2@demo.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=US-ASCII

Sent by claws-mail --send with the account account-writer.c wrote.
EOF
}

bail_claws() {	# bail_claws SESSION
	echo "# Claws output:"; tail -20 "$tmp/claws-$1.out" | sed 's/^/#   /'
	mkdir -p "$outdir" 2>/dev/null && cp "$tmp"/claws-*.out "$outdir/" 2>/dev/null
	echo "Bail out! Claws did not start with the test plugin (session $1)"
	exit 1
}

# ===== A. the account written, and writes that fail
snapshot seed
start_claws A || bail_claws A
echo "# Claws up in $(($(date +%s) - start)) s"
snapshot A0
echo "# Claws itself, starting, changed: $(changed seed A0)"
is "$(cmd find alice@demo.test)" "id=-1" "no account for alice@demo.test before"
answer=$(cmd write -1 "$tmp/alice.spec")
id=${answer#ok id=}
is "${answer%%=*}" "ok id" "alice@demo.test written ($answer)"
snapshot A1
allowed="accountrc accountrc.bak clawsrc clawsrc.bak folderlist.xml folderlist.xml.bak passwordstorerc passwordstorerc.bak"
changes=$(changed A0 A1)
check "only accountrc, folderlist.xml, passwordstorerc, clawsrc (and Claws's .bak of each) changed: $changes" \
	only_in "$changes" "$allowed"
check "accountrc, folderlist.xml, passwordstorerc and clawsrc all changed" \
	only_in "accountrc folderlist.xml passwordstorerc clawsrc" "$changes"
is "$(cmd find alice@Demo.TEST)" "id=$id" "found again by address, the domain in another case"
is "$(cmd find Alice@demo.test)" "id=-1" "not found with another local part"

for kv in account_name=alice@demo.test "name=Alice Liddell" address=alice@demo.test \
	protocol=1 receive_server=mail.demo.test user_id=alice@demo.test \
	ssl_imap=1 set_imapport=1 imap_port=993 imap_auth_method=0 \
	smtp_server=mail.demo.test ssl_smtp=1 set_smtpport=1 smtp_port=465 \
	use_smtp_auth=1 smtp_auth_method=0 smtp_user_id=alice@demo.test \
	ssl_certs_auto_accept=1 use_tls_sni=1 oauth2_auth_provider=0 \
	"config_version=${claws_version:-4}"; do
	is "$(field "$id" "${kv%%=*}")" "${kv#*=}" "accountrc: ${kv%%=*}=${kv#*=}"
done
check "accountrc: no password lines" sh -c "! grep -qE '^(smtp_)?password=' '$cfg/accountrc'"
check "folderlist.xml: an IMAP folder named alice@demo.test for account $id" \
	grep -qE "<folder type=\"imap\".* account_id=\"$id\".*name=\"alice@demo.test\"" "$cfg/folderlist.xml"
check "folderlist.xml: the IMAP folder has INBOX" grep -qE 'type="inbox".*name="INBOX"|name="INBOX".*type="inbox"' "$cfg/folderlist.xml"
check "passwordstorerc: encrypted receive and send passwords for account $id" \
	sh -c "grep -A2 -Fx '[account:$id]' '$cfg/passwordstorerc' | grep -q '^recv {AES-256-CBC,' &&
	       grep -A2 -Fx '[account:$id]' '$cfg/passwordstorerc' | grep -q '^send {AES-256-CBC,'"
check "clawsrc: the password store's salt saved" grep -q '^master_passphrase_salt=.' "$cfg/clawsrc"
check "clawsrc: nothing else changed" \
	sh -c "diff '$cfg/clawsrc.bak' '$cfg/clawsrc' | grep '^[<>]' | grep -qv '^> master_passphrase_salt=' && exit 1 || exit 0"
check "no password in clear anywhere in the config dir" no_password_anywhere
is "$(cmd password "$id" "$tmp/alice.pw")" "recv=match send=match" "the password store gives the password back"
is "$(cmd count alice@demo.test)" "count=1 total=2" "one account for alice, two in all"

# Writes that fail: Claws cannot write folderlist.xml (a directory where
# its temporary file goes), then accountrc; then an OAuth2 provider Claws
# does not know. The configuration must be as before, byte for byte.
for target in folderlist.xml accountrc; do
	mkdir "$cfg/$target.tmp"
	snapshot B0
	answer=$(cmd write -1 "$tmp/bob.spec")
	snapshot B1
	case $answer in error\ domain=g-file-error-quark*"$target"*) r=0 ;; *) r=1 ;; esac
	tap $r "write failing on $target reports it (${answer%% message=*})"
	is "$(changed B0 B1)" "" "after the failed write ($target), the config dir is byte for byte as before"
	is "$(cmd count bob@demo.test)" "count=0 total=2" "no account left in Claws's list ($target)"
	rmdir "$cfg/$target.tmp"
done
snapshot B0
answer=$(cmd write -1 "$tmp/dave.spec")
snapshot B1
case $answer in "error domain=ms-error-quark code=0 "*login.example.net*) r=0 ;; *) r=1 ;; esac
tap $r "an OAuth2 provider Claws does not know is refused (${answer%% message=*})"
is "$(changed B0 B1)" "" "after the refused OAuth2 account, the config dir is as before"

stop_claws
is "$status" 0 "Claws quit cleanly (session A)"
check "after Claws quit: no trace of the failed writes in accountrc, folderlist.xml, passwordstorerc" \
	sh -c "! grep -q bob@demo.test '$cfg/accountrc' '$cfg/folderlist.xml' &&
	       ! grep -qFx '[account:$((id + 1))]' '$cfg/passwordstorerc'"

# ===== B. from disk: the password store, sending, receiving, an update
start_claws B || bail_claws B
is "$(cmd find alice@demo.test)" "id=$id" "after a restart, the account is found (id $id)"
is "$(cmd password "$id" "$tmp/alice.pw")" "recv=match send=match" \
	"after a restart, the password store decrypts to the password (salt read from clawsrc)"
subject="writer-465-$$"
queue 1 "$subject"
remote --send
check "claws-mail --send (SMTP 465, implicit TLS, AUTH): the message arrives in alice's Maildir" in_maildir "$subject"
subject_465=$subject
before=$(logins 993)
remote --receive-all
check "claws-mail --receive-all: Claws logs in to IMAP 993 (implicit TLS) with the stored password" \
	wait_login 993 $((before + 1))

settled C0
is "$(cmd write "$id" "$tmp/alice-starttls.spec")" "ok id=$id" "the same address written again with update_id: same id"
snapshot C1
changes=$(changed C0 C1)
check "the update changed only accountrc and passwordstorerc (and their .bak): $changes" \
	only_in "$changes" "accountrc accountrc.bak passwordstorerc passwordstorerc.bak"
is "$(cmd count alice@demo.test)" "count=1 total=2" "still one account for alice"
is "$(grep -c '^\[Account: ' "$cfg/accountrc")" 2 "still two accounts in accountrc"
is "$(grep -c "account_id=\"$id\"" "$cfg/folderlist.xml")" 1 "the account's folder kept, not doubled"
for kv in ssl_imap=2 imap_port=143 ssl_smtp=2 smtp_port=587 account_name=alice@demo.test; do
	is "$(field "$id" "${kv%%=*}")" "${kv#*=}" "after the update: ${kv%%=*}=${kv#*=}"
done
stop_claws
is "$status" 0 "Claws quit cleanly (session B)"
check "the message received is in Claws's IMAP cache (written when Claws quits)" \
	grep -rqaF "$subject_465" "$cfg/imapcache"

# ===== C. STARTTLS both ways, from disk; an OAuth2 account
start_claws C || bail_claws C
subject="writer-587-$$"
queue 2 "$subject" alice@demo.test,bob@demo.test
remote --send
check "claws-mail --send (SMTP 587, STARTTLS, AUTH): the message arrives in alice's Maildir" in_maildir "$subject"

# A POP3 account (bob, 995 implicit TLS): its mail lands in Claws's inbox.
answer=$(cmd write -1 "$tmp/bob-pop.spec")
pop_id=${answer#ok id=}
is "${answer%%=*}" "ok id" "a POP3 account written ($answer)"
for kv in protocol=0 receive_server=mail.demo.test user_id=bob@demo.test ssl_pop=1 set_popport=1 \
	pop_port=995 use_pop_auth=0 inbox=#mh/Mailbox/inbox ssl_smtp=1 smtp_port=465 \
	smtp_user_id=bob@demo.test ssl_certs_auto_accept=1; do
	is "$(field "$pop_id" "${kv%%=*}")" "${kv#*=}" "POP3 account: ${kv%%=*}=${kv#*=}"
done
check "POP3 account: no folder of its own in folderlist.xml" \
	sh -c "! grep -q 'account_id=\"$pop_id\"' '$cfg/folderlist.xml'"
before=$(logins 143)
remote --receive-all
check "claws-mail --receive-all: Claws logs in to IMAP 143 (STARTTLS)" wait_login 143 $((before + 1))
check "claws-mail --receive-all: Claws logs in to POP3 995 as bob" wait_login 995 1 bob@demo.test
in_inbox() {
	for _ in $(seq 1 150); do
		grep -rlqF "Subject: $subject" "$home/Mail/inbox" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
check "claws-mail --receive-all: bob's copy of the message is in Claws's inbox (POP3)" in_inbox

settled D0
answer=$(cmd write -1 "$tmp/carol.spec")
oauth_id=${answer#ok id=}
is "${answer%%=*}" "ok id" "an OAuth2 account (Google) written ($answer)"
snapshot D1
changes=$(changed D0 D1)
check "the OAuth2 account changed only accountrc, folderlist.xml, passwordstorerc (and .bak): $changes" \
	only_in "$changes" "accountrc accountrc.bak folderlist.xml folderlist.xml.bak passwordstorerc passwordstorerc.bak"
for kv in oauth2_auth_provider=1 imap_auth_method=256 use_smtp_auth=1 smtp_auth_method=32 \
	user_id=carol@example.org ssl_imap=1 imap_port=993; do
	is "$(field "$oauth_id" "${kv%%=*}")" "${kv#*=}" "OAuth2 account: ${kv%%=*}=${kv#*=}"
done
check "OAuth2 account: no password in the password store" \
	sh -c "! grep -qFx '[account:$oauth_id]' '$cfg/passwordstorerc'"
stop_claws
is "$status" 0 "Claws quit cleanly (session C)"
check "no password in clear anywhere in the config dir, after three sessions" no_password_anywhere
# Claws's first POP3 receive in a new config, making its processing folder,
# asserts in GLib; also with a POP3 account written by hand, no plugin.
criticals=$(cat "$tmp"/claws-*.out | grep -E 'CRITICAL|Segmentation fault|crashed' |
	grep -vF "g_node_insert_before: assertion 'G_NODE_IS_ROOT (node)' failed")
is "$criticals" "" "no CRITICAL (but Claws's own on its first POP3 receive) and no crash in Claws's output"
finish
