"""``desktop-assistant calendar …``: the calendar from the command line.

    calendar agenda [--date D] [--days N] [--json]
    calendar free --with EMAILS --duration 30m [--between START [END]] [--json]
    calendar import FILE.ics [FILE.ics …]
    calendar create --title T --start WHEN [--duration 30m] [--with EMAILS] [--yes] …
    calendar cancel ID [--yes]
    calendar contacts list | import FILE.vcf|FILE.csv | add EMAIL [--name N] [--zone Z] …
    calendar subscribe URL [--name N] [--owner EMAIL] | refresh | google-sign-in

Creating and cancelling ask on the terminal first, as ``ask`` does: with no terminal they are
refused unless ``--yes`` is given. Only ``argparse`` is imported here; the rest on use.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.calendar.planning import EventPlan
    from desktop_assistant.calendar.service import CalendarService


def add_commands(subparsers: Any) -> None:
    """Add ``calendar`` and its actions to the app's command parser."""
    calendar = subparsers.add_parser("calendar", help="Agenda, free time, events, contacts.")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)

    agenda = actions.add_parser("agenda", help="Your events for a day (or more).")
    agenda.add_argument("--date", default="", help="A date or words (tomorrow, 下周一).")
    agenda.add_argument("--days", type=int, default=1)
    agenda.add_argument("--json", action="store_true")
    agenda.set_defaults(run=_agenda)

    free = actions.add_parser("free", help="Times when you and others are free.")
    free.add_argument("--with", dest="people", default="",
                      help="Comma-separated emails or contact names.")
    free.add_argument("--duration", default="30m")
    free.add_argument("--between", nargs="+", metavar="WHEN", default=[],
                      help="START END, or one range such as 'next week'.")
    free.add_argument("--limit", type=int, default=5)
    free.add_argument("--json", action="store_true")
    free.set_defaults(run=_free)

    imports = actions.add_parser("import", help="Import .ics files into the local calendar.")
    imports.add_argument("files", nargs="+")
    imports.add_argument("--json", action="store_true")
    imports.set_defaults(run=_import)

    create = actions.add_parser("create", help="Create an event (asks first).")
    create.add_argument("--title", required=True)
    create.add_argument("--start", required=True, help="ISO 8601 or words (next Tuesday 3pm).")
    create.add_argument("--duration", default="30m")
    create.add_argument("--with", dest="people", default="")
    create.add_argument("--location", default="")
    create.add_argument("--video", default="")
    create.add_argument("--description", default="")
    create.add_argument("--repeat", default="", help="An RRULE, e.g. FREQ=WEEKLY;COUNT=4.")
    create.add_argument("--yes", action="store_true", help="Do it without asking.")
    create.add_argument("--json", action="store_true")
    create.set_defaults(run=_create)

    cancel = actions.add_parser("cancel", help="Cancel an event (asks first).")
    cancel.add_argument("id")
    cancel.add_argument("--yes", action="store_true")
    cancel.set_defaults(run=_cancel)

    contacts = actions.add_parser("contacts", help="People to schedule with.")
    contact_actions = contacts.add_subparsers(dest="contacts_action", metavar="ACTION",
                                              required=True)
    listing = contact_actions.add_parser("list")
    listing.add_argument("--json", action="store_true")
    contact_import = contact_actions.add_parser("import", help="A .vcf or .csv file.")
    contact_import.add_argument("file")
    add = contact_actions.add_parser("add")
    add.add_argument("email")
    add.add_argument("--name", default="")
    add.add_argument("--zone", default="", help="IANA zone, e.g. Europe/London.")
    add.add_argument("--hours", default="", help="Working hours, e.g. 09:00-17:30.")
    add.add_argument("--days", default="", help="Working days, e.g. Mon-Fri.")
    add.add_argument("--alias", action="append", default=[], help="A role, e.g. finance lead.")
    contacts.set_defaults(run=_contacts)

    subscribe = actions.add_parser("subscribe", help="Add an .ics URL as read-only busy time.")
    subscribe.add_argument("url")
    subscribe.add_argument("--name", default="")
    subscribe.add_argument("--owner", default="", help="Whose calendar it is (an email).")
    subscribe.set_defaults(run=_subscribe)
    actions.add_parser("refresh", help="Fetch subscriptions again.").set_defaults(run=_refresh)
    actions.add_parser("google-sign-in", help="Sign in to Google Calendar.").set_defaults(
        run=_google_sign_in)


# Handlers ------------------------------------------------------------------------------------


def _service(services: Services) -> CalendarService:
    from desktop_assistant.calendar.service import CalendarService, open_calendar

    wired = getattr(services, "calendar", None)
    return wired if isinstance(wired, CalendarService) else open_calendar(services)


def _failing(function: Any) -> Any:
    """Calendar and input errors: a sentence on stderr and exit code 1."""

    def run(services: Services, args: argparse.Namespace) -> int:
        from desktop_assistant.calendar.errors import CalendarError

        try:
            return int(function(services, args))
        except (CalendarError, ValueError) as error:
            print(f"desktop-assistant: {error}", file=sys.stderr)
            return 1

    return run


@_failing
def _agenda(services: Services, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from desktop_assistant.calendar.formatting import agenda_text, time_range
    from desktop_assistant.calendar.when import parse_when

    calendar = _service(services)
    now, zone = calendar.now(), calendar.zone()
    start = parse_when(args.date or "today", now).span()[0]
    end = start + timedelta(days=max(1, args.days))
    found = calendar.agenda(start, end)
    if args.json:
        _print_json({"timezone": zone.key, "problems": found.problems, "events": [
            {"id": e.uid, "title": e.title, "start": e.start.isoformat(),
             "end": e.end.isoformat(), "all_day": e.all_day, "location": e.location,
             "video_link": e.video_link, "attendees": [a.email for a in e.attendees],
             "calendar": e.calendar, "time": time_range(e.start, e.end, zone)}
            for e in found.events]})
        return 0
    print(agenda_text(found.events, zone, start, end))
    for problem in found.problems:
        print(f"note: {problem}", file=sys.stderr)
    return 0


@_failing
def _free(services: Services, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from desktop_assistant.calendar.when import parse_duration, parse_range, parse_when

    calendar = _service(services)
    now = calendar.now()
    if len(args.between) > 2:
        raise ValueError("--between takes START END, or one range such as 'next week'.")
    if len(args.between) == 2:
        first = parse_when(args.between[0], now)
        start = first.start if first.precision == "time" else first.span()[0]
        last = parse_when(args.between[1], now)
        end = last.start if last.precision == "time" else last.span()[1]
    elif args.between:
        start, end = parse_range(args.between[0], now)
    else:
        start, end = now, now + timedelta(days=7)
    people = [p.strip() for p in args.people.split(",") if p.strip()]
    options = calendar.find_slots(people, parse_duration(args.duration), max(start, now), end,
                                  limit=args.limit)
    if args.json:
        _print_json(options.as_dict())
    else:
        print(options.text())
    return 0 if options.search.slots else 1


@_failing
def _import(services: Services, args: argparse.Namespace) -> int:
    from pathlib import Path

    calendar = _service(services)
    reports = [calendar.import_ics(Path(name)) for name in args.files]
    if args.json:
        _print_json([{"file": r.file, "imported": r.imported, "events": r.series,
                      "occurrences": r.occurrences, "problems": r.problems} for r in reports])
    else:
        for report in reports:
            print(report.summary())
            for problem in report.problems:
                print(f"  skipped: {problem}", file=sys.stderr)
    return 0 if all(r.imported for r in reports) else 1


@_failing
def _create(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.calendar.planning import EventDraft
    from desktop_assistant.calendar.when import parse_duration, parse_moment

    calendar = _service(services)
    plan = calendar.plan_event(EventDraft(
        title=args.title, start=parse_moment(args.start, calendar.now()),
        duration=parse_duration(args.duration),
        attendees=tuple(p.strip() for p in args.people.split(",") if p.strip()),
        location=args.location, video_link=args.video, description=args.description,
        repeat=args.repeat,
    ))
    return _confirm_and_apply(calendar, plan, args)


@_failing
def _cancel(services: Services, args: argparse.Namespace) -> int:
    calendar = _service(services)
    return _confirm_and_apply(calendar, calendar.plan_cancel(args.id), args)


def _confirm_and_apply(calendar: CalendarService, plan: EventPlan,
                       args: argparse.Namespace) -> int:
    """Show the card; go ahead on --yes or a terminal "y", refuse otherwise (as ``ask``)."""
    print(plan.card, file=sys.stderr)
    if not args.yes:
        if not sys.stdin.isatty():
            print("Refused: no terminal to confirm on (use --yes to allow).", file=sys.stderr)
            return 1
        if input("Do this? [y/N] ").strip().lower() not in {"y", "yes"}:
            print("Not done.", file=sys.stderr)
            return 1
    outcome = calendar.apply(plan)
    if getattr(args, "json", False):
        _print_json({"event_id": outcome.event.uid, "message": outcome.message,
                     "changed": outcome.changed,
                     "invitation_file": str(outcome.invitation) if outcome.invitation else None})
    else:
        print(outcome.message)
    return 0


@_failing
def _contacts(services: Services, args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop_assistant.calendar.contacts import Contact
    from desktop_assistant.calendar.preferences import parse_days, parse_hours
    from desktop_assistant.calendar.slots import WorkingHours

    book = _service(services).contacts
    if args.contacts_action == "import":
        path = Path(args.file)
        result = book.import_file(path)
        print(result.summary(path.name))
        for problem in result.problems:
            print(f"  skipped: {problem}", file=sys.stderr)
        return 0
    if args.contacts_action == "add":
        hours = None
        if args.hours:
            start, end = parse_hours(args.hours, "--hours")
            hours = WorkingHours(start, end, parse_days(args.days or "Mon-Fri", "--days"))
        new = book.save(Contact(args.email, args.name, args.zone, hours, tuple(args.alias)))
        print(f"{'Added' if new else 'Updated'} {args.email}.")
        return 0
    everyone = book.all()
    if args.json:
        _print_json([{"email": c.email, "name": c.name, "zone": c.zone,
                      "hours": str(c.hours) if c.hours else "", "aliases": list(c.aliases)}
                     for c in everyone])
    for c in [] if args.json else everyone:
        print("\t".join([c.email, c.name, c.zone, str(c.hours or ""), ", ".join(c.aliases)]))
    return 0


@_failing
def _subscribe(services: Services, args: argparse.Namespace) -> int:
    source = _service(services).subscriptions.add(args.url, args.name, args.owner)
    whose = f"{source.owner_email}'s" if source.owner_email else "your"
    print(f"Subscribed to {source.name}: its events count as {whose} busy time.")
    return 0


@_failing
def _refresh(services: Services, args: argparse.Namespace) -> int:
    failures = _service(services).subscriptions.refresh()
    for failure in failures:
        print(f"desktop-assistant: {failure}", file=sys.stderr)
    return 1 if failures else 0


@_failing
def _google_sign_in(services: Services, args: argparse.Namespace) -> int:
    print(_service(services).google_sign_in())
    return 0


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
