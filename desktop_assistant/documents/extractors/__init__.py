"""Text extraction by file type: a registry from file suffix to an extractor function.

An extractor turns one file into a title and located chunks of text, within ``Limits`` (bytes
read, pages, unpacked sizes, characters kept), so no single file can exhaust memory or time.
It raises ``Skipped`` for files that are not indexed on purpose (binary, encrypted, too large,
an archive bomb) and ``Failed`` for files that could not be read (corrupt, unreadable, gone);
the indexer records either with its reason and goes on.

Formats register themselves with ``@extractor(".suffix")``; their modules import their
libraries inside the functions, so loading the registry stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_assistant.documents.locations import Location

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of any one file is read and kept."""

    text_bytes: int = 8 * MB  # read at most this much of a text-like file
    file_bytes: int = 200 * MB  # PDFs and Office files above this are skipped
    unpacked_bytes: int = 100 * MB  # OOXML: total declared uncompressed size
    unpacked_part_bytes: int = 40 * MB  # OOXML: one declared part (document.xml …)
    unpacked_ratio: int = 200  # OOXML: uncompressed/compressed for any large part
    pages: int = 2000  # PDF pages, slides
    chars: int = 4_000_000  # characters of text kept per file
    chunk_chars: int = 2000  # a chunk's target size


@dataclass(frozen=True)
class Chunk:
    text: str
    location: Location


@dataclass
class Extracted:
    """A file's text: its title, its chunks in order, and a note when it was cut short."""

    title: str
    chunks: list[Chunk] = field(default_factory=list)
    note: str | None = None


class Skipped(Exception):
    """The file is not indexed on purpose; the message says why, for the status list."""


class Failed(Exception):
    """The file could not be read or parsed; the message says why."""


# Formats read as text, of which only ``Limits.text_bytes`` are ever read.
TEXT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".csv", ".html", ".htm", ".xhtml", ".eml"}
)

Extractor = Callable[[Path, Limits], Extracted]
_EXTRACTORS: dict[str, Extractor] = {}
_FORMAT_MODULES = ("text", "markup", "office", "pdf", "mail")
_loaded = False


def extractor(*suffixes: str) -> Callable[[Extractor], Extractor]:
    """Register the decorated function for files ending in ``suffixes`` (".pdf" …)."""

    def register(function: Extractor) -> Extractor:
        for suffix in suffixes:
            _EXTRACTORS[suffix.lower()] = function
        return function

    return register


def _registry() -> dict[str, Extractor]:
    global _loaded
    if not _loaded:
        for name in _FORMAT_MODULES:
            importlib.import_module(f"{__name__}.{name}")
        _loaded = True
    return _EXTRACTORS


def supported_suffixes() -> frozenset[str]:
    return frozenset(_registry())


def is_supported(path: Path | str) -> bool:
    return Path(path).suffix.lower() in _registry()


def bytes_used(path: Path | str, limits: Limits) -> int:
    """How many bytes of ``path`` extraction can use: what its content hash must cover."""
    text = Path(path).suffix.lower() in TEXT_SUFFIXES
    return limits.text_bytes if text else limits.file_bytes


def extract(path: Path, limits: Limits | None = None) -> Extracted:
    """The text of ``path`` by its type; raises ``Skipped`` or ``Failed``, nothing else."""
    limits = limits or Limits()
    function = _registry().get(path.suffix.lower())
    if function is None:
        raise Skipped(f"unsupported file type {path.suffix or '(no extension)'}")
    try:
        return function(path, limits)
    except (Skipped, Failed):
        raise
    except FileNotFoundError:
        raise Failed("deleted before it could be read") from None
    except PermissionError:
        raise Failed("permission denied") from None
    except IsADirectoryError:
        raise Skipped("not a regular file") from None
    except OSError as error:
        raise Failed(f"could not be read: {error.strerror or error}") from None
    except MemoryError:
        raise Skipped("too large to extract in memory") from None
    except Exception as error:  # a library choking on a malformed file
        raise Failed(f"could not be parsed: {type(error).__name__}: {error}"[:300]) from None
