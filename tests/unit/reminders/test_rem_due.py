"""What is due, in the cases people run into: missed while closed, daylight saving, travel,
the clock jumping, snoozes. The property tests in test_rem_due_oracle.py cover the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.reminders.due import check, due, occurrences_between
from desktop_assistant.reminders.model import Reminder
from tests.unit.reminders.rem_support import LONDON, NEW_YORK, SHANGHAI

DAILY_NINE = Reminder(1, "stand-up", datetime(2026, 3, 2, 9, 0), "FREQ=DAILY")


def deliver(reminder: Reminder, now: datetime, zone: ZoneInfo) -> tuple[Reminder, list[datetime]]:
    """Poll once and record what fired, as the scheduler does."""
    firing, _ = check(reminder, zone, now)
    if firing is None:
        return reminder, []
    assert firing.occurrence is not None
    return replace(reminder, last_fired=firing.occurrence), [firing.due_at]


def test_missed_while_closed_fires_once_for_the_latest_and_is_late() -> None:
    # Last delivered Monday; the app was closed until Thursday 10:30.
    reminder = replace(DAILY_NINE, last_fired=datetime(2026, 3, 2, 9, 0))
    now = datetime(2026, 3, 5, 10, 30, tzinfo=SHANGHAI)
    report = due([reminder], SHANGHAI, now)
    assert len(report.firings) == 1
    firing = report.firings[0]
    assert firing.occurrence == datetime(2026, 3, 5, 9, 0)
    assert firing.late
    assert report.next_at == datetime(2026, 3, 6, 1, 0, tzinfo=UTC)  # Friday 09:00 Shanghai
    after, _ = deliver(reminder, now, SHANGHAI)
    assert due([after], SHANGHAI, now + timedelta(minutes=1)).firings == []


def test_on_time_is_not_late_but_a_minute_and_more_is() -> None:
    at_nine = datetime(2026, 3, 5, 9, 0, 59, tzinfo=SHANGHAI)
    lates = []
    for now in (at_nine, at_nine + timedelta(seconds=2)):
        firing = check(DAILY_NINE, SHANGHAI, now)[0]
        assert firing is not None
        lates.append(firing.late)
    assert lates == [False, True]


def test_a_one_off_fires_once_and_is_final() -> None:
    once = Reminder(2, "submit the report", datetime(2026, 3, 4, 17, 0))
    assert check(once, SHANGHAI, datetime(2026, 3, 4, 16, 59, tzinfo=SHANGHAI)) == (
        None, datetime(2026, 3, 4, 9, 0, tzinfo=UTC))
    firing, following = check(once, SHANGHAI, datetime(2026, 3, 4, 17, 0, tzinfo=SHANGHAI))
    assert firing is not None
    assert firing.final
    assert following is None
    delivered = replace(once, last_fired=once.when)
    assert check(delivered, SHANGHAI, datetime(2026, 3, 9, tzinfo=SHANGHAI)) == (None, None)


def test_a_daily_reminder_keeps_its_wall_time_across_spring_forward_in_new_york() -> None:
    reminder = Reminder(3, "pills", datetime(2026, 3, 6, 9, 0), "FREQ=DAILY")
    fired: list[datetime] = []
    now = datetime(2026, 3, 6, 0, 0, tzinfo=UTC)
    while now < datetime(2026, 3, 11, tzinfo=UTC):
        reminder, got = deliver(reminder, now, NEW_YORK)
        fired += got
        now += timedelta(minutes=10)
    assert [f.astimezone(NEW_YORK).strftime("%d %H:%M %Z") for f in fired] == [
        "06 09:00 EST", "07 09:00 EST", "08 09:00 EDT", "09 09:00 EDT", "10 09:00 EDT"]
    assert [f.hour for f in fired] == [14, 14, 13, 13, 13]  # UTC


def test_a_time_the_clocks_skip_fires_when_they_jump_and_a_repeated_one_once() -> None:
    weekly = Reminder(4, "backup", datetime(2026, 3, 1, 2, 30), "FREQ=WEEKLY;BYDAY=SU")
    spring = occurrences_between(weekly, NEW_YORK, datetime(2026, 3, 7, tzinfo=UTC),
                                 datetime(2026, 3, 9, tzinfo=UTC))
    assert spring == [datetime(2026, 3, 8, 7, 0, tzinfo=UTC)]  # 03:00 EDT, the jump
    nightly = Reminder(5, "backup", datetime(2026, 10, 30, 1, 30), "FREQ=DAILY")
    fired: list[datetime] = []
    now = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)
    while now < datetime(2026, 11, 1, 9, 0, tzinfo=UTC):  # both passes of 01:00–02:00
        nightly = replace(nightly, last_fired=nightly.last_fired or datetime(2026, 10, 31, 1, 30))
        nightly, got = deliver(nightly, now, NEW_YORK)
        fired += got
        now += timedelta(minutes=5)
    assert fired == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]  # 01:30 EDT, the first pass


def test_london_changes_move_the_instant_not_the_wall_time() -> None:
    reminder = Reminder(6, "call home", datetime(2026, 3, 27, 1, 30), "FREQ=DAILY")
    march = occurrences_between(reminder, LONDON, datetime(2026, 3, 27, tzinfo=UTC),
                                datetime(2026, 3, 31, tzinfo=UTC))
    assert [m.strftime("%d %H:%M") for m in march] == [
        "27 01:30", "28 01:30", "29 01:00", "30 00:30"]  # GMT, the jump at 01:00, then BST
    october = occurrences_between(reminder, LONDON, datetime(2026, 10, 24, tzinfo=UTC),
                                  datetime(2026, 10, 27, tzinfo=UTC))
    assert [m.strftime("%d %H:%M") for m in october] == ["24 00:30", "25 00:30", "26 01:30"]


def test_on_the_second_pass_of_a_repeated_hour_the_first_pass_is_still_due() -> None:
    # Asleep through 01:45 EDT; woken at 01:10 EST (after the clocks went back).
    reminder = Reminder(7, "x", datetime(2026, 10, 30, 1, 45), "FREQ=DAILY",
                        last_fired=datetime(2026, 10, 31, 1, 45))
    firing, _ = check(reminder, NEW_YORK, datetime(2026, 11, 1, 6, 10, tzinfo=UTC))
    assert firing is not None
    assert firing.occurrence == datetime(2026, 11, 1, 1, 45)
    assert firing.due_at == datetime(2026, 11, 1, 5, 45, tzinfo=UTC)


def test_travel_a_wall_time_follows_the_person_an_instant_does_not() -> None:
    in_twenty = Reminder(8, "tea", datetime(2026, 3, 4, 7, 0, tzinfo=UTC))
    delivered = replace(DAILY_NINE, last_fired=datetime(2026, 3, 4, 9, 0))  # fired in Shanghai
    # Flown to London the same day: 09:00 on the 4th was delivered, not again at 09:00 London.
    london_nine = datetime(2026, 3, 4, 9, 0, tzinfo=LONDON)
    assert check(delivered, LONDON, london_nine)[0] is None
    firing = check(delivered, LONDON, london_nine + timedelta(days=1))[0]
    assert firing is not None
    assert firing.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert not firing.late
    # The instant fires at the same moment in any zone.
    for zone in (SHANGHAI, LONDON, NEW_YORK):
        assert check(in_twenty, zone, datetime(2026, 3, 4, 7, 0, tzinfo=UTC))[0] is not None
        assert check(in_twenty, zone, datetime(2026, 3, 4, 6, 59, tzinfo=UTC))[0] is None


def test_the_clock_jumping_back_does_not_fire_again_and_forward_fires_once_late() -> None:
    nine = datetime(2026, 3, 5, 9, 0, tzinfo=SHANGHAI)
    reminder, fired = deliver(DAILY_NINE, nine, SHANGHAI)
    assert fired == [nine.astimezone(UTC)]
    firing, following = check(reminder, SHANGHAI, nine - timedelta(hours=1))  # set back
    assert firing is None
    assert following == datetime(2026, 3, 6, 1, 0, tzinfo=UTC)  # tomorrow, not today again
    firing, _ = check(reminder, SHANGHAI, nine + timedelta(days=3, hours=2))  # set forward
    assert firing is not None
    assert firing.late
    assert firing.occurrence == datetime(2026, 3, 8, 9, 0)


def test_a_snooze_comes_back_once_and_a_newer_occurrence_supersedes_it() -> None:
    nine = datetime(2026, 3, 5, 9, 0, tzinfo=SHANGHAI)
    snoozed = replace(DAILY_NINE, last_fired=datetime(2026, 3, 5, 9, 0),
                      snoozed_until=(nine + timedelta(minutes=15)).astimezone(UTC))
    assert check(snoozed, SHANGHAI, nine + timedelta(minutes=14)) == (
        None, (nine + timedelta(minutes=15)).astimezone(UTC))
    firing, _ = check(snoozed, SHANGHAI, nine + timedelta(minutes=15))
    assert firing is not None
    assert firing.snoozed
    assert not firing.late
    assert firing.occurrence == datetime(2026, 3, 5, 9, 0)
    # Snoozed past the next occurrence: the next day's 09:00 fires, as an occurrence.
    later = replace(snoozed, snoozed_until=(nine + timedelta(days=1, hours=1)).astimezone(UTC))
    firing, _ = check(later, SHANGHAI, nine + timedelta(days=1))
    assert firing is not None
    assert not firing.snoozed
    assert firing.occurrence == datetime(2026, 3, 6, 9, 0)


def test_finished_reminders_are_never_due() -> None:
    for state in ("done", "cancelled"):
        finished = replace(DAILY_NINE, state=state)
        assert check(finished, SHANGHAI, datetime(2026, 3, 9, 9, 0, tzinfo=SHANGHAI)) == (
            None, None)


def test_a_counted_series_ends() -> None:
    twice = Reminder(9, "x", datetime(2026, 3, 4, 9, 0), "FREQ=DAILY;COUNT=2",
                     last_fired=datetime(2026, 3, 4, 9, 0))
    firing, following = check(twice, SHANGHAI, datetime(2026, 3, 5, 9, 0, tzinfo=SHANGHAI))
    assert firing is not None
    assert firing.final
    assert following is None
