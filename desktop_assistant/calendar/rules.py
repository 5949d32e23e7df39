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


def describe_rule(rule: str) -> str:
    """An RRULE value in plain English: "every week on Monday, 10 times"."""
    parts: dict[str, str] = {}
    for piece in rule.split(";"):
        key, _, value = piece.partition("=")
        if key:
            parts[key.strip().upper()] = value.strip()
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
