#!/bin/sh
# The signing and encryption policy (plugin/claws/compose-policy.c,
# privacy-account.c) inside the real Claws Mail, with its pgpcore,
# pgpmime and smime plugins, sending through the test world's Postfix (TAP).
#
# Brings up the demo world, makes a throwaway GnuPG home with an OpenPGP
# key for alice@demo.test (none for bob@demo.test), a site defaults file
# that locks "sign every message, no per-message switch", and the
# plugin's own file turning automatic encryption on for alice's account.
# Then, inside the world's client namespace and a private D-Bus session:
# Xvfb, Claws Mail (account alice@demo.test, SMTP mail.demo.test:25 without
# AUTH, privacy system PGP/MIME; a second account, bob@demo.test, S/MIME)
# and the AT-SPI driver drive.py, which:
#  - opens alice's account preferences: our page under Privacy shows the
#    site's lock on signing, read-only, and who locked it;
#  - opens a compose window to bob: Sign is on and cannot be switched
#    (insensitive), Encrypt off; From switched to bob's account and back:
#    each account's policy applies again (system, Sign still fixed);
#  - sets the privacy system to None and sends: refused, the dialog says
#    why and who locked it;
#  - sets PGP MIME back and sends: bob has no key, so it goes signed only
#    and a notice names bob;
#  - opens a compose window to alice and sends: she has a key, so it is
#    encrypted on its own.
# Then the messages, fetched back from the world's Dovecot over IMAPS, are
# checked with gpg: bob's is multipart/signed and verifies, alice's is
# multipart/encrypted and decrypts to the body sent; one more to bob, with
# the privacy system switched to S/MIME in the window (not locked), is
# multipart/signed with application/pkcs7-signature and verifies with gpgsm.
#
# Environment: top_srcdir, top_builddir (as make check sets them);
# MS_CLAWS_PLUGIN (default: the build tree's plugin); MS_PRIVACY_OUTDIR
# (logs, screenshots; default $top_builddir/tests/claws/privacy/privacy.out).
# Needs root (the world), claws-mail with claws-mail-pgpmime and
# claws-mail-smime-plugin, gpg, Xvfb, dbus, xdotool, dogtail; skips
# without them. About 40 s.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
here="$top_srcdir/tests/claws/privacy"
seed="$top_srcdir/tests/claws/seed"
world="$top_srcdir/tests/world/world"
plugin="${MS_CLAWS_PLUGIN:-$top_builddir/plugin/claws/.libs/mailsetup.so}"
outdir="${MS_PRIVACY_OUTDIR:-$top_builddir/tests/claws/privacy/privacy.out}"
clawsplugins=/usr/lib/x86_64-linux-gnu/claws-mail/plugins
python=/usr/bin/python3	# Debian's, which has dogtail

skip() { echo "1..0 # SKIP $*"; exit 0; }

# --- outside: prerequisites, keys, the world, then again inside it ---
if [ -z "${MS_PRIVACY_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || skip "not root (the test world needs network namespaces)"
	command -v ip >/dev/null 2>&1 || skip "ip (iproute2) not installed"
	[ -f "$plugin" ] || skip "plugin not built ($plugin)"
	for tool in claws-mail gpg gpgconf Xvfb dbus-run-session dbus-update-activation-environment xdotool; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	for so in pgpcore pgpmime smime; do
		[ -f "$clawsplugins/$so.so" ] || skip "Claws's $so plugin not installed (tools/install-deps --tests)"
	done
	"$python" -c 'import dogtail, pyatspi' 2>/dev/null \
		|| skip "dogtail not installed for $python (tools/install-deps --tests)"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-privacy.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
	case $tmp in *[[:space:]]*) rm -rf "$tmp"; skip "TMPDIR has a space" ;; esac
	W=''
	export GNUPGHOME="$tmp/home/.gnupg"
	cleanup() {
		gpgconf --kill all >/dev/null 2>&1
		[ -n "$W" ] && "$world" down --world "$W" >/dev/null 2>&1
		rm -rf "$tmp" "/tmp/dogtail-${tmp##*/}"
	}
	trap cleanup EXIT
	trap 'exit 1' INT TERM HUP
	mkdir -p "$GNUPGHOME" && chmod 700 "$GNUPGHOME"
	# alice's OpenPGP key, without passphrase (so no pinentry); made
	# here, so ultimately trusted: Claws takes it without asking.
	gpg --batch --no-tty --passphrase '' --quick-gen-key 'Alice Liddell <alice@demo.test>' \
		default default never >"$tmp/gpg.log" 2>&1 \
		|| { echo "Bail out! gpg --quick-gen-key failed: $(tail -2 "$tmp/gpg.log")"; exit 1; }
	# and her S/MIME certificate: self-signed (its own CA, trusted in
	# trustlist.txt), its key unprotected; no CRLs in this world.
	printf 'disable-crl-checks\ndisable-policy-checks\n' >"$GNUPGHOME/gpgsm.conf"
	printf '%s\n' 'Key-Type: RSA' 'Key-Length: 2048' 'Key-Usage: sign, encrypt' \
		'Name-DN: CN=Alice Liddell,O=Demo Test' 'Name-Email: alice@demo.test' 'Serial: random' \
		>"$tmp/smime.parm"
	gpgsm --batch --pinentry-mode loopback --passphrase '' --gen-key -o "$tmp/alice.pem" "$tmp/smime.parm" \
		>>"$tmp/gpg.log" 2>&1 && gpgsm --batch --import "$tmp/alice.pem" >>"$tmp/gpg.log" 2>&1 \
		|| { echo "Bail out! gpgsm could not make alice's certificate: $(tail -2 "$tmp/gpg.log")"; exit 1; }
	gpgsm --with-colons --list-keys alice@demo.test | awk -F: '/^fpr/ { print $10 " S relax"; exit }' \
		>"$GNUPGHOME/trustlist.txt"
	gpgconf --reload gpg-agent

	W=$("$world" up demo 2>"$tmp/world-up.log")
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
	MS_PRIVACY_INNER=1 MS_PRIVACY_TMP="$tmp" MS_PRIVACY_OUTDIR="$outdir" MS_PRIVACY_WORLD="$W" \
		"$world" exec --world "$W" -- dbus-run-session -- /bin/sh "$0" "$@" \
		5>&1 6>&2 >/dev/null 2>&1
	status=$?
	n=$(cat "$tmp/n" 2>/dev/null || echo 0)

	# --- the messages fetched back from Dovecot, checked with gpg ---
	tap() {
		n=$((n + 1))
		if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
	}
	mail_check() {	# mail_check KIND USER SUBJECT: fetched from Dovecot (IMAPS) and checked
		"$world" exec --world "$W" -- "$python" "$here/check-mime.py" "$1" "$2" \
			"$top_srcdir/tests/world/scenarios/demo/expected" "$3" "$(cat "$tmp/body-$1" 2>/dev/null)" \
			>"$tmp/check-$1.out" 2>&1
	}
	while read -r kind user what; do
		if [ -s "$tmp/subject-$kind" ]; then
			mail_check "$kind" "$user" "$(cat "$tmp/subject-$kind")"
			tap $? "$what"
			sed 's/^/#   /' "$tmp/check-$kind.out"
		else
			tap 1 "$what (the driver did not get as far as sending it)"
		fi
	done <<EOF
signed bob@demo.test bob's message (no key for bob) arrived multipart/signed (application/pgp-signature) and gpg verifies alice's signature
encrypted alice@demo.test alice's message (every recipient has a key) arrived multipart/encrypted and gpg decrypts it to the body sent
smime bob@demo.test bob's S/MIME message arrived multipart/signed (application/pkcs7-signature) and gpgsm verifies alice's signature
EOF
	echo "1..$n"
	exit $status
fi

# --- inside the world's client namespace and the session bus ---
exec 1>&5 2>&6 5>&- 6>&-
tmp=$MS_PRIVACY_TMP
outdir=$MS_PRIVACY_OUTDIR
cfg=$tmp/cfg
xvfb_pid='' claws_pid=''
cleanup() {
	[ -n "$claws_pid" ] && kill -KILL "$claws_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null
	cp "$tmp/claws.out" "$cfg/claws.log" "$tmp/drive.out" "$tmp/drive.err" "$outdir/" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
	echo $n >"$tmp/n"
}
truth() { if "$@"; then echo 0; else echo 1; fi; }
echo "# plugin: $plugin"
echo "# world: $MS_PRIVACY_WORLD (demo)"
echo "# logs and screenshots: $outdir"

# Claws's configuration: alice's account, sending through the world's MX
# (port 25, no AUTH: no password anywhere), PGP/MIME and signing by
# default in Claws's own keys; the GPG plugins told not to ask anything.
mkdir -p "$cfg" "$tmp/home/Mail/inbox" "$tmp/home/Mail/sent" "$tmp/home/Mail/queue" \
	"$tmp/home/Mail/trash" "$tmp/home/Mail/draft" "$tmp/run" "$tmp/xdg/mailsetup"
chmod 700 "$tmp/run"
cp "$seed/folderlist.xml" "$cfg/"
account() {	# account ID ADDRESS NAME IS_DEFAULT PRIVACY_SYSTEM SIGN
	cat <<EOF
[Account: $1]
account_name=$2
is_default=$4
name=$3
address=$2
protocol=3
local_mbox=/nonexistent/mailsetup-test/mbox-$1
inbox=#mh/Mailbox/inbox
smtp_server=mail.demo.test
set_smtpport=1
smtp_port=25
ssl_smtp=0
use_smtp_auth=0
default_privacy_system=$5
default_sign=$6
default_encrypt=0
config_version=4
EOF
}
{ account 1 alice@demo.test "Alice Liddell" 1 pgpmime 1; account 2 bob@demo.test Bob 0 smime 0; } >"$cfg/accountrc"
sed -e "s|@PLUGIN@|$clawsplugins/pgpcore.so\n$clawsplugins/pgpmime.so\n$clawsplugins/smime.so\n$plugin|" \
	-e 's/^work_offline=1$/work_offline=0/' \
	-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0\nsave_message=0/' \
	-e 's/^gpg_warning=0$/gpg_warning=0\nskip_encryption_warning=pgpmime,smime,\nauto_check_signatures=0/' \
	"$seed/clawsrc.in" >"$cfg/clawsrc"
# The plugin's own section for account 1: automatic encryption.
cat >"$cfg/mailsetuprc" <<EOF
[Account 1]
auto-encrypt=true
auto-encrypt-switch=true
EOF
# The site's defaults: every message signed, no per-message switch, locked.
site="$tmp/xdg/mailsetup/50-privacy-test.conf"
cat >"$site" <<EOF
[Privacy]
privacy-system=pgpmime
sign=true
sign-switch=false
sign-locked=true
EOF
chmod -R u+w "$cfg"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_DIRS="$tmp/xdg"
export GNUPGHOME="$tmp/home/.gnupg" LANGUAGE= LC_ALL=C.UTF-8
unset NO_AT_BRIDGE GTK_MODULES SESSION_MANAGER

Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=$(head -1 "$tmp/display")
[ -n "$display" ] || { echo "Bail out! Xvfb did not start: $(tail -3 "$tmp/xvfb.log")"; exit 1; }
export DISPLAY=":$display"
# AT-SPI's bus launcher (activated by the session bus) puts its socket in
# $XDG_RUNTIME_DIR/at-spi, else in ~/.cache/at-spi/bus_<display>, where a
# Claws test of another tree using the same display number would meet it:
# give it ours.
dbus-update-activation-environment DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" HOME="$HOME" \
	>/dev/null 2>&1

start=$(date +%s)
GTK_MODULES=gail:atk-bridge claws-mail --alternate-config-dir "$cfg" --debug </dev/null >"$tmp/claws.out" 2>&1 &
claws_pid=$!
loaded=1
for _ in $(seq 1 200); do
	grep -q 'mailsetup: plugin loaded (version ' "$cfg/claws.log" 2>/dev/null && { loaded=0; break; }
	kill -0 "$claws_pid" 2>/dev/null || break
	grep -q 'plugin loading error' "$tmp/claws.out" && break
	sleep 0.1
done
tap $loaded "Claws loaded the plugin, with pgpcore, pgpmime and smime"
if [ $loaded != 0 ]; then
	tail -20 "$tmp/claws.out" | sed 's/^/#   /'
	exit 1
fi

MS_PRIVACY_OUTDIR="$outdir" MS_PRIVACY_TMP="$tmp" MS_CLAWS_CFG="$cfg" MS_SITE_FILE="$site" \
GTK_MODULES=gail:atk-bridge LOGNAME="${tmp##*/}" \
	timeout 150 "$python" "$here/drive.py" >"$tmp/drive.out" 2>"$tmp/drive.err"
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

kill -TERM "$claws_pid" 2>/dev/null
for _ in $(seq 1 150); do kill -0 "$claws_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$claws_pid" 2>/dev/null && kill -KILL "$claws_pid"
wait "$claws_pid"
status=$?
claws_pid=
tap "$(truth [ "$status" = 0 ])" "Claws exited with status 0 (got $status)"
tap "$(truth sh -c "! grep -qE 'Segmentation fault|Claws Mail process .* crashed|SIGSEGV|SIGABRT' '$tmp/claws.out'")" \
	"no crash report in Claws's output"
# The user's own file was not given the site's lock (ms_policy_save_keyfile
# of the user's layer only), and Claws kept alice's account.
tap "$(truth sh -c "! grep -q 'sign-locked' '$cfg/mailsetuprc'")" "mailsetuprc holds no lock of the site's"
tap "$(truth grep -qx 'address=alice@demo.test' "$cfg/accountrc")" "after the exit, accountrc still has alice@demo.test"
# What the page saved: Claws's own key in accountrc, the rest in ours.
field() {	# field ID KEY: a key of one account of accountrc
	awk -v id="$1" '/^\[Account: / { on = ($0 == "[Account: " id "]"); next } on' "$cfg/accountrc" |
		sed -n "s/^$2=//p"
}
tap "$(truth [ "$(field 1 default_encrypt_reply)" = 0 ])" \
	"the page saved “Encrypt replies” off into Claws's own key (accountrc: default_encrypt_reply=$(field 1 default_encrypt_reply))"
tap "$(truth [ "$(field 1 default_sign)" = 1 ] && [ "$(field 1 default_privacy_system)" = pgpmime ])" \
	"accountrc keeps signing and PGP/MIME for account 1"
tap "$(truth sh -c "sed -n '/^\[Account 1\]/,/^\[/p' '$cfg/mailsetuprc' | grep -qx 'auto-encrypt-switch=false'")" \
	"the page saved automatic encryption's switch off into mailsetuprc [Account 1]"
sed 's/^/#   mailsetuprc: /' "$cfg/mailsetuprc"
echo "# whole run in Claws: $(($(date +%s) - start)) s"
exit 0
