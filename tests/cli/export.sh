#!/bin/sh
# mailsetup export without a network: its sources (a Claws accountrc, a
# setup JSON), its exit codes and refusals, and that no password is ever
# in a snippet (tests/export/neomutt.sh runs the snippets in neomutt).
# TAP output.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
. "$top_srcdir/tests/cli/tap.sh"

mkdir -p "$tmp/claws"
cat >"$tmp/claws/accountrc" <<'EOS'
[Account: 1]
name=Jean Dupont
address=jean@example.fr
protocol=1
receive_server=imap.example.fr
user_id=jean
ssl_imap=1
smtp_server=smtp.example.fr
ssl_smtp=2
set_smtpport=1
smtp_port=587
password=must-never-be-read
EOS

expect_exit 0 "export --help" "$ms" export --help
check "--help names the password command and its placeholders" grep -q -- '--password-command' "$tmp/out"
expect_exit 2 "export without an address" "$ms" export
expect_exit 2 "export with an unknown format" "$ms" export --format pine --claws-dir "$tmp/claws" jean@example.fr
expect_exit 2 "export with both sources" "$ms" export --from-json x --claws-dir "$tmp/claws" jean@example.fr
expect_exit 3 "export of a malformed address" "$ms" export --claws-dir "$tmp/claws" 'jean@@example.fr'
expect_exit 1 "export from a missing Claws directory" "$ms" export --claws-dir "$tmp/none" jean@example.fr
expect_exit 4 "export of an address Claws does not have" "$ms" export --claws-dir "$tmp/claws" marie@example.fr
expect_exit 0 "export from Claws, the domain in capitals" "$ms" export --claws-dir "$tmp/claws" jean@EXAMPLE.fr
check "imaps:// folder, Claws's default port 993" grep -qx 'set folder = "imaps://jean@imap.example.fr:993/"' "$tmp/out"
check "smtp:// on 587 with STARTTLS" grep -qx 'set smtp_url = "smtp://jean@smtp.example.fr:587/"' "$tmp/out"
check "the real name" grep -qx 'set realname = "Jean Dupont"' "$tmp/out"
check "no password read from accountrc" not grep -q 'must-never-be-read' "$tmp/out"
check "the default password command is secret-tool" grep -q '^set imap_pass = "`secret-tool lookup user ' "$tmp/out"
expect_exit 2 "a password command with an unknown placeholder" \
	"$ms" export --claws-dir "$tmp/claws" --password-command 'get %z' jean@example.fr
check "  ... is refused, saying which placeholders exist" grep -q '%u' "$tmp/err"

printf 'not json' >"$tmp/bad.json"
expect_exit 3 "export from a file that is not JSON" "$ms" export --from-json "$tmp/bad.json" jean@example.fr
printf '{"schema":"mailsetup-config/1"}' >"$tmp/other.json"
expect_exit 3 "export from another JSON document" "$ms" export --from-json "$tmp/other.json" jean@example.fr
cat >"$tmp/setup.json" <<'EOS'
{"schema":"mailsetup-setup/1","address":"jean@example.fr","verified":true,
 "incoming":{"protocol":"pop3","host":"pop.example.fr","port":995,"socket":"tls","username":"jean@example.fr"},
 "outgoing":{"protocol":"smtp","host":"smtp.example.fr","port":465,"socket":"tls","username":"jean@example.fr"}}
EOS
expect_exit 4 "export of someone else's setup" "$ms" export --from-json "$tmp/setup.json" marie@example.fr
expect_exit 0 "export --format mutt of a POP3 setup" "$ms" export --format mutt --from-json "$tmp/setup.json" jean@example.fr
check "pops:// host, the address percent-encoded" grep -qx 'set pop_host = "pops://jean%40example.fr@pop.example.fr:995/"' "$tmp/out"
check "mutt has no smtp_user" not grep -q smtp_user "$tmp/out"
echo "1..$n"
