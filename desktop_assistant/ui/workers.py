"""The one module for worker threads: agent turns, one-off tasks, generators (an indexing run)
and where their errors go.

Every worker is a ``QThread`` registered here while it runs, so shutting down (and each GUI
test) can cancel what is running and wait for all of it with :func:`wait_for_workers`.
Results and events are queued to the GUI thread as signals. An exception nobody handles is
sent to :data:`errors`, which the main window shows: nothing fails silently in a thread.

What the person sees is in the interface language, the log keeps English: a task's
``description`` and the ``what`` of :meth:`ErrorReporter.report_exception` are looked up in the
"Workers" translation context when shown, so callers mark them where they write them with
``QT_TRANSLATE_NOOP("Workers", "saving the draft")``; unmarked ones are shown as written.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from shiboken6 import isValid

from desktop_assistant.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop_assistant.assistant.agent import Turn

log = logging.getLogger(__name__)

Cleanup = Callable[[], None]


def _translated(text: str) -> str:
    """``text`` in the interface language if the "Workers" context has it (any thread)."""
    return QCoreApplication.translate("Workers", text)


def _failed(what: str, task: str) -> tuple[str, str]:
    """("Saving the draft failed", the same in the interface language) for a ``what``
    template in "Workers" ("{task} failed") and a task's description."""
    shown_task = _translated(task)
    english = what.format(task=task)
    shown = _translated(what).format(task=shown_task)
    if what.startswith("{task}"):  # a sentence starts with the task
        english = english[:1].upper() + english[1:]
        shown = shown[:1].upper() + shown[1:]
    return english, shown


class ErrorReporter(QObject):
    """The single place unexpected worker errors go; the main window shows ``reported``."""

    reported = Signal(str)

    def report(self, message: str) -> None:
        """Say ``message`` to the person; safe to call from any thread."""
        self.reported.emit(message)

    def report_exception(self, what: str, error: BaseException, shown: str = "") -> None:
        """Log ``what`` failed (English) and say it to the person: ``shown``, else ``what``
        as the "Workers" translation context has it, then the error's message."""
        from desktop_assistant.app import ServicesClosed

        if isinstance(error, ServicesClosed):  # after Delete all, as the app quits
            log.info("%s after the data was deleted", what)
            return
        log.error("%s", what, exc_info=(type(error), error, error.__traceback__))
        detail = getattr(error, "message", None) or str(error) or type(error).__name__
        said = QCoreApplication.translate("Workers", "{what}: {detail}")
        self.report(said.format(what=shown or _translated(what), detail=detail))


#: Created with the module, in the GUI thread that imports ``ui``.
errors = ErrorReporter()

_running: set[QThread] = set()


def _track(thread: QThread) -> None:
    _running.add(thread)
    thread.finished.connect(_forget, QtCore.Qt.ConnectionType.QueuedConnection)


@Slot()
def _forget() -> None:
    for thread in [t for t in _running if isValid(t) and t.isFinished()]:
        if isinstance(thread, Task | Stream) and not thread.delivered:
            continue  # its result is still queued; letting go now would delete it unseen
        thread.wait()  # returns at once; makes sure the OS thread is gone before we let go
        _running.discard(thread)


def running_workers() -> list[QThread]:
    """Workers started here that have not finished yet."""
    return [t for t in _running if isValid(t) and not t.isFinished()]


def wait_for_workers(timeout: float = 10.0) -> bool:
    """Block until every worker has finished (at most ``timeout`` seconds); True if all did.

    Use at shutdown and in tests, after cancelling what may be waiting for the person.
    """
    deadline = time.monotonic() + timeout
    for thread in list(_running):
        if not isValid(thread):
            _running.discard(thread)
            continue
        remaining_ms = max(0, int((deadline - time.monotonic()) * 1000))
        if thread.wait(remaining_ms):
            _running.discard(thread)
    return not running_workers()


def _run_cleanup(cleanup: Cleanup | None) -> None:
    if cleanup is None:
        return
    try:
        cleanup()
    except Exception as error:
        errors.report_exception(QT_TRANSLATE_NOOP("Workers", "Cleaning up a worker failed"),
                                error)


class TurnWorker(QThread):
    """Runs one agent turn in its own thread and re-emits each event as ``turn_event``.

    ``start`` is a ``Turn`` or a function returning one; a function runs in the worker, so
    building the agent (which imports pydantic) never blocks the window. ``finished`` (from
    ``QThread``) arrives after the last ``turn_event``. ``cleanup`` runs in the worker thread at the
    end, e.g. to close the thread's database connection.
    """

    turn_event = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        start: Turn | Callable[[], Turn],
        *,
        cleanup: Cleanup | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._start = start
        self._cleanup = cleanup
        self._lock = threading.Lock()
        self._turn: Turn | None = None
        self._cancelled = False
        self.setObjectName("TurnWorker")

    def begin(self) -> None:
        """Start the thread, registered so it can be waited for."""
        _track(self)
        self.start()

    def cancel(self) -> None:
        """Stop the turn, from the GUI thread; returns at once, the thread ends by itself."""
        with self._lock:
            self._cancelled = True
            turn = self._turn
        if turn is not None:
            turn.cancel()

    @property
    def turn(self) -> Turn | None:
        return self._turn

    def run(self) -> None:
        try:
            turn = self._start() if callable(self._start) else self._start
            with self._lock:
                self._turn = turn
                cancelled = self._cancelled
            if cancelled:
                turn.cancel()
            for event in turn:
                self.turn_event.emit(event)
        except Exception as error:
            if self._cancelled:
                # The person stopped this turn (and may have deleted its conversation since):
                # what fails while it winds down is logged, not shown.
                log.warning("A stopped turn failed while winding down", exc_info=error)
                return
            errors.report_exception(QT_TRANSLATE_NOOP("Workers", "The assistant's turn failed"),
                                    error)
            detail = getattr(error, "message", None) or str(error) or type(error).__name__
            said = QCoreApplication.translate("Workers", "Something went wrong: {detail}")
            self.failed.emit(said.format(detail=detail))
        finally:
            _run_cleanup(self._cleanup)


class _Job(QThread):
    """What Task and Stream share: a description, a ``context`` QObject whose deletion (a
    closed dialog) silences the callbacks, the error callback (else the window's banner), and
    the clean-up run in the worker when it is done."""

    errored = Signal(object)

    def __init__(
        self,
        kind: str,
        on_error: Callable[[Exception], None] | None,
        context: QObject | None,
        cleanup: Cleanup | None,
        description: str,
    ) -> None:
        super().__init__()
        self._on_error = on_error
        self._context = context
        self._cleanup = cleanup
        self._description = description
        self.delivered = False  # the outcome (result, end or error) has reached the GUI thread
        self.setObjectName(f"{kind}: {description}")
        self.errored.connect(self._deliver_error, QtCore.Qt.ConnectionType.QueuedConnection)

    def _context_gone(self) -> bool:
        return self._context is not None and not isValid(self._context)

    @Slot(object)
    def _deliver_error(self, error: Exception) -> None:
        self.delivered = True
        if self._context_gone():
            return
        if self._on_error is None:
            self._report(QT_TRANSLATE_NOOP("Workers", "{task} failed"), error)
            return
        try:
            self._on_error(error)
        except Exception as second:
            self._report(QT_TRANSLATE_NOOP("Workers", "Showing the error of {task} failed"),
                         second)

    def _report(self, what: str, error: BaseException) -> None:
        english, shown = _failed(what, self._description)
        errors.report_exception(english, error, shown)


class Task(_Job):
    """One function run in a worker thread; the result or error comes back in the GUI thread.

    Made by :func:`run_task`. ``context`` is a QObject: once it is deleted (a closed dialog),
    the callbacks are skipped.
    """

    succeeded = Signal(object)

    def __init__(
        self,
        function: Callable[[], Any],
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        context: QObject | None,
        cleanup: Cleanup | None,
        description: str,
    ) -> None:
        super().__init__("Task", on_error, context, cleanup, description)
        self._function = function
        self._on_result = on_result
        self.succeeded.connect(self._deliver_result, QtCore.Qt.ConnectionType.QueuedConnection)

    def run(self) -> None:
        try:
            value = self._function()
        except Exception as error:
            self.errored.emit(error)
        else:
            self.succeeded.emit(value)
        finally:
            _run_cleanup(self._cleanup)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        self.delivered = True
        if self._on_result is None or self._context_gone():
            return
        try:
            self._on_result(value)
        except Exception as error:
            self._report(QT_TRANSLATE_NOOP("Workers", "Showing the result of {task} failed"),
                         error)


def run_task(
    function: Callable[[], Any],
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    context: QObject | None = None,
    cleanup: Cleanup | None = None,
    description: str = "a background task",
) -> Task:
    """Run ``function`` in a worker; call ``on_result``/``on_error`` in the GUI thread.

    Without ``on_error``, an exception goes to :data:`errors`.
    """
    task = Task(function, on_result, on_error, context, cleanup, description)
    _track(task)
    task.start()
    return task


class Stream(_Job):
    """A generator run in a worker thread; each item it yields comes back in the GUI thread.

    Made by :func:`run_stream`, for core work written as a generator (an indexing run yielding
    progress). ``cancel`` stops taking items and closes the generator in the worker, so its own
    clean-up runs there; a generator blocked inside (a paused run) must be woken by its own
    means first. ``on_end`` follows the last item, whether the generator ran out or was
    cancelled; after an error only ``on_error`` is called. ``context`` works as for ``Task``.
    """

    yielded = Signal(object)
    ended = Signal()

    def __init__(
        self,
        function: Callable[[], Iterable[Any]],
        on_item: Callable[[Any], None],
        on_end: Callable[[], None] | None,
        on_error: Callable[[Exception], None] | None,
        context: QObject | None,
        cleanup: Cleanup | None,
        description: str,
    ) -> None:
        super().__init__("Stream", on_error, context, cleanup, description)
        self._function = function
        self._on_item = on_item
        self._on_end = on_end
        self._cancelled = threading.Event()
        queued = QtCore.Qt.ConnectionType.QueuedConnection
        self.yielded.connect(self._deliver_item, queued)
        self.ended.connect(self._deliver_end, queued)

    def cancel(self) -> None:
        """Take no more items; from any thread, returns at once."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def run(self) -> None:
        try:
            items = iter(self._function())
            try:
                for item in items:
                    self.yielded.emit(item)
                    if self._cancelled.is_set():
                        break
            finally:
                close = getattr(items, "close", None)
                if close is not None:
                    close()
        except Exception as error:
            self.errored.emit(error)
        else:
            self.ended.emit()
        finally:
            _run_cleanup(self._cleanup)

    @Slot(object)
    def _deliver_item(self, item: object) -> None:
        if self._context_gone():
            return
        try:
            self._on_item(item)
        except Exception as error:
            self._report(QT_TRANSLATE_NOOP("Workers", "Showing the progress of {task} failed"),
                         error)

    @Slot()
    def _deliver_end(self) -> None:
        self.delivered = True
        if self._on_end is None or self._context_gone():
            return
        try:
            self._on_end()
        except Exception as error:
            self._report(QT_TRANSLATE_NOOP("Workers", "Finishing {task} failed"), error)


def run_stream(
    function: Callable[[], Iterable[Any]],
    on_item: Callable[[Any], None],
    on_end: Callable[[], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    context: QObject | None = None,
    cleanup: Cleanup | None = None,
    description: str = "a background task",
) -> Stream:
    """Run the generator ``function()`` in a worker; ``on_item`` gets each item, then
    ``on_end`` or ``on_error`` is called, all in the GUI thread.

    Without ``on_error``, an exception goes to :data:`errors`.
    """
    stream = Stream(function, on_item, on_end, on_error, context, cleanup, description)
    _track(stream)
    stream.start()
    return stream
