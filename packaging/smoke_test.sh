#!/usr/bin/env bash
# Smoke-test the built archive as a practitioner's laptop would see it.
#
#   packaging/smoke_test.sh [dist/casebook-VERSION-linux-x86_64.tar.gz]
#
# Unpacks the archive into a temporary folder and, with HOME, the XDG folders and TMPDIR
# pointed at empty temporary folders and nothing from this machine's Python visible:
#   - casebook --version, casebook demo + search + summary + verify on a temp notebook
#     (the summary proves fonts, reportlab and pyHanko made it into the bundle);
#   - casebook-app --version, and casebook-app --smoke-test --notebook on that notebook,
#     offscreen: opens the first window, lets the event loop start, exits 0;
#   - no network: everything runs without a network namespace where `unshare -n` works,
#     and under strace (when installed) no AF_INET/AF_INET6 socket may be opened;
#   - writes only where it should: HOME and TMPDIR stay empty and the unpacked bundle is
#     unchanged (everything goes to the XDG/platformdirs folders or the chosen notebook);
#   - install.sh into the temporary HOME, run through the ~/.local/bin link, uninstall.
# Prints start-up times at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="$(sed -n 's/^__version__ *= *["'\'']\([^"'\'']*\)["'\''].*/\1/p' "$ROOT/casebook/__init__.py")"
ARCHIVE="${1:-$ROOT/dist/casebook-$VERSION-linux-$(uname -m).tar.gz}"
[ -f "$ARCHIVE" ] || { echo "smoke_test.sh: no archive $ARCHIVE (run make package)" >&2; exit 1; }
ARCHIVE="$(cd "$(dirname "$ARCHIVE")" && pwd)/$(basename "$ARCHIVE")"

T="$(mktemp -d "${TMPDIR:-/tmp}/casebook-smoke.XXXXXX")"
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/unpacked" "$T/home" "$T/xdg/data" "$T/xdg/config" "$T/xdg/cache" "$T/xdg/state" \
         "$T/xdg/runtime" "$T/tmp" "$T/work" "$T/log"
chmod 700 "$T/xdg/runtime"
tar -xzf "$ARCHIVE" -C "$T/unpacked"
PKG="$(find "$T/unpacked" -mindepth 1 -maxdepth 1 -type d | head -1)"
APP="$PKG/casebook"
for f in install.sh casebook.desktop casebook/casebook casebook/casebook-app \
         icons/hicolor/scalable/apps/casebook.svg icons/hicolor/48x48/apps/casebook.png; do
    [ -e "$PKG/$f" ] || { echo "FAIL: archive lacks $f" >&2; exit 1; }
done

NO_NET=()
if unshare -n true 2>/dev/null; then NO_NET=(unshare -n); fi
STRACE=()
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    STRACE=(strace -f -qq -e trace=socket,connect -o "$T/log/net.%s")
fi
n=0

# A clean environment: no venv, no PYTHONPATH, nothing of the build machine's user.
run() {
    n=$((n + 1))
    local trace=()
    [ ${#STRACE[@]} -gt 0 ] && trace=("${STRACE[@]//%s/$n}")
    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$T/home" TMPDIR="$T/tmp" \
        XDG_DATA_HOME="$T/xdg/data" XDG_CONFIG_HOME="$T/xdg/config" \
        XDG_CACHE_HOME="$T/xdg/cache" XDG_STATE_HOME="$T/xdg/state" \
        XDG_RUNTIME_DIR="$T/xdg/runtime" QT_QPA_PLATFORM=offscreen \
        "${NO_NET[@]}" "${trace[@]}" "$@"
}
fail() { echo "FAIL: $*" >&2; exit 1; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

PASS="smoke-test passphrase 42"
NB="$T/work/demo.casebook"
touch "$T/log/mark"
sleep 1  # so that anything written below is newer than the mark

# -- CLI --------------------------------------------------------------------------------------
t0=$(date +%s%N)
out="$(run "$APP/casebook" --version)"
t1=$(date +%s%N)
CLI_VERSION_MS=$(ms "$t0" "$t1")
[ "$out" = "casebook $VERSION" ] || fail "casebook --version printed '$out'"
echo "ok   casebook --version ($CLI_VERSION_MS ms)"

t0=$(date +%s%N)
printf '%s\n%s\n' "$PASS" "$PASS" | run "$APP/casebook" --passphrase-stdin demo "$NB" > "$T/log/demo.out"
t1=$(date +%s%N)
[ -f "$NB/key.json" ] && [ -f "$NB/notebook.db" ] || fail "casebook demo made no notebook"
echo "ok   casebook demo ($(ms "$t0" "$t1") ms)"

printf '%s\n' "$PASS" | run "$APP/casebook" --passphrase-stdin --notebook "$NB" search visit --limit 3 \
    > "$T/log/search.out"
[ "$(grep -c 'C-[0-9]' "$T/log/search.out")" -ge 1 ] || fail "casebook search found nothing"
echo "ok   casebook search ($(grep -c 'C-[0-9]' "$T/log/search.out") hits)"

ref="$(printf '%s\n' "$PASS" | run "$APP/casebook" --passphrase-stdin --notebook "$NB" case list \
    | awk 'NR == 2 {print $1}')"
printf '%s\n' "$PASS" | run "$APP/casebook" --passphrase-stdin --notebook "$NB" \
    summary --case "$ref" -o "$T/work/summary.pdf" > /dev/null
run "$APP/casebook" verify "$T/work/summary.pdf" > "$T/log/verify.out" ||
    fail "casebook verify rejected the summary: $(cat "$T/log/verify.out")"
echo "ok   casebook summary + verify (case $ref, $(stat -c %s "$T/work/summary.pdf") bytes)"

# -- window -----------------------------------------------------------------------------------
out="$(run "$APP/casebook-app" --version)"
[ "$out" = "casebook-app $VERSION" ] || fail "casebook-app --version printed '$out'"
t0=$(date +%s%N)
status=0
run timeout 60 "$APP/casebook-app" --smoke-test --timing --notebook "$NB" 2> "$T/log/app.err" || status=$?
t1=$(date +%s%N)
APP_MS=$(ms "$t0" "$t1")
[ "$status" -eq 0 ] || fail "casebook-app --smoke-test exited $status: $(cat "$T/log/app.err")"
FIRST_WINDOW="$(sed -n 's/.*first window shown after \([0-9.]*\) s.*/\1/p' "$T/log/app.err")"
echo "ok   casebook-app --smoke-test offscreen (exit 0 after $APP_MS ms)"

# -- what it touched ----------------------------------------------------------------------------
if [ ${#STRACE[@]} -gt 0 ]; then
    if grep -hE 'socket\(AF_INET6?,|sa_family=AF_INET6?' "$T"/log/net.* > "$T/log/inet"; then
        fail "network sockets opened: $(head -3 "$T/log/inet")"
    fi
    echo "ok   no AF_INET/AF_INET6 socket opened (strace)"
fi
[ ${#NO_NET[@]} -gt 0 ] && echo "ok   ran without a network (unshare -n)"
stray="$(find "$T/home" "$T/tmp" -mindepth 1 | sed "s|^$T/||")"
[ -z "$stray" ] || fail "wrote outside the platformdirs folders: $stray"
changed="$(find "$PKG" -newer "$T/log/mark" | sed "s|^$PKG/||")"
[ -z "$changed" ] || fail "the bundle changed while running: $changed"
echo "ok   HOME, TMPDIR and the bundle untouched; written under XDG: $(cd "$T/xdg" &&
    find . -mindepth 2 -maxdepth 2 | sed 's|^\./||' | tr '\n' ' ')"

# -- install.sh -------------------------------------------------------------------------------
run sh "$PKG/install.sh" > "$T/log/install.out"
L="$T/home/.local"
[ -L "$L/bin/casebook" ] && [ -L "$L/bin/casebook-app" ] || fail "install.sh made no links"
grep -q "^Exec=\"$L/opt/casebook/casebook-app\"" "$L/share/applications/casebook.desktop" ||
    fail "installed casebook.desktop does not name the installed program"
[ -f "$L/share/icons/hicolor/256x256/apps/casebook.png" ] || fail "icons not installed"
out="$(run "$L/bin/casebook" --version)"   # through the symlink, from another folder
[ "$out" = "casebook $VERSION" ] || fail "installed casebook --version printed '$out'"
run timeout 60 "$L/bin/casebook-app" --smoke-test --notebook "$NB" 2> /dev/null ||
    fail "installed casebook-app --smoke-test failed"
run sh "$L/opt/casebook/install.sh" --uninstall > /dev/null
left="$(find "$L" \( -type f -o -type l \) ! -name icon-theme.cache ! -name mimeinfo.cache |
    sed "s|^$T/||")"
[ -z "$left" ] || fail "uninstall left: $left"
echo "ok   install.sh into ~/.local, run through the links, --uninstall"

echo
echo "Start-up (bundled, this machine):"
echo "  casebook --version:                 $CLI_VERSION_MS ms"
echo "  casebook-app to first window:       ${FIRST_WINDOW:-?} s after its Python code starts"
echo "  casebook-app --smoke-test, process: $APP_MS ms (launch, window, event loop, quit)"
echo "PASS: smoke test of $(basename "$ARCHIVE")"
