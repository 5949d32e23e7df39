"""Slash commands answer without a model."""

from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_assistant.assistant.commands import SlashCommands, register_builtin_commands
from desktop_assistant.db import Database
from desktop_assistant.memory import MemoryStore


def make(tmp_path: Path) -> tuple[SlashCommands, MemoryStore, Database]:
    database = Database(tmp_path / "c.db")
    memory = MemoryStore(database)
    commands = SlashCommands()
    register_builtin_commands(commands, memory, lambda: ZoneInfo("Asia/Shanghai"))
    return commands, memory, database


def test_remember_list_forget(tmp_path: Path) -> None:
    commands, memory, database = make(tmp_path)
    assert commands.run("/remember 我喜欢上午开会") == "Remembered (#1): 我喜欢上午开会"
    assert "#1: 我喜欢上午开会" in commands.run("/memories")
    assert commands.run("/forget 1") == "Forgot memory #1."
    assert memory.all() == []
    assert "Give the number" in commands.run("/forget one")
    assert "Say what to remember" in commands.run("/remember")
    database.close_all()


def test_time_help_and_unknown(tmp_path: Path) -> None:
    commands, _, database = make(tmp_path)
    assert "Asia/Shanghai, UTC+08:00" in commands.run("/time")
    assert "/remember TEXT" in commands.run("/help")
    assert "Unknown command `/fly`" in commands.run("/fly away")
    assert SlashCommands.is_command("/help")
    assert not SlashCommands.is_command("/ not a command")
    assert not SlashCommands.is_command("path/to/file")
    database.close_all()
