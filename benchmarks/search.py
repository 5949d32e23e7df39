"""Document search: quality on SciFact and CMRC, indexing speed and memory, query latency.

Each corpus entry is written to a file (``<id>.txt``, title on the first line) and the folder
is indexed as a person's folder would be, through the real CLI in a subprocess (its peak RSS
taken with ``resource.getrusage`` in that process). Prints figures beside the issue's goals;
asserts nothing.

    python benchmarks/search.py [--quick] [--fts5] [--replicas 20] [--data ../shared/data]

--quick skips the ~100k-file replication (indexing time, latency and memory at 100k).
--fts5 also times SQLite FTS5 (the engine we did not choose) on the same ~100k texts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

# The child indexes through the real CLI and reports its own peak resident memory.
_INDEX_CHILD = """
import resource, sys
from desktop_assistant.cli import main
code = main(["docs", "index"])
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def load_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def load_qrels(path: Path) -> dict[str, set[str]]:
    judged: dict[str, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if number == 0 or not line.strip():
            continue
        query, document, score = line.split("\t")
        if int(score) > 0:
            judged.setdefault(query, set()).add(document)
    return judged


def write_corpus(entries: list[dict[str, object]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        text = f"{entry['title']}\n{entry['text']}\n"
        (folder / f"{entry['_id']}.txt").write_text(text, encoding="utf-8")


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "DESKTOP_ASSISTANT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop_assistant", *args],
                          capture_output=True, text=True, env=environ, check=True)


def index_folder(home: Path, folder: Path) -> tuple[float, float, str]:
    """Add and index ``folder`` in a fresh process: seconds, peak RSS in MB, its summary."""
    cli(home, "docs", "add", str(folder))
    environ = {**os.environ, "DESKTOP_ASSISTANT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _INDEX_CHILD], capture_output=True,
                          text=True, env=environ, check=True)
    seconds = time.perf_counter() - started
    rss_kb = int(done.stderr.split("maxrss_kb")[1].split()[0])
    return seconds, rss_kb / 1024, done.stdout.strip()


def service_for(home: Path):  # type: ignore[no-untyped-def]
    os.environ["DESKTOP_ASSISTANT_HOME"] = str(home)
    from desktop_assistant.app import Services
    from desktop_assistant.documents.service import open_documents

    services = Services.from_environment()
    return services, open_documents(services)


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    gain = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:10]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return gain / ideal


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def latencies(service, queries: list[str], limit: int = 10) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    for query in queries[:20]:  # warm the caches, as a running app has them
        service.search(query, limit)
    timings = []
    for query in queries:
        started = time.perf_counter()
        service.search(query, limit)
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 0.5), percentile(timings, 0.99)


def scifact_quality(service, data: Path) -> tuple[float, float, list[str]]:  # type: ignore[no-untyped-def]
    queries = {str(q["_id"]): str(q["text"]) for q in load_jsonl(data / "queries.jsonl")}
    judged = load_qrels(data / "qrels" / "train.tsv")
    ndcg, recall = [], []
    for query_id, relevant in judged.items():
        hits = service.search(queries[query_id], 100)
        ranked = [Path(hit.path).stem for hit in hits]
        ndcg.append(ndcg_at_10(ranked, relevant))
        recall.append(len(relevant & set(ranked)) / len(relevant))
    return statistics.fmean(ndcg), statistics.fmean(recall), [queries[q] for q in judged]


def cmrc_accuracy(service, data: Path) -> float:  # type: ignore[no-untyped-def]
    judged = load_qrels(data / "qrels" / "trial.tsv")
    right = 0
    queries = load_jsonl(data / "queries.jsonl")
    for query in queries:
        hits = service.search(str(query["text"]), 1)
        if hits and Path(hits[0].path).stem in judged[str(query["_id"])]:
            right += 1
    return right / len(queries)


def cli_search_seconds(home: Path, query: str, runs: int = 10) -> float:
    """Median seconds from starting ``docs search`` to its printed results."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        cli(home, "docs", "search", query, "--limit", "10")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def replicate(source: Path, target: Path, copies: int) -> int:
    files = sorted(source.iterdir())
    for copy in range(copies):
        folder = target / f"copy-{copy:02d}"
        folder.mkdir(parents=True)
        for path in files:
            shutil.copyfile(path, folder / path.name)
    return len(files) * copies


def fts5_latencies(folder: Path, queries: list[str], scratch: Path) -> tuple[float, float]:
    """The same texts in SQLite FTS5 (Porter, CJK bigrams), queried as OR of the words."""
    import re
    import sqlite3

    from desktop_assistant.analysis import index_terms

    database = sqlite3.connect(scratch / "fts5.db")
    database.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    database.executemany("INSERT INTO t VALUES (?)", (
        (index_terms(path.read_text(encoding="utf-8")),) for path in folder.rglob("*.txt")))
    database.commit()
    timings = []
    for query in queries:
        words = re.findall(r"\w+", query.lower())
        match = " OR ".join(f'"{word}"' for word in words)
        started = time.perf_counter()
        database.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10",
                         (match,)).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    database.close()
    return percentile(timings, 0.5), percentile(timings, 0.99)


def row(name: str, value: str, goal: str = "") -> None:
    print(f"  {name:<44} {value:>14}   {goal}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Skip the 100k-file replication.")
    parser.add_argument("--fts5", action="store_true", help="Also time SQLite FTS5 at ~100k.")
    parser.add_argument("--replicas", type=int, default=20, help="SciFact copies for ~100k.")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    scifact, cmrc = args.data / "scifact", args.data / "cmrc2018-trial"
    if not (scifact / "corpus.jsonl").exists():
        print(f"SciFact not found at {scifact}; pass --data.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        work = Path(scratch)
        print(f"Document search benchmark ({os.cpu_count()} cores, Python "
              f"{sys.version.split()[0]})")

        print("\nSciFact (5,183 abstracts, 809 training queries)")
        write_corpus(load_jsonl(scifact / "corpus.jsonl"), work / "scifact")
        seconds, rss, _ = index_folder(work / "home-scifact", work / "scifact")
        row("indexing, files -> searchable", f"{seconds:.2f} s", "goal < 10 s")
        row("peak RSS of the indexing process", f"{rss:.0f} MB", "goal < 300 MB")
        services, service = service_for(work / "home-scifact")
        ndcg, recall, queries = scifact_quality(service, scifact)
        row("nDCG@10", f"{ndcg:.4f}", "goal >= 0.665 (BM25 baselines 0.665-0.679)")
        row("Recall@100", f"{recall:.4f}")
        p50, p99 = latencies(service, queries)
        row("query latency p50 / p99 at 5k files", f"{p50:.2f} / {p99:.2f} ms")
        row("chunks", f"{service.search_index.chunk_count()}")
        service.close()
        services.close()

        if (cmrc / "corpus.jsonl").exists():
            print("\nCMRC 2018 trial (256 Chinese paragraphs, 1,002 questions)")
            write_corpus(load_jsonl(cmrc / "corpus.jsonl"), work / "cmrc")
            seconds, _, _ = index_folder(work / "home-cmrc", work / "cmrc")
            services, service = service_for(work / "home-cmrc")
            row("top-1 accuracy of the answer paragraph", f"{cmrc_accuracy(service, cmrc):.4f}")
            service.close()
            services.close()
        else:
            print(f"\nCMRC not found at {cmrc}: skipped.")

        if args.quick:
            print("\n--quick: the ~100k replication was skipped.")
            row("`docs search` process start -> results", "(at 5k files)")
            row("", f"{cli_search_seconds(work / 'home-scifact', queries[0]):.3f} s",
                "goal < 0.5 s")
            return 0

        print(f"\nSciFact replicated x{args.replicas}")
        count = replicate(work / "scifact", work / "big", args.replicas)
        seconds, rss, _ = index_folder(work / "home-big", work / "big")
        row("files", f"{count:,}")
        row("indexing, files -> searchable", f"{seconds:.1f} s", "goal < 300 s")
        row("peak RSS of the indexing process", f"{rss:.0f} MB", "goal < 300 MB")
        services, service = service_for(work / "home-big")
        row("chunks", f"{service.search_index.chunk_count():,}")
        p50, p99 = latencies(service, queries)
        row("query latency p50 / p99 (809 queries)", f"{p50:.2f} / {p99:.2f} ms",
            "goals < 5 / < 20 ms")
        service.close()
        services.close()
        row("`docs search` process start -> results",
            f"{cli_search_seconds(work / 'home-big', queries[0]):.3f} s", "goal < 0.5 s")
        if args.fts5:
            p50, p99 = fts5_latencies(work / "big", queries, work)
            row("for comparison: SQLite FTS5 p50 / p99", f"{p50:.1f} / {p99:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
