"""Settings → Profile → Notifications: time zone, quiet hours, alerts, the briefing, the tray
and starting at login, checked as the reminders clock reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_assistant import autostart
from desktop_assistant.reminders.preferences import ReminderPreferences
from tests.gui.driving import TIMEOUT_MS


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the autostart entry goes (never the developer's own ~/.config)."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def dialog(qtbot: Any, services: Any) -> Any:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    shown = SettingsDialog(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.tabs.setCurrentIndex(1)
    assert shown.tabs.tabText(1) == "Profile"
    return shown


def test_the_form_shows_the_defaults(dialog: Any) -> None:
    group = dialog.profile.notifications
    assert group.zone.currentText() == ""
    assert group.zone.findText("Asia/Shanghai") > 0
    assert group.quiet.text() == ""
    assert group.alert.value() == 10
    assert group.briefing.text() == "09:00"
    assert [b.isChecked() for b in group.day_buttons] == [True] * 5 + [False] * 2
    assert group.close_to_tray.isChecked()
    assert not group.start_at_login.isChecked()


def test_saving_stores_what_the_clock_reads_and_starts_at_login(
    qtbot: Any, dialog: Any, services: Any, config_home: Path
) -> None:
    group = dialog.profile.notifications
    group.zone.setCurrentText("Asia/Shanghai")
    group.quiet.setText("22:00-07:30")
    group.alert.setValue(15)
    group.briefing.setText("8:30")
    qtbot.mouseClick(group.day_buttons[4], Qt.MouseButton.LeftButton)  # not on Fridays
    group.close_to_tray.setChecked(False)
    group.start_at_login.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settings = services.settings
    assert (settings.timezone, settings.quiet_hours, settings.meeting_alert_minutes,
            settings.briefing_time, settings.briefing_days) == (
        "Asia/Shanghai", "22:00-07:30", 15, "8:30", "Mon-Thu")
    assert not settings.close_to_tray
    assert settings.start_at_login
    assert services.zone().key == "Asia/Shanghai"
    read = ReminderPreferences.from_settings(settings)
    assert read.alert_minutes == 15
    assert str(read.quiet) == "22:00-07:30"
    assert read.briefing_days == frozenset(range(4))
    entry = config_home / "autostart" / "desktop-assistant.desktop"
    assert entry.is_file()
    assert "--background" in entry.read_text(encoding="utf-8")


def test_switching_start_at_login_off_removes_the_entry(
    qtbot: Any, dialog: Any, services: Any, config_home: Path
) -> None:
    import dataclasses

    autostart.enable(platform="linux")
    services.settings = dataclasses.replace(services.settings, start_at_login=True)
    form = dialog.profile
    form.notifications.start_at_login.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        assert form.save()
    assert not autostart.is_enabled(platform="linux")


@pytest.mark.parametrize(("field", "value", "said"), [
    ("quiet", "late", "Quiet hours must look like 09:00-18:00"),
    ("briefing", "9am", "Daily briefing must look like 09:00"),
    ("zone", "Mars/Olympus_Mons", "Unknown time zone 'Mars/Olympus_Mons'"),
])
def test_bad_values_are_named_and_nothing_is_saved(
    dialog: Any, services: Any, config_home: Path, field: str, value: str, said: str
) -> None:
    group = dialog.profile.notifications
    widget = getattr(group, field)
    if field == "zone":
        widget.setCurrentText(value)
    else:
        widget.setText(value)
    group.start_at_login.setChecked(True)
    assert not dialog.profile.save()
    assert said in dialog.profile.status.text()
    assert not services.paths.settings_file.exists()
    assert not (config_home / "autostart").exists()


def test_a_briefing_needs_a_day(dialog: Any) -> None:
    group = dialog.profile.notifications
    for button in group.day_buttons:
        button.setChecked(False)
    assert not dialog.profile.save()
    assert "at least one day" in dialog.profile.status.text()
