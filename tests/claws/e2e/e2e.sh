#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The assistant end to end (issue 7): the real wizard inside the real
# Claws Mail writes an account, then Claws itself uses it against the test
# world's servers (TAP).
#
# In the demo world, inside its client namespace and a private D-Bus
# session (tests/claws/lib.sh):
#  0. the control: Claws on the seed alone, started and quit (what its
#     exit rewrites without the assistant);
#  1. Claws with the plugin and the seed config (one local account); every
#     file of the config dir hashed once the plugin is loaded;
#  2. drive.py opens the assistant from the Configuration menu, types
#     alice@demo.test and her password (AT-SPI), reaches the result page
#     (verified), Apply, Close; Claws quits on SIGTERM with status 0 (it
#     writes its files at exit);
#  3. accountrc has the new account with every field Claws needs, the
#     seed account is as it was, folderlist.xml has its IMAP folder,
#     passwordstorerc its encrypted passwords, the password is in no file
#     (clear or base64), and no other file changed: right after Apply only
#     the files the account lives in (and clawsrc: the store's salt); at
#     Claws's exit only what Claws rewrites itself (listed below, with
#     why, and within what the control's exit changed);
#  4. Claws started again on that config: online, `claws-mail --send` of a
#     message queued to alice herself (SMTP 465 with AUTH) and it arrives in
#     Dovecot's Maildir; then from Claws's own compose window (compose.py,
#     AT-SPI: `claws-mail --compose mailto:...`, the account chosen in From,
#     Send): it arrives too, and Claws keeps its copy in its sent folder;
#     `claws-mail --receive-all`: Dovecot logs alice in
#     on IMAP 993 and Claws's IMAP cache has the message. Both logins need
#     the password Claws decrypted from its store: nothing else has it.
#
# Environment: top_srcdir, top_builddir (as make check sets them);
# MS_CLAWS_PLUGIN (default: the build tree's); MS_E2E_OUTDIR (logs and
# screenshots; default $top_builddir/tests/claws/e2e/e2e.out).
# Needs root and `ip netns` (the world), claws-mail, Xvfb, dbus, xdotool,
# dogtail; skips without them. About 15 s.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
here="$ms_claws_dir/e2e"
expected="$top_srcdir/tests/world/scenarios/demo/expected"
outdir="${MS_E2E_OUTDIR:-$top_builddir/tests/claws/e2e/e2e.out}"
address=alice@demo.test
name="Alice Liddell"

# --- outside: prerequisites, the world, then again inside it ---
if [ -z "${MS_E2E_INNER:-}" ]; then
	[ -f "$plugin" ] || skip "plugin not built ($plugin)"
	ms_need_claws_tools --gui
	for tool in sha256sum timeout; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	ms_world_up e2e demo
	case $tmp in *[[:space:]]*) skip "TMPDIR has a space" ;; esac
	ms_world_inner MS_E2E "$@"
	ms_world_done
fi

# --- inside the world's client namespace and the session bus ---
ms_inner_begin MS_E2E
cfg=$tmp/cfg
ms_keep() {
	cp "$tmp"/claws-*.out "$cfg/claws.log" "$cfg/accountrc" "$cfg/folderlist.xml" "$tmp"/drive-*.out "$tmp"/drive-*.err \
		"$tmp/remote.out" "$tmp"/snap-* "$outdir/" 2>/dev/null
	"$world" logins --world "$W" >"$outdir/logins.txt" 2>&1
}

echo "# plugin: $plugin"
echo "# world: $W (demo); logs and screenshots: $outdir"

. "$here/helpers.sh"

# The demo's facts, and Claws's config version (what accountrc must say).
imap_host=$(awk -v a="$address" '$1 == a && $2 == "incoming" && $3 == "imap" { print $4; exit }' "$expected")
smtp_host=$(awk -v a="$address" '$1 == a && $2 == "outgoing" && $3 == "smtp" { print $4; exit }' "$expected")
[ "$imap_host" = mail.demo.test ] && [ "$smtp_host" = mail.demo.test ] \
	|| { echo "Bail out! unexpected facts in $expected"; exit 1; }
claws_version=$(sed -n 's/^#define CLAWS_CONFIG_VERSION[ 	]*//p' \
	"$(pkg-config --variable=includedir claws-mail 2>/dev/null || echo /usr/include)/claws-mail/prefs_common.h" 2>/dev/null)
# alice's password and its base64 forms (SMTP AUTH, SASL PLAIN), for
# grep -F -f: never on a command line.
ms_password_patterns "$expected" "$address" >"$tmp/patterns"
[ "$(wc -l <"$tmp/patterns")" = 3 ] || { echo "Bail out! no password for $address in $expected"; exit 1; }

ms_seed_home "$tmp/home"
mkdir -p "$HOME/Mail/inbox" "$HOME/Mail/sent" "$HOME/Mail/queue" "$HOME/Mail/trash" "$HOME/Mail/draft"
# The seed (offline, one local account, the plugin), without error dialogs
# or questions at exit: nothing modal may block the remote commands.
seed_config() {
	ms_seed_config "$1" "$plugin" \
		-e 's/^\[Common\]$/[Common]\nshow_recv_err_dialog=0\nconfirm_on_exit=0\nwarn_queued_on_exit=0/'
}
seed_config "$cfg"
cp "$cfg/accountrc" "$tmp/accountrc.seed"
ms_xvfb_start "$tmp" -screen 0 1280x900x24 -noreset
ms_atspi_display

# ===== 0. the control: Claws on the same seed, without the assistant,
# started and quit. What its exit changes is Claws's own doing.
cfg=$tmp/cfg-control
seed_config "$cfg"
ms_claws_start "$cfg" "$tmp/claws-0.out"
if ms_claws_wait_loaded "$cfg" "$tmp/claws-0.out" && settled control-loaded; then
	kill -TERM "$claws_pid"
	for _ in $(seq 1 150); do kill -0 "$claws_pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$claws_pid" 2>/dev/null && kill -KILL "$claws_pid"
	wait "$claws_pid"
	tap $? "the control: Claws on the seed alone quit cleanly (SIGTERM, status 0 within 15 s)"
	claws_pid=''
	settled control-quit
	control_changes=$(changed control-loaded control-quit)
	echo "# the control: Claws's exit changed: $control_changes"
else
	tap 1 "the control: Claws on the seed alone started"
	control_changes=''
fi
cfg=$tmp/cfg

# ===== 1. Claws with the plugin, the config dir hashed
start=$(date +%s)
ms_claws_start "$cfg" "$tmp/claws-1.out"
ms_claws_wait_loaded "$cfg" "$tmp/claws-1.out"
loaded=$?
tap $loaded "Claws loaded the plugin (inside the world's client namespace)"
if [ $loaded != 0 ]; then
	tail -20 "$tmp/claws-1.out" | sed 's/^/#   /'
	exit 1
fi
settled loaded || echo "# Claws's config dir did not settle after start"
echo "# $(grep -c . "$tmp/snap-loaded") paths in the config dir hashed"

# ===== 2. the assistant, as a user goes through it
MS_E2E_OUTDIR="$outdir" MS_WORLD_SCENARIOS="$top_srcdir/tests/world/scenarios" \
MS_E2E_ADDRESS="$address" MS_E2E_NAME="$name" \
	ms_drive "$tmp" 180 "$here/drive.py"
mv "$tmp/drive.out" "$tmp/drive-wizard.out"; mv "$tmp/drive.err" "$tmp/drive-wizard.err"
settled applied || echo "# Claws's config dir did not settle after Apply"
changes=$(changed loaded applied)
echo "# Apply changed: $changes"
# Claws keeps a .bak of each file it rewrites (prefs_file_close); the
# password store's salt is saved in clawsrc when the first password is.
check "Apply changed only accountrc, folderlist.xml, passwordstorerc, clawsrc (and their .bak): $changes" \
	only_in "$changes" "accountrc accountrc.bak folderlist.xml folderlist.xml.bak passwordstorerc passwordstorerc.bak clawsrc clawsrc.bak"
check "Apply changed accountrc, folderlist.xml and passwordstorerc" \
	only_in "accountrc folderlist.xml passwordstorerc" "$changes"

ms_claws_quit
settled quit || echo "# Claws's config dir did not settle after exit"
changes=$(changed applied quit)
echo "# Claws's exit changed: $changes"
# What Claws writes itself at exit, whatever the plugin did (the control
# above shows the same set): its preferences (clawsrc), the account list and
# the folder tree rewritten from memory (accountrc, folderlist.xml; the
# account's own checks are below, on their content), each with its .bak;
# the address book's index and attributes, the search and compose
# histories, the menu accelerators (menurc), the tags and the queue's tag
# cache; and its crash marker, tmp/claws-crashed, removed on a clean exit.
claws_exit_rewrites="clawsrc clawsrc.bak accountrc accountrc.bak folderlist.xml folderlist.xml.bak
	addrbook/addrbook--index.xml.bak addrbook/attributesrc menurc tagsrc tagsdb/#mh/Mailbox/queue/.claws_tags
	command_history compose_save_to_history messagesearch_history quicksearch_history
	summary_searchbody_history summarysearch_adv_history summarysearch_from_history
	summarysearch_subject_history summarysearch_to_history tmp/claws-crashed"
check "Claws's exit changed only what Claws writes itself at exit: $changes" \
	only_in "$changes" "$(echo $claws_exit_rewrites)"
check "and nothing Claws's exit does not change without the assistant (the control)" \
	only_in "$changes" "$control_changes"
check "Claws's crash marker is gone (a clean exit)" sh -c "! test -e '$cfg/tmp/claws-crashed'"

# ===== 3. the files
id=$(account_id "$address")
case $id in
''|*[!0-9]*) tap 1 "accountrc has one account for $address (ids: '$id')" ;;
*) tap "$(truth [ "$id" != 1 ])" "accountrc has one account for $address (id $id), beside the seed's" ;;
esac
is "$(grep -c '^\[Account: ' "$cfg/accountrc")" 2 "two accounts in accountrc"
for kv in "account_name=$address" "name=$name" "address=$address" \
	protocol=1 "receive_server=$imap_host" "user_id=$address" \
	ssl_imap=1 set_imapport=1 imap_port=993 imap_auth_method=0 \
	"smtp_server=$smtp_host" ssl_smtp=1 set_smtpport=1 smtp_port=465 \
	use_smtp_auth=1 smtp_auth_method=0 "smtp_user_id=$address" \
	ssl_certs_auto_accept=1 use_tls_sni=1 oauth2_auth_provider=0 \
	"config_version=${claws_version:-4}"; do
	is "$(field "$id" "${kv%%=*}")" "${kv#*=}" "accountrc: ${kv%%=*}=${kv#*=}"
done
check "accountrc: no password lines" sh -c "! grep -qE '^(smtp_)?password=' '$cfg/accountrc'"
check "accountrc: the seed account kept every field it had" seed_kept "$tmp/accountrc.seed"
check "folderlist.xml: an IMAP folder named $address for account $id" \
	grep -qE "<folder type=\"imap\".* account_id=\"$id\".*name=\"$address\"|<folder type=\"imap\".*name=\"$address\".* account_id=\"$id\"" \
	"$cfg/folderlist.xml"
check "folderlist.xml: the seed's local folders kept (Mailbox, its inbox)" \
	sh -c "grep '<folder type=\"mh\"' '$cfg/folderlist.xml' | grep -q 'name=\"Mailbox\"' &&
	       grep '<folderitem ' '$cfg/folderlist.xml' | grep 'type=\"inbox\"' | grep -q 'path=\"inbox\"'"
check "folderlist.xml: the IMAP folder has INBOX" \
	sh -c "grep '<folderitem ' '$cfg/folderlist.xml' | grep 'type=\"inbox\"' | grep -q 'path=\"INBOX\"'"
check "passwordstorerc: encrypted receive and send passwords for account $id" \
	sh -c "grep -A2 -Fx '[account:$id]' '$cfg/passwordstorerc' | grep -q '^recv {AES-256-CBC,' &&
	       grep -A2 -Fx '[account:$id]' '$cfg/passwordstorerc' | grep -q '^send {AES-256-CBC,'"
check "clawsrc: the password store's salt saved" grep -q '^master_passphrase_salt=.' "$cfg/clawsrc"
no_password "after the assistant"

# ===== 4. Claws uses the account: from disk, the password decrypted by Claws
ms_claws_start "$cfg" "$tmp/claws-2.out"
up=1
for _ in $(seq 1 200); do
	grep -q '^mailsetup: plugin loaded (version ' "$tmp/claws-2.out" && { up=0; break; }
	kill -0 "$claws_pid" 2>/dev/null || break
	sleep 0.1
done
tap $up "Claws started again on that config"
[ $up = 0 ] || { tail -20 "$tmp/claws-2.out" | sed 's/^/#   /'; exit 1; }
remote --online
subject="e2e-$$-$(date +%s)"
queue "$HOME/Mail/queue/1" "$id" "$address" "$name" "$smtp_host" "$subject"
smtp0=$(logins smtp - "$address") imap0=$(logins imap 993 "$address") failed0=$(failed_logins "$address")
t=$(date +%s)
remote --send
echo "# claws-mail --send: $(($(date +%s) - t)) s"
check "claws-mail --send: the message to $address arrives in Dovecot's Maildir" in_maildir "$address" "$subject"
check "Claws's log: $address sent through $smtp_host:465" claws_went "$address" SMTP "$smtp_host:465"
check "Dovecot's auth saw Postfix log $address in (SMTP AUTH; the password from Claws's store)" \
	wait_login smtp - "$address" $((smtp0 + 1))
# From Claws's own compose window (AT-SPI): the account chosen in From, Send.
csubject="e2e-compose-$$-$(date +%s)"
smtp0=$(logins smtp - "$address")
remote --compose "mailto:$address?subject=$csubject&body=Sent%20from%20Claws%27s%20compose%20window."
MS_E2E_OUTDIR="$outdir" MS_E2E_ADDRESS="$address" MS_E2E_SUBJECT="$csubject" \
	ms_drive "$tmp" 90 "$here/compose.py"
mv "$tmp/drive.out" "$tmp/drive-compose.out"; mv "$tmp/drive.err" "$tmp/drive-compose.err"
check "sent from the compose window: the message arrives in Dovecot's Maildir" in_maildir "$address" "$csubject"
check "Dovecot's auth saw Postfix log $address in again (SMTP AUTH)" wait_login smtp - "$address" $((smtp0 + 1))
check "Claws kept the copy in its sent folder" grep -rqF "Subject: $csubject" "$HOME/Mail/sent"
t=$(date +%s)
remote --receive-all
echo "# claws-mail --receive-all: $(($(date +%s) - t)) s"
check "claws-mail --receive-all: Dovecot logs $address in on IMAP 993 (the password from Claws's store)" \
	wait_login imap 993 "$address" $((imap0 + 1))
check "Claws's log: $address received from $imap_host:993" claws_went "$address" IMAP "$imap_host:993"
is "$(failed_logins "$address")" "$failed0" "no failed login for $address while Claws used the account"
ms_claws_quit
check "both messages are in Claws's received folder (the IMAP cache of $address's INBOX)" \
	sh -c "grep -rqaF '$subject' '$cfg/imapcache' && grep -rqaF '$csubject' '$cfg/imapcache'"
no_password "after sending and receiving"
for session in 0 1; do
	echo "# Claws's output, session $session (0: the control, 1: the assistant)"
	ms_check_claws_output "$tmp/claws-$session.out"
done
# Closing Claws's compose window under AT-SPI (its notebook of header,
# attachment and other tabs) makes GTK's notebook accessibles assert, as
# closing its account preferences does (tests/claws/wizard/wizard.sh):
# GTK's, whatever closes it.
echo "# Claws's output, session 2 (sending and receiving)"
ms_check_claws_output "$tmp/claws-2.out" "gtk_notebook_get_tab_label: assertion 'list != NULL' failed"
echo "# whole run in Claws: $(($(date +%s) - start)) s"
exit 0
