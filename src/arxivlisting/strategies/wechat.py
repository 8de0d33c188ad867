"""Hypothesis strategies for the WeChat "arXiv每日学术速递" dialect (Markdown and TOML).

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.wechat import wechat_digests
>>> @settings(max_examples=5)
... @given(wechat_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="wechat") == d
>>> test_round_trip()

Domain, where the format is ambiguous and the generator stays on the side that reads
back unambiguously:

* every entry has a title, a Chinese title and a link (an arXiv abs URL whose id is the
  paper's id): a ``#### Title`` head is only an entry head when a field follows it;
* the Chinese abstract reads as Chinese and the English one does not (the two
  ``**摘要**`` lines are told apart by language); no value is empty or a placeholder;
  author names hold no commas;
* extra fields use labels other than 标题/链接/作者/备注/摘要 and come after the abstracts;
* section titles hold no ``(N篇)`` ending and no ``#``; count-line titles start with a
  Chinese word (they follow the category code directly); notes, preamble and trailer
  lines come from a fixed set of lines that cannot be read as anything structural;
* a trailer only follows entries, and only when no section starts after the last entry;
  the first line is only a ``# `` line when it is the header.

:func:`wechat_toml_digests` (from :mod:`.hugo_toml`) generates the TOML layout.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .. import taxonomy
from ..formats.digest.records import Digest, DigestEntry, Section
from ..records import Author, Link, Paper
from . import arxiv_ids
from .hugo_toml import en_text, wechat_toml_digests, zh_text

__all__ = ["wechat_digests", "wechat_entries", "wechat_markdown_digests", "wechat_toml_digests"]

_NOTE_LINES = (
    "**From**：量子位、机器之心",
    "**From：**[https://papers.cool/arxiv/cs.CL](https://papers.cool/arxiv/cs.CL))",
    "[arXiv每日学术速递](javascript:void(0);)",
    "1. [示例新闻](https://mp.weixin.qq.com/s/example)",
)
_TRAILER_LINES = ("---", "> 作者: [LLM-DailyDigest](https://github.com/dujh22/LLM-DailyDigest)")
_EXTRA_LABELS = ("代码", "项目主页", "Code")
_COUNT_TITLES = ("方向", "人工智能", "计算与语言")
_GROUP_TITLES = ("大模型相关", "QA|VQA|问答|对话", "机器翻译", "其他")
_HEADING_TITLES = ("1.3 Arxiv", "1.3.1 Computation and Language", "2. 归类后数据", "强化学习")


def _names() -> st.SearchStrategy[str]:
    return en_text(1, 3).filter(lambda s: "," not in s and "，" not in s)


@st.composite
def wechat_entries(draw: st.DrawFn) -> DigestEntry:
    """Entries of the Markdown layout (see the module docstring for the domain)."""
    paper_id = draw(arxiv_ids())
    extra = draw(st.lists(st.tuples(st.sampled_from(_EXTRA_LABELS), en_text(1, 4)), max_size=2))
    paper = Paper(
        id=paper_id,
        title=draw(en_text(1, 12)),
        authors=tuple(Author(a) for a in draw(st.lists(_names(), max_size=5))),
        abstract=draw(st.none() | en_text(1, 40)),
        comments=draw(st.none() | en_text(1, 8)),
        links=(Link(paper_id.abs_url),),
    )
    return DigestEntry(
        paper=paper,
        title_zh=draw(zh_text(6)),
        abstract_zh=draw(st.none() | zh_text(30)),
        number=draw(st.none() | st.integers(1, 300)),
        extra_fields=tuple(extra),
    )


@st.composite
def _section(draw: st.DrawFn, first_entry: int) -> Section:
    kind = draw(st.sampled_from(["heading", "count", "group"]))
    notes = tuple(draw(st.lists(st.sampled_from(_NOTE_LINES), max_size=2)))
    if kind == "count":
        return Section(
            draw(st.sampled_from(_COUNT_TITLES)),
            first_entry,
            code=draw(st.sampled_from(sorted(c for c in taxonomy.CATEGORIES if "." in c))),
            declared_count=draw(st.integers(0, 300)),
            notes=notes,
        )
    if kind == "group":
        return Section(
            draw(st.sampled_from(_GROUP_TITLES)),
            first_entry,
            declared_count=draw(st.integers(0, 60)),
            notes=notes,
        )
    return Section(draw(st.sampled_from(_HEADING_TITLES)), first_entry, notes=notes)


@st.composite
def wechat_markdown_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Whole posts in the Markdown layout: header, preamble, sections, entries, trailer."""
    entries = draw(st.lists(wechat_entries(), max_size=max_entries))
    day = draw(st.none() | st.dates(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    header = f"{day.isoformat()}科研追新" if day is not None else None
    preamble = tuple(draw(st.lists(st.sampled_from(_NOTE_LINES), max_size=2)))
    starts = sorted(draw(st.lists(st.integers(0, len(entries)), max_size=4)))
    sections = tuple(draw(_section(s)) for s in starts)
    trailer: tuple[str, ...] = ()
    if entries and all(s.first_entry < len(entries) for s in sections):
        trailer = tuple(draw(st.lists(st.sampled_from(_TRAILER_LINES), max_size=2)))
        if trailer and trailer[0] != "---":
            trailer = ("---", *trailer)
    return Digest(
        "wechat",
        entries=tuple(entries),
        header=header,
        date=day,
        preamble_extra=preamble,
        sections=sections,
        trailer=trailer,
    )


def wechat_digests(max_entries: int = 4) -> st.SearchStrategy[Digest]:
    """Whole ``wechat`` digests, in the Markdown or the TOML layout."""
    return wechat_markdown_digests(max_entries) | wechat_toml_digests(max_entries)
