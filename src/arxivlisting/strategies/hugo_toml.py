"""Hypothesis strategies for the Hugo TOML items dialect (and the TOML variant of ``wechat``).

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.hugo_toml import hugo_toml_digests
>>> @settings(max_examples=5)
... @given(hugo_toml_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="hugo_toml") == d
>>> test_round_trip()

Domain, where the format is ambiguous and the generator stays on the side that reads
back unambiguously:

* an item's ``title`` is the Chinese title; when the notes carry their own Chinese title
  the item title is kept as ``("title", ...)`` and differs from it. A paper title is
  only generated when it can be written: in structured notes, or as the item title when
  there is no Chinese title;
* Chinese texts read as Chinese and English texts do not (``lang.detect_language``):
  the notes' ``标题``/``摘要`` fields are sorted by language;
* structured notes hold at least one labelled field besides the title; a headline on the
  lead line only appears in notes without fields (with fields it is the paper title); the
  entry number only with a lead line; the free rest starts with a plain Chinese word;
* every value is non-empty and not a placeholder (``""``, ``未知``... read back as None);
  author names hold no commas; links hold no spaces or commas;
* ``extra_fields`` come in the order the parser writes them: ``id``, ``subtopic``,
  ``research``..., ``source``, ``title``, ``clipped``, ``headline``, ``来源``,
  ``notes``, then unknown keys.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from ..formats.digest._common import is_placeholder
from ..formats.digest.records import Digest, DigestEntry, DigestLayout
from ..ids import ArxivId
from ..lang import detect_language
from ..records import Author, Link, Paper
from . import arxiv_ids
from .digest import chinese_text, english_text

__all__ = [
    "en_text",
    "hugo_toml_digests",
    "hugo_toml_entries",
    "page_roles",
    "toml_item_entries",
    "wechat_toml_digests",
    "zh_text",
]

_SOURCES = ("arXiv", "机器之心", "公众号", "Hugging Face Papers")
_RESEARCH = ("LogicEvolve", "HarnessEvolve", "DataEvolve")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_REST_START = ("示例", "研究", "方法", "数据")


def zh_text(max_words: int = 8) -> st.SearchStrategy[str]:
    """Chinese text that reads as Chinese."""
    return chinese_text(max_words).filter(
        lambda s: detect_language(s) == "zh" and not is_placeholder(s)
    )


def en_text(min_words: int = 1, max_words: int = 12) -> st.SearchStrategy[str]:
    """English text that does not read as Chinese."""
    return english_text(min_words, max_words).filter(
        lambda s: detect_language(s) not in ("zh", "ja", "ko") and not is_placeholder(s)
    )


def _names() -> st.SearchStrategy[str]:
    return en_text(1, 3).filter(lambda s: "," not in s and "，" not in s)


def _url(kind: str) -> st.SearchStrategy[str]:
    if kind == "arxiv":
        return arxiv_ids().map(lambda i: i.abs_url)
    return st.from_regex(r"https://github\.com/[a-z]{1,8}/[a-z0-9]{1,8}", fullmatch=True)


@st.composite
def _clipped(draw: st.DrawFn) -> str:
    day = draw(st.dates(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    t = draw(st.times()).replace(microsecond=0)
    return f"{day.isoformat()} {t.isoformat()} {_WEEKDAYS[day.weekday()]}"


@st.composite
def toml_item_entries(draw: st.DrawFn, style: str = "plain") -> DigestEntry:
    """One ``[[items]]`` entry; ``style`` is the notes layout (``plain`` or ``wechat``)."""
    del style  # both notes layouts carry the same fields
    extras: list[tuple[str, str]] = []
    if draw(st.booleans()):
        extras.append(("id", draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True))))
    if draw(st.booleans()):
        extras.append(("subtopic", draw(zh_text(2))))
    extras += [("research", r) for r in draw(st.lists(st.sampled_from(_RESEARCH), max_size=2))]
    if draw(st.booleans()):
        extras.append(("source", draw(st.sampled_from(_SOURCES))))

    structured = draw(st.booleans())
    links = [Link(u, title="paper") for u in draw(st.lists(_url("arxiv"), max_size=2))]
    for key in ("code", "dataset", "link"):
        if draw(st.booleans()):
            links.append(Link(draw(_url("github")), title=key))
    authors: list[str] = []
    comments = abstract = abstract_zh = notes_source = notes_title_zh = None
    if structured:
        link = draw(st.none() | _url("arxiv"))
        if link is not None:
            links.append(Link(link, title="链接"))
        authors = draw(st.lists(_names(), max_size=4))
        comments = draw(st.none() | en_text(1, 6))
        abstract = draw(st.none() | en_text(1, 30))
        abstract_zh = draw(st.none() | zh_text(20))
        notes_source = draw(st.none() | st.sampled_from(_SOURCES))
        if not (link or authors or comments or abstract or abstract_zh or notes_source):
            abstract_zh = draw(zh_text(20))
        notes_title_zh = draw(st.none() | zh_text(6))
    item_title_zh = draw(st.none() | zh_text(6))
    extra_title = None
    if notes_title_zh is not None:
        title_zh: str | None = notes_title_zh
        if item_title_zh is not None and item_title_zh != notes_title_zh:
            extra_title = item_title_zh
    else:
        title_zh = item_title_zh
    paper_title = draw(st.none() | en_text(1, 10)) if structured or title_zh is None else None
    if extra_title is not None:
        extras.append(("title", extra_title))

    number = None
    if draw(st.booleans()):
        extras.append(("clipped", draw(_clipped())))
        number = draw(st.none() | st.integers(1, 99))
        if not structured and draw(st.booleans()):
            extras.append(("headline", draw(zh_text(6))))
    if notes_source is not None:
        extras.append(("来源", notes_source))
    if draw(st.booleans()):
        start = draw(st.sampled_from(_REST_START))
        extras.append(("notes", f"{start} {draw(zh_text(10))}"))
    if draw(st.booleans()):
        extras.append(("weight", draw(zh_text(2))))

    ids = [
        ArxivId.try_parse(link.href) for t in ("paper", "链接") for link in links if link.title == t
    ]
    paper = Paper(
        id=next((i for i in ids if i is not None), None),
        title=paper_title,
        authors=tuple(Author(a) for a in authors),
        abstract=abstract,
        comments=comments,
        links=tuple(links),
    )
    ai_fields = [(k, draw(zh_text(12))) for k in ("content", "purpose") if draw(st.booleans())]
    return DigestEntry(
        paper=paper,
        title_zh=title_zh,
        abstract_zh=abstract_zh,
        ai_summary=draw(st.none() | zh_text(12)),
        number=number,
        ai_fields=tuple(ai_fields),
        keywords=tuple(draw(st.lists(zh_text(2), max_size=4))),
        extra_fields=tuple(extras),
    )


def hugo_toml_entries() -> st.SearchStrategy[DigestEntry]:
    """Entries of the ``hugo_toml`` dialect (see the module docstring for the domain)."""
    return toml_item_entries("plain")


@st.composite
def _page(draw: st.DrawFn) -> dict[str, object]:
    fields: dict[str, object] = {}
    day = draw(st.none() | st.dates(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    if draw(st.booleans()):
        fields["header"] = f"{day or '2026-01-01'} 科研追新"
    fields["date"] = day
    fields["preamble_extra"] = tuple(
        draw(st.lists(st.sampled_from(["draft = false", "toc = true"]), max_size=2, unique=True))
    )
    fields["trailer"] = tuple(
        draw(
            st.lists(
                st.sampled_from(["> 当日精选（由提交工具自动创建）。", "## 今日概览"]), max_size=2
            )
        )
    )
    return fields


def page_roles(fields: dict[str, object]) -> tuple[str, ...]:
    """The preamble roles of a page built by :func:`_page` (for the wechat TOML layout)."""
    roles = ["fence"]
    if fields.get("header") is not None:
        roles.append("page_title")
    if fields.get("date") is not None:
        roles.append("page_date")
    extra = fields.get("preamble_extra", ())
    assert isinstance(extra, tuple)
    return (*roles, *(["preamble_extra"] * len(extra)))


@st.composite
def hugo_toml_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Whole ``hugo_toml`` files: page keys, items, a Markdown body."""
    fields = draw(_page())
    entries = draw(st.lists(hugo_toml_entries(), max_size=max_entries))
    return Digest("hugo_toml", entries=tuple(entries), **fields)  # type: ignore[arg-type]


@st.composite
def wechat_toml_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Whole files of the ``wechat`` dialect's TOML layout (WeChat fields in notes)."""
    fields = draw(_page())
    entries = draw(st.lists(toml_item_entries("wechat"), max_size=max_entries))
    layout = DigestLayout(preamble_order=page_roles(fields))
    return Digest("wechat", entries=tuple(entries), layout=layout, **fields)  # type: ignore[arg-type]
