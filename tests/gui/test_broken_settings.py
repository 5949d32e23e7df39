"""A settings file that can't be read: the window says so after its first paint and closes,
changing nothing (the settings are read after the first paint, not before)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_assistant.app import Services
from desktop_assistant.ui.application import after_first_paint
from desktop_assistant.ui.main_window import MainWindow


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen modal dialogs
def test_broken_settings_file_is_reported_and_left_alone(
    qtbot: Any, home: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.from_environment()
    broken = 'model = "gpt-4o\nprovider = [\n'
    services.paths.settings_file.write_text(broken, encoding="utf-8")
    window = MainWindow(services, load_history=False)  # paints without the settings
    qtbot.addWidget(window)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, answer)
    after_first_paint(window, services, None)

    assert exits == [1]
    assert len(seen) == 1
    assert "settings.toml is not valid TOML" in seen[0]
    assert services.paths.settings_file.read_text(encoding="utf-8") == broken
    assert window.sidebar.titles() == []  # nothing else started
    services.close()
