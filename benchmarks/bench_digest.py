"""Digest parsing throughput, measured against a plain line-splitting parser in one run.

Usage::

    python benchmarks/bench_digest.py                 # seed + a 20 MB synthetic dump
    python benchmarks/bench_digest.py --big-mb 1024   # also stream a 1 GB dump from disk

Prints, for the same text in the same process: a minimal line-splitting parser (what
people write today: split into entries at id lines, take title/abstract lines by
position, no records, no validation), ``parse_digest`` with and without language tags,
and ``iter_digest`` streaming. Figures are MB/s and entries/s; the streaming run also
prints the peak resident memory before and after, to show it stays flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from arxivlisting import ArxivId, parse_digest, render_digest
from arxivlisting.formats.digest import iter_digest

SEED = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "arxivdaily-2026-06-19.txt"
)
_ID_LINE = re.compile(r"^\d{4}\.\d{4,5} \d{4}-\d{2}-\d{2} ", re.M)


def plain_parser(text: str) -> list[dict[str, str]]:
    """The baseline: cut at id lines, take lines by position. No records, no checks."""
    out = []
    starts = [m.start() for m in _ID_LINE.finditer(text)] + [len(text)]
    for a, b in itertools.pairwise(starts):
        lines = [ln for ln in text[a:b].split("\n") if ln.strip()]
        entry = {"id_line": lines[0], "title": lines[1], "title_zh": lines[2], "authors": lines[3]}
        if "英文摘要" in lines:
            entry["abstract"] = " ".join(lines[lines.index("英文摘要") + 1 :])
        out.append(entry)
    return out


def best_of(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def synthetic(base_text: str, n_entries: int) -> str:
    """A dump of ``n_entries`` made from the base page's entries under fresh ids."""
    base = parse_digest(base_text, languages=False)
    entries = []
    for i in range(n_entries):
        e = base.entries[i % len(base.entries)]
        new_id = ArxivId(2026, 6, 10000 + i)
        entries.append(attrs.evolve(e, paper=attrs.evolve(e.paper, id=new_id)))
    digest = attrs.evolve(
        base,
        entries=tuple(entries),
        count_line=attrs.evolve(base.count_line, count=n_entries) if base.count_line else None,
        layout=attrs.evolve(base.layout, gaps=(), verbatim=()),
    )
    return render_digest(digest)


def report(label: str, text: str, n_entries: int) -> None:
    size = len(text.encode("utf-8"))
    repeat = 5 if size < 5_000_000 else 2
    rows = [
        ("plain line splitter (baseline)", lambda: plain_parser(text)),
        ("parse_digest, no language tags", lambda: parse_digest(text, languages=False)),
        ("parse_digest, with language tags", lambda: parse_digest(text)),
    ]
    print(f"\n{label}: {size / 1e6:.2f} MB, {n_entries} entries")
    base = None
    for name, fn in rows:
        t = best_of(fn, repeat=repeat)
        base = base or t
        print(
            f"  {name:34s} {t * 1000:9.1f} ms  {size / t / 1e6:7.1f} MB/s  "
            f"{n_entries / t:9.0f} entries/s  ({t / base:4.1f}x baseline)"
        )


def stream_big(base_text: str, megabytes: int) -> None:
    chunk = synthetic(base_text, 400)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        path = fh.name
        written = 0
        i = 0
        head, _, body = chunk.partition("\n2606.")
        fh.write(head + "\n")
        while written < megabytes * 1_000_000:
            # fresh ids per repetition keep the entries distinct
            yymm = f"{27 + (i // 12) % 70:02d}{1 + i % 12:02d}"  # a valid month per repetition
            part = ("\n2606." + body).replace("2606.1", f"{yymm}.1")
            fh.write(part)
            written += len(part.encode("utf-8"))
            i += 1
    try:
        size = os.path.getsize(path)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        n = 0
        stream = iter_digest(path)
        for _ in stream:
            n += 1
        t = time.perf_counter() - t0
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"\nstreaming {size / 1e6:.0f} MB with iter_digest (language tags on): {n} entries in "
            f"{t:.1f} s = {size / t / 1e6:.1f} MB/s, {n / t:.0f} entries/s; "
            f"peak RSS {rss0 / 1024:.0f} MB before, {rss1 / 1024:.0f} MB after; "
            f"{len(stream.defects)} defects"
        )
    finally:
        os.unlink(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--synthetic-entries", type=int, default=5000)
    ap.add_argument("--big-mb", type=int, default=0, help="also stream a dump of this size")
    args = ap.parse_args()
    if not SEED.is_file():
        print(f"seed not found at {SEED}; nothing to measure", file=sys.stderr)
        raise SystemExit(1)
    seed = SEED.read_text("utf-8")
    print(f"python {sys.version.split()[0]}, {dt.date.today()}")
    report("seed arxivdaily-2026-06-19.txt", seed, 11)
    big = synthetic(seed, args.synthetic_entries)
    report("synthetic dump", big, args.synthetic_entries)
    if args.big_mb:
        stream_big(seed, args.big_mb)


if __name__ == "__main__":
    main()
