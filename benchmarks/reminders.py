"""Reminders: how late a reminder reaches the notification server, and the idle CPU in the tray.

1. Delivery delay. 100 reminders (``--count``) due at times spread evenly over 2 minutes
   (``--minutes``), starting 10 s from now, in a fresh data home. The app's own background
   part runs them (ui/background.py: the single-shot clock, the poll in a worker, the D-Bus
   notifier) against the recording notification server of the tests on a private
   dbus-daemon, offscreen. For each reminder: the time its Notify reached the server minus
   its due time. Prints the median and the worst beside the goal (within 1 s).
2. Idle CPU. The real app started at login (``--background``: no window; the clock, the
   notifier and the single-instance server running), nothing due, in a child process: its
   CPU time over ``--idle-seconds`` of wall time, after ``--settle`` seconds for the start-up
   work (the warm-up imports) to end. Goal: under 1%.

    python benchmarks/reminders.py [--count 100] [--minutes 2] [--idle-seconds 30]
                                   [--settle 8] [--skip-delivery] [--skip-idle]

Needs dbus-daemon (Debian: dbus) for part 1. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

GOAL_DELAY_S = 1.0
GOAL_IDLE = 0.01
LEAD_S = 10.0  # the first reminder is due this long after the start

IDLE_CHILD = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_assistant.app import Services, run_gui

settle, seconds = float(sys.argv[1]), float(sys.argv[2])

def measure():
    start_cpu, start_wall = time.process_time(), time.monotonic()
    def done():
        cpu, wall = time.process_time() - start_cpu, time.monotonic() - start_wall
        print(f"{cpu:.6f} {wall:.6f}", flush=True)
        QApplication.quit()
    QTimer.singleShot(int(seconds * 1000), done)

def shown():
    QTimer.singleShot(int(settle * 1000), measure)

sys.exit(run_gui(Services.from_environment(), on_shown=shown, hidden=True))
"""


def delivery(count: int, minutes: float) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.support.keyring_session import _start_dbus_daemon
    from tests.support.notification_server import NotificationRecorder

    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="da-bench-")))
        os.environ["DESKTOP_ASSISTANT_HOME"] = str(folder / "home")
        address, _ = _start_dbus_daemon("dbus-daemon", folder, stack)
        server = stack.enter_context(NotificationRecorder(address))

        from desktop_assistant.app import Services
        from desktop_assistant.settings import set_setting

        services = Services.from_environment()
        set_setting(services.paths, "briefing_time", "")
        services = Services.from_environment()
        stack.callback(services.close)
        now = datetime.now(UTC)
        span = minutes * 60.0
        due: dict[str, datetime] = {}
        for number in range(count):
            at = now + timedelta(seconds=LEAD_S + span * number / max(1, count - 1))
            reminder = services.reminders.add(f"benchmark reminder {number}", at)
            due[f"Reminder: {reminder.text}"] = reminder.when.astimezone(UTC)

        app = QApplication.instance() or QApplication(sys.argv)
        from desktop_assistant.ui.background import Background
        from desktop_assistant.ui.main_window import MainWindow

        window = MainWindow(services, load_history=False)
        background = Background(window, services, tray_available=False, use_dbus=True,
                                bus_address=address, server_name=str(folder / "instance.sock"))
        polls = []
        background.clock.polled.connect(polls.append)
        print(f"{count} reminders due over {minutes:g} min from {LEAD_S:g} s on; waiting …",
              flush=True)
        assert background.start()
        deadline = time.monotonic() + LEAD_S + span + 30.0
        ticker = QTimer()
        ticker.timeout.connect(lambda: (len(server.snapshot()) >= count
                                        or time.monotonic() > deadline) and app.quit())
        ticker.start(200)
        app.exec()
        background.shutdown()
        from desktop_assistant.ui.workers import wait_for_workers

        wait_for_workers(10.0)
        calls = server.snapshot()
        delays = [call.received_at - due[call.summary].timestamp() for call in calls
                  if call.summary in due]
    if not delays:
        print("No reminder reached the notification server.")
        return
    print(f"delivered {len(delays)}/{count} in {len(polls)} polls")
    print(f"delay from due time to the notification server: "
          f"median {statistics.median(delays):.3f} s, worst {max(delays):.3f} s, "
          f"earliest {min(delays):+.3f} s  (goal: within {GOAL_DELAY_S:g} s)")


def idle(seconds: float, settle: float) -> None:
    with tempfile.TemporaryDirectory(prefix="da-idle-") as folder:
        (Path(folder) / "config").mkdir()
        (Path(folder) / "config" / "settings.toml").write_text('briefing_time = ""\n')
        environ = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM",
                                                                   "offscreen"),
                   "DESKTOP_ASSISTANT_HOME": folder, "PYTHONPATH": str(ROOT)}
        result = subprocess.run([sys.executable, "-c", IDLE_CHILD, str(settle), str(seconds)],
                                capture_output=True, text=True, env=environ,
                                timeout=settle + seconds + 120, check=False)
    lines = result.stdout.split()
    if result.returncode != 0 or len(lines) < 2:
        print(f"idle run failed (exit {result.returncode}): {result.stderr[-2000:]}")
        return
    cpu, wall = float(lines[-2]), float(lines[-1])
    print(f"idle CPU of the background app (window hidden): {cpu:.3f} s CPU in {wall:.1f} s "
          f"= {100 * cpu / wall:.2f}%  (goal: under {100 * GOAL_IDLE:g}%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=8.0)
    parser.add_argument("--skip-delivery", action="store_true")
    parser.add_argument("--skip-idle", action="store_true")
    args = parser.parse_args()
    if not args.skip_idle:
        idle(args.idle_seconds, args.settle)
    if not args.skip_delivery:
        delivery(args.count, args.minutes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
