"""iTIP invitations (RFC 5546): ``METHOD:REQUEST`` to invite, ``METHOD:CANCEL`` to call off.

Local and CalDAV calendars do not email anyone, so the invitation is an .ics file that Outlook,
Thunderbird, Apple Calendar and Google accept as an attachment. It is saved in the data folder
and recorded in ``calendar_invitations``, where the email drafting flow will pick it up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_assistant.calendar.components import calendar_with, component_from_event
from desktop_assistant.calendar.model import Event

if TYPE_CHECKING:
    from desktop_assistant.db import Database


def invitation(event: Event, method: str, organizer: str) -> bytes:
    """The iTIP message for ``event``: REQUEST (new or changed) or CANCEL."""
    if method not in {"REQUEST", "CANCEL"}:
        raise ValueError(f"Unsupported iTIP method {method!r}.")
    if not organizer:
        raise ValueError("An invitation needs the organizer's email address.")
    if not event.attendees:
        raise ValueError("An invitation needs at least one attendee.")
    sent = replace(
        event,
        organizer=organizer,
        status="CANCELLED" if method == "CANCEL" else "CONFIRMED",
        recurrence_id=None,
        attendees=tuple(replace(a, status="NEEDS-ACTION") for a in event.attendees),
    )
    component = component_from_event(sent)
    return bytes(calendar_with([component], method=method).to_ical())


def save_invitation(
    folder: Path, database: Database, event: Event, method: str, organizer: str
) -> Path:
    """Write the invitation file and record it for the email flow; the file's path."""
    from desktop_assistant.db import utc_now

    data = invitation(event, method, organizer)
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^\w]+", "-", event.title, flags=re.UNICODE).strip("-")[:40] or "event"
    stamp = event.start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    path = folder / f"{stamp}-{slug}-{method.lower()}.ics"
    number = 2
    while path.exists():
        path = folder / f"{stamp}-{slug}-{method.lower()}-{number}.ics"
        number += 1
    path.write_bytes(data)
    subject = ("Invitation: " if method == "REQUEST" else "Cancelled: ") + event.title
    database.conn.execute(
        """INSERT INTO calendar_invitations (uid, method, path, recipients, subject, created_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (event.uid, method, str(path),
         json.dumps([a.email for a in event.attendees]), subject, utc_now()),
    )
    return path


@dataclass(frozen=True)
class PendingInvitation:
    """An invitation file waiting to be attached to an email draft."""

    id: int
    uid: str
    method: str  # REQUEST or CANCEL
    path: Path
    recipients: list[str]
    subject: str
    created_at: str


def pending_invitations(database: Database) -> list[PendingInvitation]:
    """Invitation files not yet handed to the email flow, oldest first."""
    rows = database.conn.execute(
        "SELECT * FROM calendar_invitations WHERE handed_to_mail_at IS NULL ORDER BY id"
    ).fetchall()
    return [
        PendingInvitation(row["id"], row["uid"], row["method"], Path(row["path"]),
                          json.loads(row["recipients"]), row["subject"], row["created_at"])
        for row in rows
    ]


def mark_handed_to_mail(database: Database, invitation_id: int) -> None:
    """Record that the email flow took this invitation (it leaves ``pending_invitations``)."""
    from desktop_assistant.db import utc_now

    database.conn.execute(
        "UPDATE calendar_invitations SET handed_to_mail_at = ? WHERE id = ?",
        (utc_now(), invitation_id),
    )
