"""``desktop-assistant docs …``: folders, indexing, status and search from the command line.

    docs add PATH [--include PATTERN …] [--exclude PATTERN …]
    docs remove PATH
    docs index [--progress] [--commit-every N]
    docs status [--json] [--files]
    docs search QUERY [--limit N] [--folder PATH] [--json]

Imported on every start of the CLI, so it imports nothing heavy at module level.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.documents.progress import IndexProgress
    from desktop_assistant.documents.service import DocumentService


def add_commands(subparsers: Any) -> None:
    docs = subparsers.add_parser("docs", help="Company documents: folders, indexing, search.")
    actions = docs.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="Index a folder (a shared drive, a synced folder …).")
    add.add_argument("path")
    add.add_argument("--include", action="append", default=[], metavar="PATTERN",
                     help="Only files matching this pattern, e.g. '*.pdf' (repeatable).")
    add.add_argument("--exclude", action="append", default=None, metavar="PATTERN",
                     help="Leave out matching files and folders (repeatable; replaces the "
                          "defaults: hidden files, Office lock files, temporary files).")
    add.set_defaults(run=_add)

    remove = actions.add_parser("remove", help="Stop indexing a folder; its files leave.")
    remove.add_argument("path")
    remove.set_defaults(run=_remove)

    index = actions.add_parser("index", help="Index new and changed files; drop deleted ones.")
    index.add_argument("--progress", action="store_true", help="Show progress on stderr.")
    index.add_argument("--commit-every", type=int, default=1000, metavar="N",
                       help="Save progress every N files (default 1000), and every 5 s.")
    index.set_defaults(run=_index)

    status = actions.add_parser("status", help="Folders, file counts, skipped files.")
    status.add_argument("--json", action="store_true", help="Machine-readable output.")
    status.add_argument("--files", action="store_true",
                        help="List every file with its status and reason.")
    status.set_defaults(run=_status)

    search = actions.add_parser("search", help="Search the indexed documents.")
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=int, default=10, metavar="N")
    search.add_argument("--folder", metavar="PATH", help="Only this indexed folder.")
    search.add_argument("--json", action="store_true",
                        help="A JSON array of hits: path, title, score, snippet, location …")
    search.set_defaults(run=_search)


def _service(services: Services, **options: Any) -> DocumentService:
    from desktop_assistant.documents.service import DocumentService, open_documents

    service = open_documents(services)
    if options:
        service = DocumentService(lambda: services.database, service.index_dir, **options)
    return service


def _fail(message: str) -> int:
    print(f"desktop-assistant: {message}", file=sys.stderr)
    return 1


def _add(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.documents.service import DocumentError

    try:
        folder = _service(services).add_folder(args.path, args.include, args.exclude)
    except DocumentError as error:
        return _fail(str(error))
    print(f"Added {folder.path}. Run `desktop-assistant docs index` to index it.")
    return 0


def _remove(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.documents.engine import IndexBusy
    from desktop_assistant.documents.service import DocumentError

    try:
        removed = _service(services).remove_folder(args.path)
    except (DocumentError, IndexBusy) as error:
        return _fail(str(error))
    print(f"Removed {args.path} and its {removed} files from the index.")
    return 0


def _progress_line(event: IndexProgress) -> str:
    if event.phase in ("scanning", "removing"):
        return f"{event.phase}: {event.found} files found"
    current = f" · {event.current}" if event.current else ""
    return (f"{event.phase}: {event.files_done}/{event.files_total} files · "
            f"{event.rate:.0f} files/s · saved {event.saved}{current}")


def _index(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.documents.engine import IndexBusy

    service = _service(services, batch_files=max(1, args.commit_every))
    if not service.folders():
        return _fail("no folders to index yet; add one with `desktop-assistant docs add PATH`.")
    terminal = sys.stderr.isatty()
    last = None
    try:
        for last in service.index(progress_interval=0.1 if terminal else 0.5):
            if not args.progress:
                continue
            line = _progress_line(last)
            if terminal:
                print(f"\r\033[K{line[:150]}", end="", file=sys.stderr, flush=True)
            else:
                print(line, file=sys.stderr, flush=True)
    except IndexBusy as error:
        return _fail(str(error))
    if terminal and args.progress:
        print(file=sys.stderr)
    if last is not None:
        print(f"Indexed {last.indexed} files, skipped {last.skipped}, {last.failed} errors, "
              f"{last.removed} removed, {last.unchanged} unchanged, in {last.elapsed:.1f} s.")
        for path in last.unavailable:
            print(f"Not reachable, left as it was: {path}", file=sys.stderr)
    return 0


def _status(services: Services, args: argparse.Namespace) -> int:
    service = _service(services)
    status = service.status()
    files = service.files() if args.files else []
    if args.json:
        data = status.as_dict()
        if args.files:
            data["files"] = [dict(vars(f)) for f in files]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not status.folders:
        print("No folders indexed yet; add one with `desktop-assistant docs add PATH`.")
    for folder in status.folders:
        print(f"{folder.path}\n  {folder.indexed} indexed, {folder.skipped} skipped, "
              f"{folder.errors} errors")
        if folder.include:
            print(f"  include: {' '.join(folder.include)}")
        print(f"  exclude: {' '.join(folder.exclude) or '(nothing)'}")
    print(f"Total: {status.indexed} files indexed ({status.chunks} chunks), {status.skipped} "
          f"skipped, {status.errors} errors. Last indexed: {status.last_indexed_at or 'never'}.")
    for record in files:
        reason = f"\t{record.reason}" if record.reason else ""
        print(f"{record.status}\t{record.path}{reason}")
    return 0


def _search(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.documents.service import DocumentError

    query = " ".join(args.query)
    started = time.perf_counter()
    try:
        hits = _service(services).search(query, max(1, args.limit), args.folder)
    except DocumentError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps([hit.as_dict() for hit in hits], ensure_ascii=False))
        return 0
    if not hits:
        print(f"No indexed document matches {query!r}.")
    for number, hit in enumerate(hits, start=1):
        print(f"{number}. {hit.title}\n   {hit.path}"
              f"{' — ' + hit.location.label if hit.location.label else ''}"
              f"  (score {hit.score:.2f})\n   {hit.snippet}")
    took = (time.perf_counter() - started) * 1000
    print(f"({len(hits)} results in {took:.0f} ms)", file=sys.stderr)
    return 0
