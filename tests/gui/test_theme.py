"""Light and dark themes: the setting forces one, "" follows the system's colour scheme live,
the style sheet loads with every colour filled in, and text stays readable (contrast ≥ 4.5:1)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop_assistant.ui import theme
from tests.gui.driving import TIMEOUT_MS

ROLE = QPalette.ColorRole
# (text, background) pairs of the palette that carry text.
PALETTE_PAIRS = [
    (ROLE.WindowText, ROLE.Window), (ROLE.Text, ROLE.Base), (ROLE.Text, ROLE.AlternateBase),
    (ROLE.ButtonText, ROLE.Button), (ROLE.HighlightedText, ROLE.Highlight),
    (ROLE.ToolTipText, ROLE.ToolTipBase), (ROLE.PlaceholderText, ROLE.Base),
    (ROLE.Link, ROLE.Base),
]
# (text, background) pairs of base.qss's colours, as the style sheet draws them.
SHEET_PAIRS = [
    ("gray_900", "base"), ("gray_800", "base"), ("gray_700", "base"), ("gray_500", "base"),
    ("gray_500", "gray_50"), ("gray_500", "gray_100"), ("gray_900", "gray_50"),
    ("gray_800", "gray_100"), ("accent_text", "base"), ("on_accent", "accent"),
    ("selected_text", "selected_bg"), ("blue_text", "blue_50"), ("red_text_strong", "red_50"),
    ("red_text", "red_50"), ("red_text", "base"), ("amber_text_strong", "amber_50"),
    ("amber_text", "base"), ("green_text", "base"), ("violet_text", "violet_50"),
    ("gray_600", "base"),
]


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """The application's style and palette put back as they were, and no theme follower
    left for later tests."""
    style = qapp.style().name()
    palette = QPalette(qapp.palette())
    sheet = qapp.styleSheet()
    yield qapp
    found = theme.follower(qapp)
    if found is not None:
        found.setParent(None)
        found.deleteLater()
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def window_lightness(widget: Any) -> int:
    return int(widget.palette().color(ROLE.Window).lightness())


def test_the_setting_forces_dark_or_light_on_the_window_and_native_dialogs(
    qtbot: Any, app_look: QApplication, home: Path, services: Any
) -> None:
    from desktop_assistant.ui.main_window import MainWindow

    settings_file = services.paths.settings_file
    settings_file.write_text('theme = "dark"\n', encoding="utf-8")
    assert theme.chosen_theme(settings_file) == "dark"
    follower = theme.follow(app_look, theme.chosen_theme(settings_file))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert follower.theme == "dark"
    assert window_lightness(window) < 60
    assert window.palette().color(ROLE.WindowText).lightness() > 200
    assert theme.colors("dark")["base"] in app_look.styleSheet()  # window and dialogs
    box = QMessageBox(QMessageBox.Icon.Information, "t", "native", parent=window)
    menu = QMenu()
    assert window_lightness(box) < 60
    assert window_lightness(menu) < 60

    with qtbot.waitSignal(follower.changed, timeout=TIMEOUT_MS):
        theme.set_theme("light")  # Settings → Appearance: at once, no restart
    assert window_lightness(window) > 240
    assert theme.colors("light")["base"] in app_look.styleSheet()
    assert theme.colors("dark")["base"] not in app_look.styleSheet()
    menu.deleteLater()
    window.shutdown()


def test_following_the_system_switches_live_when_its_scheme_changes(
    app_look: QApplication,
) -> None:
    follower = theme.follow(app_look, "")
    follower.watch_system()  # after the first paint, as the app does
    hints = app_look.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert follower.theme == "dark"
    assert window_lightness(app_look) < 60
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert follower.theme == "light"
    assert window_lightness(app_look) > 240

    follower.set_choice("dark")  # forced: the system's scheme no longer matters
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert follower.theme == "dark"


def test_a_broken_settings_file_or_unknown_value_follows_the_system(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    assert theme.chosen_theme(settings_file) == ""
    settings_file.write_text('theme = "purple"\n', encoding="utf-8")
    assert theme.chosen_theme(settings_file) == ""
    settings_file.write_text("theme = [not toml", encoding="utf-8")
    assert theme.chosen_theme(settings_file) == ""
    settings_file.write_text('theme = "light"\n', encoding="utf-8")
    assert theme.chosen_theme(settings_file) == "light"


@pytest.mark.parametrize("name", theme.THEMES)
def test_the_style_sheet_loads_with_every_colour_filled_in(name: str) -> None:
    sheet = theme.style_sheet(name)
    assert "${" not in sheet
    assert "$" not in sheet
    assert "#chatInput" in sheet
    assert "#confirmationCard" in sheet
    assert "Microsoft YaHei UI" in sheet
    assert "PingFang SC" in sheet
    assert "Noto Sans CJK SC" in sheet
    # Text sizes that follow the scaling: points, not pixels.
    assert "font-size: 10.5pt" in sheet
    assert "px;" not in [part.split(":")[-1].strip()[-3:] for part in sheet.split(";")
                         if "font-size" in part]
    assert set(theme.colors("light")) == set(theme.colors("dark"))


@pytest.mark.parametrize("name", theme.THEMES)
def test_text_colours_have_a_contrast_of_at_least_4_5(name: str) -> None:
    palette = theme.palette(name)
    low = [(text.name, background.name, round(theme.contrast(palette.color(text),
                                                             palette.color(background)), 2))
           for text, background in PALETTE_PAIRS
           if theme.contrast(palette.color(text), palette.color(background)) < 4.5]
    assert low == []
    colors = theme.colors(name)
    low_sheet = [(text, background, round(theme.contrast(colors[text], colors[background]), 2))
                 for text, background in SHEET_PAIRS
                 if theme.contrast(colors[text], colors[background]) < 4.5]
    assert low_sheet == []
    assert theme.is_dark(palette) == (name == "dark")


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_appearance_settings_apply_the_theme_at_once(
    qtbot: Any, app_look: QApplication, services: Any
) -> None:
    from desktop_assistant.ui.appearance_settings import AppearanceSettings

    theme.follow(app_look, "")
    tab = AppearanceSettings(services, restart=lambda: None)
    qtbot.addWidget(tab)
    tab.theme.setCurrentIndex(tab.theme.findData("dark"))
    assert tab.save()
    assert services.settings.theme == "dark"
    assert theme.chosen_theme(services.paths.settings_file) == "dark"
    assert window_lightness(app_look) < 60
    assert tab.restart_offer is None  # the language did not change


def test_the_app_is_created_with_the_themes_style_without_asking_for_it() -> None:
    """``styled_application`` hands the style to Qt's ``-style`` argument (asking for the
    style from Python costs ~10 ms before the first paint). Run with another style than
    Fusion, which offscreen Qt uses anyway, so the argument is seen to work."""
    probe = (
        "import sys\n"
        "from desktop_assistant.ui import theme\n"
        "theme.STYLE = 'Windows'\n"
        "app = theme.styled_application(sys.argv)\n"
        "style = app.style().metaObject().className()\n"
        "follower = theme.follow(app, 'dark')\n"
        "print(style, bool(app.property(theme.STYLE_READY)), follower.theme)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["QWindowsStyle", "True", "dark"]


def test_at_start_the_style_sheet_waits_until_the_window_is_built(
    qtbot: Any, app_look: QApplication, services: Any
) -> None:
    """The app's start sets the palette first and the style sheet once the window exists (its
    widgets are then polished in one pass); both are the chosen theme's."""
    from desktop_assistant.ui.main_window import MainWindow

    app_look.setStyleSheet("")
    looks = theme.follow(app_look, "dark", style_sheet_later=True)
    assert window_lightness(QMenu()) < 60  # the palette at once
    assert app_look.styleSheet() == ""
    window = MainWindow(services)
    qtbot.addWidget(window)
    looks.apply_style_sheet()
    assert app_look.styleSheet() == theme.style_sheet("dark")
    looks.apply_style_sheet()  # only once
    theme.set_theme("light")  # later changes carry the style sheet at once
    assert app_look.styleSheet() == theme.style_sheet("light")
    window.shutdown()
