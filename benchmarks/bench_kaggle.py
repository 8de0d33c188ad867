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

Memory: peak traced memory (tracemalloc) and resident-size growth while streaming the
whole file at two sizes, each in a fresh process. Flat memory means the two peaks are
about the same although the second file is five times longer.
"""

from __future__ import annotations

import argparse
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

from arxivlisting import ids as _ids
from arxivlisting.formats.kaggle import iter_kaggle

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
    """Run in a fresh process: stream the file, print peak traced and RSS growth in MB."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    count = 0
    for _ in iter_kaggle(path):
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"lines": count, "peak_mb": peak / 1e6, "rss_growth_mb": (rss_after - rss_before) / 1e3}
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
        best_json = best_iter = float("inf")
        for round_ in range(1, args.rounds + 1):
            tj, nj = time_json(path)
            ti, ni = time_iter(path)
            assert nj == ni == lines
            best_json, best_iter = min(best_json, tj), min(best_iter, ti)
            print(
                f"  round {round_}: json.loads {nj / tj:,.0f}/s   "
                f"iter_kaggle {ni / ti:,.0f}/s   ratio {ti / tj:.2f}x"
            )
    finally:
        path.unlink()
    print("best rounds:")
    for label, best in (("json.loads per line", best_json), ("iter_kaggle", best_iter)):
        print(f"  {label:<21} {lines / best:>10,.0f} records/s  ({best / lines * 1e6:.1f} us/line)")
    print(f"  ratio                 {best_iter / best_json:>10.2f}x   (target: within 2x)")
    small, large = (5_000, 20_000) if args.quick else (20_000, 100_000)
    print("peak memory while streaming (fresh process each):")
    for size in (small, large):
        m = measure_memory(size)
        print(
            f"  {size:>7,} lines: tracemalloc peak {m['peak_mb']:.2f} MB, "
            f"RSS growth {m['rss_growth_mb']:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
