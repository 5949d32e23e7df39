"""Reading and writing iCalendar (.ics) data, and expanding recurrence within bounds.

Real-world files are messy, so reading never trusts them: a file that cannot be parsed raises
:class:`BadCalendarData` naming the file and the problem; an event inside a readable file that
is broken (no start, a bad rule, a bad time zone) is left out and reported, and the rest of the
file still counts. Recurrence is expanded with ``recurring-ical-events`` only within the window
asked for, and a rule that would take too many steps to reach that window (an endless
``FREQ=SECONDLY`` since 1970) is refused before it starts rather than expanded forever.
"""

from __future__ import annotations

import itertools
import threading
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.components import event_from_component
from desktop_assistant.calendar.errors import BadCalendarData
from desktop_assistant.calendar.model import Event, as_aware
from desktop_assistant.calendar.rules import rule_too_costly

if TYPE_CHECKING:
    import icalendar

MAX_OCCURRENCES = 5000  # per series and window: a "busy every minute" rule stops here

_warnings_lock = threading.Lock()


@dataclass
class Expansion:
    """The events of a calendar within a window, what was left out and why, and notes."""

    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # events left out, each saying why
    notes: list[str] = field(default_factory=list)  # kept, with a caveat (a capped series)


def read_calendars(data: bytes, name: str) -> tuple[list[icalendar.Calendar], list[str]]:
    """Parse ``data`` (one or more VCALENDARs); notes are the parser's warnings, as text.

    Raises BadCalendarData naming ``name`` when the data is not iCalendar at all.
    """
    import icalendar

    if not data.strip():
        raise BadCalendarData(f"{name}: the file is empty.")
    with _warnings_lock, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except Exception as error:  # the parser raises ValueError, KeyError, TypeError …
            raise BadCalendarData(
                f"{name}: not a readable iCalendar file ({_say(error)})."
            ) from None
    found = [c for c in calendars if isinstance(c, icalendar.Calendar)]
    loose = [c for c in calendars if not isinstance(c, icalendar.Calendar)]
    if loose:  # bare VEVENTs with no VCALENDAR around them: read them as one calendar
        wrapper = icalendar.Calendar()
        for component in loose:
            wrapper.add_component(component)
        found.append(wrapper)
    return found, [f"{name}: {w.message}" for w in caught]


def expand(
    calendar: icalendar.Calendar,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    *,
    source: str = "local",
    name: str = "calendar",
    read_only: bool = False,
) -> Expansion:
    """Every occurrence of every event in ``calendar`` overlapping ``[start, end)``.

    Floating and all-day times are read in ``zone``. Series that cannot be expanded are
    reported in ``problems`` and left out; the others still come back.
    """
    import icalendar
    import recurring_ical_events

    result = Expansion()
    usable = icalendar.Calendar()
    for key in ("X-WR-TIMEZONE", "CALSCALE"):
        if calendar.get(key) is not None:
            usable[key] = calendar[key]
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            usable.add_component(component)
        elif component.name == "VEVENT":
            problem = _unusable_reason(component, start, end)
            if problem:
                result.problems.append(f"{name}: event {_label(component)}: {problem}; skipped.")
            else:
                usable.add_component(component)
    try:
        with _warnings_lock, warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            query = recurring_ical_events.of(usable, keep_recurrence_attributes=True)
    except Exception as error:
        # One bad series spoils the whole query: expand series by series to isolate it.
        return _expand_each_series(usable, start, end, zone, source, name, read_only, error)
    for series in query.series:
        _expand_series(series, start, end, zone, source, name, read_only, result)
    result.events.sort(key=lambda e: (e.start, e.end, e.title))
    return result


def _expand_each_series(
    calendar: icalendar.Calendar,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    source: str,
    name: str,
    read_only: bool,
    error: Exception,
) -> Expansion:
    import icalendar
    import recurring_ical_events

    result = Expansion()
    timezones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    by_uid: dict[str, list[Any]] = {}
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            by_uid.setdefault(str(component.get("UID", "")), []).append(component)
    for components in by_uid.values():
        single = icalendar.Calendar()
        for component in [*timezones, *components]:
            single.add_component(component)
        try:
            with _warnings_lock, warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                query = recurring_ical_events.of(single, keep_recurrence_attributes=True)
        except Exception as series_error:
            result.problems.append(
                f"{name}: event {_label(components[0])}: {_say(series_error)}; skipped."
            )
            continue
        for series in query.series:
            _expand_series(series, start, end, zone, source, name, read_only, result)
    if not result.events and not result.problems:
        result.problems.append(f"{name}: {_say(error)}.")
    result.events.sort(key=lambda e: (e.start, e.end, e.title))
    return result


def _expand_series(
    series: Any,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    source: str,
    name: str,
    read_only: bool,
    result: Expansion,
) -> None:
    try:
        with _warnings_lock, warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            occurrences = itertools.islice(series.between(start, end), MAX_OCCURRENCES + 1)
            components = [o.as_component(True) for o in occurrences]
    except Exception as error:
        result.problems.append(f"{name}: event {str(series.uid)!r}: {_say(error)}; skipped.")
        return
    if len(components) > MAX_OCCURRENCES:
        result.notes.append(
            f"{name}: event {str(series.uid)!r} repeats more than {MAX_OCCURRENCES} times in the "
            f"window; only the first {MAX_OCCURRENCES} are used."
        )
        components = components[:MAX_OCCURRENCES]
    for component in components:
        try:
            event = event_from_component(component, zone, source=source, read_only=read_only)
        except Exception as error:
            result.problems.append(f"{name}: event {_label(component)}: {_say(error)}; skipped.")
            continue
        if (event.end > start and event.start < end) or event.start == event.end == start:
            result.events.append(event)


def _unusable_reason(component: Any, start: datetime, end: datetime) -> str | None:
    """Why this VEVENT cannot be expanded (no start, a runaway rule), or None."""
    starts = component.get("DTSTART")
    if starts is None:
        return "it has no start time (DTSTART)"
    try:
        value = _first(starts).dt
    except Exception as error:  # icalendar raises on reading a property it could not parse
        return f"its start time (DTSTART) cannot be read ({_say(error)})"
    if not isinstance(value, date):
        return "its start time (DTSTART) is not a date or time"
    rules = component.get("RRULE")
    if rules is not None and not any(rules if isinstance(rules, list) else [rules]):
        del component["RRULE"]  # an empty "RRULE:" line means no rule; readers differ otherwise
        rules = None
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        try:
            costly = rule_too_costly(dict(rule), as_aware(value, ZoneInfo("UTC")), end)
        except Exception as error:
            return f"its repeat rule cannot be read ({_say(error)})"
        if costly:
            return costly
    return None


# Helpers -------------------------------------------------------------------------------------


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value



def _say(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"



def _label(component: Any) -> str:
    summary = str(component.get("SUMMARY", "")).strip()
    uid = str(component.get("UID", "")).strip()
    return repr(summary or uid or "(no title)")
