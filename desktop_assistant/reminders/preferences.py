"""The person's notification settings, read from the app's settings (Settings → Profile).

    meeting_alert_minutes = 10      # alert this long before each meeting
    briefing_time = "09:00"         # the daily briefing; "" turns it off
    briefing_days = "Mon-Fri"       # as calendar_work_days
    quiet_hours = ""                # "22:00-08:00": only urgent notifications then
    language = ""                   # "zh…" for Chinese, "en…" for English, "" for the system's
    calendar_work_hours = "09:00-18:00"   # "snooze until tomorrow" means its start

A value that cannot be read raises ``InvalidSetting`` (a ``ValueError``) naming the setting.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import time
from typing import Any

from desktop_assistant.calendar.preferences import InvalidSetting, parse_days, parse_hours
from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.reminders.quiet import QuietHours

WEEKDAYS = frozenset(range(5))


@dataclass(frozen=True)
class ReminderPreferences:
    """Notification settings, parsed and checked."""

    alert_minutes: int = 10
    briefing_time: time | None = time(9)
    briefing_days: frozenset[int] = WEEKDAYS
    quiet: QuietHours | None = None
    work_start: time = time(9)
    work_end: time = time(18)
    language: str = "en"  # "en" or "zh"
    name: str = ""
    email: str = ""  # the person's calendar address: meetings they declined get no alert

    @classmethod
    def from_settings(cls, settings: Any) -> ReminderPreferences:
        def text(key: str, default: str) -> str:
            value = getattr(settings, key, default)
            return str(value).strip() if value is not None else default

        try:
            minutes = int(getattr(settings, "meeting_alert_minutes", 10))
        except (TypeError, ValueError):
            raise InvalidSetting(QT_TRANSLATE_NOOP(
                "Preferences", "meeting_alert_minutes must be a whole number of minutes."
            )) from None
        if not 0 <= minutes <= 24 * 60:
            raise InvalidSetting(QT_TRANSLATE_NOOP(
                "Preferences", "meeting_alert_minutes must be between {low} and {high}."),
                low=0, high=24 * 60)
        start, end = parse_hours(text("calendar_work_hours", "09:00-18:00"),
                                 "calendar_work_hours")
        return cls(
            alert_minutes=minutes,
            briefing_time=parse_clock(text("briefing_time", "09:00"), "briefing_time"),
            briefing_days=parse_days(text("briefing_days", "Mon-Fri") or "Mon-Fri",
                                     "briefing_days"),
            quiet=QuietHours.parse(text("quiet_hours", "")),
            work_start=start,
            work_end=end,
            language=language_of(text("language", "")),
            name=text("profile_name", ""),
            email=text("calendar_email", ""),
        )


def parse_clock(text: str, key: str) -> time | None:
    """"09:00" or "9:30" as a time; "" as None; ValueError naming ``key`` otherwise."""
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise InvalidSetting(QT_TRANSLATE_NOOP(
            "Preferences", "{key} must look like 09:00, not {text!r}."), key=key, text=text)
    return time(int(match.group(1)), int(match.group(2) or 0))


def language_of(setting: str, environ: Any = os.environ) -> str:
    """"zh" or "en" from the language setting, or from the system's locale when it is empty."""
    value = setting or next((environ.get(k, "") for k in ("LC_ALL", "LC_MESSAGES", "LANG")
                             if environ.get(k)), "")
    return "zh" if value.lower().replace("_", "-").startswith(("zh", "中文", "chinese")) else "en"
