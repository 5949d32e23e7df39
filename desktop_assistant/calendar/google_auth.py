"""Signing in to Google: the OAuth installed-app flow, tokens in the OS keyring.

The OAuth client is the company's own (a ``client_secret_*.json`` downloaded from its Google
Cloud project and chosen in settings); none is bundled with the app. Each Google API the app
uses has its own :class:`GoogleAccess` (scopes and keyring entry), so signing in to Gmail never
widens the calendar's token and signing out of one leaves the other: Google Calendar's token is
stored only in the keyring under ``google_calendar_token``, Gmail's under ``google_gmail_token``
(see :mod:`desktop_assistant.mail.gmail`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.errors import NotConfigured, SignInNeeded
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from desktop_assistant.calendar.google_calendar import GoogleCalendar
    from desktop_assistant.secrets import SecretStore

SCOPES = [
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.freebusy",
]
TOKEN_SECRET = "google_calendar_token"


@dataclass(frozen=True)
class GoogleAccess:
    """One Google API's sign-in: what it is called, its scopes, its keyring entry, and where
    the person signs in to it."""

    label: str
    scopes: tuple[str, ...]
    token_secret: str
    where: str


CALENDAR = GoogleAccess(
    QT_TRANSLATE_NOOP("GoogleAuth", "Google Calendar"),  # translated where shown
    tuple(SCOPES), TOKEN_SECRET,
    "Settings → Calendars (or desktop-assistant calendar google-sign-in)",
)


def sign_in(client_file: str, secrets: SecretStore, *, timeout_seconds: int = 300,
            access: GoogleAccess = CALENDAR) -> str:
    """Run the browser sign-in and keep the token in the keyring; a sentence saying so."""
    path = _client_file(client_file, access)
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_secrets_file(str(path), scopes=list(access.scopes))
    credentials = flow.run_local_server(
        host="127.0.0.1", port=0, open_browser=True, timeout_seconds=timeout_seconds,
        authorization_prompt_message="Opening the browser to sign in to Google: {url}",
        success_message="Signed in. You can close this tab and go back to Desktop Assistant.",
    )
    if credentials is None:
        raise SignInNeeded("The Google sign-in did not finish in time; try again.")
    saved = secrets.set(access.token_secret, credentials.to_json())
    # For the person (Settings, the command line): in the interface language.
    return translate("GoogleAuth", "Signed in to {label}.").format(
        label=translate("GoogleAuth", access.label)) + " " + saved.message


def sign_out(secrets: SecretStore, access: GoogleAccess = CALENDAR) -> None:
    secrets.delete(access.token_secret)


def load_credentials(secrets: SecretStore, access: GoogleAccess = CALENDAR) -> Any:
    """The stored credentials, refreshed if expired (and stored again); SignInNeeded if none."""
    stored = secrets.get(access.token_secret)
    if not stored:
        raise SignInNeeded(f"Not signed in to {access.label} yet: sign in from {access.where}.")
    from google.oauth2.credentials import Credentials

    try:
        credentials = Credentials.from_authorized_user_info(  # type: ignore[no-untyped-call]
            json.loads(stored), list(access.scopes)
        )
    except (ValueError, KeyError):
        raise SignInNeeded("The stored Google sign-in is unreadable; sign in again.") from None
    if not credentials.valid and credentials.refresh_token:
        from google.auth.exceptions import RefreshError, TransportError
        from google.auth.transport.requests import Request

        try:
            credentials.refresh(Request())
        except RefreshError:
            raise SignInNeeded("The Google sign-in has expired or was revoked; sign in "
                               "again.") from None
        except TransportError as error:
            from desktop_assistant.calendar.errors import Unreachable

            raise Unreachable(f"Google cannot be reached to renew the sign-in ({error}).") from None
        secrets.set(access.token_secret, credentials.to_json())
    return credentials


def authorized_http(secrets: SecretStore, timeout: float,
                    access: GoogleAccess = CALENDAR) -> Any:
    """An HTTP client that signs its requests with ``access``'s stored credentials, every
    request bounded by ``timeout`` seconds."""
    import httplib2
    from google_auth_httplib2 import AuthorizedHttp

    return AuthorizedHttp(load_credentials(secrets, access), http=httplib2.Http(timeout=timeout))


def http_failure(error: BaseException) -> tuple[int, str, str] | None:
    """A Google API error's HTTP status, first reason ("quotaExceeded" …) and message; None
    for an error that is not an HTTP answer."""
    from googleapiclient.errors import HttpError

    if not isinstance(error, HttpError):
        return None
    reason = message = ""
    try:
        payload = json.loads(error.content.decode("utf-8"))["error"]
        errors = payload.get("errors") or [{}]
        reason, message = str(errors[0].get("reason", "")), str(payload.get("message", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    return int(error.resp.status), reason, message


def unreachable(error: BaseException) -> bool:
    """Whether Google could not be reached at all (no network, no such host, refused)."""
    return isinstance(error, OSError) or type(error).__name__ in {
        "ServerNotFoundError", "TransportError", "HttpLib2Error"}


def google_calendar(
    secrets: SecretStore, zone: Callable[[], ZoneInfo], timeout: float
) -> GoogleCalendar:
    """The signed-in account's primary calendar, every request bounded by ``timeout``."""
    from googleapiclient.discovery import build

    from desktop_assistant.calendar.google_calendar import GoogleCalendar

    http = authorized_http(secrets, timeout)
    service = build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False)
    return GoogleCalendar(service, zone)


def _client_file(name: str, access: GoogleAccess) -> Path:
    if not name:
        raise NotConfigured(
            f"{access.label} needs your company's OAuth client file: set it with "
            "desktop-assistant config set calendar_google_client_file /path/client_secret.json."
        )
    path = Path(name).expanduser()
    if not path.is_file():
        raise NotConfigured(f"The Google OAuth client file {path} does not exist.")
    return path
