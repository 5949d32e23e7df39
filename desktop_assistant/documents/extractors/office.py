"""Word, PowerPoint and Excel files (OOXML) through python-docx, python-pptx and openpyxl.

An OOXML file is a zip package, so before any library opens it ``check_package`` reads the
zip's directory and refuses packages whose declared unpacked sizes or compression ratios are
out of bounds (a zip bomb named .docx). Python's zipfile never inflates a part beyond its
declared size, so the check bounds what the libraries can unpack. Password-protected Office
files are not zip packages at all (they are OLE containers) and are skipped as such.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_assistant.documents.extractors import (
    MB,
    Extracted,
    Failed,
    Limits,
    Skipped,
    extractor,
)
from desktop_assistant.documents.extractors.chunking import ChunkBuilder
from desktop_assistant.documents.extractors.text import TITLE_CHARS, rows_to_chunks
from desktop_assistant.documents.locations import Location

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CELLS = 5_000_000


def check_package(path: Path, limits: Limits) -> None:
    """Raise ``Skipped`` or ``Failed`` unless ``path`` is a zip package safe to unpack."""
    if path.stat().st_size > limits.file_bytes:
        raise Skipped(f"larger than {limits.file_bytes // MB} MB")
    with open(path, "rb") as stream:
        magic = stream.read(8)
    if magic == _OLE_MAGIC:
        raise Skipped("password-protected or old-format Office file")
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise Failed(f"damaged: not a valid Office package ({error})") from None
    total = sum(part.file_size for part in parts)
    if total > limits.unpacked_bytes:
        raise Skipped(
            f"unpacks to {total // MB} MB, over the {limits.unpacked_bytes // MB} MB limit "
            "(possibly a zip bomb)"
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MB and ratio > limits.unpacked_ratio:
            raise Skipped(f"{part.filename} is compressed {ratio:.0f}:1 (a zip bomb)")
        if part.file_size > limits.unpacked_part_bytes:
            raise Skipped(
                f"{part.filename} unpacks to {part.file_size // MB} MB, over the "
                f"{limits.unpacked_part_bytes // MB} MB limit"
            )


@contextmanager
def library_warnings_quiet() -> Iterator[None]:
    """The libraries warn about features of the file they ignore; that is not ours to show."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _one_line(text: str) -> str:
    return " ".join(text.split())


@extractor(".docx", ".docm")
def extract_docx(path: Path, limits: Limits) -> Extracted:
    check_package(path, limits)
    import docx
    from docx.table import Table

    with library_warnings_quiet():
        document = docx.Document(str(path))
    builder = ChunkBuilder(limits.chunk_chars, limits.chars, unit="paragraphs")
    first_text = ""
    for number, block in enumerate(document.iter_inner_content(), start=1):
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(_one_line(cell.text) for cell in row.cells))
                builder.add(" | ".join(c for c in cells if c), number)
        else:
            text = block.text
            if _style_name(block).startswith(("Heading", "Title")) and text.strip():
                builder.heading(text, number)
            else:
                builder.add(text, number)
            first_text = first_text or _one_line(text)
        if builder.full:
            break
    title = _one_line(document.core_properties.title or "") or first_text or path.stem
    return Extracted(title[:TITLE_CHARS], builder.finish(), _note(builder))


def _style_name(paragraph: Any) -> str:
    """The paragraph's style name; "" where the file's styles are broken."""
    try:
        style = paragraph.style
        return str(style.name or "") if style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _shape_texts(shapes: Any) -> Iterator[str]:
    for shape in shapes:
        if getattr(shape, "shapes", None) is not None:  # a group
            yield from _shape_texts(shape.shapes)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield paragraph.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield " | ".join(_one_line(cell.text) for cell in row.cells if cell.text.strip())


@extractor(".pptx", ".pptm")
def extract_pptx(path: Path, limits: Limits) -> Extracted:
    check_package(path, limits)
    from pptx import Presentation

    with library_warnings_quiet():
        presentation = Presentation(str(path))
    builder = ChunkBuilder(limits.chunk_chars, limits.chars, numbered=False)
    first_title = ""
    for number, slide in enumerate(presentation.slides, start=1):
        if number > limits.pages or builder.full:
            builder.truncated = True
            break
        builder.set_base(Location(slide=number))
        title_shape = slide.shapes.title
        if title_shape is not None and title_shape.text.strip():
            first_title = first_title or _one_line(title_shape.text)
        for text in _shape_texts(slide.shapes):
            builder.add(text)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            builder.add(slide.notes_slide.notes_text_frame.text)
    title = _one_line(presentation.core_properties.title or "") or first_title or path.stem
    return Extracted(title[:TITLE_CHARS], builder.finish(), _note(builder))


@extractor(".xlsx", ".xlsm")
def extract_xlsx(path: Path, limits: Limits) -> Extracted:
    check_package(path, limits)
    import openpyxl  # type: ignore[import-untyped]  # (no type information shipped)

    builder = ChunkBuilder(limits.chunk_chars, limits.chars, unit="rows")
    with library_warnings_quiet():
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            cells = 0
            for sheet in workbook.worksheets:
                if not hasattr(sheet, "iter_rows") or builder.full:
                    continue
                builder.set_base(Location(sheet=sheet.title))

                def bounded(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
                    nonlocal cells
                    for row in rows:
                        cells += len(row)
                        if cells > MAX_CELLS:
                            builder.truncated = True
                            return
                        yield row

                rows_to_chunks(bounded(sheet.iter_rows(values_only=True)), builder)
            title = _one_line(workbook.properties.title or "") or path.stem
        finally:
            workbook.close()
    return Extracted(title[:TITLE_CHARS], builder.finish(), _note(builder))


def _note(builder: ChunkBuilder) -> str | None:
    return "only the first part of the text was indexed" if builder.truncated else None
