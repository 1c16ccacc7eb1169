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
. "$top_srcdir/tests/claws/lib.sh"
here="$ms_claws_dir/privacy"
outdir="${MS_PRIVACY_OUTDIR:-$top_builddir/tests/claws/privacy/privacy.out}"
clawsplugins=/usr/lib/x86_64-linux-gnu/claws-mail/plugins

# --- outside: prerequisites, keys, the world, then again inside it ---
if [ -z "${MS_PRIVACY_INNER:-}" ]; then
	ms_need_claws_tools --gui
	for tool in gpg gpgconf gpgsm; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	for so in pgpcore pgpmime smime; do
		[ -f "$clawsplugins/$so.so" ] || skip "Claws's $so plugin not installed (tools/install-deps --tests)"
	done
	# The plugin list is written with sed: no space in the paths.
	case ${TMPDIR:-/tmp} in *[[:space:]]*) skip "TMPDIR has a space" ;; esac
	ms_world_up privacy demo
	export GNUPGHOME="$tmp/home/.gnupg"
	trap 'gpgconf --kill all >/dev/null 2>&1; ms_world_cleanup' EXIT
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

	export MS_PRIVACY_INNER=1 MS_PRIVACY_TMP="$tmp" MS_PRIVACY_OUTDIR="$outdir" MS_PRIVACY_WORLD="$W"
	ms_world_session /bin/sh "$0" "$@"
	status=$?
	n=$(cat "$tmp/n" 2>/dev/null || echo 0)

	# --- the messages fetched back from Dovecot, checked with gpg ---
	mail_check() {	# mail_check KIND USER SUBJECT: fetched from Dovecot (IMAPS) and checked
		"$world" exec --world "$W" -- "$ms_python" "$here/check-mime.py" "$1" "$2" \
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
ms_session_inner
tmp=$MS_PRIVACY_TMP
outdir=$MS_PRIVACY_OUTDIR
cfg=$tmp/cfg
ms_tap_count_file=$tmp/n
cleanup() {
	ms_claws_kill
	ms_xvfb_stop
	cp "$tmp/claws.out" "$cfg/claws.log" "$tmp/drive.out" "$tmp/drive.err" "$outdir/" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo "# plugin: $plugin"
echo "# world: $MS_PRIVACY_WORLD (demo)"
echo "# logs and screenshots: $outdir"

# Claws's configuration: alice's account, sending through the world's MX
# (port 25, no AUTH: no password anywhere), PGP/MIME and signing by
# default in Claws's own keys; the GPG plugins told not to ask anything.
ms_seed_config "$cfg" "$clawsplugins/pgpcore.so\n$clawsplugins/pgpmime.so\n$clawsplugins/smime.so\n$plugin" \
	-e 's/^work_offline=1$/work_offline=0/' \
	-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0\nsave_message=0/' \
	-e 's/^gpg_warning=0$/gpg_warning=0\nskip_encryption_warning=pgpmime,smime,\nauto_check_signatures=0/'
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
# The plugin's own section for account 1: automatic encryption.
cat >"$cfg/mailsetuprc" <<EOF
[Account 1]
auto-encrypt=true
auto-encrypt-switch=true
EOF
# The site's defaults: every message signed, no per-message switch, locked.
mkdir -p "$tmp/xdg/mailsetup"
site="$tmp/xdg/mailsetup/50-privacy-test.conf"
cat >"$site" <<EOF
[Privacy]
privacy-system=pgpmime
sign=true
sign-switch=false
sign-locked=true
EOF
ms_seed_home "$tmp/home"
mkdir -p "$HOME/Mail/inbox" "$HOME/Mail/sent" "$HOME/Mail/queue" "$HOME/Mail/trash" "$HOME/Mail/draft"
export XDG_CONFIG_DIRS="$tmp/xdg" GNUPGHOME="$tmp/home/.gnupg" LANGUAGE= LC_ALL=C.UTF-8
ms_xvfb_start "$tmp" -screen 0 1280x900x24
ms_atspi_display

start=$(date +%s)
ms_claws_up "$cfg" "$tmp/claws.out" "Claws loaded the plugin, with pgpcore, pgpmime and smime" || exit 1

MS_PRIVACY_OUTDIR="$outdir" MS_PRIVACY_TMP="$tmp" MS_CLAWS_CFG="$cfg" MS_SITE_FILE="$site" \
	ms_drive "$tmp" 150 "$here/drive.py"
ms_claws_quit
# Claws's own, proven without the plugin: a compose window of an account
# that signs by default sets the Sign button its toolbar does not have.
# And closing Claws's account preferences under AT-SPI makes GTK's
# notebook accessibles assert (as in the wizard's test).
ms_check_claws_output "$tmp/claws.out" \
	"gtk_toggle_tool_button_set_active: assertion 'GTK_IS_TOGGLE_TOOL_BUTTON (button)' failed" \
	"gtk_notebook_get_tab_label: assertion 'list != NULL' failed"
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
