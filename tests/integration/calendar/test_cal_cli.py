"""``desktop-assistant calendar …`` as a real process, on a real data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:review-1\r\n"
        b"DTSTAMP:20260101T000000Z\r\nSUMMARY:Design review\r\n"
        b"DTSTART;TZID=Asia/Shanghai:20300115T100000\r\n"
        b"DTEND;TZID=Asia/Shanghai:20300115T110000\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n")


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_assistant", *args], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )


@pytest.fixture(autouse=True)
def shanghai() -> None:
    assert assistant("config", "set", "timezone", "Asia/Shanghai").returncode == 0


def test_import_then_agenda_and_free(tmp_path: Path) -> None:
    good, broken = tmp_path / "review.ics", tmp_path / "broken.ics"
    good.write_bytes(GOOD)
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nX\r\n")
    imported = assistant("calendar", "import", str(good), str(broken))
    assert imported.returncode == 1  # one file was skipped
    first, second = imported.stdout.splitlines()
    assert first.startswith("Imported review.ics: 1 event (")
    assert second.startswith("Skipped broken.ics: not a readable iCalendar file (")
    assert "skipped: broken.ics: not a readable iCalendar file" in imported.stderr

    agenda = assistant("calendar", "agenda", "--date", "2030-01-15", "--days", "2", "--json")
    assert agenda.returncode == 0, agenda.stderr
    listed = json.loads(agenda.stdout)
    assert listed["timezone"] == "Asia/Shanghai"
    assert [(e["title"], e["start"]) for e in listed["events"]] == [
        ("Design review", "2030-01-15T10:00:00+08:00"),
        ("Design review", "2030-01-16T10:00:00+08:00")]

    free = assistant("calendar", "free", "--duration", "1h", "--between", "2030-01-15",
                     "2030-01-15", "--json")
    assert free.returncode == 0, free.stderr
    slots = json.loads(free.stdout)["slots"]
    assert slots[0]["start"] == "2030-01-15T09:00:00+08:00"
    assert all(not s["start"].startswith("2030-01-15T10:") for s in slots)


def test_create_asks_first_and_refuses_without_a_terminal() -> None:
    arguments = ("calendar", "create", "--title", "周会", "--start", "2030-01-21 10:00",
                 "--duration", "45m", "--repeat", "FREQ=WEEKLY;COUNT=2")
    refused = assistant(*arguments)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == "Create “周会” on your local calendar."
    assert "Repeats: every week, 2 times" in refused.stderr
    assert "Refused: no terminal to confirm on (use --yes to allow)." in refused.stderr
    empty = assistant("calendar", "agenda", "--date", "2030-01-21", "--json")
    assert json.loads(empty.stdout)["events"] == []

    done = assistant(*arguments, "--yes", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["message"] == "Created “周会” on your local calendar."
    again = assistant(*arguments, "--yes", "--json")
    assert json.loads(again.stdout)["changed"] is False  # asked twice, made once
    week = assistant("calendar", "agenda", "--date", "2030-01-21", "--days", "8", "--json")
    assert [e["start"] for e in json.loads(week.stdout)["events"]] == [
        "2030-01-21T10:00:00+08:00", "2030-01-28T10:00:00+08:00"]


def test_contacts_and_errors() -> None:
    added = assistant("calendar", "contacts", "add", "li.lei@corp.example", "--name", "李雷",
                      "--zone", "Europe/London", "--hours", "08:00-16:00", "--alias", "项目经理")
    assert added.stdout.strip() == "Added li.lei@corp.example."
    listed = json.loads(assistant("calendar", "contacts", "list", "--json").stdout)
    assert listed == [{"email": "li.lei@corp.example", "name": "李雷", "zone": "Europe/London",
                       "hours": "08:00–16:00", "aliases": ["项目经理"]}]
    free = assistant("calendar", "free", "--with", "项目经理", "--duration", "30m",
                     "--between", "2030-01-15 16:00", "2030-01-15 18:00")
    assert free.returncode == 0, free.stderr
    assert free.stdout.startswith("1. Tue 15 Jan 2030 16:00–16:30 (Asia/Shanghai) — 李雷 "
                                  "08:00–08:30 Europe/London")
    bad = assistant("calendar", "free", "--with", "the CEO", "--duration", "30m")
    assert bad.returncode == 1
    assert bad.stderr.startswith("desktop-assistant: No contact called 'the CEO'")
    assert assistant("calendar", "create", "--title", "x", "--start", "someday").stderr.startswith(
        "desktop-assistant: I could not read a date or time in 'someday'")
