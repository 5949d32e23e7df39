"""The one event model every calendar maps to, and the busy interval the slot search reads.

Times are always time-zone aware. An all-day event runs from midnight to midnight in the zone
it is shown in; a floating event (a wall-clock time with no zone in its source) is read in the
person's zone. Both keep a flag so they can be written back the way they came.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def require_aware(moment: datetime, what: str = "time") -> datetime:
    """``moment`` itself, or ValueError when it has no time zone (we never guess silently)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"The {what} {moment.isoformat()} has no time zone.")
    return moment


def as_aware(value: date | datetime, zone: ZoneInfo) -> datetime:
    """A date (all-day) or datetime (floating or zoned) as an aware datetime.

    A date becomes midnight in ``zone``; a naive datetime is a wall-clock time in ``zone``.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(0), tzinfo=zone)


@dataclass(frozen=True)
class Attendee:
    """Someone invited to an event, as calendars record them."""

    email: str
    name: str = ""
    status: str = "NEEDS-ACTION"  # iCalendar PARTSTAT: ACCEPTED, DECLINED, TENTATIVE …
    optional: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class Event:
    """One event, or one occurrence of a recurring series (then ``recurrence_id`` is set)."""

    uid: str
    title: str
    start: datetime
    end: datetime
    all_day: bool = False
    floating: bool = False
    zone: str = ""  # the IANA zone the event was written in ("" for UTC or floating)
    location: str = ""
    description: str = ""
    video_link: str = ""
    organizer: str = ""
    attendees: tuple[Attendee, ...] = ()
    recurrence: tuple[str, ...] = ()  # RRULE values of the series, e.g. "FREQ=WEEKLY;COUNT=4"
    recurrence_id: datetime | None = None
    busy: bool = True  # TRANSP:OPAQUE; a "free" (transparent) event does not block time
    status: str = "CONFIRMED"  # or TENTATIVE, CANCELLED
    calendar: str = "local"  # which calendar it came from: local, google, caldav, a source name
    sequence: int = 0
    read_only: bool = False

    def __post_init__(self) -> None:
        require_aware(self.start, "start")
        require_aware(self.end, "end")
        if self.end < self.start:
            raise ValueError(f"Event {self.title!r} ends before it starts.")

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def blocks_time(self) -> bool:
        """True when the event makes its owner busy (opaque and not cancelled)."""
        return self.busy and self.status != "CANCELLED"

    @property
    def occurrence_key(self) -> str:
        """The UID plus the occurrence, unique among the expanded events of a calendar."""
        if self.recurrence_id is None:
            return self.uid
        return f"{self.uid}@{self.recurrence_id.astimezone(UTC):%Y%m%dT%H%M%SZ}"


@dataclass(frozen=True, order=True)
class Busy:
    """A stretch of time someone is not available, with a label saying what it is."""

    start: datetime
    end: datetime
    label: str = field(default="busy", compare=False)

    def __post_init__(self) -> None:
        require_aware(self.start, "busy start")
        require_aware(self.end, "busy end")


def busy_from_events(events: list[Event]) -> list[Busy]:
    """The intervals the events block (free and cancelled events block nothing)."""
    return [Busy(e.start, e.end, e.title) for e in events if e.blocks_time and e.end > e.start]
