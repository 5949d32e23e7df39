"""Mail failures as a person reads them: what went wrong, and what to do about it.

Gmail and IMAP map their own errors (HTTP statuses, IMAP ``NO`` answers, socket timeouts) to one
of these, so the tools, the slash command, the CLI and the GUI show the same sentences. None of
them ever loses the local draft: the service says so in the message.
"""

from __future__ import annotations


class MailError(Exception):
    """A mail operation that did not happen; the message says why, for a person."""

    retryable = False


class DraftNotFound(MailError):
    """There is no draft with that number (deleted, or never made)."""


class NotConfigured(MailError):
    """Settings that are needed are missing (the IMAP server, the Google client file …)."""


class Offline(MailError):
    """The server cannot be reached (no network, refused, unknown host)."""

    retryable = True


class TimedOut(MailError):
    """The server did not answer within the time allowed (``mail_timeout``)."""

    retryable = True


class SignInNeeded(MailError):
    """There is no Google sign-in yet, or Google refused it (HTTP 401)."""


class Forbidden(MailError):
    """The account may not do this (HTTP 403 without a quota reason)."""


class QuotaExceeded(MailError):
    """The account's quota or rate limit is used up (HTTP 429, or 403 with a quota reason)."""

    retryable = True


class ServerError(MailError):
    """The server failed (HTTP 5xx, or an IMAP server that answered nonsense)."""

    retryable = True


class AuthFailed(MailError):
    """The IMAP server refused the username and password (or app password)."""


class FolderMissing(MailError):
    """No Drafts folder could be found on the mailbox."""


class Insecure(MailError):
    """A connection setting that would send the password in the clear over a network."""
