"""Tools: schema and validation from one pydantic model; readable errors for the model."""

from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from desktop_assistant.assistant.tools import Effect, ToolError, ToolRegistry, ToolResult, tool


@tool(Effect.EXTERNAL, describe=lambda to, minutes: f"Invite {to} for {minutes} minutes")
def invite(
    to: Annotated[str, Field(description="Email address of the attendee.")],
    minutes: int = 30,
) -> str:
    """Send a meeting invitation."""
    return f"invited {to} for {minutes}"


def test_schema_comes_from_the_signature_and_docstring() -> None:
    schema = invite.schema()
    function = schema["function"]
    assert function["name"] == "invite"
    assert function["description"] == "Send a meeting invitation."
    parameters = function["parameters"]
    assert parameters["required"] == ["to"]
    assert parameters["properties"]["to"] == {
        "type": "string", "description": "Email address of the attendee."
    }
    assert parameters["properties"]["minutes"]["default"] == 30
    assert parameters["additionalProperties"] is False


def test_valid_arguments_run_and_preview() -> None:
    parsed = invite.parse('{"to": "a@corp.example", "minutes": 45}')
    assert invite.preview(parsed) == "Invite a@corp.example for 45 minutes"
    assert invite.run(parsed) == ToolResult("invited a@corp.example for 45")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"to": ', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"minutes": 5}', "to: Field required"),
        ('{"to": "a", "minutes": "soon"}', "minutes: Input should be a valid integer"),
        ('{"to": "a", "cc": "b"}', "cc: Extra inputs are not permitted"),
    ],
)
def test_bad_arguments_become_readable_errors(raw: str, message: str) -> None:
    with pytest.raises(ToolError, match=message):
        invite.parse(raw)


def test_registry_rejects_duplicates_and_names_known_tools() -> None:
    registry = ToolRegistry([invite])
    with pytest.raises(ValueError, match="registered already"):
        registry.register(invite)
    with pytest.raises(ToolError, match=r"no tool named 'nope'\. Available tools: invite"):
        registry.get("nope")
    assert registry.schemas() == [invite.schema()]


def test_a_tool_needs_a_docstring_and_annotations() -> None:
    def undocumented(x: int) -> int:
        return x

    with pytest.raises(ValueError, match="docstring"):
        tool(Effect.READ)(undocumented)

    def untyped(x):  # type: ignore[no-untyped-def]
        """Doc."""

    with pytest.raises(TypeError, match="annotation"):
        tool(Effect.READ)(untyped)


def test_non_string_results_are_json() -> None:
    @tool(Effect.READ)
    def facts() -> list[dict[str, str]]:
        """Facts."""
        return [{"中文": "会议"}]

    assert facts.run(facts.parse("")).content == '[{"中文": "会议"}]'


def test_remembering_nothing_is_a_mistake_the_model_is_told_about(tmp_path: Path) -> None:
    """A fact of spaces passes the schema (min_length) but the memory store refuses it; the
    model gets that as a tool error to correct, not a crashed turn (found by
    tests/trust/test_fuzz.py)."""
    from desktop_assistant.assistant.builtin_tools import memory_tools
    from desktop_assistant.db import Database
    from desktop_assistant.memory import MemoryStore

    store = MemoryStore(Database(tmp_path / "memory.db"))
    [remember] = [t for t in memory_tools(store) if t.name == "remember"]
    with pytest.raises(ToolError, match="nothing to remember"):
        remember.run(remember.parse('{"fact": "  \\t "}'))
    assert store.all() == []
