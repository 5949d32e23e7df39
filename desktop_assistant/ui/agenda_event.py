"""One event in the agenda: its time in the person's zone, title, place, link, attendees; and
how the agenda writes dates in the interface language.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop_assistant.calendar.model import Event

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.translations import interface_locale

MAX_ATTENDEES_SHOWN = 4
# QLocale date patterns, translated: each language orders day, month and year its own way.
SHORT_DATE = QT_TRANSLATE_NOOP("DateFormats", "ddd dd MMM")  # Wed 26 Nov
LONG_DATE = QT_TRANSLATE_NOOP("DateFormats", "dddd dd MMMM")  # Wednesday 26 November
YEAR_DATE = QT_TRANSLATE_NOOP("DateFormats", "ddd dd MMM yyyy")  # Wed 26 Nov 2025


def date_text(day: date, pattern: str) -> str:
    """``day`` written with ``pattern`` (one of the patterns above) in the interface language."""
    return interface_locale().toString(QDate(day.year, day.month, day.day),
                                       QCoreApplication.translate("DateFormats", pattern))


def event_time(event: Event, zone: ZoneInfo) -> str:
    """"09:00–09:30", "All day", "All day · until Wed 26 Nov" or "22:00 – Tue 01:00"."""
    start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    if event.all_day:
        last = end - timedelta(days=1)
        if last.date() <= start.date():
            return QCoreApplication.translate("AgendaEvent", "All day")
        return QCoreApplication.translate("AgendaEvent", "All day · until {date}").format(
            date=date_text(last.date(), SHORT_DATE))
    if (end - timedelta(microseconds=1)).date() != start.date() and end > start:
        weekday = interface_locale().toString(QDate(end.year, end.month, end.day), "ddd")
        return f"{start:%H:%M} – {weekday} {end:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def agenda_label(text: str, name: str, *, rich: bool = False) -> QLabel:
    """A wrapping, selectable label; ``rich`` text may hold links that open in the browser."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(rich)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


class AgendaEvent(QFrame):
    """One event: time on the left; title, place, link, attendees and repeat on the right."""

    def __init__(self, event: Event, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar_event = event
        self.setObjectName("agendaEvent")
        self.setProperty("allDay", event.all_day)
        self.time = agenda_label(event_time(event, zone), "agendaTime")
        self.time.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.time.setFixedWidth(self.time.fontMetrics().horizontalAdvance("00:00–00:00") + 8)
        self.title = agenda_label(event.title or self.tr("(no title)"), "agendaTitle")
        details = QVBoxLayout()
        details.setSpacing(2)
        details.addWidget(self.title)
        self.lines: list[str] = []
        if event.location:
            self._add(details, html.escape(event.location), event.location)
        if event.video_link:
            link = html.escape(event.video_link, quote=True)
            host = html.escape(urlsplit(event.video_link).netloc or event.video_link)
            self._add(details, self.tr('<a href="{link}">Join the video call</a> ({host})')
                      .format(link=link, host=host),
                      self.tr("Video: {link}").format(link=event.video_link))
        if event.attendees:
            names = [a.name or a.email for a in event.attendees]
            shown = ", ".join(names[:MAX_ATTENDEES_SHOWN])
            if len(names) > MAX_ATTENDEES_SHOWN:
                shown = self.tr("{names} and {count} more").format(
                    names=shown, count=len(names) - MAX_ATTENDEES_SHOWN)
            with_them = self.tr("With {names}").format(names=shown)
            self._add(details, html.escape(with_them), with_them)
        marks = []
        if event.recurrence and event.recurrence_id is not None:
            marks.append(self.tr("↻ Repeats"))
        if event.status == "TENTATIVE":
            marks.append(self.tr("Tentative"))
        if event.status == "CANCELLED":
            marks.append(self.tr("Cancelled"))
        if not event.busy:
            marks.append(self.tr("Shown as free"))
        if event.read_only:
            marks.append(self.tr("From {calendar}").format(calendar=event.calendar))
        if marks:
            self._add(details, html.escape(" · ".join(marks)), " · ".join(marks))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(self.time, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(details, 1)
        self.setAccessibleName(f"{event_time(event, zone)} {event.title}")

    def _add(self, layout: QVBoxLayout, rich: str, plain: str) -> None:
        layout.addWidget(agenda_label(rich, "agendaDetail", rich=True))
        self.lines.append(plain)
