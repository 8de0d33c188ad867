"""Hypothesis strategies for every arxivlisting record, public so you can test your code.

Install with ``pip install 'arxivlisting[testing]'``.

>>> from hypothesis import given
>>> from arxivlisting import ArxivId
>>> from arxivlisting.strategies import arxiv_ids
>>> @given(arxiv_ids())
... def test_canonical(x):
...     assert ArxivId.parse(str(x)) == x
>>> test_canonical()

Domain (what the generators produce, and why):

* Text is what arXiv can hold and XML 1.0 can carry: no control characters (C0/C1),
  no lone surrogates, no U+FFFE/U+FFFF. It mixes ASCII words, TeX (``$\\gamma^{-1}$``),
  URLs, CJK text and full-width punctuation (``，：（）``).
* Text fields of records are *normalized* (see :mod:`arxivlisting.text`): single spaces
  between words, no leading or trailing whitespace. Parsers normalize what they read,
  so only normalized values can survive ``parse(render(x)) == x``.
* Datetimes are UTC with whole seconds, 1991..2099 (the formats print seconds).
* :func:`atom_papers` fills only the fields the API carries; the primary category, when
  set, is the first category (the API lists it first and the parser keeps that order).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from hypothesis import strategies as st

from .. import taxonomy
from ..formats.atom import ApiError, Feed
from ..ids import FIVE_DIGITS_FROM, ArxivId
from ..records import Author, Link, Paper, Version

__all__ = [
    "api_errors",
    "arxiv_ids",
    "atom_feeds",
    "atom_papers",
    "authors",
    "categories",
    "datetimes",
    "dois",
    "links",
    "normalized_text",
    "papers",
    "versions",
    "words",
]

_FORBIDDEN_CATEGORIES: Any = ("Cc", "Cs", "Zs", "Zl", "Zp", "Co")
_FRAGMENTS = (
    r"$\gamma^{-1}$",
    r"$\mathcal{O}(n \log n)$",
    r"\textit{et al.}",
    "https://github.com/example/repo",
    "http://arxiv.org/abs/2301.00001",
    "大语言模型",
    "迈向高效百万令牌上下文智能",
    "（中文名）",
    "：",
    "，",
    "。",
    "α-β",
    "Müller",
    "Zoë",
    "&",
    "<b>",
    "]]>",
    "0",
)


def _plain_word() -> st.SearchStrategy[str]:
    return st.text(
        alphabet=st.characters(
            blacklist_categories=_FORBIDDEN_CATEGORIES,
            blacklist_characters="\ufffe\uffff",
        ),
        min_size=1,
        max_size=12,
    )


def words() -> st.SearchStrategy[str]:
    """One whitespace-free token: ASCII, any XML-safe Unicode, or a realistic fragment."""
    return st.one_of(
        st.from_regex(r"[A-Za-z][a-z]{0,10}", fullmatch=True),
        st.sampled_from(_FRAGMENTS),
        _plain_word(),
    )


def normalized_text(min_words: int = 1, max_words: int = 12) -> st.SearchStrategy[str]:
    """Words joined by single spaces: text that survives whitespace normalization."""
    return st.lists(words(), min_size=min_words, max_size=max_words).map(" ".join)


def datetimes() -> st.SearchStrategy[_dt.datetime]:
    """UTC datetimes with whole seconds between 1991 and 2099."""
    return st.datetimes(
        min_value=_dt.datetime(1991, 1, 1), max_value=_dt.datetime(2099, 12, 31)
    ).map(lambda d: d.replace(microsecond=0, tzinfo=_dt.timezone.utc))


@st.composite
def arxiv_ids(
    draw: st.DrawFn, old_style: bool | None = None, versioned: bool | None = None
) -> ArxivId:
    """Valid arXiv ids of both eras (``old_style``/``versioned`` None means either)."""
    old = draw(st.booleans()) if old_style is None else old_style
    if versioned is None:
        version = draw(st.none() | st.integers(1, 40))
    elif versioned:
        version = draw(st.integers(1, 40))
    else:
        version = None
    if old:
        archive = draw(st.sampled_from(sorted(taxonomy.OLD_STYLE_ARCHIVES)))
        year, month = draw(
            st.sampled_from([(y, m) for y in range(1991, 2008) for m in range(1, 13)]).filter(
                lambda ym: (1991, 8) <= ym <= (2007, 3)
            )
        )
        number = draw(st.integers(1, 999))
        return ArxivId(year, month, number, archive, version)
    year = draw(st.integers(2007, 2099))
    month = draw(st.integers(4 if year == 2007 else 1, 12))
    limit = 99999 if (year, month) >= FIVE_DIGITS_FROM else 9999
    number = draw(st.integers(1, limit))
    return ArxivId(year, month, number, None, version)


def categories() -> st.SearchStrategy[str]:
    """Category codes from arXiv's taxonomy (aliases and archive-level codes included)."""
    return st.sampled_from(sorted(taxonomy.CATEGORIES))


def dois() -> st.SearchStrategy[str]:
    """DOI strings (``10.NNNN/suffix``) without whitespace."""
    return st.from_regex(r"10\.[0-9]{4,5}/[A-Za-z0-9.()_;:-]{1,20}", fullmatch=True)


def authors(*, split_names: bool = False) -> st.SearchStrategy[Author]:
    """Authors with zero to three affiliations (name parts only when ``split_names``)."""
    base = st.builds(
        Author,
        name=normalized_text(1, 4),
        affiliations=st.lists(normalized_text(1, 6), max_size=3).map(tuple),
    )
    if not split_names:
        return base
    return st.builds(
        Author,
        name=normalized_text(1, 4),
        affiliations=st.lists(normalized_text(1, 6), max_size=3).map(tuple),
        keyname=st.none() | normalized_text(1, 2),
        forenames=st.none() | normalized_text(1, 2),
        suffix=st.none() | st.sampled_from(["Jr", "III", "Jr."]),
    )


def links() -> st.SearchStrategy[Link]:
    """Links as feeds carry them (href always set; rel, type and title optional)."""
    return st.builds(
        Link,
        href=st.one_of(
            arxiv_ids().map(lambda x: x.abs_url),
            arxiv_ids().map(lambda x: x.pdf_url),
            dois().map(lambda d: f"https://doi.org/{d}"),
            normalized_text(1, 2),
        ),
        rel=st.none() | st.sampled_from(["alternate", "related"]),
        type=st.none() | st.sampled_from(["text/html", "application/pdf"]),
        title=st.none() | st.sampled_from(["pdf", "doi"]),
    )


def versions() -> st.SearchStrategy[tuple[Version, ...]]:
    """A version history v1..vN with increasing dates and optional sizes/flags."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Version, ...]:
        n = draw(st.integers(1, 6))
        dates = sorted(draw(st.lists(datetimes(), min_size=n, max_size=n, unique=True)))
        out = []
        for i, date in enumerate(dates, 1):
            out.append(
                Version(
                    number=i,
                    date=date,
                    size_kb=draw(st.none() | st.integers(0, 50000)),
                    source_flags=draw(st.none() | st.sampled_from(["D", "I", "A", "AD", "S"])),
                    withdrawn=draw(st.booleans()),
                )
            )
        return tuple(out)

    return build()


@st.composite
def _category_list(draw: st.DrawFn) -> tuple[tuple[str, ...], str | None]:
    cats: list[str] = draw(st.lists(categories(), max_size=4, unique=True))
    extra: str | None = draw(st.none() | st.sampled_from(["53C", "68T05", "F.2.2", "I.2.7"]))
    if extra is not None:
        cats.append(extra)
    flag: bool = draw(st.booleans())
    primary: str | None = cats[0] if cats and flag else None
    if not cats and flag:
        primary = draw(categories())
    return tuple(cats), primary


@st.composite
def atom_papers(draw: st.DrawFn) -> Paper:
    """Papers holding exactly what the API's Atom carries (other fields empty)."""
    cats, primary = draw(_category_list())
    return Paper(
        id=draw(st.none() | arxiv_ids(versioned=True) | arxiv_ids()),
        title=draw(st.none() | normalized_text()),
        authors=tuple(draw(st.lists(authors(), max_size=5))),
        abstract=draw(st.none() | normalized_text(1, 40)),
        comments=draw(st.none() | normalized_text(1, 8)),
        journal_ref=draw(st.none() | normalized_text(1, 6)),
        dois=tuple(draw(st.lists(dois(), max_size=2))),
        categories=cats,
        primary_category=primary,
        published=draw(st.none() | datetimes()),
        updated=draw(st.none() | datetimes()),
        links=tuple(draw(st.lists(links(), max_size=4))),
    )


@st.composite
def papers(draw: st.DrawFn) -> Paper:
    """Papers with every field in play (for serialization and cross-format tests)."""
    cats, primary = draw(_category_list())
    return Paper(
        id=draw(st.none() | arxiv_ids()),
        title=draw(st.none() | normalized_text()),
        authors=tuple(draw(st.lists(authors(split_names=True), max_size=5))),
        abstract=draw(st.none() | normalized_text(1, 40)),
        comments=draw(st.none() | normalized_text(1, 8)),
        journal_ref=draw(st.none() | normalized_text(1, 6)),
        dois=tuple(draw(st.lists(dois(), max_size=3))),
        report_no=draw(st.none() | normalized_text(1, 3)),
        categories=cats,
        primary_category=primary,
        msc_class=draw(st.none() | st.sampled_from(["05C80", "53C; 81T13", "68T05, 68T50"])),
        acm_class=draw(st.none() | st.sampled_from(["F.2.2", "I.2.7; H.3.3"])),
        license=draw(
            st.none()
            | st.sampled_from(
                [
                    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
                    "http://creativecommons.org/licenses/by/4.0/",
                ]
            )
        ),
        published=draw(st.none() | datetimes()),
        updated=draw(st.none() | datetimes()),
        versions=draw(st.just(()) | versions()),
        links=tuple(draw(st.lists(links(), max_size=4))),
        submitter=draw(st.none() | normalized_text(1, 3)),
        proxy=draw(st.none() | normalized_text(1, 2)),
    )


def api_errors() -> st.SearchStrategy[ApiError]:
    """API error entries as the API writes them (the URL ends in ``#<slug>``)."""

    @st.composite
    def build(draw: st.DrawFn) -> ApiError:
        slug = draw(st.from_regex(r"[a-z][a-z0-9_.-]{0,40}", fullmatch=True))
        scheme = draw(st.sampled_from(["http", "https"]))
        return ApiError(
            slug=slug,
            message=draw(normalized_text(1, 8)),
            url=f"{scheme}://arxiv.org/api/errors#{slug}",
            updated=draw(st.none() | datetimes()),
        )

    return build()


@st.composite
def atom_feeds(draw: st.DrawFn, max_papers: int = 5) -> Feed:
    """Whole API responses: metadata, papers, and sometimes an error entry."""
    counts: dict[str, Any] = {
        name: draw(st.none() | st.integers(0, 30000))
        for name in ("total_results", "start_index", "items_per_page")
    }
    return Feed(
        papers=tuple(draw(st.lists(atom_papers(), max_size=max_papers))),
        title=draw(st.none() | normalized_text(1, 6)),
        id=draw(st.none() | st.just("https://arxiv.org/api/UYD++GGrMRBcNyYZKVyqJHdTM3s")),
        updated=draw(st.none() | datetimes()),
        link=draw(st.none() | st.just("https://arxiv.org/api/query?search_query=all:x")),
        errors=tuple(draw(st.lists(api_errors(), max_size=1))),
        **counts,
    )
