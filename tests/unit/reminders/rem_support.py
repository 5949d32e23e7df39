"""Helpers for the reminder tests: a clock the test moves, and a service on a real database."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.schema import MIGRATIONS as CALENDAR_MIGRATIONS
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.db import Database
from desktop_assistant.reminders.alerts import DocumentSearch
from desktop_assistant.reminders.preferences import ReminderPreferences
from desktop_assistant.reminders.schema import MIGRATIONS as REMINDER_MIGRATIONS
from desktop_assistant.reminders.service import ReminderService

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
# A Wednesday afternoon.
NOW = datetime(2026, 3, 4, 14, 30, tzinfo=SHANGHAI)


@dataclass
class Clock:
    """The time and the zone the person is in; tests move both (sleep, travel, clock jumps)."""

    now: datetime = NOW
    zone: ZoneInfo = SHANGHAI
    preferences: ReminderPreferences = field(
        default_factory=lambda: ReminderPreferences(briefing_time=None))

    def set(self, **changes: Any) -> None:
        self.preferences = replace(self.preferences, **changes)


def open_database(folder: Path) -> Database:
    """The app's database file in ``folder`` with the calendar's and the reminders' tables."""
    return Database(folder / "assistant.db", [*CALENDAR_MIGRATIONS, *REMINDER_MIGRATIONS])


def make_reminders(
    database: Database, clock: Clock, *, calendar: CalendarService | None = None,
    documents: DocumentSearch | None = None, history: Any = None,
) -> ReminderService:
    return ReminderService(
        database=database,
        zone=lambda: clock.zone,
        preferences=lambda: clock.preferences,
        now=lambda: clock.now,
        calendar=(lambda: calendar) if calendar is not None else None,
        documents=documents,
        history=(lambda: history) if history is not None else None,
    )
