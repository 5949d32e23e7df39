"""Installing the interface language: the app's own ``.qm`` and Qt's (standard buttons and
dialogs), before any widget is built.

The language is the ``interface_language`` setting, or the system's preferred UI language when
that is empty (Qt reads Windows' and macOS's settings as well as LANG/LC_* on Linux). English is
the source language: it needs only the plural forms of its ``.qm``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_assistant import i18n
from desktop_assistant.resources import resource_path

log = logging.getLogger(__name__)

APP_CATALOG = "desktop_assistant_{language}.qm"
QT_CATALOGS = ("qtbase_{language}.qm",)


def system_language() -> str:
    """The interface language the system asks for ("zh_CN" or "en")."""
    languages = QLocale.system().uiLanguages()
    return i18n.language_from_locale(languages[0] if languages else QLocale.system().name())


def effective_language(setting: str) -> str:
    return setting if setting in i18n.LANGUAGES else system_language()


def install_translations(app: QCoreApplication, setting: str = "") -> str:
    """Load the catalogs for ``setting`` ("" = the system's language) into ``app``, route
    ``i18n.translate`` through Qt, and return the language now in effect."""
    remove_translations(app)
    language = effective_language(setting)
    catalogs = [str(resource_path("translations", APP_CATALOG.format(language=language)))]
    if language != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogs += [f"{qt_folder}/{name.format(language=language)}" for name in QT_CATALOGS]
    installed: list[QTranslator] = []
    for path in catalogs:
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    if language != "en" and not installed:
        log.warning("No %s translation found in %s; the interface stays in English.",
                    language, resource_path("translations"))
    app.setProperty("interfaceLanguage", language)
    _installed[id(app)] = installed
    i18n.install(QCoreApplication.translate)
    return language


def interface_locale() -> QLocale:
    """The locale whose day and month names dates are written with: the interface language's,
    which its translation names (as Qt's own QT_LAYOUT_DIRECTION does), not the system's, so an
    English interface on a Chinese system still reads "Wed 26 Nov", and dates never come out in
    a language the rest of the text is not in."""
    return QLocale(QCoreApplication.translate(
        "DateFormats", "en_US", "the locale (a QLocale name) of day and month names"))


def remove_translations(app: QCoreApplication) -> None:
    for translator in _installed.pop(id(app), []):
        app.removeTranslator(translator)
        translator.deleteLater()
    app.setProperty("interfaceLanguage", None)
    i18n.install(None)


_installed: dict[int, list[QTranslator]] = {}
