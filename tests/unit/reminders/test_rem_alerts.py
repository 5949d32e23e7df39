"""Meeting alerts as a pure function: when they are due, for which meetings, with which link."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desktop_assistant.calendar.model import Attendee, Event
from desktop_assistant.reminders.alerts import (
    alert_key,
    due_alerts,
    join_link,
    meeting_query,
    suggest_documents,
)
from tests.unit.reminders.rem_support import SHANGHAI

START = datetime(2026, 3, 4, 15, 0, tzinfo=SHANGHAI)
REVIEW = Event("review-1", "Budget review", START, START + timedelta(hours=1),
               location="Room 301", description="Q3 numbers")
LEAD = timedelta(minutes=10)


ZOOM = "https://corp.zoom.us/j/123456789?pwd=abc"
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0"
MEET = "https://meet.google.com/abc-defg-hij"
WEBEX = "https://corp.webex.com/meet/wang"
TENCENT = "https://meeting.tencent.com/dm/AbCd123"
FEISHU = "https://vc.feishu.cn/j/123456789"
DINGTALK = "https://meeting.dingtalk.com/j/abc123"


@pytest.mark.parametrize(("where", "text", "url", "provider"), [
    ("video_link", "https://meet.example/q3", "https://meet.example/q3", ""),
    ("description", f"Join: {ZOOM}.", ZOOM, "Zoom"),
    ("description", f"{TEAMS} …", TEAMS, "Microsoft Teams"),
    ("location", MEET, MEET, "Google Meet"),
    ("description", f"Webex: {WEBEX}", WEBEX, "Webex"),
    ("description", f"腾讯会议：{TENCENT}，会议号 123", TENCENT, "Tencent Meeting"),
    ("description", f"飞书视频会议 {FEISHU}", FEISHU, "Feishu"),
    ("location", f"钉钉 {DINGTALK}", DINGTALK, "DingTalk"),
])
def test_join_links(where: str, text: str, url: str, provider: str) -> None:
    fields = {"location": "", "description": "", where: text}
    found = join_link(replace(REVIEW, **fields))
    assert found is not None
    assert (found.url, found.provider) == (url, provider)


def test_no_link_where_there_is_none_and_a_meeting_link_beats_another_url() -> None:
    assert join_link(REVIEW) is None
    plain = replace(REVIEW, description="Agenda: https://wiki.corp.example/q3")
    assert join_link(plain) is None
    both = replace(REVIEW, description="Agenda https://wiki.corp.example/q3 then "
                                       "https://zoom.us/j/42")
    assert join_link(both) is not None
    assert join_link(both).url == "https://zoom.us/j/42"  # type: ignore[union-attr]


def test_an_alert_is_due_from_the_lead_time_until_the_meeting_ends() -> None:
    before, following = due_alerts([REVIEW], START - LEAD - timedelta(seconds=1), LEAD)
    assert before == []
    assert following == (START - LEAD).astimezone(UTC)
    on_time, _ = due_alerts([REVIEW], START - LEAD, LEAD)
    assert [(a.event.uid, a.late) for a in on_time] == [("review-1", False)]
    started, _ = due_alerts([REVIEW], START + timedelta(minutes=20), LEAD)
    assert [a.late for a in started] == [True]
    assert due_alerts([REVIEW], START + timedelta(hours=1), LEAD) == ([], None)


def test_no_alert_for_all_day_cancelled_or_declined_meetings() -> None:
    me = "me@corp.example"
    skipped = [
        replace(REVIEW, uid="a", all_day=True),
        replace(REVIEW, uid="b", status="CANCELLED"),
        replace(REVIEW, uid="c", attendees=(Attendee(me, status="DECLINED"),)),
    ]
    kept = replace(REVIEW, uid="d", attendees=(Attendee(me, status="ACCEPTED"),))
    found, _ = due_alerts([*skipped, kept], START - LEAD, LEAD, me)
    assert [a.event.uid for a in found] == ["d"]


def test_the_key_names_the_occurrence_and_its_start() -> None:
    occurrence = replace(REVIEW, recurrence_id=START)
    assert alert_key(occurrence) == "review-1@20260304T070000Z|20260304T070000Z"
    moved = replace(REVIEW, start=START + timedelta(hours=1), end=START + timedelta(hours=2))
    assert alert_key(moved) != alert_key(REVIEW)


def test_documents_are_searched_by_title_and_description_without_links() -> None:
    asked: list[tuple[str, int]] = []

    class Hit:
        def __init__(self, path: str) -> None:
            self.path, self.title = path, ""

    def search(query: str, limit: int) -> list[Hit]:
        asked.append((query, limit))
        return [Hit(f"/drive/{n}.xlsx") for n in ("Q3-budget", "Q2-budget", "plan", "extra")]

    event = replace(REVIEW, description="Q3 numbers https://zoom.us/j/1")
    assert meeting_query(event) == "Budget review Q3 numbers"
    hints = suggest_documents(event, search)
    assert [h.name for h in hints] == ["Q3-budget.xlsx", "Q2-budget.xlsx", "plan.xlsx"]
    assert asked == [("Budget review Q3 numbers", 3)]

    def failing(query: str, limit: int) -> list[Hit]:
        raise OSError("index is locked")

    assert suggest_documents(event, failing) == ()
