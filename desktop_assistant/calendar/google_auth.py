"""Signing in to Google Calendar: the OAuth installed-app flow, tokens in the OS keyring.

The OAuth client is the company's own (a ``client_secret_*.json`` downloaded from its Google
Cloud project and chosen in settings); none is bundled with the app. The signed-in token (with
its refresh token) is stored only in the keyring, under ``google_calendar_token``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.errors import NotConfigured, SignInNeeded

if TYPE_CHECKING:
    from desktop_assistant.calendar.google_calendar import GoogleCalendar
    from desktop_assistant.secrets import SecretStore

SCOPES = [
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.freebusy",
]
TOKEN_SECRET = "google_calendar_token"


def sign_in(client_file: str, secrets: SecretStore, *, timeout_seconds: int = 300) -> str:
    """Run the browser sign-in and keep the token in the keyring; a sentence saying so."""
    path = _client_file(client_file)
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_secrets_file(str(path), scopes=SCOPES)
    credentials = flow.run_local_server(
        host="127.0.0.1", port=0, open_browser=True, timeout_seconds=timeout_seconds,
        authorization_prompt_message="Opening the browser to sign in to Google: {url}",
        success_message="Signed in. You can close this tab and go back to Desktop Assistant.",
    )
    if credentials is None:
        raise SignInNeeded("The Google sign-in did not finish in time; try again.")
    saved = secrets.set(TOKEN_SECRET, credentials.to_json())
    return "Signed in to Google Calendar. " + saved.message


def sign_out(secrets: SecretStore) -> None:
    secrets.delete(TOKEN_SECRET)


def load_credentials(secrets: SecretStore) -> Any:
    """The stored credentials, refreshed if expired (and stored again); SignInNeeded if none."""
    stored = secrets.get(TOKEN_SECRET)
    if not stored:
        raise SignInNeeded("Not signed in to Google Calendar yet: sign in from Settings → "
                           "Calendars (or desktop-assistant calendar google-sign-in).")
    from google.oauth2.credentials import Credentials

    try:
        credentials = Credentials.from_authorized_user_info(  # type: ignore[no-untyped-call]
            json.loads(stored), SCOPES
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
        secrets.set(TOKEN_SECRET, credentials.to_json())
    return credentials


def google_calendar(
    secrets: SecretStore, zone: Callable[[], ZoneInfo], timeout: float
) -> GoogleCalendar:
    """The signed-in account's primary calendar, every request bounded by ``timeout``."""
    import httplib2
    from google_auth_httplib2 import AuthorizedHttp
    from googleapiclient.discovery import build

    from desktop_assistant.calendar.google_calendar import GoogleCalendar

    http = AuthorizedHttp(load_credentials(secrets), http=httplib2.Http(timeout=timeout))
    service = build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False)
    return GoogleCalendar(service, zone)


def _client_file(name: str) -> Path:
    if not name:
        raise NotConfigured(
            "Google Calendar needs your company's OAuth client file: set it with "
            "desktop-assistant config set calendar_google_client_file /path/client_secret.json."
        )
    path = Path(name).expanduser()
    if not path.is_file():
        raise NotConfigured(f"The Google OAuth client file {path} does not exist.")
    return path
