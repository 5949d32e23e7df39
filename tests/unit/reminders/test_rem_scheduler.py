"""The scheduler and service on a real database file: delivered once (even with two pollers on
one file), snooze, done, cancel and undo, quiet hours, when to look again."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.reminders.model import ACTIVE, CANCELLED, DONE
from desktop_assistant.reminders.quiet import QuietHours
from desktop_assistant.reminders.scheduler import ReminderScheduler
from desktop_assistant.reminders.service import ReminderService
from desktop_assistant.reminders.store import ReminderNotFound, ReminderStore
from tests.unit.reminders.rem_support import NOW, SHANGHAI, Clock


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


def test_a_reminder_is_delivered_once_and_a_one_off_is_then_done(
    service: ReminderService, clock: Clock
) -> None:
    made = service.add_phrase("remind me at 5pm to submit the report")
    assert service.poll(at(16, 59)) == []
    assert service.next_due(at(16, 59)) == at(17).astimezone(UTC)
    notes = service.poll(at(17))
    assert [(n.kind, n.title, n.reminder_id, n.late) for n in notes] == [
        ("reminder", "Reminder: submit the report", made.id, False)]
    assert [a.key for a in notes[0].actions] == [
        "snooze:5", "snooze:15", "snooze:60", "snooze:tomorrow", "done", "open"]
    assert service.poll(at(17, 1)) == []
    assert service.get(made.id).state == DONE
    assert service.next_due(at(17, 1)) is None


def test_two_schedulers_on_one_database_file_never_deliver_one_reminder_twice(
    tmp_path: Path, database: Database, service: ReminderService
) -> None:
    made = service.add_phrase("every day at 9am stand-up")
    # A second process: its own Database object, its own connections, the same file.
    other_database = Database(tmp_path / "assistant.db")
    try:
        mine = ReminderScheduler(ReminderStore(database), lambda: SHANGHAI)
        theirs = ReminderScheduler(ReminderStore(other_database), lambda: SHANGHAI)
        nine = at(9, day=5)
        seen_by_both = mine.pending(nine)
        assert len(seen_by_both) == len(theirs.pending(nine)) == 1
        assert len(theirs.poll(nine)) == 1
        assert mine.poll(nine) == []  # read before the other delivered: the write loses
        assert not mine.store.deliver(seen_by_both[0])
        # Racing threads, each with its own connection, over the next days.
        for day in (6, 7, 8):
            results: list[int] = []
            barrier = threading.Barrier(4)
            threads = [threading.Thread(target=race, args=(s, at(9, day=day), barrier, results))
                       for s in (mine, theirs, mine, theirs)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(results) == [0, 0, 0, 1], day
        assert service.get(made.id).last_fired == datetime(2026, 3, 8, 9, 0)
    finally:
        other_database.close_all()


def race(scheduler: ReminderScheduler, when: datetime, barrier: threading.Barrier,
         results: list[int]) -> None:
    """Poll the moment every racer is ready; count what this one delivered."""
    barrier.wait()
    results.append(len(scheduler.poll(when)))


def test_a_change_made_since_reading_stops_a_stale_delivery(service: ReminderService) -> None:
    made = service.add_phrase("remind me at 5pm to submit the report")
    stale = service.scheduler.pending(at(17))
    service.cancel(made.id)
    assert not service.store.deliver(stale[0])


def test_snooze_brings_it_back_once_then_tomorrow_at_the_start_of_work(
    service: ReminderService, clock: Clock
) -> None:
    clock.set(work_start=time(8, 30))
    made = service.add_phrase("remind me at 5pm to submit the report")
    service.poll(at(17))
    assert service.respond(made.id, "snooze:15", now=at(17, 1)) == "Snoozed until 17:16."
    assert service.get(made.id).state == ACTIVE
    assert service.poll(at(17, 15)) == []
    assert service.next_due(at(17, 15)) == at(17, 16).astimezone(UTC)
    back = service.poll(at(17, 16))
    assert [(n.title, n.body, n.late) for n in back] == [
        ("Reminder: submit the report", "Snoozed until 17:16", False)]
    assert service.poll(at(17, 17)) == []
    said = service.respond(made.id, "snooze:tomorrow", now=at(17, 20))
    assert said == "Snoozed until Thu 05 Mar 08:30."
    assert service.poll(at(8, 29, day=5)) == []
    assert len(service.poll(at(8, 30, day=5))) == 1
    assert service.respond(made.id, "done", now=at(8, 31, day=5)) == "Marked done."
    assert service.get(made.id).state == DONE


def test_done_on_a_repeating_reminder_waits_for_the_next_occurrence(
    service: ReminderService,
) -> None:
    made = service.add_phrase("every weekday at 9am stand-up")
    assert len(service.poll(at(9, day=5))) == 1
    service.snooze(made.id, 60, now=at(9, 1, day=5))
    after = service.done(made.id, now=at(9, 2, day=5))
    assert (after.state, after.snoozed_until) == (ACTIVE, None)
    assert service.poll(at(10, 1, day=5)) == []
    assert service.next_time(after, at(10, day=5)) == at(9, day=6).astimezone(UTC)
    assert service.describe(after, at(10, day=5)) == (
        f"#{made.id} Fri 06 Mar 09:00 — stand-up (every weekday)")


def test_cancel_and_its_undo(service: ReminderService) -> None:
    made = service.add_phrase("every day at 9am stand-up")
    before = service.cancel(made.id)
    assert service.get(made.id).state == CANCELLED
    assert service.poll(at(9, day=5)) == []
    with pytest.raises(ValueError, match="cancelled already"):
        service.cancel(made.id)
    service.restore(before)
    assert service.get(made.id).state == ACTIVE
    assert len(service.poll(at(9, day=5))) == 1
    with pytest.raises(ReminderNotFound, match="There is no reminder #99"):
        service.cancel(99)


def test_a_reminder_in_the_past_is_refused(service: ReminderService) -> None:
    with pytest.raises(ValueError, match="Wed 04 Mar 2026 14:00 has already passed"):
        service.add("too late", datetime(2026, 3, 4, 14, 0))
    with pytest.raises(ValueError, match="Say what to remind you of"):
        service.add("   ", datetime(2026, 3, 5, 14, 0))


def test_missed_while_closed_comes_once_marked_late(service: ReminderService) -> None:
    service.add_phrase("every day at 9am stand-up")
    service.add_phrase("remind me at 5pm to submit the report")
    assert service.poll(at(16)) == []
    # Closed from Wednesday afternoon until Monday 10:00.
    notes = service.poll(at(10, day=9))
    assert [(n.title, n.late) for n in notes] == [
        ("Reminder: submit the report", True), ("Reminder: stand-up", True)]
    assert notes[1].body.startswith("Was due 09:00 (missed while the app was closed")
    assert service.poll(at(10, 5, day=9)) == []


def test_quiet_hours_hold_all_but_urgent_reminders_until_they_end(
    service: ReminderService, clock: Clock
) -> None:
    clock.set(quiet=QuietHours(time(22), time(8)))
    service.add("stretch", datetime(2026, 3, 4, 23, 0))
    service.add("the server is down", datetime(2026, 3, 4, 23, 0), urgent=True)
    notes = service.poll(at(23))
    assert [(n.title, n.urgent) for n in notes] == [("Reminder: the server is down", True)]
    assert service.next_due(at(23)) == at(8, day=5).astimezone(UTC)  # when quiet hours end
    assert service.poll(at(7, 59, day=5)) == []
    held = service.poll(at(8, day=5))
    assert [(n.title, n.late) for n in held] == [("Reminder: stretch", True)]


def test_quiet_hours_across_midnight_and_within_a_day() -> None:
    night = QuietHours.parse("22:00-08:00")
    assert night is not None
    inside = [at(22), at(23, 59), at(0, day=5), at(7, 59, day=5)]
    outside = [at(21, 59), at(8, day=5), at(12, day=5)]
    assert [night.contains(m, SHANGHAI) for m in inside] == [True] * 4
    assert [night.contains(m, SHANGHAI) for m in outside] == [False] * 3
    assert night.ends_after(at(23), SHANGHAI) == at(8, day=5).astimezone(UTC)
    assert night.ends_after(at(1, day=5), SHANGHAI) == at(8, day=5).astimezone(UTC)
    lunch = QuietHours.parse("12:00-13:00")
    assert lunch is not None
    assert lunch.contains(at(12, 30), SHANGHAI)
    assert not lunch.contains(at(13), SHANGHAI)
    assert QuietHours.parse("") is None
    with pytest.raises(ValueError, match="quiet_hours must look like 09:00-18:00"):
        QuietHours.parse("late")


def test_the_timer_waits_at_most_a_minute(service: ReminderService) -> None:
    assert service.seconds_until_next(NOW) == 60.0
    service.add("soon", NOW + timedelta(seconds=30))
    assert service.seconds_until_next(NOW) == 30.0
    assert service.seconds_until_next(NOW + timedelta(minutes=5)) == 0.0


def test_the_zone_is_read_at_every_poll(service: ReminderService, clock: Clock) -> None:
    from tests.unit.reminders.rem_support import LONDON

    service.add_phrase("every day at 9am stand-up")
    assert len(service.poll(at(9, day=5))) == 1
    clock.zone = LONDON  # flown to London on Thursday
    assert service.poll(datetime(2026, 3, 5, 9, 0, tzinfo=LONDON)) == []  # 5 March fired
    friday = service.poll(datetime(2026, 3, 6, 9, 0, tzinfo=LONDON))
    assert [n.due_at for n in friday] == [datetime(2026, 3, 6, 9, 0, tzinfo=UTC)]


def test_notifications_and_answers_in_chinese(service: ReminderService, clock: Clock) -> None:
    clock.set(language="zh")
    made = service.add_phrase("每周五下午四点提醒我写周报")
    [note] = service.poll(at(16, day=6))
    assert (note.title, note.body) == ("提醒：写周报", "16:00 · 每周五")
    assert [a.label for a in note.actions] == [
        "5 分钟后", "15 分钟后", "1 小时后", "明天再说", "完成", "在对话中打开"]
    assert service.respond(made.id, "snooze:60", now=at(16, 1, day=6)) == "将在 17:01 再次提醒。"
    [late] = service.poll(at(18, day=6))
    assert (late.body, late.late) == ("稍后提醒（17:01） · 每周五", True)
    assert service.respond(made.id, "done", now=at(18, day=6)) == "已完成。"
    with pytest.raises(ValueError, match="Unknown action 'call'"):
        service.respond(made.id, "call")
