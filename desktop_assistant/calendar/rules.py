"""Recurrence rules: a bound on the work a rule costs, and rules in words for people.

Expanding an RRULE walks every period from the series' start, so a rule's cost is the number
of periods between its start and the end of the window asked for (times the candidates each
period generates), not the number of occurrences in the window. ``rule_too_costly`` estimates
that walk before it starts, so an endless ``FREQ=SECONDLY`` since 1970 is refused instead of
hanging the app.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

MAX_RULE_STEPS = 200_000

_PERIOD_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 2_629_746,
    "YEARLY": 31_556_952,
}
_EXPANDING_PARTS = (
    "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH"
)
_EVERY = {
    "SECONDLY": ("second", "seconds"),
    "MINUTELY": ("minute", "minutes"),
    "HOURLY": ("hour", "hours"),
    "DAILY": ("day", "days"),
    "WEEKLY": ("week", "weeks"),
    "MONTHLY": ("month", "months"),
    "YEARLY": ("year", "years"),
}
_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
         "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def _values(rule: Mapping[str, Any], key: str) -> list[Any]:
    value = rule.get(key, rule.get(key.lower()))
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _first(rule: Mapping[str, Any], key: str) -> Any:
    values = _values(rule, key)
    return values[0] if values else None


def rule_too_costly(rule: Mapping[str, Any], start: datetime, window_end: datetime) -> str | None:
    """Why expanding ``rule`` from ``start`` up to ``window_end`` would cost too much, or None."""
    frequency = str(_first(rule, "FREQ") or "").upper()
    if frequency not in _PERIOD_SECONDS:
        return f"its repeat rule has an unknown frequency {frequency or '(none)'!r}"
    try:
        interval = max(1, int(_first(rule, "INTERVAL") or 1))
    except (TypeError, ValueError):
        return "its repeat rule has an interval that is not a number"
    until = _first(rule, "UNTIL")
    stop = window_end
    if isinstance(until, date):
        until_time = until if isinstance(until, datetime) else datetime(
            until.year, until.month, until.day, tzinfo=UTC
        )
        if until_time.tzinfo is None:
            until_time = until_time.replace(tzinfo=UTC)
        stop = min(stop, until_time)
    span = (stop - start).total_seconds()
    if span <= 0:
        return None
    periods = span / (_PERIOD_SECONDS[frequency] * interval)
    factor = math.prod(max(1, len(_values(rule, part))) for part in _EXPANDING_PARTS)
    count = _first(rule, "COUNT")
    has_filters = factor > 1 or bool(_values(rule, "BYSETPOS"))
    steps = periods * factor
    if count is not None and not has_filters:
        try:
            steps = min(steps, int(count))
        except (TypeError, ValueError):
            return "its repeat rule has a count that is not a number"
    if steps <= MAX_RULE_STEPS:
        return None
    unit = _EVERY[frequency][0]
    return (
        f"it repeats every {unit} (FREQ={frequency}) from {start:%Y-%m-%d}, too often to "
        f"expand (about {steps:,.0f} steps; the limit is {MAX_RULE_STEPS:,})"
    )


def describe_rule(rule: str, *, translated: bool = False) -> str:
    """An RRULE value in plain English: "every week on Monday, 10 times". ``translated``: in
    the interface language, for the confirmation card ("每周一，共 10 次")."""
    parts = _parts(rule)
    if translated:
        return _in_words(rule, parts)
    frequency = parts.get("FREQ", "").upper()
    if frequency not in _EVERY:
        return f"repeats ({rule})"
    interval = int(parts.get("INTERVAL", "1") or 1) if parts.get("INTERVAL", "1").isdigit() else 1
    one, many = _EVERY[frequency]
    words = f"every {one}" if interval == 1 else f"every {interval} {many}"
    if frequency == "DAILY" and parts.get("BYDAY") == "MO,TU,WE,TH,FR":
        words = "every weekday"
    elif "BYDAY" in parts:
        days = [_DAYS.get(d[-2:], d) for d in parts["BYDAY"].split(",")]
        words += " on " + _join(days)
    if "COUNT" in parts:
        words += f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        until = parts["UNTIL"]
        shown = f"{until[:4]}-{until[4:6]}-{until[6:8]}" if len(until) >= 8 else until
        words += f", until {shown}"
    return words


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for piece in rule.split(";"):
        key, _, value = piece.partition("=")
        if key:
            parts[key.strip().upper()] = value.strip()
    return parts


# The card's words for a rule, in the "Rules" translation context.
_EVERY_ONE = {
    "SECONDLY": QT_TRANSLATE_NOOP("Rules", "every second"),
    "MINUTELY": QT_TRANSLATE_NOOP("Rules", "every minute"),
    "HOURLY": QT_TRANSLATE_NOOP("Rules", "every hour"),
    "DAILY": QT_TRANSLATE_NOOP("Rules", "every day"),
    "WEEKLY": QT_TRANSLATE_NOOP("Rules", "every week"),
    "MONTHLY": QT_TRANSLATE_NOOP("Rules", "every month"),
    "YEARLY": QT_TRANSLATE_NOOP("Rules", "every year"),
}
_EVERY_MANY = {
    "SECONDLY": QT_TRANSLATE_NOOP("Rules", "every {count} seconds"),
    "MINUTELY": QT_TRANSLATE_NOOP("Rules", "every {count} minutes"),
    "HOURLY": QT_TRANSLATE_NOOP("Rules", "every {count} hours"),
    "DAILY": QT_TRANSLATE_NOOP("Rules", "every {count} days"),
    "WEEKLY": QT_TRANSLATE_NOOP("Rules", "every {count} weeks"),
    "MONTHLY": QT_TRANSLATE_NOOP("Rules", "every {count} months"),
    "YEARLY": QT_TRANSLATE_NOOP("Rules", "every {count} years"),
}
_DAY_NAMES = {
    "MO": QT_TRANSLATE_NOOP("Rules", "Monday"), "TU": QT_TRANSLATE_NOOP("Rules", "Tuesday"),
    "WE": QT_TRANSLATE_NOOP("Rules", "Wednesday"), "TH": QT_TRANSLATE_NOOP("Rules", "Thursday"),
    "FR": QT_TRANSLATE_NOOP("Rules", "Friday"), "SA": QT_TRANSLATE_NOOP("Rules", "Saturday"),
    "SU": QT_TRANSLATE_NOOP("Rules", "Sunday"),
}
# BYDAY=1MO (the first Monday of the month), -1FR (the last Friday).
_NTH = {
    1: QT_TRANSLATE_NOOP("Rules", "the first {day}"),
    2: QT_TRANSLATE_NOOP("Rules", "the second {day}"),
    3: QT_TRANSLATE_NOOP("Rules", "the third {day}"),
    4: QT_TRANSLATE_NOOP("Rules", "the fourth {day}"),
    5: QT_TRANSLATE_NOOP("Rules", "the fifth {day}"),
    -1: QT_TRANSLATE_NOOP("Rules", "the last {day}"),
    -2: QT_TRANSLATE_NOOP("Rules", "the second to last {day}"),
}
_ON_DAYS = {
    "WEEKLY": QT_TRANSLATE_NOOP("Rules", "every week on {days}"),
    "MONTHLY": QT_TRANSLATE_NOOP("Rules", "every month on {days}"),
}


def _in_words(rule: str, parts: dict[str, str]) -> str:
    """``describe_rule(rule, translated=True)``: the rule in the interface language."""
    frequency = parts.get("FREQ", "").upper()
    if frequency not in _EVERY:
        return translate("Rules", "repeats ({rule})").format(rule=rule)
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    days = [_day_in_words(code) for code in parts.get("BYDAY", "").split(",") if code]
    if frequency == "DAILY" and parts.get("BYDAY") == "MO,TU,WE,TH,FR":
        words = translate("Rules", "every weekday")
    elif days and interval <= 1 and frequency in _ON_DAYS:
        words = translate("Rules", _ON_DAYS[frequency]).format(days=_join_in_words(days))
    else:
        words = (translate("Rules", _EVERY_ONE[frequency]) if interval <= 1 else
                 translate("Rules", _EVERY_MANY[frequency]).format(count=interval))
        if days:
            words = translate("Rules", "{every} on {days}").format(
                every=words, days=_join_in_words(days))
    if "COUNT" in parts:
        words = translate("Rules", "{rule}, {count} times").format(
            rule=words, count=parts["COUNT"])
    if "UNTIL" in parts:
        words = translate("Rules", "{rule}, until {date}").format(
            rule=words, date=_until_in_words(parts["UNTIL"]))
    return words


def _day_in_words(code: str) -> str:
    name = _DAY_NAMES.get(code[-2:].upper())
    if name is None:
        return code
    day = translate("Rules", name)
    ordinal = code[:-2].lstrip("+")
    if not ordinal:
        return day
    try:
        nth = _NTH[int(ordinal)]
    except (ValueError, KeyError):
        return f"{day} ({code})"
    return translate("Rules", nth).format(day=day)


def _join_in_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return (translate("Rules", ", ", "between days").join(items[:-1])
            + translate("Rules", " and ", "before the last day") + items[-1])


def _until_in_words(until: str) -> str:
    from desktop_assistant.calendar.formatting import NUMERIC_DATE, day_text

    try:
        day = date(int(until[:4]), int(until[4:6]), int(until[6:8]))
    except ValueError:
        return until
    return day_text(day, NUMERIC_DATE)
