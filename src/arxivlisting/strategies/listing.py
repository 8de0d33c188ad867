"""Hypothesis strategies for listing pages (:mod:`arxivlisting.formats.listing`) and text
listings (:mod:`arxivlisting.formats.mailing`).

>>> from hypothesis import given, settings
>>> from arxivlisting.formats.listing import parse_listing, render_listing
>>> from arxivlisting.strategies.listing import listings
>>> @settings(max_examples=5)
... @given(listings())
... def test_round_trip(listing):
...     assert parse_listing(render_listing(listing)) == listing
>>> test_round_trip()

Domain: what a page or file can say unambiguously, and how the generators stay inside it.

* Authors come from :mod:`arxivlisting.strategies.author_lines` (names and affiliations the
  author-line parser reads back as themselves); the author line is the canonical
  ``Name (Affiliation), Name``. Lists stay under 100 names, so ``authors_truncated`` is
  False.
* Listing ids are unversioned (pages name no version); download links are the four the
  pages print (``pdf``, ``html``, ``ps``, ``other``), at most one each.
* A cross-listed item names its source category; replaced cross-lists and ``absonly``
  are not announce types a listing page prints.
* Page kinds carry what their markup states: a ``new`` page its date and the
  new / cross / replacement sections in order, a ``recent`` page its day sections and day
  index, ``pastweek`` also its category and page size (only the paging links tell it from
  ``recent``), month and year pages their period. ``skip`` comes with ``total``.
* Text listings: daily mails hold the new / cross / replacement parts in order (every
  part but the last closed by its marker; a part without its marker has entries),
  pastweek files day sections, monthly files at most one non-empty section and the
  "Papers received as of" time; header dates fall in 1991-2090 (written
  with two-digit years). Versions run v1..vN with dates; abstract words never start a
  block line (``\\\\``, ``%``, ``/*``, runs of dashes); size flags come with a size.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .. import taxonomy
from ..announce import AnnounceType
from ..authors import render_authors
from ..formats.listing import (
    Listing,
    ListingDay,
    ListingItem,
    ListingKind,
    ListingSection,
    SectionKind,
    SectionStart,
)
from ..formats.mailing import Mailing, MailingEntry, MailingKind, MailingSection
from ..ids import ArxivId
from ..records import Author, Link, Paper, Version
from . import arxiv_ids, categories, datetimes, dois, normalized_text
from .author_lines import author_names, line_affiliations

__all__ = [
    "author_lists",
    "listing_items",
    "listings",
    "mailing_entries",
    "mailings",
]


def author_lists(
    max_authors: int = 5, max_affiliations: int = 2
) -> st.SearchStrategy[tuple[Author, ...]]:
    """Zero or more authors whose canonical author line reads back as the same authors
    (names and affiliations from :mod:`arxivlisting.strategies.author_lines`)."""
    author = st.builds(
        Author,
        name=author_names(),
        affiliations=st.lists(line_affiliations(), max_size=max_affiliations).map(tuple),
    )
    return st.lists(author, max_size=max_authors).map(tuple)


def _author_text(authors: tuple[Author, ...]) -> str:
    return render_authors(authors)


@st.composite
def _links(draw: st.DrawFn, pid: ArxivId) -> tuple[Link, ...]:
    chosen = draw(st.lists(st.sampled_from(["pdf", "html", "ps", "other"]), unique=True))
    paths = {"pdf": "pdf", "ps": "ps", "other": "format"}
    links = []
    for kind in chosen:
        if kind == "html":
            href = f"https://arxiv.org/html/{pid}v{draw(st.integers(1, 9))}"
        else:
            href = f"https://arxiv.org/{paths[kind]}/{pid}"
        links.append(Link(href, title=kind))
    return tuple(links)


@st.composite
def listing_items(draw: st.DrawFn, abstracts: bool = True) -> ListingItem:
    """Listing entries (unversioned ids, canonical author lines, page download links)."""
    pid = draw(arxiv_ids(versioned=False))
    authors = draw(author_lists())
    cats = tuple(draw(st.lists(categories(), max_size=4, unique=True)))
    flags: tuple[bool, bool] = draw(st.tuples(st.booleans(), st.booleans()))
    primary = cats[0] if cats and flags[0] else None
    announce = draw(st.sampled_from([AnnounceType.NEW, AnnounceType.CROSS, AnnounceType.REPLACE]))
    paper = Paper(
        id=pid,
        title=draw(st.none() | normalized_text()),
        authors=authors,
        abstract=draw(st.none() | normalized_text(1, 30)) if abstracts else None,
        comments=draw(st.none() | normalized_text(1, 8)),
        journal_ref=draw(st.none() | normalized_text(1, 6)),
        categories=cats,
        primary_category=primary,
        links=draw(_links(pid)),
    )
    return ListingItem(
        paper=paper,
        index=draw(st.none() | st.integers(1, 5000)),
        announce_type=announce,
        cross_from=draw(categories()) if announce == AnnounceType.CROSS else None,
        authors_text=_author_text(authors) if authors or flags[1] else None,
    )


def _dates() -> st.SearchStrategy[_dt.date]:
    return st.dates(min_value=_dt.date(1991, 1, 1), max_value=_dt.date(2099, 12, 31))


@st.composite
def _section(draw: st.DrawFn, kind: SectionKind) -> ListingSection:
    items = tuple(draw(st.lists(listing_items(), max_size=3)))
    shown = total = None
    continued = continues = False
    if kind != SectionKind.ALL and draw(st.booleans()):
        shown, total = draw(st.integers(0, 2000)), draw(st.integers(0, 5000))
        continued, continues = draw(st.booleans()), draw(st.booleans())
    return ListingSection(
        kind=kind,
        items=items,
        date=draw(_dates()) if kind == SectionKind.DAY else None,
        shown=shown,
        total=total,
        continued=continued,
        continues=continues,
    )


@st.composite
def listings(draw: st.DrawFn) -> Listing:
    """Whole listing pages of every kind."""
    kind = draw(st.none() | st.sampled_from(list(ListingKind)))
    category = draw(st.none() | categories())
    show = draw(st.none() | st.sampled_from([25, 50, 100, 250, 500, 1000, 2000]))
    if kind == ListingKind.PASTWEEK:
        category = category or draw(categories())
        show = show or 50
    sections: list[ListingSection] = []
    days: tuple[ListingDay, ...] = ()
    starts: tuple[SectionStart, ...] = ()
    date = year = month = None
    if kind == ListingKind.NEW:
        date = draw(_dates())
        for sk in (SectionKind.NEW, SectionKind.CROSS, SectionKind.REPLACE):
            if draw(st.booleans()):
                sections.append(draw(_section(sk)))
        starts = tuple(
            SectionStart(s.kind, draw(st.integers(1, 3000)))
            for s in sections
            if draw(st.booleans())
        )
    elif kind in (ListingKind.RECENT, ListingKind.PASTWEEK):
        sections = draw(st.lists(_section(SectionKind.DAY), max_size=3))
        days = tuple(
            ListingDay(d, draw(st.none() | st.integers(0, 3000)))
            for d in draw(st.lists(_dates(), max_size=5))
        )
    else:
        if kind == ListingKind.MONTH:
            year, month = draw(st.integers(1991, 2099)), draw(st.integers(1, 12))
        elif kind == ListingKind.YEAR:
            year = draw(st.integers(1991, 2099))
        sections = draw(st.lists(_section(SectionKind.ALL), max_size=2))
    total = draw(st.none() | st.integers(0, 20000))
    skip = draw(st.none() | st.integers(0, 19000)) if total is not None else None
    return Listing(
        sections=tuple(sections),
        category=category,
        name=draw(st.none() | normalized_text(1, 4)),
        kind=kind,
        date=date,
        year=year,
        month=month,
        days=days,
        section_starts=starts,
        total=total,
        skip=skip,
        show=show,
        dateline=draw(st.none() | normalized_text(1, 8)),
        no_updates=not sections and kind == ListingKind.NEW and draw(st.booleans()),
    )


# -- text listings ----------------------------------------------------------------------

_BLOCK_STARTS = ("\\", "%", "/*")


def _safe_word(word: str) -> bool:
    return not word.startswith(_BLOCK_STARTS) and word.strip("-") != ""


def _block_safe_text(min_words: int = 1, max_words: int = 30) -> st.SearchStrategy[str]:
    return normalized_text(min_words, max_words).filter(
        lambda t: all(_safe_word(w) for w in t.split())
    )


@st.composite
def _versions(draw: st.DrawFn) -> tuple[Version, ...]:
    n = draw(st.integers(0, 4))
    dates = sorted(draw(st.lists(datetimes(), min_size=n, max_size=n, unique=True)))
    out = []
    for i, d in enumerate(dates, 1):
        size = draw(st.none() | st.integers(0, 90000))
        flags = (
            draw(st.none() | st.sampled_from(["D", "AD", "S", "I"])) if size is not None else None
        )
        out.append(Version(number=i, date=d, size_kb=size, source_flags=flags))
    return tuple(out)


@st.composite
def mailing_entries(
    draw: st.DrawFn,
    abstracts: bool = True,
    announce_types: tuple[AnnounceType, ...] = (
        AnnounceType.NEW,
        AnnounceType.CROSS,
        AnnounceType.REPLACE,
        AnnounceType.REPLACE_CROSS,
    ),
) -> MailingEntry:
    """Entries of a text listing, new, cross-listed or replaced (of ``announce_types``)."""
    authors = draw(author_lists(max_affiliations=1))
    cats = tuple(draw(st.lists(categories(), max_size=4, unique=True)))
    announce = draw(st.sampled_from(announce_types))
    replaced = announce in (AnnounceType.REPLACE, AnnounceType.REPLACE_CROSS)
    abstract = draw(st.none() | _block_safe_text()) if abstracts else None
    size = draw(st.none() | st.integers(0, 90000))
    paper = Paper(
        id=draw(arxiv_ids(versioned=False)),
        title=draw(st.none() | normalized_text()),
        authors=authors,
        abstract=abstract,
        comments=draw(st.none() | normalized_text(1, 12)),
        journal_ref=draw(st.none() | normalized_text(1, 6)),
        dois=tuple(draw(st.lists(dois(), max_size=2))),
        report_no=draw(st.none() | normalized_text(1, 3)),
        categories=cats,
        primary_category=cats[0] if cats else None,
        msc_class=draw(st.none() | st.sampled_from(["05C80", "53C; 81T13"])),
        acm_class=draw(st.none() | st.sampled_from(["F.2.2", "I.2.7; H.3.3"])),
        license=draw(st.none() | st.just("http://arxiv.org/licenses/nonexclusive-distrib/1.0/")),
        versions=draw(_versions()),
        submitter=draw(st.none() | normalized_text(1, 3).filter(lambda t: "<" not in t)),
        proxy=draw(st.none() | normalized_text(1, 2)),
    )
    replaced_size = draw(st.none() | st.integers(0, 90000)) if replaced else None
    return MailingEntry(
        paper=paper,
        announce_type=announce,
        authors_text=_author_text(authors) if authors else None,
        submitter_email=draw(
            st.none() | st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.org", fullmatch=True)
        ),
        replaced=draw(datetimes()) if replaced else None,
        replaced_size_kb=replaced_size,
        replaced_flags=draw(st.none() | st.just("D")) if replaced_size is not None else None,
        size_kb=size,
        subj_class=draw(st.none() | normalized_text(1, 6)),
    )


_DAILY_PART_TYPES = {
    SectionKind.NEW: (AnnounceType.NEW,),
    SectionKind.CROSS: (AnnounceType.CROSS,),
    SectionKind.REPLACE: (AnnounceType.REPLACE, AnnounceType.REPLACE_CROSS),
}


def _category_names() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted({c.name for c in taxonomy.CATEGORIES.values()}))


def _header_times() -> st.SearchStrategy[_dt.datetime]:
    return st.datetimes(
        min_value=_dt.datetime(1991, 1, 1), max_value=_dt.datetime(2090, 12, 31)
    ).map(lambda d: d.replace(microsecond=0, tzinfo=_dt.timezone.utc))


@st.composite
def mailings(draw: st.DrawFn) -> Mailing:
    """Daily mails, pastweek files and monthly files.

    The parts of a daily mail hold their own kind of entry, as arXiv's do: new
    submissions, then cross-lists, then replacements (plain or cross-listed). The parser
    relies on it where an end marker is missing (an entry of a later kind opens its part).
    """
    kind = draw(st.sampled_from(list(MailingKind)))
    entries = st.lists(mailing_entries(abstracts=kind == MailingKind.DAILY), max_size=3)
    sections: list[MailingSection] = []
    header: dict[str, object] = {}
    if kind == MailingKind.DAILY:
        parts = draw(st.integers(0, 3))
        for i, sk in enumerate((SectionKind.NEW, SectionKind.CROSS, SectionKind.REPLACE)[:parts]):
            closed = i < parts - 1 or draw(st.booleans())
            own = st.lists(
                mailing_entries(announce_types=_DAILY_PART_TYPES[sk]),
                min_size=0 if closed else 1,
                max_size=3,
            )
            found = draw(own)
            sections.append(MailingSection(sk, found, None, closed))
        header = {
            "subject": draw(st.none() | normalized_text(1, 5)),
            "date": draw(st.none() | _header_times()),
            "names": tuple(draw(st.lists(_category_names(), max_size=3))),
        }
        if draw(st.booleans()):
            header["received_from"] = draw(_header_times())
            header["received_to"] = draw(_header_times())
    elif kind == MailingKind.PASTWEEK:
        days = draw(st.lists(_dates(), min_size=1, max_size=3))
        sections = [MailingSection(SectionKind.DAY, draw(entries), d) for d in days]
    else:
        found = draw(entries)
        sections = [MailingSection(SectionKind.ALL, found)] if found else []
        header = {"received_as_of": draw(_header_times())}
    return Mailing(sections=tuple(sections), kind=kind, **header)  # type: ignore[arg-type]
