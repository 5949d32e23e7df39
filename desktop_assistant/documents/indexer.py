"""Incremental indexing, as a generator of progress events a GUI worker or the CLI runs.

A run walks the folders, reads only new or changed files (size and mtime differ, then the
content hash differs), removes files that are gone, and records every file's outcome. The
index and the catalogue are committed together in batches (every ``batch_files`` files or
``batch_seconds``), so a run that is killed keeps what it committed and the next run carries
on from there; a file committed to the index but not yet to the catalogue is simply indexed
again (its old chunks replaced, never duplicated).

``IndexControl`` pauses, resumes and cancels a run from any thread: a paused run commits
what it has, reports ``paused`` and waits; a cancelled one commits and stops.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_assistant.documents.catalogue import Catalogue, FileOutcome, Fingerprint, Folder
from desktop_assistant.documents.engine import IndexWrites, SearchIndex
from desktop_assistant.documents.extractors import (
    Failed,
    Limits,
    Skipped,
    bytes_used,
    extract,
    is_supported,
)
from desktop_assistant.documents.progress import IndexControl, IndexProgress
from desktop_assistant.documents.scanning import FolderRules, FoundFile, look_at, walk

UNREADABLE_FOLDER = "folder could not be read"


@dataclass(frozen=True)
class _Task:
    found: FoundFile
    folder: Folder
    known: Fingerprint | None


def content_hash(path: str, limit: int) -> str:
    """SHA-256 of the first ``limit`` bytes (all extraction can use) and of the size."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        remaining = limit
        while remaining > 0:
            block = stream.read(min(1 << 20, remaining))
            if not block:
                break
            digest.update(block)
            remaining -= len(block)
    digest.update(f":{size}".encode())
    return digest.hexdigest()


def _changed(known: Fingerprint | None, found: FoundFile) -> bool:
    if known is None or known.status == "error":  # errors are retried every run
        return True
    return (known.size, known.mtime_ns) != (found.size, found.mtime_ns)


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "deleted before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"could not be read: {error.strerror or error}"


def owning_folder(folders: Sequence[Folder], path: str) -> Folder | None:
    """The indexed folder ``path`` is in, if any."""
    for folder in sorted(folders, key=lambda f: len(f.path), reverse=True):
        if path == folder.path or path.startswith(folder.path.rstrip(os.sep) + os.sep):
            return folder
    return None


class IndexRun:
    """One indexing run's state; ``Indexer`` makes one per run."""

    def __init__(
        self,
        catalogue: Catalogue,
        open_writer: Callable[[], IndexWrites],
        limits: Limits,
        control: IndexControl,
        progress_interval: float,
        batch_files: int,
        batch_seconds: float,
    ) -> None:
        self.catalogue = catalogue
        self._open_writer = open_writer
        self._writes: IndexWrites | None = None
        self.limits = limits
        self.control = control
        self.interval = progress_interval
        self.batch_files = batch_files
        self.batch_seconds = batch_seconds
        self.tasks: list[_Task] = []
        self.missing: list[str] = []
        self.pending: list[FileOutcome] = []
        self.state = IndexProgress("scanning")
        self.started = time.monotonic()
        self.indexing_started = self.started
        self.last_event = 0.0
        self.last_commit = self.started

    @property
    def writes(self) -> IndexWrites:
        """The index's writer, taken on first use (``IndexBusy`` if another run has it)."""
        if self._writes is None:
            self._writes = self._open_writer()
        return self._writes

    def close(self) -> None:
        if self._writes is not None:
            self._writes.close()
            self._writes = None

    # Progress -----------------------------------------------------------------------------

    def progress(self, phase: str | None = None, current: str | None = None) -> IndexProgress:
        now = time.monotonic()
        rate = 0.0
        if self.state.files_done and now > self.indexing_started:
            rate = self.state.files_done / (now - self.indexing_started)
        self.state = replace(
            self.state, phase=phase or self.state.phase, current=current, rate=rate,
            elapsed=now - self.started,
        )
        self.last_event = now
        return self.state

    def due(self) -> bool:
        return time.monotonic() - self.last_event >= self.interval

    def count(self, **steps: int) -> None:
        self.state = replace(
            self.state, **{name: getattr(self.state, name) + n for name, n in steps.items()}
        )

    # Planning -----------------------------------------------------------------------------

    def plan_folder(self, folder: Folder) -> Generator[IndexProgress, None, None]:
        """Walk ``folder`` and queue its new and changed files and its vanished ones."""
        if not os.path.isdir(folder.path):
            self.state = replace(self.state, unavailable=(*self.state.unavailable, folder.path))
            return
        rules = FolderRules(folder.path, folder.include, folder.exclude)
        yield from self._plan(rules, folder, walk(rules, stop=lambda: self.control.cancelled),
                              self.catalogue.fingerprints(folder.id))

    def plan_paths(self, folders: Sequence[Folder], paths: Iterable[str]) -> None:
        """Queue what changed at ``paths`` (files or folders, present or gone)."""
        walked: list[str] = []
        for path in sorted({os.path.abspath(p) for p in paths}):  # folders before their files
            folder = owning_folder(folders, path)
            if folder is None or not os.path.isdir(folder.path):
                continue
            if any(path.startswith(done) for done in walked):
                continue  # seen by the walk of a folder that contains it

            rules = FolderRules(folder.path, folder.include, folder.exclude)
            known = self.catalogue.fingerprints(folder.id, under=path)
            if os.path.isdir(path) and not os.path.islink(path):
                if path == folder.path or rules.within(os.path.join(path, "-")):
                    for _ in self._plan(rules, folder, walk(rules, start=path), known):
                        pass
                    walked.append(path.rstrip(os.sep) + os.sep)
                    continue
            else:
                found = look_at(rules, path)
                single = self.catalogue.fingerprint(path)
                if found is not None and _changed(single, found):
                    self.tasks.append(_Task(found, folder, single))
                    self.count(found=1)
                elif found is None and single is not None:
                    self.missing.append(path)
            self.missing.extend(known)  # a folder that went away, or is now excluded

    def _plan(
        self, rules: FolderRules, folder: Folder, files: Iterator[FoundFile],
        known: dict[str, Fingerprint],
    ) -> Generator[IndexProgress, None, None]:
        unreadable: list[str] = []
        for found in files:
            if self.control.cancelled:
                break
            self.count(found=1)
            fingerprint = known.pop(found.path, None)
            if found.problem and found.problem.startswith(UNREADABLE_FOLDER):
                unreadable.append(found.path.rstrip(os.sep) + os.sep)
            if _changed(fingerprint, found):
                self.tasks.append(_Task(found, folder, fingerprint))
            else:
                self.count(unchanged=1)
            if self.due():
                yield self.progress("scanning", found.path)
        if self.control.cancelled:
            return  # the walk was cut short: what it did not reach is not gone
        # Files in folders that could not be listed this time are kept as they were.
        self.missing.extend(p for p in known if not p.startswith(tuple(unreadable)))

    # Doing --------------------------------------------------------------------------------

    def execute(self) -> Generator[IndexProgress, None, None]:
        self.tasks = list({task.found.path: task for task in self.tasks}.values())
        queued = {task.found.path for task in self.tasks}
        self.missing = [p for p in dict.fromkeys(self.missing) if p not in queued]
        self.state = replace(self.state, files_total=len(self.tasks))
        if self.missing:
            yield self.progress("removing")
            for path in self.missing:
                self.writes.delete_file(path)
            self.writes.commit()
            self.catalogue.forget(self.missing)
            self.count(removed=len(self.missing))
            self.missing = []
        self.indexing_started = time.monotonic()
        yield self.progress("indexing")
        for task in self.tasks:
            if self.control.paused and not self.control.cancelled:
                self.commit()
                yield self.progress("paused")
                self.control.wait_while_paused()
                yield self.progress("indexing")
            if self.control.cancelled:
                break
            outcome = self.process(task)
            self.pending.append(outcome)
            kind = {"indexed": "indexed", "skipped": "skipped", "error": "failed"}[outcome.status]
            if outcome.status == "indexed" and task.known is not None and (
                task.known.sha256 == outcome.sha256
            ):
                kind = "unchanged"  # touched, same content
            self.count(files_done=1, **{kind: 1})
            committed = self.commit_if_due()
            if committed or self.due():
                yield self.progress("indexing", task.found.path)
        self.commit()
        yield self.progress("cancelled" if self.control.cancelled else "done")

    def commit_if_due(self) -> bool:
        if len(self.pending) >= self.batch_files or (
            time.monotonic() - self.last_commit >= self.batch_seconds
        ):
            self.commit()
            return True
        return False

    def commit(self) -> None:
        """Make the index's and the catalogue's changes durable, index first."""
        if self._writes is None and not self.pending:
            return  # nothing was written
        self.writes.commit()
        self.catalogue.record(self.pending)
        self.count(saved=len(self.pending))
        self.pending = []
        self.last_commit = time.monotonic()

    def process(self, task: _Task) -> FileOutcome:
        found, known = task.found, task.known
        outcome = FileOutcome(
            found.path, task.folder.id, found.size, found.mtime_ns, None, "skipped"
        )
        if found.problem:
            status = "error" if found.problem.startswith(UNREADABLE_FOLDER) else "skipped"
            return self._without_chunks(task, replace(outcome, status=status,
                                                      reason=found.problem))
        if not is_supported(found.path):
            suffix = Path(found.path).suffix or "(no extension)"
            return self._without_chunks(task, replace(outcome,
                                                      reason=f"unsupported file type {suffix}"))
        try:
            digest = content_hash(found.path, bytes_used(found.path, self.limits))
        except OSError as error:
            return self._without_chunks(task, replace(outcome, status="error",
                                                      reason=_reason(error)))
        outcome = replace(outcome, sha256=digest, read=True)
        if known is not None and known.status == "indexed" and known.sha256 == digest:
            # Touched, not changed: keep what the index has.
            return replace(outcome, status="indexed", chunks=known.chunks, reason=known.reason)
        try:
            extracted = extract(Path(found.path), self.limits)
        except Skipped as reason:
            return self._without_chunks(task, replace(outcome, reason=str(reason)))
        except Failed as reason:
            return self._without_chunks(task, replace(outcome, status="error",
                                                      reason=str(reason)))
        if not extracted.chunks:
            return self._without_chunks(task, replace(outcome, reason="no text in it"))
        self.writes.replace_file(found.path, task.folder.path, extracted.title,
                                 extracted.chunks)
        return replace(outcome, status="indexed", reason=extracted.note,
                       chunks=len(extracted.chunks))

    def _without_chunks(self, task: _Task, outcome: FileOutcome) -> FileOutcome:
        if task.known is not None and task.known.chunks:
            self.writes.delete_file(task.found.path)
        return outcome


class Indexer:
    """Runs indexing over folders or changed paths against a catalogue and an index."""

    def __init__(
        self,
        catalogue: Catalogue,
        index: SearchIndex,
        limits: Limits,
        *,
        batch_files: int = 1000,
        batch_seconds: float = 5.0,
    ) -> None:
        self.catalogue = catalogue
        self.index = index
        self.limits = limits
        self.batch_files = batch_files
        self.batch_seconds = batch_seconds

    def _start(self, control: IndexControl | None, interval: float) -> IndexRun:
        return IndexRun(self.catalogue, self.index.writer, self.limits,
                        control or IndexControl(), interval, self.batch_files,
                        self.batch_seconds)

    def run(
        self, folders: Sequence[Folder], control: IndexControl | None = None,
        progress_interval: float = 0.1,
    ) -> Generator[IndexProgress, None, None]:
        """Bring the index up to date with ``folders``."""
        run = self._start(control, progress_interval)
        run.writes  # noqa: B018  (take the writer now: a busy index is reported at once)
        try:
            yield run.progress("scanning")
            for folder in folders:
                yield from run.plan_folder(folder)
            if control is not None and control.cancelled:
                yield run.progress("cancelled")
                return
            yield from run.execute()
        except GeneratorExit:  # the consumer stopped listening: keep what is done
            run.commit()
            raise
        finally:
            run.close()

    def refresh(
        self, folders: Sequence[Folder], paths: Iterable[str],
        control: IndexControl | None = None, progress_interval: float = 0.1,
    ) -> Generator[IndexProgress, None, None]:
        """Bring the index up to date for ``paths`` only (what a file watcher reported)."""
        run = self._start(control, progress_interval)
        try:
            run.plan_paths(folders, paths)
            yield from run.execute()
        except GeneratorExit:
            run.commit()
            raise
        finally:
            run.close()
