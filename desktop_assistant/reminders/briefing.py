"""The daily briefing: today's meetings, the reminders still due, and the free blocks.

It is due at ``briefing_time`` on ``briefing_days`` (local time where the person is), once a
day; opened later the same day, before the working day ends, it still comes, marked late.
The text is in English or Chinese by the language setting; the service gathers the parts from
the calendar and the reminders, this module only decides when and says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Event
from desktop_assistant.reminders.model import LATE_AFTER, Reminder
from desktop_assistant.reminders.wallclock import resolve, wall

_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_DAYS = "一二三四五六日"


@dataclass(frozen=True)
class Briefing:
    """One day's plan, and how it reads."""

    day: date
    meetings: tuple[Event, ...]
    reminders: tuple[tuple[datetime, Reminder], ...]  # (instant, reminder), in time order
    free: tuple[tuple[datetime, datetime], ...]
    zone: ZoneInfo
    language: str = "en"
    name: str = ""

    @property
    def key(self) -> str:
        return self.day.isoformat()

    def title(self) -> str:
        """"Your day: 2 meetings, 1 reminder" / "今天：2 个会议，1 个提醒"."""
        meetings, reminders = len(self.meetings), len(self.reminders)
        if self.language == "zh":
            return f"今天：{meetings} 个会议，{reminders} 个提醒"
        return (f"Your day: {meetings} meeting{'s' * (meetings != 1)}, "
                f"{reminders} reminder{'s' * (reminders != 1)}")

    def text(self) -> str:
        """The whole briefing as Markdown, for the "Today" conversation."""
        zh = self.language == "zh"
        day = self.day
        if zh:
            hello = f"早上好{'，' + self.name if self.name else ''}。"
            lines = [f"{hello}今天是{day.month}月{day.day}日 星期{_ZH_DAYS[day.weekday()]}。"]
        else:
            greeting = f"Good morning{', ' + self.name if self.name else ''}."
            lines = [f"{greeting} Today is {_EN_DAYS[day.weekday()]} {day.day} "
                     f"{day:%B %Y}."]
        lines.append("")
        lines.append(f"**会议（{len(self.meetings)}）**" if zh
                     else f"**Meetings ({len(self.meetings)})**")
        lines += [f"- {self._meeting(e)}" for e in self.meetings] or [
            "- 没有会议" if zh else "- None"]
        lines.append("")
        lines.append(f"**提醒（{len(self.reminders)}）**" if zh
                     else f"**Reminders ({len(self.reminders)})**")
        lines += [f"- {at.astimezone(self.zone):%H:%M} {r.text}" for at, r in self.reminders] or [
            "- 没有提醒" if zh else "- None"]
        lines.append("")
        blocks = [f"{a.astimezone(self.zone):%H:%M}–{b.astimezone(self.zone):%H:%M}"
                  for a, b in self.free]
        if zh:
            lines.append("**空闲时间**：" + ("、".join(blocks) if blocks
                                          else "今天没有整块空闲时间"))
        else:
            lines.append("**Free**: " + (", ".join(blocks) if blocks else
                                         "no free block left today"))
        return "\n".join(lines)

    def summary(self) -> str:
        """A few lines for the notification: the meetings, then the reminders."""
        lines = [self._meeting(e) for e in self.meetings[:3]]
        lines += [f"{at.astimezone(self.zone):%H:%M} {r.text}" for at, r in self.reminders[:2]]
        if not lines:
            return "今天没有会议和提醒。" if self.language == "zh" else (
                "Nothing on your calendar and no reminders today.")
        return "\n".join(lines)

    def _meeting(self, event: Event) -> str:
        if event.all_day:
            when = "全天" if self.language == "zh" else "all day"
        else:
            when = (f"{event.start.astimezone(self.zone):%H:%M}–"
                    f"{event.end.astimezone(self.zone):%H:%M}")
        where = f" @ {event.location}" if event.location else ""
        return f"{when} {event.title}{where}"


def briefing_due(now: datetime, zone: ZoneInfo, at: time | None, days: frozenset[int],
                 until: time) -> date | None:
    """The day whose briefing is due at ``now`` (delivered or not), or None.

    Due from ``at`` on a briefing day until ``until`` (the end of the working day; the end of
    the day when the briefing is later than that)."""
    if at is None:
        return None
    local = wall(now, zone)
    day = local.date()
    if day.weekday() not in days or now < resolve(datetime.combine(day, at), zone):
        return None
    if until > at and local.time() >= until:
        return None
    return day


def briefing_late(day: date, now: datetime, zone: ZoneInfo, at: time) -> bool:
    return now - resolve(datetime.combine(day, at), zone) > LATE_AFTER


def next_briefing(now: datetime, zone: ZoneInfo, at: time | None, days: frozenset[int],
                  delivered_today: bool) -> datetime | None:
    """The next instant (UTC) a briefing becomes due after ``now``."""
    if at is None or not days:
        return None
    today = wall(now, zone).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if day.weekday() not in days or (offset == 0 and delivered_today):
            continue
        instant = resolve(datetime.combine(day, at), zone)
        if instant > now:
            return instant
    return None
