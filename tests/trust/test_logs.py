"""The log: rotating files in the data folder that never hold secrets, and hold message text
only when the person turned debug logging on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from desktop_assistant import cli, logs
from desktop_assistant.settings import Paths
from tests.support.openai_server import ScriptedServer, Text

SECRET = "sk-test-Zq8RvW3nT5pL0kY7xB2m"
BODY = "请把第三季度工资调整方案发给财务部 salary plan"
ANSWER = "好的，方案已整理。"


@pytest.fixture
def paths(home: Path) -> Iterator[Paths]:
    yield Paths.resolve()
    logs.stop_logging()


def _log_text(paths: Paths) -> str:
    folder = paths.data_dir / "logs"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


@pytest.mark.parametrize("text", [
    f"Authorization: Bearer {SECRET}",
    f"headers={{'Authorization': 'Bearer abc{SECRET[3:]}'}}",
    f"https://api.example/v1?api_key={SECRET[3:]}&x=1",
    f'{{"password": "{SECRET[3:]}", "user": "li"}}',
    f"token={SECRET[3:]}",
    f"imaps://li:{SECRET[3:]}@imap.corp.example/INBOX",
    f"refresh with ya29.{SECRET[3:]} and 1//{SECRET[3:]}",
    f"api-key: {SECRET[3:]}",
    f"client_secret = {SECRET[3:]}",
    f"the key is {SECRET}",
])
def test_secrets_are_masked(text: str) -> None:
    masked = logs.mask_secrets(text)
    assert SECRET[3:] not in masked
    assert logs.MASK in masked


def test_ordinary_text_is_left_alone() -> None:
    for text in ("Could not read 'api_key' from the system keyring: locked",
                 "the token is fine", "Checking reminders failed: database is locked"):
        assert logs.mask_secrets(text) == text


def test_records_are_masked_and_bodies_kept_out_unless_debug(paths: Paths) -> None:
    path = logs.configure_logging(paths, debug=False)
    assert path == paths.data_dir / "logs" / "desktop-assistant.log"
    log = logging.getLogger("desktop_assistant.test")
    log.warning("Request failed with Authorization: Bearer %s", SECRET)
    try:
        raise RuntimeError(f"server said: invalid api_key={SECRET}")
    except RuntimeError:
        log.exception("The turn failed")
    logs.log_body(log, "prompt", BODY, logging.WARNING)
    text = _log_text(paths)
    assert "Request failed with Authorization: Bearer [redacted]" in text
    assert "RuntimeError: server said: invalid api_key=[redacted]" in text
    assert SECRET not in text
    assert BODY not in text

    logs.set_debug(True)
    logs.log_body(log, "prompt", f"{BODY} (key {SECRET})")
    text = _log_text(paths)
    assert f"prompt: {BODY} (key [redacted])" in text
    assert SECRET not in text

    logs.set_debug(False)
    logs.log_body(log, "answer", ANSWER, logging.ERROR)
    assert ANSWER not in _log_text(paths)


def test_the_log_rotates(paths: Paths) -> None:
    logs.configure_logging(paths, debug=False)
    log = logging.getLogger("desktop_assistant.test")
    line = "x" * 1000
    for _ in range(logs.MAX_BYTES * (logs.BACKUPS + 2) // 1000):
        log.info("%s", line)
    files = sorted(p.name for p in (paths.data_dir / "logs").iterdir())
    assert files == ["desktop-assistant.log", *(f"desktop-assistant.log.{n}"
                                               for n in range(1, logs.BACKUPS + 1))]
    assert all((paths.data_dir / "logs" / name).stat().st_size <= logs.MAX_BYTES
               for name in files)


def test_a_command_logs_without_the_message_or_the_key(
    paths: Paths, model_env: ScriptedServer, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    prompt = f"{BODY}. My key is {SECRET}"
    model_env.enqueue(Text([ANSWER]), Text([ANSWER]))

    assert cli.main(["ask", prompt]) == 0
    assert capsys.readouterr().out == f"{ANSWER}\n"
    assert model_env.requests  # the model was really called (and the key sent)
    quiet = _log_text(paths)
    assert "debug logging off" in quiet
    assert "POST" in quiet  # the request itself is logged, without its body
    assert BODY not in quiet
    assert ANSWER not in quiet
    assert SECRET not in quiet
    # The command closed its log file when it ended.
    assert not any(isinstance(h, RotatingFileHandler) for h in logging.getLogger().handlers)

    assert cli.main(["config", "set", "debug_logging", "true"]) == 0
    assert cli.main(["ask", prompt]) == 0
    debug = _log_text(paths)[len(quiet):]
    assert "debug logging on" in debug
    assert BODY in debug  # the request's text, with debug logging on
    assert SECRET not in debug
    assert "[redacted]" in debug
