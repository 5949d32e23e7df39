"""Chinese date and time phrases rewritten into forms ``dateparser`` reads.

``dateparser`` 1.5.0 reads 明天, 后天, 下周, 周二, 下午3:00 and 2026年3月10日, but returns None
for 下周二, 三点, 下午3点, 3月10日 and 两点半 (checked; see tests/unit/calendar/test_cal_when.py).
The parsers that do read them are whole Chinese NLP toolkits (jionlp: ~260 MB with numpy and a
C tokenizer, unzips dictionaries into its own install folder on first import and prints
banners), too heavy for a desktop app. So this module rewrites only the pieces dateparser's
Chinese data lacks, in the spirit of dateparser's own per-language "simplifications", and
leaves the date arithmetic to dateparser:

- Chinese numerals in dates and times: 三点 → 3点, 十月二十日 → 10月20日;
- 下周二 / 这周五 / 下下周一 (a weekday in a named week) → the ISO date, since "next Tuesday"
  is ambiguous even in English;
- 3月10日 / 3月10号 (no year) → the next such date as 2026-03-10;
- 下午3点半 / 晚上8点 / 中午12点 / 3点15分 → 3:30 pm, 8:00 pm, 12:00 pm, 3:15.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_NUMERAL = "[零〇一二两三四五六七八九十]+"
_NUMBER = rf"(?:\d+|{_NUMERAL})"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_WEEK_OFFSET = {"上": -1, "这": 0, "本": 0, "今": 0, "下": 1, "下下": 2}
_AFTERNOON = ("下午", "晚上", "傍晚", "晚")
_MORNING = ("上午", "早上", "早晨", "凌晨", "清晨", "早")

_WEEKDAY_IN_WEEK = re.compile(
    r"(下下|上|这|本|今|下)(?:个)?(?:周|星期|礼拜)([一二三四五六日天末1-7])"
)
_MONTH_DAY = re.compile(rf"(?<![年\d])({_NUMBER})\s*月\s*({_NUMBER})\s*[日号]")
_CLOCK = re.compile(
    rf"(上午|早上|早晨|凌晨|清晨|中午|下午|晚上|傍晚|早|晚)?\s*({_NUMBER})\s*[点點时]钟?"
    rf"(?:\s*(半|一刻|三刻|({_NUMBER})\s*分?))?"
)
_CLOCK_COLON = re.compile(r"(上午|早上|中午|下午|晚上|傍晚)\s*(\d{1,2})\s*[:：]\s*(\d{2})")


def chinese_number(text: str) -> int:
    """十 → 10, 二十五 → 25, 两 → 2, 〇三 → 3, 15 → 15 (numbers up to 99)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    value = 0
    for character in text:
        value = value * 10 + _DIGITS[character]
    return value


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def rewrite(text: str, today: date) -> str:
    """``text`` with the forms above replaced; anything else is left for dateparser."""
    text = text.replace("的", " ").replace("，", " ").strip()

    def weekday_in_week(match: re.Match[str]) -> str:
        monday = today - timedelta(days=today.weekday())
        week = monday + timedelta(weeks=_WEEK_OFFSET[match.group(1)])
        return f" {week + timedelta(days=_WEEKDAY[match.group(2)]):%Y-%m-%d} "

    def month_day(match: re.Match[str]) -> str:
        month, day = chinese_number(match.group(1)), chinese_number(match.group(2))
        try:
            when = date(today.year, month, day)
            if when < today:
                when = date(today.year + 1, month, day)
        except ValueError:
            return match.group(0)
        return f" {when:%Y-%m-%d} "

    def clock(match: re.Match[str]) -> str:
        part, hour_text, fraction, minute_text = match.groups()
        hour = chinese_number(hour_text)
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(fraction or "", 0)
        if minute_text:
            minute = chinese_number(minute_text)
        return _clock(part or "", hour, minute) or match.group(0)

    def colon_clock(match: re.Match[str]) -> str:
        return _clock(match.group(1), int(match.group(2)), int(match.group(3))) or match.group(0)

    text = _WEEKDAY_IN_WEEK.sub(weekday_in_week, text)
    text = _MONTH_DAY.sub(month_day, text)
    text = _CLOCK.sub(clock, text)
    text = _CLOCK_COLON.sub(colon_clock, text)
    return " ".join(text.split())


def _clock(part: str, hour: int, minute: int) -> str | None:
    if hour > 24 or minute > 59:
        return None
    if (part in _AFTERNOON and hour < 12) or (part == "中午" and hour < 6):
        hour += 12
    elif part in _MORNING and hour == 12:
        hour = 0
    return f" {hour % 24:02d}:{minute:02d} "
