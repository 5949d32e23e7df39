"""Reminders in people's words, English and Chinese, read into what, when and how often."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

import pytest

from desktop_assistant.reminders.parsing import parse_reminder, parse_schedule
from desktop_assistant.reminders.repeat import check_rule, describe_repeat, parse_repeat
from tests.unit.reminders.rem_support import SHANGHAI

# Wednesday 4 March 2026, 14:30:20 in Shanghai.
NOW = datetime(2026, 3, 4, 14, 30, 20, tzinfo=SHANGHAI)
WEEKDAYS = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


# (sentence, text, when: naive = wall-clock time in Shanghai, aware = an instant, rule)
CASES = [
    ("remind me at 5pm to submit the report", "submit the report",
     datetime(2026, 3, 4, 17, 0), ""),
    ("remind me in 20 minutes", "Reminder", utc(2026, 3, 4, 6, 50, 20), ""),
    ("every weekday at 9am stand-up", "stand-up", datetime(2026, 3, 5, 9, 0), WEEKDAYS),
    ("每周五下午四点提醒我写周报", "写周报", datetime(2026, 3, 4, 16, 0), "FREQ=WEEKLY;BYDAY=FR"),
    ("明天上午十点提醒我给王芳打电话", "给王芳打电话", datetime(2026, 3, 5, 10, 0), ""),
    ("每天早上8点喝水", "喝水", datetime(2026, 3, 5, 8, 0), "FREQ=DAILY"),
    ("monthly on the 1st pay the rent", "pay the rent", datetime(2026, 3, 5, 9, 0),
     "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("20分钟后提醒我喝水", "喝水", utc(2026, 3, 4, 6, 50, 20), ""),
    ("remind me to call Bob tomorrow at 10am", "call Bob", datetime(2026, 3, 5, 10, 0), ""),
    ("remind me to log in at 9am tomorrow", "log in", datetime(2026, 3, 5, 9, 0), ""),
    ("remind me on Friday at 3pm about the budget review", "the budget review",
     datetime(2026, 3, 6, 15, 0), ""),
    ("remind me next Monday to renew my passport", "renew my passport",
     datetime(2026, 3, 9, 9, 0), ""),
    ("remind me tonight to water the plants", "water the plants",
     datetime(2026, 3, 4, 20, 0), ""),
    ("remind me at noon to eat", "eat", datetime(2026, 3, 5, 12, 0), ""),
    ("remind me to fix the sat nav at 5pm", "fix the sat nav", datetime(2026, 3, 4, 17, 0), ""),
    ("remind me on sat at 10am to shop", "shop", datetime(2026, 3, 7, 10, 0), ""),
    ("tomorrow morning go running", "go running", datetime(2026, 3, 5, 9, 0), ""),
    ("remind me in 2 days to follow up", "follow up", utc(2026, 3, 6, 6, 30, 20), ""),
    ("urgent: remind me in an hour and a half to take my medicine", "take my medicine",
     utc(2026, 3, 4, 8, 0, 20), ""),
    ("remind me 2026-03-10T15:00+01:00 to call Paris", "call Paris", utc(2026, 3, 10, 14, 0),
     ""),
    ("every Monday and Thursday at 10:30 team sync", "team sync", datetime(2026, 3, 5, 10, 30),
     "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every other week on Friday at 16:00 payroll", "payroll", datetime(2026, 3, 6, 16, 0),
     "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    # An hour without am/pm and no day: the next one (17:00 today, it being 14:30).
    ("remind me at 5 to leave", "leave", datetime(2026, 3, 4, 17, 0), ""),
    ("五点提醒我开会", "开会", datetime(2026, 3, 4, 17, 0), ""),
    ("明天五点提醒我开会", "开会", datetime(2026, 3, 5, 17, 0), ""),
    ("every day at 7 wake up", "wake up", datetime(2026, 3, 5, 7, 0), "FREQ=DAILY"),
    ("一个半小时后提醒我吃药", "吃药", utc(2026, 3, 4, 8, 0, 20), ""),
    ("半小时后提醒我", "提醒", utc(2026, 3, 4, 7, 0, 20), ""),
    ("下周二下午3点半提醒我开会", "开会", datetime(2026, 3, 10, 15, 30), ""),
    ("3月10日上午9点提醒我体检", "体检", datetime(2026, 3, 10, 9, 0), ""),
    ("每两周周五下午三点 发工资", "发工资", datetime(2026, 3, 6, 15, 0),
     "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("每月15号上午10点交房租", "交房租", datetime(2026, 3, 5, 10, 0),
     "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("每周一到周五早上9点站会", "站会", datetime(2026, 3, 5, 9, 0), WEEKDAYS),
    ("工作日晚上6点下班打卡", "下班打卡", datetime(2026, 3, 4, 18, 0), WEEKDAYS),
    ("明早提醒我跑步", "跑步", datetime(2026, 3, 5, 8, 0), ""),
    ("今晚8点看球赛", "看球赛", datetime(2026, 3, 4, 20, 0), ""),
]


@pytest.mark.parametrize(("sentence", "text", "when", "rule"), CASES)
def test_sentences(sentence: str, text: str, when: datetime, rule: str) -> None:
    asked = parse_reminder(sentence, NOW)
    assert (asked.text, asked.when, asked.rule) == (text, when, rule)
    assert asked.urgent == sentence.startswith("urgent")


def test_a_time_that_passed_today_means_tomorrow() -> None:
    evening = datetime(2026, 3, 4, 18, 30, tzinfo=SHANGHAI)
    assert parse_reminder("remind me at 5pm to submit the report", evening).when == datetime(
        2026, 3, 5, 17, 0)


def test_only_a_day_uses_the_default_time() -> None:
    asked = parse_reminder("remind me tomorrow to renew the badge", NOW, time(8, 30))
    assert asked.when == datetime(2026, 3, 5, 8, 30)


@pytest.mark.parametrize(("sentence", "says"), [
    ("remind me to buy milk", "I could not find when to remind you in 'remind me to buy milk'"),
    ("every fortnight water the plants", "I could not understand how often in 'every "
                                         "fortnight water the plants'"),
    ("remind me yesterday at 5pm to send it", "Tue 03 Mar 2026 17:00"),
    ("every day in 20 minutes stretch", "A repeating reminder needs a time of day"),
    ("remind me at 13pm to stretch", "'at 13pm' is not a time of day"),
    ("monthly on the 32nd pay", "A month has no day 32"),
])
def test_what_is_not_understood_is_named(sentence: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_reminder(sentence, NOW)


@pytest.mark.parametrize(("at", "repeat", "when", "rule"), [
    ("5pm", "", datetime(2026, 3, 4, 17, 0), ""),
    ("in 10 minutes", "", utc(2026, 3, 4, 6, 40, 20), ""),
    ("16:00", "每周五", datetime(2026, 3, 4, 16, 0), "FREQ=WEEKLY;BYDAY=FR"),
    ("every friday 4pm", "", datetime(2026, 3, 4, 16, 0), "FREQ=WEEKLY;BYDAY=FR"),
    ("9am", "FREQ=WEEKLY;BYDAY=MO", datetime(2026, 3, 5, 9, 0), "FREQ=WEEKLY;BYDAY=MO"),
    ("tomorrow 9am", "weekdays", datetime(2026, 3, 5, 9, 0), WEEKDAYS),
    ("8am", "monthly on the 1st", datetime(2026, 3, 5, 8, 0), "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("2026-03-10 15:00", "", datetime(2026, 3, 10, 15, 0), ""),
    ("每天早上8点", "", datetime(2026, 3, 5, 8, 0), "FREQ=DAILY"),
])
def test_separate_time_and_repeat(at: str, repeat: str, when: datetime, rule: str) -> None:
    assert parse_schedule(at, repeat, NOW) == (when, rule)


def test_leftover_words_in_a_time_are_named() -> None:
    with pytest.raises(ValueError, match="I could not understand 'or so' in '5pm or so'"):
        parse_schedule("5pm or so", "", NOW)


@pytest.mark.parametrize(("words", "rule"), [
    ("daily", "FREQ=DAILY"),
    ("weekdays", WEEKDAYS),
    ("every weekday", WEEKDAYS),
    ("every Monday and Thursday", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("on Tuesdays", "FREQ=WEEKLY;BYDAY=TU"),
    ("weekly", "FREQ=WEEKLY"),
    ("monthly on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("on the last day of every month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
    ("yearly", "FREQ=YEARLY"),
    ("每天", "FREQ=DAILY"),
    ("每个工作日", WEEKDAYS),
    ("每周一、三、五", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    ("每周一和周四", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("每月1号", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("每隔一天", "FREQ=DAILY;INTERVAL=2"),
    ("RRULE:FREQ=WEEKLY;BYDAY=FR", "FREQ=WEEKLY;BYDAY=FR"),
    ("", ""),
])
def test_repeat_words(words: str, rule: str) -> None:
    assert parse_repeat(words) == rule


def test_unknown_repeats_and_rules_are_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="could not understand how often 'fortnightly'"):
        parse_repeat("fortnightly")
    start = datetime(2026, 3, 4, 9, 0)
    with pytest.raises(ValueError, match="repeat daily, weekly, monthly or yearly, not 'HOURLY'"):
        check_rule("FREQ=HOURLY", start)
    with pytest.raises(ValueError, match="uses BYSECOND"):
        check_rule("FREQ=DAILY;BYSECOND=5", start)
    with pytest.raises(ValueError, match="never happens after"):
        check_rule("FREQ=DAILY;UNTIL=20260101T000000Z", start)


def test_the_repeated_day_is_made_explicit_and_until_follows_the_kind_of_time() -> None:
    wednesday = datetime(2026, 3, 4, 9, 0)
    assert check_rule("FREQ=WEEKLY", wednesday) == "FREQ=WEEKLY;BYDAY=WE"
    assert check_rule("FREQ=MONTHLY", wednesday) == "FREQ=MONTHLY;BYMONTHDAY=4"
    assert check_rule("FREQ=YEARLY", wednesday) == "FREQ=YEARLY;BYMONTHDAY=4;BYMONTH=3"
    assert check_rule("FREQ=DAILY;UNTIL=20260401T000000Z", wednesday) == (
        "FREQ=DAILY;UNTIL=20260401T000000")


@pytest.mark.parametrize(("rule", "english", "chinese"), [
    (WEEKDAYS, "every weekday", "每个工作日"),
    ("FREQ=DAILY", "every day", "每天"),
    ("FREQ=WEEKLY;BYDAY=MO,TH", "every Monday and Thursday", "每周一、周四"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "every 2 weeks on Friday", "每2周的周五"),
    ("FREQ=MONTHLY;BYMONTHDAY=1", "monthly on the 1st", "每月1日"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day", "每月最后一天"),
    ("FREQ=DAILY;COUNT=3", "every day, 3 times", "每天，共3次"),
])
def test_rules_in_words(rule: str, english: str, chinese: str) -> None:
    assert describe_repeat(rule, "en") == english
    assert describe_repeat(rule, "zh") == chinese
