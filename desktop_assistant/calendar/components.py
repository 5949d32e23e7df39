"""iCalendar components and the event model, both ways, and calendars to write them in.

Reading is forgiving (a missing end, a duplicated property, an unknown status); writing is
strict: zoned times in the event's own zone with the VTIMEZONEs they need, all-day events as
dates, floating ones as wall-clock times, attendees with the parameters invitations need.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Attendee, Event, as_aware

if TYPE_CHECKING:
    import icalendar

PRODID = "-//Desktop Assistant//Calendar//EN"


def event_from_component(
    component: Any, zone: ZoneInfo, *, source: str = "local", read_only: bool = False
) -> Event:
    """The model's view of one VEVENT (or one expanded occurrence of it)."""
    raw_start = _first(component["DTSTART"]).dt
    all_day = isinstance(raw_start, date) and not isinstance(raw_start, datetime)
    floating = isinstance(raw_start, datetime) and raw_start.tzinfo is None
    start = as_aware(raw_start, zone)
    end_property = component.get("DTEND")
    duration = component.get("DURATION")
    if end_property is not None:
        end = as_aware(_first(end_property).dt, zone)
    elif duration is not None:
        end = start + _first(duration).dt
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    if end < start:
        end = start
    recurrence_id = component.get("RECURRENCE-ID")
    rules = component.get("RRULE")
    return Event(
        uid=str(component.get("UID", "")) or f"no-uid-{start.isoformat()}",
        title=str(component.get("SUMMARY", "")).strip() or "(no title)",
        start=start,
        end=end,
        all_day=all_day,
        floating=floating,
        zone=_zone_name(raw_start),
        location=str(component.get("LOCATION", "")),
        description=str(component.get("DESCRIPTION", "")),
        video_link=_video_link(component),
        organizer=_address(component.get("ORGANIZER")),
        attendees=tuple(_attendees(component.get("ATTENDEE"))),
        recurrence=tuple(
            r.to_ical().decode() for r in (rules if isinstance(rules, list) else [rules]) if r
        ),
        recurrence_id=(
            as_aware(_first(recurrence_id).dt, zone) if recurrence_id is not None else None
        ),
        busy=str(component.get("TRANSP", "OPAQUE")).upper() != "TRANSPARENT",
        status=str(component.get("STATUS", "CONFIRMED")).upper(),
        calendar=source,
        sequence=_int(component.get("SEQUENCE")),
        read_only=read_only,
    )


def component_from_event(event: Event, *, stamp: datetime | None = None) -> icalendar.Event:
    """A VEVENT for ``event``: zoned times in the event's own zone, all-day as dates."""
    import icalendar

    start: date | datetime
    end: date | datetime
    if event.all_day:
        start, end = event.start.date(), event.end.date()
    elif event.floating:
        start, end = event.start.replace(tzinfo=None), event.end.replace(tzinfo=None)
    elif event.zone:
        start, end = event.start.astimezone(ZoneInfo(event.zone)), event.end.astimezone(
            ZoneInfo(event.zone)
        )
    else:
        start, end = event.start.astimezone(UTC), event.end.astimezone(UTC)
    description = event.description
    if event.video_link and event.video_link not in description:
        description = f"{description}\n\nJoin: {event.video_link}".strip()
    component = icalendar.Event.new(
        uid=event.uid,
        summary=event.title,
        start=start,
        end=end,
        stamp=stamp or datetime.now(UTC).replace(microsecond=0),
        sequence=event.sequence,
        location=event.location or None,
        description=description or None,
        status=event.status,  # type: ignore[arg-type]
        transparency="OPAQUE" if event.busy else "TRANSPARENT",  # type: ignore[arg-type]
        organizer=f"mailto:{event.organizer}" if event.organizer else None,
        attendees=[_calendar_address(a) for a in event.attendees] or None,
    )
    for rule in event.recurrence:
        component.add("RRULE", icalendar.vRecur.from_ical(rule))
    if event.video_link:
        component.add(
            "CONFERENCE", event.video_link, parameters={"VALUE": "URI", "FEATURE": "VIDEO"}
        )
    if event.recurrence_id is not None:
        component.add("RECURRENCE-ID", event.recurrence_id)
    return component


def calendar_with(components: Iterable[Any], method: str | None = None) -> icalendar.Calendar:
    """A VCALENDAR holding ``components`` and the VTIMEZONEs their times need."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method:
        calendar.add("METHOD", method)
    for component in components:
        calendar.add_component(component)
    today = datetime.now(UTC).date()
    # A broken VTIMEZONE copied from an imported file makes this fail: keep what we have.
    with contextlib.suppress(Exception):
        calendar.add_missing_timezones(
            first_date=date(today.year - 1, 1, 1), last_date=date(today.year + 6, 1, 1)
        )
    # VTIMEZONEs first, as some readers want them before the events that use them.
    calendar.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")
    return calendar


# Helpers -------------------------------------------------------------------------------------


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value



def _zone_name(value: object) -> str:
    tzinfo = getattr(value, "tzinfo", None)
    if tzinfo is None:
        return ""
    key = getattr(tzinfo, "key", None)
    if isinstance(key, str) and key != "UTC":
        return key
    return ""



def _int(value: object) -> int:
    try:
        return int(str(value)) if value is not None else 0
    except ValueError:
        return 0



def _address(value: object) -> str:
    text = str(_first(value) or "").strip()
    return text[7:] if text.lower().startswith("mailto:") else text



def _attendees(value: object) -> Iterable[Attendee]:
    for item in value if isinstance(value, list) else ([value] if value else []):
        params = getattr(item, "params", {})
        email = _address(item)
        if email:
            yield Attendee(
                email=email,
                name=str(params.get("CN", "")),
                status=str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                optional=str(params.get("ROLE", "")).upper() == "OPT-PARTICIPANT",
            )



def _calendar_address(attendee: Attendee) -> icalendar.vCalAddress:
    import icalendar

    return icalendar.vCalAddress.new(
        f"mailto:{attendee.email}",
        cn=attendee.name or None,
        role="OPT-PARTICIPANT" if attendee.optional else "REQ-PARTICIPANT",
        partstat=attendee.status,
        rsvp=True,
        cutype="INDIVIDUAL",
    )



def _video_link(component: Any) -> str:
    for key in ("CONFERENCE", "X-GOOGLE-CONFERENCE"):
        value = component.get(key)
        if value:
            return str(_first(value))
    return ""
