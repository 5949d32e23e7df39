"""Any mailbox's Drafts folder over IMAP (``imaplib``): find the folder, ``APPEND`` the draft.

The Drafts folder is the one set in ``mail_imap_drafts_folder`` when there is one, else the
folder the server flags ``\\Drafts`` (RFC 6154 special use, listed by ``LIST``), else a folder
called Drafts. The message is appended with the ``\\Draft`` and ``\\Seen`` flags; with UIDPLUS
the server says the new message's UID, so saving the same draft again replaces that copy (only
after checking, by Message-ID, that it is ours). The password or app password is in the OS
keyring under ``imap_password``; with ``mail_imap_security = none`` it would cross the network
in the clear, so that is refused for anything but this computer.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_assistant.mail.errors import (
    AuthFailed,
    FolderMissing,
    Insecure,
    MailError,
    NotConfigured,
    Offline,
    QuotaExceeded,
    ServerError,
    TimedOut,
)

if TYPE_CHECKING:
    from desktop_assistant.settings import Settings

PASSWORD_SECRET = "imap_password"
SECURITY = ("ssl", "starttls", "none")
_LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\)\s+(?:"(?:[^"\\]|\\.)*"|NIL)\s+(?P<name>.*)$',
                        re.IGNORECASE)
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)
_DRAFT_NAMES = ("drafts", "draft", "草稿箱", "草稿", "brouillons", "entwürfe")


@dataclass(frozen=True)
class ImapAccount:
    """Where the person's mailbox is and how to reach it (from settings)."""

    host: str
    port: int = 993
    username: str = ""
    security: str = "ssl"  # ssl | starttls | none (this computer only)
    drafts_folder: str = ""  # a chosen folder; empty: found by its \Drafts flag
    timeout: float = 20.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ImapAccount:
        return cls(
            host=settings.mail_imap_host.strip(), port=settings.mail_imap_port,
            username=(settings.mail_imap_username or settings.mail_from).strip(),
            security=settings.mail_imap_security, drafts_folder=settings.mail_imap_drafts_folder,
            timeout=settings.mail_timeout,
        )

    @property
    def label(self) -> str:
        return f"{self.username} on {self.host}" if self.username else self.host


@dataclass(frozen=True)
class Appended:
    """Where the draft landed: the folder's name as shown, and ``uidvalidity:uid``."""

    folder: str
    uid: str = ""


def check_account(account: ImapAccount) -> None:
    """NotConfigured or Insecure when the account cannot be used as set."""
    if not account.host:
        raise NotConfigured("Saving to a mailbox needs its IMAP server: desktop-assistant config "
                            "set mail_imap_host imap.example.com (and mail_imap_username).")
    if not account.username:
        raise NotConfigured("Saving to a mailbox needs the IMAP user name: desktop-assistant "
                            "config set mail_imap_username you@example.com.")
    if account.security not in SECURITY:
        raise NotConfigured(f"mail_imap_security must be one of {', '.join(SECURITY)}.")
    if account.security == "none" and not is_loopback(account.host):
        raise Insecure(f"mail_imap_security = none would send your password to {account.host} "
                       "unencrypted; it is only allowed for a server on this computer. Use ssl "
                       "(port 993) or starttls (port 143).")


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def save_draft(account: ImapAccount, password: str, message: bytes, *,
               message_id: str = "", replace: tuple[str, str] = ("", "")) -> Appended:
    """Append ``message`` to the account's Drafts folder; ``replace`` is (folder, uid) of an
    earlier copy of the same draft (``message_id``), removed once the new one is in."""
    check_account(account)
    with session(account, password) as client:
        mailbox = find_drafts_folder(client, account.drafts_folder)
        shown = decode_mailbox(mailbox)
        status, data = _call(client.append, quote_mailbox(mailbox), r"(\Draft \Seen)",
                             imaplib.Time2Internaldate(time.time()), message)
        if status != "OK":
            raise _append_refused(shown, data)
        found = _APPENDUID.search(b" ".join(d for d in data if isinstance(d, bytes)))
        uid = f"{int(found.group(1))}:{int(found.group(2))}" if found else ""
        old_folder, old_uid = replace
        if old_uid and old_folder == shown and message_id:
            _remove_copy(client, mailbox, old_uid, message_id)
        return Appended(shown, uid)


def drafts_folder_of(account: ImapAccount, password: str) -> str:
    """Log in and find the Drafts folder (its name as shown), changing nothing."""
    check_account(account)
    with session(account, password) as client:
        return decode_mailbox(find_drafts_folder(client, account.drafts_folder))


@contextmanager
def session(account: ImapAccount, password: str) -> Iterator[imaplib.IMAP4]:
    """A logged-in connection, logged out (or at least closed) afterwards."""
    client = _connect(account)
    try:
        try:
            _log_in(client, account.username, password)
        except imaplib.IMAP4.abort as error:
            raise Offline(f"The mail server {account.host} closed the connection ({error}).") \
                from None
        except imaplib.IMAP4.error as error:
            raise AuthFailed(
                f"The mail server refused the user name or password for {account.label} "
                f"({_text(error)}). Store the right one with: desktop-assistant secret set "
                f"{PASSWORD_SECRET} (with two-step sign-in, an app password).") from None
        except (OSError, EOFError) as error:
            raise _network_error(account, error) from None
        yield client
    finally:
        _close(client)


def _log_in(client: imaplib.IMAP4, username: str, password: str) -> None:
    """LOGIN; for a user name or password beyond ASCII, which LOGIN cannot carry, SASL PLAIN
    (UTF-8, RFC 4616) where the server offers it."""
    if f"{username}{password}".isascii():
        client.login(username, password)
        return
    if "AUTH=PLAIN" not in client.capabilities:
        raise AuthFailed(f"The mail server {client.host} cannot take a user name or password "
                         "with non-ASCII characters; use an app password.")
    secret = f"\0{username}\0{password}".encode()
    client.authenticate("PLAIN", lambda _challenge: secret)


def find_drafts_folder(client: imaplib.IMAP4, chosen: str = "") -> str:
    """The Drafts mailbox's name as the server spells it (modified UTF-7)."""
    folders = list_folders(client)
    if chosen.strip():
        wanted = encode_mailbox(chosen.strip())
        for name in folders:
            if name == wanted or decode_mailbox(name).lower() == chosen.strip().lower():
                return name
        raise FolderMissing(f"The mailbox has no folder {chosen.strip()!r} "
                            "(mail_imap_drafts_folder). Check the name, or clear the setting "
                            "to use the folder marked as Drafts.")
    flagged = [name for name, flags in folders.items() if "\\drafts" in flags]
    if flagged:
        return flagged[0]
    for candidate in _DRAFT_NAMES:
        for name in folders:
            if decode_mailbox(name).replace("/", ".").split(".")[-1].lower() == candidate:
                return name
    raise FolderMissing("The mailbox has no Drafts folder: none is marked as Drafts and none is "
                        "called Drafts. Create one in your mail program, or set "
                        "mail_imap_drafts_folder to the folder to use.")


def list_folders(client: imaplib.IMAP4) -> dict[str, set[str]]:
    """Every mailbox's raw name and its lower-case flags (``\\drafts``, ``\\noselect`` …)."""
    status, data = _call(client.list, '""', "*")
    if status != "OK":
        raise ServerError(f"The mail server would not list its folders ({_joined(data)}).")
    folders: dict[str, set[str]] = {}
    for item in data:
        if isinstance(item, tuple):  # a name sent as a literal: (b'(flags) "/" {9}', b'name')
            line, name = item[0].decode("utf-8", "replace"), item[1].decode("utf-8", "replace")
            found = _LIST_LINE.match(line.rsplit("{", 1)[0].strip() + " x")
        elif isinstance(item, bytes):
            line = item.decode("utf-8", "replace")
            found = _LIST_LINE.match(line)
            name = _unquote(found.group("name")) if found else ""
        else:
            continue
        if found is None:
            continue
        flags = {flag.lower() for flag in found.group("flags").split()}
        if "\\noselect" not in flags and "\\nonexistent" not in flags:
            folders[name] = flags
    return folders


def encode_mailbox(name: str) -> str:
    """A folder name in IMAP's modified UTF-7 (RFC 3501 5.1.3): 草稿 -> &g0l6Pw-."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            data = base64.b64encode("".join(run).encode("utf-16-be")).decode("ascii")
            out.append("&" + data.rstrip("=").replace("/", ",") + "-")
            run.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    flush()
    return "".join(out)


def quote_mailbox(name: str) -> str:
    """A mailbox name (already modified UTF-7) as an IMAP quoted string; imaplib sends its
    arguments as they are, so a name with a space would otherwise be two arguments."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def decode_mailbox(name: str) -> str:
    def shift(found: re.Match[str]) -> str:
        data = found.group(1)
        if not data:
            return "&"
        padded = data.replace(",", "/") + "=" * (-len(data) % 4)
        try:
            return base64.b64decode(padded).decode("utf-16-be")
        except ValueError:
            return found.group(0)

    return re.sub(r"&([A-Za-z0-9+,]*)-", shift, name)


# Connection -------------------------------------------------------------------------------


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    try:
        if account.security == "ssl":
            return imaplib.IMAP4_SSL(account.host, account.port, ssl_context=context,
                                     timeout=account.timeout)
        client = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
        if account.security == "starttls":
            try:
                client.starttls(ssl_context=context)
            except BaseException:
                _close(client)
                raise
        return client
    except ssl.SSLCertVerificationError as error:
        raise MailError(f"The certificate of {account.host} is not trusted "
                        f"({error.verify_message}); check the server name.") from None
    except imaplib.IMAP4.error as error:
        raise ServerError(f"The mail server {account.host} did not accept a secure connection "
                          f"({_text(error)}); check mail_imap_security and the port.") from None
    except (OSError, EOFError) as error:
        raise _network_error(account, error) from None


def _network_error(account: ImapAccount, error: BaseException) -> MailError:
    where = f"{account.host}:{account.port}"
    if isinstance(error, TimeoutError | socket.timeout):
        return TimedOut(f"The mail server {where} did not answer within "
                        f"{account.timeout:g} seconds.")
    if isinstance(error, ssl.SSLError):
        return Offline(f"A secure connection to {where} failed ({error.reason or error}); check "
                       "mail_imap_security and the port.")
    if isinstance(error, socket.gaierror):
        return Offline(f"The mail server {account.host} cannot be found ({error.strerror}); "
                       "check the name and the network connection.")
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return Offline(f"The mail server {where} cannot be reached ({reason}).")


def _call(method: object, *args: object) -> tuple[str, list[object]]:
    """Run an imaplib command, turning its exceptions into MailError."""
    try:
        status, data = method(*args)  # type: ignore[operator]
    except imaplib.IMAP4.abort as error:
        raise Offline(f"The mail server closed the connection ({_text(error)}).") from None
    except imaplib.IMAP4.error as error:
        raise ServerError(f"The mail server refused the command ({_text(error)}).") from None
    except TimeoutError:
        raise TimedOut("The mail server stopped answering.") from None
    except OSError as error:
        raise Offline(f"The connection to the mail server broke ({error}).") from None
    return str(status), list(data or [])


def _close(client: imaplib.IMAP4) -> None:
    try:
        client.logout()
    except (imaplib.IMAP4.error, OSError, EOFError):
        with contextlib.suppress(OSError):
            client.shutdown()


def _append_refused(folder: str, data: list[object]) -> MailError:
    said = _joined(data)
    upper = said.upper()
    if "TRYCREATE" in upper or "NONEXISTENT" in upper:
        return FolderMissing(f"The mailbox has no folder {folder!r} any more ({said}).")
    if "OVERQUOTA" in upper or "QUOTA" in upper:
        return QuotaExceeded(f"The mailbox is full ({said}); make room, then try again.")
    return ServerError(f"The mail server did not take the draft ({said}).")


def _remove_copy(client: imaplib.IMAP4, mailbox: str, stored: str, message_id: str) -> None:
    """Delete the earlier copy (UIDPLUS only, so nothing else is expunged) if it is ours."""
    validity, _, uid = stored.partition(":")
    status, data = _call(client.capability)  # servers say more once logged in
    said = b" ".join(d for d in data if isinstance(d, bytes)).upper().split()
    if status != "OK" or b"UIDPLUS" not in said or not uid.isdigit():
        return
    status, data = _call(client.select, quote_mailbox(mailbox))
    if status != "OK":
        return
    current = client.untagged_responses.get("UIDVALIDITY", [b""])[-1]
    if not isinstance(current, bytes) or current.decode() != validity:
        return
    status, data = _call(client.uid, "FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    header = b"".join(part[1] for part in data if isinstance(part, tuple))
    if status != "OK" or message_id.encode() not in header:
        return
    _call(client.uid, "STORE", uid, "+FLAGS.SILENT", r"(\Deleted)")
    _call(client.uid, "EXPUNGE", uid)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


def _joined(data: list[object]) -> str:
    parts = [d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in data]
    return " ".join(p for p in parts if p).strip() or "no reason given"


def _text(error: BaseException) -> str:
    text = str(error)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return text or type(error).__name__
