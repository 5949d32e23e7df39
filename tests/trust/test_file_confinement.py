"""The document tools read only indexed files in the indexed folders, whatever path they get.

A real folder is indexed beside a real "outside" folder holding a secret; real symbolic links
point out of the indexed folder (to a file, to a folder), loop, or are swapped in after
indexing. ``read_document`` (and ``search_documents``' folder) must refuse ``..``, absolute
paths outside, links that resolve outside, case tricks, ``~`` homes, NUL characters and URLs,
with a tool error a person (and the model) can act on, and never show the secret.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ToolResultEvent
from desktop_assistant.assistant.tools import Tool, ToolError
from tests.support.documents_corpus import index_all
from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls

SECRET = "outside-secret-7d1f: the payroll export"


@pytest.fixture
def layout(services: Services, tmp_path: Path) -> dict[str, Path]:
    company, outside = tmp_path / "company", tmp_path / "outside"
    (company / "sub").mkdir(parents=True)
    (outside / "nested").mkdir(parents=True)
    (company / "policy.md").write_text("# Policy\nThe hotel limit is 180 EUR.\n")
    (company / "sub" / "notes.txt").write_text("Team notes: deploy on Tuesdays.\n")
    (company / "sub" / "swap.txt").write_text("Swap me later.\n")
    (company / ".hidden.md").write_text("# Hidden\nNot indexed (excluded by default).\n")
    (outside / "secret.txt").write_text(SECRET)
    (outside / "nested" / "notes.txt").write_text(SECRET)
    (company / "link-out.txt").symlink_to(outside / "secret.txt")
    (company / "linked-folder").symlink_to(outside / "nested", target_is_directory=True)
    (company / "relative-out.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (company / "loop-a.txt").symlink_to(company / "loop-b.txt")
    (company / "loop-b.txt").symlink_to(company / "loop-a.txt")
    services.documents.add_folder(company)
    index_all(services.documents)
    indexed = {f.path for f in services.documents.files("indexed")}
    assert indexed == {str(company / "policy.md"), str(company / "sub" / "notes.txt"),
                       str(company / "sub" / "swap.txt")}
    return {"company": company, "outside": outside}


def tool(services: Services, name: str) -> Tool:
    return services.tools.get(name)


def read(services: Services, path: str, location: str = "") -> str:
    """What read_document tells the model: its text, or 'Error: …' as the agent sends it."""
    reader = tool(services, "read_document")
    try:
        return reader.run(reader.parse(json.dumps({"path": path, "location": location}))).content
    except ToolError as error:
        return f"Error: {error}"


def refused(said: str) -> bool:
    return said.startswith("Error: ") and SECRET not in said and (
        "is not an indexed" in said or "without '..'" in said or "without NUL" in said
        or "Invalid arguments for read_document: path" in said)


def test_indexed_files_are_read_by_absolute_or_relative_path(
    services: Services, layout: dict[str, Path]
) -> None:
    company = layout["company"]
    assert "The hotel limit is 180 EUR." in read(services, str(company / "policy.md"))
    assert "deploy on Tuesdays" in read(services, "sub/notes.txt")
    assert "deploy on Tuesdays" in read(services, f"  {company / 'sub' / 'notes.txt'}  ")
    assert "deploy on Tuesdays" in read(services, str(company / "sub" / "." / "notes.txt"))


@pytest.mark.parametrize("path", [
    "../outside/secret.txt",
    "sub/../../outside/secret.txt",
    "{company}/../outside/secret.txt",
    "{company}/sub/../policy.md",  # inside, but '..' is refused outright
    "..\\outside\\secret.txt",
    "{outside}/secret.txt",
    "/etc/passwd",
    "/proc/self/environ",
    "link-out.txt",
    "{company}/link-out.txt",
    "relative-out.txt",
    "linked-folder/notes.txt",
    "{company}/linked-folder/notes.txt",
    "loop-a.txt",
    "{company}/POLICY.MD",
    "{company_upper}/policy.md",
    "Policy.md",
    ".hidden.md",
    "{company}/.hidden.md",
    "~/.bashrc",
    "~root/.ssh/id_rsa",
    "~no-such-user-4711/secret.txt",
    "policy.md\x00.txt",
    "file://{outside}/secret.txt",
    "%2e%2e/outside/secret.txt",
    "{company}",
    "sub",
    "",
    "   ",
])
def test_paths_outside_the_indexed_files_are_refused_with_a_clear_error(
    services: Services, layout: dict[str, Path], path: str
) -> None:
    company, outside = layout["company"], layout["outside"]
    given_path = (path.replace("{company_upper}", str(company).upper())
                  .replace("{company}", str(company)).replace("{outside}", str(outside)))
    said = read(services, given_path)
    assert refused(said), said
    if given_path.strip() and "\x00" not in given_path and ".." not in given_path:
        assert "Only files indexed from the folders" in said or "no such home" in said


def test_a_file_swapped_for_a_link_after_indexing_is_not_followed_out(
    services: Services, layout: dict[str, Path]
) -> None:
    company, outside = layout["company"], layout["outside"]
    (company / "policy.md").unlink()
    (company / "policy.md").symlink_to(outside / "secret.txt")
    shutil.rmtree(company / "sub")
    (company / "sub").symlink_to(outside / "nested", target_is_directory=True)
    for path in ("policy.md", str(company / "policy.md"), "sub/notes.txt",
                 str(company / "sub" / "notes.txt")):
        said = read(services, path)
        assert refused(said), said


def test_a_file_added_after_indexing_waits_for_the_index(
    services: Services, layout: dict[str, Path]
) -> None:
    (layout["company"] / "new.md").write_text("# New\nNot indexed yet.\n")
    assert refused(read(services, "new.md"))


@pytest.mark.parametrize("folder", [
    "../outside", "{outside}", "/etc", "linked-folder", "{company}/linked-folder",
    "~no-such-user-4711", "sub\x00", "{company}/../outside",
])
def test_search_stays_in_the_indexed_folders(
    services: Services, layout: dict[str, Path], folder: str
) -> None:
    given_folder = folder.replace("{company}", str(layout["company"])).replace(
        "{outside}", str(layout["outside"]))
    search = tool(services, "search_documents")
    with pytest.raises(ToolError) as caught:
        search.run(search.parse(json.dumps({"query": "payroll export", "folder": given_folder})))
    assert "indexed folder" in str(caught.value) or "without" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_the_model_gets_the_refusal_as_a_tool_error_and_the_turn_goes_on(
    services: Services, server: ScriptedServer, layout: dict[str, Path]
) -> None:
    outside = layout["outside"]
    server.enqueue(
        ToolCalls([Call("read_document", json.dumps({"path": str(outside / "secret.txt")}))]),
        ToolCalls([Call("read_document", json.dumps({"path": "link-out.txt"}))]),
        Text(["I can only read indexed documents."]),
    )
    events = list(services.agent().start(None, "Read the payroll export"))
    results = [e for e in events if isinstance(e, ToolResultEvent)]
    assert [(r.tool, r.ok) for r in results] == [("read_document", False)] * 2
    assert all(refused(r.content) for r in results), [r.content for r in results]
    for request in server.requests:
        assert SECRET not in json.dumps(request.body, ensure_ascii=False)
    audit = services.history.audit_entries()
    assert [(a.tool, a.outcome) for a in audit] == [("read_document", "error")] * 2


def test_any_path_at_all_reads_an_indexed_file_or_is_refused(
    services: Services, layout: dict[str, Path]
) -> None:
    company, outside = layout["company"], layout["outside"]
    pieces = st.sampled_from([
        "..", ".", "sub", "notes.txt", "policy.md", "link-out.txt", "linked-folder", "outside",
        "secret.txt", "~", "~root", str(company), str(outside), "/", "//", "\\", "\x00", " ",
        "POLICY.md", "%2e%2e", "relative-out.txt", "loop-a.txt", ".hidden.md", "etc", "passwd",
    ])
    paths = st.one_of(st.lists(pieces, max_size=8).map("/".join),
                      st.lists(pieces, max_size=8).map("".join),
                      st.text(max_size=200))
    allowed = {str(company / "policy.md"), str(company / "sub" / "notes.txt"),
               str(company / "sub" / "swap.txt")}
    reader = tool(services, "read_document")

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(path=paths)
    def check(path: str) -> None:
        try:
            parsed = reader.parse(json.dumps({"path": path}))
        except ToolError:
            return
        try:
            said = reader.run(parsed).content
        except ToolError as error:
            said = f"Error: {error}"
        assert SECRET not in said
        if said.startswith("Error: "):
            return
        real = os.path.realpath(str(company / path.strip())) if not os.path.isabs(
            path.strip()) else os.path.realpath(path.strip())
        assert real in allowed, (path, real)

    check()
