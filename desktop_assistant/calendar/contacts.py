"""The people the person schedules with: name, email, time zone, working hours, roles.

Attendees typed by a person or named by the model ("the finance lead", "王芳",
"pm@corp.example") are resolved here. Contacts come from the database and can be imported from
a vCard (.vcf) file or a CSV export (Outlook, Google, Excel; UTF-8 or GB18030).
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_assistant.calendar.preferences import parse_days, parse_hours
from desktop_assistant.calendar.slots import WorkingHours
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from desktop_assistant.db import Database

EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class UnknownContact(ValueError):
    """An attendee that is not an email address and matches no contact (or several)."""


@dataclass(frozen=True)
class Contact:
    """Someone to invite; empty zone or hours mean "the same as yours"."""

    email: str
    name: str = ""
    zone: str = ""
    hours: WorkingHours | None = None
    aliases: tuple[str, ...] = ()  # roles or nicknames: "finance lead", "财务"

    @property
    def label(self) -> str:
        return self.name or self.email


@dataclass
class ContactImport:
    """What an import did, and the rows it could not use (each naming the row and why):
    ``problems`` in English, ``shown_problems`` the same in the interface language (the
    Contacts tab)."""

    added: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)
    shown_problems: list[str] = field(default_factory=list)

    def skipped(self, said: Skipped) -> None:
        self.problems.append(said[0])
        self.shown_problems.append(said[1])

    def summary(self, name: str) -> str:
        text = f"{name}: {self.added} contacts added, {self.updated} updated"
        if self.problems:
            text += f", {len(self.problems)} skipped"
        return text + "."


class ContactBook:
    """Contacts in the app's database (``calendar_contacts``)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def all(self) -> list[Contact]:
        rows = self._database.conn.execute(
            "SELECT * FROM calendar_contacts ORDER BY name COLLATE NOCASE, email"
        ).fetchall()
        return [_contact(row) for row in rows]

    def get(self, email: str) -> Contact | None:
        row = self._database.conn.execute(
            "SELECT * FROM calendar_contacts WHERE email = ?", (email.strip(),)
        ).fetchone()
        return _contact(row) if row else None

    def save(self, contact: Contact) -> bool:
        """Add or update (by email); True when it was new."""
        from desktop_assistant.db import utc_now

        if not EMAIL.fullmatch(contact.email):
            raise ValueError(f"{contact.email!r} is not an email address.")
        if contact.zone:
            _check_zone(contact.zone)
        hours = contact.hours
        values = (
            contact.name.strip(),
            contact.zone,
            f"{hours.start:%H:%M}" if hours else "",
            f"{hours.end:%H:%M}" if hours else "",
            ",".join(_DAY_NAMES[d] for d in sorted(hours.days)) if hours else "",
            "\n".join(a.strip() for a in contact.aliases if a.strip()),
            utc_now(),
        )
        existed = self.get(contact.email) is not None
        self._database.conn.execute(
            """INSERT INTO calendar_contacts
               (email, name, zone, work_start, work_end, work_days, aliases, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (email) DO UPDATE SET name = excluded.name, zone = excluded.zone,
               work_start = excluded.work_start, work_end = excluded.work_end,
               work_days = excluded.work_days, aliases = excluded.aliases,
               updated_at = excluded.updated_at""",
            (contact.email.strip(), *values),
        )
        return not existed

    def remove(self, email: str) -> bool:
        cursor = self._database.conn.execute(
            "DELETE FROM calendar_contacts WHERE email = ?", (email.strip(),)
        )
        return cursor.rowcount > 0

    def resolve(self, text: str) -> Contact:
        """The contact ``text`` names: an email (known or not), a name, or a role."""
        wanted = text.strip().strip("<>").strip()
        if not wanted:
            raise UnknownContact("An attendee is empty.")
        address = EMAIL.search(wanted)
        if address:
            known = self.get(address.group(0))
            if known:
                return known
            name = wanted.replace(address.group(0), "").strip(" <>\"'")
            return Contact(email=address.group(0), name=name)
        key = _key(wanted)
        everyone = self.all()
        exact = [c for c in everyone if key in {_key(c.name), *(_key(a) for a in c.aliases)}]
        if len(exact) == 1:
            return exact[0]
        partial = exact or [
            c for c in everyone
            if any(key in _key(n) for n in (c.name, *c.aliases) if n)
        ]
        if len(partial) == 1:
            return partial[0]
        if partial:
            names = ", ".join(f"{c.label} <{c.email}>" for c in partial[:5])
            raise UnknownContact(f"{wanted!r} could be {names}: say which (an email is surest).")
        raise UnknownContact(
            f"No contact called {wanted!r}. Give their email address, or import contacts "
            "(desktop-assistant calendar contacts import FILE.vcf|FILE.csv)."
        )

    def import_file(self, path: Path) -> ContactImport:
        """Import a .vcf or .csv file; rows that cannot be used are reported, not fatal."""
        data = path.read_bytes()
        text = _decode(data)
        suffix = path.suffix.lower()
        rows = _vcard_contacts(text, path.name) if suffix in {".vcf", ".vcard"} or \
            text.lstrip().upper().startswith("BEGIN:VCARD") else _csv_contacts(text, path.name)
        result = ContactImport()
        for item in rows:
            if isinstance(item, tuple):
                result.skipped(item)
                continue
            try:
                if self.save(item):
                    result.added += 1
                else:
                    result.updated += 1
            except ValueError as error:
                result.skipped(_skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: {who}: {error}"),
                                     file=path.name, who=item.label, error=error))
        return result


# Reading files --------------------------------------------------------------------------

Skipped = tuple[str, str]
"""A row an import skips: why in English, and in the interface language."""

NO_NAME = QT_TRANSLATE_NOOP("ContactImport", "no name")
UNKNOWN_ZONE = QT_TRANSLATE_NOOP("ContactImport", "unknown time zone {zone!r} (use a name like "
                                 "Asia/Shanghai)")


def _skip(template: str, shown: dict[str, object] | None = None, **fields: object) -> Skipped:
    """A skipped row from a ``template`` marked in the "ContactImport" context; ``shown``
    replaces fields in the translated sentence."""
    return (template.format(**fields),
            translate("ContactImport", template).format(**{**fields, **(shown or {})}))


def _shown_who(full_name: str) -> dict[str, object]:
    """The ``who`` field of the translated sentence: the name, or "no name" translated."""
    return {"who": full_name or translate("ContactImport", NO_NAME)}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _vcard_contacts(text: str, name: str) -> Iterable[Contact | Skipped]:
    import vobject

    try:
        cards = list(vobject.readComponents(text, ignoreUnreadable=True))
    except Exception as error:
        yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: not a readable vCard file "
                                      "({error})."), file=name, error=error)
        return
    for number, card in enumerate(cards, start=1):
        emails = [str(e.value).strip() for e in card.contents.get("email", [])]
        full_name = str(card.fn.value).strip() if "fn" in card.contents else ""
        if not emails:
            yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: card {number} ({who}) has "
                                          "no email address."), file=name, number=number,
                        who=full_name or NO_NAME, shown=_shown_who(full_name))
            continue
        zone = ""
        if "tz" in card.contents:
            zone, problem = _zone_from_text(str(card.tz.value))
            if problem:
                yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: {who}: {problem}"),
                            file=name, who=full_name or emails[0], problem=problem[0],
                            shown={"problem": problem[1]})
        aliases = [str(t.value).strip() for key in ("title", "role")
                   for t in card.contents.get(key, []) if str(t.value).strip()]
        yield Contact(email=emails[0], name=full_name, zone=zone, aliases=tuple(aliases))


_COLUMNS = {
    "name": ("name", "full name", "display name", "姓名", "名字"),
    "first": ("first name", "given name"),
    "last": ("last name", "family name", "surname"),
    "email": ("email", "e-mail", "email address", "e-mail address", "e-mail 1 - value",
              "primary email", "邮箱", "电子邮件"),
    "zone": ("time zone", "timezone", "zone", "tz", "时区"),
    "hours": ("working hours", "work hours", "hours", "工作时间"),
    "days": ("working days", "work days", "days", "工作日"),
    "aliases": ("title", "job title", "role", "aliases", "职位", "角色"),
}


def _csv_contacts(text: str, name: str) -> Iterable[Contact | Skipped]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    column = {key: next((headers[c] for c in names if c in headers), None)
              for key, names in _COLUMNS.items()}
    if column["email"] is None:
        yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: no email column (looked for: "
                                      "{columns})."), file=name,
                    columns=", ".join(_COLUMNS["email"][:4]))
        return
    for line, row in enumerate(reader, start=2):
        def get(key: str, row: dict[str, str] = row) -> str:
            header = column[key]
            return (row.get(header) or "").strip() if header else ""

        email = get("email")
        full_name = get("name") or " ".join(p for p in (get("first"), get("last")) if p)
        if not email:
            yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: line {line} ({who}) has no "
                                          "email address."), file=name, line=line,
                        who=full_name or NO_NAME, shown=_shown_who(full_name))
            continue
        zone, problem = _zone_from_text(get("zone")) if get("zone") else ("", None)
        if problem:
            yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: line {line}: {problem}"),
                        file=name, line=line, problem=problem[0],
                        shown={"problem": problem[1]})
        hours: WorkingHours | None = None
        try:
            if get("hours"):
                start, end = parse_hours(get("hours"), "working hours")
                days = parse_days(get("days"), "working days") if get("days") else None
                hours = WorkingHours(start, end, days) if days else WorkingHours(start, end)
        except ValueError as error:
            yield _skip(QT_TRANSLATE_NOOP("ContactImport", "{file}: line {line}: {problem}"),
                        file=name, line=line, problem=error,
                        shown={"problem": getattr(error, "message", error)})
        aliases = tuple(a.strip() for a in re.split(r"[;/|]", get("aliases")) if a.strip())
        yield Contact(email=email, name=full_name, zone=zone, hours=hours, aliases=aliases)


def _zone_from_text(text: str) -> tuple[str, Skipped | None]:
    """An IANA zone from "Asia/Shanghai" or a whole-hour offset such as "+08:00"; or why not
    (in English and in the interface language)."""
    value = text.strip()
    offset = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?00)?", value, re.IGNORECASE)
    if offset:
        hours = int(offset.group(2))
        if hours == 0:
            return "UTC", None
        # Etc/GMT zones have the sign inverted: UTC+8 is Etc/GMT-8.
        return f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}", None
    try:
        _check_zone(value)
    except ValueError:
        return "", _skip(UNKNOWN_ZONE, zone=value)
    return value, None


def _check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(UNKNOWN_ZONE.format(zone=name)) from None


def _key(text: str) -> str:
    cleaned = re.sub(r"^(the|our|my)\s+", "", text.strip().lower())
    return " ".join(cleaned.split())


def _contact(row: sqlite3.Row) -> Contact:
    get = row.__getitem__
    hours = None
    if get("work_start") and get("work_end"):
        start = time.fromisoformat(get("work_start"))
        end = time.fromisoformat(get("work_end"))
        days = parse_days(get("work_days")) if get("work_days") else None
        hours = WorkingHours(start, end, days) if days else WorkingHours(start, end)
    return Contact(
        email=get("email"),
        name=get("name"),
        zone=get("zone"),
        hours=hours,
        aliases=tuple(a for a in get("aliases").split("\n") if a),
    )
