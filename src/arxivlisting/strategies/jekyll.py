"""Hypothesis strategies for the jekyll dialect (arxiv-daily "arXiv 中文要点汇总" files).

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.jekyll import jekyll_digests
>>> @settings(max_examples=5)
... @given(jekyll_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="jekyll") == d
>>> test_round_trip()

Domain (one strategy per kind of file; :func:`jekyll_digests` draws any of them), where
the template is ambiguous and the generator stays on the side that reads back
unambiguously:

* every text is normalized and not a placeholder; texts that HTML or Markdown would
  change hold no ``&<>"*`\\`` (the index decodes entities, the page strips ``**``);
  author names hold no comma, category codes no space;
* the fields the parser fills in a fixed order come in that order: ``Paper.links`` (the
  page: abs, PDF, then code links; the JSON: PDF, then code links), ``ai_fields``
  (the page: ``intro``, ``method``, ``highlight``, ``application``; the JSON: ``intro``,
  ``method``, one ``application``, one ``highlight``) and ``extra_fields``;
* a page's ``topic_hit`` is its first matched interest (the others are
  ``matched_interest`` extra fields), dates are midnight UTC, the page's id and title are
  always there (the toolbar needs them);
* an index page starts with :func:`~arxivlisting.formats.digest._jekyll_index.index_preamble`
  (so ``header``, ``topic``, ``date`` and ``total`` agree with it), its sections have a
  declared count, start at the first row and hold at least one row each.
"""

from __future__ import annotations

import datetime as _dt
import json

from hypothesis import strategies as st

from .. import taxonomy
from ..formats.digest._common import is_placeholder
from ..formats.digest._jekyll_common import JSON, PAPER, shape_token
from ..formats.digest._jekyll_index import index_preamble
from ..formats.digest.records import Digest, DigestEntry, DigestLayout, Section, TopicHit
from ..lang import detect_language
from ..records import Author, Link, Paper
from . import arxiv_ids, dois
from .digest import chinese_text, english_text

__all__ = [
    "jekyll_digests",
    "jekyll_index_digests",
    "jekyll_json_digests",
    "jekyll_page_digests",
]

_UNSAFE = set('&<>"*`\\|')
_PILLARS = (
    "支柱九：具身大模型 (Embodied Foundation Models)",
    "支柱二：RL算法与架构 (RL & Architecture)",
)
_TABLE_HEAD = (
    "<table>",
    "<thead>",
    "<tr><th>#</th><th>题目</th><th>一句话要点</th><th>标签</th><th>🔗</th><th>⭐</th></tr>",
    "</thead>",
    "<tbody>",
)


def _safe(text: str) -> bool:
    return not (set(text) & _UNSAFE) and not is_placeholder(text)


def _en(min_words: int = 1, max_words: int = 12) -> st.SearchStrategy[str]:
    return english_text(min_words, max_words).filter(_safe)


def _zh(max_words: int = 10) -> st.SearchStrategy[str]:
    return chinese_text(max_words).filter(lambda s: _safe(s) and detect_language(s) == "zh")


def _day() -> st.SearchStrategy[_dt.datetime]:
    return st.dates(_dt.date(2007, 4, 1), _dt.date(2099, 12, 31)).map(
        lambda d: _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc)
    )


def _names() -> st.SearchStrategy[list[str]]:
    return st.lists(_en(1, 3).filter(lambda s: "," not in s), max_size=4)


def _codes() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(taxonomy.CATEGORIES)), max_size=3)


def _url() -> st.SearchStrategy[str]:
    return st.from_regex(r"https://github\.com/[a-z]{1,8}/[a-z0-9-]{1,12}", fullmatch=True)


@st.composite
def jekyll_page_entries(draw: st.DrawFn) -> DigestEntry:
    """The one entry of a paper page."""
    pid = draw(arxiv_ids())
    base = pid.unversioned
    code = draw(st.lists(st.tuples(st.sampled_from(["GITHUB", "PROJECT"]), _url()), max_size=2))
    links = [
        Link(f"https://arxiv.org/abs/{base}", rel="alternate"),
        Link(f"https://arxiv.org/pdf/{base}.pdf", type="application/pdf", title="pdf"),
    ] + [Link(url, rel="related", title=label) for label, url in code]
    pillars = draw(st.lists(st.sampled_from(_PILLARS), max_size=2))
    extra = [("matched_interest", p) for p in pillars[1:]]
    extra += [("figure", draw(_url()) + ".png") for _ in range(draw(st.integers(0, 3)))]
    ai = [("intro", x) for x in draw(st.lists(_zh(6), max_size=3))]
    ai += [("method", x) for x in draw(st.lists(_zh(12), max_size=3))]
    for name in ("highlight", "application"):
        ai += [(name, x) for x in draw(st.lists(_zh(8), max_size=1))]
    paper = Paper(
        id=pid,
        title=draw(_en(1, 12)),
        authors=tuple(Author(n) for n in draw(_names())),
        abstract=draw(st.none() | _en(1, 40)),
        comments=draw(st.none() | _en(1, 6)),
        dois=tuple(
            draw(st.lists(dois().filter(lambda d: "(" not in d and ")" not in d), max_size=1))
        ),
        categories=tuple(draw(_codes())),
        published=draw(st.none() | _day()),
        links=tuple(links),
    )
    return DigestEntry(
        paper=paper,
        abstract_zh=draw(st.none() | _zh(30)),
        ai_summary=draw(st.none() | _zh(8)),
        topic_hit=TopicHit(pillars[0]) if pillars else None,
        ai_fields=tuple(ai),
        keywords=tuple(draw(st.lists(_zh(2), max_size=4))),
        extra_fields=tuple(extra),
    )


@st.composite
def jekyll_page_digests(draw: st.DrawFn) -> Digest:
    """Paper pages: one entry."""
    return Digest(
        "jekyll",
        entries=(draw(jekyll_page_entries()),),
        layout=DigestLayout(preamble_order=shape_token(PAPER)),
    )


@st.composite
def jekyll_json_entries(draw: st.DrawFn) -> DigestEntry:
    """One paper of the JSON source data."""
    codes = draw(_codes())
    links = (
        [Link(str(draw(arxiv_ids())), type="application/pdf", title="pdf")]
        if draw(st.booleans())
        else []
    )
    for url in draw(st.lists(_url(), max_size=2)):
        links.append(Link(url, rel="related", title=draw(st.none() | st.just("github"))))
    ai = [("intro", x) for x in draw(st.lists(_zh(6), max_size=3))]
    ai += [("method", x) for x in draw(st.lists(_zh(12), max_size=3))]
    for name in ("application", "highlight"):
        ai += [(name, x) for x in draw(st.lists(_zh(8), max_size=1))]
    extra = []
    if draw(st.booleans()):
        interests = [{"name": _PILLARS[0], "id": "9_embodied_foundation", "score": 9.0}]
        extra.append(("matched_interests", json.dumps(interests, ensure_ascii=False)))
    if draw(st.booleans()):
        extra.append(("relevance_score", repr(draw(st.integers(0, 400)) / 10)))
    if draw(st.booleans()):
        extra.append(("hit_pillars", json.dumps(["9_embodied_foundation"])))
    if draw(st.booleans()):
        extra.append(("_index", str(draw(st.integers(0, 500)))))
    if draw(st.booleans()):
        extra.append(("_used_api", draw(st.sampled_from(["openai", "deepseek"]))))
    paper = Paper(
        id=draw(st.none() | arxiv_ids()),
        title=draw(st.none() | _en(1, 12)),
        authors=tuple(Author(n) for n in draw(_names())),
        abstract=draw(st.none() | _en(1, 40)),
        comments=draw(st.none() | _en(1, 6)),
        journal_ref=draw(st.none() | _en(1, 5)),
        dois=tuple(draw(st.lists(dois(), max_size=1))),
        categories=tuple(codes),
        primary_category=draw(st.none() | st.just(codes[0])) if codes else None,
        published=draw(st.none() | _day()),
        updated=draw(st.none() | _day()),
        links=tuple(links),
    )
    return DigestEntry(
        paper=paper,
        abstract_zh=draw(st.none() | _zh(30)),
        ai_summary=draw(st.none() | _zh(8)),
        ai_fields=tuple(ai),
        keywords=tuple(draw(st.lists(_zh(2), max_size=4))),
        extra_fields=tuple(extra),
    )


@st.composite
def jekyll_json_digests(draw: st.DrawFn, max_entries: int = 3) -> Digest:
    """The JSON source data: ``{"papers": [...]}``."""
    return Digest(
        "jekyll",
        entries=tuple(draw(st.lists(jekyll_json_entries(), max_size=max_entries))),
        layout=DigestLayout(preamble_order=shape_token(JSON)),
    )


@st.composite
def jekyll_index_entries(draw: st.DrawFn, number: int = 1) -> DigestEntry:
    """One table row of an index page."""
    pid = draw(arxiv_ids())
    extra = [("page", f"./papers/{str(pid).replace('.', '').replace('/', '')}-x.html")]
    if draw(st.booleans()):
        extra.append(("has_code", "✅"))
    return DigestEntry(
        paper=Paper(id=pid, title=draw(_en(1, 12))),
        ai_summary=draw(st.none() | _zh(8)),
        number=number,
        keywords=tuple(draw(st.lists(_en(1, 2), max_size=3))),
        extra_fields=tuple(extra),
    )


@st.composite
def jekyll_index_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Day index pages: front matter, count, one table per interest, back links."""
    n = draw(st.integers(0, max_entries))
    entries = [draw(jekyll_index_entries(number=i + 1)) for i in range(n)]
    topic = draw(st.sampled_from(["cs.CL", "cs.AI", "cs.RO"]))
    day = draw(st.dates(_dt.date(2020, 1, 1), _dt.date(2099, 12, 31)))
    total = draw(st.integers(0, 99))
    sections = []
    if n:
        starts = sorted({0, *draw(st.lists(st.integers(0, n - 1), max_size=2))})
        bounds = [*starts, n]
        for start, end in zip(starts, bounds[1:], strict=False):
            title = draw(st.sampled_from(_PILLARS))
            sections.append(Section(title, start, declared_count=end - start, notes=_TABLE_HEAD))
    trailer = ("[⬅️ 返回 首页](../index.html)",) if n and draw(st.booleans()) else ()
    return Digest(
        "jekyll",
        entries=tuple(entries),
        header=f"arXiv 中文要点汇总 - {topic} - {day.isoformat()}",
        date=day,
        topic=topic,
        total=total,
        preamble_extra=index_preamble(topic, day.isoformat(), total),
        sections=tuple(sections),
        trailer=trailer,
    )


def jekyll_digests() -> st.SearchStrategy[Digest]:
    """Any of the three kinds of file."""
    return st.one_of(jekyll_index_digests(), jekyll_page_digests(), jekyll_json_digests())
