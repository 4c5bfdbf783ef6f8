#!/usr/bin/env bash
# Build the Linux bundle and archive it as dist/casebook-VERSION-linux-x86_64.tar.gz.
#
#   packaging/build.sh            (PY=path/to/venv/python to choose the interpreter)
#
# Steps: render missing PNG icons, run PyInstaller on packaging/casebook.spec, check the
# bundle (every library it links is bundled or an expected system library; no unused Qt
# module slipped in), stage it with casebook.desktop, icons and install.sh, archive it.
# Prints build time, bundle size and archive size at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
START=$(date +%s)

VERSION="$(sed -n 's/^__version__ *= *["'\'']\([^"'\'']*\)["'\''].*/\1/p' casebook/__init__.py)"
[ -n "$VERSION" ] || { echo "build.sh: no __version__ in casebook/__init__.py" >&2; exit 1; }
ARCH="$(uname -m)"
NAME="casebook-$VERSION-linux-$ARCH"
WORK="$ROOT/build/pyinstaller"
BUNDLE_DIST="$ROOT/build/bundle"
STAGE="$ROOT/build/stage/$NAME"
ARCHIVE="$ROOT/dist/$NAME.tar.gz"
ICONS="$ROOT/resources/icons"
SIZES="16 24 32 48 64 128 256"

"$PY" -c "import PyInstaller" 2>/dev/null || {
    echo "build.sh: PyInstaller is not installed in $PY (pip install 'pyinstaller>=6.10,<7')" >&2
    exit 1
}

# -- 1. icons: the UI helper commits PNGs; render any that are missing from the SVG -----------
missing=""
for s in $SIZES; do [ -f "$ICONS/casebook-$s.png" ] || missing="$missing $s"; done
if [ -n "$missing" ]; then
    echo "Rendering icon sizes:$missing"
    if command -v rsvg-convert >/dev/null 2>&1; then
        for s in $missing; do rsvg-convert -w "$s" -h "$s" -o "$ICONS/casebook-$s.png" "$ICONS/casebook.svg"; done
    else
        QT_QPA_PLATFORM=offscreen "$PY" - "$ICONS" $missing <<'EOF'
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

folder, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
app = QGuiApplication(sys.argv[:1])
renderer = QSvgRenderer(f"{folder}/casebook.svg")
for size in sizes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(f"{folder}/casebook-{size}.png"):
        sys.exit(f"could not write casebook-{size}.png")
EOF
    fi
fi

# -- 2. PyInstaller -------------------------------------------------------------------------
echo "Building $NAME with PyInstaller ($("$PY" -m PyInstaller --version))"
rm -rf "$BUNDLE_DIST" "$ROOT/build/stage"
"$PY" -m PyInstaller --noconfirm --log-level WARN \
    --workpath "$WORK" --distpath "$BUNDLE_DIST" packaging/casebook.spec
BUNDLE="$BUNDLE_DIST/casebook"

# -- 3. checks ------------------------------------------------------------------------------
# Libraries the bundle may take from the system (Debian package in brackets): the C
# library, the C++ runtime, the GL dispatch, X11/xcb core, D-Bus, fontconfig/freetype,
# GLib, zlib, xz, zstd, libffi. Anything else missing means the spec pruned too much.
SYSTEM_OK='^(ld-linux.*|libc|libm|libdl|libpthread|librt|libutil|libstdc\+\+|libgcc_s|libEGL|libGL|libOpenGL|libGLX|libX11|libX11-xcb|libxcb|libdbus-1|libfontconfig|libfreetype|libglib-2\.0|libgthread-2\.0|libz|liblzma|libzstd|libffi|libexpat)\.so'
"$PY" - "$BUNDLE" "$SYSTEM_OK" <<'EOF'
import os, re, subprocess, sys

bundle, allowed = sys.argv[1], re.compile(sys.argv[2])
have, needed = set(), {}
for folder, _, files in os.walk(bundle):
    for name in files:
        have.add(name)
        path = os.path.join(folder, name)
        if ".so" in name or name in ("casebook", "casebook-app"):
            # Direct dependencies (DT_NEEDED) only: ldd would also list the system
            # libraries' own dependencies, which the system brings along.
            dump = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
            for lib in re.findall(r"^\s*NEEDED\s+(\S+)", dump, re.MULTILINE):
                needed.setdefault(lib, set()).add(os.path.relpath(path, bundle))
system = sorted(n for n in needed if n not in have)
bad = [n for n in system if not allowed.match(n)]
print("System libraries the bundle expects:", " ".join(system))
for n in bad:
    print(f"  NOT BUNDLED and not an expected system library: {n} (needed by "
          f"{', '.join(sorted(needed[n])[:3])})", file=sys.stderr)
unwanted = re.compile(r"Qt6?(WebEngine|Quick|Qml|Network|3D|Multimedia|Charts|Designer|Pdf|Sql|Test)|libqgtk3|tkinter|_tkinter|libtcl|libtk")
junk = sorted(n for n in have if unwanted.search(n))
for n in junk:
    print(f"  UNWANTED in bundle: {n}", file=sys.stderr)
sys.exit(1 if bad or junk else 0)
EOF
for f in "$BUNDLE/_internal/resources/fonts/DejaVuSans.ttf" "$BUNDLE/_internal/resources/icons/casebook.svg" \
         "$BUNDLE/_internal/resources/fonts/DroidSansFallback.ttf" \
         "$BUNDLE/_internal/resources/fonts/NotoSansThai-Regular.ttf" \
         "$BUNDLE/_internal/resources/fonts/Symbola_hint.ttf" \
         "$BUNDLE/_internal/resources/review/known-words.txt" \
         "$BUNDLE/_internal/resources/demo/demo.json" \
         "$BUNDLE/_internal/resources/review/common-words.txt" \
         "$BUNDLE/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" \
         "$BUNDLE/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so" \
         "$BUNDLE/_internal/PySide6/Qt/plugins/iconengines/libqsvgicon.so" \
         "$BUNDLE/_internal/PySide6/Qt/plugins/imageformats/libqsvg.so"; do
    [ -e "$f" ] || { echo "build.sh: missing from bundle: ${f#"$BUNDLE"/}" >&2; exit 1; }
done
GLIBC=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name casebook -o -name casebook-app \) -print0 \
    | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 || true)

# -- 4. stage and archive ---------------------------------------------------------------------
mkdir -p "$STAGE/icons/hicolor/scalable/apps" "$ROOT/dist"
cp -a "$BUNDLE" "$STAGE/casebook"
cp packaging/casebook.desktop packaging/install.sh packaging/INSTALL.txt "$STAGE/"
chmod 755 "$STAGE/install.sh"
cp "$ICONS/casebook.svg" "$STAGE/icons/hicolor/scalable/apps/casebook.svg"
for s in $SIZES; do
    mkdir -p "$STAGE/icons/hicolor/${s}x${s}/apps"
    cp "$ICONS/casebook-$s.png" "$STAGE/icons/hicolor/${s}x${s}/apps/casebook.png"
done
echo "$VERSION" > "$STAGE/VERSION"
# Reproducible-ish archive: sorted names, no owner, mtime of the last commit.
EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
rm -f "$ARCHIVE"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
    -C "$ROOT/build/stage" -cf - "$NAME" | gzip -n -6 > "$ARCHIVE"

END=$(date +%s)
echo
echo "Archive:      $ARCHIVE"
echo "Bundle size:  $(du -sh "$BUNDLE" | cut -f1) ($(du -sb "$BUNDLE" | cut -f1) bytes, $(find "$BUNDLE" -type f | wc -l) files)"
echo "Archive size: $(du -h "$ARCHIVE" | cut -f1) ($(stat -c %s "$ARCHIVE") bytes)"
echo "Needs glibc:  ${GLIBC#GLIBC_} or newer (set by the build machine; build on the oldest target)"
echo "Build time:   $((END - START)) s"
