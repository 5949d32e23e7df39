"""The command line: no subcommand starts the GUI; the rest run headless.

    desktop-assistant [--background]                   start the window (or bring it forward)
    desktop-assistant --demo                           the window on a sample workspace
    desktop-assistant --self-check                     check the installation, exit 0 if it works
    desktop-assistant ask [--conversation ID] [--yes] [--json] PROMPT
    desktop-assistant history list | show ID | search QUERY | export [--format md|json]
    desktop-assistant config show | set KEY VALUE
    desktop-assistant secret set NAME | delete NAME

Feature packages add their own commands (``calendar``, ``docs`` …): each ``FEATURE_COMMANDS``
module has ``add_commands(subparsers)``, and each parser it adds sets
``run=handler(services, args) -> int`` as a default.

Errors go to stderr with exit code 1 (2 for bad usage).
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from desktop_assistant import __version__

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.assistant.agent import ConfirmationRequest


FEATURE_COMMANDS: tuple[str, ...] = (
    "desktop_assistant.calendar.cli",
    "desktop_assistant.documents.cli",
    "desktop_assistant.mail.cli",
    "desktop_assistant.reminders.cli",
    "desktop_assistant.data_cli",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-assistant",
        description="A desktop assistant for meetings, documents, emails and reminders. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--background", action="store_true",
        help="Start without showing the window (reminders and the tray run; used at login).",
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="Open a sample workspace (a company handbook, a calendar with colleagues' busy "
        "times, contacts) to try every feature; your own data is not touched.",
    )
    parser.add_argument(
        "--self-check", action="store_true",
        help="Check this installation (database, keyring, translations, tools, the window "
        "drawn offscreen), print what was checked and exit: 0 when everything works.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = commands.add_parser("ask", help="Run one turn headless; the answer streams to stdout.")
    ask.add_argument("prompt", nargs="+", help="The message ('-' reads it from standard input).")
    ask.add_argument("--conversation", type=int, metavar="ID", help="Continue this conversation.")
    ask.add_argument(
        "--yes", action="store_true",
        help="Allow actions that touch calendars, mail or other people without asking.",
    )
    ask.add_argument("--json", action="store_true", help="Print one JSON object per event.")

    history = commands.add_parser("history", help="List, show, search or export conversations.")
    history_commands = history.add_subparsers(dest="action", metavar="ACTION", required=True)
    history_commands.add_parser("list", help="Conversations, most recent first.")
    show = history_commands.add_parser("show", help="One conversation's messages.")
    show.add_argument("id", type=int)
    search = history_commands.add_parser("search", help="Full-text search (Chinese too).")
    search.add_argument("query", nargs="+")
    export = history_commands.add_parser("export", help="Everything, as Markdown or JSON.")
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument("--conversation", type=int, metavar="ID")
    for sub in (history_commands.choices["list"], show, search):
        sub.add_argument("--json", action="store_true", help="Machine-readable output.")

    config = commands.add_parser("config", help="Show or change settings (never secrets).")
    config_commands = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    config_commands.add_parser("show", help="The settings in effect, and where they live.")
    set_ = config_commands.add_parser("set", help="Change one setting.")
    set_.add_argument("key")
    set_.add_argument("value")

    secret = commands.add_parser("secret", help="Store or delete a secret in the OS keyring.")
    secret_commands = secret.add_subparsers(dest="action", metavar="ACTION", required=True)
    secret_set = secret_commands.add_parser(
        "set", help="Read the secret from standard input or a hidden prompt."
    )
    secret_set.add_argument("name", help="For the model's key: api_key.")
    secret_delete = secret_commands.add_parser("delete", help="Remove a secret.")
    secret_delete.add_argument("name")

    for name in FEATURE_COMMANDS:
        importlib.import_module(name).add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (``| head``); say nothing more, like other Unix tools.
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.self_check:
        from desktop_assistant.self_check import run_self_check

        return run_self_check()
    if args.command is None:
        if args.demo:
            from desktop_assistant.demo import DemoError, use_demo_workspace

            try:
                use_demo_workspace()  # DESKTOP_ASSISTANT_HOME: the sample workspace's folder
            except DemoError as error:
                print(f"desktop-assistant: {error}", file=sys.stderr)
                return 1
        return gui_main(background=args.background)
    from desktop_assistant import logs
    from desktop_assistant.db import StorageError
    from desktop_assistant.secrets import SecretStoreError
    from desktop_assistant.settings import SettingsError

    try:
        if args.command == "config":
            return _config(args)
        services = _services()
        logs.start_for(services)  # rotating files in the data folder; no secrets, no bodies
        try:
            handler = getattr(args, "run", None) or {
                "ask": _ask, "history": _history, "secret": _secret
            }[args.command]
            return int(handler(services, args))
        finally:
            if services.storage_notice:  # a damaged database was set aside when it opened
                print(f"desktop-assistant: {services.storage_notice}", file=sys.stderr)
            services.close()
            logs.stop_logging()
    except (SettingsError, StorageError, SecretStoreError) as error:
        print(f"desktop-assistant: {error}", file=sys.stderr)
        return 1


def gui_main(background: bool | None = None) -> int:
    """The window, or, when the app already runs, that app's window brought forward (this
    process then exits 0). Its settings are read after the first paint; a broken settings
    file is reported there (ui/application.py). ``background`` (None: ``--background`` on the
    command line, for the ``desktop-assistant-gui`` script): start without the window."""
    from desktop_assistant import instance

    if background is None:
        background = "--background" in sys.argv[1:]
    if instance.hand_over(instance.BACKGROUND if background else instance.SHOW):
        return 0
    from desktop_assistant import logs
    from desktop_assistant.app import run_gui

    services = _services()
    try:  # the log starts after the first paint (its imports would delay it ~10 ms)
        return run_gui(services, on_shown=lambda: logs.start_for(services), hidden=background)
    finally:
        logs.stop_logging()


def _services() -> Services:
    from desktop_assistant.app import Services

    return Services.from_environment()


# ask -----------------------------------------------------------------------------------------


def _confirm_on_terminal(request: ConfirmationRequest) -> None:
    """Ask on the terminal; with no terminal to ask on, refuse."""
    print(f"\nThe assistant wants to: {request.summary}", file=sys.stderr)
    if not sys.stdin.isatty():
        print("Refused: no terminal to confirm on (use --yes to allow).", file=sys.stderr)
        request.refuse()
        return
    answer = input("Allow this? [y/N] ").strip().lower()
    request.approve() if answer in {"y", "yes"} else request.refuse()


def _ask(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.assistant.agent import (
        ConfirmationNeeded,
        Redacted,
        TextDelta,
        ToolCallProposed,
        ToolResultEvent,
        TurnDone,
        TurnError,
        event_as_json,
    )
    from desktop_assistant.assistant.redacted_client import redaction_notice
    from desktop_assistant.history import NotFound

    prompt = " ".join(args.prompt)
    if prompt == "-":
        prompt = sys.stdin.read()
    if not prompt.strip():
        print("desktop-assistant: the prompt is empty.", file=sys.stderr)
        return 2
    out = sys.stdout
    try:
        if services.commands.is_command(prompt):
            reply = services.run_command(args.conversation, prompt)
            if args.json:
                _json_line(out, {"type": "command", "conversation_id": reply.conversation_id,
                                 "text": reply.answer.content})
            else:
                print(reply.answer.content, file=out)
            return 0
        turn = services.agent(auto_approve=args.yes).start(args.conversation, prompt)
    except NotFound as error:
        print(f"desktop-assistant: {error}", file=sys.stderr)
        return 1
    failed = False
    for event in turn:
        if isinstance(event, ConfirmationNeeded):
            if args.json:
                _json_line(out, event_as_json(event))
            _confirm_on_terminal(event.request)
            continue
        if args.json:
            _json_line(out, event_as_json(event))
        elif isinstance(event, TextDelta):
            out.write(event.text)
            out.flush()
        elif isinstance(event, ToolCallProposed):
            print(f"[{event.tool} {json.dumps(event.arguments, ensure_ascii=False)}]",
                  file=sys.stderr)
        elif isinstance(event, ToolResultEvent) and not event.ok:
            print(f"[{event.tool}: {event.content}]", file=sys.stderr)
        elif isinstance(event, Redacted):
            print(f"[{redaction_notice(event.categories)}]", file=sys.stderr)
        elif isinstance(event, TurnDone):
            out.write("\n")
        if isinstance(event, TurnError):
            failed = True
            print(f"desktop-assistant: {event.message}", file=sys.stderr)
    return 1 if failed else 0


def _json_line(out: TextIO, data: object) -> None:
    out.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    out.flush()


# history -------------------------------------------------------------------------------------


def _history(services: Services, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from desktop_assistant.export import history_as_json, history_as_markdown
    from desktop_assistant.history import NotFound

    history = services.history
    if args.action == "list":
        conversations = history.conversations()
        if args.json:
            _json_line(sys.stdout, [asdict(c) for c in conversations])
        for c in [] if args.json else conversations:
            print(f"{c.id}\t{c.updated_at[:16].replace('T', ' ')}\t{c.title}")
        return 0
    if args.action == "show":
        try:
            conversation = history.conversation(args.id)
        except NotFound as error:
            print(f"desktop-assistant: {error}", file=sys.stderr)
            return 1
        messages = history.messages(args.id)
        if args.json:
            _json_line(sys.stdout, {**asdict(conversation),
                                    "messages": [asdict(m) for m in messages]})
            return 0
        print(f"# {conversation.title}")
        for message in messages:
            label = "AI" if message.ai_written else message.role
            status = "" if message.status == "complete" else f" [{message.status}]"
            print(f"\n[{label}{status}] {message.content}")
        return 0
    if args.action == "search":
        hits = history.search(" ".join(args.query))
        if args.json:
            _json_line(sys.stdout, [asdict(h) for h in hits])
        for hit in [] if args.json else hits:
            print(f"{hit.conversation_id}\t{hit.conversation_title}\t{hit.snippet}")
        return 0
    exporter = history_as_json if args.format == "json" else history_as_markdown
    sys.stdout.write(exporter(services.database, args.conversation) + "\n")
    return 0


# config and secrets --------------------------------------------------------------------------


def _config(args: argparse.Namespace) -> int:
    from desktop_assistant.settings import Paths, load_settings, set_setting, settings_as_dict

    paths = Paths.resolve()
    if args.action == "set":
        settings = set_setting(paths, args.key, args.value)
        print(f"{args.key} = {getattr(settings, args.key)!r}")
        if args.key == "start_at_login":
            from desktop_assistant import autostart

            try:
                autostart.apply(settings.start_at_login)
            except OSError as error:
                print(f"desktop-assistant: starting at login could not be set up: {error}",
                      file=sys.stderr)
                return 1
        return 0
    settings = load_settings(paths)
    print(f"# settings file: {paths.settings_file}")
    print(f"# data folder:   {paths.data_dir}")
    for key, value in settings_as_dict(settings).items():
        note = "  # from the environment" if key in settings.env_overrides else ""
        print(f"{key} = {value!r}{note}")
    return 0


def _secret(services: Services, args: argparse.Namespace) -> int:
    if args.action == "delete":
        services.secrets.delete(args.name)
        print(f"Deleted {args.name} from the keyring.")
        return 0
    value = getpass.getpass(f"{args.name}: ") if sys.stdin.isatty() else sys.stdin.read().strip()
    if not value:
        print("desktop-assistant: no secret given; nothing stored.", file=sys.stderr)
        return 1
    saved = services.secrets.set(args.name, value)
    print(saved.message, file=sys.stdout if saved.persistent else sys.stderr)
    return 0 if saved.persistent else 1
