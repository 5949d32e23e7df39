"""Notifications over a real D-Bus session bus, received by a real notification server.

The server (tests/support/notification_server.py) owns org.freedesktop.Notifications on a
private dbus-daemon, records each Notify with its D-Bus signature, and emits ActionInvoked
when the test clicks for the person. Without a server on the bus the tray icon's message is
the fallback; with neither, the notification is handed back (``undelivered``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desktop_assistant.reminders.notification import Action, Notification
from desktop_assistant.ui.notifications import Notifier
from desktop_assistant.ui.session_bus import SessionBus, session_bus_address, socket_of
from desktop_assistant.ui.tray import TrayIcon
from tests.gui.driving import TIMEOUT_MS
from tests.support.notification_server import NotificationRecorder

TRAY_WARNING = "No such signal QPlatformNativeInterface::systemTrayWindowChanged"


def reminder(**changes: Any) -> Notification:
    values: dict[str, Any] = {
        "key": "reminder:7:2026-03-13T08:00:00:2026-03-13T08:00:00+00:00",
        "kind": "reminder",
        "title": "Reminder: submit the R&D report",
        "body": "16:00 · every Friday",
        "due_at": datetime(2026, 3, 13, 8, tzinfo=UTC),
        "actions": (Action("snooze:5", "Snooze 5 min"), Action("snooze:15", "Snooze 15 min"),
                    Action("done", "Done"), Action("open", "Open in chat")),
        "reminder_id": 7,
        "conversation_id": 3,
    }
    values.update(changes)
    return Notification(**values)


def test_a_reminder_reaches_the_notification_server_with_its_actions(
    qtbot: Any, notification_server: NotificationRecorder
) -> None:
    shown = Notifier(bus_address=notification_server.bus_address, use_dbus=True)
    with qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS) as delivered:
        shown.show(reminder())
    assert delivered.args[1] == "dbus"
    (call,) = notification_server.snapshot()
    assert call.signature == "susssasa{sv}i"  # uint32 replaces_id, byte urgency: exact types
    assert call.app_name == "Desktop Assistant"
    assert call.summary == "Reminder: submit the R&D report"
    assert call.body == "16:00 · every Friday"
    assert call.action_keys == ["default", "snooze:5", "snooze:15", "done", "open"]
    assert call.action_labels["snooze:15"] == "Snooze 15 min"
    assert call.action_labels["default"] == "Open in chat"
    assert call.hints["urgency"] == ("y", 1)
    assert call.hints["desktop-entry"] == ("s", "desktop-assistant")
    assert call.expire_timeout == -1
    assert shown.open_notifications == {call.id: reminder()}
    shown.close()


def test_urgent_ones_are_critical_and_markup_is_escaped(
    qtbot: Any, notification_server: NotificationRecorder
) -> None:
    shown = Notifier(bus_address=notification_server.bus_address, use_dbus=True)
    urgent = reminder(urgent=True, body="R&D <budget> review")
    with qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS):
        shown.show(urgent)
    (call,) = notification_server.snapshot()
    assert call.hints["urgency"] == ("y", 2)
    assert call.expire_timeout == 0  # stays until the person answers
    assert call.body == "R&amp;D &lt;budget&gt; review"  # the server reads bodies as markup
    shown.close()


def test_the_chosen_action_comes_back_and_other_programs_clicks_do_not(
    qtbot: Any, notification_server: NotificationRecorder
) -> None:
    shown = Notifier(bus_address=notification_server.bus_address, use_dbus=True)
    with qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS):
        shown.show(reminder())
    (call,) = notification_server.snapshot()
    notification_server.invoke(call.id + 100, "done")  # another program's notification
    with qtbot.waitSignal(shown.chosen, timeout=TIMEOUT_MS) as chosen:
        notification_server.invoke(call.id, "snooze:15")
    assert chosen.args == [reminder(), "snooze:15"]
    qtbot.waitUntil(lambda: shown.open_notifications == {}, timeout=TIMEOUT_MS)

    with qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS):
        shown.show(reminder(key="second"))
    second = notification_server.snapshot()[1]
    with qtbot.waitSignal(shown.chosen, timeout=TIMEOUT_MS) as clicked:
        notification_server.invoke(second.id, "default")  # a click on the notification
    assert clicked.args[1] == "open"
    shown.close()


@pytest.mark.qt_log_ignore(TRAY_WARNING)  # the offscreen platform has no tray to watch
def test_with_no_notification_service_the_tray_message_is_used(
    qtbot: Any, notification_bus: str
) -> None:
    tray = TrayIcon()
    tray.show()
    shown = Notifier(tray, bus_address=notification_bus, use_dbus=True)
    messages: list[tuple[str, str]] = []
    tray.message_shown.connect(lambda title, body: messages.append((title, body)))
    with qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS) as delivered:
        shown.show(reminder())
    assert delivered.args[1] == "tray"
    assert messages == [("Reminder: submit the R&D report", "16:00 · every Friday")]
    with qtbot.waitSignal(shown.chosen, timeout=TIMEOUT_MS) as clicked:
        tray.messageClicked.emit()  # what Qt emits when the person clicks the message
    assert clicked.args == [reminder(), "open"]
    shown.close()
    tray.dispose()


def test_with_neither_a_service_nor_a_tray_the_notification_is_handed_back(
    qtbot: Any, notification_bus: str
) -> None:
    shown = Notifier(None, bus_address=notification_bus, use_dbus=True)
    with qtbot.waitSignal(shown.undelivered, timeout=TIMEOUT_MS) as handed_back:
        shown.show(reminder())
    assert handed_back.args == [reminder()]
    shown.close()


def test_no_session_bus_at_all_is_no_error(qtbot: Any, short_folder: Any) -> None:
    shown = Notifier(None, bus_address=f"unix:path={short_folder}/none", use_dbus=True)
    with qtbot.waitSignal(shown.undelivered, timeout=TIMEOUT_MS):
        shown.show(reminder())
    shown.close()


def test_a_server_that_comes_later_is_found(
    qtbot: Any, notification_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_assistant.ui import notifications

    shown = Notifier(None, bus_address=notification_bus, use_dbus=True)
    with qtbot.waitSignal(shown.undelivered, timeout=TIMEOUT_MS):
        shown.show(reminder())
    monkeypatch.setattr(notifications, "RETRY_SECONDS", 0.0)
    with NotificationRecorder(notification_bus) as server, \
            qtbot.waitSignal(shown.shown, timeout=TIMEOUT_MS):
        shown.show(reminder(key="later"))
        qtbot.waitUntil(lambda: len(server.snapshot()) == 1, timeout=TIMEOUT_MS)
    shown.close()


def test_bus_addresses() -> None:
    assert socket_of("unix:path=/run/user/1000/bus") == ("/run/user/1000/bus", False)
    assert socket_of("unix:abstract=/tmp/dbus-x%2cy,guid=1") == ("/tmp/dbus-x,y", True)
    assert socket_of("tcp:host=localhost,port=1;unix:path=/b") == ("/b", False)
    assert socket_of("tcp:host=localhost,port=1") is None
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/a"}) == "unix:path=/a"
    assert session_bus_address({}) is None


def test_a_closed_connection_fails_later_calls_at_once(qtbot: Any, notification_bus: str) -> None:
    from jeepney import DBusAddress, new_method_call

    bus = SessionBus(notification_bus)
    bus.open()
    failures: list[str] = []
    silent = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                         interface="org.freedesktop.DBus")
    with qtbot.waitSignal(bus.closed, timeout=TIMEOUT_MS):
        bus.call(new_method_call(silent, "GetId"), lambda _: bus.close(), failures.append)
    assert failures == []  # the reply came, then the connection was closed
    bus.call(new_method_call(silent, "GetId"), lambda _: None, failures.append)
    assert failures == ["not connected to the session bus"]
