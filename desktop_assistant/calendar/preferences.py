"""The person's scheduling preferences, read from the app's settings (never secrets).

The settings keys (all text in ``settings.toml`` except the timeout) and their defaults::

    calendar_backend = "local"            # local | google | caldav: where new events go
    calendar_email = ""                   # your address: the organizer of invitations
    calendar_google_client_file = ""      # the company's OAuth client JSON (never bundled)
    calendar_caldav_url = ""              # a CalDAV calendar (or server) URL
    calendar_caldav_username = ""         # its password is in the keyring as caldav_password
    calendar_work_hours = "09:00-18:00"
    calendar_work_days = "Mon-Fri"
    calendar_breaks = "12:00-13:00"       # lunch and focus blocks, comma-separated
    calendar_buffer = "0m"                # kept free before and after meetings
    calendar_notice = "1h"                # the earliest start is now + this
    calendar_timeout = 20.0               # seconds for any calendar server

Until the settings class has these keys, the defaults apply; a value that cannot be read
raises ``InvalidSetting`` (a ``ValueError``) naming the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

from desktop_assistant.calendar.slots import WorkingHours
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, worded

BACKENDS = ("local", "google", "caldav")
_DAY_KEYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class InvalidSetting(ValueError):
    """A setting that cannot be read. ``template`` is marked in the "Preferences" translation
    context: ``str(error)`` is English (the command line, logs), ``message`` the sentence in the
    interface language for the settings tabs (which replace the key by the field's label)."""

    def __init__(self, template: str, **fields: object) -> None:
        english, self.message = worded("Preferences", template, **fields)
        super().__init__(english)


@dataclass(frozen=True)
class CalendarPreferences:
    """Scheduling settings, parsed and checked."""

    backend: str = "local"
    email: str = ""
    google_client_file: str = ""
    caldav_url: str = ""
    caldav_username: str = ""
    hours: WorkingHours = field(default_factory=WorkingHours)
    breaks: tuple[tuple[time, time], ...] = ((time(12), time(13)),)
    buffer: timedelta = timedelta(0)
    notice: timedelta = timedelta(hours=1)
    timeout: float = 20.0

    @classmethod
    def from_settings(cls, settings: Any) -> CalendarPreferences:
        def text(key: str, default: str) -> str:
            value = getattr(settings, key, default)
            return str(value).strip() if value is not None else default

        backend = text("calendar_backend", "local").lower() or "local"
        if backend not in BACKENDS:
            raise InvalidSetting(QT_TRANSLATE_NOOP(
                "Preferences", "calendar_backend must be one of {choices}, not {value!r}."),
                choices=", ".join(BACKENDS), value=backend)
        start, end = parse_hours(text("calendar_work_hours", "09:00-18:00"),
                                 "calendar_work_hours")
        days = parse_days(text("calendar_work_days", "Mon-Fri"), "calendar_work_days")
        breaks_text = text("calendar_breaks", "12:00-13:00")
        breaks = tuple(
            parse_hours(piece, "calendar_breaks")
            for piece in re.split(r"[,;]", breaks_text) if piece.strip()
        )
        try:
            timeout = float(getattr(settings, "calendar_timeout", 20.0))
        except (TypeError, ValueError):
            raise InvalidSetting(QT_TRANSLATE_NOOP(
                "Preferences", "calendar_timeout must be a number of seconds.")) from None
        from desktop_assistant.calendar.when import parse_duration

        return cls(
            backend=backend,
            email=text("calendar_email", ""),
            google_client_file=text("calendar_google_client_file", ""),
            caldav_url=text("calendar_caldav_url", ""),
            caldav_username=text("calendar_caldav_username", ""),
            hours=WorkingHours(start, end, days),
            breaks=breaks,
            buffer=parse_duration(text("calendar_buffer", "0m") or "0m", allow_zero=True),
            notice=parse_duration(text("calendar_notice", "1h") or "0m", allow_zero=True),
            timeout=timeout if timeout > 0 else 20.0,
        )


def parse_hours(text: str, key: str = "hours") -> tuple[time, time]:
    """"09:00-18:00" (or "9-18", "9:30–17:30") as two times; ValueError naming ``key``."""
    match = re.fullmatch(
        r"\s*(\d{1,2})(?::(\d{2}))?\s*[-–~到至]\s*(\d{1,2})(?::(\d{2}))?\s*", text
    )
    if not match:
        raise InvalidSetting(QT_TRANSLATE_NOOP(
            "Preferences", "{key} must look like 09:00-18:00, not {text!r}."), key=key, text=text)
    sh, sm, eh, em = (int(g) if g else 0 for g in match.groups())
    if sh > 23 or eh > 24 or sm > 59 or em > 59 or (eh == 24 and em):
        raise InvalidSetting(QT_TRANSLATE_NOOP(
            "Preferences", "{key} has a time that does not exist: {text!r}."), key=key, text=text)
    end = time(23, 59) if eh == 24 else time(eh, em)
    if end == time(sh, sm):
        raise InvalidSetting(QT_TRANSLATE_NOOP(
            "Preferences", "{key} must not start and end at the same time: {text!r}."),
            key=key, text=text)
    return time(sh, sm), end


def parse_days(text: str, key: str = "days") -> frozenset[int]:
    """"Mon-Fri", "Mon,Wed,Fri" or "Sun-Thu" as weekday numbers (0 = Monday)."""
    days: set[int] = set()
    for piece in re.split(r"[,;\s]+", text.strip().lower()):
        if not piece:
            continue
        first, _, last = piece.partition("-")
        try:
            a = _DAY_KEYS[first[:3]]
            b = _DAY_KEYS[last[:3]] if last else a
        except KeyError:
            raise InvalidSetting(QT_TRANSLATE_NOOP(
                "Preferences", "{key} must name days like Mon-Fri, not {text!r}."),
                key=key, text=text) from None
        day = a
        days.add(day)
        while day != b:
            day = (day + 1) % 7
            days.add(day)
    if not days:
        raise InvalidSetting(QT_TRANSLATE_NOOP("Preferences", "{key} names no days: {text!r}."),
                             key=key, text=text)
    return frozenset(days)
