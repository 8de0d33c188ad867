"""Hypothesis strategies for the papers.cool digest dialect.

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.papers_cool import papers_cool_digests
>>> @settings(max_examples=5)
... @given(papers_cool_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="papers_cool") == d
>>> test_round_trip()

Domain, where the Markdown is ambiguous and the generator stays on the side that reads
back unambiguously:

* every entry has a number, an id (its two links are the canonical arXiv and
  papers.cool URLs), an English title that is not read as Chinese, and at least one
  author (without an authors line, a Chinese abstract right before a labelled line reads
  as a title echo); abstracts are single paragraphs in their own language;
* author names hold no Markdown link punctuation (``[]()``), list separators
  (``,，、;；``), colons (an echo label after a space starts an inline echo) or ``&``
  (entities are decoded); the primary category is the first one;
* ``extra_fields`` come in the order the parser fills them: ``buttons``, labelled lines
  (labels that are not field labels), ``subjects_zh``, ``published_zh``;
* echoes sit on their own lines (the canonical form) and hold no placeholder text;
* preamble lines are not Markdown headings (the last heading before the first entry
  opens a section); at most one section starts at the first entry, none after the last,
  and section notes are :func:`~arxivlisting.formats.digest.papers_cool.section_notes`
  plus plain lines; a trailer follows only an entry with its Publish line and starts
  with a plain line; all total lines name the same date.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .. import taxonomy
from ..formats.digest._common import is_placeholder
from ..formats.digest._papers_cool_fields import FIELD_KINDS
from ..formats.digest.papers_cool import section_notes
from ..formats.digest.records import Digest, DigestEntry, Section
from ..lang import detect_language
from ..records import Author, Link, Paper
from . import arxiv_ids, datetimes
from .digest import chinese_text, english_text

__all__ = ["papers_cool_digests", "papers_cool_entries"]

_BUTTONS = ("[PDF ] [Copy] [Kimi 1 ] [REL]", "[PDF 3] [Copy] [Kimi 2] [REL]")
_FORBIDDEN_IN_NAMES = set("[]()&,，、;；:：*#")
#: Labels of lines kept in ``extra_fields`` (not field labels: see ``FIELD_KINDS``).
_LABELS = tuple(label for label in ("Note", "Code", "Links") if label.lower() not in FIELD_KINDS)


def _english(min_words: int = 1, max_words: int = 20) -> st.SearchStrategy[str]:
    return english_text(min_words, max_words).filter(
        lambda s: detect_language(s) != "zh" and not is_placeholder(s)
    )


def _chinese(max_words: int = 12) -> st.SearchStrategy[str]:
    return chinese_text(max_words).filter(lambda s: detect_language(s) == "zh")


def _plain_line() -> st.SearchStrategy[str]:
    return _english(1, 8).filter(lambda s: not s.startswith(("#", "[", "**")) and "|" not in s)


@st.composite
def papers_cool_entries(draw: st.DrawFn, number: int = 1) -> DigestEntry:
    """Entries of the papers.cool dialect (see the module docstring for the domain)."""
    pid = draw(arxiv_ids())
    names = draw(
        st.lists(
            english_text(1, 3).filter(
                lambda s: not (set(s) & _FORBIDDEN_IN_NAMES) and not is_placeholder(s)
            ),
            min_size=1,
            max_size=5,
        )
    )
    codes = draw(st.lists(st.sampled_from(sorted(taxonomy.CATEGORIES)), max_size=3))
    extra: list[tuple[str, str]] = []
    buttons = draw(st.none() | st.sampled_from(_BUTTONS))
    if buttons is not None:
        extra.append(("buttons", buttons))
    for label in draw(st.lists(st.sampled_from(_LABELS), max_size=2)):
        extra.append((label, draw(_english(1, 6))))
    if codes:
        subjects_zh = draw(st.none() | _chinese(4))
        if subjects_zh is not None:
            extra.append(("subjects_zh", subjects_zh))
    published = draw(st.none() | datetimes())
    if published is not None and draw(st.booleans()):
        extra.append(("published_zh", published.strftime("%Y-%m-%d %H:%M:%S UTC")))
    paper = Paper(
        id=pid,
        title=draw(_english(1, 15)),
        authors=tuple(Author(n) for n in names),
        abstract=draw(st.none() | _english(1, 60)),
        categories=tuple(codes),
        primary_category=codes[0] if codes else None,
        published=published,
        links=(
            Link(pid.abs_url, rel="alternate"),
            Link(f"https://papers.cool/arxiv/{pid}", rel="related", title="papers.cool"),
        ),
    )
    return DigestEntry(
        paper=paper,
        title_zh=draw(st.none() | _chinese()),
        abstract_zh=draw(st.none() | _chinese(40)),
        number=number,
        authors_zh=draw(st.none() | _chinese(4)),
        extra_fields=tuple(extra),
    )


@st.composite
def papers_cool_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Whole papers.cool pages: a preamble, sections with totals, entries, a trailer."""
    n = draw(st.integers(0, max_entries))
    entries = [draw(papers_cool_entries(number=i + 1)) for i in range(n)]
    date: _dt.date | None = draw(st.none() | st.dates(_dt.date(2020, 1, 1), _dt.date(2099, 12, 31)))
    preamble = list(draw(st.lists(_plain_line(), max_size=3)))
    total: int | None = None
    if draw(st.booleans()) or not entries:
        total = draw(st.integers(0, 99))
        preamble += section_notes(None, date, total)
    sections = []
    starts = sorted(set(draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)))) if n else []
    for start in starts:
        for _ in range(1 if start == 0 else draw(st.integers(1, 2))):
            code = draw(st.none() | st.sampled_from(["cs.CL", "cs.AI", "stat.ML"]))
            count = draw(st.none() | st.integers(0, 99))
            notes = section_notes(code, date, count) + tuple(
                draw(st.lists(_plain_line(), max_size=1))
            )
            sections.append(
                Section(
                    draw(
                        st.sampled_from(
                            [
                                "1.3.1 Computation and Language",
                                "Artificial Intelligence",
                                "机器学习",
                            ]
                        )
                    ),
                    start,
                    code=code,
                    declared_count=count,
                    notes=notes,
                )
            )
    trailer: list[str] = []
    if entries and entries[-1].paper.published is not None:
        trailer = draw(st.lists(_plain_line(), max_size=2))
    has_date = date is not None and (
        total is not None or any(s.declared_count is not None for s in sections)
    )
    return Digest(
        "papers_cool",
        entries=tuple(entries),
        date=date if has_date else None,
        total=total,
        preamble_extra=tuple(preamble),
        sections=tuple(sections),
        trailer=tuple(trailer),
    )
