"""The reminders clock: one single-shot timer armed from the stored state, never a countdown.

Each time it fires, a worker asks the reminders service what is due (``poll``: reminders,
meeting alerts, the briefing, each delivered once) and how long to wait
(``seconds_until_next``, at most a minute, so sleep, clock jumps and a new time zone are
caught within one). ``due`` carries what the poll delivered; the timer is armed again. The
database connection is per thread, so the worker closes its own when done.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.reminders.notification import Notification

log = logging.getLogger(__name__)

MAX_WAIT_S = 60.0
RETRY_S = 30.0  # after a poll failed
IDLE_RETRY_S = 1.0  # the service said "now" but had nothing: don't spin


def poll_reminders(services: Services) -> tuple[list[Notification], float]:
    """What is due now, and how many seconds until the next look (runs in a worker)."""
    reminders = services.reminders
    delivered = reminders.poll()
    return delivered, reminders.seconds_until_next()


class ReminderClock(QObject):
    """Polls the reminders service when something may be due; ``due`` carries what it gave."""

    due = Signal(list)  # list[Notification], delivered once each
    polled = Signal(float)  # after each poll: the seconds until the next one
    failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check_now)
        self._polling = False
        self._again = False  # check_now was asked while a poll ran
        self._paused_until = 0.0  # time.monotonic(); 0 when not paused
        self._stopped = True

    @property
    def running(self) -> bool:
        return not self._stopped

    @property
    def armed_ms(self) -> int:
        """Milliseconds until the timer fires (-1 when it is not armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def start(self) -> None:
        """Look now, then whenever the service says."""
        self._stopped = False
        self.check_now()

    def stop(self) -> None:
        """No more polls (a poll already running finishes; its result is dropped)."""
        self._stopped = True
        self._timer.stop()

    def pause(self, seconds: float) -> None:
        """Deliver nothing for ``seconds``; what comes due meanwhile is delivered after."""
        self._paused_until = time.monotonic() + seconds
        self._arm(min(seconds, MAX_WAIT_S))

    def resume(self) -> None:
        self._paused_until = 0.0
        self.check_now()

    @property
    def paused(self) -> bool:
        return self._paused_until > time.monotonic()

    def check_now(self) -> None:
        """Poll now (after a snooze or a changed setting); at most one poll at a time."""
        if self._stopped:
            return
        if self.paused:
            self._arm(min(self._paused_until - time.monotonic(), MAX_WAIT_S))
            return
        self._paused_until = 0.0
        if self._polling:
            self._again = True
            return
        self._polling = True
        self._timer.stop()
        services = self._services
        run_task(lambda: poll_reminders(services), self._polled, self._poll_failed,
                 context=self, cleanup=services.release_thread,
                 description="checking reminders")

    def _polled(self, result: Any) -> None:
        self._polling = False
        if self._stopped:
            return
        delivered, wait = result
        if delivered:
            self.due.emit(list(delivered))
        if self._again:
            self._again = False
            wait = 0.0
        elif not delivered and wait <= 0:
            wait = IDLE_RETRY_S
        self.polled.emit(wait)
        self._arm(wait)

    def _poll_failed(self, error: Exception) -> None:
        self._polling = False
        log.warning("Checking reminders failed", exc_info=error)
        self.failed.emit(self.tr("Checking reminders failed: {reason}").format(reason=error))
        if not self._stopped:
            self._arm(RETRY_S)

    def _arm(self, seconds: float) -> None:
        if self._stopped:
            return
        # Whole milliseconds, rounded up: a timer that fires a hair early finds nothing due.
        self._timer.start(max(0, math.ceil(min(seconds, MAX_WAIT_S) * 1000)))
