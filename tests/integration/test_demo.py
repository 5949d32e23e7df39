"""The demo workspace: made beside the person's data (never in it), seeded through the app's
own services, and ready to show every feature: the handbook found in English and Chinese,
colleagues' busy time this week, contacts, the welcome conversation."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import zipfile
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant import instance
from desktop_assistant.app import Services
from desktop_assistant.calendar.model import busy_from_events
from desktop_assistant.demo import (
    DEMO_APP_NAME,
    DEMO_VARIABLE,
    DemoError,
    use_demo_workspace,
    welcome_conversation,
)
from desktop_assistant.resources import resource_path
from desktop_assistant.settings import Paths, Settings, load_settings, save_settings
from tests.support.documents_corpus import index_all

OWN_MODEL = {"provider": "compatible", "base_url": "http://127.0.0.1:9/v1", "model": "own-model",
             "provider_mode": "local_only", "redact_local": True}


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder platformdirs gives (XDG_DATA_HOME on Linux)."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def environ(data_home: Path, home: Path) -> dict[str, str]:
    """The process environment as the command line sees it: the person's own home set."""
    return {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def demo(environ: dict[str, str]) -> Iterator[Services]:
    """The demo's services after ``use_demo_workspace``."""
    use_demo_workspace(environ)
    services = Services(Paths.resolve(environ))
    yield services
    services.close()


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def own_settings(home: Path, **values: Any) -> None:
    save_settings(Paths.resolve({"DESKTOP_ASSISTANT_HOME": str(home)}), Settings(**values))


def this_monday(services: Services) -> datetime:
    today = services.calendar.now().date()
    return datetime.combine(today - timedelta(days=today.weekday()), time(0),
                            tzinfo=services.zone())


class OwnServices:
    """The person's own services (their home, not the demo's)."""

    def __init__(self, environ: dict[str, str]) -> None:
        self.services = Services(Paths.resolve(environ))

    def __enter__(self) -> Services:
        return self.services

    def __exit__(self, *_: object) -> None:
        self.services.close()


# The workspace ---------------------------------------------------------------------------------


def test_the_workspace_is_its_own_folder_and_your_data_is_untouched(
    environ: dict[str, str], data_home: Path, home: Path
) -> None:
    own_settings(home, **OWN_MODEL, interface_language="en", profile_name="Me Myself",
                 calendar_email="me@corp.example")
    with OwnServices(environ) as services:
        services.history.create_conversation("My own conversation")
    before = snapshot(home)

    root = use_demo_workspace(environ)

    assert root == data_home / DEMO_APP_NAME
    assert environ["DESKTOP_ASSISTANT_HOME"] == str(root)
    assert environ[DEMO_VARIABLE] == "1"
    assert snapshot(home) == before
    demo = Services(Paths.resolve(environ))
    try:
        settings = demo.settings
        # The model and the privacy mode are the person's; the profile is the demo persona's.
        assert {key: getattr(settings, key) for key in OWN_MODEL} == OWN_MODEL
        assert (settings.profile_name, settings.calendar_email) == (
            "Alex Zhang", "alex.zhang@haisong.example")
        assert [c.title for c in demo.history.conversations()] == ["Welcome to the demo"]
        assert [f.path for f in demo.documents.folders()] == [str(root / "handbook")]
    finally:
        demo.close()


def test_without_your_own_model_the_demo_is_not_configured(demo: Services) -> None:
    assert not demo.settings.configured  # the window then opens the setup dialog
    assert demo.settings.provider_mode == "cloud"


@pytest.mark.keyring
def test_the_api_key_is_the_one_in_your_keyring(
    environ: dict[str, str], home: Path, secret_service: Any
) -> None:
    from desktop_assistant.secrets import API_KEY, SecretStore

    own_settings(home, **OWN_MODEL)
    with OwnServices(environ) as services:
        assert services.save_api_key("sk-own-key").persistent
    try:
        use_demo_workspace(environ)
        demo = Services(Paths.resolve(environ))
        try:
            assert demo.model_config().api_key == "sk-own-key"
        finally:
            demo.close()
    finally:
        SecretStore().delete(API_KEY)


def test_a_second_start_reuses_the_workspace_and_adds_only_what_is_missing(
    environ: dict[str, str],
) -> None:
    root = use_demo_workspace(environ)
    with OwnServices(environ) as services:
        services.history.create_conversation("Tried the demo")
        contact = services.calendar.contacts.get("han.meimei@haisong.example")
        assert contact is not None
        services.calendar.contacts.remove(contact.email)
    (root / "handbook" / "leave-policy.txt").unlink()
    (root / "handbook" / "meeting-rooms.md").write_text("Edited by me", encoding="utf-8")

    assert use_demo_workspace(environ) == root

    with OwnServices(environ) as services:
        assert sorted(c.title for c in services.history.conversations()) == [
            "Tried the demo", "Welcome to the demo"]
        assert services.calendar.contacts.get("han.meimei@haisong.example") is not None
        assert len(services.calendar.subscriptions.all()) == 3
        assert len(services.documents.folders()) == 1
    assert (root / "handbook" / "leave-policy.txt").read_bytes() == resource_path(
        "demo", "handbook", "leave-policy.txt").read_bytes()
    assert (root / "handbook" / "meeting-rooms.md").read_text(encoding="utf-8") == "Edited by me"


def test_a_broken_workspace_is_made_again(environ: dict[str, str]) -> None:
    root = use_demo_workspace(environ)
    (root / "config" / "settings.toml").write_text("model = [unclosed", encoding="utf-8")

    use_demo_workspace(environ)

    paths = Paths.resolve(environ)
    assert load_settings(paths).profile_name == "Alex Zhang"
    with OwnServices(environ) as services:
        assert [c.title for c in services.history.conversations()] == ["Welcome to the demo"]


def test_a_folder_that_is_not_a_demo_workspace_is_left_alone(
    environ: dict[str, str], data_home: Path
) -> None:
    folder = data_home / DEMO_APP_NAME
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DemoError, match="not a demo workspace"):
        use_demo_workspace(environ)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_the_demo_and_your_own_app_do_not_hand_over_to_each_other(
    environ: dict[str, str],
) -> None:
    own = instance.server_name(environ)
    use_demo_workspace(environ)
    assert instance.server_name(environ) != own


# The welcome conversation ----------------------------------------------------------------------


def test_the_welcome_conversation_exists_once_and_is_not_labelled_as_ai(
    environ: dict[str, str],
) -> None:
    use_demo_workspace(environ)
    use_demo_workspace(environ)
    with OwnServices(environ) as services:
        [conversation] = services.history.conversations()
        [message] = services.history.messages(conversation.id)
    assert welcome_conversation(environ) == conversation.id
    assert (message.role, message.ai_written) == ("assistant", False)
    assert "Find a time next week for an hour with Wang Fang and Li Lei" in message.content
    assert "报销出差的住宿标准是多少？" in message.content
    assert welcome_conversation({**environ, DEMO_VARIABLE: ""}) is None


def test_the_welcome_is_in_the_interface_language(environ: dict[str, str]) -> None:
    chinese = {**environ, "LANG": "zh_CN.UTF-8"}
    use_demo_workspace(chinese)
    with OwnServices(chinese) as services:
        [conversation] = services.history.conversations()
        [message] = services.history.messages(conversation.id)
    assert conversation.title == "欢迎体验演示"
    assert "下周帮我和王芳、李雷找一个小时开会" in message.content


# What the demo shows ---------------------------------------------------------------------------


def test_colleagues_are_busy_this_week_whenever_the_demo_runs(demo: Services) -> None:
    calendar = demo.calendar
    monday = this_monday(demo)
    week = (monday, monday + timedelta(days=7))

    def busy(owner: str) -> set[tuple[int, str, str, str]]:
        events = calendar.subscriptions.events(*week, demo.zone(), owner=owner).events
        return {(b.start.weekday(), f"{b.start:%H:%M}", f"{b.end:%H:%M}", b.label)
                for b in busy_from_events(events)}

    assert (0, "10:00", "12:00", "Month-end close 月结") in busy("wang.fang@haisong.example")
    assert (1, "15:00", "17:00", "Budget review 预算评审") in busy("wang.fang@haisong.example")
    assert (0, "14:00", "16:00", "Sprint planning 迭代计划会") in busy("li.lei@haisong.example")
    assert len(busy("li.lei@haisong.example")) == 9  # a stand-up a day and four meetings
    # Tom Becker's calendar is in Berlin time: his Thursday 09:00 call, in the person's zone.
    thursday_nine = datetime.combine(monday.date() + timedelta(days=3), time(9),
                                     tzinfo=ZoneInfo("Europe/Berlin"))
    berlin = calendar.subscriptions.events(*week, demo.zone(), owner="tom.becker@haisong.example")
    assert [e.start for e in berlin.events if e.title == "EMEA team call"] == [thursday_nine]

    mine = calendar.agenda(*week).events
    assert [e.title for e in mine].count("Team stand-up 站会") == 5
    [home_day] = [e for e in mine if e.all_day]
    assert (home_day.title, home_day.start.weekday(), home_day.busy) == (
        "Working from home 居家办公", 4, False)


def test_a_meeting_with_two_colleagues_avoids_everyones_busy_time(demo: Services) -> None:
    calendar = demo.calendar
    next_monday = this_monday(demo) + timedelta(days=7)
    week = (next_monday, next_monday + timedelta(days=5))
    options = calendar.find_slots(["王芳", "Li Lei"], timedelta(hours=1), *week, limit=20)

    assert not [note for note in options.notes if "No calendar is known" in note
                or "time zone is unknown" in note]
    assert [p.email for p in options.people] == ["wang.fang@haisong.example",
                                                 "li.lei@haisong.example"]
    blocked = busy_from_events([
        *calendar.agenda(*week).events,
        *(event for owner in ("wang.fang@haisong.example", "li.lei@haisong.example")
          for event in calendar.subscriptions.events(*week, demo.zone(), owner=owner).events),
    ])
    assert len(options.search.slots) >= 5
    for slot in options.search.slots:
        assert not [b for b in blocked if b.start < slot.end and slot.start < b.end], slot
    # Monday 10:00-12:00 is Wang Fang's month-end close: no option starts then.
    assert next_monday + timedelta(hours=10) not in {s.start for s in options.search.slots}


def test_contacts_resolve_by_chinese_and_english_name(demo: Services) -> None:
    contacts = demo.calendar.contacts
    assert contacts.resolve("王芳").email == "wang.fang@haisong.example"
    assert contacts.resolve("Wang Fang").email == "wang.fang@haisong.example"
    assert contacts.resolve("Li Lei").email == "li.lei@haisong.example"
    assert contacts.resolve("the finance lead").name == "王芳"
    assert contacts.resolve("Tom Becker").zone == "Europe/Berlin"


def test_the_handbook_answers_in_english_and_chinese_once_indexed(demo: Services) -> None:
    documents = demo.documents
    index_all(documents)
    status = documents.status()
    assert (status.indexed, status.skipped, status.errors) == (13, 0, 0)

    def best(query: str) -> tuple[str, str]:
        hit = documents.search(query, limit=1)[0]
        return Path(hit.path).name, hit.snippet

    name, snippet = best("hotel limit per night Shanghai")
    assert (name, "CNY 600" in snippet) == ("travel-and-expense-policy.md", True)
    assert best("出差住宿标准")[0] == "差旅报销制度.md"
    assert best("年假")[0] == "请假制度.txt"
    assert best("USB drives removable storage")[0] == "it-security-policy.pdf"
    assert best("试用期")[0] == "入职指南.docx"
    assert best("purchase approval quotes")[0] == "procurement-approval-limits.docx"


def test_the_office_files_are_what_the_script_makes() -> None:
    script = resource_path("demo", "make_office_files.py")
    spec = importlib.util.spec_from_file_location("make_office_files", script)
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def members(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {info.filename: package.read(info) for info in package.infolist()}

    made: dict[str, bytes] = module.office_files()
    assert sorted(made) == ["it-security-policy.pdf", "procurement-approval-limits.docx",
                            "入职指南.docx"]
    for name, data in made.items():
        kept = resource_path("demo", "handbook", name).read_bytes()
        if name.endswith(".docx"):  # compressed bytes may differ between zlib versions
            assert members(kept) == members(data), name
        else:
            assert kept == data, name
    assert made == module.office_files()  # and the same on every run
