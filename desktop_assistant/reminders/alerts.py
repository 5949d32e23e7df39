"""Meeting alerts: which are due, the link to join, and documents worth opening first.

An alert is due from ``lead`` before a meeting starts until the meeting ends (opened late, the
app still says "your meeting started, here is the link"), once per event occurrence: its key
names the occurrence and its start, so a meeting moved to another time is announced again.
All-day events, cancelled ones and ones the person declined get no alert.

The join link is the event's video link, else the first meeting URL of a known service in
its location or description (Zoom, Microsoft Teams, Google Meet, Webex, Tencent Meeting 腾讯会议,
Feishu/Lark 飞书, DingTalk 钉钉). Documents come from an injected search (the app's
``DocumentService.search``) over the title and description; event text is data, only ever
used as a query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from desktop_assistant.calendar.model import Event
from desktop_assistant.reminders.model import LATE_AFTER

_URL = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"  # what RFC 3986 allows in a URL
# (name in English, name in Chinese, what its meeting links look like)
_PROVIDERS: list[tuple[str, str, re.Pattern[str]]] = [
    (english, chinese, re.compile(pattern, re.IGNORECASE))
    for english, chinese, pattern in (
        ("Zoom", "Zoom", rf"https?://(?:[\w-]+\.)*zoom(?:gov)?\.(?:us|com|com\.cn)/"
                         rf"(?:j|my|w|s|wc/join)/{_URL}+"),
        ("Microsoft Teams", "Teams", rf"https?://teams\.(?:microsoft|live)\.com/"
                                     rf"(?:l/meetup-join|meet)/{_URL}+"),
        ("Google Meet", "Google Meet", rf"https?://meet\.google\.com/[a-z0-9-]+{_URL}*"),
        ("Webex", "Webex", rf"https?://(?:[\w-]+\.)*webex\.com/{_URL}+"),
        ("Tencent Meeting", "腾讯会议", rf"https?://(?:meeting\.tencent\.com|(?:www\.)?"
                                     rf"voovmeeting\.com)/{_URL}+"),
        ("Feishu", "飞书", rf"https?://(?:[\w-]+\.)*(?:feishu\.cn|larksuite\.com)/"
                          rf"(?:j|meeting|vc){_URL}*"),
        ("DingTalk", "钉钉", rf"https?://(?:[\w-]+\.)*dingtalk\.com/{_URL}+"),
    )
]
_ANY_URL = re.compile(rf"https?://{_URL}+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>'\"，。；：！？）》」"


class FoundDocument(Protocol):
    """What the document search returns for each file (``documents.engine.Hit`` fits)."""

    @property
    def path(self) -> str: ...

    @property
    def title(self) -> str: ...


DocumentSearch = Callable[[str, int], Sequence[FoundDocument]]


@dataclass(frozen=True)
class JoinLink:
    url: str
    provider: str  # "Zoom", "Microsoft Teams" … or "" for another link
    provider_zh: str = ""


@dataclass(frozen=True)
class DocumentHint:
    """A document worth opening before the meeting."""

    name: str  # the file's name, as people recognize it
    path: str
    title: str = ""


@dataclass(frozen=True)
class MeetingAlert:
    """A meeting about to start (or started): when it was due, its link and documents."""

    event: Event
    key: str
    alert_at: datetime
    late: bool
    link: JoinLink | None = None
    documents: tuple[DocumentHint, ...] = ()


def alert_key(event: Event) -> str:
    """The occurrence and its start: one alert per meeting, again if it moves."""
    return f"{event.occurrence_key}|{event.start.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def declined(event: Event, email: str) -> bool:
    me = email.strip().lower()
    return bool(me) and any(a.email.lower() == me and a.status == "DECLINED"
                            for a in event.attendees)


def due_alerts(
    events: Iterable[Event], now: datetime, lead: timedelta, email: str = ""
) -> tuple[list[MeetingAlert], datetime | None]:
    """The alerts due at ``now`` (earliest first) and the next instant another is due."""
    due: list[MeetingAlert] = []
    upcoming: list[datetime] = []
    for event in events:
        if event.all_day or event.status == "CANCELLED" or declined(event, email):
            continue
        alert_at = (event.start - lead).astimezone(UTC)
        if alert_at > now:
            upcoming.append(alert_at)
        elif now < max(event.end, event.start + timedelta(minutes=1)):
            due.append(MeetingAlert(event, alert_key(event), alert_at, now - alert_at > LATE_AFTER,
                                    join_link(event)))
    due.sort(key=lambda a: (a.event.start, a.event.title))
    return due, min(upcoming, default=None)


def join_link(event: Event) -> JoinLink | None:
    """The link to join ``event`` online, if any."""
    for text in (event.video_link, event.location, event.description):
        for english, chinese, pattern in _PROVIDERS:
            match = pattern.search(text or "")
            if match:
                return JoinLink(match.group(0).rstrip(_TRAILING), english, chinese)
    found = _ANY_URL.search(event.video_link or "")
    return JoinLink(found.group(0).rstrip(_TRAILING), "") if found else None


def meeting_query(event: Event) -> str:
    """What to search the documents for: the title and the description, without links."""
    text = f"{event.title} {event.description}"
    text = _ANY_URL.sub(" ", text)
    words = text.split()
    return " ".join(words[:60])


def suggest_documents(event: Event, search: DocumentSearch, limit: int = 3
                      ) -> tuple[DocumentHint, ...]:
    """Up to ``limit`` documents relevant to the meeting (none when the search fails)."""
    query = meeting_query(event)
    if not query:
        return ()
    try:
        hits: Sequence[Any] = search(query, limit)
    except (OSError, ValueError, RuntimeError):
        return ()
    hints = []
    for hit in list(hits)[:limit]:
        path = str(hit.path)
        hints.append(DocumentHint(re.split(r"[\\/]", path)[-1], path, str(hit.title or "")))
    return tuple(hints)
