"""A damaged database at start: after the first paint the window says it was set aside, a
fresh database works, and the damaged file is kept beside it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_assistant.ui import workers
from tests.gui.driving import TIMEOUT_MS, send
from tests.support.openai_server import Text

DAMAGED = b"this file was cut short by a disk error and is no database\n" * 100


def _notice() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "storageNotice":
            return widget if widget.isVisible() else None
    return None


@pytest.mark.usefixtures("no_briefing")
def test_a_damaged_database_is_reported_after_paint_and_a_fresh_one_works(
    qtbot: Any, services: Any, server: Any
) -> None:
    from desktop_assistant.ui.application import launch

    services.paths.database.write_bytes(DAMAGED)
    shown: list[bool] = []
    window = launch(services, on_shown=lambda: shown.append(services.database_opened))
    qtbot.addWidget(window)

    qtbot.waitUntil(lambda: _notice() is not None, timeout=TIMEOUT_MS)
    assert shown == [False]  # the window painted before the database was opened
    notice = _notice()
    assert notice is not None
    asides = list(services.paths.data_dir.glob("assistant.db.corrupt-*"))
    assert len(asides) == 1
    assert asides[0].read_bytes() == DAMAGED
    assert "database could not be read: it is damaged" in notice.text()
    assert str(asides[0]) in notice.text()
    assert "nothing was deleted" in notice.text()
    notice.accept()
    # The warm-up imports (openai, pydantic) finish first: a turn started while they run can
    # hit a half-imported pydantic in the other thread (a race outside this test's subject).
    assert workers.wait_for_workers(timeout=30.0)

    server.enqueue(Text(["Noted."]))
    send(qtbot, window, "Remember the room booking")

    stored = [(m.role, m.content) for c in services.history.conversations()
              for m in services.history.messages(c.id)]
    assert stored == [("user", "Remember the room booking"), ("assistant", "Noted.")]
    assert asides[0].read_bytes() == DAMAGED
    assert workers.wait_for_workers(timeout=30.0)
    QApplication.processEvents()
