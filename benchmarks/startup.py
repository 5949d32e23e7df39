"""Startup: median time from process start to the main window's first paint.

Prints Desktop Assistant's figure beside a bare PySide6 window's (our floor) and their ratio;
the goal is within 1.5x of the bare window. Runs alternate between the two so machine load
affects both alike. The app starts with a seeded history (conversations to list) and a model
configured, as a returning user's would be, and bytecode cached, as in an installed app.

With a frozen bundle (``--frozen PATH``, or by itself when ``dist/desktop-assistant`` has been
built by pyinstaller.spec), it also starts the bundle's executable and, for a like-for-like
figure, the same command from source (``python -m desktop_assistant``), alternating; both
are timed to the first line of the app's log, which the app writes right after its first
paint (``logs.start_for`` is run_gui's on_shown hook). The bundle's size is printed too.

    python benchmarks/startup.py [--runs 15] [--platform offscreen|xcb] [--conversations 200]
                                 [--frozen dist/desktop-assistant/desktop-assistant | --no-frozen]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLE = ROOT / "dist" / "desktop-assistant" / "desktop-assistant"
LOG_STARTED = " INFO desktop_assistant.logs "  # the log's first record: "Desktop Assistant …"


def seed_home(home: Path, conversations: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DESKTOP_ASSISTANT_HOME"] = str(home)
    from desktop_assistant.app import Services
    from desktop_assistant.settings import set_setting

    services = Services.from_environment()
    for index in range(conversations):
        conversation = services.history.create_conversation(f"Conversation {index} 会议")
        services.history.add_message(conversation.id, "user", f"Question {index}")
        services.history.add_message(conversation.id, "assistant", "An answer " * 40, model="m")
    services.close()
    set_setting(services.paths, "provider", "compatible")
    set_setting(services.paths, "base_url", "http://127.0.0.1:9/v1")
    set_setting(services.paths, "model", "benchmark-model")


def paint_seconds(kind: str, environ: dict[str, str]) -> list[float]:
    """Seconds from process start to each paint the child reports."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(HERE / "first_paint.py"), kind],
        capture_output=True, text=True, env=environ, timeout=60, check=True,
    )
    return [float(line) - started for line in result.stdout.split()]


def logged_paint_seconds(command: list[str], environ: dict[str, str], log: Path) -> float:
    """Start ``command`` (the app's window), wait for its log's first record (written right
    after the first paint), stop it; seconds from process start to that record."""
    log.unlink(missing_ok=True)
    started = time.time()
    process = subprocess.Popen(command, env=environ, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = next((line for line in _lines(log) if LOG_STARTED in line), None)
            if line is not None:
                stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                return stamp.timestamp() - started
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited ({process.returncode}) before painting")
            time.sleep(0.005)
        raise RuntimeError(f"{command[0]} did not paint within 60 s")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def frozen_figures(executable: Path, environ: dict[str, str], home: Path, runs: int) -> None:
    """The bundle beside the same command from source, timed alike (see the module doc)."""
    from desktop_assistant.logs import log_path
    from desktop_assistant.settings import Paths

    log = log_path(Paths.resolve({"DESKTOP_ASSISTANT_HOME": str(home)}))
    commands = {"source": [sys.executable, "-m", "desktop_assistant"],
                "frozen": [str(executable)]}
    times: dict[str, list[float]] = {kind: [] for kind in commands}
    for command in commands.values():  # warm the file and bytecode caches for both
        logged_paint_seconds(command, environ, log)
    for _ in range(runs):
        for kind, command in commands.items():
            times[kind].append(logged_paint_seconds(command, environ, log))
    print(f"\nfirst paint (to the log's first record), {runs} runs each:")
    for kind, label in (("source", "from source (python -m)"), ("frozen", "frozen bundle")):
        print(f"{label:<24} median {statistics.median(times[kind]) * 1000:6.0f} ms  "
              f"(min {min(times[kind]) * 1000:.0f}, max {max(times[kind]) * 1000:.0f})")
    size = folder_size(executable.parent) / 2**20
    print(f"bundle: {executable.parent}, {size:.0f} MiB in files")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--frozen", type=Path, metavar="EXECUTABLE",
                        default=BUNDLE if BUNDLE.exists() else None,
                        help="the bundle's executable (default: dist/desktop-assistant's, "
                        "when it has been built)")
    parser.add_argument("--no-frozen", dest="frozen", action="store_const", const=None,
                        help="only from source")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        seed_home(home, args.conversations)
        environ = {**os.environ, "DESKTOP_ASSISTANT_HOME": str(home),
                   "QT_QPA_PLATFORM": args.platform, "PYTHONPATH": str(ROOT),
                   # Bytecode cached, as in an installed app (pip and PyInstaller compile it),
                   # even where the environment says not to write it; kept out of the tree.
                   "PYTHONPYCACHEPREFIX": str(home / "pycache")}
        environ.pop("PYTHONDONTWRITEBYTECODE", None)
        times: dict[str, list[float]] = {"bare": [], "app": [], "list": []}
        for kind in ("bare", "app"):  # warm the file and bytecode caches for both
            paint_seconds(kind, environ)
        for _ in range(args.runs):
            times["bare"].append(paint_seconds("bare", environ)[0])
            first, listed = paint_seconds("app", environ)
            times["app"].append(first)
            times["list"].append(listed)
        report(args, times)
        if args.frozen is not None:
            frozen_figures(args.frozen.resolve(), environ, home, args.runs)
    return 0


def report(args: argparse.Namespace, times: dict[str, list[float]]) -> None:
    bare, app, listed = (statistics.median(times[k]) for k in ("bare", "app", "list"))
    print(f"platform {args.platform}, {args.runs} runs each, "
          f"{args.conversations} conversations in history")
    print(f"bare PySide6 window   median {bare * 1000:6.0f} ms  "
          f"(min {min(times['bare']) * 1000:.0f}, max {max(times['bare']) * 1000:.0f})")
    print(f"Desktop Assistant     median {app * 1000:6.0f} ms  "
          f"(min {min(times['app']) * 1000:.0f}, max {max(times['app']) * 1000:.0f})")
    print(f"ratio {app / bare:.2f}x (goal: at most 1.50x)")
    print(f"conversation list painted  median {listed * 1000:6.0f} ms "
          f"({(listed - app) * 1000:.0f} ms after the first paint)")


if __name__ == "__main__":
    raise SystemExit(main())
