"""The Qt half of ``--self-check`` (desktop_assistant/self_check.py): the Chinese catalogs load
and translate, and the window starts the way ``desktop-assistant`` starts it, paints, shows
Chinese text and closes again.

The window runs the real start-up path (``ui.application.run``): first paint, the history,
the warm-up worker and what runs in the background (tray, reminders, the single-instance
server), so a Qt plugin, library or module missing from a bundle shows here.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from desktop_assistant.resources import resource_path
from desktop_assistant.self_check import CheckFailed
from desktop_assistant.ui.translations import APP_CATALOG, QT_CATALOGS

if TYPE_CHECKING:
    from desktop_assistant.app import Services

LANGUAGE = "zh_CN"
# A string Qt's own catalog translates (the standard Cancel button).
QT_SAMPLE = ("QPlatformTheme", "Cancel")
CJK = re.compile(r"[\u3400-\u9fff]")
# What the offscreen platform says of every fixed-size dialog (the setup dialog opens, as no
# model is configured in the check's home); not a problem of the installation.
QT_NOISE = ("This plugin does not support propagateSizeHints",)
WINDOW_TIMEOUT_MS = 20_000
POLL_MS = 20


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(["desktop-assistant"])


def check_translations() -> str:
    """The app's zh_CN catalog and Qt's qtbase_zh_CN load, and Qt's translates its sample."""
    application()
    ours = resource_path("translations", APP_CATALOG.format(language=LANGUAGE))
    translator = QTranslator()
    if not translator.load(str(ours)):
        raise CheckFailed(f"the {LANGUAGE} catalog {ours} is missing or unreadable")
    if translator.isEmpty():
        raise CheckFailed(f"the {LANGUAGE} catalog {ours} holds no translations")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_file = f"{folder}/{QT_CATALOGS[0].format(language=LANGUAGE)}"
    qt = QTranslator()
    if not qt.load(qt_file):
        raise CheckFailed(f"Qt's catalog {qt_file} is missing or unreadable")
    translated = qt.translate(*QT_SAMPLE) or ""
    if not CJK.search(translated):
        raise CheckFailed(f"Qt's catalog does not translate {QT_SAMPLE[1]!r} ({translated!r})")
    return (f"{ours.name} and {QT_CATALOGS[0].format(language=LANGUAGE)} load "
            f"({QT_SAMPLE[1]} → {translated})")


def check_collation() -> str:
    """Qt's ICU data (trimmed in the bundle to English and Chinese) sorts Chinese by pinyin."""
    application()
    cities = ["上海", "北京", "广州"]  # by code point: 上 < 北 < 广; by pinyin: bei, guang, shang
    ordered = sorted(cities, key=QCollator(QLocale(LANGUAGE)).sortKey)
    if ordered != ["北京", "广州", "上海"]:
        raise CheckFailed(f"Chinese is not sorted by pinyin ({' < '.join(ordered)}): Qt's ICU "
                          "collation data is missing")
    return f"Chinese sorts by pinyin ({' < '.join(ordered)})"


def check_window(services: Services) -> str:
    """Start the window in Chinese as the app does, wait for its first paint and the
    background start, look at what it shows, and quit."""
    from desktop_assistant.ui.application import run
    from desktop_assistant.ui.main_window import MainWindow

    services.update_settings(interface_language=LANGUAGE)  # read again as the window starts
    seen: dict[str, object] = {}
    size: list[int] = []
    watcher = QObject()

    def window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)),
                    None)

    def painted() -> None:  # after the first paint (run()'s on_shown)
        seen["painted"] = True
        poll()

    def poll() -> None:
        shown = window()
        if shown is not None and shown.background is not None:
            seen["image"] = not shown.grab().isNull()
            seen["icon"] = not shown.windowIcon().isNull()
            size[:] = [shown.width(), shown.height()]
            seen["chinese"] = sorted({text for text in _visible_texts(shown)
                                      if CJK.search(text)}, key=len)
            shown.quit()
        else:
            QTimer.singleShot(POLL_MS, watcher, poll)

    def give_up() -> None:
        seen["timeout"] = True
        QCoreApplication.exit(1)

    application()
    QTimer.singleShot(WINDOW_TIMEOUT_MS, watcher, give_up)
    previous = qInstallMessageHandler(_quiet_qt_messages)
    try:
        code = run(services, on_shown=painted)
    finally:
        qInstallMessageHandler(previous)
    if seen.get("timeout"):
        if not seen.get("painted"):
            raise CheckFailed(f"the window did not paint within {WINDOW_TIMEOUT_MS // 1000} s")
        raise CheckFailed(f"the window painted but its background start (tray, reminders) "
                          f"did not finish within {WINDOW_TIMEOUT_MS // 1000} s")
    if code != 0:
        raise CheckFailed(f"the window's event loop ended with code {code}")
    if not seen.get("image"):
        raise CheckFailed("the window could not be drawn")
    if not seen.get("icon"):
        raise CheckFailed("the window has no icon: resources/icons/hicolor is missing")
    chinese = seen.get("chinese")
    if not isinstance(chinese, list) or not chinese:
        raise CheckFailed(f"the window shows no Chinese text with the {LANGUAGE} catalog "
                          "installed")
    return (f"painted {size[0]}x{size[1]} with its icon on {QApplication.platformName()}, "
            f"in Chinese "
            f"({', '.join(repr(text) for text in chinese[:3])} …), then closed")


def _quiet_qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if not message.startswith(QT_NOISE):
        print(message, file=sys.stderr)


def _visible_texts(window: QWidget) -> list[str]:
    texts = [window.windowTitle()]
    texts += [action.text() for action in window.findChildren(QAction)]
    texts += [widget.text() for widget in window.findChildren(QLabel)]
    texts += [widget.text() for widget in window.findChildren(QAbstractButton)]
    return [text for text in texts if text]
