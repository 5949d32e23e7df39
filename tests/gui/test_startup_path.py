"""What loads before the window's first paint: the window and its settings, nothing more.

The database, the model client, the features, the panels that open on demand and what runs in
the background (reminders, notifications, the tray, the single-instance server) load after
the first paint (see ui/application.py), so a long history or a big index never delays it.
PySide6's ``Qt`` namespace (about a hundred enums, built on first use) waits too.
"""

from __future__ import annotations

import os
import subprocess
import sys

LATER = (
    "sqlite3",
    "openai",
    "pydantic",
    "keyring",
    "tantivy",
    "icalendar",
    "dateparser",
    "desktop_assistant.db",
    "desktop_assistant.history",
    "desktop_assistant.secrets",
    "desktop_assistant.assistant.agent",
    "desktop_assistant.calendar",
    "desktop_assistant.documents",
    "desktop_assistant.ui.agenda_view",
    "desktop_assistant.ui.slot_choices",
    "desktop_assistant.ui.follow_ups",
    "desktop_assistant.ui.draft_card",
    "desktop_assistant.mail",
    "desktop_assistant.ui.settings_dialog",
    "desktop_assistant.ui.setup_dialog",
    "desktop_assistant.reminders",
    "desktop_assistant.autostart",
    "desktop_assistant.ui.background",
    "desktop_assistant.ui.notifications",
    "desktop_assistant.ui.session_bus",
    "desktop_assistant.ui.reminder_clock",
    "desktop_assistant.ui.tray",
    "desktop_assistant.ui.instance_server",
    "jeepney",
    "PySide6.QtDBus",
    "PySide6.QtNetwork",
    "PySide6.QtCore.Qt",
)

PROBE = """
import os, sys
from desktop_assistant.app import Services, run_gui
def shown():
    import PySide6.QtCore
    qt = ["PySide6.QtCore.Qt"] if "Qt" in PySide6.QtCore.__dict__ else []
    print(" ".join(sorted(sys.modules) + qt), flush=True)
    os._exit(0)
run_gui(Services.from_environment(), on_shown=shown)
"""


def test_only_the_window_loads_before_its_first_paint(model_env: object) -> None:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=environ, timeout=60, check=True)
    loaded = set(result.stdout.split())
    assert "desktop_assistant.ui.main_window" in loaded
    assert "PySide6.QtCore" in loaded
    early = sorted(m for m in loaded if m in LATER or m.startswith(tuple(f"{p}." for p in LATER)))
    assert early == []
