"""Times and events as people read them, in their own zone and in their colleagues'."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Event


def time_range(start: datetime, end: datetime, zone: ZoneInfo, *, with_date: bool = True) -> str:
    """"Tue 10 Mar 2026 15:00–15:30"; the end's date is shown when it is another day."""
    a, b = start.astimezone(zone), end.astimezone(zone)
    head = f"{a:%a %d %b %Y} " if with_date else ""
    if (b - timedelta(microseconds=1)).date() != a.date() and b > a:
        return f"{head}{a:%H:%M} – {b:%a %d %b %H:%M}"
    return f"{head}{a:%H:%M}–{b:%H:%M}"


def zone_label(zone: ZoneInfo, moment: datetime) -> str:
    """"Asia/Shanghai, UTC+08:00" at ``moment`` (offsets change with daylight saving)."""
    offset = moment.astimezone(zone).strftime("%z")
    return f"{zone.key}, UTC{offset[:3]}:{offset[3:]}"


def event_line(event: Event, zone: ZoneInfo) -> str:
    """One agenda line: time, title, where, who."""
    if event.all_day:
        last = (event.end - timedelta(days=1)).astimezone(zone)
        first = event.start.astimezone(zone)
        when = "all day" if last.date() <= first.date() else f"all day until {last:%a %d %b}"
    else:
        when = time_range(event.start, event.end, zone, with_date=False)
    parts = [f"{when}  {event.title}"]
    if event.location:
        parts.append(f"@ {event.location}")
    if event.video_link:
        parts.append(f"video: {event.video_link}")
    if event.attendees:
        parts.append("with " + ", ".join(a.name or a.email for a in event.attendees))
    if event.recurrence_id is not None and event.recurrence:
        parts.append("(repeats)")
    if not event.busy:
        parts.append("(free)")
    if event.read_only:
        parts.append(f"[{event.calendar}]")
    return "  ".join(parts)


def period(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """"Tue 10 Mar 2026", "Mon 09 Mar – Sun 15 Mar 2026", or a time range within a day."""
    a, b = start.astimezone(zone), end.astimezone(zone)
    if a.time() == b.time() == datetime.min.time():
        last = b - timedelta(days=1)
        if last.date() <= a.date():
            return f"{a:%a %d %b %Y}"
        return f"{a:%a %d %b} – {last:%a %d %b %Y}"
    return time_range(start, end, zone)


def agenda_text(events: list[Event], zone: ZoneInfo, start: datetime, end: datetime) -> str:
    """Events grouped by day in ``zone``, as Markdown."""
    days: dict[str, list[Event]] = {}
    for event in events:
        first = max(event.start, start).astimezone(zone)
        days.setdefault(f"{first:%A %d %B %Y}", []).append(event)
    span = period(start, end, zone)
    if not days:
        return f"Nothing on your calendar for {span} ({zone.key})."
    lines: list[str] = []
    for day, items in days.items():
        lines.append(f"**{day}**")
        lines += [f"- {event_line(e, zone)}  `{e.uid}`" for e in items]
        lines.append("")
    return "\n".join(lines).rstrip()
