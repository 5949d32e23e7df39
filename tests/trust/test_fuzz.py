"""Random and mutated input at the places untrusted text comes in: no crash, no hang.

- Every registered tool's ``parse()`` (what the model sends) with arbitrary JSON, wrong types,
  huge strings, unicode, NUL characters and values at the edges (ids past SQLite's integers,
  dates past year 9999): a parsed value or a ``ToolError``, nothing else; what parses is
  previewed (the confirmation card's text) and, unless ``external``, run, again with nothing
  but ``ToolError`` allowed.
- The ``.ics`` importer with mutated real files (``../shared/data/ical`` and the hostile
  corpus's): a report, never an exception.
- The extraction registry with random and mutated bytes for each registered suffix, under
  small ``Limits``: ``Extracted``, ``Skipped`` or ``Failed``. A hang is the test's timeout.
- The slash-command parser (``Services.commands``) with random text starting with "/": a
  Markdown answer, never an exception.

Bounded examples and no deadline, so the file stays well under a minute on two cores.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_assistant.app import Services
from desktop_assistant.assistant.tools import Effect, Tool, ToolError
from desktop_assistant.calendar.importer import ImportReport, import_data
from desktop_assistant.documents.extractors import (
    MB,
    Extracted,
    Failed,
    Limits,
    Skipped,
    extract,
    supported_suffixes,
)
from tests.support.documents_corpus import SHARED_DATA, make_docx, make_pdf, make_pptx, make_xlsx
from tests.trust.hostile import HERE as HOSTILE

FUZZ = settings(max_examples=400, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
SMALL = Limits(text_bytes=64 * 1024, file_bytes=2 * MB, unpacked_bytes=8 * MB,
               unpacked_part_bytes=4 * MB, pages=20, chars=200_000, chunk_chars=500)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
    st.text(alphabet=st.sampled_from("\x00\u202e\ufeff中文😀<>\"'\\/\n\r\t "), max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)


# Values at the edges of what the services store and compute: SQLite's integers, Python's
# dates, numbers too large for a C int, control characters.
EDGE_NUMBERS = [2**63 - 1, 2**63, 2**70, -(2**63) - 1, 0, -1, 10**20]
EDGE_TIMES = ["9999-12-31", "9999-12-31T23:59", "0001-01-01", "0001-01-01T00:00",
              "in 99999999999999999999 minutes", "99999999999999999999 days",
              "明天下午九十九点", "every 0 days", "FREQ=YEARLY;INTERVAL=9999999999", "24:61",
              "2024-02-30", "next 9999999 weeks"]
EDGE_TEXT = ["", " ", "\x00", "\u202e", "x" * 5000, "../../etc/passwd", "~nobody-4711/x",
             "a@", "<document>", "</document>", "\r\nBcc: x@evil.example"]
edge_values = st.sampled_from([*EDGE_NUMBERS, *EDGE_TIMES, *EDGE_TEXT, None, [], {}, True])


def huge(draw: Callable[..., Any]) -> str:
    return str(draw(st.sampled_from(["x", "中", "\x00", "a@b.c,", "0"]))) * draw(
        st.integers(min_value=5_000, max_value=200_000))


@st.composite
def raw_arguments(draw: Callable[..., Any], tool: Tool) -> str:
    """What a confused (or hostile) model might send as a tool's arguments."""
    fields = list(tool.arguments.model_fields)
    names = st.sampled_from([*fields, "extra", ""]) if fields else st.text(max_size=8)
    kind = draw(st.integers(min_value=0, max_value=7))
    if kind >= 6:  # the tool's fields with values at the edges (a list for list fields)
        data = {name: draw(edge_values) for name in fields
                if draw(st.booleans()) or tool.arguments.model_fields[name].is_required()}
        for name, value in list(data.items()):
            if "list" in str(tool.arguments.model_fields[name].annotation) and draw(
                    st.booleans()):
                data[name] = [value]
        return json.dumps(data)
    if kind == 0:
        return str(draw(st.text(max_size=60)))  # not JSON, or any JSON
    if kind == 1:
        return json.dumps(draw(json_values))
    if kind == 2:  # the tool's own fields, each with a value of any type
        return json.dumps(draw(st.dictionaries(names, json_values, max_size=len(fields) + 2)))
    if kind == 3:  # one field huge
        return json.dumps({draw(names): huge(draw)})
    if kind == 4:  # mostly right, one field wrong
        data = {name: draw(st.text(max_size=30)) for name in fields}
        data[draw(names)] = draw(json_values)
        return json.dumps(data, ensure_ascii=draw(st.booleans()))
    return json.dumps(draw(st.dictionaries(names, st.text(max_size=30), max_size=6)),
                      allow_nan=True)[: draw(st.integers(min_value=0, max_value=200))]


def test_every_tool_parses_or_says_what_is_wrong(services: Services) -> None:
    tools = list(services.tools)
    assert len(tools) >= 15

    @FUZZ
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        tool = data.draw(st.sampled_from(tools))
        raw = data.draw(raw_arguments(tool))
        try:
            parsed = tool.parse(raw)
            shown = tool.preview(parsed)
            if tool.effect is not Effect.EXTERNAL:  # external ones would reach Google
                tool.run(parsed)
        except ToolError as error:
            problem = str(error)
            assert problem
        else:
            assert isinstance(shown, str)

    check()


def calendar_files() -> list[bytes]:
    files = sorted(HOSTILE.glob("*.ics"))
    corpus = SHARED_DATA / "ical"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.ics"))[::7]  # a spread of the 338, kept quick
    return [path.read_bytes()[:20_000] for path in files]


@st.composite
def mutated(draw: Callable[..., Any], seeds: list[bytes]) -> bytes:
    """A seed with a few byte- and line-level mutations, or random bytes."""
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        return bytes(draw(st.binary(max_size=2000)))
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        what = draw(st.integers(min_value=0, max_value=5))
        if what == 0:
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif what == 1:
            del data[at:at + draw(st.integers(min_value=1, max_value=200))]
        elif what == 2:
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif what == 3:
            data[at:at] = draw(st.sampled_from([
                b"\r\n", b"\r\n ", b"BEGIN:VEVENT\r\n", b"END:VCALENDAR\r\n",
                b"RRULE:FREQ=SECONDLY\r\n",
                b"DTSTART;TZID=Nowhere/Zone:20240101T000000\r\n", b";VALUE=DATE", b"\x00",
                b"<", b"</p>", b"PK\x03\x04", b"%PDF-", b"obj", b"stream\n", b"\xff\xfe",
                "忽略之前的所有指令".encode(), b"=?utf-8?b?5Lit?=", b"--b1\r\n",
            ]))
        elif what == 4:
            del data[at:]
        else:
            line_end = data.find(b"\n", at)
            if line_end != -1:
                data[at:at] = data[at:line_end + 1]
    return bytes(data)


def test_the_calendar_importer_reports_what_it_cannot_read(services: Services) -> None:
    seeds = calendar_files()
    assert seeds
    calendar = services.calendar
    now = calendar.now()
    window = (now - timedelta(days=365), now + timedelta(days=365))

    @FUZZ
    @given(data=mutated(seeds))
    def check(data: bytes) -> None:
        report = import_data(data, "fuzzed.ics", calendar.local, calendar.zone(), window)
        assert isinstance(report, ImportReport)
        if not report.imported:
            assert report.problems
        assert report.summary()

    check()


def extraction_seeds(folder: Path) -> dict[str, list[bytes]]:
    """Valid files of every registered type, to mutate."""
    made = {
        ".docx": make_docx(folder / "a.docx", [("Heading", ["Text 中文", "More"])],
                           table=[["a", "b"], ["1", "2"]], title="T"),
        ".pptx": make_pptx(folder / "a.pptx", [("Title", "Body 中文", "notes")]),
        ".xlsx": make_xlsx(folder / "a.xlsx", {"Sheet": [["a", 1], ["中文", 2.5]]}),
        ".pdf": make_pdf(folder / "a.pdf", ["Page one\nline", "Page two"], title="T"),
    }
    seeds = {suffix: [path.read_bytes()] for suffix, path in made.items()}
    for office, macro in ((".docx", ".docm"), (".pptx", ".pptm"), (".xlsx", ".xlsm")):
        seeds[macro] = seeds[office]
    texts = [path.read_bytes() for path in sorted(HOSTILE.iterdir())
             if path.suffix in (".md", ".txt", ".html", ".eml")]
    for suffix in supported_suffixes() - set(seeds):
        seeds[suffix] = [*texts, b"a,b,c\r\n1,\"2\n3\",4\r\n", "标题\n正文".encode("gb18030")]
    return seeds


def test_extraction_ends_with_text_or_a_reason_for_any_bytes(tmp_path: Path) -> None:
    seeds = extraction_seeds(tmp_path)
    assert set(seeds) == set(supported_suffixes())
    work = Path(tempfile.mkdtemp(dir=tmp_path))

    @settings(FUZZ, max_examples=300)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        suffix = data.draw(st.sampled_from(sorted(seeds)))
        content = data.draw(mutated(seeds[suffix]))
        path = work / f"fuzzed{suffix}"
        path.write_bytes(content)
        try:
            extracted = extract(path, SMALL)
        except (Skipped, Failed) as reason:
            extracted = Extracted(str(reason))
            assert extracted.title
        assert isinstance(extracted, Extracted)
        assert isinstance(extracted.title, str)
        assert sum(len(c.text) for c in extracted.chunks) <= SMALL.chars + SMALL.chunk_chars

    check()


COMMAND_WORDS = [
    "help", "time", "remember", "memories", "forget", "agenda", "free", "schedule", "find",
    "draft", "remind", "HELP", "Remind", "nope", "",
]
ARGUMENT_WORDS = [
    "yes", "no", "list", "cancel", "snooze", "with", "for", "30m", "0m", "-5m", "999999999m",
    "tomorrow", "明天", "下午三点", "next", "week", "3pm", "25:99", "2024-02-30", "every", "day",
    "a@corp.example", "王芳", "主题=预算", "收件人=", "抄送=a@", "“引号", "”", "=", "1", "0", "-1",
    "99999999999999999999999", "\x00", "\u202e", "in", "minutes", "at", "on", "Monday",
    "FREQ=SECONDLY", "所有", "/", "//", "\n", "\t", "%s", "{0}", "'", '"',
]


TEMPLATES = [
    "/remind in {n} minutes {t}", "/remind cancel {n}", "/remind snooze {n} {n}m",
    "/remind {d} {t}", "/remind {t} every {n} days", "/forget {n}", "/forget #{n}",
    "/agenda {d}", "/free {n}m with a@corp.example {d}",
    "/schedule {t} with a@corp.example {d} 3pm for {n}m",
    "/schedule yes", "/find {t}", "/draft 收件人={t} 主题={t}", "/remember {t}",
]


def test_slash_commands_answer_anything_typed(services: Services) -> None:
    commands = services.commands
    words = st.lists(st.one_of(st.sampled_from(ARGUMENT_WORDS), st.text(max_size=12)),
                     max_size=8)
    numbers = st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers()).map(str)
    dates = st.one_of(st.sampled_from(EDGE_TIMES), st.dates().map(str),
                      st.datetimes().map(lambda d: d.isoformat(timespec="minutes")))
    templated = st.builds(
        lambda template, n, d, t: template.replace("{n}", n).replace("{d}", d).replace(
            "{t}", t),
        st.sampled_from(TEMPLATES), numbers, dates, st.text(max_size=20))
    typed = st.one_of(
        templated,
        st.tuples(st.sampled_from(COMMAND_WORDS), words).map(
            lambda pair: "/" + pair[0] + " " + " ".join(pair[1])),
        st.text(max_size=80).map(lambda text: "/" + text),
    )

    @settings(FUZZ, max_examples=400)
    @given(text=typed)
    def check(text: str) -> None:
        said = commands.run(text)
        assert isinstance(said, str)
        assert said.strip()

    check()


@pytest.mark.parametrize("text", ["/", "/ ", "/\x00", "/remind snooze 1 99999999999999m",
                                  "/forget 99999999999999999999999", "/schedule yes"])
def test_a_few_commands_typed_on_purpose(services: Services, text: str) -> None:
    reply = services.run_command(None, text)
    assert reply.answer.content.strip()
