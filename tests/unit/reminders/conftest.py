"""A reminders service on a real database file in the test's folder, with a clock it moves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.reminders.service import ReminderService
from tests.unit.reminders.rem_support import Clock, make_reminders, open_database


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path)
    yield opened
    opened.close_all()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database: Database, clock: Clock) -> ReminderService:
    return make_reminders(database, clock)
