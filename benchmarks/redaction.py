"""Redaction before a cloud call: recall, false positives and speed, measured, not asserted.

1. ``find_sensitive`` over the labelled set (tests/trust/data/redaction_labelled.jsonl, Chinese
   and English office text, with hard negatives: bad checksums, order numbers, timestamps,
   hashes, amounts). A finding counts when its category and exact value are expected; anything
   else found is a false positive. Per category, per language and overall.
2. The same phone figures with ``phonenumbers.PhoneNumberMatcher`` (region CN) instead of our
   shapes plus ``phonenumbers`` validation, to show why we don't use the matcher directly.
3. Speed: strings per second over the set, MB/s over a large concatenated text, and
   ``Redactor.redact`` on a 100 KB message (the goal: well under 50 ms), both dense with
   values (the labelled set repeated) and ordinary prose with a few values.

    python benchmarks/redaction.py [--show-misses] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import phonenumbers  # noqa: E402

from desktop_assistant.assistant.redaction import (  # noqa: E402
    CATEGORIES,
    Redactor,
    _valid_iban,
    _valid_phone,
    find_sensitive,
)

LABELLED = ROOT / "tests" / "trust" / "data" / "redaction_labelled.jsonl"
Pairs = list[tuple[str, str]]


def load() -> list[dict[str, object]]:
    with LABELLED.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def expected_pairs(row: dict[str, object]) -> Pairs:
    items = row["expected"]
    assert isinstance(items, list)
    return [(item["category"], item["value"]) for item in items]


def score(rows: list[dict[str, object]], detect: Callable[[str], Pairs],
          only: str | None = None) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Counts keyed by (category or 'all', 'expected'|'hit'|'fp'), and readable misses."""
    counts: Counter[tuple[str, str]] = Counter()
    notes: list[str] = []
    for row in rows:
        text = str(row["text"])
        expected = Counter(p for p in expected_pairs(row) if only in (None, p[0]))
        found = Counter(p for p in detect(text) if only in (None, p[0]))
        hits = expected & found
        for (category, value), n in expected.items():
            for key in (category, "all"):
                counts[key, "expected"] += n
                counts[key, "hit"] += hits[category, value]
            if hits[category, value] < n:
                notes.append(f"MISS {category:9} {value!r}\n     in {text!r}")
        for (category, value), n in (found - hits).items():
            for key in (category, "all"):
                counts[key, "fp"] += n
            notes.append(f"FP   {category:9} {value!r}\n     in {text!r}")
    return counts, notes


def ours(text: str) -> Pairs:
    return [(f.category, f.value) for f in find_sensitive(text)]


def matcher_phones(text: str) -> Pairs:
    return [("phone", m.raw_string) for m in phonenumbers.PhoneNumberMatcher(text, "CN")]


def report(title: str, counts: Counter[tuple[str, str]], keys: Iterable[str]) -> None:
    print(f"\n{title}")
    print(f"  {'':10} {'expected':>8} {'found':>6} {'recall':>7} {'false+':>6} {'precision':>9}")
    for key in keys:
        expected, hit, fp = counts[key, "expected"], counts[key, "hit"], counts[key, "fp"]
        recall = hit / expected if expected else float("nan")
        precision = hit / (hit + fp) if hit + fp else float("nan")
        print(f"  {key:10} {expected:8} {hit:6} {recall:7.3f} {fp:6} {precision:9.3f}")


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


PROSE = (
    "Hi team, following up on yesterday's planning meeting: the quarterly review moves to "
    "Thursday at 10:30 in room 1203, and the budget for 2026-Q1 stays at ¥1,280,000.00. "
    "Please update the tracker (https://intranet.corp.example/plan?id=4821) before Friday. "
    "会议纪要：第47周的目标是完成报销系统的迁移，预计在2026-11-27之前上线，请各位负责人确认进度。"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", action="store_true",
                        help="print each miss and false positive")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    rows = load()
    negatives = sum(1 for row in rows if not row["expected"])
    print(f"{len(rows)} labelled strings ({negatives} negatives) from {LABELLED.relative_to(ROOT)}")

    counts, notes = score(rows, ours)
    report("find_sensitive, per category", counts, [*CATEGORIES, "all"])
    for language in ("zh", "en"):
        subset = [row for row in rows if row.get("lang") == language]
        by_language, _ = score(subset, ours)
        report(f"find_sensitive, {language} ({len(subset)} strings)", by_language, ["all"])
    fp_on_negatives = sum(len(ours(str(row["text"]))) for row in rows if not row["expected"])
    print(f"\n  findings on the {negatives} negatives: {fp_on_negatives}")
    if args.show_misses:
        print("\n" + ("\n".join(notes) if notes else "no misses, no false positives"))

    phones_ours, _ = score(rows, ours, only="phone")
    phones_matcher, matcher_notes = score(rows, matcher_phones, only="phone")
    report("phones: ours (shapes + phonenumbers validation)", phones_ours, ["phone"])
    report("phones: phonenumbers.PhoneNumberMatcher(text, 'CN')", phones_matcher, ["phone"])
    if args.show_misses:
        print("\n" + "\n".join(matcher_notes))

    texts = [str(row["text"]) for row in rows]
    seconds = best_of(args.runs, lambda: [find_sensitive(t) for t in texts])
    print(f"\nspeed (best of {args.runs})")
    print(f"  {len(texts) / seconds:,.0f} strings/s over the labelled set")
    big = "\n".join(texts * 40)
    megabytes = len(big.encode()) / 1e6
    seconds = best_of(args.runs, lambda: find_sensitive(big))
    print(f"  {megabytes / seconds:.2f} MB/s over {megabytes:.1f} MB of the set concatenated")
    seconds = best_of(args.runs, lambda: matcher_phones(big))
    print(f"  PhoneNumberMatcher alone: {megabytes / seconds:.2f} MB/s over the same text")
    for name, unit in (("dense (the set repeated)", "\n".join(texts)), ("prose", PROSE)):
        message = (unit * (100_000 // len(unit.encode()) + 1))
        message = message[: len(message) * 100_000 // len(message.encode())]
        timings = []
        for _ in range(args.runs):
            _valid_phone.cache_clear()  # cold, as for a message never seen before
            _valid_iban.cache_clear()
            redactor = Redactor()
            start = time.perf_counter()
            redactor.redact(message)
            timings.append(time.perf_counter() - start)
        found = sum(redactor.counts().values())
        print(f"  Redactor.redact, 100 KB message, {name}: median "
              f"{statistics.median(timings) * 1000:.1f} ms, best {min(timings) * 1000:.1f} ms "
              f"({len(message.encode()) / 1000:.0f} KB, {found} distinct values)")


if __name__ == "__main__":
    main()
