"""Reminders from the database to the notification server and back, through the real clock.

The window's background part (ui/background.py) runs as the app runs it, on a private D-Bus
bus with the recording notification server: a reminder that comes due is polled by the clock
(a real single-shot QTimer), sent as a Notify, and the person's click on Snooze 15 min, Done
or the notification itself reaches the database and the window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from desktop_assistant.reminders.model import DONE
from desktop_assistant.ui.background import Background
from tests.gui.driving import TIMEOUT_MS, LinkOpener
from tests.support.notification_server import NotificationRecorder, NotifyCall


@pytest.fixture
def background(window: Any, services: Any, notification_server: NotificationRecorder,
               short_folder: Path) -> Iterator[Background]:
    """The window's background part on the private bus, not started yet."""
    services.settings = dataclasses.replace(services.settings, briefing_time="")
    built = Background(window, services, tray_available=False, use_dbus=True,
                       bus_address=notification_server.bus_address,
                       server_name=str(short_folder / "instance.sock"))
    yield built
    built.shutdown()


def due_reminder(services: Any, text: str, **options: Any) -> int:
    """A reminder whose time passed a minute ago (added as if two minutes ago)."""
    now = services.reminders.now()
    added = services.reminders.add(text, now - timedelta(minutes=1),
                                   now=now - timedelta(minutes=2), **options)
    return int(added.id)


def first_notify(qtbot: Any, server: NotificationRecorder) -> NotifyCall:
    qtbot.waitUntil(lambda: len(server.snapshot()) == 1, timeout=TIMEOUT_MS)
    return server.snapshot()[0]


def test_a_reminder_due_a_second_ahead_fires_through_the_clock(
    qtbot: Any, background: Background, services: Any,
    notification_server: NotificationRecorder,
) -> None:
    due = services.reminders.now().replace(microsecond=0) + timedelta(seconds=2)
    services.reminders.add("stretch 伸展一下", due)
    with qtbot.waitSignal(background.clock.polled, timeout=TIMEOUT_MS) as first:
        background.start()
    assert 0 < first.args[0] <= 2.0  # armed for the reminder, not for a minute
    assert notification_server.snapshot() == []
    call = first_notify(qtbot, notification_server)
    assert call.summary == "Reminder: stretch 伸展一下"
    assert services.reminders.now() >= due
    assert background.clock.armed_ms >= 0  # armed again from the stored state


def test_snooze_15_from_the_notification_snoozes_the_reminder(
    qtbot: Any, background: Background, services: Any,
    notification_server: NotificationRecorder,
) -> None:
    reminder_id = due_reminder(services, "submit the report")
    background.start()
    call = first_notify(qtbot, notification_server)
    assert "snooze:15" in call.action_keys
    with qtbot.waitSignal(background.responded, timeout=TIMEOUT_MS) as said:
        notification_server.invoke(call.id, "snooze:15")
    assert said.args[0].startswith("Snoozed until ")
    snoozed = services.reminders.get(reminder_id).snoozed_until
    assert snoozed is not None
    left = snoozed - services.reminders.now()
    assert timedelta(minutes=14) < left <= timedelta(minutes=15)
    assert background.window.statusBar().currentMessage() == said.args[0]


def test_done_from_the_notification_marks_the_reminder_done(
    qtbot: Any, background: Background, services: Any,
    notification_server: NotificationRecorder,
) -> None:
    reminder_id = due_reminder(services, "water the plants 浇花", urgent=True)
    background.start()
    call = first_notify(qtbot, notification_server)
    assert call.hints["urgency"] == ("y", 2)
    with qtbot.waitSignal(background.responded, timeout=TIMEOUT_MS):
        notification_server.invoke(call.id, "done")
    assert services.reminders.get(reminder_id).state == DONE


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_open_shows_the_window_on_the_reminders_conversation(
    qtbot: Any, background: Background, services: Any,
    notification_server: NotificationRecorder,
) -> None:
    window = background.window
    other = services.history.create_conversation("Something else")
    asked = services.history.create_conversation("Quarterly report 季度报告")
    services.history.add_message(asked.id, "user", "remind me to send the quarterly report")
    due_reminder(services, "send the quarterly report", conversation_id=asked.id)
    window.sidebar.refresh()
    window.chat.load_conversation(other.id)
    window.hide()
    background.start()
    call = first_notify(qtbot, notification_server)
    notification_server.invoke(call.id, "default")  # a click on the notification
    qtbot.waitUntil(lambda: window.isVisible() and window.chat.conversation_id == asked.id,
                    timeout=TIMEOUT_MS)
    assert window.sidebar.current_id() == asked.id


def test_join_opens_the_meeting_link(qtbot: Any, background: Background) -> None:
    from desktop_assistant.reminders.notification import Notification

    meeting = Notification(key="meeting:x", kind="meeting", title="Budget review at 15:00",
                           body="Starts in 10 minutes", due_at=datetime.now().astimezone(),
                           link="https://meet.example.com/abc-defg-hij")
    with LinkOpener.taking("https") as opener, \
            qtbot.waitSignal(opener.opened, timeout=TIMEOUT_MS):
        background.act(meeting, "join")
    assert opener.urls == [QUrl("https://meet.example.com/abc-defg-hij")]


def test_quiet_hours_hold_all_but_urgent_reminders(
    qtbot: Any, background: Background, services: Any,
    notification_server: NotificationRecorder,
) -> None:
    now = services.reminders.now()
    quiet = f"{(now - timedelta(hours=1)):%H:%M}-{(now + timedelta(hours=1)):%H:%M}"
    services.settings = dataclasses.replace(services.settings, quiet_hours=quiet)
    due_reminder(services, "quiet one")
    due_reminder(services, "the server is down", urgent=True)
    with qtbot.waitSignal(background.clock.polled, timeout=TIMEOUT_MS):
        background.start()
    call = first_notify(qtbot, notification_server)
    assert call.summary == "Reminder: the server is down"
    assert [c.summary for c in notification_server.snapshot()] == [call.summary]
