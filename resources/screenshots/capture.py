"""Take the README's screenshots of the real app, in English and Chinese, light and dark.

    xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session python resources/screenshots/capture.py

(from the repository root; ``apt-get install xvfb dunst`` first). Writes
``<language>-<theme>-<what>.png`` beside this file for language ``en``/``zh_CN``, theme
``light``/``dark`` and what:

- ``main``: the window with a conversation (a tool call, a Markdown answer, English and Chinese);
- ``settings``: the settings dialog;
- ``confirmation``: the assistant asks before sending an invitation (an ``external`` tool);
- ``notification``: a reminder as our notifier sends it, drawn by the desktop's notification
  daemon (dunst, started here on the private session bus ``dbus-run-session`` gives); without
  dunst, the tray menu and the notification as the tray icon would show it are not drawn and
  the shot is skipped.

Each language and theme runs in its own process (the language is installed at start, as in the
app) with a temporary home seeded through the real services and the scripted model server
(tests/support/openai_server.py). ``--only zh_CN dark`` takes one variant; ``--scale 1.25``
sets QT_SCALE_FACTOR to check scaling (write those elsewhere with ``--out``; they're not kept).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark")
WINDOW_SIZE = (1100, 760)
NOTIFICATION_AREA = 380, 200  # the screen's top-right corner, where dunst draws
TIMEOUT_S = 30

ANSWER = {
    "en": """The **Q3 budget review** is on *Tuesday 25 November, 15:00–16:00* (Shanghai time).

To prepare:

1. Update the department forecast in `Q3-budget.xlsx`
2. Bring the travel reimbursement figures (差旅报销汇总)
3. List open purchase requests above ¥50,000

| Item | Owner | Due |
|---|---|---|
| Forecast | Wang Fang 王芳 | Mon 24 Nov |
| Travel figures | You | Tue 25 Nov, 12:00 |
""",
    "zh_CN": """**第三季度预算评审会**定于 *11 月 25 日（周二）15:00–16:00*（上海时间）。

需要准备：

1. 更新 `Q3-budget.xlsx` 中的部门预测
2. 带上差旅报销汇总数据
3. 列出金额超过 ¥50,000 的未结采购申请

| 事项 | 负责人 | 截止 |
|---|---|---|
| 预测 | 王芳 | 11 月 24 日（周一） |
| 差旅数据 | 你 | 11 月 25 日 12:00 |
""",
}
TEXTS = {
    "en": {
        "title": "Q3 budget review", "question":
            "When is the Q3 budget review, and what should I prepare?",
        "others": ("Travel policy for the Shenzhen trip", "Weekly report template",
                   "Draft reply to the vendor"),
        "ask": "Invite Wang Fang and Li Wei to a 30-minute prep meeting on Monday morning",
        "preamble": "I'll invite them to a short prep meeting.",
        "subject": "Q3 budget review — prep", "when": "Mon 24 Nov, 10:00–10:30",
        "reminder": "Send the Q3 forecast to Wang Fang",
        "describe": "Email an invitation for “{subject}” on {when} to {to}",
    },
    "zh_CN": {
        "title": "第三季度预算评审", "question": "第三季度预算评审会是什么时候？我需要准备什么？",
        "others": ("深圳出差的差旅政策", "周报模板", "回复供应商的草稿"),
        "ask": "邀请王芳和李伟周一上午开 30 分钟的准备会",
        "preamble": "我来邀请他们参加一个简短的准备会。",
        "subject": "第三季度预算评审——准备会", "when": "11 月 24 日（周一）10:00–10:30",
        "reminder": "把第三季度预测发给王芳",
        "describe": "发送邀请“{subject}”（{when}）给 {to}",
    },
}


def seed(services: object, language: str) -> int:
    from desktop_assistant.app import Services

    assert isinstance(services, Services)
    texts = TEXTS[language]
    history = services.history
    for title in texts["others"]:
        history.add_message(history.create_conversation(title).id, "user", title)
    conversation = history.create_conversation(texts["title"]).id
    history.add_message(conversation, "user", texts["question"])
    call = {"id": "call_1", "type": "function",
            "function": {"name": "current_time", "arguments": "{}"}}
    history.add_message(conversation, "assistant", "", tool_calls=[call], model="qwen2.5")
    history.add_message(conversation, "tool",
                        json.dumps({"readable": "Friday 21 November 2026, 10:02"}),
                        tool_call_id="call_1", tool_name="current_time")
    history.add_message(conversation, "assistant", ANSWER[language], model="qwen2.5")
    return conversation


def save(pixmap: object, path: Path) -> None:
    """A PNG at zlib's strongest compression (optipng, if installed, shrinks it further)."""
    from PySide6.QtGui import QPixmap

    assert isinstance(pixmap, QPixmap)
    pixmap.toImage().save(str(path), "PNG", 0)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", str(path)], check=False)
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
          f"({path.stat().st_size // 1024} KB)", flush=True)


def capture_one(language: str, theme: str, out: Path) -> int:
    """Take the four shots of one language and theme, in this process."""
    from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls

    texts = TEXTS[language]
    with tempfile.TemporaryDirectory() as home, ScriptedServer(models=["qwen2.5"]) as server:
        config = Path(home) / "config"
        config.mkdir()
        profile_language = "zh" if language == "zh_CN" else "en"
        (config / "settings.toml").write_text(
            f'interface_language = "{language}"\ntheme = "{theme}"\nbriefing_time = ""\n'
            f'language = "{profile_language}"\ntimezone = "Asia/Shanghai"\n', encoding="utf-8")
        os.environ.update({
            "DESKTOP_ASSISTANT_HOME": home,
            "DESKTOP_ASSISTANT_BASE_URL": server.base_url,
            "DESKTOP_ASSISTANT_MODEL": "qwen2.5",
            # Never the developer's keyring (nor its unlock prompt).
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        })
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        from desktop_assistant.app import Services
        from desktop_assistant.assistant.tools import Effect, tool
        from desktop_assistant.ui.application import launch
        from desktop_assistant.ui.cards import ConfirmationCard
        from desktop_assistant.ui.workers import wait_for_workers

        services = Services.from_environment()
        conversation = seed(services, language)

        @tool(Effect.EXTERNAL, describe=lambda to, subject, when: texts["describe"].format(
            subject=subject, when=when, to=", ".join(to)))
        def send_invitation(to: list[str], subject: str, when: str) -> str:
            """Send a meeting invitation (demo tool for this screenshot)."""
            return "not sent"

        services.tools.register(send_invitation)
        arguments = {"to": ["wang.fang@corp.example", "li.wei@corp.example"],
                     "subject": texts["subject"], "when": texts["when"]}
        server.enqueue(ToolCalls([Call("send_invitation", json.dumps(arguments))],
                                 text=texts["preamble"]),
                       Text(["OK."]))

        app = QApplication.instance() or QApplication(sys.argv)
        assert isinstance(app, QApplication)
        window = launch(services)
        window.resize(*WINDOW_SIZE)
        prefix = f"{language}-{theme}"
        steps: list[str] = []

        def later(ms: int, then: object) -> None:
            QTimer.singleShot(ms, then)  # type: ignore[call-overload]

        def wait_for(condition: object, then: object, started: float | None = None) -> None:
            started = started or time.monotonic()
            if condition():  # type: ignore[operator]
                later(400, then)
            elif time.monotonic() - started > TIMEOUT_S:
                print(f"{prefix}: gave up waiting after {steps}", file=sys.stderr)
                app.exit(1)
            else:
                later(50, lambda: wait_for(condition, then, started))

        def show_conversation() -> None:
            steps.append("main")
            window.sidebar.refresh(select=conversation)
            window.chat.load_conversation(conversation)
            wait_for(lambda: len(window.chat.bubbles()) >= 2, shoot_main)

        def shoot_main() -> None:
            window.chat.scroll_to_bottom()
            save(window.grab(), out / f"{prefix}-main.png")
            steps.append("settings")
            window.open_settings()
            wait_for(lambda: settings_dialog() is not None, shoot_settings)

        def settings_dialog() -> object:
            from desktop_assistant.ui.settings_dialog import SettingsDialog

            found = window.findChild(SettingsDialog)
            return found if found is not None and found.isVisible() else None

        def shoot_settings() -> None:
            dialog = settings_dialog()
            save(dialog.grab(), out / f"{prefix}-settings.png")  # type: ignore[attr-defined]
            dialog.reject()  # type: ignore[attr-defined]
            steps.append("confirmation")
            window.chat.input.setPlainText(texts["ask"])
            window.chat.send()
            wait_for(lambda: window.findChildren(ConfirmationCard), shoot_confirmation)

        def shoot_confirmation() -> None:
            window.chat.scroll_to_bottom()
            save(window.grab(), out / f"{prefix}-confirmation.png")
            for card in window.findChildren(ConfirmationCard):
                card.refuse_button.click()
            steps.append("notification")
            if not shutil.which("dunst"):
                print("no dunst: no notification shot", file=sys.stderr)
                app.quit()
                return
            due = services.reminders.now() + timedelta(seconds=2)
            services.reminders.add(texts["reminder"], due)
            window.background.clock.check_now()  # type: ignore[union-attr]
            notifier = window.background.notifier  # type: ignore[union-attr]
            wait_for(lambda: notifier.open_notifications, shoot_notification)

        def shoot_notification() -> None:
            window.hide()  # the notification alone on the screen
            QApplication.processEvents()
            screen = QGuiApplication.primaryScreen()
            width, height = NOTIFICATION_AREA
            area = screen.geometry()
            save(screen.grabWindow(0, area.width() - width, 0, width, height),
                 out / f"{prefix}-notification.png")
            app.quit()

        QTimer.singleShot(600, show_conversation)
        QTimer.singleShot(4 * TIMEOUT_S * 1000, lambda: app.exit(1))  # a step that raised
        code = app.exec()
        window.shutdown()
        wait_for_workers(10.0)
        services.close()
    return code


def start_dunst() -> subprocess.Popen[bytes] | None:
    """The notification daemon on this session bus, unless one already answers."""
    if not shutil.which("dunst") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    daemon = subprocess.Popen(["dunst"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # it takes the bus name
    return daemon


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs=2, metavar=("LANGUAGE", "THEME"))
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--scale", help="QT_SCALE_FACTOR for a scaling check")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("Run under Xvfb (see the docstring).", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only:
        return capture_one(*args.only, args.out)
    daemon = start_dunst()
    failed = 0
    try:
        for language in LANGUAGES:
            for theme in THEMES:
                if daemon is not None and shutil.which("dunstctl"):  # the last one's notes
                    subprocess.run(["dunstctl", "close-all"], check=False)
                command = [sys.executable, __file__, "--only", language, theme, "--out",
                           str(args.out)]
                failed += subprocess.run(command, check=False, timeout=180).returncode != 0
    finally:
        if daemon is not None:
            daemon.terminate()
            daemon.wait(5)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
