"""Gmail Drafts through the client's own HttpMockSequence and its bundled discovery document.

Each test scripts Gmail's answers, then checks the exact request the client sent: the method,
the URL, and a ``raw`` message that decodes to the very bytes of the draft's .eml. A failure
says what to do and leaves the local draft as it was.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httplib2
import pytest
from googleapiclient.http import HttpMockSequence

from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.errors import (
    Forbidden,
    NotConfigured,
    Offline,
    QuotaExceeded,
    ServerError,
    SignInNeeded,
    TimedOut,
)
from desktop_assistant.mail.gmail import GMAIL, build_gmail, gmail_service
from desktop_assistant.mail.service import MailService
from desktop_assistant.secrets import SecretStore
from tests.support.google_answers import fail, ok
from tests.unit.mail.mail_support import as_seen_by_stdlib, make_service

DRAFT = Draft(to=("王芳 <wang.fang@corp.example>",), cc=("finance@corp.example",),
              subject="回复：第三季度预算", body="王经理您好，\n\n附件是修改后的预算。")


def gmail(tmp_path: Path, *answers: tuple[dict[str, str], str]) -> tuple[
        MailService, HttpMockSequence]:
    http = HttpMockSequence(list(answers))
    service = build_gmail(http)
    return make_service(tmp_path, gmail=service), http


def sent(http: HttpMockSequence, number: int) -> tuple[str, str, dict[str, list[str]], Any]:
    uri, method, body, _headers = http.request_sequence[number]
    parts = urlsplit(uri)
    return parts.path, method, parse_qs(parts.query), json.loads(body)


def test_drafts_create_sends_the_eml_as_base64url_raw(tmp_path: Path) -> None:
    mail, http = gmail(tmp_path, ok({"id": "r-1", "message": {"id": "m-1"}}))
    made = mail.create_draft(DRAFT)
    said = mail.save_to_gmail(made.id)
    assert said == ("Saved draft #1 to your Gmail Drafts. Open Gmail to check it and send it; "
                    "nothing was sent.")
    path, method, query, body = sent(http, 0)
    assert (path, method, query) == ("/gmail/v1/users/me/drafts", "POST", {"alt": ["json"]})
    assert list(body) == ["message"]
    assert list(body["message"]) == ["raw"]
    raw = body["message"]["raw"]
    assert "+" not in raw  # base64url
    assert "/" not in raw
    data = base64.urlsafe_b64decode(raw)
    assert data == mail.eml(made.id).replace(b"X-Unsent: 1\r\n", b"")
    seen = as_seen_by_stdlib(data)
    assert (seen["to"], seen["subject"], seen["message_id"]) == (
        [("王芳", "wang.fang@corp.example")], "回复：第三季度预算", made.message_id)
    assert mail.get(made.id).gmail_draft_id == "r-1"


def test_saving_again_updates_the_same_gmail_draft_or_makes_a_new_one_if_gone(
    tmp_path: Path,
) -> None:
    mail, http = gmail(tmp_path, ok({"id": "r-1"}), ok({"id": "r-1"}),
                       fail(404, "notFound"), ok({"id": "r-2"}))
    made = mail.create_draft(DRAFT)
    mail.save_to_gmail(made.id)
    mail.update_draft(made.id, subject="回复：第三季度预算（修订）")
    mail.save_to_gmail(made.id)
    path, method, _, body = sent(http, 1)
    assert (path, method) == ("/gmail/v1/users/me/drafts/r-1", "PUT")
    assert body["id"] == "r-1"
    assert as_seen_by_stdlib(base64.urlsafe_b64decode(body["message"]["raw"]))["subject"] == \
        "回复：第三季度预算（修订）"
    mail.save_to_gmail(made.id)  # deleted in Gmail meanwhile
    assert [sent(http, n)[:2] for n in (2, 3)] == [
        ("/gmail/v1/users/me/drafts/r-1", "PUT"), ("/gmail/v1/users/me/drafts", "POST")]
    assert mail.get(made.id).gmail_draft_id == "r-2"


@pytest.mark.parametrize(("answer", "error", "words"), [
    (fail(401, "authError", "Invalid Credentials"), SignInNeeded, "Sign in to Gmail again"),
    (fail(403, "quotaExceeded", "Quota exceeded"), QuotaExceeded, "limit for your account"),
    (fail(429, "rateLimitExceeded"), QuotaExceeded, "try again in a few minutes"),
    (fail(403, "insufficientPermissions", "Request had insufficient authentication scopes."),
     Forbidden, "does not allow this for your account"),
    (fail(500, "backendError"), ServerError, r"Gmail failed \(HTTP 500\)"),
])
def test_failures_say_what_to_do_and_keep_the_local_draft(
    tmp_path: Path, answer: tuple[dict[str, str], str], error: type[Exception], words: str,
) -> None:
    mail, _ = gmail(tmp_path, answer)
    made = mail.create_draft(DRAFT)
    with pytest.raises(error, match=words) as raised:
        mail.save_to_gmail(made.id)
    assert str(raised.value).endswith("Draft #1 is still here, unchanged.")
    assert mail.get(made.id) == made


class _Offline(httplib2.Http):  # type: ignore[misc]
    """An HTTP client on a computer with no network."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def request(self, *args: Any, **kwargs: Any) -> Any:
        raise self.error


@pytest.mark.parametrize(("failure", "error", "words"), [
    (httplib2.ServerNotFoundError("Unable to find the server at gmail.googleapis.com"), Offline,
     "Gmail cannot be reached"),
    (ConnectionRefusedError(111, "Connection refused"), Offline, "Gmail cannot be reached"),
    (TimeoutError("timed out"), TimedOut, "look in Gmail's Drafts before trying again"),
])
def test_offline_and_timeouts_keep_the_local_draft(
    tmp_path: Path, failure: Exception, error: type[Exception], words: str,
) -> None:
    mail = make_service(tmp_path, gmail=build_gmail(_Offline(failure)))
    made = mail.create_draft(DRAFT)
    with pytest.raises(error, match=words):
        mail.save_to_gmail(made.id)
    assert mail.get(made.id) == made


def test_signing_in_is_needed_first_and_a_stored_token_builds_the_client_offline(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime, timedelta

    secrets = SecretStore()
    with pytest.raises(SignInNeeded, match=r"Not signed in to Gmail yet: sign in from "
                                           r"Settings → Email"):
        gmail_service(secrets, 5.0)
    mail = make_service(tmp_path, secrets=secrets)
    made = mail.create_draft(DRAFT)
    with pytest.raises(SignInNeeded, match="Draft #1 is still here"):
        mail.save_to_gmail(made.id)
    with pytest.raises(NotConfigured, match="Gmail needs your company's OAuth client file"):
        mail.gmail_sign_in()
    later = (datetime.now(UTC) + timedelta(hours=1)).replace(tzinfo=None).isoformat()
    secrets.set(GMAIL.token_secret, json.dumps({
        "token": "access", "refresh_token": "refresh", "client_id": "id.apps.example",
        "client_secret": "shh", "token_uri": "https://oauth2.googleapis.com/token",
        "expiry": later + "Z",
    }))
    assert GMAIL.token_secret == "google_gmail_token"
    assert GMAIL.scopes == ("https://www.googleapis.com/auth/gmail.compose",)
    client = gmail_service(secrets, 5.0)
    assert client.users().drafts().create(userId="me", body={}).uri.startswith(
        "https://gmail.googleapis.com/gmail/v1/users/me/drafts")
    from desktop_assistant.calendar.google_auth import TOKEN_SECRET

    assert secrets.get(TOKEN_SECRET) is None  # the calendar's sign-in is its own
