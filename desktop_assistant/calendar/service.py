"""The calendar service: what the tools, slash commands, CLI and GUI workers call.

Every method is synchronous and safe to call from a worker thread (the database hands each
thread its own connection; every remote call has a timeout). Changing a calendar is two steps:
``plan_*`` reads and returns an :class:`EventPlan` whose ``card`` says exactly what will happen;
``apply`` runs that plan after the person agreed. A server that is down, slow or erroring raises
:class:`CalendarError` with a readable message and leaves local state as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.availability import SlotOptions, own_busy, participants
from desktop_assistant.calendar.backend import CalendarBackend
from desktop_assistant.calendar.contacts import ContactBook
from desktop_assistant.calendar.errors import CalendarError, NotConfigured, NotFound
from desktop_assistant.calendar.ics import Expansion
from desktop_assistant.calendar.importer import ImportReport, import_file
from desktop_assistant.calendar.ledger import CreationLedger, request_key
from desktop_assistant.calendar.local import LocalCalendar
from desktop_assistant.calendar.model import Attendee, Event
from desktop_assistant.calendar.planning import (
    EventDraft,
    EventPlan,
    card,
    check_repeat,
    delivery,
)
from desktop_assistant.calendar.preferences import CalendarPreferences
from desktop_assistant.calendar.slots import SlotQuery, free_slots
from desktop_assistant.calendar.subscriptions import SubscriptionStore

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.db import Database
    from desktop_assistant.secrets import SecretStore


@dataclass(frozen=True)
class Outcome:
    """What applying a plan did, in a sentence, with the invitation file if one was written."""

    event: Event
    message: str
    changed: bool = True  # False: it had been done before (a retried request)
    invitation: Path | None = None


class CalendarService:
    """Calendars, contacts, subscriptions, slot search and invitations for one person."""

    def __init__(
        self,
        *,
        database: Database,
        folder: Path,
        preferences: Callable[[], CalendarPreferences],
        zone: Callable[[], ZoneInfo],
        secrets: Callable[[], SecretStore] | None = None,
        now: Callable[[], datetime] | None = None,
        backend: CalendarBackend | None = None,
    ) -> None:
        self._database = database
        self.folder = folder
        self._preferences = preferences
        self._zone = zone
        self._secrets = secrets
        self._now = now
        self.contacts = ContactBook(database)
        self.ledger = CreationLedger(database)
        self.local = LocalCalendar(folder / "local", zone)
        self._backend = backend
        self._backend_for: tuple[str, ...] | None = None if backend is None else ("given",)
        self._lock = threading.RLock()

    # Settings and time ---------------------------------------------------------------------

    @property
    def preferences(self) -> CalendarPreferences:
        return self._preferences()

    def zone(self) -> ZoneInfo:
        return self._zone()

    def now(self) -> datetime:
        from desktop_assistant.clock import now_in

        return self._now().astimezone(self.zone()) if self._now else now_in(self.zone())

    @property
    def subscriptions(self) -> SubscriptionStore:
        return SubscriptionStore(self._database, self.folder / "subscriptions",
                                 self.preferences.timeout)

    @property
    def backend(self) -> CalendarBackend:
        """Where new events go (``calendar_backend``), built on first use and on change."""
        with self._lock:
            prefs = self.preferences
            wanted = (prefs.backend, prefs.caldav_url, prefs.caldav_username)
            if self._backend is not None and self._backend_for in {("given",), wanted}:
                return self._backend
            self.close()
            self._backend = self._build_backend(prefs)
            self._backend_for = wanted
            return self._backend

    def _build_backend(self, prefs: CalendarPreferences) -> CalendarBackend:
        if prefs.backend == "google":
            from desktop_assistant.calendar.google_auth import google_calendar

            return google_calendar(self._need_secrets(), self._zone, prefs.timeout)
        if prefs.backend == "caldav":
            from desktop_assistant.calendar.caldav_calendar import PASSWORD_SECRET, CalDAVCalendar

            if not prefs.caldav_url:
                raise NotConfigured("CalDAV needs the calendar's address: desktop-assistant "
                                    "config set calendar_caldav_url https://…")
            password = self._need_secrets().get(PASSWORD_SECRET)
            return CalDAVCalendar(prefs.caldav_url, prefs.caldav_username, password, self._zone,
                                  prefs.timeout)
        return self.local

    def _need_secrets(self) -> SecretStore:
        """The keyring, touched only when Google or CalDAV needs a token or password."""
        if self._secrets is None:
            from desktop_assistant.secrets import SecretStore

            store = SecretStore()
            self._secrets = lambda: store
        return self._secrets()

    # Reading -------------------------------------------------------------------------------

    def agenda(self, start: datetime, end: datetime) -> Expansion:
        """Your events in [start, end) from every calendar of yours, in time order."""
        found = self.backend.events(start, end)
        result = Expansion(list(found.events), list(found.problems), list(found.notes))
        if self.backend is not self.local:
            extra = self.local.events(start, end)
            result.events += extra.events
            result.problems += extra.problems
        mine = self.subscriptions.events(start, end, self.zone(), owner="")
        result.events += mine.events
        result.problems += mine.problems
        result.events.sort(key=lambda e: (e.start, e.end, e.title))
        return result

    def find_slots(
        self, attendees: Sequence[str], duration: timedelta, start: datetime, end: datetime,
        *, limit: int = 5,
    ) -> SlotOptions:
        """Ranked options when you and ``attendees`` are free, or why there are none."""
        prefs, zone, now = self.preferences, self.zone(), self.now()
        if end <= start:
            raise ValueError("The search range ends before it starts.")
        if end - start > timedelta(days=92):
            raise ValueError("Search at most three months ahead at a time.")
        mine, notes = own_busy(self.backend, self.local, self.subscriptions, start, end, zone)
        people, contacts, assumed = participants(
            attendees, contacts=self.contacts, preferences=prefs, zone=zone,
            backend=self.backend, subscriptions=self.subscriptions, mine=mine,
            start=start, end=end,
        )
        query = SlotQuery(duration=duration, start=start, end=end, now=now, notice=prefs.notice,
                          buffer=prefs.buffer, limit=limit, zone=zone)
        return SlotOptions(free_slots(people, query), contacts, zone, [*assumed, *notes])

    def event(self, uid: str) -> Event:
        found = self.backend.find(uid) or (
            self.local.find(uid) if self.backend is not self.local else None)
        if found is None:
            raise NotFound(f"There is no event {uid!r} on {self.backend.label}.")
        return found

    # Planning ------------------------------------------------------------------------------

    def plan_event(self, draft: EventDraft) -> EventPlan:
        """The event ``draft`` describes, checked and resolved, with its confirmation card."""
        title = " ".join(draft.title.split())
        if not title:
            raise ValueError("The event needs a title.")
        if draft.duration <= timedelta(0) or draft.duration > timedelta(days=14):
            raise ValueError("The event must last between a minute and two weeks.")
        zone, prefs, backend = self.zone(), self.preferences, self.backend
        start = draft.start.astimezone(zone)
        if start + draft.duration < self.now():
            raise ValueError(f"{start:%a %d %b %Y %H:%M} has already passed.")
        repeat = check_repeat(draft.repeat, start)
        people = tuple(dict.fromkeys(self.contacts.resolve(a) for a in draft.attendees))
        if people and not backend.sends_invitations and not prefs.email:
            raise NotConfigured("Invitations need your email address as the organizer: "
                                "desktop-assistant config set calendar_email you@corp.example")
        event = Event(
            uid="(new)", title=title, start=start, end=start + draft.duration,
            all_day=draft.all_day, zone=zone.key, location=draft.location.strip(),
            description=draft.description.strip(), video_link=draft.video_link.strip(),
            organizer=prefs.email if people else "",
            attendees=tuple(Attendee(p.email, p.name) for p in people),
            recurrence=(repeat,) if repeat else (), calendar=backend.name,
        )
        key = request_key(backend.name, title, event.start, event.end,
                          [p.email for p in people], event.recurrence)
        sends = delivery(backend.name, backend.sends_invitations, people)
        text = card("Create", event, people, zone, backend.label, sends)
        return EventPlan("create", event, people, backend.name, text, key)

    def plan_update(self, uid: str, **changes: Any) -> EventPlan:
        """A change to an existing event: ``title``, ``start``, ``duration``, ``location``,
        ``video_link``, ``description``, ``attendees`` (the new list)."""
        before = self.event(uid)
        zone, backend = self.zone(), self.backend
        start = changes.get("start") or before.start
        duration = changes.get("duration") or before.duration
        people = tuple(self.contacts.resolve(a.email) for a in before.attendees)
        if changes.get("attendees") is not None:
            people = tuple(dict.fromkeys(self.contacts.resolve(a) for a in changes["attendees"]))
        after = replace(
            before,
            title=" ".join(str(changes.get("title") or before.title).split()),
            start=start.astimezone(zone), end=start.astimezone(zone) + duration,
            location=before.location if changes.get("location") is None else changes["location"],
            video_link=(before.video_link if changes.get("video_link") is None
                        else changes["video_link"]),
            description=(before.description if changes.get("description") is None
                         else changes["description"]),
            attendees=tuple(Attendee(p.email, p.name) for p in people),
            organizer=before.organizer or (self.preferences.email if people else ""),
            sequence=before.sequence + 1, recurrence_id=None,
        )
        if after == replace(before, sequence=before.sequence + 1, recurrence_id=None):
            raise ValueError("Nothing to change: give a new title, time, place or attendees.")
        if people and not backend.sends_invitations and not after.organizer:
            raise NotConfigured("Invitations need your email address as the organizer: "
                                "desktop-assistant config set calendar_email you@corp.example")
        sends = delivery(backend.name, backend.sends_invitations, people, "UPDATE")
        text = card("Change", after, people, zone, backend.label, sends, before=before)
        return EventPlan("update", after, people, backend.name, text, before=before)

    def plan_cancel(self, uid: str) -> EventPlan:
        before = self.event(uid)
        people = tuple(self.contacts.resolve(a.email) for a in before.attendees)
        backend = self.backend
        if people and not backend.sends_invitations and not (before.organizer or
                                                              self.preferences.email):
            raise NotConfigured("The cancellation needs your email address as the organizer: "
                                "desktop-assistant config set calendar_email you@corp.example")
        sends = delivery(backend.name, backend.sends_invitations, people, "CANCEL")
        text = card("Cancel", before, people, self.zone(), backend.label, sends)
        return EventPlan("cancel", before, people, backend.name, text, before=before)

    # Applying ------------------------------------------------------------------------------

    def apply(self, plan: EventPlan) -> Outcome:
        """Run a plan the person agreed to."""
        if plan.calendar != self.backend.name:
            raise CalendarError("The calendar changed since this was proposed; ask again.")
        if plan.action == "create":
            return self._create(plan)
        if plan.action == "update":
            event = self.backend.update(plan.event)
            invite = self._invite(event, "REQUEST")
            return Outcome(event, f"Updated “{event.title}” on {self.backend.label}."
                           + _sent(invite, self.backend.sends_invitations, event), True, invite)
        event = self.backend.cancel(plan.event.uid)
        self.ledger.cancelled(event.uid)
        invite = self._invite(replace(event, sequence=event.sequence + 1), "CANCEL")
        return Outcome(event, f"Cancelled “{event.title}” on {self.backend.label}."
                       + _sent(invite, self.backend.sends_invitations, event), True, invite)

    def _create(self, plan: EventPlan) -> Outcome:
        backend = self.backend
        claim = self.ledger.claim(plan.key, backend.name, plan.event.title)
        event = replace(plan.event, uid=claim.uid)
        if claim.done:
            found = backend.find(claim.remote_id or claim.uid)
            if found is not None:
                return Outcome(found, f"“{found.title}” is already on {backend.label} (created "
                               "earlier); nothing new was made.", changed=False)
        try:
            created, new = backend.create(event)
        except CalendarError:
            self.ledger.forget(claim.key)  # retrying derives the same UID: still no duplicate
            raise
        self.ledger.done(claim.key, created.uid)
        if not new:
            return Outcome(created, f"“{created.title}” was already on {backend.label}; "
                           "nothing new was made.", changed=False)
        invite = self._invite(created, "REQUEST")
        return Outcome(created, f"Created “{created.title}” on {backend.label}."
                       + _sent(invite, backend.sends_invitations, created), True, invite)

    def _invite(self, event: Event, method: str) -> Path | None:
        if not event.attendees or self.backend.sends_invitations:
            return None
        from desktop_assistant.calendar.invites import save_invitation

        organizer = event.organizer or self.preferences.email
        return save_invitation(self.folder / "invitations", self._database, event, method,
                               organizer)

    # Files, subscriptions, accounts ----------------------------------------------------------

    def import_ics(self, path: Path) -> ImportReport:
        """Import an .ics file into the local calendar (bad parts reported, never fatal)."""
        now = self.now()
        return import_file(path, self.local, self.zone(),
                           (now - timedelta(days=365), now + timedelta(days=365)))

    def google_sign_in(self) -> str:
        from desktop_assistant.calendar.google_auth import sign_in

        return sign_in(self.preferences.google_client_file, self._need_secrets())

    def close(self) -> None:
        """Close network clients (the CalDAV session); the service can still be used after."""
        with self._lock:
            closer = getattr(self._backend, "close", None)
            if callable(closer) and self._backend_for != ("given",):
                closer()
                self._backend, self._backend_for = None, None


def _sent(invite: Path | None, sends_invitations: bool, event: Event) -> str:
    if invite is not None:
        return f" The invitation file is {invite} (not emailed yet)."
    if sends_invitations and event.attendees:
        return " Google Calendar emailed the attendees."
    return ""


def open_calendar(services: Services, *,
                  preferences: CalendarPreferences | None = None) -> CalendarService:
    """The calendar service for the app's services (settings are read on every use)."""
    return CalendarService(
        database=services.database,
        folder=services.paths.data_dir / "calendar",
        preferences=(lambda: preferences) if preferences is not None else (
            lambda: CalendarPreferences.from_settings(services.settings)),
        zone=services.zone,
        secrets=lambda: services.secrets,
    )
