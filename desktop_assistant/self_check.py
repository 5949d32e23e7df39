"""``desktop-assistant --self-check``: does this installation work? One line per check, exit 0
when everything works.

Made for the frozen bundle (a missing hidden import or data file fails CI's build) and for IT
checking an installed copy. Everything runs in a temporary ``DESKTOP_ASSISTANT_HOME`` that is
deleted afterwards, so the person's data, settings and keyring entries are never touched (the
keyring check uses a throwaway entry of its own service name and removes it).

- modules: every module of the package imports, also those only imported by name or inside
  functions (feature commands, extractors, panels), which a bundle could have missed;
- database: SQLite opens with FTS5, every migration runs, a Chinese message is found again;
- keyring: the platform's backend is installed and loads (a failure when not); no keyring
  running here (no Secret Service on this desktop) is only a warning; otherwise a throwaway
  entry is stored, read back and deleted;
- redaction: phone numbers, a resident ID, an IBAN and an email are found in a sample
  (libphonenumber's and stdnum's data, loaded by name);
- tools: every tool registers and its JSON schema builds;
- documents: a tiny file of each format is extracted;
- collation: Qt's ICU data (trimmed in the bundle) sorts Chinese by pinyin;
- translations and window: the Chinese catalogs load and translate, and the window is built,
  shown offscreen (unless ``QT_QPA_PLATFORM`` says otherwise), painted and closed (ui/
  window_check.py: this module stays Qt-free).

A warning does not fail the check; any failure gives exit code 1 and names what failed.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import desktop_assistant

if TYPE_CHECKING:
    from desktop_assistant.app import Services

# Imported on purpose by name somewhere: the walk must find at least these, or it walked
# nothing (a bundle whose importer cannot list modules would pass vacuously otherwise).
NOT_WALKED = ("desktop_assistant.__main__",)  # importing it would run the command line
NATIVE_BACKENDS = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}
SAMPLE_WORD = "selfcheckzebra"


class CheckFailed(Exception):
    """The installation is broken in this respect; the message says how."""


class CheckWarning(Exception):
    """Not the installation's fault (no keyring running on this desktop …); reported only."""


Check = Callable[["Services", Path], str]


def run_self_check(out: TextIO | None = None) -> int:
    """Run every check, print one line each and a summary; 0 when none failed."""
    out = out or sys.stdout
    started = time.monotonic()
    failed: list[str] = []
    warnings = 0
    with tempfile.TemporaryDirectory(prefix="desktop-assistant-self-check-") as folder:
        scratch = Path(folder)
        with _private_environment(scratch / "home"):
            from desktop_assistant.app import Services

            services = Services.from_environment()
            try:
                for name, check in CHECKS:
                    try:
                        detail = check(services, scratch)
                    except CheckWarning as warning:
                        warnings += 1
                        _line(out, "warn", name, str(warning))
                    except Exception as error:  # any failure is reported, never raised
                        failed.append(name)
                        reason = str(error) if isinstance(error, CheckFailed) else (
                            f"{type(error).__name__}: {error}")
                        _line(out, "FAIL", name, reason)
                    else:
                        _line(out, "ok", name, detail)
            finally:
                services.close()
    seconds = time.monotonic() - started
    if failed:
        print(f"self-check FAILED ({', '.join(failed)}) in {seconds:.1f} s", file=out)
        return 1
    note = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    print(f"self-check passed ({len(CHECKS)} checks{note}) in {seconds:.1f} s, "
          f"Desktop Assistant {desktop_assistant.__version__}", file=out)
    return 0


def _line(out: TextIO, status: str, name: str, detail: str) -> None:
    print(f"{status:<5} {name}: {detail}", file=out, flush=True)


@contextmanager
def _private_environment(home: Path) -> Iterator[None]:
    """A fresh data home for the checks, and Qt offscreen unless a platform is chosen."""
    wanted = {"DESKTOP_ASSISTANT_HOME": str(home)}
    if not os.environ.get("QT_QPA_PLATFORM"):
        wanted["QT_QPA_PLATFORM"] = "offscreen"
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# --- the checks ------------------------------------------------------------------------------


def check_modules(services: Services, scratch: Path) -> str:
    """Import every module of the package, as the frozen importer lists them."""
    broken: list[str] = []

    def unimportable(name: str) -> None:  # a package that failed while being walked
        broken.append(f"{name} ({_reason()})")

    names = []
    for module in pkgutil.walk_packages(desktop_assistant.__path__, "desktop_assistant.",
                                        onerror=unimportable):
        if module.name in NOT_WALKED:
            continue
        names.append(module.name)
        try:
            importlib.import_module(module.name)
        except Exception:
            broken.append(f"{module.name} ({_reason()})")
    from desktop_assistant.app import FEATURE_SCHEMAS
    from desktop_assistant.cli import FEATURE_COMMANDS

    missing = sorted(set(FEATURE_COMMANDS + FEATURE_SCHEMAS) - set(names))
    if missing:
        broken.append(f"not found in this installation: {', '.join(missing)}")
    if broken:
        raise CheckFailed("; ".join(broken))
    return f"{len(names)} modules import"


def _reason() -> str:
    error = sys.exc_info()[1]
    return f"{type(error).__name__}: {error}" if error else "unknown error"


def check_database(services: Services, scratch: Path) -> str:
    """The real database: SQLite with FTS5, all migrations, a Chinese message found again."""
    import sqlite3

    from desktop_assistant.db import applied_migrations

    applied = applied_migrations(services.database.conn)
    history = services.history
    conversation = history.create_conversation("Self-check 自检")
    history.add_message(conversation.id, "user", "明天下午的季度预算会议 quarterly budget")
    if not any(hit.conversation_id == conversation.id for hit in history.search("预算会议")):
        raise CheckFailed("a message just stored is not found by full-text search (FTS5)")
    return (f"SQLite {sqlite3.sqlite_version} with FTS5, {len(applied)} migrations, "
            "full-text search finds Chinese")


def check_keyring(services: Services, scratch: Path) -> str:
    """The platform's keyring backend is installed; where a keyring runs, it stores a secret."""
    from importlib.metadata import entry_points

    from desktop_assistant.secrets import SecretStore, SecretStoreError

    native = next((backend for platform, backend in NATIVE_BACKENDS.items()
                   if sys.platform.startswith(platform)), None)
    if native is not None:
        points = {point.name: point for point in entry_points(group="keyring.backends")}
        if native not in points:
            raise CheckFailed(f"keyring's {native} backend is not registered (keyring's entry "
                              "points, in its package metadata, are missing)")
        try:
            points[native].load()
            if native == "SecretService":
                importlib.import_module("secretstorage")
                importlib.import_module("jeepney")
        except Exception:
            raise CheckFailed(f"keyring's {native} backend cannot load ({_reason()})") from None
    store = SecretStore(service=f"desktop-assistant-self-check-{uuid.uuid4().hex[:12]}")
    status = store.status()
    if not status.available:
        raise CheckWarning(f"no keyring to use on this desktop ({status.reason}); the backend "
                           "is installed, secrets would be kept for the session only")
    value = uuid.uuid4().hex
    try:
        saved = store.set("self-check", value)
        if not saved.persistent:
            raise CheckWarning(saved.message)
        if store.get("self-check") != value:
            raise CheckFailed(f"{status.backend} did not return a secret just stored")
        store.delete("self-check")
        if store.get("self-check") is not None:
            raise CheckFailed(f"{status.backend} kept a secret after deleting it")
    except SecretStoreError as error:
        if error.problem in {"locked", "timeout"}:
            raise CheckWarning(str(error)) from None
        raise CheckFailed(str(error)) from None
    return f"{status.backend}: a throwaway secret was stored, read back and deleted"


REDACTION_SAMPLE = ("请联系 13812345678 或 +44 20 7946 0958，身份证 11010519491231002X，"
                    "IBAN GB82 WEST 1234 5698 7654 32，邮件 li.lei@example.com")
REDACTION_FOUND = ["phone", "phone", "cn_id", "iban", "email"]


def check_redaction(services: Services, scratch: Path) -> str:
    """Personal data is found before a cloud call: libphonenumber's numbering plans (loaded by
    region, by name) and stdnum's IBAN registry are in this installation."""
    from desktop_assistant.assistant.redaction import find_sensitive

    found = [finding.category for finding in find_sensitive(REDACTION_SAMPLE)]
    if found != REDACTION_FOUND:
        raise CheckFailed(f"found {', '.join(found) or 'nothing'} in the sample, expected "
                          f"{', '.join(REDACTION_FOUND)}")
    return "phone numbers (China, UK), resident ID, IBAN and email found in a sample"


def check_tools(services: Services, scratch: Path) -> str:
    """Every tool registers (with its feature's service) and its JSON schema builds."""
    schemas = services.tools.schemas()
    for schema in schemas:
        function = schema["function"]
        if function["parameters"].get("type") != "object":
            raise CheckFailed(f"the schema of {function['name']} is not a JSON object schema")
        json.dumps(schema)
    return f"{len(schemas)} tools, their JSON schemas build"


def check_documents(services: Services, scratch: Path) -> str:
    """One tiny file of each format through its extractor (their libraries load lazily)."""
    from desktop_assistant.documents.extractors import extract

    folder = scratch / "documents"
    folder.mkdir()
    samples = _write_samples(folder)
    for path in samples:
        extracted = extract(path)
        if not any(SAMPLE_WORD in chunk.text for chunk in extracted.chunks):
            raise CheckFailed(f"the {path.suffix} extractor did not find the sample's text")
    importlib.import_module("tantivy")  # the search engine's native module
    return f"{', '.join(sorted(p.suffix.lstrip('.') for p in samples))} extracted"


def _write_samples(folder: Path) -> list[Path]:
    import docx
    import openpyxl  # type: ignore[import-untyped]  # (no type information shipped)
    import pptx

    text = f"Self-check {SAMPLE_WORD} 自检"
    samples = {
        "sample.txt": text,
        "sample.md": f"# Title\n\n{text}\n",
        "sample.html": f"<html><body><p>{text}</p></body></html>",
        "sample.eml": f"Subject: check\nFrom: a@example.com\n\n{text}\n",
    }
    for name, content in samples.items():
        (folder / name).write_text(content, encoding="utf-8")
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(folder / "sample.docx"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = text
    book.save(folder / "sample.xlsx")
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    title = slide.shapes.title
    assert title is not None
    title.text = text
    deck.save(str(folder / "sample.pptx"))
    (folder / "sample.pdf").write_bytes(_tiny_pdf(f"Self-check {SAMPLE_WORD}"))
    return sorted(folder.iterdir())


def _tiny_pdf(line: str) -> bytes:
    """A one-page PDF showing ``line`` (ASCII) in Helvetica, with its cross-reference table."""
    stream = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % line.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    table += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(body))
    return body + table + trailer


def check_translations(services: Services, scratch: Path) -> str:
    from desktop_assistant.ui.window_check import check_translations as qt_check

    return qt_check()


def check_collation(services: Services, scratch: Path) -> str:
    from desktop_assistant.ui.window_check import check_collation as qt_check

    return qt_check()


def check_window(services: Services, scratch: Path) -> str:
    from desktop_assistant.ui.window_check import check_window as qt_check

    return qt_check(services)


CHECKS: tuple[tuple[str, Check], ...] = (
    ("modules", check_modules),
    ("database", check_database),
    ("keyring", check_keyring),
    ("redaction", check_redaction),
    ("tools", check_tools),
    ("documents", check_documents),
    ("translations", check_translations),
    ("collation", check_collation),
    ("window", check_window),
)
