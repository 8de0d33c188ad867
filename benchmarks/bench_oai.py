"""Benchmark the OAI-PMH parser: speed against bare lxml, and streaming memory.

Run from the repository root (not a test)::

    python benchmarks/bench_oai.py            # everything
    python benchmarks/bench_oai.py --quick    # fewer repeats, smaller files

It prints, measured in this run:

(a) the time per parse (minimum over repeats) of the biggest real response in the
    shared corpus (1,000 ``arXivRaw`` records, 1.8 MB) for bare ``lxml.etree.fromstring``,
    ``parse_oai`` and ``iter_oai``, with the share ``parse_authors`` takes (arXivRaw
    author lines are free text and are split by :mod:`arxivlisting.authors`);
(b) the memory of reading two synthetic responses, written by ``render_oai`` from real
    records repeated with distinct ids, ten times apart in size: the growth of the
    resident size (where libxml2's tree lives; measured in a fresh subprocess each) and
    the tracemalloc peak (Python objects), for ``iter_oai`` beside ``parse_oai``.

Without ``../shared`` the records come from the hand-written fixture instead, and (a) is
measured on a synthetic response of the same size.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import timeit
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
from lxml import etree

import arxivlisting
from arxivlisting import ArxivId
from arxivlisting.authors import parse_authors
from arxivlisting.formats.oai import (
    OaiRecord,
    OaiRequest,
    OaiResponse,
    iter_oai,
    parse_oai,
    render_oai,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARXIVLISTING_SHARED", ROOT.parent / "shared"))
REAL = (
    SHARED
    / "corpus"
    / "oai"
    / "oai_arXivRaw_ListRecords_2014-01-16_resumption_REXML-reserialized_scirate.xml"
)
FIXTURE = ROOT / "tests" / "fixtures" / "oai" / "listrecords_arxivraw.xml"


def best_ms(func: Callable[[], object], repeat: int) -> float:
    """Minimum wall time of one call, in milliseconds."""
    gc.collect()
    return min(timeit.repeat(func, number=1, repeat=repeat)) * 1e3


def template_records() -> list[OaiRecord]:
    source = REAL if REAL.is_file() else FIXTURE
    records = [r for r in parse_oai(source.read_bytes()).records if r.paper is not None]
    return records[:20]


def synthetic(records: int) -> bytes:
    """A ListRecords response of ``records`` records, real ones repeated with new ids."""
    base = template_records()
    out = []
    for i in range(records):
        year, number = divmod(i, 99_999)
        new_id = ArxivId.parse(f"{15 + year % 80:02d}01.{number + 1:05d}")
        record = base[i % len(base)]
        assert record.paper is not None
        out.append(
            attrs.evolve(
                record,
                header=attrs.evolve(record.header, identifier=f"oai:arXiv.org:{new_id}"),
                paper=attrs.evolve(record.paper, id=new_id),
            )
        )
    response = OaiResponse(
        records=out,
        verb="ListRecords",
        request=OaiRequest("http://export.arxiv.org/oai2", "ListRecords"),
    )
    return render_oai(response)


# -- (a) speed --------------------------------------------------------------------------


def speed(repeat: int) -> None:
    if REAL.is_file():
        data, what = REAL.read_bytes(), f"real file {REAL.name}"
    else:
        data, what = synthetic(1000), "synthetic 1,000-record response (no ../shared)"
    response = parse_oai(data)
    lines = [r.authors_text for r in response.records if r.authors_text]
    n = len(response.records)
    lxml_ms = best_ms(lambda: etree.fromstring(data), repeat)
    parse_ms = best_ms(lambda: parse_oai(data), repeat)
    stream_ms = best_ms(lambda: _drain(iter_oai(io.BytesIO(data))), repeat)
    authors_ms = best_ms(lambda: [parse_authors(line) for line in lines], repeat)
    print(f"(a) {what}: {len(data) / 1e6:.2f} MB, {n} records")
    print(f"    {'':28}{'ms':>9}{'x lxml':>9}{'us/record':>12}")
    for name, ms in [
        ("lxml.etree.fromstring", lxml_ms),
        ("parse_oai", parse_ms),
        ("iter_oai", stream_ms),
        ("  of which parse_authors", authors_ms),
    ]:
        print(f"    {name:28}{ms:9.1f}{ms / lxml_ms:9.1f}{ms * 1e3 / max(n, 1):12.1f}")


def _drain(records: Iterator[OaiRecord]) -> int:
    count = 0
    for _ in records:
        count += 1
    return count


# -- (b) memory -------------------------------------------------------------------------


def _hwm_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _rss_kb() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return None


def child(mode: str, path: str) -> None:
    """Read ``path`` with ``mode`` in this fresh process; print the resident growth."""
    before = _rss_kb()
    if mode == "iter":
        count = _drain(iter_oai(path))
    else:
        count = len(parse_oai(Path(path).read_bytes()).records)
    peak = _hwm_kb()
    growth = None if before is None or peak is None else peak - before
    print(json.dumps({"records": count, "rss_growth_kb": growth}))


def _in_child(mode: str, path: Path) -> dict[str, int | None]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, int | None] = json.loads(out.stdout)
    return result


def _traced_peak(mode: str, path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    if mode == "iter":
        for _ in iter_oai(path):
            pass
    else:
        parse_oai(path.read_bytes())
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def memory(sizes: tuple[int, int]) -> None:
    print(f"\n(b) memory of reading synthetic responses ({sizes[0]:,} and {sizes[1]:,} records)")
    header = f"    {'records':>8}{'MB':>7} | {'iter_oai RSS':>13}{'traced':>9} | "
    print(header + f"{'parse_oai RSS':>14}{'traced':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"oai_{n}.xml"
            path.write_bytes(synthetic(n))
            cells = []
            for mode in ("iter", "parse"):
                result = _in_child(mode, path)
                assert result["records"] == n, result
                rss = result["rss_growth_kb"]
                rss_text = "n/a" if rss is None else f"{rss / 1024:.1f} MB"
                cells.append(f"{rss_text:>13}{_traced_peak(mode, path) / 2**20:7.1f} MB")
            size = path.stat().st_size / 2**20
            print(f"    {n:>8}{size:7.1f} | {cells[0]} | {cells[1]}")
    print(
        "    (RSS: growth of the resident size in a fresh process; traced: tracemalloc peak."
        "\n    iter_oai's traced peak includes ArxivId.parse's cache of the last 8,192 ids,"
        " which is bounded.)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller files")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(
        f"arxivlisting {arxivlisting.__version__}, lxml {etree.LXML_VERSION}, libxml2"
        f" {etree.LIBXML_VERSION}, Python {platform.python_version()}\n"
    )
    speed(repeat=3 if args.quick else 10)
    memory((500, 5_000) if args.quick else (2_000, 20_000))


if __name__ == "__main__":
    main()
