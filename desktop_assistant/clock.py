"""The person's time zone and the current time in it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone(name: str = "") -> ZoneInfo:
    """The configured zone, else the system's, else UTC."""
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
    return datetime.now(zone)


def describe_now(zone: ZoneInfo) -> str:
    """"Saturday 21 November 2026, 20:15 (Asia/Shanghai, UTC+08:00)"."""
    now = now_in(zone)
    offset = now.strftime("%z")
    return f"{now:%A %d %B %Y, %H:%M} ({zone.key}, UTC{offset[:3]}:{offset[3:]})"
