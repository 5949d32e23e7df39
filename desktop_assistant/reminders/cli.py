"""``desktop-assistant remind …``: reminders from the command line.

    remind add "text" --at WHEN [--repeat RULE] [--urgent] [--json]
    remind list [--all] [--json]
    remind cancel ID | done ID | snooze ID [--minutes N | --tomorrow]
    remind due --now T [--json]      what would fire at T (changes nothing)

WHEN is words ("5pm", "in 20 minutes", "明天上午十点") or ISO 8601; RULE is words ("weekdays",
"every Friday", "每周五") or an RRULE. T is ISO 8601 (the person's zone unless it has an
offset) or words. Only ``argparse`` is imported here; the rest on use.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.reminders.model import Reminder
    from desktop_assistant.reminders.service import ReminderService


def add_commands(subparsers: Any) -> None:
    """Add ``remind`` and its actions to the app's command parser."""
    remind = subparsers.add_parser("remind", help="Reminders: add, list, cancel, what is due.")
    actions = remind.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="Add a reminder.")
    add.add_argument("text")
    add.add_argument("--at", required=True, help="5pm, 'in 20 minutes', 明天上午十点, ISO 8601.")
    add.add_argument("--repeat", default="",
                     help="daily, weekdays, 'every Friday', 每周五, or an RRULE.")
    add.add_argument("--urgent", action="store_true", help="Comes through quiet hours.")
    add.add_argument("--json", action="store_true")
    add.set_defaults(run=_add)

    listing = actions.add_parser("list", help="Reminders, soonest first.")
    listing.add_argument("--all", action="store_true", help="Done and cancelled ones too.")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)

    for name, helping in (("cancel", "Cancel a reminder (every occurrence)."),
                          ("done", "Mark a reminder done.")):
        each = actions.add_parser(name, help=helping)
        each.add_argument("id", type=int)
        each.set_defaults(run=_change)

    snooze = actions.add_parser("snooze", help="Remind again later.")
    snooze.add_argument("id", type=int)
    snooze.add_argument("--minutes", type=int, default=15)
    snooze.add_argument("--tomorrow", action="store_true",
                        help="Tomorrow when the working day starts.")
    snooze.set_defaults(run=_change)

    due = actions.add_parser("due", help="What would fire at a time (changes nothing).")
    due.add_argument("--now", default="", help="ISO 8601 or words; default: now.")
    due.add_argument("--json", action="store_true")
    due.set_defaults(run=_due)


def _service(services: Services) -> ReminderService:
    from desktop_assistant.reminders.service import ReminderService, open_reminders

    wired = getattr(services, "reminders", None)
    return wired if isinstance(wired, ReminderService) else open_reminders(services)


def _failing(function: Any) -> Any:
    """Input errors: a sentence on stderr and exit code 1."""

    def run(services: Services, args: argparse.Namespace) -> int:
        try:
            return int(function(services, args))
        except ValueError as error:
            print(f"desktop-assistant: {error}", file=sys.stderr)
            return 1

    return run


def _as_dict(service: ReminderService, reminder: Reminder) -> dict[str, Any]:
    from desktop_assistant.reminders.model import stamp

    following = service.next_time(reminder)
    return {"id": reminder.id, "text": reminder.text, "when": stamp(reminder.when),
            "floating": reminder.floating, "rule": reminder.rule, "urgent": reminder.urgent,
            "state": reminder.state, "snoozed_until": stamp(reminder.snoozed_until),
            "last_fired": stamp(reminder.last_fired),
            "next": following.astimezone(service.zone()).isoformat() if following else None,
            "summary": service.describe(reminder)}


@_failing
def _add(services: Services, args: argparse.Namespace) -> int:
    service = _service(services)
    made = service.schedule(args.text, args.at, args.repeat, urgent=args.urgent)
    if args.json:
        _print_json(_as_dict(service, made))
    else:
        print(f"Reminder set: {service.describe(made)}")
    return 0


@_failing
def _list(services: Services, args: argparse.Namespace) -> int:
    service = _service(services)
    found = service.reminders(include_finished=args.all)
    if args.json:
        _print_json([_as_dict(service, r) for r in found])
    for reminder in [] if args.json else found:
        print(service.describe(reminder))
    return 0


@_failing
def _change(services: Services, args: argparse.Namespace) -> int:
    service = _service(services)
    if args.action == "cancel":
        before = service.cancel(args.id)
        print(f"Cancelled reminder #{before.id}: {before.text}")
    elif args.action == "done":
        print(f"Done: {service.describe(service.done(args.id))}")
    else:
        after = service.snooze(args.id, None if args.tomorrow else args.minutes,
                               tomorrow=args.tomorrow)
        print(f"Snoozed: {service.describe(after)}")
    return 0


@_failing
def _due(services: Services, args: argparse.Namespace) -> int:
    service = _service(services)
    now = service.now()
    if args.now:
        from desktop_assistant.calendar.when import parse_moment

        now = parse_moment(args.now, now)
    found = service.pending(now)
    if args.json:
        _print_json({"now": now.isoformat(), "timezone": service.zone().key,
                     "due": [n.as_dict() for n in found]})
        return 0
    if not found:
        print(f"Nothing due at {now:%a %d %b %Y %H:%M} ({service.zone().key}).")
    for note in found:
        late = " (late)" if note.late else ""
        print(f"{note.kind}{late}: {note.title}")
        for line in note.body.splitlines():
            print(f"    {line}")
    return 0


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
