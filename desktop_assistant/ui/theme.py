"""Light and dark themes: the style sheet, the palette, and following the system's colour scheme.

``resources/styles/base.qss`` is the window's style sheet with ``${name}`` colours; each theme
(``light.toml``, ``dark.toml``) gives those colours and the Qt palette. The Fusion style draws
the native parts (menus, dialogs, scroll bars, message boxes) from that palette, so they follow
the theme on every platform.

The ``theme`` setting picks one ("light", "dark") or follows the system (""). Before the first
paint the system's scheme is told by the lightness of the platform's palette: asking
``QStyleHints.colorScheme()`` would build PySide6's ``Qt`` namespace, which waits until after
the first paint (tests/gui/test_startup_path.py). After it, ``ThemeFollower.watch_system``
switches live when the system's scheme changes.
"""

from __future__ import annotations

import logging
import tomllib
from functools import cache
from pathlib import Path
from string import Template

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_assistant.resources import resource_path
from desktop_assistant.settings import peek

log = logging.getLogger(__name__)

THEMES = ("light", "dark")
CHOICES = ("", *THEMES)
"""The ``theme`` setting's values: "" follows the system."""
STYLE = "Fusion"
STYLE_READY = "themeStyleReady"  # application property: created with STYLE (styled_application)


def chosen_theme(settings_file: Path) -> str:
    """The ``theme`` setting, read before the window is built (``settings.peek``): "",
    "light" or "dark"."""
    return peek(settings_file, "theme", THEMES)


@cache
def _theme_file(theme: str) -> dict[str, dict[str, str]]:
    with resource_path("styles", f"{theme}.toml").open("rb") as file:
        return tomllib.load(file)


def colors(theme: str) -> dict[str, str]:
    """The named colours of ``theme`` (``gray_500``, ``red_text`` …) as "#rrggbb"."""
    return dict(_theme_file(theme)["colors"])


@cache
def style_sheet(theme: str) -> str:
    """``base.qss`` with ``theme``'s colours filled in (a name it lacks raises KeyError)."""
    template = Template(resource_path("styles", "base.qss").read_text(encoding="utf-8"))
    return template.substitute(colors(theme))


def palette(theme: str) -> QPalette:
    """The Qt palette of ``theme``: every colour group, then the disabled group's text."""
    table = _theme_file(theme)
    result = QPalette()
    for role, value in table["palette"].items():
        result.setColor(getattr(QPalette.ColorRole, role), QColor(value))
    for role, value in table.get("disabled", {}).items():
        result.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                        QColor(value))
    return result


def is_dark(palette_: QPalette) -> bool:
    """Whether ``palette_`` is a dark one (light text on a dark window)."""
    window = palette_.color(QPalette.ColorRole.Window).lightness()
    text = palette_.color(QPalette.ColorRole.WindowText).lightness()
    return window < text


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; body text needs 4.5)."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
                + 0.0722 * channel(color.blueF()))

    lighter, darker = sorted((luminance(QColor(foreground)), luminance(QColor(background))),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class ThemeFollower(QObject):
    """Applies the chosen theme to the application and keeps it in step with the system's
    colour scheme while the choice is "" (follow the system). One per application: ``follow``."""

    changed = Signal(str)
    """The theme now shown ("light" or "dark")."""

    def __init__(self, app: QApplication, choice: str = "", *,
                 style_sheet_later: bool = False) -> None:
        super().__init__(app)
        self.setObjectName("themeFollower")
        self._app = app
        self._sheet_held = style_sheet_later
        # The platform's own palette, before ours replaces it: its lightness is the system's
        # scheme until the style hints can be asked (after the first paint).
        self.system = "dark" if is_dark(QGuiApplication.palette()) else "light"
        self._watching = False
        self.choice = choice if choice in CHOICES else ""
        self.theme = ""
        self.apply()

    def set_choice(self, choice: str) -> None:
        """Use ``choice`` ("" follows the system) from now on."""
        self.choice = choice if choice in CHOICES else ""
        if self._watching:
            self._request_scheme()
            if not self.choice:  # what the system says now, with our request taken back
                self._scheme_changed(self._app.styleHints().colorScheme())
        self.apply()

    def apply(self) -> None:
        theme = self.choice or self.system
        if theme == self.theme:
            return
        if (not self.theme and not self._app.property(STYLE_READY)
                and self._app.style().name().lower() != STYLE.lower()):
            self._app.setStyle(STYLE)  # ~10 ms: only where the platform's style is another
        self.theme = theme
        self._app.setPalette(palette(theme))
        if not self._sheet_held:
            self._app.setStyleSheet(style_sheet(theme))
        log.debug("Theme: %s (setting %r, system %s)", theme, self.choice, self.system)
        self.changed.emit(theme)

    def apply_style_sheet(self) -> None:
        """The style sheet held back by ``style_sheet_later``: set once the window is built,
        its widgets are polished in one pass instead of each as it is made (~8 ms before the
        first paint)."""
        if self._sheet_held:
            self._sheet_held = False
            self._app.setStyleSheet(style_sheet(self.theme))

    def watch_system(self) -> None:
        """Follow the system's colour scheme live (after the first paint: it builds ``Qt``)."""
        if self._watching:
            return
        self._watching = True
        hints = self._app.styleHints()
        hints.colorSchemeChanged.connect(self._scheme_changed)
        self._scheme_changed(hints.colorScheme())
        self._request_scheme()

    def _request_scheme(self) -> None:
        """Tell the platform the scheme the app shows, so title bars match where it can (Qt
        6.8+, Windows and some Linux desktops); following the system takes the request back."""
        from PySide6.QtCore import Qt

        hints = self._app.styleHints()
        if not hasattr(hints, "setColorScheme"):
            return
        if self.choice:
            wanted = Qt.ColorScheme.Dark if self.choice == "dark" else Qt.ColorScheme.Light
            hints.setColorScheme(wanted)
        else:
            hints.unsetColorScheme()

    def _scheme_changed(self, scheme: object) -> None:
        from PySide6.QtCore import Qt

        if self.choice:
            return  # a theme is forced: this is our own request echoed back
        if scheme == Qt.ColorScheme.Dark:
            self.system = "dark"
        elif scheme == Qt.ColorScheme.Light:
            self.system = "light"
        else:
            return  # Unknown: keep what the platform's palette said
        self.apply()


def styled_application(argv: list[str]) -> QApplication:
    """A new QApplication with the theme's style from the start (Qt's ``-style`` argument).
    Asking for or setting the style from Python builds QStyle's enums first: about 10 ms
    before the first paint that this avoids."""
    app = QApplication([*argv, "-style", STYLE])
    app.setProperty(STYLE_READY, True)
    return app


def follower(app: QApplication | None = None) -> ThemeFollower | None:
    """The application's theme follower, if ``follow`` has made one."""
    app = app or _application()
    return app.findChild(ThemeFollower, "themeFollower") if app is not None else None


def follow(app: QApplication, choice: str = "", *,
           style_sheet_later: bool = False) -> ThemeFollower:
    """Show ``choice``'s theme ("" follows the system) in ``app``, now and from then on;
    ``style_sheet_later``: its style sheet only at ``apply_style_sheet()`` (the app's start)."""
    existing = follower(app)
    if existing is not None:
        existing.set_choice(choice)
        return existing
    return ThemeFollower(app, choice, style_sheet_later=style_sheet_later)


def set_theme(choice: str) -> None:
    """Settings → Appearance: show ``choice``'s theme at once."""
    app = _application()
    if app is not None:
        follow(app, choice)


def current_theme() -> str:
    """The theme shown: "light" or "dark" ("light" before ``follow`` has applied one)."""
    found = follower()
    return found.theme if found is not None and found.theme else "light"


def current_colors() -> dict[str, str]:
    """The named colours of the theme shown, for widgets that paint or write HTML themselves
    (``current_colors()["gray_500"]``)."""
    return colors(current_theme())


def _application() -> QApplication | None:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None
