"""Dates, times, ranges and durations typed by people, in English and Chinese.

ISO 8601 is read directly; everything else goes to ``dateparser`` (Chinese first passes through
:mod:`desktop_assistant.calendar.zh_dates`, which rewrites the forms dateparser cannot read).
Results are always aware datetimes in the person's zone. ``dateparser`` is imported on first use:
it takes a moment to load its language data.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.zh_dates import chinese_number, has_chinese, rewrite

_parsers_lock = threading.Lock()

_MARK_SECOND = 37
_DURATION = re.compile(
    r"^\s*(?:(?P<hours>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours|小时|个小时|個小時|钟头)\s*)?"
    r"(?:(?P<minutes>\d+)\s*(?:m|min|mins|minute|minutes|分钟|分鐘|分)?\s*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class When:
    """A moment someone named, and how precisely: time, day, week, month or year."""

    start: datetime
    precision: str

    def span(self) -> tuple[datetime, datetime]:
        """The stretch of time the phrase names (a day, a week …), as aware datetimes."""
        zone = self.start.tzinfo
        assert isinstance(zone, ZoneInfo)
        day = self.start.date()
        if self.precision == "week":
            first = day - timedelta(days=day.weekday())
            return _midnight(first, zone), _midnight(first + timedelta(days=7), zone)
        if self.precision == "month":
            first = day.replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            return _midnight(first, zone), _midnight(following, zone)
        if self.precision == "year":
            return _midnight(date(day.year, 1, 1), zone), _midnight(date(day.year + 1, 1, 1), zone)
        if self.precision == "day":
            return _midnight(day, zone), _midnight(day + timedelta(days=1), zone)
        return self.start, _midnight(day + timedelta(days=1), zone)


def parse_when(text: str, now: datetime) -> When:
    """The moment ``text`` names, relative to ``now`` (aware); ValueError when unreadable."""
    zone = _zone_of(now)
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("No date or time given.")
    iso = _iso(cleaned, zone)
    if iso is not None:
        return iso
    local_now = now.astimezone(zone)
    languages: tuple[str, ...] = ("en",)
    if has_chinese(cleaned):
        cleaned = rewrite(cleaned, local_now.date())
        languages = ("zh", "en")
        iso = _iso(cleaned, zone)
        if iso is not None:
            return iso
    # dateparser keeps the base's clock time for "tomorrow" and calls "tomorrow 10am" a day
    # when 10:00 is the base's time too: a base at :37 seconds, which nobody types, tells
    # the two apart.
    base = local_now.replace(second=_MARK_SECOND, microsecond=0, tzinfo=None)
    data = _parser(languages, base).get_date_data(cleaned)
    found = getattr(data, "date_obj", None)
    if found is None:
        raise ValueError(f"I could not read a date or time in {text.strip()!r}.")
    period = str(getattr(data, "period", "day") or "day")
    precision = {"time": "time", "part_of_day": "time"}.get(period, period)
    if precision not in {"time", "day", "week", "month", "year"}:
        precision = "day"
    if precision == "day" and found.time() not in (base.time(), time(0)):
        precision = "time"
    moment = found.replace(tzinfo=zone) if found.tzinfo is None else found.astimezone(zone)
    if precision == "day":
        moment = _midnight(moment.date(), zone)
    return When(moment.replace(second=0, microsecond=0), precision)


def parse_range(text: str, now: datetime) -> tuple[datetime, datetime]:
    """"next week", "tomorrow", "下周", "2026-03-10 to 2026-03-12", "3月10日到3月12日"."""
    pieces = re.split(r"\s+(?:to|until|till|through)\s+|\s*(?:到|至|~|～|—)\s*|\s+-\s+",
                      text.strip(), maxsplit=1)
    if len(pieces) == 2 and pieces[0] and pieces[1]:
        first = parse_when(pieces[0], now)
        last = parse_when(pieces[1], now)
        start = first.start if first.precision == "time" else first.span()[0]
        end = last.start if last.precision == "time" else last.span()[1]
    else:
        start, end = parse_when(text, now).span()
    if end <= start:
        raise ValueError(f"The range {text.strip()!r} ends before it starts.")
    return max(start, now), end


def parse_moment(text: str, now: datetime) -> datetime:
    """A start time with a clock time in it ("next Tuesday 3pm", "下周二下午三点", ISO)."""
    when = parse_when(text, now)
    if when.precision != "time":
        raise ValueError(f"{text.strip()!r} names a {when.precision}, not a time of day: "
                         "add a time, such as 3pm or 15:00.")
    return when.start


def parse_duration(text: str, *, allow_zero: bool = False) -> timedelta:
    """"30m", "1h", "1.5 hours", "1h30m", "90", "半小时", "一个半小时", "45分钟"."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in {"半小时", "半个小时", "半個小時"}:
        return timedelta(minutes=30)
    cleaned = re.sub(r"([零〇一二两三四五六七八九十]+)(?=个?半?(?:小时|個|个|分))",
                     lambda m: str(chinese_number(m.group(1))), cleaned)
    half = re.fullmatch(r"(\d+)个?半(?:小时|個小時)", cleaned)
    if half:
        return timedelta(minutes=int(half.group(1)) * 60 + 30)
    match = _DURATION.match(cleaned)
    if not match or not (match.group("hours") or match.group("minutes")):
        raise ValueError(f"I could not read a length of time in {text.strip()!r} "
                         "(try 30m, 1h or 1h30m).")
    minutes = float(match.group("hours") or 0) * 60 + int(match.group("minutes") or 0)
    if minutes <= 0 and not allow_zero:
        raise ValueError("A meeting must last at least a minute.")
    if minutes > 24 * 60:
        raise ValueError(f"{text.strip()!r} is longer than a day.")
    return timedelta(minutes=round(minutes))


def _iso(text: str, zone: ZoneInfo) -> When | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return When(_midnight(value.date(), zone), "day")
    moment = value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
    return When(moment, "time")


def _parser(languages: tuple[str, ...], base: datetime) -> Any:
    """A dateparser parser reading relative phrases from ``base`` (naive, local)."""
    from dateparser.date import DateDataParser

    with _parsers_lock:  # the first build loads language data; let one thread do it
        return DateDataParser(
            languages=list(languages),
            settings={
                "RELATIVE_BASE": base,
                "PREFER_DATES_FROM": "future",
                "RETURN_TIME_AS_PERIOD": True,
            },
        )


def _zone_of(now: datetime) -> ZoneInfo:
    zone = now.tzinfo
    if isinstance(zone, ZoneInfo):
        return zone
    raise ValueError("The current time must carry a ZoneInfo time zone.")


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)
