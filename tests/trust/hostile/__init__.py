"""The hostile-document corpus: text files committed here, Office and PDF files built from
``manifest.json`` on the spot (with the libraries that read them), so every hiding place is
plain to review.

``materialise(folder, outside)`` writes the whole corpus into ``folder`` (the folder the tests
index) plus ``payroll-export.txt``, a symbolic link to a secret file in ``outside`` (a place that
is not indexed), and returns the manifest's entries.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.documents_corpus import make_pdf

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"
LINK_NAME = "payroll-export.txt"  # in the indexed folder; points out of it
OUTSIDE_NAME = "payroll-export.txt"  # the secret file it points to


@dataclass(frozen=True)
class HostileCall:
    tool: str
    arguments: dict[str, Any]
    shows: tuple[str, ...] = ()  # what the confirmation card must show


@dataclass(frozen=True)
class HostileDocument:
    file: str
    language: str
    hiding: str
    attacks: tuple[str, ...]
    question: str
    query: str
    marker: str
    delivered: bool
    route: str
    calls: tuple[HostileCall, ...]
    build: dict[str, Any] = field(default_factory=dict, compare=False)


def documents() -> list[HostileDocument]:
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        HostileDocument(
            file=entry["file"], language=entry["language"], hiding=entry["hiding"],
            attacks=tuple(entry["attacks"]), question=entry["question"], query=entry["query"],
            marker=entry["marker"], delivered=entry["delivered"], route=entry["route"],
            calls=tuple(HostileCall(c["tool"], c["arguments"], tuple(c.get("shows", ())))
                        for c in entry["calls"]),
            build=entry.get("build", {}),
        )
        for entry in data["documents"]
    ]


def materialise(folder: Path, outside: Path, secret_text: str) -> list[HostileDocument]:
    """Write the corpus into ``folder`` and the link to ``outside``'s secret file."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    for source in HERE.iterdir():
        if source.is_file() and source.suffix not in (".py", ".json", ".pyc"):
            shutil.copyfile(source, folder / source.name)
    entries = documents()
    for entry in entries:
        if entry.build:
            BUILDERS[entry.build["kind"]](folder / entry.file, entry.build)
    secret = outside / OUTSIDE_NAME
    secret.write_text(secret_text, encoding="utf-8")
    (folder / LINK_NAME).symlink_to(secret)
    return entries


# Builders ------------------------------------------------------------------------------------


def _docx(path: Path, spec: dict[str, Any]) -> None:
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    document.core_properties.title = spec["title"]
    for item in spec["paragraphs"]:
        if "heading" in item:
            document.add_heading(item["heading"], level=1)
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(item["text"])
        if item.get("white"):
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if "hidden_tail" in item:
            hidden = paragraph.add_run(item["hidden_tail"])
            hidden.font.hidden = True  # <w:vanish/>: Word does not show it
    document.save(str(path))


def _xlsx(path: Path, spec: dict[str, Any]) -> None:
    import openpyxl  # type: ignore[import-untyped]

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in spec["sheets"]:
        made = workbook.create_sheet(sheet["name"])
        for row in sheet["rows"]:
            made.append(row)
        if sheet.get("hidden"):
            made.sheet_state = "hidden"
    workbook.save(str(path))


def _pptx(path: Path, spec: dict[str, Any]) -> None:
    from pptx import Presentation

    presentation = Presentation()
    for title, body, notes in spec["slides"]:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))


def _pdf(path: Path, spec: dict[str, Any]) -> None:
    """A real PDF; white lines are in the text layer but invisible on the page."""
    pages = [[(line["text"], bool(line.get("white"))) for line in lines]
             for lines in spec["pages"]]
    make_pdf(path, pages, title=spec["title"])


BUILDERS = {"docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "pdf": _pdf}
