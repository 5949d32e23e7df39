"""How often a reminder repeats: words in English and Chinese to RRULE values, and back.

Reminders repeat daily, on weekdays, weekly on chosen days, monthly on a day, or yearly
(RFC 5545 RRULE semantics through ``dateutil.rrule``). ``find_repeat`` finds such a phrase in
a sentence ("every weekday", "monthly on the 1st", "每周五", "每个工作日", "每月15号");
``check_rule`` validates a rule and makes the day it repeats on explicit, so moving its start
to the next future occurrence never changes which day that is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desktop_assistant.calendar.zh_dates import chinese_number

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = "MO,TU,WE,TH,FR"
_ALLOWED = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"}

_EN_DAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
           r"|sat(?:urday)?|sun(?:day)?)")
_EN_DAYS = rf"{_EN_DAY}s?(?:\s*(?:,|&|/|\band\b)\s*{_EN_DAY}s?)*"
_EN_PLURAL_DAYS = rf"{_EN_DAY}s(?:\s*(?:,|&|/|\band\b)\s*{_EN_DAY}s)*"
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2}
_EN_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|other)"
_EN_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ZH_NUMBER = r"(?:\d{1,2}|[零〇一二两三四五六七八九十]+)"
_ZH_DAY = r"[一二三四五六日天1-7]"
_ZH_WEEK = r"(?:周|星期|礼拜)"
_ZH_UNITS = {"天": "DAILY", "日": "DAILY", "周": "WEEKLY", "星期": "WEEKLY", "礼拜": "WEEKLY",
             "月": "MONTHLY", "年": "YEARLY"}
_ZH_DAY_CODES = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA",
                 "日": "SU", "天": "SU", "1": "MO", "2": "TU", "3": "WE", "4": "TH", "5": "FR",
                 "6": "SA", "7": "SU"}


@dataclass(frozen=True)
class RepeatPhrase:
    """A repeat phrase found in a sentence: the rule it means and where it stood."""

    rule: str
    start: int
    end: int


def _en_days(text: str) -> str:
    found = re.findall(_EN_DAY, text, re.IGNORECASE)
    return ",".join(dict.fromkeys(CODES[_day_index(word)] for word in found))


def _day_index(word: str) -> int:
    return ("mo", "tu", "we", "th", "fr", "sa", "su").index(word[:2].lower())


def _zh_days(text: str) -> str:
    found = re.findall(_ZH_DAY, re.sub(_ZH_WEEK, "", text))
    return ",".join(dict.fromkeys(_ZH_DAY_CODES[d] for d in found))


def _en_interval(match: re.Match[str]) -> str:
    count = match["n"].lower()
    number = int(count) if count.isdigit() else _EN_NUMBERS[count]
    frequency = _EN_UNITS[match["unit"].lower()]
    return frequency if number == 1 else f"{frequency};INTERVAL={number}"


def _zh_interval(match: re.Match[str]) -> str:
    number = chinese_number(match["n"])
    if match["skip"] and number == 1:
        number = 2  # 每隔一天: every other day
    frequency = _ZH_UNITS[match["unit"]]
    return frequency if number == 1 else f"{frequency};INTERVAL={number}"


def _month_day(match: re.Match[str]) -> str:
    if match["last"]:
        return "MONTHLY;BYMONTHDAY=-1"
    day = chinese_number(match["d"])
    if not 1 <= day <= 31:
        raise ValueError(f"A month has no day {day}.")
    return f"MONTHLY;BYMONTHDAY={day}"


_I = re.IGNORECASE
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    # English
    (re.compile(r"\b(?:every|each)\s+(?:week\s*day|work(?:ing)?\s*day|business\s+day)\b"
                r"|\b(?:on\s+)?weekdays\b|\bmonday\s+(?:to|through|-)\s+friday\b", _I),
     lambda m: f"DAILY;BYDAY={WEEKDAYS}"),
    (re.compile(r"\b(?:every|each|on)\s+weekends?\b", _I), lambda m: "WEEKLY;BYDAY=SA,SU"),
    (re.compile(rf"\b(?:every|each)\s+(?:week\s+on\s+)?(?P<days>{_EN_DAYS})\b"
                rf"|\bweekly\s+on\s+(?P<days2>{_EN_DAYS})\b"
                rf"|\bon\s+(?P<days3>{_EN_PLURAL_DAYS})\b", _I),
     lambda m: f"WEEKLY;BYDAY={_en_days(m['days'] or m['days2'] or m['days3'])}"),
    (re.compile(r"\b(?:(?:monthly|every\s+month|each\s+month)\s+on\s+the\s+"
                r"(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?|(?P<last>last)\s+day)"
                r"|on\s+the\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?|(?P<last2>last)\s+day)\s+of\s+"
                r"(?:every|each|the)\s+month)\b", _I),
     lambda m: _month_day_en(m)),
    (re.compile(rf"\bevery\s+(?P<n>{_EN_NUMBER})\s+(?P<unit>day|week|month|year)s?\b", _I),
     _en_interval),
    (re.compile(r"\b(?:daily|every\s*day|each\s+day|nightly)\b", _I), lambda m: "DAILY"),
    (re.compile(r"\b(?:every|each)\s+(?=(?:morning|afternoon|evening|night)\b)", _I),
     lambda m: "DAILY"),
    (re.compile(r"\b(?:weekly|every\s+week|each\s+week)\b", _I), lambda m: "WEEKLY"),
    (re.compile(r"\b(?:monthly|every\s+month|each\s+month)\b", _I), lambda m: "MONTHLY"),
    (re.compile(r"\b(?:yearly|annually|every\s+year|each\s+year)\b", _I), lambda m: "YEARLY"),
    # Chinese
    (re.compile(rf"(?:每个?)?工作日|每?{_ZH_WEEK}一(?:到|至|-|~|～){_ZH_WEEK}?五"),
     lambda m: f"DAILY;BYDAY={WEEKDAYS}"),
    (re.compile(r"每个?周末"), lambda m: "WEEKLY;BYDAY=SA,SU"),
    (re.compile(rf"每个?{_ZH_WEEK}(?P<days>{_ZH_DAY}(?:\s*[、，,和及与]\s*{_ZH_WEEK}?{_ZH_DAY}"
                rf"|{_ZH_WEEK}{_ZH_DAY}|[一二三四五六日])*)"),
     lambda m: f"WEEKLY;BYDAY={_zh_days(m['days'])}"),
    (re.compile(rf"每个?月的?(?:(?P<d>{_ZH_NUMBER})\s*[号日]|(?P<last>最后一天|月底))"),
     _month_day),
    (re.compile(rf"每(?P<skip>隔)?(?P<n>{_ZH_NUMBER})个?(?P<unit>天|日|周|星期|礼拜|月|年)"),
     _zh_interval),
    (re.compile(r"每天|每日|天天|每(?=[早晚])"), lambda m: "DAILY"),
    (re.compile(rf"每个?{_ZH_WEEK}"), lambda m: "WEEKLY"),
    (re.compile(r"每个?月"), lambda m: "MONTHLY"),
    (re.compile(r"每年"), lambda m: "YEARLY"),
]


def _month_day_en(match: re.Match[str]) -> str:
    if match["last"] or match["last2"]:
        return "MONTHLY;BYMONTHDAY=-1"
    day = int(match["d"] or match["d2"])
    if not 1 <= day <= 31:
        raise ValueError(f"A month has no day {day}.")
    return f"MONTHLY;BYMONTHDAY={day}"


def find_repeat(text: str) -> RepeatPhrase | None:
    """The first (then longest) repeat phrase in ``text``, or None."""
    best: RepeatPhrase | None = None
    for pattern, build in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        found = RepeatPhrase(f"FREQ={build(match)}", match.start(), match.end())
        if best is None or (found.start, -found.end) < (best.start, -best.end):
            best = found
    return best


def is_rule(text: str) -> bool:
    """True for an RRULE value ("FREQ=WEEKLY;BYDAY=FR", optionally prefixed "RRULE:")."""
    return bool(re.match(r"\s*(?:RRULE:)?FREQ=", text, re.IGNORECASE))


def parts(rule: str) -> dict[str, str]:
    """An RRULE value's parts, keys upper-cased: {"FREQ": "WEEKLY", "BYDAY": "FR"}."""
    body = re.sub(r"^\s*RRULE:", "", rule.strip(), flags=re.IGNORECASE)
    found: dict[str, str] = {}
    for piece in body.split(";"):
        key, _, value = piece.partition("=")
        if key.strip():
            found[key.strip().upper()] = value.strip().upper()
    return found


def check_rule(rule: str, start: datetime) -> str:
    """``rule`` checked for reminders and normalized (the day it repeats on made explicit);
    ValueError saying what is wrong."""
    found = parts(rule)
    frequency = found.get("FREQ", "")
    if frequency not in FREQUENCIES:
        raise ValueError(f"Reminders repeat daily, weekly, monthly or yearly, not "
                         f"{frequency or rule.strip()!r}.")
    unknown = sorted(set(found) - _ALLOWED)
    if unknown:
        raise ValueError(f"The repeat rule {rule.strip()!r} uses {', '.join(unknown)}, which "
                         "reminders do not support.")
    interval = found.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 1000:
        # INTERVAL=0 would make every due-time check loop for ever.
        raise ValueError(f"A reminder repeats every 1 to 1000 days, weeks, months or years, "
                         f"not every {interval}.")
    if frequency == "WEEKLY" and "BYDAY" not in found:
        found["BYDAY"] = CODES[start.weekday()]
    if frequency in {"MONTHLY", "YEARLY"} and not {"BYMONTHDAY", "BYDAY"} & set(found):
        found["BYMONTHDAY"] = str(start.day)
    if frequency == "YEARLY" and "BYMONTH" not in found:
        found["BYMONTH"] = str(start.month)
    until = found.get("UNTIL", "")
    if until:
        naive = until.rstrip("Z")
        found["UNTIL"] = naive if start.tzinfo is None else f"{naive}Z"
    normal = ";".join(f"{key}={value}" for key, value in found.items())
    from dateutil.rrule import rrulestr

    try:
        expanded = rrulestr(normal, dtstart=start)
    except (ValueError, TypeError) as error:
        raise ValueError(f"I could not read the repeat rule {rule.strip()!r}: {error}.") from None
    if expanded.after(start, inc=True) is None:
        raise ValueError(f"The repeat rule {rule.strip()!r} never happens after "
                         f"{start:%Y-%m-%d %H:%M}.")
    return normal


def parse_repeat(text: str) -> str:
    """How often, in words ("weekdays", "every Monday and Thursday", "每周五", "monthly on the
    1st") or as an RRULE value; "" for no repeat. ValueError naming what was not understood."""
    cleaned = text.strip()
    if not cleaned or cleaned.lower() in {"none", "never", "once", "不重复", "一次"}:
        return ""
    if is_rule(cleaned):
        return "FREQ=" + re.split(r"FREQ=", cleaned, maxsplit=1, flags=re.IGNORECASE)[1]
    found = find_repeat(cleaned)
    rest = "" if found is None else (cleaned[:found.start] + cleaned[found.end:])
    if found is None or rest.strip(" ,，、"):
        raise ValueError(f"I could not understand how often {cleaned!r} means: say daily, "
                         "weekdays, weekly on Monday, monthly on the 1st, 每周五, or an RRULE "
                         "such as FREQ=WEEKLY;BYDAY=FR.")
    return found.rule


_EN_DAY_NAMES = dict(zip(CODES, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday"), strict=True))
_ZH_DAY_NAMES = dict(zip(CODES, "一二三四五六日", strict=True))
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def describe_repeat(rule: str, language: str = "en") -> str:
    """A rule in words: "every weekday", "every Friday", "monthly on the 1st", "每周五"."""
    if not rule:
        return ""
    found = parts(rule)
    zh = language == "zh"
    frequency = found.get("FREQ", "")
    interval = int(found["INTERVAL"]) if found.get("INTERVAL", "").isdigit() else 1
    days = [d[-2:] for d in found.get("BYDAY", "").split(",") if d]
    month_day = found.get("BYMONTHDAY", "")
    if frequency == "DAILY" and ",".join(days) == WEEKDAYS and interval == 1:
        words = "每个工作日" if zh else "every weekday"
    elif frequency == "DAILY":
        words = ("每天" if interval == 1 else f"每{interval}天") if zh else (
            "every day" if interval == 1 else f"every {interval} days")
    elif frequency == "WEEKLY":
        if zh:
            every = "每" if interval == 1 else f"每{interval}周的"
            words = every + "、".join(f"周{_ZH_DAY_NAMES.get(d, d)}" for d in days)
        else:
            every = "every " if interval == 1 else f"every {interval} weeks on "
            words = every + _join([_EN_DAY_NAMES.get(d, d) for d in days])
    elif frequency == "MONTHLY":
        if zh:
            every = "每月" if interval == 1 else f"每{interval}个月的"
            day = "最后一天" if month_day == "-1" else f"{month_day}日" if month_day else ""
            words = every + day
        else:
            every = "monthly" if interval == 1 else f"every {interval} months"
            day = " on the last day" if month_day == "-1" else (
                f" on the {_ordinal(int(month_day))}" if month_day.lstrip("-").isdigit() else "")
            words = every + day
    elif frequency == "YEARLY":
        month = int(found["BYMONTH"]) if found.get("BYMONTH", "").isdigit() else 0
        if zh:
            words = "每年" + (f"{month}月{month_day}日" if month and month_day else "")
        else:
            words = "every year" + (f" on {month_day} {_EN_MONTHS[month - 1]}"
                                    if month and month_day else "")
    else:
        words = rule
    if found.get("COUNT"):
        words += f"，共{found['COUNT']}次" if zh else f", {found['COUNT']} times"
    if found.get("UNTIL"):
        until = found["UNTIL"]
        shown = f"{until[:4]}-{until[4:6]}-{until[6:8]}"
        words += f"，至{shown}" if zh else f", until {shown}"
    return words


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
