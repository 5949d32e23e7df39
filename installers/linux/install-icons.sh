#!/usr/bin/env bash
# Put Desktop Assistant in this person's application menu: the launcher and its icons, into
# ~/.local/share (XDG_DATA_HOME), no root needed.
#
#   installers/linux/install-icons.sh                        # Exec=desktop-assistant (on PATH)
#   installers/linux/install-icons.sh --exec ~/apps/desktop-assistant/desktop-assistant
#   installers/linux/install-icons.sh --uninstall
#
# --exec points the launcher at an unpacked bundle (dist/desktop-assistant/desktop-assistant).
# The person's data is not touched by --uninstall: "desktop-assistant data delete-all" does that.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ICONS="$HERE/../../resources/icons/hicolor"
NAME=desktop-assistant
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APPLICATIONS="$DATA/applications"
THEME="$DATA/icons/hicolor"

mode=install
exec_path=""
while [ $# -gt 0 ]; do
    case "$1" in
        --exec) exec_path="${2:?--exec needs the path of the desktop-assistant program}"; shift 2 ;;
        --uninstall) mode=uninstall; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPLICATIONS" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$THEME/index.theme" ]; then
        gtk-update-icon-cache -q -t "$THEME" || true
    fi
}

if [ "$mode" = uninstall ]; then
    rm -f "$APPLICATIONS/$NAME.desktop"
    for folder in "$THEME"/*/apps; do
        rm -f "$folder/$NAME.png" "$folder/$NAME.svg"
    done
    refresh
    echo "Removed the launcher and icons from $DATA"
    exit 0
fi

exec_line="$NAME"
if [ -n "$exec_path" ]; then
    exec_path="$(readlink -f "$exec_path")"
    if [ ! -x "$exec_path" ]; then
        echo "error: $exec_path is not an executable program" >&2
        exit 1
    fi
    case "$exec_path" in
        *[\"\`\$\\%]*) echo "error: the path may not contain \" \` \$ \\ or %" >&2; exit 1 ;;
    esac
    exec_line="\"$exec_path\""  # quoted as the Desktop Entry spec asks (spaces)
fi

for source in "$ICONS"/*/apps/$NAME.*; do
    size="$(basename "$(dirname "$(dirname "$source")")")"
    mkdir -p "$THEME/$size/apps"
    cp "$source" "$THEME/$size/apps/"
done
mkdir -p "$APPLICATIONS"
sed "s|^Exec=.*|Exec=$exec_line|" "$HERE/$NAME.desktop" > "$APPLICATIONS/$NAME.desktop.tmp"
mv "$APPLICATIONS/$NAME.desktop.tmp" "$APPLICATIONS/$NAME.desktop"
refresh
echo "Installed $APPLICATIONS/$NAME.desktop and icons under $THEME"
