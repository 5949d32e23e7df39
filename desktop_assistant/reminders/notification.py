"""What the person is shown: a plain ``Notification`` the UI turns into a platform one.

Nothing here is platform-specific: the tray, the D-Bus client (or Notification Center, or a
toast) read ``title``, ``body``, ``urgent`` and ``actions``, and hand the chosen action's
``key`` back to :meth:`ReminderService.respond`. ``reminder_id``, ``event_uid`` and
``conversation_id`` say what clicking it opens. Texts are English or Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.reminders.alerts import MeetingAlert
from desktop_assistant.reminders.briefing import Briefing
from desktop_assistant.reminders.model import Firing
from desktop_assistant.reminders.repeat import describe_repeat

REMINDER = "reminder"
MEETING = "meeting"
BRIEFING = "briefing"

SNOOZE_MINUTES = (5, 15, 60)
SNOOZE_TOMORROW = "snooze:tomorrow"
DONE = "done"
OPEN = "open"  # open the related conversation (or event)
JOIN = "join"  # open the meeting's join link

_LABELS = {
    "en": {"snooze:5": "Snooze 5 min", "snooze:15": "Snooze 15 min", "snooze:60": "Snooze 1 hour",
           SNOOZE_TOMORROW: "Tomorrow", DONE: "Done", OPEN: "Open in chat", JOIN: "Join",
           "open-event": "Open event"},
    "zh": {"snooze:5": "5 分钟后", "snooze:15": "15 分钟后", "snooze:60": "1 小时后",
           SNOOZE_TOMORROW: "明天再说", DONE: "完成", OPEN: "在对话中打开", JOIN: "加入会议",
           "open-event": "打开日程"},
}


@dataclass(frozen=True)
class Action:
    """A button on the notification: ``key`` goes back to the service, ``label`` is shown."""

    key: str
    label: str


@dataclass(frozen=True)
class Notification:
    """One notification to show, once."""

    key: str  # unique per delivery: "reminder:12:2026-03-13T16:00:00", "briefing:2026-03-13"
    kind: str  # reminder | meeting | briefing
    title: str
    body: str
    due_at: datetime
    urgent: bool = False
    late: bool = False
    actions: tuple[Action, ...] = ()
    reminder_id: int | None = None
    event_uid: str | None = None  # the meeting's event (its id in the calendar)
    conversation_id: int | None = None
    link: str = ""  # a meeting's join link

    def as_dict(self) -> dict[str, object]:
        """JSON-ready (``remind due --json``)."""
        return {"key": self.key, "kind": self.kind, "title": self.title, "body": self.body,
                "due_at": self.due_at.isoformat(), "urgent": self.urgent, "late": self.late,
                "actions": [a.key for a in self.actions], "reminder_id": self.reminder_id,
                "event_uid": self.event_uid, "conversation_id": self.conversation_id,
                "link": self.link}


def _actions(language: str, keys: list[str]) -> tuple[Action, ...]:
    labels = _LABELS.get(language, _LABELS["en"])
    return tuple(Action(key.replace("open-event", OPEN), labels[key]) for key in keys)


def when_text(moment: datetime, now: datetime, zone: ZoneInfo, language: str) -> str:
    """"17:00" today, "Fri 13 Mar 17:00" (or "3月13日 17:00") another day."""
    local, today = moment.astimezone(zone), now.astimezone(zone)
    if local.date() == today.date():
        return f"{local:%H:%M}"
    if language == "zh":
        return f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local:%a %d %b} {local:%H:%M}"


def reminder_notification(firing: Firing, now: datetime, zone: ZoneInfo,
                          language: str) -> Notification:
    """A reminder coming due (or back from a snooze), with its snooze and done buttons."""
    reminder = firing.reminder
    zh = language == "zh"
    lines = []
    at = when_text(firing.due_at, now, zone, language)
    if firing.snoozed:
        lines.append(f"稍后提醒（{at}）" if zh else f"Snoozed until {at}")
    elif firing.late:
        lines.append(f"原定 {at}，错过时应用未运行" if zh else
                     f"Was due {at} (missed while the app was closed or asleep)")
    else:
        lines.append(at)
    if reminder.rule:
        lines.append(describe_repeat(reminder.rule, language))
    occurrence = firing.occurrence.isoformat() if firing.occurrence else "snooze"
    keys = [f"snooze:{m}" for m in SNOOZE_MINUTES] + [SNOOZE_TOMORROW, DONE, OPEN]
    return Notification(
        key=f"{REMINDER}:{reminder.id}:{occurrence}:{firing.due_at.isoformat()}",
        kind=REMINDER,
        title=("提醒：" if zh else "Reminder: ") + reminder.text[:120],
        body=" · ".join(lines),
        due_at=firing.due_at,
        urgent=reminder.urgent,
        late=firing.late,
        actions=_actions(language, keys),
        reminder_id=reminder.id,
        conversation_id=reminder.conversation_id,
    )


def meeting_notification(alert: MeetingAlert, now: datetime, zone: ZoneInfo,
                         language: str) -> Notification:
    """"Budget review at 15:00", with where, the join link and the documents to open."""
    event = alert.event
    zh = language == "zh"
    start = event.start.astimezone(zone)
    minutes = round((event.start - now) / timedelta(minutes=1))
    if minutes > 0:
        starts = f"{minutes} 分钟后开始" if zh else (
            f"Starts in {minutes} minute{'s' * (minutes != 1)}")
    else:
        starts = "已开始" if zh else "Started"
    span = f"{start:%H:%M}–{event.end.astimezone(zone):%H:%M}"
    lines = [f"{starts}（{span}）" if zh else f"{starts} ({span})"]
    if event.location:
        lines.append(("地点：" if zh else "Where: ") + event.location)
    if alert.link is not None:
        provider = alert.link.provider_zh if zh else alert.link.provider
        label = "加入" if zh else "Join"
        lines.append(f"{label}{f' ({provider})' if provider else ''}: {alert.link.url}")
    if alert.documents:
        names = "; ".join(d.name for d in alert.documents)
        lines.append(f"会前资料：{names}" if zh else
                     f"Before your {start:%H:%M} {event.title}: {names}")
    keys = ([JOIN] if alert.link else []) + ["open-event"]
    title = f"{start:%H:%M} {event.title}" if zh else f"{event.title} at {start:%H:%M}"
    return Notification(
        key=f"{MEETING}:{alert.key}",
        kind=MEETING,
        title=title,
        body="\n".join(lines),
        due_at=alert.alert_at,
        late=alert.late,
        actions=_actions(language, keys),
        event_uid=event.uid,
        link=alert.link.url if alert.link else "",
    )


def briefing_notification(briefing: Briefing, due_at: datetime, late: bool,
                          conversation_id: int | None = None) -> Notification:
    """The day's plan in short; "Open in chat" opens the whole briefing in "Today"."""
    return Notification(
        key=f"{BRIEFING}:{briefing.key}",
        kind=BRIEFING,
        title=briefing.title(),
        body=briefing.summary(),
        due_at=due_at,
        late=late,
        actions=_actions(briefing.language, [OPEN]),
        conversation_id=conversation_id,
    )
