"""PDF text layers through pypdf, one or more chunks per page, each citing its page.

Scanned PDFs without a text layer yield no text and are recorded as such (no OCR here).
Encrypted PDFs open only when they need no password; others are skipped with that reason.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_assistant.documents.extractors import (
    MB,
    Extracted,
    Failed,
    Limits,
    Skipped,
    extractor,
)
from desktop_assistant.documents.extractors.chunking import ChunkBuilder
from desktop_assistant.documents.extractors.office import library_warnings_quiet
from desktop_assistant.documents.extractors.text import TITLE_CHARS, first_line_title
from desktop_assistant.documents.locations import Location


@extractor(".pdf")
def extract_pdf(path: Path, limits: Limits) -> Extracted:
    if path.stat().st_size > limits.file_bytes:
        raise Skipped(f"larger than {limits.file_bytes // MB} MB")
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    # pypdf reports what it repairs in damaged files through logging; the status list
    # reports what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with library_warnings_quiet(), open(path, "rb") as stream:
        try:
            reader = PdfReader(stream)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Skipped("encrypted: needs a password")
            builder = ChunkBuilder(limits.chunk_chars, limits.chars, numbered=False)
            first_page_text = ""
            for number, page in enumerate(reader.pages, start=1):
                if number > limits.pages or builder.full:
                    builder.truncated = True
                    break
                text = page.extract_text() or ""
                first_page_text = first_page_text or text
                builder.set_base(Location(page=number))
                for line in text.splitlines():
                    builder.add(line)
            title = _metadata_title(reader) or first_line_title(first_page_text, path.stem)
        except FileNotDecryptedError:
            raise Skipped("encrypted: needs a password") from None
        except (PdfReadError, ValueError, KeyError, TypeError) as error:
            raise Failed(f"damaged PDF: {error}"[:300]) from None
    chunks = builder.finish()
    if not chunks:
        raise Skipped("no text layer (a scanned PDF?)")
    note = "only the first part of the text was indexed" if builder.truncated else None
    return Extracted(title[:TITLE_CHARS], chunks, note)


def _metadata_title(reader: object) -> str:
    try:
        metadata = reader.metadata  # type: ignore[attr-defined]
        title = metadata.title if metadata is not None else None
    except Exception:  # broken metadata must not lose the text
        return ""
    return " ".join(str(title).split()) if title else ""
