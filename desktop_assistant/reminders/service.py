"""The reminders service: what the tray, the tools, the slash commands and the CLI call.

The UI's loop is two calls, from a worker thread (calendar reads may go over the network)::

    for note in service.poll():          # reminders, meeting alerts, the briefing; each once
        show(note)                       # Notification: title, body, urgent, actions …
    timer.start(service.seconds_until_next() * 1000)   # capped at a minute

and ``service.respond(note.reminder_id, action_key)`` when the person clicks Snooze or Done.
``pending(now)`` says what ``poll(now)`` would deliver without delivering it. Every method
takes an optional ``now`` (aware); without it the service's clock is read. Settings are read
on every call, so a changed zone, lead time or quiet hours apply at the next poll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from desktop_assistant.reminders import notification as notes
from desktop_assistant.reminders.alerts import (
    DocumentSearch,
    MeetingAlert,
    declined,
    due_alerts,
    suggest_documents,
)
from desktop_assistant.reminders.briefing import (
    Briefing,
    briefing_due,
    briefing_late,
    next_briefing,
)
from desktop_assistant.reminders.due import next_occurrence, occurrences_between
from desktop_assistant.reminders.model import ACTIVE, CANCELLED, DONE, Firing, Reminder
from desktop_assistant.reminders.notification import Notification
from desktop_assistant.reminders.parsing import parse_reminder, parse_schedule
from desktop_assistant.reminders.preferences import ReminderPreferences
from desktop_assistant.reminders.repeat import check_rule, describe_repeat
from desktop_assistant.reminders.scheduler import ReminderScheduler
from desktop_assistant.reminders.store import ReminderStore
from desktop_assistant.reminders.wallclock import resolve, wall

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.calendar.model import Event
    from desktop_assistant.calendar.service import CalendarService
    from desktop_assistant.db import Database
    from desktop_assistant.history import HistoryStore

ALERT_LOOKAHEAD = timedelta(hours=2)  # meetings read ahead of the lead time, for next_due
MAX_WAIT = 60.0  # seconds: poll at least this often, so clock jumps and sleep are caught
# A repeating reminder starting long ago would make every due-time check walk each occurrence
# since then (from year 1: hundreds of thousands, held in the rule's cache).
MAX_REPEAT_PAST = timedelta(days=366)
TODAY_TITLE = {"en": "Today", "zh": "今天"}


@dataclass(frozen=True)
class _Due:
    """Something due: its notification, and the claim that delivers it at most once."""

    notification: Notification
    claim: Callable[[], Notification | None]


class ReminderService:
    """Reminders, meeting alerts and the daily briefing for one person."""

    def __init__(
        self,
        *,
        database: Database | Callable[[], Database],
        zone: Callable[[], ZoneInfo],
        preferences: Callable[[], ReminderPreferences],
        now: Callable[[], datetime] | None = None,
        calendar: Callable[[], CalendarService] | None = None,
        documents: DocumentSearch | None = None,
        history: Callable[[], HistoryStore] | None = None,
    ) -> None:
        self.store = ReminderStore(database)
        self.scheduler = ReminderScheduler(self.store, zone)
        self._zone = zone
        self._preferences = preferences
        self._now = now
        self._calendar = calendar
        self._documents = documents
        self._history = history
        self._next_alert: datetime | None = None  # from the last calendar read
        self._alerts_read = False
        self.calendar_problem = ""  # why the last calendar read failed ("" when it worked)

    # Settings and time ---------------------------------------------------------------------

    @property
    def preferences(self) -> ReminderPreferences:
        return self._preferences()

    def zone(self) -> ZoneInfo:
        return self._zone()

    def now(self) -> datetime:
        from desktop_assistant.clock import now_in

        return self._now().astimezone(self.zone()) if self._now else now_in(self.zone())

    def _at(self, now: datetime | None) -> datetime:
        if now is not None and now.tzinfo is None:
            raise ValueError("Give the time with its zone (an aware datetime).")
        return now if now is not None else self.now()

    # Reminders -----------------------------------------------------------------------------

    def add(self, text: str, when: datetime, rule: str = "", *, urgent: bool = False,
            conversation_id: int | None = None, now: datetime | None = None) -> Reminder:
        """A new reminder at ``when`` (naive: wall-clock time where the person is; aware: an
        instant), repeating by ``rule`` (an RRULE value) if given."""
        now = self._at(now)
        text = " ".join(text.split())
        if not text:
            raise ValueError("Say what to remind you of.")
        if len(text) > 1000:
            raise ValueError("Keep a reminder under 1000 characters.")
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        when = when.replace(microsecond=0)
        if rule:
            if resolve(when, self.zone()) < now - MAX_REPEAT_PAST:
                raise ValueError("A repeating reminder starts at most a year ago; give its "
                                 "first time from about now on.")
            rule = check_rule(rule, when)
        elif resolve(when, self.zone()) <= now:
            shown = resolve(when, self.zone()).astimezone(self.zone())
            raise ValueError(f"{shown:%a %d %b %Y %H:%M} has already passed.")
        return self.store.add(text, when, rule, urgent=urgent, conversation_id=conversation_id)

    def add_phrase(self, sentence: str, *, urgent: bool = False,
                   conversation_id: int | None = None, now: datetime | None = None) -> Reminder:
        """"remind me at 5pm to submit the report", "每周五下午四点提醒我写周报" …"""
        now = self._at(now)
        asked = parse_reminder(sentence, now, self.preferences.work_start)
        return self.add(asked.text, asked.when, asked.rule, urgent=urgent or asked.urgent,
                        conversation_id=conversation_id, now=now)

    def schedule(self, text: str, at: str, repeat: str = "", *, urgent: bool = False,
                 conversation_id: int | None = None, now: datetime | None = None) -> Reminder:
        """A reminder of ``text`` at ``at`` (words or ISO) repeating by ``repeat`` (words or an
        RRULE; "" for once)."""
        now = self._at(now)
        when, rule = parse_schedule(at, repeat, now, self.preferences.work_start)
        return self.add(text, when, rule, urgent=urgent, conversation_id=conversation_id,
                        now=now)

    def get(self, reminder_id: int) -> Reminder:
        return self.store.get(reminder_id)

    def reminders(self, include_finished: bool = False) -> list[Reminder]:
        """Active reminders (with done and cancelled ones if asked), soonest first."""
        states = (ACTIVE, DONE, CANCELLED) if include_finished else (ACTIVE,)
        now, zone = self.now(), self.zone()
        far = datetime.max.replace(tzinfo=UTC)

        def soonest(reminder: Reminder) -> tuple[datetime, int]:
            return next_occurrence(reminder, zone, now) or far, reminder.id

        return sorted(self.store.all(states), key=soonest)

    def remove(self, reminder_id: int) -> bool:
        """Delete a reminder outright (undoing its creation)."""
        return self.store.delete(reminder_id)

    def cancel(self, reminder_id: int) -> Reminder:
        """Stop a reminder (all its occurrences); returns it as it was, for ``restore``."""
        before, _ = self.scheduler.cancel(reminder_id)
        return before

    def restore(self, previous: Reminder) -> Reminder:
        """Put a reminder back as it was before a cancel, snooze or done (undo)."""
        return self.store.restore(previous)

    def snooze(self, reminder_id: int, minutes: int | None = None, *, tomorrow: bool = False,
               now: datetime | None = None) -> Reminder:
        """Remind again in ``minutes``, or tomorrow when the working day starts."""
        now = self._at(now)
        if tomorrow:
            day = wall(now, self.zone()).date() + timedelta(days=1)
            until = resolve(datetime.combine(day, self.preferences.work_start), self.zone())
        elif minutes is not None and 1 <= minutes <= 7 * 24 * 60:
            until = now + timedelta(minutes=minutes)
        else:
            raise ValueError("Snooze for 1 minute to 7 days, or until tomorrow.")
        return self.scheduler.snooze(reminder_id, until, now)[1]

    def done(self, reminder_id: int, now: datetime | None = None) -> Reminder:
        return self.scheduler.done(reminder_id, self._at(now))[1]

    def respond(self, reminder_id: int, action: str, now: datetime | None = None) -> str:
        """Act on a notification's button (``Action.key``); a sentence saying what happened."""
        now = self._at(now)
        zh = self.preferences.language == "zh"
        if action == notes.DONE:
            self.done(reminder_id, now)
            return "已完成。" if zh else "Marked done."
        if action.startswith("snooze:"):
            amount = action.partition(":")[2]
            after = self.snooze(reminder_id, None if amount == "tomorrow" else int(amount),
                                tomorrow=amount == "tomorrow", now=now)
            assert after.snoozed_until is not None
            shown = notes.when_text(after.snoozed_until, now, self.zone(),
                                    self.preferences.language)
            return f"将在 {shown} 再次提醒。" if zh else f"Snoozed until {shown}."
        raise ValueError(f"Unknown action {action!r}.")

    def next_time(self, reminder: Reminder, now: datetime | None = None) -> datetime | None:
        """When ``reminder`` is next due (UTC), or None when nothing is left."""
        return next_occurrence(reminder, self.zone(), self._at(now))

    def describe(self, reminder: Reminder, now: datetime | None = None) -> str:
        """"#3 Fri 13 Mar 16:00 — 写周报 (every Friday)", in the person's zone."""
        now, zone = self._at(now), self.zone()
        following = next_occurrence(reminder, zone, now)
        when = notes.when_text(following, now, zone, "en") if following else "no more times"
        if following and wall(following, zone).date() == wall(now, zone).date():
            when = f"today {when}"
        extras = [describe_repeat(reminder.rule)] if reminder.rule else []
        if reminder.snoozed_until and reminder.snoozed_until > now:
            until = notes.when_text(reminder.snoozed_until, now, zone, "en")
            extras.append(f"snoozed until {until}")
        if reminder.urgent:
            extras.append("urgent")
        if reminder.state != ACTIVE:
            extras.append(reminder.state)
        tail = f" ({'; '.join(extras)})" if extras else ""
        return f"#{reminder.id} {when} — {reminder.text}{tail}"

    # Notifications -------------------------------------------------------------------------

    def pending(self, now: datetime | None = None) -> list[Notification]:
        """What ``poll(now)`` would deliver; changes nothing."""
        return [item.notification for item in self._due(self._at(now))]

    def poll(self, now: datetime | None = None) -> list[Notification]:
        """Deliver what is due: each notification returned here is never returned again."""
        delivered = []
        for item in self._due(self._at(now)):
            note = item.claim()
            if note is not None:
                delivered.append(note)
        return delivered

    def next_due(self, now: datetime | None = None) -> datetime | None:
        """The instant to poll again (``now`` when something is due); None when nothing is
        scheduled (poll again within ``MAX_WAIT`` all the same: meetings may be added)."""
        now, zone, prefs = self._at(now), self.zone(), self.preferences
        candidates = [self.scheduler.next_due(now, prefs.quiet)]
        quiet = prefs.quiet is not None and prefs.quiet.contains(now, zone)
        if quiet:
            assert prefs.quiet is not None
            candidates.append(prefs.quiet.ends_after(now, zone))
        else:
            if self._calendar is not None:
                candidates.append(self._next_alert if self._alerts_read else now)
            day = briefing_due(now, zone, prefs.briefing_time, prefs.briefing_days,
                               prefs.work_end)
            if day is not None and not self.store.delivered(notes.BRIEFING, day.isoformat()):
                candidates.append(now)
        today = wall(now, zone).date().isoformat()
        candidates.append(next_briefing(now, zone, prefs.briefing_time, prefs.briefing_days,
                                        self.store.delivered(notes.BRIEFING, today)))
        return min((c for c in candidates if c is not None), default=None)

    def seconds_until_next(self, now: datetime | None = None, cap: float = MAX_WAIT) -> float:
        """How long the UI's timer should wait: until ``next_due``, at most ``cap`` seconds."""
        now = self._at(now)
        following = self.next_due(now)
        if following is None:
            return cap
        return max(0.0, min(cap, (following - now).total_seconds()))

    def _due(self, now: datetime) -> list[_Due]:
        zone, prefs = self.zone(), self.preferences
        found: list[_Due] = []
        for firing in self.scheduler.pending(now, prefs.quiet):
            reminder_note = notes.reminder_notification(firing, now, zone, prefs.language)

            def deliver_reminder(f: Firing = firing, n: Notification = reminder_note
                                 ) -> Notification | None:
                return n if self.store.deliver(f) else None

            found.append(_Due(reminder_note, deliver_reminder))
        if prefs.quiet is not None and prefs.quiet.contains(now, zone):
            return found  # alerts and the briefing wait for the quiet hours to end
        for alert in self.meeting_alerts(now):
            alert_note = notes.meeting_notification(alert, now, zone, prefs.language)

            def deliver_alert(key: str = alert.key, n: Notification = alert_note
                              ) -> Notification | None:
                return n if self.store.claim(notes.MEETING, key) else None

            found.append(_Due(alert_note, deliver_alert))
        day = briefing_due(now, zone, prefs.briefing_time, prefs.briefing_days, prefs.work_end)
        if day is not None and not self.store.delivered(notes.BRIEFING, day.isoformat()):
            assert prefs.briefing_time is not None
            briefing = self.briefing(day, now)
            late = briefing_late(day, now, zone, prefs.briefing_time)
            due_at = resolve(datetime.combine(day, prefs.briefing_time), zone)

            def deliver_briefing(b: Briefing = briefing, d: datetime = due_at,
                                 lt: bool = late) -> Notification | None:
                return self._deliver_briefing(b, d, lt)

            found.append(_Due(notes.briefing_notification(briefing, due_at, late),
                              deliver_briefing))
        return found

    # Meeting alerts ------------------------------------------------------------------------

    def meeting_alerts(self, now: datetime | None = None) -> list[MeetingAlert]:
        """Meeting alerts due at ``now`` and not delivered yet, with their join links and up
        to three documents each. A calendar that cannot be read gives none (and says why in
        ``calendar_problem``)."""
        now = self._at(now)
        if self._calendar is None:
            return []
        lead = timedelta(minutes=self.preferences.alert_minutes)
        end = now + lead + ALERT_LOOKAHEAD
        events = self._events(now, end)
        self._alerts_read = True
        if events is None:
            self._next_alert = now + timedelta(seconds=MAX_WAIT)
            return []
        alerts, following = due_alerts(events, now, lead, self.preferences.email)
        self._next_alert = following or end - lead
        fresh = [a for a in alerts if not self.store.delivered(notes.MEETING, a.key)]
        if self._documents is None:
            return fresh
        search = self._documents
        return [replace(a, documents=suggest_documents(a.event, search)) for a in fresh]

    def _events(self, start: datetime, end: datetime) -> list[Event] | None:
        from desktop_assistant.calendar.errors import CalendarError

        assert self._calendar is not None
        try:
            found = self._calendar().agenda(start, end)
        except (CalendarError, OSError, ValueError) as error:
            self.calendar_problem = str(error)
            return None
        self.calendar_problem = ""
        return list(found.events)

    # The daily briefing --------------------------------------------------------------------

    def briefing(self, day: date | None = None, now: datetime | None = None) -> Briefing:
        """The plan for ``day`` (today by default): meetings, reminders still due that day,
        free blocks in working hours from ``now`` on."""
        now, zone, prefs = self._at(now), self.zone(), self.preferences
        day = day or wall(now, zone).date()
        start = resolve(datetime.combine(day, time(0)), zone)
        end = resolve(datetime.combine(day + timedelta(days=1), time(0)), zone)
        events = (self._events(start, end) or []) if self._calendar is not None else []
        meetings = tuple(e for e in events
                         if e.status != "CANCELLED" and not declined(e, prefs.email))
        upcoming: list[tuple[datetime, Reminder]] = []
        for reminder in self.store.all():
            upcoming += [(at, reminder) for at in
                         occurrences_between(reminder, zone, max(start, now), end)]
        upcoming.sort(key=lambda pair: (pair[0], pair[1].id))
        free = self._free_blocks(meetings, max(start, now), end, now)
        return Briefing(day, meetings, tuple(upcoming), free, zone, prefs.language, prefs.name)

    def _free_blocks(self, events: tuple[Event, ...], start: datetime, end: datetime,
                     now: datetime) -> tuple[tuple[datetime, datetime], ...]:
        """Stretches of at least 30 minutes free within working hours, outside breaks."""
        if self._calendar is None or start >= end:
            return ()
        from desktop_assistant.calendar.model import busy_from_events
        from desktop_assistant.calendar.slots import Participant, SlotQuery, free_windows
        from desktop_assistant.calendar.spans import to_datetime

        prefs = self._calendar().preferences
        you = Participant("you", "you", self.zone(), prefs.hours, busy_from_events(list(events)),
                          prefs.breaks)
        query = SlotQuery(duration=timedelta(minutes=30), start=start, end=end, now=now,
                          step=timedelta(minutes=1), zone=self.zone())
        return tuple((to_datetime(a), to_datetime(b)) for a, b in free_windows([you], query))

    def _deliver_briefing(self, briefing: Briefing, due_at: datetime,
                          late: bool) -> Notification | None:
        if not self.store.claim(notes.BRIEFING, briefing.key):
            return None
        conversation = None
        if self._history is not None:
            history = self._history()
            conversation = self.store.latest_conversation(notes.BRIEFING)
            if conversation is None or not history.has_conversation(conversation):
                conversation = history.create_conversation(
                    TODAY_TITLE.get(briefing.language, "Today")).id
            history.add_message(conversation, "assistant", briefing.text())
            self.store.set_conversation(notes.BRIEFING, briefing.key, conversation)
        return notes.briefing_notification(briefing, due_at, late, conversation)

    def close(self) -> None:
        """Nothing to release (the database belongs to the app); here for symmetry."""


def open_reminders(services: Services) -> ReminderService:
    """The reminders service for the app's services: its tables in the app's database, the
    app's calendar for meeting alerts, its document search for what to read before them."""
    return ReminderService(
        database=lambda: services.database,
        zone=services.zone,
        preferences=lambda: ReminderPreferences.from_settings(services.settings),
        calendar=lambda: services.calendar,
        documents=lambda query, limit: services.documents.search(query, limit),
        history=lambda: services.history,
    )
