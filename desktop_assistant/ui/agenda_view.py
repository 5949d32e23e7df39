"""The agenda: a day's or a week's events beside the chat, in the person's time zone.

Events are read by :meth:`CalendarService.agenda` in a worker (a Google or CalDAV calendar is a
server call); each reload gets a new generation number, and an answer that arrives after the
person moved on to another day is dropped. Rows show the time (or "All day"), the title, the
place or video link, the attendees, and whether the event repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.agenda_event import (
    LONG_DATE,
    SHORT_DATE,
    YEAR_DATE,
    AgendaEvent,
    agenda_label,
    date_text,
)
from desktop_assistant.ui.status import restyle
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.calendar.importer import ImportReport
    from desktop_assistant.calendar.model import Event

DAY, WEEK = "day", "week"


@dataclass(frozen=True)
class AgendaPage:
    """What one load found: the period asked for, in the person's zone, and its events."""

    mode: str
    day: date  # the day the page is about (its week, in week mode)
    today: date
    zone: ZoneInfo
    start: datetime
    end: datetime
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_agenda(services: Services, mode: str, day: date | None) -> AgendaPage:
    """The events of ``day`` (or its week); today when ``day`` is None. Runs in a worker."""
    calendar = services.calendar
    zone, now = calendar.zone(), calendar.now()
    today = now.date()
    day = day or today
    first = day - timedelta(days=day.weekday()) if mode == WEEK else day
    length = 7 if mode == WEEK else 1
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(first + timedelta(days=length), time(0), tzinfo=zone)
    found = calendar.agenda(start, end)
    return AgendaPage(mode, day, today, zone, start, end, found.events, found.problems)


def period_text(page: AgendaPage) -> str:
    """"Tue 10 Mar 2026" for a day, "Mon 09 Mar – Sun 15 Mar 2026" for a week, in the
    interface language."""
    first = page.start.astimezone(page.zone).date()
    last = page.end.astimezone(page.zone).date() - timedelta(days=1)
    if last <= first:
        return date_text(first, YEAR_DATE)
    return f"{date_text(first, SHORT_DATE)} – {date_text(last, YEAR_DATE)}"


class AgendaView(QWidget):
    """Day or week, Previous / Today / Next, the events grouped by day, and Retry on error."""

    #: A page was shown (events, "nothing on", or the error): tests wait on it.
    shown = Signal()
    #: An import finished, with a sentence saying what it did.
    imported = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self._services = services
        self._mode = DAY
        self._day: date | None = None  # None: today
        self._generation = 0
        self._loading = False
        self._import_note = ""  # what the last import did, shown with the next page
        self._import_failed = False
        self.page: AgendaPage | None = None
        self.setAccessibleName(self.tr("Agenda"))

        self.previous_button = self._tool_button("‹", self.tr("Previous"), "agendaPrevious")
        self.next_button = self._tool_button("›", self.tr("Next"), "agendaNext")
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setObjectName("agendaToday")
        self.today_button.setToolTip(self.tr("Show today"))
        self.day_button = self._tool_button(self.tr("Day"), self.tr("Show one day"),
                                            "agendaDay", checkable=True)
        self.week_button = self._tool_button(self.tr("Week"), self.tr("Show the week"),
                                             "agendaWeek", checkable=True)
        self.day_button.setChecked(True)
        modes = QButtonGroup(self)
        modes.setExclusive(True)
        modes.addButton(self.day_button)
        modes.addButton(self.week_button)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.show_today)
        self.day_button.clicked.connect(lambda: self.set_mode(DAY))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))

        self.period = QLabel()
        self.period.setObjectName("agendaPeriod")
        self.period.setAccessibleName(self.tr("Period shown"))
        self.period.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.today_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addStretch(1)
        top.addWidget(self.day_button)
        top.addWidget(self.week_button)

        self.message = agenda_label("", "agendaMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setObjectName("agendaRetry")
        self.retry_button.clicked.connect(self.reload)
        self.retry_button.hide()
        self.note = agenda_label("", "agendaNote")
        self.note.hide()
        self._rows = QWidget()
        self._rows.setObjectName("agendaRows")
        self._rows.setAccessibleName(self.tr("Events"))
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(6)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("agendaScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._rows)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.period)
        layout.addWidget(self.message)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)

    def _tool_button(self, text: str, tip: str, name: str, *, checkable: bool = False
                     ) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setObjectName(name)
        button.setCheckable(checkable)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    # What is shown -------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def loading(self) -> bool:
        """True while a read runs."""
        return self._loading

    def events(self) -> list[AgendaEvent]:
        """The event rows on screen, top to bottom."""
        return self._rows.findChildren(AgendaEvent)

    def day_titles(self) -> list[str]:
        return [w.text() for w in self._rows.findChildren(QLabel, "agendaDayTitle")]

    # Navigation ----------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self._mode = mode
        (self.week_button if mode == WEEK else self.day_button).setChecked(True)
        self.reload()

    def step(self, direction: int) -> None:
        """Go back (-1) or forward (1) a day or a week."""
        page = self.page
        base = self._day or (page.today if page else None)
        if base is None:
            return  # the first page is still loading; it says which day "today" is
        self._day = base + timedelta(days=direction * (7 if self._mode == WEEK else 1))
        self.reload()

    def show_today(self) -> None:
        self._day = None
        self.reload()

    def reload(self) -> None:
        """Read the period again in a worker; what an older read finds is dropped.

        The same period stays on screen while it is read again; another one says "Loading…".
        """
        self._generation += 1
        generation, mode, day = self._generation, self._mode, self._day
        services = self._services
        page = self.page
        same = page is not None and page.mode == mode and (day or page.today) == page.day
        if not same or self.retry_button.isVisible():
            self._clear_rows()
            self.retry_button.hide()
            self._say(self.tr("Loading…"), "busy")
        self._loading = True

        def done(page: AgendaPage) -> None:
            if generation == self._generation:
                self._loading = False
                self._show(page)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._loading = False
                self._show_error(error)

        run_task(lambda: read_agenda(services, mode, day), done, failed, context=self,
                 cleanup=services.release_thread, description="reading the agenda")

    def import_file(self, path: Path) -> None:
        """Import an .ics file into the local calendar (in a worker), then show it."""
        services = self._services
        self._say(self.tr("Importing {file}…").format(file=path.name), "busy")

        def done(report: ImportReport) -> None:
            text = report.summary()
            if report.imported and report.problems:
                text += " " + report.problems[0]
            self._import_note, self._import_failed = text, not report.imported
            self.imported.emit(text)
            self.reload()

        def failed(error: Exception) -> None:
            self._show_error(error, self.tr("{file} could not be imported").format(file=path.name))
            self.imported.emit(str(error))

        run_task(lambda: services.calendar.import_ics(path), done, failed, context=self,
                 cleanup=services.release_thread, description=f"importing {path.name}")

    # Showing -------------------------------------------------------------------------------

    def _say(self, text: str, state: str) -> None:
        self.message.setText(text)
        self.message.setProperty("state", state)
        restyle(self.message)
        self.message.setVisible(bool(text))

    def _clear_rows(self) -> None:
        while self._rows_layout.count() > 1:
            item = self._rows_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _show(self, page: AgendaPage) -> None:
        self.page = page
        self.retry_button.hide()
        self._clear_rows()
        zone = page.zone
        self.period.setText(f"{period_text(page)} · {zone.key}")
        days: dict[date, list[Event]] = {}
        for event in page.events:
            days.setdefault(max(event.start, page.start).astimezone(zone).date(), []).append(event)
        for day, events in days.items():
            title = date_text(day, LONG_DATE)
            if day == page.today:
                title = self.tr("Today · {date}").format(date=title)
            elif day == page.today + timedelta(days=1):
                title = self.tr("Tomorrow · {date}").format(date=title)
            heading = QLabel(title)
            heading.setObjectName("agendaDayTitle")
            self._rows_layout.insertWidget(self._rows_layout.count() - 1, heading)
            for event in events:
                self._rows_layout.insertWidget(self._rows_layout.count() - 1,
                                               AgendaEvent(event, zone))
        if days:
            self._say("", "")
        else:
            self._say(self._nothing(page), "empty")
        note, self._import_note = self._import_note, ""
        if page.problems:
            count = len(page.problems)
            unread = self.tr("%n event(s) could not be read: {problem}", "", count).format(
                problem=page.problems[0])
            note = " ".join(filter(None, (note, unread)))
        self.note.setText(note)
        self.note.setProperty("state", "error" if page.problems or self._import_failed else "")
        self._import_failed = False
        restyle(self.note)
        self.note.setVisible(bool(note))
        self.shown.emit()

    def _nothing(self, page: AgendaPage) -> str:
        if page.mode == WEEK:
            this_week = page.today - timedelta(days=page.today.weekday())
            first = page.start.date()
            return (self.tr("Nothing on your calendar this week.") if first == this_week
                    else self.tr("Nothing on your calendar that week."))
        if page.day == page.today:
            return self.tr("Nothing on your calendar today.")
        return self.tr("Nothing on your calendar on {date}.").format(
            date=date_text(page.day, LONG_DATE))

    def _show_error(self, error: Exception, what: str | None = None) -> None:
        self._clear_rows()
        what = what or self.tr("Your calendar could not be read")
        self._say(self.tr("{what}: {reason}").format(what=what, reason=describe(error)),
                  "error")
        self.retry_button.show()
        self.shown.emit()


def describe(error: Exception) -> str:
    """A calendar error's own sentence; other errors with their type."""
    from desktop_assistant.calendar.errors import CalendarError

    if isinstance(error, CalendarError | ValueError):
        return str(error)
    return f"{type(error).__name__}: {error}"


class AgendaDock(QDockWidget):
    """The agenda as a panel at the side of the window; it reloads whenever it is shown."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agenda"))
        self.setObjectName("agendaDock")
        self.view = AgendaView(services)
        self.setWidget(self.view)
        self.setMinimumWidth(300)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.visibilityChanged.connect(self._visibility_changed)

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.view.reload()

    def refresh(self) -> None:
        """Read the calendar again if the agenda is open (after the chat may have changed it)."""
        if self.isVisible():
            self.view.reload()
