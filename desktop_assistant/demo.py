"""The demo workspace (``desktop-assistant --demo``): a sample company to try every feature on.

A folder of its own in the user data folder (``desktop-assistant-demo``), never the person's
own data: ``DESKTOP_ASSISTANT_HOME`` points there for this process, so the settings, the
database and the single-instance socket (instance.py keys it by that folder) are the demo's.
It is seeded through the app's own services from ``resources/demo``: Haisong Technology's
handbook (a fictional company) added to document search (the window indexes it after launch,
as for any folder), the person's calendar imported into the local calendar, colleagues'
published calendars subscribed to as their busy time, contacts imported, and a first
conversation that says what to try. Every recurring event is weekly and started in the past,
so the calendars are always full "this week".

A later start reuses the workspace and re-seeds only what is missing; a workspace that can't
be read (a broken settings file …) is removed and made again. The model settings (provider,
server, model, privacy mode) follow the person's own settings file, and the API key is the
same keyring entry (secrets.py names entries by the app, not by folder), so a configured app
opens the demo ready to answer; otherwise the setup dialog appears as on a first start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_assistant.settings import APP_NAME, Paths

if TYPE_CHECKING:
    from desktop_assistant.app import Services

log = logging.getLogger(__name__)

DEMO_APP_NAME = f"{APP_NAME}-demo"
DEMO_VARIABLE = "DESKTOP_ASSISTANT_DEMO"  # "1" in a process running the demo
MARKER = "demo-workspace.json"  # in the workspace folder: it is ours (and what was seeded)
HANDBOOK = "handbook"
CALENDARS = "calendars"
MY_CALENDAR = "my-calendar.ics"
CONTACTS = "contacts.csv"
# Colleagues' published calendars: file in resources/demo/calendars, name, whose time it is.
COLLEAGUE_CALENDARS: tuple[tuple[str, str, str], ...] = (
    ("wang-fang.ics", "Wang Fang 王芳", "wang.fang@haisong.example"),
    ("li-lei.ics", "Li Lei 李雷", "li.lei@haisong.example"),
    ("tom-becker.ics", "Tom Becker", "tom.becker@haisong.example"),
)
PERSONA = {
    "profile_name": "Alex Zhang",
    "profile_title": "Product Manager",
    "calendar_email": "alex.zhang@haisong.example",
    "mail_from": "alex.zhang@haisong.example",
}
# The person's own settings the demo takes over: how to reach the model and how privately.
MODEL_SETTINGS = (
    "provider", "base_url", "model", "azure_api_version",
    "provider_mode", "company_hosts", "redact_cloud", "redact_local",
)
# Their preferences it follows when they set them (none of these is data).
PREFERENCES = ("interface_language", "theme", "timezone")

WELCOME_TITLE = {"en": "Welcome to the demo", "zh_CN": "欢迎体验演示"}
WELCOME = {
    "en": """\
**Welcome to the Desktop Assistant demo.**

This is a sample workspace: you are *Alex Zhang*, product manager at Haisong Technology \
(a fictional company). Your own conversations, calendars and settings are not touched.

What is here:
- **The company handbook** in English and Chinese (travel and expenses, leave, IT security, \
meeting rooms, holidays, procurement, onboarding …), in `{handbook}`
- **Your calendar** (stand-ups, 1:1s, a weekly product review) and the **calendars of \
Wang Fang 王芳, Li Lei 李雷 and Tom Becker** (Berlin), so their busy times are known
- **Contacts**: Wang Fang 王芳, Li Lei 李雷, Han Meimei 韩梅梅, Chen Jianguo 陈建国 and more

Things to try: type or paste one below.
1. Find a time next week for an hour with Wang Fang and Li Lei
2. 报销出差的住宿标准是多少？
3. How many days of annual leave do I get after three years of work?
4. Who has to approve a purchase of 30,000 yuan?
5. Draft an email to Li Lei asking to move the architecture review to Thursday
6. Remind me at 4pm to submit my expense claim

No model yet? These work without one: `/agenda`, `/find 会议室`, \
`/free 1h with Wang Fang, Li Lei next week`, `/remind tomorrow 9am call Tom`. \
`/help` lists them all.""",
    "zh_CN": """\
**欢迎体验桌面助手演示。**

这是一个示例工作区：你是海松科技（虚构公司）的产品经理 *张晨（Alex Zhang）*。\
你自己的对话、日历和设置都不会受影响。

这里有：
- **公司员工手册**（中英文：差旅报销、请假、信息安全、会议室预订、节假日、采购审批、入职指南等），\
位于 `{handbook}`
- **你的日历**（站会、一对一沟通、产品周会），以及**王芳、李雷和 Tom Becker（柏林）的日历**，\
可以查到他们的忙碌时间
- **联系人**：王芳、李雷、韩梅梅、陈建国等

试试这些（在下方输入或粘贴）：
1. 下周帮我和王芳、李雷找一个小时开会
2. 报销出差的住宿标准是多少？
3. 工作满三年有几天年假？
4. 采购3万元的设备需要谁审批？
5. 给李雷写一封邮件，请他把架构评审改到周四
6. 下午4点提醒我提交报销单

还没有配置模型？这些命令无需模型也能用：`/agenda`、`/find 会议室`、\
`/free 1h with 王芳, 李雷 next week`、\
`/remind 明天上午9点 给Tom打电话`。输入 `/help` 查看全部命令。""",
}


class DemoError(RuntimeError):
    """The demo workspace can't be prepared; the message says why and what to do."""


def demo_folder() -> Path:
    """The workspace: ``desktop-assistant-demo`` in the user data folder (beside, never
    inside, the app's own ``desktop-assistant`` folder)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(DEMO_APP_NAME, appauthor=False))


def is_demo(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this process runs the demo (for a "(demo)" mark in the window's title)."""
    return environ.get(DEMO_VARIABLE) == "1"


def welcome_conversation(environ: Mapping[str, str] = os.environ) -> int | None:
    """The welcome conversation's id when this process runs the demo, else None."""
    home = environ.get("DESKTOP_ASSISTANT_HOME")
    if not is_demo(environ) or not home:
        return None
    value = _read_marker(Path(home)).get("welcome_conversation")
    return value if isinstance(value, int) else None


def use_demo_workspace(environ: MutableMapping[str, str] = os.environ) -> Path:
    """Point ``environ`` (``DESKTOP_ASSISTANT_HOME``) at the demo workspace, seeded and ready;
    returns its folder. Raises DemoError when it can't be made."""
    own = Paths.resolve(environ)
    root = demo_folder()
    environ["DESKTOP_ASSISTANT_HOME"] = str(root)
    environ[DEMO_VARIABLE] = "1"
    paths = Paths.resolve(environ)
    try:
        _prepare(root, paths, own, environ)
    except DemoError:
        raise
    except Exception as error:  # a broken settings file, database, marker …: start over
        if not (root / MARKER).is_file():
            raise DemoError(f"The demo workspace {root} could not be prepared: {error}") from error
        log.warning("The demo workspace %s could not be used (%s); making it again.", root,
                    error)
        _remove_workspace(root)
        try:
            _prepare(root, paths, own, environ)
        except Exception as again:
            raise DemoError(
                f"The demo workspace {root} could not be prepared: {again}") from again
    return root


# Seeding -------------------------------------------------------------------------------------


def _prepare(root: Path, paths: Paths, own: Paths, environ: Mapping[str, str]) -> None:
    from desktop_assistant.app import Services
    from desktop_assistant.resources import resource_path

    _claim(root)
    source = resource_path("demo")
    handbook = _copy_missing(source / HANDBOOK, root / HANDBOOK)
    calendars = _copy_missing(source / CALENDARS, root / CALENDARS)
    services = Services(paths)
    try:
        _seed_settings(services, own)
        _seed_documents(services, handbook)
        _seed_contacts(services, source / CONTACTS)
        _seed_my_calendar(services, calendars / MY_CALENDAR)
        _seed_colleagues(services, calendars)
        _seed_welcome(services, root, handbook, environ)
    finally:
        services.close()


def _claim(root: Path) -> None:
    """Make ``root`` the workspace, refusing a folder with someone else's files in it."""
    if root.exists() and not (root / MARKER).is_file() and any(root.iterdir()):
        raise DemoError(f"{root} already holds files that are not a demo workspace; move "
                        "them away and start the demo again.")
    root.mkdir(parents=True, exist_ok=True)
    if not (root / MARKER).is_file():
        _write_marker(root, {})


def _copy_missing(source: Path, target: Path) -> Path:
    """Copy the files of ``source`` that ``target`` lacks (the person's edits stay)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and not (target / path.name).exists():
            shutil.copyfile(path, target / path.name)
    return target


def _seed_settings(services: Services, own: Paths) -> None:
    """The persona's profile where unset, and the person's model settings when they have
    configured a model in their own settings file."""
    from desktop_assistant.settings import SettingsError, load_settings

    settings = services.settings
    changes: dict[str, Any] = {
        key: value for key, value in PERSONA.items() if not getattr(settings, key)
    }
    if own.settings_file.is_file() and own.settings_file != services.paths.settings_file:
        try:
            theirs = load_settings(own, environ={})
        except SettingsError as error:
            log.warning("Your settings could not be read for the demo: %s", error)
        else:
            if theirs.configured:
                changes.update({key: getattr(theirs, key) for key in MODEL_SETTINGS})
            changes.update({key: getattr(theirs, key) for key in PREFERENCES
                            if getattr(theirs, key)})
    changes = {key: value for key, value in changes.items() if getattr(settings, key) != value}
    if changes or not services.paths.settings_file.exists():
        services.update_settings(**changes)


def _seed_documents(services: Services, handbook: Path) -> None:
    documents = services.documents
    if str(handbook.resolve()) not in {folder.path for folder in documents.folders()}:
        documents.add_folder(handbook)


def _seed_contacts(services: Services, file: Path) -> None:
    """Import the contacts when any is missing; colleagues with no time zone of their own
    work where the person does (the demo's office is wherever it runs)."""
    import csv
    import dataclasses

    contacts = services.calendar.contacts
    with file.open(encoding="utf-8", newline="") as rows:
        emails = [row["Email"] for row in csv.DictReader(rows)]
    if all(contacts.get(email) is not None for email in emails):
        return
    result = contacts.import_file(file)
    for problem in result.problems:
        log.warning("Demo contacts: %s", problem)
    zone = services.zone().key
    for email in emails:
        contact = contacts.get(email)
        if contact is not None and not contact.zone:
            try:
                contacts.save(dataclasses.replace(contact, zone=zone))
            except ValueError:  # a system zone that has no IANA name: leave it unknown
                return


def _seed_my_calendar(services: Services, file: Path) -> None:
    """Import the person's calendar when any of its events is missing from the local one."""
    from desktop_assistant.calendar.ics import read_calendars

    calendar = services.calendar
    found, _ = read_calendars(file.read_bytes(), file.name)
    uids = {str(event["UID"]) for source in found for event in source.walk("VEVENT")}
    if all(calendar.local.find(uid) is not None for uid in uids):
        return
    report = calendar.import_ics(file)
    for problem in report.problems:
        log.warning("Demo calendar: %s", problem)


def _seed_colleagues(services: Services, folder: Path) -> None:
    """Subscribe to each colleague's published calendar (read-only busy time, as a real one
    would be), served once from the workspace on loopback: subscriptions take web addresses."""
    subscriptions = services.calendar.subscriptions
    known = subscriptions.owners()
    missing = [entry for entry in COLLEAGUE_CALENDARS if entry[2] not in known]
    if not missing:
        return
    with _served(folder) as address:
        for file, name, owner in missing:
            subscriptions.add(f"{address}/{file}", name, owner)


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    """``folder``'s files over HTTP on loopback while the block runs; yields the address."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """No request lines on stderr."""

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="demo-calendars", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _seed_welcome(services: Services, root: Path, handbook: Path,
                  environ: Mapping[str, str]) -> None:
    """The first conversation: what the workspace holds and what to try, in the interface
    language. Stored as the app's own note (no model wrote it, so it is not marked AI)."""
    from desktop_assistant.i18n import chosen_language, system_language

    marker = _read_marker(root)
    history = services.history
    known = marker.get("welcome_conversation")
    if isinstance(known, int) and history.has_conversation(known):
        return
    language = chosen_language(services.paths.settings_file) or system_language(environ)
    conversation = history.create_conversation(WELCOME_TITLE[language])
    history.add_message(conversation.id, "assistant",
                        WELCOME[language].format(handbook=handbook))
    _write_marker(root, {**marker, "welcome_conversation": conversation.id})


# The marker file -----------------------------------------------------------------------------


def _read_marker(root: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_marker(root: Path, values: dict[str, Any]) -> None:
    import json

    data = {"workspace": "Desktop Assistant demo", "version": 1, **values}
    temporary = root / f".{MARKER}.tmp"
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, root / MARKER)


def _remove_workspace(root: Path) -> None:
    """Delete the workspace folder (only ever the demo's: it holds the marker)."""
    import shutil

    if (root / MARKER).is_file():
        shutil.rmtree(root)
