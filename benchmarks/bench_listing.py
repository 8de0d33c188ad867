"""Benchmark the listing-page parser against bare lxml.html and a BeautifulSoup scraper.

Run from the repository root (not a test)::

    python benchmarks/bench_listing.py            # the real page, 30 rounds
    python benchmarks/bench_listing.py --rounds 10

For the same bytes in one run it prints the CPU time per parse (``time.thread_time``, the
minimum over rounds, so other processes on a busy machine do not count) in milliseconds
and as a ratio to bare ``lxml.html.fromstring``, on

(a) the real 403-entry ``/list/astro-ph/recent`` page of the shared corpus (skipped with
    a message when ``../shared`` is absent), and
(b) a synthetic 2,000-entry ``new`` page written by ``render_listing`` (new, cross and
    replacement sections with abstracts, from seeded random papers).

Contenders, timed in turn within every round (so a busy machine slows them alike):

* ``lxml.html.fromstring`` on the bytes: the tree alone (built and freed, as
  ``parse_listing`` builds and frees its own), the baseline;
* ``parse_listing``: every field into records, defects checked; with warm caches (as a
  loop of repeats sees it) and with the id cache cleared before every call (a program
  parsing each page once);
* a straightforward BeautifulSoup scraper of the same page, the tool people write
  today: ids, titles, authors, comments, subjects and abstracts as strings, with the
  ``lxml`` and the ``html.parser`` tree builders.

BeautifulSoup is not a dependency of arxivlisting; install it into the environment that
runs this script (``pip install beautifulsoup4``). Without it those rows are skipped.

Target: ``parse_listing`` within 3x of bare ``lxml.html.fromstring``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml
import lxml.html

import arxivlisting
from arxivlisting import ArxivId, Author, Link, Paper
from arxivlisting import ids as _ids
from arxivlisting.announce import AnnounceType
from arxivlisting.formats.listing import (
    Listing,
    ListingItem,
    ListingKind,
    ListingSection,
    SectionKind,
    parse_listing,
    render_listing,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARXIVLISTING_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "listing" / "astro-ph_recent_2026-05_tdccccc.html"


def parse_cold(data: bytes) -> Listing:
    cached = getattr(_ids, "_parse_cached", None)
    if cached is not None:
        cached.cache_clear()
    return parse_listing(data)


def bs4_scraper(features: str) -> Callable[[bytes], list[dict[str, object]]] | None:
    """The scraper people write with BeautifulSoup, or None without bs4 (or its builder)."""
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        return None

    def scrape(data: bytes) -> list[dict[str, object]]:
        soup = BeautifulSoup(data, features)
        papers: list[dict[str, object]] = []
        for dl in soup.find_all("dl", id="articles"):
            for dt_el, dd_el in zip(dl.find_all("dt"), dl.find_all("dd"), strict=False):
                link = dt_el.find("a", title="Abstract")
                title = dd_el.find("div", class_="list-title")
                authors = dd_el.find("div", class_="list-authors")
                comments = dd_el.find("div", class_="list-comments")
                subjects = dd_el.find("div", class_="list-subjects")
                primary = subjects.find("span", class_="primary-subject") if subjects else None
                abstract = dd_el.find("p", class_="mathjax")
                papers.append(
                    {
                        "id": link.get_text(strip=True).removeprefix("arXiv:") if link else None,
                        "title": title.get_text(" ", strip=True).removeprefix("Title:").strip()
                        if title
                        else None,
                        "authors": [a.get_text(strip=True) for a in authors.find_all("a")]
                        if authors
                        else [],
                        "comments": comments.get_text(" ", strip=True).removeprefix("Comments:")
                        if comments
                        else None,
                        "subjects": subjects.get_text(" ", strip=True).removeprefix("Subjects:")
                        if subjects
                        else None,
                        "primary": primary.get_text(strip=True) if primary else None,
                        "abstract": abstract.get_text(" ", strip=True) if abstract else None,
                    }
                )
        return papers

    try:
        scrape(b"<html><body><dl id='articles'></dl></body></html>")
    except Exception:  # a missing tree builder (lxml, html5lib) raises here
        return None
    return scrape


def synthetic_page(entries: int = 2000) -> bytes:
    """A ``new`` page of ``entries`` seeded random papers, written by render_listing."""
    rng = random.Random(4)
    words = ["model", "data", "learning", "quantum", "field", "galaxy", "graph", "sparse"]
    sections = []
    index = 0
    for kind, count in (
        (SectionKind.NEW, entries // 2),
        (SectionKind.CROSS, entries // 4),
        (SectionKind.REPLACE, entries - entries // 2 - entries // 4),
    ):
        items = []
        for _ in range(count):
            index += 1
            pid = ArxivId(2024, 5, index)
            authors = tuple(
                Author(f"{rng.choice('ABCDEFGH')}. {rng.choice(words).title()}son")
                for _ in range(rng.randint(1, 12))
            )
            paper = Paper(
                id=pid,
                title=" ".join(rng.choice(words) for _ in range(rng.randint(4, 14))).title(),
                authors=authors,
                abstract=" ".join(rng.choice(words) for _ in range(rng.randint(80, 200))),
                comments=f"{rng.randint(4, 40)} pages" if rng.random() < 0.7 else None,
                categories=("cs.LG", "cs.AI") if rng.random() < 0.5 else ("cs.LG",),
                primary_category="cs.LG",
                links=(Link(f"https://arxiv.org/pdf/{pid}", title="pdf"),),
            )
            items.append(
                ListingItem(
                    paper,
                    index=index,
                    announce_type=AnnounceType.CROSS
                    if kind == SectionKind.CROSS
                    else AnnounceType.REPLACE
                    if kind == SectionKind.REPLACE
                    else AnnounceType.NEW,
                    cross_from="stat.ML" if kind == SectionKind.CROSS else None,
                    authors_text=", ".join(a.name for a in authors),
                )
            )
        sections.append(ListingSection(kind, items, shown=count, total=count))
    listing = Listing(
        sections=sections,
        category="cs.LG",
        name="Machine Learning",
        kind=ListingKind.NEW,
        date=dt.date(2024, 5, 6),
        total=entries,
        show=2000,
    )
    return render_listing(listing).encode("utf-8")


def _built_and_freed(data: bytes) -> None:
    """The bare baseline: build the tree and free it, as parse_listing does with its own
    (the records a parser returns are its product; the tree is not)."""
    tree = lxml.html.fromstring(data)
    del tree


def contenders(data: bytes) -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {
        "lxml.html.fromstring (bare)": lambda: _built_and_freed(data),
        "arxivlisting.parse_listing": lambda: parse_listing(data),
        "arxivlisting.parse_listing, cold caches": lambda: parse_cold(data),
    }
    for features in ("lxml", "html.parser"):
        scrape = bs4_scraper(features)
        if scrape is None:
            print(f"  (BeautifulSoup with {features!r} not available: skipped)")
            continue
        found[f"BeautifulSoup({features!r}) scraper"] = lambda s=scrape: s(data)
    return found


def bench(label: str, data: bytes, rounds: int) -> None:
    print(f"\n{label}: {len(data):,} bytes")
    runs = contenders(data)
    best = dict.fromkeys(runs, float("inf"))
    for run in runs.values():  # warm up: imports, parser objects, caches
        run()
    # The scrapers churn hundreds of megabytes; they get rounds of their own so that
    # the allocator state they leave behind does not fall on the next contender.
    cheap = [n for n in runs if not n.startswith("BeautifulSoup")]
    for group, count in (
        (cheap, rounds),
        ([n for n in runs if n not in cheap], max(rounds // 5, 2)),
    ):
        for round_ in range(count):
            # Each round starts with another contender: whoever runs right after a
            # contender that freed a big tree or many records meets a different
            # allocator state, and that should not always fall on the same one.
            for name in group[round_ % len(group) :] + group[: round_ % len(group)]:
                gc.collect()
                start = time.thread_time()
                result = runs[name]()
                elapsed = time.thread_time() - start
                del result  # freeing the records is not part of parsing them
                best[name] = min(best[name], elapsed)
    base = best["lxml.html.fromstring (bare)"]
    for name, seconds in best.items():
        print(f"  {name:<45} {seconds * 1000:9.1f} ms   {seconds / base:6.2f}x")
    listing = parse_listing(data)
    print(f"  ({len(listing.items)} entries, {len(listing.defects)} defects)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    print(
        f"arxivlisting {arxivlisting.__version__}, lxml {lxml.__version__}, "
        f"Python {platform.python_version()} on {platform.machine()}"
    )
    if REAL.is_file():
        bench("real page (astro-ph recent, 403 entries)", REAL.read_bytes(), args.rounds)
    else:
        print(f"\n(real page not found at {REAL}: skipped)")
    bench(
        "synthetic new page (2,000 entries with abstracts)",
        synthetic_page(),
        max(args.rounds // 3, 3),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
