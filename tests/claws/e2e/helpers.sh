# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers of tests/claws/e2e/e2e.sh (sourced, after tests/claws/lib.sh),
# which lib.sh does not have: hashing Claws's config dir, reading accountrc,
# Claws's remote commands, its queue, and what the world's servers saw.
# Uses $tmp, $cfg, $W, $world, $HOME and $tmp/patterns (the password's
# forms) of the caller.

# snapshot NAME: every path of the config dir with each file's hash, in
# $tmp/snap-NAME (Claws's own log, written all the time, left out).
snapshot() {
	(cd "$cfg" && find . -mindepth 1 ! -path ./claws.log ! -path ./claws.log.bak -printf '%y %p\n' |
		sort -k 2 | while read -r type path; do
			if [ "$type" = f ]; then echo "$({ sha256sum <"$path"; } 2>/dev/null | cut -c 1-64) $path"
			else echo "$type $path"; fi
		done) >"$tmp/snap-$1"
}
# settled NAME: a snapshot of a quiet config dir (Claws goes on writing
# its caches a while): two snapshots half a second apart the same, within
# 10 s.
settled() {
	for _ in $(seq 1 20); do
		snapshot "$1"; sleep 0.5; snapshot "$1.again"
		cmp -s "$tmp/snap-$1" "$tmp/snap-$1.again" && { rm -f "$tmp/snap-$1.again"; return 0; }
	done
	return 1
}
# (changed, only_in and field: tests/claws/lib.sh.)

# account_id ADDRESS: the ids of the accounts with that address.
account_id() {
	awk -v a="address=$1" '/^\[Account: / { id = substr($2, 1, length($2) - 1) } $0 == a { print id }' \
		"$cfg/accountrc" | tr '\n' ' ' | sed 's/ $//'
}
# seed_kept SEED: every KEY=VALUE of the seed's one account is in the
# block of accountrc with the same id (Claws adds every other field at exit).
seed_kept() {
	sid=$(sed -n 's/^\[Account: \([0-9]*\)\]$/\1/p' "$1")
	sed -n '/=/p' "$1" | while IFS= read -r kv; do
		[ "$(field "$sid" "${kv%%=*}")" = "${kv#*=}" ] || { echo "changed: $kv"; exit 1; }
	done
}
# no_password WHEN: the password, clear or base64, in no file of the config
# dir, HOME, Claws's outputs or the driver's (taps).
no_password() {
	leaks=$(grep -rlF -f "$tmp/patterns" "$cfg" "$HOME" "$tmp"/claws-*.out "$tmp"/drive-*.out "$tmp"/drive-*.err \
		"$tmp/remote.out" 2>/dev/null)
	tap "$(truth [ -z "$leaks" ])" "$1: the password is nowhere in clear or base64 (config, Mail, outputs, Claws's log)"
	for f in $leaks; do echo "#   found in ${f#$tmp/}"; done
}

# remote ARG…: a command to the running Claws (its remote-control socket).
remote() {
	timeout 60 claws-mail --alternate-config-dir "$cfg" "$@" >>"$tmp/remote.out" 2>&1
}
# queue FILE ACCOUNT-ID ADDRESS NAME SMTP-HOST SUBJECT: a message from
# ADDRESS to itself in Claws's queue, as compose.c queues it.
queue() {
	cat >"$1" <<EOF
S:$3
SSV:$5
R:<$3>
MAID:$2
X-Claws-End-Special-Headers: 1
Date: $(date -R)
From: $4 <$3>
To: $3
Subject: $6
Message-ID: <$6@mailsetup.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=US-ASCII

Sent by claws-mail --send with the account the assistant wrote.
EOF
}
# in_maildir ADDRESS SUBJECT: the message in the world's Maildir, within 15 s.
in_maildir() {
	for _ in $(seq 1 150); do
		grep -rlqF "Subject: $2" "$W/mail/$1/Maildir/new" "$W/mail/$1/Maildir/cur" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# logins SERVICE PORT USER: successful logins of USER (Dovecot's auth
# events: IMAP, POP3, and Postfix's SMTP AUTH through it, whose port is
# "-": Postfix does not pass it).
logins() {
	"$world" logins --world "$W" 2>/dev/null | grep -c "^[^ ]* ok $1 [^ ]* [^ ]* $2 $3 "
}
failed_logins() {	# failed_logins USER
	"$world" logins --world "$W" --failed 2>/dev/null | grep -c " $1 "
}
wait_login() {	# wait_login SERVICE PORT USER COUNT: at least COUNT logins, within 15 s
	for _ in $(seq 1 60); do [ "$(logins "$1" "$2" "$3")" -ge "$4" ] && return 0; sleep 0.25; done
	return 1
}
# claws_went ACCOUNT PROTOCOL HOST:PORT: Claws's log says it connected there.
claws_went() {
	for _ in $(seq 1 50); do
		grep -qF "Account '$1': Connecting to $2 server: $3..." "$cfg/claws.log" && return 0
		sleep 0.1
	done
	return 1
}
