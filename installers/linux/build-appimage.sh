#!/usr/bin/env bash
# Make dist/Desktop_Assistant-<version>-<arch>.AppImage from the PyInstaller bundle.
#
#   installers/linux/build-appimage.sh                 # from the repository root
#   installers/linux/build-appimage.sh --appdir-only   # only build/AppDir (no appimagetool)
#
# Builds an AppDir (the bundle under usr/lib/desktop-assistant, AppRun, the .desktop file, the
# icons and the AppStream metadata), then packs it with appimagetool. appimagetool is not
# fetched here: download it yourself (README.md) and put it on PATH or in APPIMAGETOOL.
# Environment: BUNDLE (default dist/desktop-assistant), APPDIR (default build/AppDir),
# PYTHON (to read the version), ARCH (default: this machine's).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LINUX=installers/linux
NAME=desktop-assistant
METAINFO=com.example.desktop_assistant.metainfo.xml
BUNDLE="${BUNDLE:-dist/$NAME}"
APPDIR="${APPDIR:-build/AppDir}"
PYTHON="${PYTHON:-python3}"
export ARCH="${ARCH:-$(uname -m)}"

appdir_only=false
[ "${1:-}" = "--appdir-only" ] && appdir_only=true

if [ ! -x "$BUNDLE/$NAME" ]; then
    echo "error: $BUNDLE/$NAME not found: build the bundle first" \
         "(pyinstaller --noconfirm --clean pyinstaller.spec)" >&2
    exit 1
fi
VERSION="$("$PYTHON" -c 'import desktop_assistant; print(desktop_assistant.__version__)')"

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/bin" "$APPDIR/usr/share/applications" \
         "$APPDIR/usr/share/metainfo"
cp -a "$BUNDLE" "$APPDIR/usr/lib/$NAME"
ln -s "../lib/$NAME/$NAME" "$APPDIR/usr/bin/$NAME"
mkdir -p "$APPDIR/usr/share/icons"
cp -a resources/icons/hicolor "$APPDIR/usr/share/icons/"
cp "$LINUX/$NAME.desktop" "$APPDIR/usr/share/applications/"
cp "$LINUX/$METAINFO" "$APPDIR/usr/share/metainfo/"
# appimagetool wants the launcher and icon at the top of the AppDir too.
cp "$LINUX/$NAME.desktop" "$APPDIR/$NAME.desktop"
cp resources/icons/hicolor/256x256/apps/$NAME.png "$APPDIR/$NAME.png"
ln -s "$NAME.png" "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'APPRUN'
#!/bin/sh
# Start the bundled program with the arguments given to the AppImage.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/desktop-assistant/desktop-assistant" "$@"
APPRUN
chmod +x "$APPDIR/AppRun"
echo "Built $APPDIR (Desktop Assistant $VERSION)"

if [ "$appdir_only" = true ]; then
    exit 0
fi
TOOL="${APPIMAGETOOL:-$(command -v appimagetool || true)}"
if [ -z "$TOOL" ]; then
    echo "error: appimagetool not found: download it (installers/linux/README.md) and put it" \
         "on PATH or set APPIMAGETOOL" >&2
    exit 1
fi
mkdir -p dist
OUTPUT="dist/Desktop_Assistant-$VERSION-$ARCH.AppImage"
VERSION="$VERSION" "$TOOL" "$APPDIR" "$OUTPUT"
echo "Wrote $OUTPUT"
