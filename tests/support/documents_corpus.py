"""Real documents for the document-search tests, made on the spot.

Word, PowerPoint and Excel files are written with the libraries that read them; PDFs are
built by hand (a few objects, a cross-reference table) because pypdf cannot lay out text;
the shared data sets (SciFact, CMRC) are written one file per entry, title on the first line,
as the issue asks.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desktop_assistant.documents.progress import IndexProgress
    from desktop_assistant.documents.service import DocumentService

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def make_pdf(path: Path, pages: Sequence[str | Sequence[tuple[str, bool]]],
             title: str | None = None) -> Path:
    """A real PDF with one text page per item of ``pages``: a text (lines split on newlines)
    or ``(line, white)`` pairs, white lines drawn in white (``1 1 1 rg``): invisible on the
    page but in its text layer."""
    objects: list[bytes] = []
    font_id = 3 + 2 * len(pages)
    page_ids = [3 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    for number, text in enumerate(pages):
        pairs = [(line, False) for line in text.split("\n")] if isinstance(text, str) else text
        lines = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
        for line, white in pairs:
            lines.append(b"1 1 1 rg" if white else b"0 0 0 rg")
            lines.append(_pdf_string(line) + b" '")
        lines.append(b"ET")
        stream = b"\n".join(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_id, page_ids[number] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    info_id = None
    if title is not None:
        objects.append(b"<< /Title %s >>" % _pdf_string(title))
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % info_id if info_id else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, info, xref)
    path.write_bytes(bytes(out))
    return path


def make_encrypted_pdf(path: Path, pages: Sequence[str], password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(path.with_suffix(".plain.pdf"), pages)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(password, algorithm="RC4-128")
    with path.open("wb") as stream:
        writer.write(stream)
    plain.unlink()
    return path


def make_docx(path: Path, sections: Sequence[tuple[str, Sequence[str]]],
              table: Sequence[Sequence[str]] = (), title: str | None = None) -> Path:
    """A Word file: each section a heading and its paragraphs; then an optional table."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def make_pptx(path: Path, slides: Sequence[tuple[str, str, str]]) -> Path:
    """A PowerPoint file: each slide a (title, body, speaker notes)."""
    from pptx import Presentation

    presentation = Presentation()
    for title, body, notes in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    import openpyxl  # type: ignore[import-untyped]

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(str(path))
    return path


def make_eml(path: Path, subject: str, sender: str, body: str, html: bool = False) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = "team@corp.example"
    message["Date"] = "Mon, 04 Mar 2024 09:00:00 +0800"
    message.set_content(body, subtype="html" if html else "plain")
    path.write_bytes(bytes(message))
    return path


def make_zip_bomb(path: Path, member: str, unpacked_mb: int) -> Path:
    """An OOXML-shaped zip whose ``member`` inflates to ``unpacked_mb`` MB of zeros."""
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open(member, "w", force_zip64=True) as stream:
            for _ in range(unpacked_mb):
                stream.write(block)
    return path


def write_entries(entries: Iterable[dict[str, object]], folder: Path) -> list[Path]:
    """One ``<id>.txt`` per entry, title on the first line."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries:
        path = folder / f"{entry['_id']}.txt"
        path.write_text(f"{entry['title']}\n{entry['text']}\n", encoding="utf-8")
        written.append(path)
    return written


def shared_entries(name: str) -> list[dict[str, object]]:
    """The corpus of a shared data set, or a skip saying where it was looked for."""
    corpus = SHARED_DATA / name / "corpus.jsonl"
    if not corpus.exists():
        pytest.skip(f"the shared data set {name} is not at {corpus.parent}")
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def index_all(service: DocumentService) -> IndexProgress:
    """Run indexing to the end; its last progress event."""
    events = list(service.index(progress_interval=0))
    assert events[-1].phase == "done", events[-1]
    return events[-1]
