"""Hypothesis strategies for ``.abs`` records (:mod:`arxivlisting.formats.absfile`).

Domain of :func:`abs_records` (what an ``.abs`` file can say, written canonically):

* The paper id is unversioned (the file's ``arXiv:`` line names the paper) or absent.
* Text fields are normalized text (see :mod:`arxivlisting.strategies`); authors come
  from :func:`~arxivlisting.strategies.author_lines.author_lists` (names the free-text line
  can carry); DOIs have no spaces; the primary category is the first category.
* Versions are numbered 1..N; a size is given or not, flags only with a size;
  ``withdrawn`` is what the file says: flag ``I`` or 0 kb. ``published`` and
  ``updated`` are the first and last version dates, as the parser derives them.
* The submitter name has no ``<``, quotes around it or TeX; e-mail addresses have no
  ``>``. Extra fields use keys the format does not define; extra lines are neither
  fields nor blank.
* The layout is empty: these are records as a program builds them.

>>> from hypothesis import given
>>> from arxivlisting.formats.absfile import parse_abs, render_abs
>>> @given(abs_records())
... def test_round_trip(record):
...     assert parse_abs(render_abs(record)) == record
>>> test_round_trip()
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..formats._abstext import FIELD_ORDER
from ..formats.absfile import AbsRecord
from ..records import Paper, Version
from . import arxiv_ids, categories, datetimes, dois, normalized_text
from .author_lines import author_lists, author_names

__all__ = ["abs_records", "abs_versions"]


@st.composite
def abs_versions(draw: st.DrawFn) -> tuple[Version, ...]:
    """v1..vN with increasing dates, sizes and flags, withdrawn as the file says."""
    n = draw(st.integers(1, 6))
    dates = sorted(draw(st.lists(datetimes(), min_size=n, max_size=n, unique=True)))
    out = []
    for number, date in enumerate(dates, 1):
        size = draw(st.none() | st.integers(0, 99999))
        flags = None if size is None else draw(st.none() | st.sampled_from(["D", "I", "A", "AD"]))
        withdrawn = bool(flags and "I" in flags) or size == 0
        out.append(Version(number, date, size, flags, withdrawn))
    return tuple(out)


def _submitters() -> st.SearchStrategy[str]:
    return author_names().filter(
        lambda n: not any(c in n for c in '<>"') and "\\" not in n and "{" not in n
    )


_EXTRA_KEYS = st.from_regex(r"[A-Z][a-z]{1,7}(-[a-z]{1,5})?", fullmatch=True).filter(
    lambda k: k not in FIELD_ORDER and k not in ("From", "Date", "Paper")
)


def _optional_text(max_words: int) -> st.SearchStrategy[str | None]:
    return st.none() | normalized_text(1, max_words)


@st.composite
def abs_records(draw: st.DrawFn) -> AbsRecord:
    """Records an ``.abs`` file can hold, with an empty layout (see the module domain)."""
    versions = draw(st.just(()) | abs_versions())
    cats = tuple(draw(st.lists(categories(), max_size=4, unique=True)))
    paper = Paper(
        id=draw(st.none() | arxiv_ids(versioned=False)),
        title=draw(_optional_text(12)),
        authors=draw(st.just(()) | author_lists()),
        abstract=draw(st.none() | st.just("") | normalized_text(1, 60)),
        comments=draw(_optional_text(10)),
        journal_ref=draw(_optional_text(6)),
        dois=tuple(draw(st.lists(dois(), max_size=3))),
        report_no=draw(_optional_text(3)),
        categories=cats,
        primary_category=cats[0] if cats else None,
        msc_class=draw(st.none() | st.sampled_from(["05C85; 05C70", "14F05 (Primary)"])),
        acm_class=draw(st.none() | st.sampled_from(["D.2.5", "I.2.6; I.5.2"])),
        license=draw(st.none() | st.just("http://arxiv.org/licenses/nonexclusive-distrib/1.0/")),
        published=versions[0].date if versions else None,
        updated=versions[-1].date if versions else None,
        versions=versions,
        submitter=draw(st.none() | _submitters()),
        proxy=draw(st.none() | st.sampled_from(["ccsd hal-00139490", "ccsd ccsd-00008566"])),
    )
    return AbsRecord(
        paper,
        submitter_email=draw(
            st.none() | st.from_regex(r"[a-z0-9.]{1,8}@[a-z]{1,6}\.org", fullmatch=True)
        ),
        extra_fields=tuple(
            draw(st.lists(st.tuples(_EXTRA_KEYS, normalized_text(0, 5)), max_size=2))
        ),
        extra_lines=tuple(draw(st.lists(st.sampled_from(["%% note", "* star", "="]), max_size=2))),
    )
