"""Helpers for the calendar tests: a service with a fixed clock and chosen preferences."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import CalendarBackend
from desktop_assistant.calendar.preferences import CalendarPreferences
from desktop_assistant.calendar.schema import MIGRATIONS
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.db import Database
from desktop_assistant.secrets import SecretStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Wednesday morning; "next week" is Mon 9 – Sun 15 March 2026.
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=SHANGHAI)
ME = "me@corp.example"


def make_service(
    folder: Path,
    *,
    now: datetime = NOW,
    zone: ZoneInfo = SHANGHAI,
    backend: CalendarBackend | None = None,
    database: Database | None = None,
    secrets: SecretStore | None = None,
    backend_name: str = "local",
    **preferences: Any,
) -> CalendarService:
    """A calendar service on its own database under ``folder``; ``preferences`` override
    :class:`CalendarPreferences` fields (``backend_name`` is its ``backend``)."""
    prefs = replace(CalendarPreferences(email=ME), backend=backend_name, **preferences)
    return CalendarService(
        database=database or Database(folder / "assistant.db", MIGRATIONS),
        folder=folder / "calendar",
        preferences=lambda: prefs,
        zone=lambda: zone,
        now=lambda: now,
        backend=backend,
        secrets=(lambda: secrets) if secrets is not None else None,
    )
