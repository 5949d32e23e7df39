"""The reminders' tables come with the app's database, and its modules load light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_assistant.app import feature_migrations
from desktop_assistant.db import Database, applied_migrations, migrate
from desktop_assistant.reminders.schema import MIGRATIONS

HEAVY = ["icalendar", "recurring_ical_events", "dateparser", "dateutil", "googleapiclient",
         "caldav", "tantivy", "PySide6"]


def test_migrations_are_found_by_the_app_and_run_once(tmp_path: Path) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert all(name.startswith("reminders_") for name in names)
    assert [n for n, _ in feature_migrations() if n.startswith("reminders_")] == names
    database = Database(tmp_path / "a.db", feature_migrations())
    assert set(names) <= set(applied_migrations(database.conn))
    assert migrate(database.conn, feature_migrations()) == []
    tables = {row[0] for row in database.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reminders_reminders", "reminders_deliveries"} <= tables
    database.close_all()


def test_the_service_commands_and_cli_load_without_heavy_libraries() -> None:
    code = (
        "import sys, json\n"
        "import desktop_assistant.reminders.cli, desktop_assistant.reminders.service\n"
        "import desktop_assistant.reminders.commands, desktop_assistant.reminders.tools\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == []
