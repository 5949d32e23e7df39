"""The app's icon for windows, the taskbar and the tray: every rendered size of
``resources/icons/hicolor`` in one QIcon, so Qt picks the sharpest for each place.

PNGs rather than the SVG: they need no QtSvg plugin in the bundle, and the small sizes were
rendered on the icon's pixel grid (resources/icons/render.py).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop_assistant.resources import resource_path

ICON_NAME = "desktop-assistant"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The icon from the rendered PNGs (a null icon when the files are missing, so a broken
    install still starts; ``QIcon.isNull()`` tells)."""
    icon = QIcon()
    for size in SIZES:
        path = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{ICON_NAME}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
