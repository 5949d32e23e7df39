"""Indexing the person's document folders in the background, for the whole window.

One ``DocumentIndexing`` belongs to the main window. It runs ``DocumentService.index`` (a
generator of progress) in a worker and re-emits its progress; Pause, Resume and Cancel go to
the run's ``IndexControl``, which the core checks between files. A little after start-up it
brings the index up to date: a run that was interrupted carries on from its last commit, since
committed files are not read again. It also keeps the folder watcher running, so files changed
while the app runs reach the index. Shutting down cancels the run and stops the watcher; the
workers then end by themselves.

Nothing of the documents package is imported here before the first run: start-up stays light.

Keeping the window responsive: the indexing thread makes many short system calls (a ``stat``
per file while scanning, opens and reads while indexing), each letting go of the GIL and taking
it straight back. A thread waiting for the GIL then rarely gets it (Python only forces a
hand-over when nobody let go for 5 ms), so the window's thread could wait 100 ms and more.
The run therefore reports to this module every ``TURN_INTERVAL`` and sleeps ``TURN_SLEEP``
each time, which hands the GIL over; the window itself hears at most every
``PROGRESS_INTERVAL`` (and at every change of phase). The garbage collector also holds the
GIL: a full collection walks every object alive, and a run over 100,000 files keeps a few
hundred thousand of them (a task per file) besides the app's own, about 0.5 µs each. During
a run, what exists at each turn is therefore set aside (``gc.freeze``) so that collections
only walk what is newer, and put back (``gc.unfreeze``) when the run ends; nothing is lost,
collecting merely waits for the end of the run. ``benchmarks/responsiveness.py`` measures it.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.workers import Stream, errors, run_stream, run_task

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop_assistant.app import Services
    from desktop_assistant.documents.progress import IndexControl, IndexProgress
    from desktop_assistant.documents.watcher import FolderWatcher

#: After the first paint, the history and the warm-up go first.
START_DELAY_MS = 1500
#: At most this often (seconds) the window hears of progress, besides changes of phase.
PROGRESS_INTERVAL = 0.1
#: The run lets the window's thread have the GIL this often (seconds), for ``TURN_SLEEP``.
TURN_INTERVAL = 0.005
TURN_SLEEP = 0.0005
#: Another run (the watcher's, or the command line's) holds the index: try again this often.
BUSY_RETRY_MS = 1000
BUSY_RETRIES = 30


def _index_run(services: Services, control: IndexControl) -> Iterator[IndexProgress]:
    """Bring the index up to date; nothing at all (not even the index) without folders.
    Runs in the worker, giving the window's thread its turns (see the module's notes)."""
    documents = services.documents
    if not documents.folders():
        return
    phase, told = "", 0.0
    try:
        for progress in documents.index(control, progress_interval=TURN_INTERVAL):
            gc.freeze()
            time.sleep(TURN_SLEEP)
            now = time.monotonic()
            if progress.phase != phase or now - told >= PROGRESS_INTERVAL:
                phase, told = progress.phase, now
                yield progress
    finally:
        gc.unfreeze()


def _remaining(progress: IndexProgress) -> str:
    left = progress.files_total - progress.files_done
    if progress.rate <= 0 or left <= 0:
        return ""
    seconds = left / progress.rate
    if seconds < 60:
        return QCoreApplication.translate("DocumentIndexing", " · less than a minute left")
    if seconds < 3600:
        return QCoreApplication.translate("DocumentIndexing", " · about {minutes} min left"
                                          ).format(minutes=round(seconds / 60))
    return QCoreApplication.translate("DocumentIndexing", " · about {hours} h left").format(
        hours=f"{seconds / 3600:.1f}")


def short_progress(progress: IndexProgress) -> str:
    """For the status bar: "Indexing 1,234 / 5,000 …"."""
    done, total = f"{progress.files_done:,}", f"{progress.files_total:,}"
    if progress.phase == "scanning":
        return QCoreApplication.translate(
            "DocumentIndexing", "Looking for changed documents… {count} files").format(
                count=f"{progress.found:,}")
    if progress.phase == "removing":
        return QCoreApplication.translate("DocumentIndexing",
                                          "Taking deleted documents out of the index…")
    if progress.phase == "paused":
        return QCoreApplication.translate(
            "DocumentIndexing", "Indexing paused at {done} / {total}").format(
                done=done, total=total)
    if progress.phase == "done":
        return QCoreApplication.translate("DocumentIndexing", "Documents up to date")
    if progress.phase == "cancelled":
        return QCoreApplication.translate("DocumentIndexing", "Indexing cancelled")
    return QCoreApplication.translate("DocumentIndexing", "Indexing {done} / {total} …").format(
        done=done, total=total)


def long_progress(progress: IndexProgress) -> str:
    """For Settings → Documents: where the run stands, its rate, or how it ended."""
    done, total = f"{progress.files_done:,}", f"{progress.files_total:,}"
    if progress.phase == "indexing":
        return QCoreApplication.translate(
            "DocumentIndexing", "Indexing {done} of {total} files · {rate} files/s").format(
                done=done, total=total, rate=f"{progress.rate:,.0f}") + _remaining(progress)
    if progress.phase == "paused":
        return QCoreApplication.translate(
            "DocumentIndexing",
            "Paused at {done} of {total} files. Resume carries on from there.").format(
                done=done, total=total)
    if progress.phase == "cancelled":
        return QCoreApplication.translate(
            "DocumentIndexing", "Cancelled at {done} of {total} files. What was indexed is "
            "kept; Index now carries on from there.").format(done=done, total=total)
    if progress.phase == "done":
        if progress.files_total == 0 and not progress.removed:
            return QCoreApplication.translate(
                "DocumentIndexing",
                "Up to date: {count} files checked, none new or changed.").format(
                    count=f"{progress.found:,}")
        return QCoreApplication.translate(
            "DocumentIndexing",
            "Up to date: {done} new or changed files read in {seconds} s.").format(
                done=done, seconds=f"{progress.elapsed:,.1f}")
    return short_progress(progress)


# What a run did, in context "DocumentIndexing", translated where shown.
COUNTS = (("indexed", QT_TRANSLATE_NOOP("DocumentIndexing", "{count} indexed")),
          ("unchanged", QT_TRANSLATE_NOOP("DocumentIndexing", "{count} unchanged")),
          ("skipped", QT_TRANSLATE_NOOP("DocumentIndexing", "{count} skipped")),
          ("failed", QT_TRANSLATE_NOOP("DocumentIndexing", "{count} failed")),
          ("removed", QT_TRANSLATE_NOOP("DocumentIndexing", "{count} removed")))


def progress_counts(progress: IndexProgress) -> str:
    """"12 indexed · 3 unchanged · 2 skipped · 1 failed · 4 removed" (the non-zero ones)."""
    shown = " · ".join(
        QCoreApplication.translate("DocumentIndexing", label).format(count=f"{number:,}")
        for name, label in COUNTS if (number := getattr(progress, name)))
    if progress.unavailable:
        shown += QCoreApplication.translate(
            "DocumentIndexing", " · not reachable: {folders}").format(
                folders=", ".join(progress.unavailable))
    return shown


class DocumentIndexing(QObject):
    """The window's indexing run and folder watcher: start, pause, resume, cancel, shut down."""

    #: Every ``IndexProgress`` of the current run.
    progressed = Signal(object)
    #: True when a run starts, False when it has ended (after ``finished``).
    running_changed = Signal(bool)
    #: A run ended: its last ``IndexProgress``, or None if it had nothing to do or failed.
    finished = Signal(object)
    #: The watcher brought changed files into the index: its ``IndexProgress``.
    refreshed = Signal(object)
    #: The watcher started (True) or stopped (False).
    watching_changed = Signal(bool)
    #: A run could not start; a sentence for the person.
    problem = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._stream: Stream | None = None
        self._control: IndexControl | None = None
        self._again = False  # folders changed during a run: run again after it
        self._busy_tries = 0
        self.last: IndexProgress | None = None
        self._watcher: FolderWatcher | None = None
        self._watcher_job = False  # starting or restarting the watcher in a worker
        self._watcher_again = False
        self._run_when_watching = False  # a run waits for the watcher to have started
        self._closing = threading.Event()
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.start)

    # State --------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """A run was asked for and has not ended (it may wait for the watcher to start)."""
        return self._control is not None

    @property
    def paused(self) -> bool:
        return self._control is not None and self._control.paused

    @property
    def watching(self) -> bool:
        return self._watcher is not None

    # Running ------------------------------------------------------------------------------

    def start_after_launch(self, delay_ms: int = START_DELAY_MS) -> None:
        """Bring the index up to date a moment after start-up (if there are folders)."""
        self._start_timer.start(delay_ms)

    def start(self) -> bool:
        """Index now; if a run is going, another follows it. False if none started now.

        Without a watcher yet, the watcher is started first and the run right after: both
        walk the folders, and walking them at the same time would starve the window."""
        if self._closing.is_set():
            return False
        if self._control is not None:
            self._again = True
            return False
        from desktop_assistant.documents.progress import IndexControl

        self._control = IndexControl()  # Pause and Cancel work from now on
        self.last = None
        self.running_changed.emit(True)
        if self._watcher is None:
            self._run_when_watching = True
            if not self._watcher_job:
                self.update_watcher()
        else:
            self._run()
        return True

    def _run(self) -> None:
        control, services = self._control, self._services
        if control is None or self._stream is not None:
            return
        self._stream = run_stream(
            lambda: _index_run(services, control), self._on_progress, self._on_end,
            self._on_error, context=self, cleanup=services.release_thread,
            description="indexing your documents",
        )

    def pause(self) -> None:
        """Stop between files (what is done is committed first) until ``resume``."""
        if self._control is not None:
            self._control.pause()

    def resume(self) -> None:
        if self._control is not None:
            self._control.resume()

    def cancel(self) -> None:
        """End the run after the current file; what was indexed is kept."""
        self._again = False
        if self._control is not None:
            self._control.cancel()

    def folders_changed(self) -> None:
        """A folder was added or removed, or its patterns changed: watch and index again."""
        self.update_watcher()
        self.start()

    def _on_progress(self, progress: IndexProgress) -> None:
        self.last = progress
        self._busy_tries = 0
        self.progressed.emit(progress)

    def _on_end(self) -> None:
        self._ended(self.last)

    def _on_error(self, error: Exception) -> None:
        from desktop_assistant.documents.engine import IndexBusy

        if isinstance(error, IndexBusy) and not self._closing.is_set():
            self._busy_tries += 1
            if self._busy_tries <= BUSY_RETRIES:
                self._ended(None, quiet=True)
                QTimer.singleShot(BUSY_RETRY_MS, self, self.start)
                return
            self.problem.emit(str(error))
        elif not isinstance(error, IndexBusy):
            errors.report_exception(self.tr("Indexing your documents failed"), error)
        self._ended(None)

    def _ended(self, last: IndexProgress | None, *, quiet: bool = False) -> None:
        self._stream = None
        self._control = None
        if not quiet:
            self.finished.emit(last)
        self.running_changed.emit(False)
        if self._again and not quiet and not self._closing.is_set():
            self._again = False
            self.start()

    # Watching -----------------------------------------------------------------------------

    def update_watcher(self) -> None:
        """(Re)start the watcher on the folders indexed now, in a worker (it lists folders)."""
        if self._closing.is_set():
            return
        if self._watcher_job:
            self._watcher_again = True
            return
        self._watcher_job = True
        old, self._watcher = self._watcher, None
        services, closing, refreshed = self._services, self._closing, self.refreshed
        updating_failed = self.tr("Updating the index for changed files failed")

        def restart() -> FolderWatcher | None:
            if old is not None:
                old.stop()
            documents = services.documents
            if closing.is_set() or not documents.folders():
                return None
            watcher = documents.watch(refreshed.emit)
            watcher.on_error = lambda error: errors.report_exception(updating_failed, error)
            if closing.is_set():
                watcher.stop()
                return None
            return watcher

        run_task(restart, self._watcher_started, self._watcher_failed, context=self,
                 cleanup=services.release_thread, description="watching your document folders")
        if old is not None:
            self.watching_changed.emit(False)

    def _watcher_started(self, watcher: FolderWatcher | None) -> None:
        self._watcher_job = False
        if watcher is not None and self._closing.is_set():
            run_task(watcher.stop, description="stopping the folder watcher")
            return
        self._watcher = watcher
        self._run_waiting()
        if watcher is not None:
            self.watching_changed.emit(True)
        if self._watcher_again:
            self._watcher_again = False
            self.update_watcher()

    def _watcher_failed(self, error: Exception) -> None:
        self._watcher_job = False
        errors.report_exception(self.tr("Watching your document folders failed"), error)
        self._run_waiting()

    def _run_waiting(self) -> None:
        if self._run_when_watching and not self._closing.is_set():
            self._run_when_watching = False
            self._run()

    # Lifetime -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Cancel the run and stop the watcher; their workers then end by themselves."""
        self._closing.set()
        self._start_timer.stop()
        self._again = False
        if self._control is not None:
            self._control.cancel()  # also wakes a paused run
        if self._stream is not None:
            self._stream.cancel()
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            run_task(watcher.stop, description="stopping the folder watcher")


class IndexingIndicator(QPushButton):
    """The status bar's "Indexing 1,234 / 5,000 …" while a run goes; a click opens
    Settings → Documents."""

    def __init__(self, indexing: DocumentIndexing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexingIndicator")
        self.setFlat(True)
        self.setToolTip(self.tr(
            "Indexing your documents. Click to see the details, pause or cancel."))
        self.setAccessibleName(self.tr("Document indexing"))
        indexing.progressed.connect(self._show)
        indexing.running_changed.connect(self._running)
        self.setVisible(indexing.running)
        if indexing.last is not None:
            self._show(indexing.last)

    def _show(self, progress: IndexProgress) -> None:
        self.setText(short_progress(progress))

    def _running(self, running: bool) -> None:
        if running:
            self.setText(self.tr("Looking for changed documents…"))
        self.setVisible(running)
