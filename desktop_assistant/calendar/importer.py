"""Importing .ics files into the local calendar, one series at a time, never all-or-nothing.

A file that is not iCalendar is skipped with a message naming it and the problem. In a readable
file each series (an event, or a recurring event with its overridden occurrences) is checked by
expanding it within the import window (bounded, see :mod:`ics`); a series that cannot be
expanded is left out and reported, and the rest are stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.errors import BadCalendarData
from desktop_assistant.calendar.ics import expand, read_calendars
from desktop_assistant.calendar.local import LocalCalendar

MAX_IMPORT_BYTES = 50 * 1024 * 1024


@dataclass
class ImportReport:
    """What importing one file did."""

    file: str
    imported: bool = False  # False: the whole file was skipped (see problems)
    series: int = 0  # events (a recurring event counts once) stored
    occurrences: int = 0  # their occurrences within the import window
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.imported:
            return f"Skipped {self.problems[0] if self.problems else self.file}"
        text = (f"Imported {self.file}: {self.series} event{'s' if self.series != 1 else ''} "
                f"({self.occurrences} occurrence{'s' if self.occurrences != 1 else ''} within a "
                "year either side of today)")
        if self.problems:
            text += f"; {len(self.problems)} left out"
        return text + "."


def import_file(
    path: Path, calendar: LocalCalendar, zone: ZoneInfo, window: tuple[datetime, datetime]
) -> ImportReport:
    """Import ``path`` into ``calendar``; never raises for bad data, only reports it."""
    report = ImportReport(file=path.name)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            report.problems.append(f"{path.name}: the file is {size // (1024 * 1024)} MB; the "
                                   f"limit is {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
            return report
        data = path.read_bytes()
    except OSError as error:
        report.problems.append(f"{path.name}: cannot be read ({error.strerror or error}).")
        return report
    return import_data(data, path.name, calendar, zone, window, report)


def import_data(
    data: bytes,
    name: str,
    calendar: LocalCalendar,
    zone: ZoneInfo,
    window: tuple[datetime, datetime],
    report: ImportReport | None = None,
) -> ImportReport:
    """Import iCalendar ``data`` (called ``name`` in messages) into ``calendar``."""
    import icalendar

    report = report or ImportReport(file=name)
    try:
        calendars, notes = read_calendars(data, name)
    except BadCalendarData as error:
        report.problems.append(str(error))
        return report
    report.imported = True
    report.notes.extend(notes)
    for source in calendars:
        timezones = [c for c in source.subcomponents if c.name == "VTIMEZONE"]
        for uid, components in _series(source).items():
            single = icalendar.Calendar()
            for key in ("X-WR-TIMEZONE", "CALSCALE"):
                if source.get(key) is not None:
                    single[key] = source[key]
            for component in [*timezones, *components]:
                single.add_component(component)
            expansion = expand(single, window[0], window[1], zone, name=name)
            if expansion.problems:
                report.problems.extend(expansion.problems)
                continue
            try:
                calendar.store_series(uid, [*timezones, *components])
            except Exception as error:  # icalendar may fail to write what it read
                report.problems.append(f"{name}: event {uid!r} cannot be stored ({error}).")
                continue
            report.notes.extend(expansion.notes)
            report.series += 1
            report.occurrences += len(expansion.events)
    if report.series == 0 and not report.problems:
        report.notes.append(f"{name}: no events in the file.")
    return report


def _series(calendar: Any) -> dict[str, list[Any]]:
    """VEVENTs grouped by UID (a missing UID gets one made from the event's content)."""
    groups: dict[str, list[Any]] = {}
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            continue
        uid = str(component.get("UID", "")).strip()
        if not uid:
            uid = hashlib.sha256(component.to_ical()).hexdigest()[:32] + "@imported"
            component["UID"] = uid
        groups.setdefault(uid, []).append(component)
    return groups
