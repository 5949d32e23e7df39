"""The calendar in the window: the agenda panel, proposed times as buttons in the chat, and the
Calendar and Contacts tabs of Settings. Real widgets, the real calendar service on the test's
own home, the scripted model server, Radicale and a private Secret Service where needed."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_assistant.calendar.preferences import CalendarPreferences
from desktop_assistant.calendar.when import parse_range
from desktop_assistant.ui.cards import ConfirmationCard
from desktop_assistant.ui.slot_choices import SlotChoices
from tests.gui.driving import TIMEOUT_MS, send
from tests.support.openai_server import Call, Text, ToolCalls
from tests.support.radicale_server import RadicaleServer, free_port, radicale_missing

ME = "me@corp.example"
ZONE = "Asia/Shanghai"


def use_calendar(services: Any, **settings: Any) -> Any:
    """The person works in Shanghai and organizes as ME; returns the calendar service."""
    services.settings = dataclasses.replace(services.settings, timezone=ZONE,
                                            calendar_email=ME, **settings)
    return services.calendar


def write_ics(folder: Path, today: date) -> Path:
    """A daily stand-up from this week's Monday (14 times), a review today at 14:00 Shanghai
    (06:00 UTC) with a room, a video link and attendees, and an all-day offsite tomorrow."""
    monday = today - timedelta(days=today.weekday())
    tomorrow = today + timedelta(days=1)
    path = folder / "work.ics"
    path.write_text(f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//desktop-assistant tests//EN
BEGIN:VEVENT
UID:standup@corp.example
DTSTAMP:20260101T000000Z
DTSTART;TZID=Asia/Shanghai:{monday:%Y%m%d}T093000
DTEND;TZID=Asia/Shanghai:{monday:%Y%m%d}T094500
RRULE:FREQ=DAILY;COUNT=14
SUMMARY:Team stand-up
LOCATION:Room 301
END:VEVENT
BEGIN:VEVENT
UID:review@corp.example
DTSTAMP:20260101T000000Z
DTSTART:{today:%Y%m%d}T060000Z
DTEND:{today:%Y%m%d}T070000Z
SUMMARY:Q3 budget review 预算评审
ORGANIZER:mailto:{ME}
ATTENDEE;CN=Wang Fang:mailto:wang.fang@corp.example
ATTENDEE:mailto:pm@corp.example
CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example.com/abc-defg-hij
END:VEVENT
BEGIN:VEVENT
UID:offsite@corp.example
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:{tomorrow:%Y%m%d}
DTEND;VALUE=DATE:{tomorrow + timedelta(days=1):%Y%m%d}
SUMMARY:Company offsite
END:VEVENT
END:VCALENDAR
""", encoding="utf-8")
    return path


def rows(view: Any) -> list[tuple[str, str]]:
    return [(row.time.text(), row.title.text()) for row in view.events()]


def cards_of(window: Any, kind: type) -> list[Any]:
    return [card for card in window.chat.cards() if isinstance(card, kind)]


# The agenda ---------------------------------------------------------------------------------


def test_agenda_lists_imported_events_by_day_and_week(
    qtbot: Any, window: Any, services: Any, tmp_path: Path
) -> None:
    calendar = use_calendar(services)
    today = calendar.now().date()
    view = window.agenda.view
    assert window.agenda_action.shortcut().toString() == "Ctrl+Shift+A"
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        window.agenda_action.trigger()
    assert window.agenda.isVisible()
    assert view.message.text() == "Nothing on your calendar today."
    assert view.events() == []

    with qtbot.waitSignals([view.imported, view.shown], timeout=TIMEOUT_MS):
        view.import_file(write_ics(tmp_path, today))
    assert view.note.text().startswith("Imported work.ics: 3 events")
    assert rows(view) == [("09:30–09:45", "Team stand-up"),
                          ("14:00–15:00", "Q3 budget review 预算评审")]
    assert view.day_titles() == [f"Today · {today:%A %d %B}"]
    standup, review = view.events()
    assert standup.lines == ["Room 301", "↻ Repeats"]
    assert review.lines == ["Video: https://meet.example.com/abc-defg-hij",
                            "With Wang Fang, pm@corp.example"]
    assert view.period.text() == f"{today:%a %d %b %Y} · {ZONE}"

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    tomorrow = today + timedelta(days=1)
    assert view.day_titles() == [f"Tomorrow · {tomorrow:%A %d %B}"]
    # The stand-up runs every day of this week and next.
    assert rows(view) == [("All day", "Company offsite"), ("09:30–09:45", "Team stand-up")]

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.week_button, Qt.MouseButton.LeftButton)
    assert view.mode == "week"
    monday = tomorrow - timedelta(days=tomorrow.weekday())
    assert view.period.text().startswith(f"{monday:%a %d %b} – ")
    assert len([r for r in rows(view) if r[1] == "Team stand-up"]) == 7

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.events() == []
    assert view.message.text() == "Nothing on your calendar that week."

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    this_week = today - timedelta(days=today.weekday())
    assert view.period.text().startswith(f"{this_week:%a %d %b} – ")
    assert ("14:00–15:00", "Q3 budget review 预算评审") in rows(view)
    assert f"Today · {today:%A %d %B}" in view.day_titles()
    assert not view.note.isVisible()  # the import's summary went with the page it came with

    broken = tmp_path / "broken.ics"
    broken.write_text("hello", encoding="utf-8")
    with qtbot.waitSignals([view.imported, view.shown], timeout=TIMEOUT_MS):
        view.import_file(broken)
    assert view.note.text().startswith("Skipped broken.ics: not a readable iCalendar file")
    assert view.note.property("state") == "error"
    assert ("14:00–15:00", "Q3 budget review 预算评审") in rows(view)


def test_agenda_says_why_it_cannot_read_the_calendar_and_tries_again(
    qtbot: Any, window: Any, services: Any
) -> None:
    use_calendar(services, calendar_backend="caldav",
                 calendar_caldav_url=f"http://127.0.0.1:{free_port()}/alice/work/",
                 calendar_timeout=5.0)
    view = window.agenda.view
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        window.agenda_action.trigger()
    assert view.message.text().startswith("Your calendar could not be read: the CalDAV "
                                          "calendar at 127.0.0.1:")
    assert "cannot be reached" in view.message.text()
    assert view.retry_button.isVisible()

    use_calendar(services, calendar_backend="local")
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "Nothing on your calendar today."
    assert not view.retry_button.isVisible()


# Proposed times in the chat -----------------------------------------------------------------


def test_picking_a_found_slot_asks_the_model_to_book_it_and_the_card_still_asks(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    calendar = use_calendar(services)
    start, end = parse_range("next week", calendar.now())
    found = calendar.find_slots(["finance@corp.example"], timedelta(minutes=30), start, end)
    second = found.as_dict()["slots"][1]
    server.enqueue(
        ToolCalls([Call("find_free_slots", json.dumps(
            {"attendees": ["finance@corp.example"], "duration_minutes": 30,
             "start": "next week"}))]),
        Text(["Here are some times."]),
        ToolCalls([Call("create_event", json.dumps(
            {"title": "Q3 budget", "start": second["start"], "duration_minutes": 30,
             "attendees": ["finance@corp.example"]}))]),
        Text(["Booked."]),
    )
    send(qtbot, window, "Find 30 minutes with finance@corp.example next week")

    [choices] = cards_of(window, SlotChoices)
    assert len(choices.buttons) == len(found.search.slots)
    chosen_start = datetime.fromisoformat(second["start"])
    assert choices.buttons[1].text() == (
        f"{chosen_start:%a %d %b %H:%M}–{datetime.fromisoformat(second['end']):%H:%M}")
    assert all(button.isEnabled() for button in choices.buttons)

    qtbot.mouseClick(choices.buttons[1], Qt.MouseButton.LeftButton)
    assert window.chat.turn_running
    assert not any(button.isEnabled() for button in choices.buttons)  # one pick at a time
    assert choices.chosen() == 2
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    asked = server.requests[2].body["messages"][-1]
    assert asked == {"role": "user", "content": f"Book option 2: {second['your_time']}"}
    card = cards_of(window, ConfirmationCard)[0]
    assert card.request.tool == "create_event"
    assert card.summary.text().startswith("Create “Q3 budget” on your local calendar.")
    assert calendar.agenda(start, end).events == []  # nothing happens before the person agrees

    with qtbot.waitSignal(window.chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(card.allow_button, Qt.MouseButton.LeftButton)
    assert [(e.title, e.start) for e in calendar.agenda(start, end).events] == [
        ("Q3 budget", chosen_start)]
    assert all(button.isEnabled() for button in choices.buttons)


def test_free_command_times_fill_in_schedule_and_come_back_with_the_conversation(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    calendar = use_calendar(bare_services)
    chat = bare_window.chat
    send(qtbot, bare_window, "/free 45m with wang.fang@corp.example, pm@corp.example next week")
    [choices] = cards_of(bare_window, SlotChoices)
    start, end = parse_range("next week", calendar.now())
    found = calendar.find_slots(["wang.fang@corp.example", "pm@corp.example"],
                                timedelta(minutes=45), start, end)
    slot = found.search.slots[0]
    assert [c.start for c in choices.choices] == [s.start for s in found.search.slots]

    qtbot.mouseClick(choices.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chat.input.toPlainText().startswith("/schedule"), timeout=TIMEOUT_MS)
    local = slot.start.astimezone(calendar.zone())
    assert chat.input.toPlainText() == (
        f"/schedule Meeting with wang.fang@corp.example, pm@corp.example "
        f"{local:%Y-%m-%dT%H:%M} for 45m")
    assert chat.input.textCursor().selectedText() == "Meeting"  # typing replaces the title

    qtbot.keyClicks(chat.input, "Budget review")
    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert chat.bubbles()[-1].text().startswith("Create “Budget review” on your local calendar.")
    send(qtbot, bare_window, "/schedule yes")
    assert chat.bubbles()[-1].text().startswith("Created “Budget review”")
    assert [(e.title, e.start) for e in calendar.agenda(start, end).events] == [
        ("Budget review", local)]

    chat.load_conversation(chat.conversation_id)
    [again] = cards_of(bare_window, SlotChoices)
    assert [c.start for c in again.choices] == [c.start for c in choices.choices]


# Settings → Calendar ------------------------------------------------------------------------


@pytest.fixture
def settings_dialog(qtbot: Any, services: Any) -> Any:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(
        dialog.calendar_settings.parentWidget()))
    return dialog


def test_calendar_settings_reject_bad_values_and_save_good_ones(
    qtbot: Any, settings_dialog: Any, services: Any
) -> None:
    form = settings_dialog.calendar_settings
    assert settings_dialog.save_button.isVisible()
    form.breaks.setText("lunch")
    qtbot.mouseClick(settings_dialog.save_button, Qt.MouseButton.LeftButton)
    assert form.status.text() == "Breaks must look like 09:00-18:00, not 'lunch'."
    assert settings_dialog.isVisible()
    assert not services.paths.settings_file.exists()

    form.breaks.setText("12:00-13:00, 15:00-15:30")
    form.email.setText("not an address")
    qtbot.mouseClick(settings_dialog.save_button, Qt.MouseButton.LeftButton)
    assert form.status.text() == "Your email 'not an address' is not an email address."

    form.email.setText(ME)
    form.work_hours.setText("08:30-17:30")
    form.day_buttons[4].setChecked(False)  # no Fridays
    form.buffer.setValue(10)
    form.notice.setValue(120)
    with qtbot.waitSignal(settings_dialog.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(settings_dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["Calendar settings saved.", False]
    stored = services.paths.settings_file.read_text(encoding="utf-8")
    assert 'calendar_work_days = "Mon-Thu"' in stored
    assert 'calendar_breaks = "12:00-13:00, 15:00-15:30"' in stored
    prefs = CalendarPreferences.from_settings(services.settings)
    assert (str(prefs.hours), sorted(prefs.hours.days), prefs.email) == (
        "08:30–17:30", [0, 1, 2, 3], ME)
    assert (prefs.buffer, prefs.notice) == (timedelta(minutes=10), timedelta(hours=2))


def test_google_sign_in_says_what_is_missing(
    qtbot: Any, settings_dialog: Any, tmp_path: Path
) -> None:
    form = settings_dialog.calendar_settings
    form.backend.setCurrentIndex(form.backend.findData("google"))
    assert form.google_box.isVisible()
    assert not form.caldav_box.isVisible()
    missing = tmp_path / "client_secret.json"
    form.client_file.setText(str(missing))
    qtbot.mouseClick(form.sign_in_button, Qt.MouseButton.LeftButton)
    assert not form.sign_in_button.isEnabled()
    qtbot.waitUntil(form.sign_in_button.isEnabled, timeout=TIMEOUT_MS)
    assert form.status.text() == (
        f"Google sign-in failed: The Google OAuth client file {missing} does not exist.")


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if radicale_missing():
        pytest.skip(radicale_missing() or "")
    with RadicaleServer(tmp_path_factory.mktemp("radicale"), {"alice": "s3cret"}) as server:
        yield server


def test_caldav_test_connection_says_exactly_what_happened(
    qtbot: Any, settings_dialog: Any, radicale: Any
) -> None:
    form = settings_dialog.calendar_settings
    form.backend.setCurrentIndex(form.backend.findData("caldav"))
    form.caldav_url.setText(radicale.make_calendar("alice", "gui-test"))
    form.caldav_username.setText("alice")
    form.caldav_password.setText("wrong")
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.test_button.isEnabled, timeout=TIMEOUT_MS)
    assert "refused the username or password" in form.status.text()
    assert form.status.property("state") == "error"

    form.caldav_password.setText("s3cret")
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.test_button.isEnabled, timeout=TIMEOUT_MS)
    assert form.status.text() == (f"Connected to the CalDAV calendar at 127.0.0.1:{radicale.port}"
                                  ": 0 events in the next 7 days.")


def test_caldav_password_goes_to_the_keyring_never_to_settings(
    qtbot: Any, services: Any, keyring_service: str, radicale: Any
) -> None:
    from desktop_assistant.app import Services
    from desktop_assistant.secrets import SecretStore
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    keyed = Services(services.paths, services.settings, secrets=SecretStore(keyring_service))
    try:
        dialog = SettingsDialog(keyed)
        qtbot.addWidget(dialog)
        form = dialog.calendar_settings
        form.backend.setCurrentIndex(form.backend.findData("caldav"))
        url = radicale.make_calendar("alice", "gui-keyring")
        form.caldav_url.setText(url)
        form.caldav_username.setText("alice")
        form.caldav_password.setText("s3cret")
        with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS) as saved:
            assert form.save()
        message, warning = saved.args
        assert message.startswith("Calendar settings saved. Saved in the system keyring")
        assert not warning
        assert form.caldav_password.text() == ""
        assert SecretStore(keyring_service).get("caldav_password") == "s3cret"
        stored = services.paths.settings_file.read_text(encoding="utf-8")
        assert "s3cret" not in stored
        assert f'calendar_caldav_url = "{url}"' in stored
        now = keyed.calendar.now()
        assert keyed.calendar.agenda(now, now + timedelta(days=1)).events == []  # signed in
    finally:
        keyed.close()


# Settings → Contacts ------------------------------------------------------------------------


def test_contacts_add_edit_import_and_delete(
    qtbot: Any, settings_dialog: Any, services: Any, tmp_path: Path
) -> None:
    contacts = settings_dialog.contacts
    qtbot.waitUntil(lambda: "No contacts yet" in contacts.status.text(), timeout=TIMEOUT_MS)

    dialog = contacts.add()
    dialog.name.setText("Wang Fang")
    dialog.email.setText("wang.fang@corp.example")
    dialog.zone.setCurrentText("Mars/Olympus")
    dialog.roles.setText("finance lead, 财务")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "unknown time zone" in dialog.status.text(), timeout=TIMEOUT_MS)
    assert dialog.isVisible()
    dialog.zone.setCurrentText(ZONE)
    dialog.hours.setText("9-18")
    with qtbot.waitSignal(contacts.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert contacts.emails() == ["wang.fang@corp.example"]
    assert [contacts.table.item(0, c).text() for c in range(4)] == [
        "Wang Fang", "wang.fang@corp.example", ZONE, "09:00–18:00 Mon-Fri"]
    saved = services.calendar.contacts.get("wang.fang@corp.example")
    assert saved.aliases == ("finance lead", "财务")

    contacts.select("wang.fang@corp.example")
    edit = contacts.edit()
    assert edit.name.text() == "Wang Fang"
    assert edit.days.text() == "Mon-Fri"
    edit.days.setText("Sun-Thu")
    with qtbot.waitSignal(contacts.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert contacts.table.item(0, 3).text() == "09:00–18:00 Mon,Tue,Wed,Thu,Sun"

    people = tmp_path / "people.csv"
    people.write_text("Name,Email,Time zone\nPriya Menon,pm@corp.example,Europe/Berlin\n"
                      "No Address,,Asia/Tokyo\n", encoding="utf-8")
    said: list[str] = []
    contacts.imported.connect(said.append)
    with qtbot.waitSignals([contacts.imported, contacts.loaded], timeout=TIMEOUT_MS):
        contacts.import_file(people)
    assert said[0].splitlines() == contacts.status.text().splitlines() == [
        "people.csv: 1 contacts added, 0 updated, 1 skipped.",
        "• people.csv: line 3 (No Address) has no email address.",
    ]
    assert contacts.emails() == ["pm@corp.example", "wang.fang@corp.example"]

    contacts.select("pm@corp.example")
    with qtbot.waitSignal(contacts.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(contacts.delete_button, Qt.MouseButton.LeftButton)
    assert contacts.status.text() == "Deleted Priya Menon."
    assert contacts.emails() == ["wang.fang@corp.example"]
    assert [c.email for c in services.calendar.contacts.all()] == ["wang.fang@corp.example"]
