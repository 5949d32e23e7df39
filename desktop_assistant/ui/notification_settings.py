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

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.calendar_settings import days_text
from desktop_assistant.ui.forms import day_toggles, line_edit, shown_days

if TYPE_CHECKING:
    from desktop_assistant.app import Services

FIELD_LABELS = {  # translated where shown
    "meeting_alert_minutes": QT_TRANSLATE_NOOP("NotificationSettings", "Meeting alerts"),
    "briefing_time": QT_TRANSLATE_NOOP("NotificationSettings", "Daily briefing"),
    "briefing_days": QT_TRANSLATE_NOOP("NotificationSettings", "Briefing days"),
    "quiet_hours": QT_TRANSLATE_NOOP("NotificationSettings", "Quiet hours"),
    "calendar_work_hours": QT_TRANSLATE_NOOP("NotificationSettings",
                                             "Working hours (Settings → Calendars)"),
}


def zone_names() -> list[str]:
    """IANA zone names a person would pick ("Asia/Shanghai"), and UTC."""
    from zoneinfo import available_timezones

    return ["UTC", *sorted(z for z in available_timezones()
                           if "/" in z and not z.startswith(("Etc/", "SystemV/")))]


class NotificationSettings(QGroupBox):
    """The notification part of the Profile tab; the tab stores ``values()``."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Notifications"))
        self.setObjectName("notificationSettings")
        self._services = services
        settings = services.settings
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setAccessibleName(self.tr("Time zone"))
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItem("")
        self.zone.addItems(zone_names())
        line = self.zone.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("System time zone ({zone})").format(
                zone=services.zone().key))
            line.setAccessibleName(self.tr("Time zone"))
        self.zone.setCurrentText(settings.timezone)
        self.quiet = line_edit("quietHours", settings.quiet_hours,
                               self.tr("22:00-08:00 (none if empty)"), self.tr("Quiet hours"))
        self.quiet.setToolTip(
            self.tr("Only urgent reminders in these hours; the rest wait until after"))
        self.alert = QSpinBox()
        self.alert.setObjectName("meetingAlertMinutes")
        self.alert.setAccessibleName(self.tr("Alert before meetings"))
        self.alert.setRange(1, 24 * 60)
        self.alert.setSuffix(self.tr(" min before"))
        self.alert.setValue(max(1, min(24 * 60, settings.meeting_alert_minutes)))
        self.briefing = line_edit("briefingTime", settings.briefing_time,
                                  self.tr("09:00 (none if empty)"), self.tr("Daily briefing time"))
        days_box, self.day_buttons = day_toggles("briefing", self.tr("Briefing on"))
        self._check_days(settings.briefing_days)
        self.close_to_tray = QCheckBox(self.tr("Keep running when the window is closed, so "
                                               "reminders still come"))
        self.close_to_tray.setObjectName("closeToTray")
        self.close_to_tray.setChecked(settings.close_to_tray)
        self.start_at_login = QCheckBox(self.tr("Start at login (in the background)"))
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setChecked(settings.start_at_login)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Quiet hours"), self.quiet)
        form.addRow(self.tr("Meeting alerts"), self.alert)
        form.addRow(self.tr("Daily briefing"), self.briefing)
        form.addRow(self.tr("Briefing days"), days_box)
        hours = QLabel(self.tr("{hours}, {days} (change them under Calendars: free-time search "
                               "uses them too)").format(hours=settings.calendar_work_hours,
                                                        days=self._work_days(settings)))
        hours.setObjectName("settingsNote")
        hours.setWordWrap(True)
        form.addRow(self.tr("Working hours"), hours)
        form.addRow("", self.close_to_tray)
        form.addRow("", self.start_at_login)

    @staticmethod
    def _work_days(settings: Any) -> str:
        """The working days as the interface says them; as written when unreadable."""
        from desktop_assistant.calendar.preferences import parse_days

        try:
            return shown_days(parse_days(settings.calendar_work_days or "Mon-Fri",
                                         "calendar_work_days"))
        except ValueError:
            return str(settings.calendar_work_days)

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
                return self.tr("Unknown time zone {zone}; pick one from the list, such as "
                               "Asia/Shanghai.").format(zone=repr(zone))
        if values.get("briefing_time") and not values.get("briefing_days"):
            return self.tr(
                "Choose at least one day for the daily briefing, or leave its time empty.")
        try:
            ReminderPreferences.from_settings(
                dataclasses.replace(self._services.settings, **values))
        except ValueError as error:
            message = getattr(error, "message", str(error))  # InvalidSetting: translated
            for key, label in FIELD_LABELS.items():
                message = message.replace(key, self.tr(label))
            return message
        return None
