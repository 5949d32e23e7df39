"""Render the app icon from ``desktop-assistant.svg`` into every file the platforms want.

    python resources/icons/render.py

writes, beside this script (commit them; they are small):

- ``hicolor/<n>x<n>/apps/desktop-assistant.png`` for n in 16 22 24 32 48 64 128 256 512, and
  ``hicolor/scalable/apps/desktop-assistant.svg`` (the freedesktop icon theme layout: Linux
  menus, the AppImage, and ``ui/app_icon.py`` at run time);
- ``desktop-assistant.ico``: Windows, one PNG per size from 16 to 256 (Explorer, taskbar,
  the Inno Setup installer);
- ``desktop-assistant.icns``: macOS, the sizes Finder and the Dock ask for up to 1024
  (512@2x). ``iconutil -c icns`` on a Mac builds the same from an ``.iconset`` folder, if
  preferred.

Each size is rendered from the SVG by Qt's own renderer (QtSvg), not scaled down from a big
bitmap, so the small sizes stay sharp (the SVG is drawn on a 16-unit grid). Pillow, already
installed with python-pptx, packs the Windows and macOS containers.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "desktop-assistant.svg"
NAME = "desktop-assistant"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(size: int) -> bytes:
    """The icon as a ``size``×``size`` PNG with a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def pack(pngs: dict[int, bytes], sizes: tuple[int, ...], path: Path, kind: str) -> None:
    """Write ``sizes`` of ``pngs`` as one ``kind`` ("ICO" or "ICNS") file with Pillow."""
    from PIL import Image

    images = [Image.open(io.BytesIO(pngs[size])) for size in sorted(sizes, reverse=True)]
    options = {"sizes": [(size, size) for size in sizes]} if kind == "ICO" else {}
    images[0].save(path, format=kind, append_images=images[1:], **options)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {size: render_png(size)
            for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in HICOLOR_SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = HERE / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    pack(pngs, ICO_SIZES, HERE / f"{NAME}.ico", "ICO")
    pack(pngs, ICNS_SIZES, HERE / f"{NAME}.icns", "ICNS")
    del app
    print(f"Wrote {len(HICOLOR_SIZES)} PNGs, the SVG, {NAME}.ico and {NAME}.icns under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
