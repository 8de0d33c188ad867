"""Benchmark ``iter_kaggle`` against bare ``json.loads`` per line, and its peak memory.

Run from the repository root (not a test; it takes a minute or two)::

    python benchmarks/bench_kaggle.py           # 100k lines, memory at 20k and 100k lines
    python benchmarks/bench_kaggle.py --quick   # 20k lines, memory at 5k and 20k lines

The input is the real 200-line snapshot head from the shared corpus, repeated into a
temporary file of about 100,000 lines. Each repetition gets its own ids (``0704.0001``
becomes ``1501.00001``, ``1501.00002``...) so that no cache of ids can flatter the
parser; everything else is the real bytes. Without ``../shared`` the script says so and
stops.

Throughput: records per second of

* ``json.loads`` on every line of the file (the floor: what any reader pays), and
* ``iter_kaggle`` on the same file (decoding, the full record: ids, dates, authors
  split and checked against ``authors_parsed``, every defect check),

timed in alternating rounds in this process (best round of each reported, so both see
the same machine load), plus their ratio. Target: within 2x of ``json.loads``.

A third line, "json.loads + objects", decodes each line and builds the same immutable
records (Paper, Authors, Versions, KaggleRecord) from the decoded values without any
checking or parsing: the floor for any reader that returns these records.

Memory: while streaming the whole file at two sizes, each in a fresh process: the peak
traced memory (tracemalloc; it includes CPython's own free lists of tuples and dicts,
which fill up to a fixed size over the first tens of thousands of lines), the memory
still held after ``gc.collect()`` (which empties those lists), and the resident-size
growth. Flat memory means these stay about the same for a five times longer file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from arxivlisting import Author, Paper, Version
from arxivlisting import ids as _ids
from arxivlisting.formats.kaggle import KaggleRecord, iter_kaggle

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARXIVLISTING_SHARED", ROOT.parent / "shared"))
REAL = (
    SHARED / "corpus" / "kaggle" / "kaggle_snapshot_first200_0704.0001-0200_arxivSpider_mnbvc.jsonl"
)


def build_file(lines: int) -> Path:
    """The corpus head repeated to ``lines`` lines, with distinct ids, in a temp file."""
    head = REAL.read_text(encoding="utf-8").splitlines()
    fd, name = tempfile.mkstemp(suffix=".jsonl", prefix="bench_kaggle_")
    serial = 0
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        for i in range(lines):
            line = head[i % len(head)]
            serial += 1
            month, number = divmod(serial - 1, 99999)
            new_id = f"{15 + month // 12:02d}{month % 12 + 1:02d}.{number + 1:05d}"
            old_id = json.loads(line)["id"]
            out.write(line.replace(f'"id":"{old_id}"', f'"id":"{new_id}"', 1) + "\n")
    return Path(name)


def time_json(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    with open(path, "rb") as fh:
        for line in fh:
            json.loads(line)
            count += 1
    return time.perf_counter() - start, count


def time_floor(path: Path) -> tuple[float, int]:
    """json.loads plus bare construction of the record objects from the decoded values:
    no checks, no author parsing, no date parsing beyond ``strptime``-free constants.
    This is the least any reader that returns these immutable records can cost."""
    stamp = dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc)
    start = time.perf_counter()
    count = 0
    with open(path, "rb") as fh:
        for line in fh:
            d = json.loads(line)
            authors = tuple(
                Author(f"{p[1]} {p[0]}", (), p[0], p[1], p[2]) for p in d["authors_parsed"]
            )
            versions = tuple(Version(i, stamp) for i, _ in enumerate(d["versions"], 1))
            paper = Paper(
                None,
                d["title"],
                authors,
                d["abstract"],
                d["comments"],
                d["journal-ref"],
                (),
                d["report-no"],
                tuple(d["categories"].split()),
                None,
                None,
                None,
                d["license"],
                stamp,
                stamp,
                versions,
                (),
                d["submitter"],
                None,
            )
            KaggleRecord(paper, None, (), (), line, ())
            count += 1
    return time.perf_counter() - start, count


def time_iter(path: Path) -> tuple[float, int]:
    _ids._parse_cached.cache_clear()
    start = time.perf_counter()
    stream = iter_kaggle(path)
    count = sum(1 for _ in stream)
    elapsed = time.perf_counter() - start
    if stream.defect_count:
        print(f"  ({stream.defect_count} defects while streaming)")
    return elapsed, count


def memory_child(path: str) -> None:
    """Run in a fresh process: stream the file, print its memory figures in MB."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    count = 0
    for _ in iter_kaggle(path):
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    gc.collect()  # also empties CPython's free lists, which the peak includes
    retained, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "lines": count,
                "peak_mb": peak / 1e6,
                "retained_mb": retained / 1e6,
                "rss_growth_mb": (rss_after - rss_before) / 1e3,
            }
        )
    )


def measure_memory(lines: int) -> dict[str, float]:
    path = build_file(lines)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        path.unlink()
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-child", metavar="PATH")
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if not REAL.is_file():
        print(f"the shared corpus is not here ({REAL}); nothing to measure")
        return 0
    lines = 20_000 if args.quick else 100_000
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    path = build_file(lines)
    print(
        f"file: {lines:,} lines, {path.stat().st_size / 1e6:.1f} MB (corpus head x{lines // 200})"
    )
    try:
        best = {"json": float("inf"), "floor": float("inf"), "iter": float("inf")}
        for round_ in range(1, args.rounds + 1):
            tj, nj = time_json(path)
            tf, nf = time_floor(path)
            ti, ni = time_iter(path)
            assert nj == nf == ni == lines
            best = {
                "json": min(best["json"], tj),
                "floor": min(best["floor"], tf),
                "iter": min(best["iter"], ti),
            }
            print(
                f"  round {round_}: json.loads {nj / tj:,.0f}/s   floor {nf / tf:,.0f}/s   "
                f"iter_kaggle {ni / ti:,.0f}/s   ratio {ti / tj:.2f}x"
            )
    finally:
        path.unlink()
    print("best rounds:")
    labels = {
        "json": "json.loads per line",
        "floor": "json.loads + objects",
        "iter": "iter_kaggle",
    }
    for key, label in labels.items():
        t = best[key]
        print(
            f"  {label:<21} {lines / t:>10,.0f} records/s  ({t / lines * 1e6:5.1f} us/line, "
            f"{t / best['json']:.2f}x json.loads)"
        )
    print("  (target for iter_kaggle: within 2x of json.loads)")
    small, large = (5_000, 20_000) if args.quick else (20_000, 100_000)
    print("peak memory while streaming (fresh process each):")
    for size in (small, large):
        m = measure_memory(size)
        print(
            f"  {size:>7,} lines: tracemalloc peak {m['peak_mb']:.2f} MB, retained after "
            f"gc.collect() {m['retained_mb']:.3f} MB, RSS growth {m['rss_growth_mb']:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
