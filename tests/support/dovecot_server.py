"""A real Dovecot IMAP server on loopback for the mail tests.

Dovecot runs from a generated configuration in a folder of its own: it listens on 127.0.0.1
on a free port (plain IMAP: the client refuses that anywhere but loopback), checks passwords
from a passwd-file, and keeps maildirs in the folder. It runs as the current user, or, when the
tests run as root (CI), as ``nobody``, since Dovecot refuses mail access as root. ``start()``
returns once Dovecot has logged that it is up (read from its log, not guessed with sleeps).

    with DovecotServer(users={"alice": "secret"}) as server:
        ...  # server.port; server.client("alice", "secret") is a logged-in imaplib client

``folders`` is the namespace's mailbox section: by default a Drafts folder with the
``\\Drafts`` special-use flag (RFC 6154). With ``tls=True`` the server also speaks TLS, with a
self-signed certificate for 127.0.0.1 (``cert``, made by ``openssl``): STARTTLS on ``port`` and
implicit TLS on ``tls_port``.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

from tests.support.radicale_server import follow_log, free_port, stop_logging_process

STARTUP_SECONDS = 30.0
DRAFTS_FLAGGED = "mailbox Drafts {\n  special_use = \\Drafts\n  auto = subscribe\n}\n"
DRAFTS_UNFLAGGED = "mailbox Drafts {\n  auto = subscribe\n}\n"
NO_DRAFTS = ""


def dovecot_missing() -> str | None:
    """Why Dovecot cannot run here, or None."""
    if shutil.which("dovecot") is None and not Path("/usr/sbin/dovecot").exists():
        return ("Dovecot is not installed — the IMAP tests need it "
                "(Debian/Ubuntu: apt-get install dovecot-imapd)")
    return None


def _program() -> str:
    return shutil.which("dovecot") or "/usr/sbin/dovecot"


class DovecotServer:
    """A Dovecot process serving IMAP on 127.0.0.1."""

    def __init__(self, users: dict[str, str], folders: str = DRAFTS_FLAGGED,
                 tls: bool = False) -> None:
        self.users = users
        self.folders = folders
        self.tls = tls
        self.port = 0
        self.tls_port = 0
        self.log: list[str] = []
        self.root: Path | None = None
        self._process: subprocess.Popen[str] | None = None
        self._up = threading.Event()
        self._reader: threading.Thread | None = None

    def start(self) -> Self:
        account = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
        # Not under pytest's tmp_path: as root that is private to root, and Dovecot runs as
        # nobody there.
        self.root = Path(tempfile.mkdtemp(prefix="dovecot-test-"))
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir()
        users = self.root / "users"
        users.write_text("".join(
            f"{user}:{{PLAIN}}{password}:{account.pw_uid}:{account.pw_gid}::"
            f"{self.root / 'mail' / user}::\n" for user, password in self.users.items()),
            encoding="utf-8")
        self.port = free_port()
        if self.tls:
            self._make_certificate()
            self.tls_port = free_port()
        config = self.root / "dovecot.conf"
        config.write_text(self._config(account.pw_name, account.pw_uid), encoding="utf-8")
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
        as_other = os.geteuid() == 0
        self._process = subprocess.Popen(
            [_program(), "-F", "-c", str(config)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace",
            user=account.pw_uid if as_other else None,
            group=account.pw_gid if as_other else None,
            extra_groups=[] if as_other else None,
        )
        self._reader = threading.Thread(target=self._read_log, daemon=True,
                                        name=f"dovecot-log-{self.port}")
        self._reader.start()
        if not self._up.wait(STARTUP_SECONDS) or not self.running:
            self.stop()
            raise RuntimeError("Dovecot did not start:\n" + "\n".join(self.log[-30:]))
        return self

    def _config(self, user: str, uid: int) -> str:
        root = self.root
        assert root is not None
        return f"""\
base_dir = {root}/run
state_dir = {root}/state
log_path = /dev/stderr
info_log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
{self._ssl_settings()}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {_group(user)}
default_login_user = {user}
first_valid_uid = {min(uid, 500)}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
{self.folders}}}
"""

    @property
    def cert(self) -> Path:
        assert self.root is not None
        return self.root / "cert.pem"

    def _make_certificate(self) -> None:
        assert self.root is not None
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(self.root / "key.pem"), "-out", str(self.cert)],
            check=True, capture_output=True, timeout=60,
        )

    def _ssl_settings(self) -> str:
        if not self.tls:
            return "ssl = no"
        assert self.root is not None
        return f"ssl = yes\nssl_cert = <{self.cert}\nssl_key = <{self.root / 'key.pem'}"

    def _read_log(self) -> None:
        assert self._process is not None
        follow_log(self._process, self.log, "starting up", self._up)

    def client(self, user: str, password: str) -> imaplib.IMAP4:
        """A logged-in IMAP connection to this server, for reading back what was saved."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        secret = f"\0{user}\0{password}".encode()  # SASL PLAIN: UTF-8, unlike LOGIN
        client.authenticate("PLAIN", lambda _challenge: secret)
        return client

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop_logging_process(process, self._reader)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def _group(user: str) -> str:
    import grp

    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name
