#!/bin/sh
# Site-wide defaults as the mailsetup tool uses them (mailsetup.conf(5)):
# `mailsetup defaults` shows what is in force and where it comes from, a
# broken file is named with its line and never stops a command, discover
# reads the site's provider data and keeps a locked source off whatever
# --sources says, --no-site-defaults ignores it all. No network: the
# sources used are the built-in ones. TAP output.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
. "$top_srcdir/tests/cli/tap.sh"

# Two XDG config dirs: the first listed is the more important, read last.
mkdir -p "$tmp/first/mailsetup" "$tmp/second/mailsetup" "$tmp/providers"
cat >"$tmp/second/mailsetup/10-distro.conf" <<EOS
[Discovery]
timeout=20
ispdb=false
EOS
cat >"$tmp/first/mailsetup/50-site.conf" <<EOS
# The company's defaults
[Discovery]
timeout=12
provider-data-dir=$tmp/providers
probe=false
locked=probe
[Verify]
send-timeout=120
EOS
cat >"$tmp/providers/corp.test.xml" <<'EOS'
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="corp.test">
    <domain>corp.test</domain>
    <displayName>Corp</displayName>
    <incomingServer type="imap">
      <hostname>imap.corp.test</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.corp.test</hostname><port>465</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
EOS
export XDG_CONFIG_DIRS="$tmp/first:$tmp/second"

expect_exit 0 "defaults" "$ms" defaults
check "defaults lists the directories, the second XDG dir before the first" \
	sh -c "grep -n 'mailsetup\$' '$tmp/out' | grep -A1 '$tmp/second/mailsetup' | grep -q '$tmp/first/mailsetup'"
check "defaults: the later file wins, with its file and line" \
	grep -qF "Discovery.timeout = 12  [$tmp/first/mailsetup/50-site.conf:3]" "$tmp/out"
check "defaults: a value of the earlier file still in force" \
	grep -qF "Discovery.ispdb = false  [$tmp/second/mailsetup/10-distro.conf:3]" "$tmp/out"
check "defaults: the locked value and where" \
	grep -qF "Discovery.probe = false  [$tmp/first/mailsetup/50-site.conf:5, locked]" "$tmp/out"
expect_exit 0 "defaults --json" "$ms" defaults --json
check "json: locked probe, its source" \
	test "$(json_get "$tmp/out" "d['keys']['Discovery.probe']['locked'], d['keys']['Discovery.probe']['source']")" = \
	"True $tmp/first/mailsetup/50-site.conf:5"
check "json: two files used, in reading order" \
	test "$(json_get "$tmp/out" "[f.split('/')[-1] for f in d['files']]")" = "['10-distro.conf', '50-site.conf']"

# discover: the site's provider data is found; probing stays off although
# asked for, and the tool says why.
expect_exit 0 "discover with the site's provider data" "$ms" discover --sources builtin,probe --json -q jean@corp.test
cp "$tmp/out" "$tmp/corp.json"; cp "$tmp/err" "$tmp/corp.err"
check "the site's provider data gives imap.corp.test" \
	test "$(json_get "$tmp/corp.json" "d['config']['incoming'][0]['hostname']")" = imap.corp.test
check "no probing: the source is locked off" \
	test "$(json_get "$tmp/corp.json" "len([e for e in d['events'] if e['source'] == 'probe'])")" = 0
check "the tool says --sources met a lock, and where" \
	grep -qF -- "--sources: Discovery.probe is locked by $tmp/first/mailsetup/50-site.conf:5" "$tmp/corp.err"
expect_exit 4 "--no-site-defaults: corp.test unknown to the built-in data" \
	"$ms" discover --no-site-defaults --sources builtin --json -q jean@corp.test

# A broken file: named with its line, ignored, never fatal.
printf '[Discovery]\nprobe=true\nthis line is broken\n' >"$tmp/first/mailsetup/60-broken.conf"
printf '[Verify]\nsend-timeout=forever\n' >"$tmp/first/mailsetup/70-badvalue.conf"
expect_exit 3 "defaults with a broken file says so" "$ms" defaults
check "the syntax error names file and line, the file is ignored" \
	grep -qF "$tmp/first/mailsetup/60-broken.conf:3:" "$tmp/err"
check "the bad value names file and line" grep -qF "$tmp/first/mailsetup/70-badvalue.conf:2: send-timeout" "$tmp/err"
check "the rest is still in force (probe still locked off, send-timeout 120)" \
	sh -c "grep -qF 'Discovery.probe = false' '$tmp/out' && grep -qF 'Verify.send-timeout = 120' '$tmp/out'"
expect_exit 0 "discover still works with a broken file" "$ms" discover --sources builtin --json -q jean@corp.test
check "  ... and warns about it on stderr" grep -q "60-broken.conf:3" "$tmp/err"

# No file at all.
XDG_CONFIG_DIRS="$tmp/none" expect_exit 0 "defaults without any file" "$ms" defaults
check "  ... says the built-in defaults are in force" grep -q "built-in defaults" "$tmp/out"
echo "1..$n"
