"""Tools the model can call: typed functions with docstrings, registered explicitly.

A tool's arguments become a pydantic model built from the function's signature, so the JSON
schema sent to the model and the validation of what the model sends back come from one place.
Each tool declares its effect:

- ``read``: looks things up; runs freely.
- ``local``: changes only this person's own data; runs, and offers an Undo.
- ``external``: touches a calendar, a mailbox or other people; runs only after the person
  confirms, in that moment, a summary of exactly what will happen.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from desktop_assistant.i18n import translate


class Effect(StrEnum):
    READ = "read"
    LOCAL = "local"
    EXTERNAL = "external"


@dataclass
class ToolResult:
    """What a tool returns: text for the model, and for ``local`` tools a way to undo."""

    content: str
    undo: Callable[[], str] | None = None


class ToolError(Exception):
    """A call the model got wrong; the message goes back to the model so it can correct it."""


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    effect: Effect
    arguments: type[BaseModel]
    function: Callable[..., Any]
    describe: Callable[..., str] | None = None

    def schema(self) -> dict[str, Any]:
        """The tool as OpenAI's ``tools`` parameter wants it."""
        parameters = self.arguments.model_json_schema()
        parameters.pop("title", None)
        for prop in parameters.get("properties", {}).values():
            prop.pop("title", None)
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": parameters,
            },
        }

    def parse(self, raw_arguments: str) -> BaseModel:
        """Validate the model's raw JSON arguments, or raise ToolError saying what is wrong."""
        try:
            data = json.loads(raw_arguments) if raw_arguments.strip() else {}
        except json.JSONDecodeError as error:
            raise ToolError(
                f"The arguments for {self.name} are not valid JSON ({error.msg} at "
                f"position {error.pos}). Send a JSON object matching the tool's schema."
            ) from None
        if not isinstance(data, dict):
            raise ToolError(f"The arguments for {self.name} must be a JSON object.")
        try:
            return self.arguments.model_validate(data)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}"
                for e in error.errors()
            )
            raise ToolError(f"Invalid arguments for {self.name}: {problems}.") from None

    def preview(self, arguments: BaseModel) -> str:
        """A sentence saying exactly what running the tool with these arguments will do."""
        if self.describe is not None:
            return self.describe(**arguments.model_dump())
        shown = ", ".join(f"{k}={v!r}" for k, v in arguments.model_dump().items())
        return translate("Tools", "Run {call}").format(call=f"{self.name}({shown})")

    def run(self, arguments: BaseModel) -> ToolResult:
        value = self.function(**{k: getattr(arguments, k) for k in type(arguments).model_fields})
        if isinstance(value, ToolResult):
            return value
        if isinstance(value, str):
            return ToolResult(value)
        return ToolResult(json.dumps(value, ensure_ascii=False, default=str))


def _description(function: Callable[..., Any]) -> str:
    doc = inspect.getdoc(function)
    if not doc:
        raise ValueError(f"Tool {function.__name__} needs a docstring: it is the model's guide.")
    return doc


def tool(
    effect: Effect, *, name: str | None = None, describe: Callable[..., str] | None = None
) -> Callable[[Callable[..., Any]], Tool]:
    """Make a ``Tool`` of a typed function. Parameters may carry ``Annotated[T, Field(...)]``."""

    def wrap(function: Callable[..., Any]) -> Tool:
        hints = get_type_hints(function, include_extras=True)
        fields: dict[str, Any] = {}
        for parameter in inspect.signature(function).parameters.values():
            if parameter.name not in hints:
                raise TypeError(f"Tool parameter {parameter.name!r} needs a type annotation.")
            default = ... if parameter.default is inspect.Parameter.empty else parameter.default
            fields[parameter.name] = (hints[parameter.name], default)
        tool_name = name or function.__name__
        model = create_model(
            f"{tool_name}_arguments", __config__=ConfigDict(extra="forbid"), **fields
        )
        return Tool(
            name=tool_name,
            description=_description(function),
            effect=effect,
            arguments=model,
            function=function,
            describe=describe,
        )

    return wrap


class ToolRegistry:
    """The tools the model may call in this app; each registered explicitly, once."""

    def __init__(self, tools: list[Tool] | None = None) -> None:
        self._tools: dict[str, Tool] = {}
        for each in tools or []:
            self.register(each)

    def register(self, new: Tool) -> Tool:
        if new.name in self._tools:
            raise ValueError(f"A tool named {new.name!r} is registered already.")
        self._tools[new.name] = new
        return new

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            known = ", ".join(sorted(self._tools)) or "none"
            raise ToolError(f"There is no tool named {name!r}. Available tools: {known}.") from None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def schemas(self) -> list[dict[str, Any]]:
        return [each.schema() for each in self._tools.values()]
