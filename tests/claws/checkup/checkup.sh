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
here="$top_srcdir/tests/claws/checkup"
seed="$top_srcdir/tests/claws/seed"
world="$top_srcdir/tests/world/world"
plugin="${MS_CLAWS_PLUGIN:-$top_builddir/plugin/claws/.libs/mailsetup.so}"
outdir="${MS_CHECKUP_OUTDIR:-$top_builddir/tests/claws/checkup/checkup.out}"
python=/usr/bin/python3	# Debian's, which has dogtail

skip() { echo "1..0 # SKIP $*"; exit 0; }

# --- outside: prerequisites, the world, then again inside it ---
if [ -z "${MS_CHECKUP_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || skip "not root (the test world needs network namespaces)"
	command -v ip >/dev/null 2>&1 || skip "ip (iproute2) not installed"
	[ -f "$plugin" ] || skip "plugin not built ($plugin)"
	for tool in claws-mail Xvfb dbus-run-session dbus-update-activation-environment xdotool openssl; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	"$python" -c 'import dogtail, pyatspi' 2>/dev/null \
		|| skip "dogtail not installed for $python (tools/install-deps --tests)"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-checkup.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
	case $tmp in *[[:space:]]*) rm -rf "$tmp"; skip "TMPDIR has a space" ;; esac
	W=''
	cleanup() {
		[ -n "$W" ] && "$world" down --world "$W" >/dev/null 2>&1
		rm -rf "$tmp" "/tmp/dogtail-${tmp##*/}"
	}
	trap cleanup EXIT
	trap 'exit 1' INT TERM HUP
	W=$("$world" up demo ovh-like 2>"$tmp/world-up.log")
	rc=$?
	[ $rc = 77 ] && { W=''; skip "the test world cannot run here: $(tail -1 "$tmp/world-up.log")"; }
	if [ $rc != 0 ] || [ -z "$W" ]; then
		echo "Bail out! world up failed ($rc): $(tail -3 "$tmp/world-up.log")"
		W=''
		exit 1
	fi
	mkdir -p "$outdir" 2>/dev/null || outdir=$tmp/out
	mkdir -p "$outdir"
	rm -f "$outdir"/*.png
	MS_CHECKUP_INNER=1 MS_CHECKUP_TMP="$tmp" MS_CHECKUP_OUTDIR="$outdir" MS_CHECKUP_WORLD="$W" \
		"$world" exec --world "$W" -- dbus-run-session -- /bin/sh "$0" "$@" \
		5>&1 6>&2 >/dev/null 2>&1
	status=$?
	n=$(cat "$tmp/n" 2>/dev/null || echo 0)
	echo "1..$n"
	exit $status
fi

# --- inside the world's client namespace and the session bus ---
exec 1>&5 2>&6 5>&- 6>&-
tmp=$MS_CHECKUP_TMP
outdir=$MS_CHECKUP_OUTDIR
W=$MS_CHECKUP_WORLD
cfg=$tmp/cfg
xvfb_pid='' claws_pid=''
cleanup() {
	[ -n "$claws_pid" ] && kill -KILL "$claws_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null
	cp "$tmp/claws.out" "$cfg/claws.log" "$cfg/accountrc" "$tmp/drive.out" "$tmp/drive.err" "$tmp/remote.out" \
		"$outdir/" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
	echo $n >"$tmp/n"
}
check() {	# check DESCRIPTION COMMAND…
	desc=$1; shift
	if "$@" >/dev/null 2>&1; then tap 0 "$desc"; else tap 1 "$desc"; fi
}
echo "# plugin: $plugin"
echo "# world: $W; logs and screenshots: $outdir"


mkdir -p "$cfg/certs" "$tmp/home/Mail/inbox" "$tmp/home/Mail/sent" "$tmp/home/Mail/queue" \
	"$tmp/home/Mail/trash" "$tmp/home/Mail/draft"
# The accounts' IMAP folders as Claws keeps them (without them, Claws
# would make them at start-up, connecting to each server).
{
	sed '/^<\/folderlist>/d' "$seed/folderlist.xml"
	for a in "1 contact@client-ovh.test" "2 bob@demo.test" "3 Alice at home"; do
		printf '    <folder type="imap" name="%s" account_id="%s" collapsed="0">\n' "${a#* }" "${a%% *}"
		printf '        <folderitem type="inbox" name="INBOX" path="INBOX"/>\n    </folder>\n'
	done
	echo '</folderlist>'
} >"$cfg/folderlist.xml"
# Offline while the check-up runs (the plugin's probes do not care): an
# online Claws would connect to the plain-text account at once and ask
# about certificates in modal windows. It goes online to send and receive.
sed -e "s|@PLUGIN@|$plugin|" \
	-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0/' \
	"$seed/clawsrc.in" >"$cfg/clawsrc"
(umask 077; "$python" "$top_srcdir/tests/checkup/check-account.py" --print-accountrc >"$cfg/accountrc") \
	|| { echo "Bail out! could not write accountrc"; exit 1; }
# The certificates the servers present, stored as Claws stores accepted ones.
cert() {	# cert HOST:PORT FILE [STARTTLS-PROTOCOL]
	openssl s_client ${3:+-starttls $3} -connect "$1" </dev/null 2>/dev/null | openssl x509 -outform DER >"$cfg/certs/$2"
	[ -s "$cfg/certs/$2" ]
}
cert mail.client-ovh.test:993 mail.client-ovh.test.993.cert && cert mail.client-ovh.test:587 \
	mail.client-ovh.test.587.cert smtp && cert mail.demo.test:993 mail.demo.test.993.cert \
	|| { echo "Bail out! could not fetch the servers' certificates"; exit 1; }
export HOME="$tmp/home"
unset NO_AT_BRIDGE GTK_MODULES SESSION_MANAGER

Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=$(head -1 "$tmp/display")
[ -n "$display" ] || { echo "Bail out! Xvfb did not start: $(tail -3 "$tmp/xvfb.log")"; exit 1; }
export DISPLAY=":$display"
# The AT-SPI bus launcher, started by D-Bus activation, puts its socket in
# $XDG_RUNTIME_DIR/at-spi, else in ~/.cache/at-spi/bus_<display> of the
# bus's own HOME (root's): shared with every other test on the machine
# using the same display number, which once made the driver find a bus
# that was gone. Its directory is ours.
mkdir -p "$tmp/run" && chmod 700 "$tmp/run"
export XDG_RUNTIME_DIR="$tmp/run"
dbus-update-activation-environment DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" HOME="$HOME" \
	>/dev/null 2>&1

start=$(date +%s)
GTK_MODULES=gail:atk-bridge claws-mail --alternate-config-dir "$cfg" --debug </dev/null >"$tmp/claws.out" 2>&1 &
claws_pid=$!
loaded=1
for _ in $(seq 1 200); do
	grep -q 'mailsetup: plugin loaded (version ' "$cfg/claws.log" 2>/dev/null && { loaded=0; break; }
	kill -0 "$claws_pid" 2>/dev/null || break
	sleep 0.1
done
tap $loaded "Claws loaded the plugin"
if [ $loaded != 0 ]; then
	tail -20 "$tmp/claws.out" | sed 's/^/#   /'
	exit 1
fi
check "Claws moved the passwords into its password store" grep -qx '\[account:3\]' "$cfg/passwordstorerc"

MS_WIZARD_OUTDIR="$outdir" MS_CLAWS_CFG="$cfg" MS_CLAWS_OUT="$tmp/claws.out" \
MS_WORLD_SCENARIOS="$top_srcdir/tests/world/scenarios" \
GTK_MODULES=gail:atk-bridge LOGNAME="${tmp##*/}" \
	timeout 200 "$python" "$here/drive.py" >"$tmp/drive.out" 2>"$tmp/drive.err"
drive_rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) tap 0 "${line#ok - }" ;;
	"not ok "*) tap 1 "${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	*) echo "# $line" ;;
	esac
done <"$tmp/drive.out"
tap $drive_rc "the AT-SPI driver ran to its end (exit status $drive_rc)"
[ $drive_rc = 0 ] || sed 's/^/# driver: /' "$tmp/drive.err" | tail -20

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

kill -TERM "$claws_pid" 2>/dev/null
for _ in $(seq 1 150); do kill -0 "$claws_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$claws_pid" 2>/dev/null && kill -KILL "$claws_pid"
wait "$claws_pid"
status=$?
claws_pid=
tap "$([ "$status" = 0 ] && echo 0 || echo 1)" "Claws exited with status 0 (got $status)"
check "after Claws quit, accountrc still has the secure settings" \
	sh -c "grep -qx 'receive_server=ssl0.hebergeur.test' '$cfg/accountrc' && ! grep -qx 'ssl_imap=0' '$cfg/accountrc'"
criticals=$(grep CRITICAL "$tmp/claws.out" \
	| grep -v -e "gdk_window_get_window_type: assertion 'GDK_IS_WINDOW (window)' failed" \
		-e "gtk_accessible_get_widget: assertion 'GTK_IS_ACCESSIBLE (accessible)' failed")
tap "$([ -z "$criticals" ] && echo 0 || echo 1)" "no CRITICAL in Claws's output (apart from AT-SPI's known two)"
[ -z "$criticals" ] || echo "$criticals" | head -5 | sed 's/^/#   /'
echo "# whole run in Claws: $(($(date +%s) - start)) s"
exit 0
