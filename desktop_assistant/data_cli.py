"""``desktop-assistant data …``: the person's data from the command line.

    data export DIR           everything as desktop-assistant-export.json and .md in DIR
    data purge                apply the retention setting now; prints what was deleted
    data delete-all [--yes]   delete every file and keyring entry the app keeps (asks to type
                              "delete" unless --yes); prints what was removed

Only ``argparse`` is imported here; the rest on use.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.app import Services

CONFIRM_WORD = "delete"


def add_commands(subparsers: Any) -> None:
    """Add ``data`` and its actions to the app's command parser."""
    data = subparsers.add_parser("data", help="Export, purge or delete all of your data.")
    actions = data.add_subparsers(dest="action", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="Write everything as JSON and Markdown to DIR.")
    export.add_argument("folder", metavar="DIR")
    export.set_defaults(run=_export)

    purge = actions.add_parser(
        "purge", help="Delete conversations older than the history_keep_days setting now.")
    purge.set_defaults(run=_purge)

    delete = actions.add_parser(
        "delete-all", help="Delete the database, index, settings, logs and keyring entries.")
    delete.add_argument("--yes", action="store_true", help="Do not ask to type 'delete'.")
    delete.set_defaults(run=_delete_all)


def _export(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.data_control import export_everything

    try:
        written = export_everything(services, args.folder)
    except OSError as error:
        print(f"desktop-assistant: nothing was exported: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}")
    return 0


def _purge(services: Services, args: argparse.Namespace) -> int:
    print(services.apply_retention().summary())
    return 0


def _delete_all(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.data_control import delete_all_data, deletion_plan

    if not args.yes:
        print("This deletes, for good:")
        for line in deletion_plan(services.paths, services.secrets.service):
            print(f"  - {line}")
        if not sys.stdin.isatty():
            print("desktop-assistant: nothing was deleted: no terminal to confirm on "
                  "(use --yes).", file=sys.stderr)
            return 1
        typed = input(f"Type {CONFIRM_WORD!r} to delete all of it: ").strip().lower()
        if typed != CONFIRM_WORD:
            print("Nothing was deleted.")
            return 1
    report = delete_all_data(services)
    for line in report.lines():
        print(line, file=sys.stdout if not line.startswith("Could NOT") else sys.stderr)
    if report.complete:
        print("All of your data was deleted.")
        return 0
    print("desktop-assistant: some things could not be removed (listed above).", file=sys.stderr)
    return 1
