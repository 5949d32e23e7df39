#!/usr/bin/env bash
# Pack the signed "Desktop Assistant.app" into dist/desktop-assistant-<version>.dmg (macOS only).
#
#   installers/macos/build-dmg.sh            # from the repository root, after pyinstaller
#
# The version comes from desktop_assistant.__version__. The disk image holds the app and a
# link to /Applications, so people drag one onto the other. Sign the app first (README.md);
# with SIGN_IDENTITY set the image is signed too, ready for notarytool.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PYTHON="${PYTHON:-python3}"
APP="${APP:-dist/Desktop Assistant.app}"
VERSION="$("$PYTHON" -c 'import desktop_assistant; print(desktop_assistant.__version__)')"
DMG="dist/desktop-assistant-${VERSION}.dmg"

if [ "$(uname -s)" != "Darwin" ]; then
    echo "error: hdiutil is macOS only; run this on a Mac" >&2
    exit 1
fi
if [ ! -d "$APP" ]; then
    echo "error: $APP not found: build it first (pyinstaller --noconfirm --clean pyinstaller.spec)" >&2
    exit 1
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"

rm -f "$DMG"
hdiutil create -volname "Desktop Assistant" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$SIGN_IDENTITY" "$DMG"
fi
echo "Wrote $DMG"
