"""The tray icon's menu, and closing the window: it hides and the app keeps running (with a
note the first time saying so), unless close-to-tray is off or the person chose Quit."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop_assistant.ui.background import NOTE_WITH_TRAY, NOTE_WITHOUT_TRAY, Background
from desktop_assistant.ui.tray import TrayIcon, app_icon
from tests.gui.driving import TIMEOUT_MS
from tests.support.notification_server import NotificationRecorder

OFFSCREEN = ("No such signal QPlatformNativeInterface::systemTrayWindowChanged",
             "This plugin does not support raise")


@pytest.fixture
def start(window: Any, services: Any, notification_server: NotificationRecorder,
          short_folder: Path) -> Iterator[Callable[[bool], Background]]:
    """Starts the window's background part, with or without a tray; stops it afterwards."""
    services.settings = dataclasses.replace(services.settings, briefing_time="")
    started: list[Background] = []

    def background(tray: bool) -> Background:
        built = Background(window, services, tray_available=tray, use_dbus=True,
                           bus_address=notification_server.bus_address,
                           server_name=str(short_folder / "instance.sock"))
        assert built.start()
        started.append(built)
        return built

    yield background
    for built in started:
        built.shutdown()


@pytest.fixture
def with_tray(start: Callable[[bool], Background]) -> Background:
    return start(True)


@pytest.fixture
def without_tray(start: Callable[[bool], Background]) -> Background:
    return start(False)


def test_the_icon_is_drawn_at_tray_sizes(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 22, 32, 64}


@pytest.mark.qt_log_ignore(*OFFSCREEN)
def test_the_tray_menu_opens_starts_pauses_and_quits(
    qtbot: Any, with_tray: Background
) -> None:
    tray, window = with_tray.tray, with_tray.window
    assert isinstance(tray, TrayIcon)
    assert tray.isVisible()
    assert [a.text() for a in tray.menu.actions() if not a.isSeparator()] == [
        "&Open Desktop Assistant", "&New conversation", "&Pause notifications for 1 hour",
        "&Quit"]
    window.hide()
    tray.open_action.trigger()
    assert window.isVisible()

    window.chat.input.setPlainText("half-written")
    window.hide()
    tray.new_action.trigger()
    assert window.isVisible()
    assert window.chat.conversation_id is None

    tray.pause_action.trigger()
    assert with_tray.clock.paused
    assert with_tray.clock.armed_ms > 0  # it looks again when the hour is over
    tray.pause_action.trigger()
    assert not with_tray.clock.paused

    with qtbot.waitSignal(window.closed, timeout=TIMEOUT_MS):
        tray.quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.qt_log_ignore(*OFFSCREEN)
def test_closing_hides_the_window_keeps_running_and_says_so_once(
    qtbot: Any, with_tray: Background, notification_server: NotificationRecorder
) -> None:
    window = with_tray.window
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    assert window.close() is False  # the close was turned into a hide
    assert not window.isVisible()
    assert closed == []
    assert with_tray.clock.running
    qtbot.waitUntil(lambda: len(notification_server.snapshot()) == 1, timeout=TIMEOUT_MS)
    (note,) = notification_server.snapshot()
    assert note.summary == "Desktop Assistant is still running"
    assert note.body == NOTE_WITH_TRAY

    window.bring_forward()
    window.close()
    assert not window.isVisible()
    with qtbot.waitSignal(window.closed, timeout=TIMEOUT_MS):
        window.quit_action.trigger()  # File → Quit
    assert closed == [True]
    assert len(notification_server.snapshot()) == 1  # the note came once


def test_without_a_tray_closing_keeps_running_and_points_to_the_launcher(
    qtbot: Any, without_tray: Background, notification_server: NotificationRecorder
) -> None:
    window = without_tray.window
    assert without_tray.tray is None
    window.close()
    assert not window.isVisible()
    assert without_tray.clock.running
    qtbot.waitUntil(lambda: len(notification_server.snapshot()) == 1, timeout=TIMEOUT_MS)
    assert notification_server.snapshot()[0].body == NOTE_WITHOUT_TRAY


def test_with_close_to_tray_off_closing_ends_the_app(
    qtbot: Any, without_tray: Background, services: Any
) -> None:
    services.settings = dataclasses.replace(services.settings, close_to_tray=False)
    with qtbot.waitSignal(without_tray.window.closed, timeout=TIMEOUT_MS):
        assert without_tray.window.close()
