"""Capture the README's screenshot of the real window, against the scripted model server.

    Xvfb :99 -screen 0 1280x860x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python resources/screenshots/capture.py

Seeds a temporary home with a conversation (a tool call and a Markdown answer, English and
Chinese), then asks the assistant to send an invitation: the model proposes an ``external``
action and the window waits on the confirmation card. Writes ``main-window.png`` beside this
file. Needs the repository root on ``sys.path`` (run it from there).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

ANSWER = """The **Q3 budget review** is on *Tuesday 25 November, 15:00–16:00* (Shanghai time).

To prepare:

1. Update the department forecast in `Q3-budget.xlsx`
2. Bring the travel reimbursement figures (差旅报销汇总)
3. List open purchase requests above ¥50,000

| Item | Owner | Due |
|---|---|---|
| Forecast | Wang Fang 王芳 | Mon 24 Nov |
| Travel figures | You | Tue 25 Nov, 12:00 |
"""


def seed(services: object) -> int:
    from desktop_assistant.app import Services

    assert isinstance(services, Services)
    history = services.history
    conversation = history.create_conversation("Q3 budget review 预算会议").id
    history.add_message(conversation, "user",
                        "When is the Q3 budget review, and what should I prepare?")
    call = {"id": "call_1", "type": "function",
            "function": {"name": "current_time", "arguments": "{}"}}
    history.add_message(conversation, "assistant", "", tool_calls=[call], model="qwen2.5")
    history.add_message(conversation, "tool",
                        json.dumps({"readable": "Friday 21 November 2026, 10:02"}),
                        tool_call_id="call_1", tool_name="current_time")
    history.add_message(conversation, "assistant", ANSWER, model="qwen2.5")
    for title in ("Travel policy for the Shenzhen trip", "周报模板", "Draft reply to the vendor"):
        history.add_message(history.create_conversation(title).id, "user", title)
    return conversation


def main() -> int:
    from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls

    with tempfile.TemporaryDirectory() as home, ScriptedServer(models=["qwen2.5"]) as server:
        os.environ.update({
            "DESKTOP_ASSISTANT_HOME": home,
            "DESKTOP_ASSISTANT_BASE_URL": server.base_url,
            "DESKTOP_ASSISTANT_MODEL": "qwen2.5",
        })
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from desktop_assistant.app import Services
        from desktop_assistant.assistant.tools import Effect, tool
        from desktop_assistant.ui.application import launch
        from desktop_assistant.ui.cards import ConfirmationCard
        from desktop_assistant.ui.workers import wait_for_workers

        services = Services.from_environment()
        conversation = seed(services)

        @tool(Effect.EXTERNAL, describe=lambda to, subject, when: (
            f"Email an invitation for “{subject}” on {when} to {', '.join(to)}"))
        def send_invitation(to: list[str], subject: str, when: str) -> str:
            """Send a meeting invitation (demo tool for this screenshot)."""
            return "not sent"

        services.tools.register(send_invitation)
        arguments = {"to": ["wang.fang@corp.example", "li.wei@corp.example"],
                     "subject": "Q3 budget review — prep", "when": "Mon 24 Nov, 10:00–10:30"}
        server.enqueue(ToolCalls([Call("send_invitation", json.dumps(arguments))],
                                 text="I'll invite them to a short prep meeting."),
                       Text(["Understood, I did not send it."]))

        app = QApplication.instance() or QApplication(sys.argv)
        window = launch(services)
        window.resize(1180, 800)
        target = HERE / "main-window.png"

        def ask() -> None:
            window.sidebar.refresh(select=conversation)
            window.chat.load_conversation(conversation)
            window.chat.input.setPlainText(
                "Invite Wang Fang and Li Wei to a 30-minute prep meeting on Monday morning")
            window.chat.send()
            poll()

        def poll() -> None:
            if window.findChildren(ConfirmationCard):
                QTimer.singleShot(400, capture)
            else:
                QTimer.singleShot(50, poll)

        def capture() -> None:
            window.chat.scroll_to_bottom()
            window.grab().save(str(target))
            print(f"wrote {target}")
            window.chat.busy_changed.connect(lambda busy: busy or app.quit())
            for card in window.findChildren(ConfirmationCard):
                card.refuse_button.click()

        QTimer.singleShot(300, ask)
        app.exec()
        window.shutdown()
        wait_for_workers(10.0)
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
