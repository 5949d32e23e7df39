"""Times and events as people read them, in their own zone and in their colleagues'.

What the model reads (agenda lines, slot times) keeps one English form, "Tue 10 Mar 2026
15:00–15:30", whatever the interface language. Cards and tooltips the person reads ask for
``translated=True``: the date is then built from patterns and day and month names marked in
the "Dates" translation context, "2026年3月10日（周二）15:00–15:30" in Chinese (Qt-free, like the
rest of calendar/; the English patterns give the same text as the English form).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Event
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

# Monday first, as date.weekday() counts.
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("Dates", "Mon"), QT_TRANSLATE_NOOP("Dates", "Tue"),
    QT_TRANSLATE_NOOP("Dates", "Wed"), QT_TRANSLATE_NOOP("Dates", "Thu"),
    QT_TRANSLATE_NOOP("Dates", "Fri"), QT_TRANSLATE_NOOP("Dates", "Sat"),
    QT_TRANSLATE_NOOP("Dates", "Sun"),
)
_MONTHS = (
    QT_TRANSLATE_NOOP("Dates", "Jan"), QT_TRANSLATE_NOOP("Dates", "Feb"),
    QT_TRANSLATE_NOOP("Dates", "Mar"), QT_TRANSLATE_NOOP("Dates", "Apr"),
    QT_TRANSLATE_NOOP("Dates", "May"), QT_TRANSLATE_NOOP("Dates", "Jun"),
    QT_TRANSLATE_NOOP("Dates", "Jul"), QT_TRANSLATE_NOOP("Dates", "Aug"),
    QT_TRANSLATE_NOOP("Dates", "Sep"), QT_TRANSLATE_NOOP("Dates", "Oct"),
    QT_TRANSLATE_NOOP("Dates", "Nov"), QT_TRANSLATE_NOOP("Dates", "Dec"),
)
# Date patterns, translated like text, in Qt's (and Unicode's) letters: yyyy the year, MMM the
# month's name, MM/M its number with/without a leading zero, ddd the weekday's name, dd/d the
# day. Chinese: "yyyy年M月d日（ddd）".
DATE = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM yyyy")
DATE_IN_YEAR = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM")
NUMERIC_DATE = QT_TRANSLATE_NOOP("Dates", "yyyy-MM-dd")
_PATTERN_LETTERS = re.compile(r"yyyy|MMM|MM|M|ddd|dd|d")


def weekday_name(index: int) -> str:
    """The short name of a weekday (0 is Monday) in the interface language: "Mon", "周一"."""
    return translate("Dates", _WEEKDAYS[index])


def day_text(day: date, pattern: str = DATE) -> str:
    """``day`` in the interface language through one of the patterns above."""
    values = {
        "yyyy": str(day.year), "MMM": translate("Dates", _MONTHS[day.month - 1]),
        "MM": f"{day.month:02d}", "M": str(day.month), "ddd": weekday_name(day.weekday()),
        "dd": f"{day.day:02d}", "d": str(day.day),
    }
    return _PATTERN_LETTERS.sub(lambda found: values[found.group()],
                                translate("Dates", pattern))


def time_range(start: datetime, end: datetime, zone: tzinfo, *, with_date: bool = True,
               translated: bool = False) -> str:
    """"Tue 10 Mar 2026 15:00–15:30"; the end's date is shown when it is another day.
    ``translated``: in the interface language, for the person: "2026年3月10日（周二）15:00–15:30"
    in Chinese."""
    a, b = start.astimezone(zone), end.astimezone(zone)
    other_day = (b - timedelta(microseconds=1)).date() != a.date() and b > a
    if translated:
        fields = {"start": f"{a:%H:%M}", "end": f"{b:%H:%M}", "date": day_text(a.date()),
                  "end_date": day_text(b.date(), DATE_IN_YEAR)}
        if other_day:
            pattern = (QT_TRANSLATE_NOOP("Dates", "{date} {start} – {end_date} {end}")
                       if with_date else QT_TRANSLATE_NOOP("Dates", "{start} – {end_date} {end}"))
        else:
            pattern = (QT_TRANSLATE_NOOP("Dates", "{date} {start}–{end}") if with_date
                       else "{start}–{end}")
        return translate("Dates", pattern).format(**fields)
    head = f"{a:%a %d %b %Y} " if with_date else ""
    if other_day:
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
