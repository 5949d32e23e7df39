"""Dates, times, ranges and durations in English and Chinese."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop_assistant.calendar.when import parse_duration, parse_moment, parse_range, parse_when
from tests.unit.calendar.cal_support import NOW, SHANGHAI


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下周二下午三点", at(10, 15)),
        ("下周二 下午3点", at(10, 15)),
        ("下星期一早上9点", at(9, 9)),
        ("明天上午十点", at(5, 10)),
        ("后天下午3点一刻", at(6, 15, 15)),
        ("周五下午两点半", at(6, 14, 30)),
        ("3月10日下午3点", at(10, 15)),
        ("十月二十日下午4点", at(20, 16, month=10)),
        ("next Tuesday 3pm", at(10, 15)),
        ("tomorrow 10am", at(5, 10)),
        ("Friday 9:30", at(6, 9, 30)),
        ("2026-03-10 15:00", at(10, 15)),
        ("2026-03-10T15:00:00+01:00", at(10, 22)),
    ],
)
def test_moments(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW) == expected


def test_dateparser_alone_does_not_read_these_chinese_forms() -> None:
    """Why zh_dates exists: if a dateparser release learns them, the rewrite can shrink."""
    import dateparser

    settings = {"RELATIVE_BASE": NOW.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}
    for text in ("下周二下午三点", "下午3点", "3月10日", "下周二"):
        assert dateparser.parse(text, languages=["zh"], settings=settings) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("next week", at(9, 0), at(16, 0)),
        ("下周", at(9, 0), at(16, 0)),
        ("tomorrow", at(5, 0), at(6, 0)),
        ("明天", at(5, 0), at(6, 0)),
        ("3月10日到3月12日", at(10, 0), at(13, 0)),
        ("2026-03-10 to 2026-03-12", at(10, 0), at(13, 0)),
        ("this week", NOW, at(9, 0)),
    ],
)
def test_ranges(text: str, start: datetime, end: datetime) -> None:
    assert parse_range(text, NOW) == (start, end)


def test_a_day_is_not_a_time() -> None:
    assert parse_when("Friday", NOW).precision == "day"
    assert parse_when("tomorrow", NOW).precision == "day"
    with pytest.raises(ValueError, match="add a time"):
        parse_moment("next Tuesday", NOW)
    with pytest.raises(ValueError, match="could not read"):
        parse_when("the twelfth of never", NOW)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30m", 30), ("1h", 60), ("1.5 hours", 90), ("1h30m", 90), ("90", 90), ("45 min", 45),
     ("半小时", 30), ("一个半小时", 90), ("45分钟", 45), ("一小时", 60), ("两个小时", 120)],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_bad_durations() -> None:
    for text in ("soon", "30 fortnights", "3 days"):
        with pytest.raises(ValueError, match="could not read a length of time"):
            parse_duration(text)
    with pytest.raises(ValueError, match="at least a minute"):
        parse_duration("0m")
    assert parse_duration("0m", allow_zero=True) == timedelta(0)
