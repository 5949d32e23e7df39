"""Reminders in people's words, English and Chinese: what, when and how often.

    remind me at 5pm to submit the report       today (or tomorrow) 17:00, one-off
    remind me in 20 minutes / 20分钟后提醒我喝水    now + 20 minutes, an instant
    every weekday at 9am stand-up               FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR at 09:00
    每周五下午四点提醒我写周报                      FREQ=WEEKLY;BYDAY=FR at 16:00
    明天上午十点提醒我给王芳打电话                   tomorrow 10:00

The repeat ("every Friday", "每周五") is found by :mod:`repeat`; "in 20 minutes" and "20分钟后"
become an instant; clock times ("5pm", "下午四点", "17:30") are read here and the day they
are on ("tomorrow", "next Monday", "下周二", "3月10日") by the calendar's
:func:`~desktop_assistant.calendar.when.parse_when` (``dateparser``, with Chinese rewritten by
:mod:`~desktop_assistant.calendar.zh_dates`). A clock time is a wall-clock time in the person's
zone (naive); a relative one an instant (UTC). An hour said without am/pm ("at 5", "五点") is
the next such hour when no day is named, else the afternoon for 1–6 and the morning for 7–11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.zh_dates import chinese_number, has_chinese
from desktop_assistant.reminders.repeat import (
    check_rule,
    find_repeat,
    is_rule,
    parse_repeat,
)
from desktop_assistant.reminders.wallclock import resolve, wall

_I = re.IGNORECASE
_NUMERAL = r"[零〇一二两三四五六七八九十]+"
_ZH_NUMBER = rf"(?:\d{{1,2}}|{_NUMERAL})"
_EN_DAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
           r"|sat(?:urday)?|sun(?:day)?)")
_EN_FULL_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?(?!\S)")
_EN_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15,
                    "twenty": 20, "thirty": 30, "forty-five": 45, "forty five": 45,
                    "a couple of": 2, "half a": 0.5, "half an": 0.5}
_EN_WORD_AMOUNT = (r"(?:half\s+an?|a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight"
                   r"|nine|ten|fifteen|twenty|thirty|forty[- ]five)")
_EN_UNIT = r"(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)"
# A number may touch its unit ("20m"); a word may not ("an" + "d" is not a day).
_EN_PAIR = rf"(?:\d+(?:\.\d+)?\s*|\b{_EN_WORD_AMOUNT}\s+){_EN_UNIT}\b"
_EN_RELATIVE = re.compile(
    rf"\b(?:in|after)\s+(?P<a>{_EN_PAIR}(?:\s*(?:and\s+)?(?:a\s+half|{_EN_PAIR}))*)\b"
    rf"|\b(?P<b>{_EN_PAIR}(?:\s*(?:and\s+)?{_EN_PAIR})*)\s+(?:from\s+now|later)\b", _I)
_ZH_AMOUNT = rf"(?:\d+(?:\.\d+)?|{_NUMERAL}|半)"
_ZH_UNIT = r"(?:秒钟?|分钟|分|小时|钟头|天|周|星期|礼拜)"
_ZH_PAIR = rf"{_ZH_AMOUNT}\s*个?半?\s*{_ZH_UNIT}半?"
_ZH_RELATIVE = re.compile(
    rf"(?:再?过\s*)?(?P<a>{_ZH_PAIR}(?:\s*{_ZH_PAIR})*)\s*(?:之后|以后|后)"
    rf"|再?过\s*(?P<b>{_ZH_PAIR}(?:\s*{_ZH_PAIR})*)")

_EN_CLOCK = re.compile(
    r"(?:\b(?:at|by|@)\s*)?\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?:\b(?:at|by|@)\s*)?\b(?P<h2>\d{1,2}):(?P<m2>\d{2})\b"
    r"|(?:\b(?:at|by)\s+)?\b(?P<h3>\d{1,2})\s*o'?clock\b"
    r"|\b(?:at|by)\s+(?P<h4>\d{1,2})\b(?![:.]\d|\s*(?:%|st|nd|rd|th|min|hour|day|week|month))"
    r"|(?:\b(?:at|by)\s+)?\b(?P<word>noon|midday|midnight)\b", _I)
_EN_PART = re.compile(
    r"\b(?:this\s+|in\s+the\s+|at\s+)?(?P<part>morning|afternoon|evening|night|tonight)\b", _I)
_EN_DATE = re.compile(
    rf"\b(?:on\s+)?(?P<date>(?:the\s+)?day\s+after\s+tomorrow|today|tomorrow|tmrw?|tonight|yesterday"
    rf"|(?:(?:next|this|coming)\s+)?{_EN_FULL_DAY}(?![a-z])"
    rf"|(?:(?<=on\s)|(?:next|this|coming)\s+){_EN_DAY}(?![a-z])"  # "sat" alone is not a day
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|next\s+week)\b", _I)
_ZH_PART_NAMES = r"(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|早|晚)"
_ZH_CLOCK = re.compile(
    rf"(?P<part>{_ZH_PART_NAMES})?\s*(?P<h>{_ZH_NUMBER})\s*[点點时]钟?"
    rf"(?:\s*(?P<frac>半|一刻|三刻)|\s*(?P<m>{_ZH_NUMBER})\s*分?)?"
    rf"|(?P<part2>{_ZH_PART_NAMES})?\s*(?P<h2>\d{{1,2}})\s*[:：]\s*(?P<m2>\d{{2}})")
_ZH_PART = re.compile(r"(?P<part>凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上)")
_ZH_DATE = re.compile(
    rf"(?P<date>大后天|后天|明天|今天|明早|明晚|今早|今晚"
    rf"|(?:下下|上|这|本|今|下)?个?(?:周|星期|礼拜)[一二三四五六日天]"
    rf"|(?:{_ZH_NUMBER}{{2,4}}\s*年\s*)?{_ZH_NUMBER}\s*月\s*{_ZH_NUMBER}\s*[日号]"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})")

_URGENT = re.compile(r"^\s*(?:urgent(?:ly)?|!!+)\s*[:：,，!！-]?\s*|^\s*紧急\s*[:：,，!！-]?\s*"
                     r"|\s*[(（](?:urgent|紧急)[)）]", _I)
_EN_ASK = re.compile(r"\b(?:please\s+)?(?:set\s+(?:a\s+)?reminder(?:\s+for\s+me)?|remind\s+me"
                     r"|reminder)\b(?:\s*(?:to|that|about|of)\b)?", _I)
_ZH_ASK = re.compile(r"(?:请|记得|麻烦)?(?:提醒|叫)(?:我|一下)(?:一下)?(?:去|要|该)?")
_LEAD = re.compile(r"^(?:(?:to|that|then)\b|[,，。.:：;；、!！-])\s*", _I)
_TRAIL = re.compile(r"\s*[,，。.:：;；、!！-]$")

# Parts of the day said without a clock time, and what they shift a clock time by.
_PART_TIMES = {"morning": time(9), "noon": time(12), "afternoon": time(15),
               "evening": time(19), "night": time(20), "tonight": time(20),
               "清晨": time(7), "早上": time(8), "早晨": time(8), "上午": time(9),
               "中午": time(12), "下午": time(15), "傍晚": time(18), "晚上": time(20)}
_LATER_PARTS = {"afternoon", "evening", "night", "tonight", "下午", "傍晚", "晚上", "晚"}
_EARLY_PARTS = {"morning", "凌晨", "清晨", "早上", "早晨", "上午", "早"}
_ZH_DATE_PARTS = {"今早": ("今天", "早上"), "今晚": ("今天", "晚上"), "明早": ("明天", "早上"),
                  "明晚": ("明天", "晚上")}
_UNIT_SECONDS = {"s": 1, "秒": 1, "m": 60, "分": 60, "h": 3600, "小": 3600, "钟": 3600,
                 "d": 86400, "天": 86400, "w": 604800, "周": 604800, "星": 604800,
                 "礼": 604800}


@dataclass(frozen=True)
class ReminderRequest:
    """A reminder as someone asked for it, read: what, when (naive: wall-clock time in their
    zone; aware: an instant), how often (an RRULE value, "" for once) and whether urgent."""

    text: str
    when: datetime
    rule: str = ""
    urgent: bool = False


@dataclass
class _Pieces:
    """What was recognized in a phrase; ``rest`` is the phrase with those parts taken out."""

    rest: str
    rule: str = ""
    offset: timedelta | None = None
    instant: datetime | None = None  # an ISO time with an offset
    floating: datetime | None = None  # an ISO time without one
    dates: list[str] = field(default_factory=list)
    clock: tuple[int, int] | None = None
    bare_hour: bool = False  # said without am/pm or a part of the day: 5 or 17?
    part: str = ""
    said: list[str] = field(default_factory=list)  # the time phrases, for messages


def parse_reminder(sentence: str, now: datetime, default_time: time = time(9)) -> ReminderRequest:
    """What to remind of, when and how often, from one sentence; ValueError naming what could
    not be understood. ``default_time`` is used when only a day is named ("tomorrow")."""
    text, urgent = _urgency(sentence)
    pieces = _pieces(text)
    what = _task(pieces.rest)
    if re.match(r"(?:every|each)\b|每", what, _I):
        raise ValueError(f"I could not understand how often in {sentence.strip()!r}: say "
                         "daily, weekdays, every Friday, monthly on the 1st or 每周五.")
    when, rule = _schedule(pieces, now, default_time, sentence)
    if not what:  # "remind me in 20 minutes": a reminder with nothing more to say
        what = "提醒" if has_chinese(sentence) else "Reminder"
    return ReminderRequest(what, when, rule, urgent)


def parse_schedule(at: str, repeat: str, now: datetime,
                   default_time: time = time(9)) -> tuple[datetime, str]:
    """A time ("5pm", "in 20 minutes", "每周五下午四点", ISO 8601) and a repeat (words or an
    RRULE, may be empty) as (when, rule); ValueError naming what could not be understood."""
    rule = parse_repeat(repeat) if repeat.strip() else ""
    phrase = at if is_rule(repeat) or not repeat.strip() else f"{repeat} {at}"
    pieces = _pieces(phrase)
    if rule and pieces.rule and pieces.rule != rule:
        raise ValueError(f"Say how often once: {at.strip()!r} and {repeat.strip()!r} differ.")
    pieces.rule = rule or pieces.rule
    left = _task(pieces.rest)
    if left and not pieces.said and not pieces.rule:
        raise ValueError(f"I could not read a time in {at.strip()!r}: say a time such as "
                         "'5pm', 'in 20 minutes', '明天上午十点' or 2030-01-15 17:00.")
    if left:
        raise ValueError(f"I could not understand {left!r} in {at.strip()!r}.")
    return _schedule(pieces, now, default_time, at)


# Recognizing the pieces ----------------------------------------------------------------------


def _urgency(sentence: str) -> tuple[str, bool]:
    text, count = _URGENT.subn(" ", sentence)
    return text, count > 0


def _cut(pieces: _Pieces, match: re.Match[str]) -> None:
    pieces.said.append(match.group(0).strip())
    pieces.rest = pieces.rest[: match.start()] + " " + pieces.rest[match.end():]


def _pieces(text: str) -> _Pieces:
    pieces = _Pieces(" ".join(text.split()))
    repeat = find_repeat(pieces.rest)
    if repeat is not None:
        pieces.rule = repeat.rule
        pieces.rest = pieces.rest[: repeat.start] + " " + pieces.rest[repeat.end:]
    iso = _ISO.search(pieces.rest)
    if iso is not None:
        value = datetime.fromisoformat(iso.group(0).replace(" ", "T"))
        if value.tzinfo is None:
            pieces.floating = value.replace(microsecond=0)
        else:
            pieces.instant = value.astimezone(UTC)
        _cut(pieces, iso)
        return pieces
    relative = _EN_RELATIVE.search(pieces.rest) or _ZH_RELATIVE.search(pieces.rest)
    if relative is not None:
        pieces.offset = _offset(relative.group("a") or relative.group("b"))
        _cut(pieces, relative)
        return pieces
    for pattern in (_EN_DATE, _ZH_DATE):
        while (match := pattern.search(pieces.rest)) is not None:
            day = match.group("date")
            lowered = day.lower()
            if lowered == "tonight":
                day, pieces.part = "today", pieces.part or "tonight"
            elif lowered in {"tmr", "tmrw"}:
                day = "tomorrow"
            elif day in _ZH_DATE_PARTS:
                day, part = _ZH_DATE_PARTS[day]
                pieces.part = pieces.part or part
            pieces.dates.append(re.sub(r"^coming\s+", "", day, flags=_I))
            _cut(pieces, match)
    _clock(pieces)
    return pieces


def _offset(amounts: str) -> timedelta:
    """"20 minutes", "an hour and a half", "1h 30m", "一个半小时", "半小时", "2小时30分钟"."""
    seconds = 0.0
    pairs = re.findall(rf"(\d+(?:\.\d+)?(?=\s*[a-z])|\b{_EN_WORD_AMOUNT}(?=\s))\s*({_EN_UNIT})\b"
                       r"|\b(a\s+half)\b", amounts, _I)
    last_unit = 0.0
    for amount, unit, half in pairs:
        if half:
            seconds += last_unit / 2
            continue
        key = unit.lower()
        last_unit = _UNIT_SECONDS["s" if key.startswith("s") else key[0]]
        seconds += _en_amount(amount) * last_unit
    for amount, _one, half, unit, half_after in re.findall(
            rf"({_ZH_AMOUNT})\s*(个)?(半)?\s*({_ZH_UNIT})(半)?", amounts):
        size = _UNIT_SECONDS[unit[0]]
        count = 0.5 if amount == "半" else (
            float(amount) if amount[0].isdigit() else chinese_number(amount))
        seconds += (count + (0.5 if half or half_after else 0)) * size
    if seconds <= 0:
        raise ValueError(f"I could not read a length of time in {amounts!r}.")
    return timedelta(seconds=round(seconds))


def _en_amount(amount: str) -> float:
    text = " ".join(amount.lower().split())
    return float(text) if text[0].isdigit() else float(_EN_WORD_NUMBERS[text])


def _clock(pieces: _Pieces) -> None:
    """Take the clock time and the part of the day out of ``pieces.rest``."""
    english = _EN_CLOCK.search(pieces.rest)
    chinese = _ZH_CLOCK.search(pieces.rest)
    if english is not None and (chinese is None or english.start() <= chinese.start()):
        _cut(pieces, english)
        hour_text = next(h for h in (english["h"], english["h2"], english["h3"], english["h4"],
                                     "") if h is not None)
        if english["word"]:
            word = english["word"].lower()
            pieces.clock = (0, 0) if word == "midnight" else (12, 0)
        else:
            hour = int(hour_text)
            minute = int(english["m"] or english["m2"] or 0)
            if english["ampm"]:
                pm = english["ampm"].lower() == "p"
                if hour > 12 or hour == 0:
                    raise ValueError(f"{english.group(0).strip()!r} is not a time of day.")
                hour = hour % 12 + (12 if pm else 0)
            else:
                pieces.bare_hour = 1 <= hour <= 11 and not hour_text.startswith("0")
            pieces.clock = (hour, minute)
    elif chinese is not None:
        _cut(pieces, chinese)
        part = chinese["part"] or chinese["part2"] or ""
        hour = chinese_number(chinese["h"] or chinese["h2"])
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(chinese["frac"] or "", 0)
        if chinese["m"] or chinese["m2"]:
            minute = chinese_number(chinese["m"] or chinese["m2"])
        pieces.part = part or pieces.part
        pieces.bare_hour = not pieces.part and 1 <= hour <= 11
        pieces.clock = (hour, minute)
    english_part = _EN_PART.search(pieces.rest)
    chinese_part = _ZH_PART.search(pieces.rest) if not pieces.part else None
    for found in (english_part, chinese_part):
        if found is not None:
            pieces.part = pieces.part or found["part"].lower()
            _cut(pieces, found)
    if pieces.clock is not None and pieces.part:
        pieces.bare_hour = False
        pieces.clock = _shift(pieces.clock, pieces.part)
    if pieces.clock is not None:
        hour, minute = pieces.clock
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            raise ValueError(f"{pieces.said[-1]!r} is not a time of day.")
        pieces.clock = (hour % 24, minute)


def _shift(clock: tuple[int, int], part: str) -> tuple[int, int]:
    hour, minute = clock
    if (part in _LATER_PARTS and hour < 12) or (part == "中午" and hour < 6):
        hour += 12
    elif part in _EARLY_PARTS and hour == 12:
        hour = 0
    return hour, minute


# Putting them together -----------------------------------------------------------------------


def _schedule(pieces: _Pieces, now: datetime, default_time: time,
              said: str) -> tuple[datetime, str]:
    zone = now.tzinfo
    if not isinstance(zone, ZoneInfo):
        raise ValueError("The current time must carry a ZoneInfo time zone.")
    rule = pieces.rule
    if pieces.instant is not None and rule:  # a repeat is by the wall clock where they are
        pieces.floating, pieces.instant = wall(pieces.instant, zone), None
    if pieces.offset is not None or pieces.instant is not None:
        if rule:
            raise ValueError("A repeating reminder needs a time of day (every day at 9am), "
                             f"not {pieces.said[-1]!r}.")
        when = pieces.instant or (now + (pieces.offset or timedelta(0))).astimezone(UTC)
        return _future(when.replace(microsecond=0), now, zone, said), ""
    if pieces.floating is not None:
        when = pieces.floating
    else:
        day = _day(pieces, now, zone)
        if day is None and pieces.clock is None and not pieces.part and not rule:
            raise ValueError(f"I could not find when to remind you in {said.strip()!r}: say a "
                             "time such as 'at 5pm', 'in 20 minutes' or '明天上午十点'.")
        clock = _clock_time(pieces, default_time)
        if day is None:
            day = wall(now, zone).date()
            if pieces.bare_hour and not rule:
                clock = _next_of_two(day, clock, now, zone)
            if not rule and resolve(datetime.combine(day, clock), zone) <= now:
                day += timedelta(days=1)
        when = datetime.combine(day, clock)
    if not rule:
        return _future(when, now, zone, said), ""
    rule = check_rule(rule, when)
    for _ in range(8):  # the first occurrence after now: today's time may have passed
        if resolve(when, zone) > now:
            break
        when += timedelta(days=1)
    return when, rule


def _day(pieces: _Pieces, now: datetime, zone: ZoneInfo) -> date | None:
    if not pieces.dates:
        return None
    from desktop_assistant.calendar.when import parse_when

    found = parse_when(" ".join(pieces.dates), now.astimezone(zone))
    start = found.start if found.precision in {"time", "day"} else found.span()[0]
    return start.date()


def _clock_time(pieces: _Pieces, default_time: time) -> time:
    if pieces.clock is not None:
        hour, minute = pieces.clock
        if pieces.bare_hour and hour <= 6:
            hour += 12  # with a day named: "tomorrow at 5" is 17:00
        return time(hour, minute)
    if pieces.part:
        return _PART_TIMES.get(pieces.part, default_time)
    return default_time


def _next_of_two(day: date, clock: time, now: datetime, zone: ZoneInfo) -> time:
    """For an hour said without am/pm and no day: whichever of h and h+12 comes next."""
    hour = clock.hour - 12 if clock.hour > 12 else clock.hour
    for candidate in (time(hour, clock.minute), time(hour + 12, clock.minute)):
        if resolve(datetime.combine(day, candidate), zone) > now:
            return candidate
    return time(hour, clock.minute)


def _future(when: datetime, now: datetime, zone: ZoneInfo, said: str) -> datetime:
    if resolve(when, zone) <= now:
        shown = resolve(when, zone).astimezone(zone)
        raise ValueError(f"{shown:%a %d %b %Y %H:%M} ({said.strip()}) has already passed.")
    return when


def _task(rest: str) -> str:
    """What is left once the time and the repeat are taken out, without "remind me to"."""
    text = _ZH_ASK.sub(" ", _EN_ASK.sub(" ", rest), count=1)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _TRAIL.sub("", _LEAD.sub("", text)).strip()
    return text
