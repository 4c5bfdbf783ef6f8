#!/bin/sh
# Install Casebook for the current user: no administrator rights, nothing outside ~/.local.
#
#   ./install.sh                 install (or upgrade) from this unpacked archive
#   ./install.sh --uninstall     remove the program (your notebooks are kept)
#   ./install.sh --prefix DIR    use DIR instead of ~/.local
#
# Puts the program in PREFIX/opt/casebook, links PREFIX/bin/casebook and casebook-app,
# and registers the menu entry and icons in PREFIX/share/applications and
# PREFIX/share/icons/hicolor. Notebooks live in ~/.local/share/Casebook and are never
# touched by installing, upgrading or uninstalling.
set -eu

PREFIX="${HOME:?HOME is not set}/.local"
ACTION=install
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) ACTION=uninstall ;;
        --prefix) PREFIX="${2:?--prefix needs a folder}"; shift ;;
        --prefix=*) PREFIX="${1#--prefix=}" ;;
        -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

APP_DIR="$PREFIX/opt/casebook"
BIN_DIR="$PREFIX/bin"
SHARE="$PREFIX/share"
DESKTOP="$SHARE/applications/casebook.desktop"
ICON_SIZES="16 24 32 48 64 128 256"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
}

remove_installed() {
    for exe in casebook casebook-app; do
        # Only our own links: a casebook from elsewhere (pip, a developer's venv) stays.
        if [ -L "$BIN_DIR/$exe" ] && [ "$(readlink "$BIN_DIR/$exe")" = "$APP_DIR/$exe" ]; then
            rm -f "$BIN_DIR/$exe"
        fi
    done
    rm -f "$DESKTOP" "$SHARE/icons/hicolor/scalable/apps/casebook.svg"
    for s in $ICON_SIZES; do rm -f "$SHARE/icons/hicolor/${s}x${s}/apps/casebook.png"; done
    rm -rf "$APP_DIR"
}

if [ "$ACTION" = uninstall ]; then
    remove_installed
    refresh_caches
    echo "Casebook removed from $PREFIX."
    echo "Your notebooks were not touched: they are in ${XDG_DATA_HOME:-$HOME/.local/share}/Casebook"
    echo "(and wherever else you created one). Delete them yourself only when you are sure."
    exit 0
fi

HERE="$(cd "$(dirname "$0")" && pwd)"
[ -x "$HERE/casebook/casebook-app" ] || {
    echo "install.sh: run me from the unpacked archive (casebook/casebook-app not found)" >&2
    exit 1
}
case "$(uname -m)" in
    x86_64|amd64) ;;
    *) echo "install.sh: this build is for x86_64; this computer is $(uname -m)" >&2; exit 1 ;;
esac

# Replace any earlier version as a whole; copy first, then swap, so a failed copy leaves
# the old version working.
mkdir -p "$PREFIX/opt" "$BIN_DIR" "$SHARE/applications"
rm -rf "$APP_DIR.new"
cp -R "$HERE/casebook" "$APP_DIR.new"
cp "$HERE/install.sh" "$APP_DIR.new/install.sh"   # so that --uninstall is there later
[ -f "$HERE/VERSION" ] && cp "$HERE/VERSION" "$APP_DIR.new/VERSION"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"

ln -sfn "$APP_DIR/casebook" "$BIN_DIR/casebook"
ln -sfn "$APP_DIR/casebook-app" "$BIN_DIR/casebook-app"

# The menu entry names the program by its full path: ~/.local/bin is not on every
# desktop session's PATH.
sed -e "s|^Exec=.*|Exec=\"$APP_DIR/casebook-app\"|" \
    -e "s|^TryExec=.*|TryExec=$APP_DIR/casebook-app|" \
    "$HERE/casebook.desktop" > "$DESKTOP"
chmod 644 "$DESKTOP"
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$HERE/icons/hicolor/scalable/apps/casebook.svg" "$SHARE/icons/hicolor/scalable/apps/"
for s in $ICON_SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${s}x${s}/apps"
    cp "$HERE/icons/hicolor/${s}x${s}/apps/casebook.png" "$SHARE/icons/hicolor/${s}x${s}/apps/"
done
refresh_caches

# The window needs a few system libraries every desktop has, plus X11 ones some lack.
# Name any that are missing (the program itself is already installed).
if command -v ldd >/dev/null 2>&1; then
    LIBS="$APP_DIR/_internal:$APP_DIR/_internal/PySide6/Qt/lib"
    missing=$(for f in "$APP_DIR/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" \
                       "$APP_DIR/_internal/PySide6/Qt/lib/libQt6Widgets.so.6"; do
                  LD_LIBRARY_PATH="$LIBS" ldd "$f" 2>/dev/null
              done | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    if [ -n "$missing" ]; then
        echo "Note: the window needs system libraries that are missing: $missing" >&2
        echo "On Debian or Ubuntu an administrator can add them with:" >&2
        echo "  sudo apt-get install libegl1 libgl1 libfontconfig1 libfreetype6 libx11-6 libx11-xcb1 libxcb1 libdbus-1-3" >&2
    fi
fi

echo "Casebook $(cat "$APP_DIR/VERSION" 2>/dev/null || echo) installed in $APP_DIR."
echo "Start it from the applications menu (Casebook), or run: casebook-app"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "($BIN_DIR is not on your PATH yet; it usually is after logging in again.)" ;;
esac
echo "To remove it later: $APP_DIR/install.sh --uninstall"
