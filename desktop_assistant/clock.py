"""The person's time zone and the current time in it.

``zoneinfo`` and ``datetime`` are imported on first use: nothing needs them before the window
has painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo


def local_zone(name: str = "") -> ZoneInfo:
    """The configured zone, else the system's, else UTC."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:
        return ZoneInfo("UTC")


def now_in(zone: ZoneInfo) -> datetime:
    from datetime import datetime

    return datetime.now(zone)


def describe_now(zone: ZoneInfo) -> str:
    """"Saturday 21 November 2026, 20:15 (Asia/Shanghai, UTC+08:00)"."""
    now = now_in(zone)
    offset = now.strftime("%z")
    return f"{now:%A %d %B %Y, %H:%M} ({zone.key}, UTC{offset[:3]}:{offset[3:]})"
