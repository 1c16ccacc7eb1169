#!/bin/sh
# The plugin built with AddressSanitizer and UndefinedBehaviorSanitizer
# (configure --enable-asan), inside the real, uninstrumented Claws Mail,
# through the assistant's main path (TAP).
#
# Claws runs with libasan preloaded, in the test world (demo, nothing),
# driven through AT-SPI by tests/claws/french/drive.py in English: alice's
# account found, verified, edited, re-verified and written; a diagnosis;
# the OAuth2 page. Then Claws quits (SIGTERM; plugin_done runs) and
# LeakSanitizer reports at exit. The plugin's own code (the plugin and
# libmailsetup: any frame of theirs in a stack) must have no ASan or UBSan
# error and no leak. Claws's and GTK's own leaks at exit are not ours:
# lsan-claws.supp names those seen, and any other leak without a frame of
# ours is counted and listed, not failed.
#
# The trap (../shared/spikes, asan): preloaded ASan deadlocks Claws at
# start; asan-early.c, made a DT_NEEDED of a private copy of libgpg-error
# with patchelf, initialises ASan first.
#
# Skips (1..0 # SKIP) when the plugin is not an ASan build, without root,
# the world, patchelf, gcc's libasan, or what tests/claws needs.
# Environment: top_srcdir, top_builddir; MS_CLAWS_PLUGIN; MS_ASAN_OUTDIR
# (default $top_builddir/tests/claws/asan/asan.out: ASan's reports, Claws's
# output, the driver's, screenshots).
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
here="$ms_claws_dir/asan"
outdir="${MS_ASAN_OUTDIR:-$top_builddir/tests/claws/asan/asan.out}"
scenarios="demo nothing"

if [ -z "${MS_ASAN_INNER:-}" ]; then
	ms_need_claws_tools --gui
	readelf -d "$plugin" 2>/dev/null | grep -q 'NEEDED.*libasan' \
		|| skip "the plugin is not an ASan build (configure --enable-asan builds one; tools/run-tests does)"
	command -v patchelf >/dev/null 2>&1 || skip "patchelf not installed (tools/install-deps --tests)"
	libasan=$(gcc -print-file-name=libasan.so 2>/dev/null)
	[ -f "$libasan" ] || skip "gcc's libasan not found"
	ms_world_up asan $scenarios
	# The private libgpg-error that initialises ASan first.
	gpg_error=$(ldd "$(command -v claws-mail)" | sed -n 's/.*libgpg-error\.so\.0 => \([^ ]*\).*/\1/p')
	mkdir -p "$tmp/libfix"
	if ! gcc -shared -fPIC -O1 "$here/asan-early.c" -o "$tmp/libfix/asan-early.so" \
	   || ! cp "$gpg_error" "$tmp/libfix/" \
	   || ! patchelf --add-needed "$tmp/libfix/asan-early.so" "$tmp/libfix/libgpg-error.so.0"; then
		echo "Bail out! the libgpg-error workaround could not be made"
		exit 1
	fi
	rm -f "$outdir"/asan.*
	export MS_ASAN_INNER=1 MS_ASAN_TMP="$tmp" MS_ASAN_OUTDIR="$outdir" MS_ASAN_LIB="$libasan"
	ms_world_session /bin/sh "$0" "$@"
	exit $?
fi

ms_session_inner
tmp=$MS_ASAN_TMP
outdir=$MS_ASAN_OUTDIR
cleanup() {
	ms_claws_kill
	ms_xvfb_stop
	cp "$tmp/claws.out" "$tmp/drive.out" "$tmp/drive.err" "$outdir/" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
echo "# plugin: $plugin"
echo "# ASan reports, logs and screenshots: $outdir"
ms_xvfb_start "$tmp" -screen 0 1280x900x24
ms_atspi_display
ms_seed_home "$tmp/home"
ms_seed_config "$tmp/cfg" "$plugin"
# English (the driver's strings), whoever runs it (tools/run-tests runs
# this outside make check's environment).
export LANGUAGE= LC_ALL=C.UTF-8

# fast_unwind_on_malloc=0: whole stacks, so that a leak's frames of ours
# show even under Claws's uninstrumented code. LSan's exit code stays 0:
# Claws's own leaks are sorted out below.
start=$(date +%s)
LD_LIBRARY_PATH="$tmp/libfix${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" LD_PRELOAD="$MS_ASAN_LIB" \
ASAN_OPTIONS="detect_leaks=1:log_path=$outdir/asan:fast_unwind_on_malloc=0:malloc_context_size=40:halt_on_error=0:detect_odr_violation=0" \
LSAN_OPTIONS="suppressions=$here/lsan-claws.supp:exitcode=0:print_suppressions=0" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=0:log_path=$outdir/asan" \
G_SLICE=always-malloc G_DEBUG=gc-friendly \
	ms_claws_start "$tmp/cfg" "$tmp/claws.out"
ms_claws_wait_loaded "$tmp/cfg" "$tmp/claws.out"
loaded=$?
tap $loaded "Claws (ASan preloaded) loaded the ASan-built plugin"
if [ $loaded != 0 ]; then
	tail -20 "$tmp/claws.out" | sed 's/^/#   /'
	echo "1..$n"
	exit 0
fi
echo "# Claws up in $(($(date +%s) - start)) s"
MS_CLAWS_LANG=en MS_CLAWS_OUTDIR="$outdir" MS_FR_PO="$top_srcdir/po/fr.po" MS_CLAWS_CFG="$tmp/cfg" \
MS_WORLD_SCENARIOS="$top_srcdir/tests/world/scenarios" \
	ms_drive "$tmp" 240 "$ms_claws_dir/french/drive.py"
ms_claws_quit
tap "$(truth grep -qx 'address=alice@demo.test' "$tmp/cfg/accountrc")" "the account was written (accountrc)"

# ASan's reports (one per process: Claws, and what it ran), sorted.
/usr/bin/python3 - "$outdir" >"$tmp/verdict" <<'PY'
import glob, re, sys
OURS = re.compile(r"mailsetup\.so|libmailsetup|/plugin/(engine|claws)/")
errors, ours, others = [], [], []
for path in sorted(glob.glob(sys.argv[1] + "/asan.*")):
    text = open(path, errors="replace").read()
    for m in re.finditer(r"^.*(ERROR: AddressSanitizer|runtime error:).*$", text, re.M):
        errors.append("%s: %s" % (path.rsplit("/", 1)[1], m.group(0)[:200]))
    for block in re.split(r"\n(?=(?:Direct|Indirect) leak of )", text):
        if not re.match(r"(Direct|Indirect) leak of ", block):
            continue
        block = block.split("\n\n")[0]
        head = block.splitlines()[0]
        frames = [l.strip() for l in block.splitlines()[1:] if l.strip().startswith("#")]
        (ours if any(OURS.search(f) for f in frames) else others).append((head, frames))
print("errors %d" % len(errors))
print("ours %d" % len(ours))
print("others %d" % len(others))
for e in errors[:10]:
    print("# error: " + e)
for head, frames in ours[:5]:
    print("# our leak: " + head)
    for f in [f for f in frames if OURS.search(f)][:4]:
        print("#    " + f[:160])
for head, frames in others[:5]:
    print("# not ours: %s (%s)" % (head, " < ".join(re.sub(r"^#\d+ 0x[0-9a-f]+ in ", "", f).split(" ")[0]
                                               for f in frames[1:4])))
PY
reports=$(ls "$outdir"/asan.* 2>/dev/null | wc -l)
tap "$(truth [ "$reports" -ge 1 ])" "ASan ran and reported at exit ($reports report(s))"
errors=$(sed -n 's/^errors //p' "$tmp/verdict")
ours=$(sed -n 's/^ours //p' "$tmp/verdict")
others=$(sed -n 's/^others //p' "$tmp/verdict")
tap "$(truth [ "$errors" = 0 ])" "no ASan or UBSan error ($errors)"
tap "$(truth [ "$ours" = 0 ])" "no leak with a frame of the plugin or libmailsetup ($ours)"
echo "# leaks of Claws's or GTK's own, not suppressed: $others"
grep '^#' "$tmp/verdict"
ms_check_claws_output "$tmp/claws.out"
echo "# whole run: $(($(date +%s) - start)) s"
echo "1..$n"
