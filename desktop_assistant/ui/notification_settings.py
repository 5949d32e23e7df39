"""Settings → Profile → Notifications: when and how the assistant speaks up.

Time zone (empty: the system's), quiet hours (only urgent notifications then), how long before
a meeting to alert, the daily briefing's time and days, closing to the tray, starting at login.
Values are checked with the reminders package's own reading of them
(:meth:`ReminderPreferences.from_settings`), so what the form accepts is what the clock uses.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from desktop_assistant.ui.calendar_settings import days_text
from desktop_assistant.ui.forms import day_toggles, line_edit

if TYPE_CHECKING:
    from desktop_assistant.app import Services

FIELD_LABELS = {
    "meeting_alert_minutes": "Meeting alerts",
    "briefing_time": "Daily briefing",
    "briefing_days": "Briefing days",
    "quiet_hours": "Quiet hours",
    "calendar_work_hours": "Working hours (Settings → Calendars)",
}
SYSTEM_ZONE = "System time zone"


def zone_names() -> list[str]:
    """IANA zone names a person would pick ("Asia/Shanghai"), and UTC."""
    from zoneinfo import available_timezones

    return ["UTC", *sorted(z for z in available_timezones()
                           if "/" in z and not z.startswith(("Etc/", "SystemV/")))]


class NotificationSettings(QGroupBox):
    """The notification part of the Profile tab; the tab stores ``values()``."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Notifications", parent)
        self.setObjectName("notificationSettings")
        self._services = services
        settings = services.settings
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setAccessibleName("Time zone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItem("")
        self.zone.addItems(zone_names())
        line = self.zone.lineEdit()
        if line is not None:
            line.setPlaceholderText(f"{SYSTEM_ZONE} ({services.zone().key})")
        self.zone.setCurrentText(settings.timezone)
        self.quiet = line_edit("quietHours", settings.quiet_hours, "22:00-08:00 (none if empty)",
                               "Quiet hours")
        self.quiet.setToolTip("Only urgent reminders in these hours; the rest wait until after")
        self.alert = QSpinBox()
        self.alert.setObjectName("meetingAlertMinutes")
        self.alert.setAccessibleName("Alert before meetings")
        self.alert.setRange(1, 24 * 60)
        self.alert.setSuffix(" min before")
        self.alert.setValue(max(1, min(24 * 60, settings.meeting_alert_minutes)))
        self.briefing = line_edit("briefingTime", settings.briefing_time,
                                  "09:00 (none if empty)", "Daily briefing time")
        days_box, self.day_buttons = day_toggles("briefing", "Briefing on")
        self._check_days(settings.briefing_days)
        self.close_to_tray = QCheckBox("Keep running when the window is closed, so reminders "
                                       "still come")
        self.close_to_tray.setObjectName("closeToTray")
        self.close_to_tray.setChecked(settings.close_to_tray)
        self.start_at_login = QCheckBox("Start at login (in the background)")
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setChecked(settings.start_at_login)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Time zone", self.zone)
        form.addRow("Quiet hours", self.quiet)
        form.addRow("Meeting alerts", self.alert)
        form.addRow("Daily briefing", self.briefing)
        form.addRow("Briefing days", days_box)
        hours = QLabel(f"{settings.calendar_work_hours}, {settings.calendar_work_days} "
                       "(change them under Calendars: free-time search uses them too)")
        hours.setObjectName("settingsNote")
        hours.setWordWrap(True)
        form.addRow("Working hours", hours)
        form.addRow("", self.close_to_tray)
        form.addRow("", self.start_at_login)

    def _check_days(self, text: str) -> None:
        from desktop_assistant.calendar.preferences import parse_days

        try:
            days = parse_days(text or "Mon-Fri", "briefing_days")
        except ValueError:
            days = frozenset(range(5))
        for number, button in enumerate(self.day_buttons):
            button.setChecked(number in days)

    def values(self) -> dict[str, Any]:
        """The group as settings."""
        days = {n for n, button in enumerate(self.day_buttons) if button.isChecked()}
        return {
            "timezone": self.zone.currentText().strip(),
            "quiet_hours": self.quiet.text().strip(),
            "meeting_alert_minutes": self.alert.value(),
            "briefing_time": self.briefing.text().strip(),
            "briefing_days": days_text(days),
            "close_to_tray": self.close_to_tray.isChecked(),
            "start_at_login": self.start_at_login.isChecked(),
        }

    def problem(self, values: dict[str, Any]) -> str | None:
        """What is wrong with these settings, in a sentence, or None."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        from desktop_assistant.reminders.preferences import ReminderPreferences

        zone = values.get("timezone", "")
        if zone:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                return f"Unknown time zone {zone!r}; pick one from the list, such as " \
                       "Asia/Shanghai."
        if values.get("briefing_time") and not values.get("briefing_days"):
            return "Choose at least one day for the daily briefing, or leave its time empty."
        try:
            ReminderPreferences.from_settings(
                dataclasses.replace(self._services.settings, **values))
        except ValueError as error:
            message = str(error)
            for key, label in FIELD_LABELS.items():
                message = message.replace(key, label)
            return message
        return None
