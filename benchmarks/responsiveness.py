"""Responsiveness: the longest gap between GUI event-loop iterations while documents index.

Builds the real main window the way ``desktop-assistant`` starts it (``application.launch``:
first paint, then the history, the warm-up and, a moment later, indexing), with a folder of N
files (SciFact abstracts written one per file, replicated as benchmarks/search.py does)
already added, and Settings → Documents open from the first paint (its progress area and file
list update while the run goes). A QTimer ticks every millisecond in the GUI thread; a gap
between ticks is time the event loop could not run. From the start of indexing to its end,
prints the longest gap beside the goal (< 50 ms), the 99th percentile, the count of gaps over
16 and 50 ms, and the garbage collector's pauses. Asserts nothing.

    python benchmarks/responsiveness.py [--files 100000] [--platform offscreen|xcb]
                                        [--tick-ms 1] [--no-settings] [--where MS]
                                        [--data ../shared/data]

--where MS shows, after each gap over MS, where the other threads were (what held the GIL).
Under Xvfb: ``DISPLAY=:99 python benchmarks/responsiveness.py --platform xcb``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 50.0


def corpus_entries(data: Path) -> list[dict[str, object]]:
    """SciFact's abstracts, or made-up English and Chinese notes where the data is missing."""
    corpus = data / "scifact" / "corpus.jsonl"
    if corpus.exists():
        with corpus.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines]
    print(f"(SciFact not found at {corpus.parent}: made-up notes instead)")
    return [{"_id": n, "title": f"Note {n}",
             "text": f"Meeting {n} about the travel budget 差旅预算 and reimbursement 报销. " * 20}
            for n in range(5000)]


def write_folder(entries: list[dict[str, object]], folder: Path, files: int) -> None:
    """``files`` files, one entry each (title on the first line), in folders of one copy each."""
    for number in range(files):
        copy, index = divmod(number, len(entries))
        entry = entries[index]
        target = folder / f"copy-{copy:02d}"
        if index == 0:
            target.mkdir(parents=True, exist_ok=True)
        (target / f"{entry['_id']}.txt").write_text(f"{entry['title']}\n{entry['text']}\n",
                                                    encoding="utf-8")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def _other_threads() -> list[str]:
    """Where the other threads are: right after a long gap, that is usually what held the GIL."""
    import threading
    import traceback

    names = {thread.ident: thread.name for thread in threading.enumerate()}
    found = []
    for ident, frame in sys._current_frames().items():
        if ident == threading.get_ident():
            continue
        stack = traceback.extract_stack(frame)[-3:]
        found.append(f"{names.get(ident, ident)}: " + " <- ".join(
            f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack)))
    return found


class CollectorPauses:
    """The garbage collector's pauses (they hold the GIL, whichever thread triggers them)."""

    def __init__(self) -> None:
        import gc

        self.pauses: list[tuple[float, int, float, int]] = []  # (when, generation, ms, objects)
        self._began = 0.0
        gc.callbacks.append(self._note)

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        import gc  # (already imported: cheap)

        now = time.perf_counter()
        if phase == "start":
            self._began = now
        else:
            self.pauses.append((now, info["generation"], (now - self._began) * 1000,
                                sum(gc.get_count()) + len(gc.get_objects(info["generation"]))))


class GapMeter:
    """Ticks in the GUI thread and keeps the gaps between ticks while ``recording``."""

    def __init__(self, interval_ms: int, where_over_ms: float = 0.0) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval_ms = interval_ms
        self.where_over_ms = where_over_ms
        self.recording = False
        self.gaps: list[tuple[float, float]] = []  # (when, gap ms)
        self.where: list[tuple[float, list[str]]] = []  # other threads, just after long gaps
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.recording:
            gap = (now - self._last) * 1000
            self.gaps.append((now, gap))
            if self.where_over_ms and gap > self.where_over_ms:
                self.where.append((gap, _other_threads()))
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.recording = True

    def stop(self) -> None:
        self.recording = False
        self._timer.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--tick-ms", type=int, default=1)
    parser.add_argument("--no-settings", action="store_true",
                        help="Leave Settings → Documents closed while indexing.")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--where", type=float, default=0.0, metavar="MS",
                        help="After gaps longer than MS, show where the other threads were.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="responsiveness-") as scratch:
        work = Path(scratch)
        home = work / "home"
        os.environ["DESKTOP_ASSISTANT_HOME"] = str(home)
        os.environ["QT_QPA_PLATFORM"] = args.platform
        started = time.perf_counter()
        write_folder(corpus_entries(args.data), work / "drive", args.files)
        print(f"wrote {args.files:,} files in {time.perf_counter() - started:.1f} s")

        from desktop_assistant.app import Services
        from desktop_assistant.settings import set_setting

        services = Services.from_environment()
        for key, value in (("provider", "compatible"), ("base_url", "http://127.0.0.1:9/v1"),
                           ("model", "benchmark-model")):
            set_setting(services.paths, key, value)
        services.documents.add_folder(work / "drive")
        services.close()
        return measure(args, Services.from_environment())


def measure(args: argparse.Namespace, services: object) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_assistant.ui.application import launch
    from desktop_assistant.ui.settings_dialog import SettingsDialog
    from desktop_assistant.ui.workers import errors, wait_for_workers

    app = QApplication([sys.argv[0]])
    problems: list[str] = []
    errors.reported.connect(problems.append)
    window = launch(services, on_shown=lambda: None if args.no_settings else QTimer.singleShot(
        0, lambda: window.open_settings(documents=True)))  # type: ignore[arg-type]
    meter = GapMeter(args.tick_ms, args.where)
    collector = CollectorPauses()
    indexing = window.indexing
    times: dict[str, float] = {}
    last: list[object] = []

    def running(now_running: bool) -> None:
        if now_running and "start" not in times:
            times["start"] = time.perf_counter()
            meter.start()

    def finished(progress: object) -> None:
        times["end"] = time.perf_counter()
        meter.stop()
        last.append(progress)
        app.quit()

    indexing.running_changed.connect(running)
    indexing.finished.connect(finished)
    app.exec()
    collector.stop()
    dialog = window.findChild(SettingsDialog)
    if dialog is not None:
        dialog.reject()
    window.shutdown()
    wait_for_workers(30)
    services.close()  # type: ignore[attr-defined]

    gaps = [gap for _, gap in meter.gaps]
    seconds = times["end"] - times["start"]
    progress = last[0]
    done = getattr(progress, "files_done", 0)
    print(f"\nplatform {args.platform}, tick {args.tick_ms} ms, {os.cpu_count()} cores, "
          f"Settings → Documents {'closed' if args.no_settings else 'open'}")
    print(f"  indexed {done:,} files in {seconds:.1f} s ({done / seconds:,.0f} files/s), "
          f"phase {getattr(progress, 'phase', '?')}")
    print(f"  event-loop ticks                {len(gaps):>10,}")
    print(f"  longest gap                     {max(gaps):>10.1f} ms   goal < {GOAL_MS:.0f} ms")
    print(f"  99th percentile gap             {percentile(gaps, 0.99):>10.1f} ms")
    print(f"  median gap                      {statistics.median(gaps):>10.1f} ms")
    print(f"  gaps over 16 ms / over 50 ms    {sum(g > 16 for g in gaps):>6,} / "
          f"{sum(g > GOAL_MS for g in gaps):,}")
    worst = sorted(meter.gaps, key=lambda pair: pair[1], reverse=True)[:5]
    print("  worst gaps (s into the run: ms) " + ", ".join(
        f"{when - times['start']:.1f}: {gap:.0f}" for when, gap in sorted(worst)))
    during = [p for p in collector.pauses if times["start"] <= p[0] <= times["end"]]
    full = [p for p in during if p[1] == 2]
    print(f"  garbage collections (full)      {len(during):>10,} ({len(full)}), longest "
          f"{max((p[2] for p in during), default=0):.1f} ms (full: "
          f"{max((p[2] for p in full), default=0):.1f} ms over "
          f"{max((p[3] for p in full), default=0):,} objects)")
    for gap, where in sorted(meter.where, key=lambda pair: pair[0], reverse=True)[:8]:
        print(f"  after {gap:.0f} ms:\n    " + "\n    ".join(where))
    if problems:
        print(f"  errors reported: {problems}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
