"""Hypothesis strategies for Kaggle snapshot records (:mod:`arxivlisting.formats.kaggle`).

Domain of :func:`kaggle_records` (what one snapshot line can say):

* The id is unversioned, of either era; text fields are normalized text (see
  :mod:`arxivlisting.strategies`), the submitter non-empty and free of TeX.
* Authors come from :func:`~arxivlisting.strategies.author_lines.author_lists` (names the
  free-text line can carry); each has the key name, forenames and suffix that
  ``authors_parsed`` gives (split the way arXiv splits names), and ``authors_parsed``
  is what arXiv writes for them (affiliations propagated).
* Versions are v1..vN with whole-second UTC dates and nothing else (the snapshot has no
  sizes or flags); ``published``/``updated`` are the first and last version dates.
* Categories put the primary first; MSC/ACM classes, proxy and links are absent (the
  snapshot does not carry them). ``update_date`` is a date or None.
* ``source`` is None: these are records a program builds.

>>> from hypothesis import given
>>> from arxivlisting.formats.kaggle import parse_kaggle_line, render_kaggle_line
>>> @given(kaggle_records())
... def test_round_trip(record):
...     assert parse_kaggle_line(render_kaggle_line(record)) == record
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as _dt

import attrs
from hypothesis import strategies as st

from ..authors import split_name
from ..formats._kaggle_write import authors_parsed_of
from ..formats.kaggle import KaggleRecord
from ..records import Author, Paper, Version
from . import arxiv_ids, categories, datetimes, dois, normalized_text
from .author_lines import author_lists, author_names

__all__ = ["kaggle_records"]


def _with_parts(author: Author) -> Author:
    key, fore, suffix = split_name(author.name)
    return attrs.evolve(author, keyname=key, forenames=fore or None, suffix=suffix or None)


@st.composite
def _versions(draw: st.DrawFn) -> tuple[Version, ...]:
    n = draw(st.integers(0, 5))
    dates = sorted(draw(st.lists(datetimes(), min_size=n, max_size=n, unique=True)))
    return tuple(Version(i, d) for i, d in enumerate(dates, 1))


def _optional(max_words: int) -> st.SearchStrategy[str | None]:
    return st.none() | normalized_text(1, max_words)


@st.composite
def kaggle_records(draw: st.DrawFn) -> KaggleRecord:
    """Records one snapshot line can hold (see the module domain)."""
    versions = draw(_versions())
    cats = tuple(draw(st.lists(categories(), max_size=4, unique=True)))
    authors = tuple(_with_parts(a) for a in draw(st.just(()) | author_lists()))
    submitter = draw(st.none() | author_names().filter(lambda n: "\\" not in n and "{" not in n))
    paper = Paper(
        id=draw(st.none() | arxiv_ids(versioned=False)),
        title=draw(_optional(12)),
        authors=authors,
        abstract=draw(st.none() | st.just("") | normalized_text(1, 60)),
        comments=draw(_optional(10)),
        journal_ref=draw(_optional(6)),
        dois=tuple(draw(st.lists(dois(), max_size=3))),
        report_no=draw(_optional(3)),
        categories=cats,
        primary_category=cats[0] if cats else None,
        license=draw(st.none() | st.just("http://creativecommons.org/licenses/by/4.0/")),
        published=versions[0].date if versions else None,
        updated=versions[-1].date if versions else None,
        versions=versions,
        submitter=submitter,
    )
    update = draw(
        st.none() | st.dates(min_value=_dt.date(2007, 1, 1), max_value=_dt.date(2099, 12, 31))
    )
    return KaggleRecord(paper, update, authors_parsed_of(paper) if authors else ())
