"""``desktop-assistant remind …`` as a real process, on a real data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_assistant", *args], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )


def ok(*args: str) -> str:
    done = assistant(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def due_at(moment: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(ok("remind", "due", "--now", moment, "--json"))
    return found


@pytest.fixture(autouse=True)
def shanghai_without_briefing() -> None:
    ok("config", "set", "timezone", "Asia/Shanghai")
    ok("config", "set", "language", "en")
    ok("config", "set", "briefing_time", "")


def test_add_list_due_and_cancel() -> None:
    added = json.loads(ok("remind", "add", "submit the report", "--at", "2030-01-15 17:00",
                          "--json"))
    assert (added["id"], added["when"], added["floating"], added["next"]) == (
        1, "2030-01-15T17:00:00", True, "2030-01-15T17:00:00+08:00")
    assert ok("remind", "add", "写周报", "--at", "2030-01-18 16:00", "--repeat", "每周五") == (
        "Reminder set: #2 Fri 18 Jan 16:00 — 写周报 (every Friday)\n")
    listed = json.loads(ok("remind", "list", "--json"))
    assert [(r["id"], r["rule"], r["next"]) for r in listed] == [
        (1, "", "2030-01-15T17:00:00+08:00"),
        (2, "FREQ=WEEKLY;BYDAY=FR", "2030-01-18T16:00:00+08:00")]

    assert due_at("2030-01-15T16:59")["due"] == []
    first = due_at("2030-01-15T17:00")
    assert first["timezone"] == "Asia/Shanghai"
    assert [(d["kind"], d["title"], d["reminder_id"], d["late"]) for d in first["due"]] == [
        ("reminder", "Reminder: submit the report", 1, False)]
    assert due_at("2030-01-15T17:00") == first  # reporting changed nothing
    # A week after the app was last open: both, once each, marked late.
    later = due_at("2030-01-25T18:00")
    assert [(d["reminder_id"], d["late"]) for d in later["due"]] == [(1, True), (2, True)]
    text = ok("remind", "due", "--now", "2030-01-25T18:00")
    assert text.splitlines()[:2] == ["reminder (late): Reminder: submit the report",
                                     "    Was due Tue 15 Jan 17:00 (missed while the app was "
                                     "closed or asleep)"]

    assert ok("remind", "cancel", "1") == "Cancelled reminder #1: submit the report\n"
    assert [d["reminder_id"] for d in due_at("2030-01-25T18:00")["due"]] == [2]
    assert [r["id"] for r in json.loads(ok("remind", "list", "--json"))] == [2]
    assert [(r["id"], r["state"]) for r in json.loads(ok("remind", "list", "--all",
                                                         "--json"))] == [
        (2, "active"), (1, "cancelled")]


def test_due_reports_the_briefing_too() -> None:
    ok("config", "set", "briefing_time", "09:00")
    ok("remind", "add", "pay the rent", "--at", "2030-01-15 17:00")
    text = ok("remind", "due", "--now", "2030-01-15 09:00")
    assert text.splitlines() == ["briefing: Your day: 0 meetings, 1 reminder",
                                 "    17:00 pay the rent"]
    assert ok("remind", "due", "--now", "2030-01-12 09:00") == (
        "Nothing due at Sat 12 Jan 2030 09:00 (Asia/Shanghai).\n")  # not a working day


def test_mistakes_are_a_sentence_and_exit_code_1() -> None:
    unreadable = assistant("remind", "add", "x", "--at", "whenever")
    assert unreadable.returncode == 1
    assert unreadable.stderr.startswith("desktop-assistant: I could not read a time in "
                                        "'whenever': say a time such as '5pm'")
    past = assistant("remind", "add", "x", "--at", "2020-01-01 09:00")
    assert (past.returncode, past.stderr) == (
        1, "desktop-assistant: Wed 01 Jan 2020 09:00 (2020-01-01 09:00) has already passed.\n")
    missing = assistant("remind", "cancel", "42")
    assert (missing.returncode, missing.stderr) == (
        1, "desktop-assistant: There is no reminder #42.\n")
    rule = assistant("remind", "add", "x", "--at", "2030-01-15 09:00", "--repeat",
                     "FREQ=HOURLY")
    assert rule.returncode == 1
    assert "repeat daily, weekly, monthly or yearly" in rule.stderr
