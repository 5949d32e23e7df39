"""The local search engine: a tantivy index (BM25) in the data folder, beside the database.

Chosen by measurement on the 2-core target machine: at ~130k SciFact chunks the service
answers natural-language queries in 2-3 ms at the median, snippets included (the engine alone
well under 1 ms), where SQLite FTS5 takes 145-170 ms; quality is the same (nDCG@10 ~0.70).
``benchmarks/search.py --fts5`` measures both. Each chunk is one tantivy document:

- ``path`` (raw) identifies the file, so its chunks are replaced or deleted together;
- ``dirs`` (raw, one value per folder from the indexed root down) filters by folder;
- ``title`` and ``body`` (analyzed by ``terms``, frequencies only: queries are bags of terms);
- ``data`` (stored JSON): path, title, location and the chunk's original text for snippets.

Queries are built from terms (``terms.query_terms``), never parsed from the raw string.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_assistant.documents.engine import Hit, IndexBusy
from desktop_assistant.documents.extractors import Chunk
from desktop_assistant.documents.locations import Location
from desktop_assistant.documents.snippets import make_snippet
from desktop_assistant.documents.terms import ANALYZER_NAME, QueryTerms, document_text, query_terms

if TYPE_CHECKING:
    import tantivy

SCHEMA_VERSION = "v1"
TITLE_BOOST = 0.2  # measured on SciFact: 0.2 -> nDCG@10 0.698, 0.5 -> 0.692, 0.8 -> 0.673
WRITER_HEAP_BYTES = 32_000_000  # tantivy buffers this much before writing a segment
MAX_FETCH = 2000


def _schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("path", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("dirs", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title", tokenizer_name=ANALYZER_NAME, index_option="freq")
    builder.add_text_field("body", tokenizer_name=ANALYZER_NAME, index_option="freq")
    builder.add_bytes_field("data", stored=True)
    return builder.build()


def folder_chain(path: str, folder: str) -> list[str]:
    """``folder`` and every folder between it and the file at ``path``."""
    root = Path(folder)
    chain = [str(root)]
    parent = Path(path).parent
    try:
        parts = parent.relative_to(root).parts
    except ValueError:
        return chain
    for part in parts:
        root = root / part
        chain.append(str(root))
    return chain


class TantivyWrites:
    """The index's single writer (tantivy allows one per index, across processes)."""

    def __init__(self, owner: TantivyIndex, writer: tantivy.IndexWriter) -> None:
        self._owner = owner
        self._writer: tantivy.IndexWriter | None = writer

    def _live(self) -> tantivy.IndexWriter:
        if self._writer is None:
            raise RuntimeError("This index writer is closed.")
        return self._writer

    def replace_file(self, path: str, folder: str, title: str, chunks: Sequence[Chunk]) -> None:
        import tantivy

        writer = self._live()
        writer.delete_documents_by_term("path", path)
        dirs = folder_chain(path, folder)
        title_terms = document_text(f"{title} {Path(path).stem}")
        for chunk in chunks:
            document = tantivy.Document()
            document.add_text("path", path)
            for folder_path in dirs:
                document.add_text("dirs", folder_path)
            document.add_text("title", title_terms)
            document.add_text("body", document_text(chunk.text))
            data = {"p": path, "t": title, "l": chunk.location.as_dict(), "x": chunk.text}
            document.add_bytes("data", json.dumps(data, ensure_ascii=False).encode())
            writer.add_document(document)

    def delete_file(self, path: str) -> None:
        self._live().delete_documents_by_term("path", path)

    def delete_folder(self, folder: str) -> None:
        self._live().delete_documents_by_term("dirs", folder)

    def commit(self) -> None:
        self._live().commit()
        self._owner.reload()

    def close(self) -> None:
        """Drop uncommitted changes, let pending merges finish, release the lock."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.rollback()
            writer.wait_merging_threads()


class TantivyIndex:
    """A tantivy index in ``directory`` (created, or rebuilt empty if unreadable)."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self.directory = directory / SCHEMA_VERSION
        self.directory.mkdir(parents=True, exist_ok=True)
        self._remove_other_versions(directory)
        self._schema = _schema()
        self._created = not tantivy.Index.exists(str(self.directory))
        try:
            self._index = tantivy.Index(self._schema, path=str(self.directory), reuse=True)
        except ValueError:
            # Damaged (a disk error, a half-copied folder): keep it aside and start again;
            # the catalogue is told through ``created`` and reads every file again.
            aside = self.directory.with_name(f"{SCHEMA_VERSION}.damaged-{int(time.time())}")
            os.replace(self.directory, aside)
            self.directory.mkdir()
            self._index = tantivy.Index(self._schema, path=str(self.directory), reuse=True)
            self._created = True
        from desktop_assistant.documents.terms import analyzer

        self._index.register_tokenizer(ANALYZER_NAME, analyzer())

    def _remove_other_versions(self, directory: Path) -> None:
        for entry in directory.iterdir():
            if entry.is_dir() and entry.name != SCHEMA_VERSION and not entry.name.startswith(
                f"{SCHEMA_VERSION}."
            ):
                shutil.rmtree(entry, ignore_errors=True)

    @property
    def created(self) -> bool:
        return self._created

    def writer(self) -> TantivyWrites:
        try:
            writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        except ValueError as error:
            if "LockBusy" in str(error):
                raise IndexBusy(
                    "The document index is being updated by another indexing run "
                    "(in this window or another program); try again when it finishes."
                ) from None
            raise
        return TantivyWrites(self, writer)

    def reload(self) -> None:
        self._index.reload()

    def chunk_count(self) -> int:
        return int(self._index.searcher().num_docs)

    def close(self) -> None:
        """Nothing to release: the reader holds no lock, and writers close themselves."""

    def search(self, query: str, limit: int = 10, folder: str | None = None) -> list[Hit]:
        limit = max(1, min(int(limit), 500))
        terms = query_terms(query)
        built = self._query(terms, folder)
        if built is None:
            return []
        searcher = self._index.searcher()
        fetch = min(limit * 3, MAX_FETCH)
        while True:
            found = searcher.search(built, fetch, count=False).hits
            best: dict[str, tuple[float, Any]] = {}
            for score, address in found:
                document = searcher.doc(address)
                data = json.loads(bytes(document.get_first("data") or b"{}"))
                best.setdefault(data["p"], (score, data))
                if len(best) == limit:
                    break
            if len(best) == limit or len(found) < fetch or fetch >= MAX_FETCH:
                break
            fetch = min(fetch * 4, MAX_FETCH)
        return [self._hit(score, data, terms) for score, data in best.values()]

    def _hit(self, score: float, data: dict[str, Any], terms: QueryTerms) -> Hit:
        snippet = make_snippet(data["x"], terms)
        location = Location.from_dict(data["l"])
        return Hit(data["p"], data["t"], float(score), snippet.text, location, snippet.highlights)

    def _query(self, terms: QueryTerms, folder: str | None) -> tantivy.Query | None:
        import tantivy

        if not terms:
            return None
        schema = self._schema
        should = tantivy.Occur.Should
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for term in terms.terms:
            clauses.append((should, tantivy.Query.term_query(schema, "body", term, "freq")))
            title = tantivy.Query.term_query(schema, "title", term, "freq")
            clauses.append((should, tantivy.Query.boost_query(title, TITLE_BOOST)))
        for prefix in terms.prefixes:  # one CJK character: the start of any bigram
            clauses.append((should, tantivy.Query.regex_query(schema, "body", f"{prefix}.?")))
        built = tantivy.Query.boolean_query(clauses)
        if folder is None:
            return built
        within = tantivy.Query.term_query(schema, "dirs", folder.rstrip("/\\") or folder, "basic")
        must = tantivy.Occur.Must
        return tantivy.Query.boolean_query([(must, built), (must, within)])
