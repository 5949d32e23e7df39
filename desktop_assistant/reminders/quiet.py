"""Quiet hours: a daily stretch of wall-clock time with no notifications but urgent ones.

``quiet_hours`` is "" (none) or "22:00-08:00"; a stretch that ends before it starts wraps past
midnight. What comes due in quiet hours is held, not dropped: it is delivered when they end,
marked late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.reminders.wallclock import resolve, wall


@dataclass(frozen=True)
class QuietHours:
    """From ``start`` to ``end`` every day, local time; ``start`` > ``end`` wraps midnight."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str, key: str = "quiet_hours") -> QuietHours | None:
        """"22:00-08:00" as quiet hours, "" as None; ValueError naming ``key`` otherwise."""
        if not text.strip():
            return None
        from desktop_assistant.calendar.preferences import parse_hours

        start, end = parse_hours(text, key)
        return cls(start, end)

    def contains(self, moment: datetime, zone: ZoneInfo) -> bool:
        """True when the instant ``moment`` falls in quiet hours where the person is."""
        local = wall(moment, zone).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """The instant (UTC) the quiet hours around ``moment`` end (``moment`` if not quiet)."""
        if not self.contains(moment, zone):
            return moment
        local = wall(moment, zone)
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)  # in the evening part: they end tomorrow morning
        return resolve(datetime.combine(day, self.end), zone)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
