"""Gmail Drafts through google-api-python-client: ``users.drafts.create`` and ``update``.

The message goes as ``{"message": {"raw": base64url(RFC 5322 bytes)}}``, built by
:mod:`desktop_assistant.mail.message`, so Gmail holds the same message the ``.eml`` has. The
client uses its bundled discovery document (no network to build it) and the same OAuth
installed-app flow as the calendar, with its own scope (``gmail.compose``: drafts only, no
reading mail) and keyring entry (``google_gmail_token``). Every failure becomes a
:class:`MailError` a person can act on; nothing is retried here, since a create that timed out
may have happened (the person can look in Gmail and try again).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from desktop_assistant.calendar.google_auth import GoogleAccess
from desktop_assistant.mail.errors import (
    Forbidden,
    MailError,
    NotConfigured,
    Offline,
    QuotaExceeded,
    ServerError,
    SignInNeeded,
    TimedOut,
)

if TYPE_CHECKING:
    from desktop_assistant.secrets import SecretStore

GMAIL = GoogleAccess(
    "Gmail", ("https://www.googleapis.com/auth/gmail.compose",), "google_gmail_token",
    "Settings → Email (or desktop-assistant mail gmail-sign-in)",
)
_QUOTA_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded",
                  "dailyLimitExceeded"}


def gmail_service(secrets: SecretStore, timeout: float) -> Any:
    """The Gmail API client for the signed-in account (SignInNeeded when there is none)."""
    from desktop_assistant.calendar.errors import CalendarError
    from desktop_assistant.calendar.google_auth import authorized_http

    try:
        http = authorized_http(secrets, timeout, GMAIL)
    except CalendarError as error:  # the shared sign-in code speaks in calendar errors
        raise _from_sign_in(error) from None
    return build_gmail(http)


def build_gmail(http: Any) -> Any:
    """The Gmail v1 client over ``http``, from the discovery document the library bundles."""
    from googleapiclient.discovery import build

    return build("gmail", "v1", http=http, static_discovery=True, cache_discovery=False)


def gmail_sign_in(client_file: str, secrets: SecretStore) -> str:
    from desktop_assistant.calendar.errors import CalendarError
    from desktop_assistant.calendar.google_auth import sign_in

    try:
        return sign_in(client_file, secrets, access=GMAIL)
    except CalendarError as error:
        raise _from_sign_in(error) from None


def raw_message(message: bytes) -> str:
    """The base64url form Gmail wants (padding kept, as Google's own samples do)."""
    return base64.urlsafe_b64encode(message).decode("ascii")


class GmailDrafts:
    """The Drafts of the signed-in Gmail account."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def save(self, message: bytes, draft_id: str = "") -> str:
        """Create a Gmail draft holding ``message``, or replace the one ``draft_id`` names
        (when it still exists); the Gmail draft's id."""
        body = {"message": {"raw": raw_message(message)}}
        drafts = self._service.users().drafts()
        if draft_id:
            try:
                answer = _execute(drafts.update(userId="me", id=draft_id,
                                                body={"id": draft_id, **body}))
                return str(answer["id"])
            except _Gone:
                pass  # deleted in Gmail since: make a new one
        answer = _execute(drafts.create(userId="me", body=body))
        return str(answer["id"])


class _Gone(MailError):
    """The Gmail draft we saved before is not there any more (HTTP 404)."""


def _execute(request: Any) -> Any:
    try:
        return request.execute(num_retries=0)
    except Exception as error:
        raise _map_error(error) from None


def _map_error(error: Exception) -> MailError:
    from desktop_assistant.calendar.google_auth import http_failure, unreachable

    failure = http_failure(error)
    if failure is not None:
        status, reason, message = failure
        detail = f" ({message})" if message else ""
        if status == 401:
            return SignInNeeded("Gmail refused the sign-in" + detail + ". Sign in to Gmail "
                                "again (" + GMAIL.where + ").")
        if status == 429 or (status == 403 and reason in _QUOTA_REASONS):
            return QuotaExceeded("Gmail's limit for your account is reached for now" + detail
                                 + "; try again in a few minutes.")
        if status == 403:
            return Forbidden("Gmail does not allow this for your account" + detail + ". Your "
                             "company may have turned off Gmail API access.")
        if status == 404:
            return _Gone("The Gmail draft is not there any more.")
        if status >= 500:
            return ServerError(f"Gmail failed (HTTP {status}); try again in a minute.")
        return MailError(f"Gmail refused the draft (HTTP {status}){detail}.")
    kind = type(error).__name__
    if kind == "RefreshError":
        return SignInNeeded("The Gmail sign-in has expired or was revoked. Sign in again ("
                            + GMAIL.where + ").")
    if isinstance(error, TimeoutError):
        return TimedOut("Gmail did not answer in time. It may still have saved the draft: look "
                        "in Gmail's Drafts before trying again.")
    if unreachable(error):
        return Offline(f"Gmail cannot be reached ({error}). Check the network connection.")
    return MailError(f"Gmail failed: {kind}: {error}")


def _from_sign_in(error: Exception) -> MailError:
    from desktop_assistant.calendar import errors

    if isinstance(error, errors.NotConfigured):
        return NotConfigured(str(error))
    if isinstance(error, errors.Unreachable):
        return Offline(str(error))
    return SignInNeeded(str(error))
