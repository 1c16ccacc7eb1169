#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "Check my accounts…" (plugin/claws/checkup-dialog.c, checkup-apply.c)
# inside the real Claws Mail, against the real servers of the test world
# (TAP).
#
# Brings up a world (demo, ovh-like), then, inside its client namespace
# and a private D-Bus session: Xvfb and Claws Mail with a configuration as
# users following the hosting guides have them:
#  1. contact@client-ovh.test: IMAP mail.client-ovh.test:993 and SMTP
#     mail.client-ovh.test:587 STARTTLS, with the certificates the servers
#     present (made for ssl0.hebergeur.test) accepted in certs/;
#  2. bob@demo.test: IMAP 143 and SMTP 25 in plain text, no SMTP login;
#  3. alice@demo.test: IMAP 993 and SMTP 465 (clean).
# The accounts are those of tests/checkup/check-account.py, the passwords
# given the old way (password= in accountrc), which Claws moves into its
# password store when it starts. drive.py then opens
# the check-up, checks the findings, Cancel, yes, Undo, yes (see its
# docstring). Then Claws, with the fixed accounts, sends a message from
# each through Postfix (claws-mail --send; it must arrive) and receives
# (claws-mail --online, --receive-all; Dovecot must see the logins on 993 at the
# new hosts).
#
# Environment: top_srcdir, top_builddir (as make check sets them);
# MS_CLAWS_PLUGIN (default: the build tree's); MS_CHECKUP_OUTDIR (logs and
# screenshots; default $top_builddir/tests/claws/checkup/checkup.out).
# Needs root and `ip netns`, claws-mail, Xvfb, dbus, xdotool, dogtail;
# skips without them. About 40 s.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
here="$ms_claws_dir/checkup"
outdir="${MS_CHECKUP_OUTDIR:-$top_builddir/tests/claws/checkup/checkup.out}"

# --- outside: prerequisites, the world, then again inside it ---
if [ -z "${MS_CHECKUP_INNER:-}" ]; then
	ms_need_claws_tools --gui
	command -v openssl >/dev/null 2>&1 || skip "openssl not installed (tools/install-deps --tests)"
	ms_world_up checkup demo ovh-like
	ms_world_inner MS_CHECKUP "$@"
	ms_world_done
fi

# --- inside the world's client namespace and the session bus ---
ms_inner_begin MS_CHECKUP
cfg=$tmp/cfg
ms_keep() {
	cp "$tmp/claws.out" "$cfg/claws.log" "$cfg/accountrc" "$tmp/drive.out" "$tmp/drive.err" "$tmp/remote.out" \
		"$outdir/" 2>/dev/null
}

echo "# plugin: $plugin"
echo "# world: $W; logs and screenshots: $outdir"

# Offline while the check-up runs (the plugin's probes do not care): an
# online Claws would connect to the plain-text account at once and ask
# about certificates in modal windows. It goes online to send and receive.
ms_seed_config "$cfg" "$plugin" \
	-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0/'
mkdir -p "$cfg/certs"
ms_seed_home "$tmp/home"
mkdir -p "$HOME/Mail/inbox" "$HOME/Mail/sent" "$HOME/Mail/queue" "$HOME/Mail/trash" "$HOME/Mail/draft"
# The accounts' IMAP folders as Claws keeps them (without them, Claws
# would make them at start-up, connecting to each server).
{
	sed '/^<\/folderlist>/d' "$ms_claws_dir/seed/folderlist.xml"
	for a in "1 contact@client-ovh.test" "2 bob@demo.test" "3 Alice at home"; do
		printf '    <folder type="imap" name="%s" account_id="%s" collapsed="0">\n' "${a#* }" "${a%% *}"
		printf '        <folderitem type="inbox" name="INBOX" path="INBOX"/>\n    </folder>\n'
	done
	echo '</folderlist>'
} >"$cfg/folderlist.xml"
(umask 077; "$ms_python" "$top_srcdir/tests/checkup/check-account.py" --print-accountrc >"$cfg/accountrc") \
	|| { echo "Bail out! could not write accountrc"; exit 1; }
# The certificates the servers present, stored as Claws stores accepted ones.
cert() {	# cert HOST:PORT FILE [STARTTLS-PROTOCOL]
	openssl s_client ${3:+-starttls $3} -connect "$1" </dev/null 2>/dev/null | openssl x509 -outform DER >"$cfg/certs/$2"
	[ -s "$cfg/certs/$2" ]
}
cert mail.client-ovh.test:993 mail.client-ovh.test.993.cert && cert mail.client-ovh.test:587 \
	mail.client-ovh.test.587.cert smtp && cert mail.demo.test:993 mail.demo.test.993.cert \
	|| { echo "Bail out! could not fetch the servers' certificates"; exit 1; }
ms_xvfb_start "$tmp" -screen 0 1280x900x24 -noreset
ms_atspi_display

start=$(date +%s)
ms_claws_up "$cfg" "$tmp/claws.out" "Claws loaded the plugin" || exit 1
check "Claws moved the passwords into its password store" grep -qx '\[account:3\]' "$cfg/passwordstorerc"

MS_CHECKUP_OUTDIR="$outdir" MS_CLAWS_CFG="$cfg" \
	ms_drive "$tmp" 200 "$here/drive.py"

# --- Claws sends and receives with the fixed accounts ---
remote() { timeout 60 claws-mail --alternate-config-dir "$cfg" "$@" >>"$tmp/remote.out" 2>&1; }
queue() {	# queue FILE ACCOUNT-ID FROM SMTP-HOST SUBJECT: as compose.c queues it
	cat >"$tmp/home/Mail/queue/$1" <<EOF
S:$3
SSV:$4
R:<$3>
MAID:$2
X-Claws-End-Special-Headers: 1
Date: $(date -R)
From: <$3>
To: $3
Subject: $5
Message-ID: <$5@mailsetup.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=US-ASCII

Sent by claws-mail --send with an account the check-up made secure.
EOF
}
arrived() {	# arrived ADDRESS SUBJECT: within 15 s
	for _ in $(seq 1 150); do
		grep -rlqF "Subject: $2" "$W/mail/$1/Maildir/new" "$W/mail/$1/Maildir/cur" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
logins() {	# logins PORT USER: successful logins
	"$top_srcdir/tests/world/world" logins --world "$W" 2>/dev/null | grep -c " ok [a-z0-9]* .* $1 $2 "
}
wait_login() {	# wait_login PORT USER COUNT
	for _ in $(seq 1 150); do [ "$(logins "$1" "$2")" -ge "$3" ] && return 0; sleep 0.1; done
	return 1
}
remote --online
queue 1 1 contact@client-ovh.test ssl0.hebergeur.test "checkup-ovh-$$"
queue 2 2 bob@demo.test mail.demo.test "checkup-bob-$$"
remote --send
check "claws-mail --send: the OVH-like account sends through ssl0.hebergeur.test:465 (TLS, login), it arrives" \
	arrived contact@client-ovh.test "checkup-ovh-$$"
check "claws-mail --send: the fixed plain-text account sends through 465 with a login, it arrives" \
	arrived bob@demo.test "checkup-bob-$$"
ovh0=$(logins 993 contact@client-ovh.test) bob0=$(logins 993 bob@demo.test)
remote --receive-all
check "claws-mail --receive-all: Claws logs in to IMAP 993 as contact@client-ovh.test" \
	wait_login 993 contact@client-ovh.test $((ovh0 + 1))
check "claws-mail --receive-all: Claws logs in to IMAP 993 as bob@demo.test" \
	wait_login 993 bob@demo.test $((bob0 + 1))
# Claws's own log says where it connected: the fixed settings.
claws_went() { grep -qF "Account '$1': Connecting to $2 server: $3..." "$cfg/claws.log"; }
check "Claws's log: contact@client-ovh.test sent through ssl0.hebergeur.test:465" \
	claws_went contact@client-ovh.test SMTP ssl0.hebergeur.test:465
check "Claws's log: bob@demo.test sent through mail.demo.test:465" claws_went bob@demo.test SMTP mail.demo.test:465
check "Claws's log: contact@client-ovh.test received from ssl0.hebergeur.test:993" \
	claws_went contact@client-ovh.test IMAP ssl0.hebergeur.test:993
check "Claws's log: bob@demo.test received from mail.demo.test:993" claws_went bob@demo.test IMAP mail.demo.test:993
check "Claws's log: no connection to mail.client-ovh.test, nor to port 143 or 25, after the fix" \
	sh -c "! grep -E 'Connecting to .* server: (mail\.client-ovh\.test:|.*:(143|25)\.\.\.)' '$cfg/claws.log'"
"$top_srcdir/tests/world/world" logins --world "$W" >"$outdir/logins.txt" 2>&1
check "no login by Claws on a plain-text port (143, 110) after the fix" \
	sh -c "! grep -E ' ok .* (143|110) (bob|contact)' '$outdir/logins.txt'"

ms_claws_quit
check "after Claws quit, accountrc still has the secure settings" \
	sh -c "grep -qx 'receive_server=ssl0.hebergeur.test' '$cfg/accountrc' && ! grep -qx 'ssl_imap=0' '$cfg/accountrc'"
ms_check_claws_output "$tmp/claws.out"
echo "# whole run in Claws: $(($(date +%s) - start)) s"
exit 0
