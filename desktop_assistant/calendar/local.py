"""The local calendar: a folder of .ics files, one per event series (the vdir layout).

It works with no account, and other programs (vdirsyncer, Thunderbird, khal) can read the
folder. Files are written atomically; parsed files are cached by modification time, so an
agenda over hundreds of events does not re-read them all every time.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import LOCAL_LABEL
from desktop_assistant.calendar.components import (
    calendar_with,
    component_from_event,
    event_from_component,
)
from desktop_assistant.calendar.errors import BadCalendarData, NotFound
from desktop_assistant.calendar.ics import Expansion, expand, read_calendars
from desktop_assistant.calendar.model import Busy, Event

if TYPE_CHECKING:
    import icalendar

EXPANSION_CACHE = 4096  # file expansions kept (a file's events for one window)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9@._+-]{0,99}")


class LocalCalendar:
    """Your own calendar as .ics files in ``folder``."""

    name = "local"
    label = LOCAL_LABEL
    sends_invitations = False

    def __init__(self, folder: Path, zone: Callable[[], ZoneInfo]) -> None:
        self.folder = folder
        self._zone = zone
        self._cache: dict[Path, tuple[int, int, list[icalendar.Calendar]]] = {}
        # Expansions are pure in (file version, window, zone): keep recent ones.
        self._expanded: OrderedDict[tuple[Any, ...], Expansion] = OrderedDict()
        self._lock = threading.Lock()

    # Reading -------------------------------------------------------------------------------

    def events(self, start: datetime, end: datetime) -> Expansion:
        result = Expansion()
        if not self.folder.is_dir():
            return result
        zone = self._zone()
        for path in sorted(self.folder.glob("*.ics")):
            try:
                found = self._expand(path, start, end, zone)
            except (BadCalendarData, OSError) as error:
                result.problems.append(str(error))
                continue
            result.events.extend(found.events)
            result.problems.extend(found.problems)
        result.events.sort(key=lambda e: (e.start, e.end, e.title))
        return result

    def _expand(self, path: Path, start: datetime, end: datetime, zone: ZoneInfo) -> Expansion:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size, start, end, zone.key)
        with self._lock:
            if key in self._expanded:
                self._expanded.move_to_end(key)
                return self._expanded[key]
        result = Expansion()
        for calendar in self._read(path):
            found = expand(calendar, start, end, zone, name=path.name)
            result.events.extend(found.events)
            result.problems.extend(found.problems)
        with self._lock:
            self._expanded[key] = result
            while len(self._expanded) > EXPANSION_CACHE:
                self._expanded.popitem(last=False)
        return result

    def find(self, uid: str) -> Event | None:
        path = self.path_for(uid)
        if not path.exists():
            return None
        for calendar in self._read(path):
            for component in calendar.walk("VEVENT"):
                if component.get("RECURRENCE-ID") is None:
                    return event_from_component(component, self._zone())
        return None

    def busy(self, emails: list[str], start: datetime, end: datetime) -> dict[str, list[Busy]]:
        return {}

    # Writing -------------------------------------------------------------------------------

    def create(self, event: Event) -> tuple[Event, bool]:
        existing = self.find(event.uid)
        if existing is not None:
            return existing, False
        self._write(event.uid, [component_from_event(event)])
        return event, True

    def update(self, event: Event) -> Event:
        if not self.path_for(event.uid).exists():
            raise NotFound(f"There is no event {event.uid!r} on {self.label}.")
        self._write(event.uid, [component_from_event(event)])
        return event

    def cancel(self, uid: str) -> Event:
        event = self.find(uid)
        if event is None:
            raise NotFound(f"There is no event {uid!r} on {self.label}.")
        self.path_for(uid).unlink()
        return event

    def store_series(self, uid: str, components: list[Any]) -> None:
        """Keep an imported series (master, overrides) as it came, in its own file."""
        self._write(uid, components)

    def path_for(self, uid: str) -> Path:
        """The file for ``uid``: the UID itself when it is a safe name, else its hash."""
        if _SAFE_NAME.fullmatch(uid) and not uid.endswith("."):
            return self.folder / f"{uid}.ics"
        return self.folder / f"{hashlib.sha256(uid.encode()).hexdigest()[:32]}.ics"

    # Files ---------------------------------------------------------------------------------

    def _write(self, uid: str, components: list[Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = calendar_with(components).to_ical()
        path = self.path_for(uid)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        with self._lock:
            self._cache.pop(path, None)

    def _read(self, path: Path) -> list[icalendar.Calendar]:
        stat = path.stat()
        with self._lock:
            cached = self._cache.get(path)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        calendars, _notes = read_calendars(path.read_bytes(), path.name)
        with self._lock:
            self._cache[path] = (stat.st_mtime_ns, stat.st_size, calendars)
        return calendars
