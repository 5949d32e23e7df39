"""Calendar failures as a person reads them: what went wrong, where, and what to do.

Every backend maps its own errors (HTTP statuses, socket timeouts, library exceptions) to one of
these, so the tools, the slash commands, the CLI and the GUI show the same sentences.
"""

from __future__ import annotations


class CalendarError(Exception):
    """A calendar operation that did not happen; the message says why, for a person."""

    retryable = False


class Unreachable(CalendarError):
    """The server did not answer (down, refused, timed out, no network)."""

    retryable = True


class SignInNeeded(CalendarError):
    """The server refused our credentials (HTTP 401) or there are none yet."""


class Forbidden(CalendarError):
    """The account may not do this (HTTP 403 without a rate limit)."""


class NotFound(CalendarError):
    """The event or calendar does not exist (HTTP 404)."""


class Conflict(CalendarError):
    """The server already has this object (HTTP 409/412)."""


class RateLimited(CalendarError):
    """The server asks us to slow down (HTTP 429, or 403 with a rate-limit reason)."""

    retryable = True


class ServerError(CalendarError):
    """The server failed (HTTP 5xx)."""

    retryable = True


class BadCalendarData(CalendarError):
    """An .ics file or feed that cannot be read; the message names it and the problem."""


class NotConfigured(CalendarError):
    """A calendar that needs settings (a client file, a URL, an email address) not given yet."""
