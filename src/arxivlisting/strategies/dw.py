"""Hypothesis strategies for the dw dialect (daily-arXiv-ai-enhanced JSON lines and Markdown).

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.dw import dw_digests
>>> @settings(max_examples=5)
... @given(dw_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="dw") == d
>>> test_round_trip()

Every digest is written in one *shape* (``dw_digests(shape=...)``; any when None), recorded
on its layout the way the parser records it. The domain, where the formats are ambiguous,
stays on the side that reads back unambiguously:

* a digest in any shape but the default (``jsonl-fork``) has at least one entry: an empty
  text cannot say which shape it was; in the ``+ascii`` shapes the first entry has a
  Chinese title (an all-ASCII text shows no ``\\uXXXX`` escapes to tell the style by);
* no text value is one the parser reads as "no value" (``""``, ``null``, ``Error``,
  ``Not mentioned in abstract``...): those become None, so None is generated instead;
* ``ai_fields`` have distinct names, in the order the shape writes them: for JSON lines any
  order with ``comments`` last (the fork writes it after the keywords); for Markdown only
  the fields the shape has a line for, in the template's order;
* keywords hold no list separator (``,``, ``，``, ``、``, ``;``, ``；``);
* JSON lines: links are a PDF link (``title="pdf"``) then an abs link (``rel="alternate"``),
  each optional; dates and the primary category only in the fork schema; extra fields are
  canonical JSON (``json.dumps``), under names no schema uses, and those under ``AI.`` are
  neither strings nor null (those would be AI annotations), and come first (the ``AI``
  object is written before the top-level extras);
* Markdown: every entry has an id (its heading links to the abs page, the only link) and at
  least one author; names hold no comma or ``*``; titles no ``](``; fields a shape has no
  line for are empty (the fork has no English abstract, the early and main pages no Chinese
  title, keywords or comment); sections are named by category codes and carry the
  page's table-of-contents count or none; the fork's header states the date.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from typing import Any

import attrs
from hypothesis import strategies as st

from .. import taxonomy
from ..formats.digest._dw_common import DEFAULT_SHAPE, SHAPES, is_missing, shape_token
from ..formats.digest._dw_jsonl import SCHEMAS
from ..formats.digest._dw_md_labels import TEMPLATES
from ..formats.digest.records import Digest, DigestEntry, DigestLayout, Section
from ..records import Author, Link, Paper
from . import arxiv_ids, datetimes, normalized_text
from .digest import chinese_text, english_text

__all__ = ["dw_digests", "dw_entries"]

_AI_NAMES = ("task", "tldr", "motivation", "method", "result", "conclusion")
_KEYWORD_SEPARATORS = ",，、;；"
_KNOWN_KEYS = frozenset(SCHEMAS["fork"]) | frozenset(SCHEMAS["early"])

# Strategies are built once (functools.cache): hypothesis validates every new strategy
# object, which costs more than drawing from it.


def _keep(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``base`` without the texts the parser reads as "no value"."""
    return base.filter(lambda s: not is_missing(s))


@functools.cache
def _optional(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | value


@functools.cache
def _zh(max_words: int = 12) -> st.SearchStrategy[str]:
    return _keep(chinese_text(max_words))


@functools.cache
def _json_text(max_words: int = 12) -> st.SearchStrategy[str]:
    """Any normalized text (JSON carries everything)."""
    return _keep(normalized_text(1, max_words))


@functools.cache
def _md_text(max_words: int = 12) -> st.SearchStrategy[str]:
    """Text for a Markdown line: English or Chinese, never starting with ``*`` or ``>``."""
    return _keep(english_text(1, max_words) | chinese_text(max_words))


@functools.cache
def _md_title() -> st.SearchStrategy[str]:
    return _md_text().filter(lambda s: "](" not in s and not s.startswith("["))


@functools.cache
def _md_title_zh() -> st.SearchStrategy[str]:
    return _zh().filter(lambda s: "*" not in s)


@functools.cache
def _author_lists(md: bool, min_size: int) -> st.SearchStrategy[list[str]]:
    base = english_text(1, 3) if md else normalized_text(1, 3)
    names = _keep(base).filter(lambda s: not md or ("," not in s and "*" not in s))
    return st.lists(names, min_size=min_size, max_size=5)


@functools.cache
def _keywords() -> st.SearchStrategy[tuple[str, ...]]:
    word = _keep(chinese_text(2) | english_text(1, 3)).filter(
        lambda s: not any(c in s for c in _KEYWORD_SEPARATORS)
    )
    return st.lists(word, max_size=5).map(tuple)


@functools.cache
def _category_lists(min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(
        st.sampled_from(sorted(taxonomy.CATEGORIES)),
        min_size=min_size,
        max_size=max_size,
        unique=True,
    )


@functools.cache
def _category() -> st.SearchStrategy[str | None]:
    return _optional(st.sampled_from(sorted(taxonomy.CATEGORIES)))


@functools.cache
def _ai_names() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(_AI_NAMES), unique=True, max_size=5)


@functools.cache
def _extra_names() -> st.SearchStrategy[list[str]]:
    name = st.from_regex(r"[a-z_]{1,10}", fullmatch=True).filter(lambda s: s not in _KNOWN_KEYS)
    return st.lists(name, unique=True, max_size=2)


@functools.cache
def _extra_values() -> st.SearchStrategy[Any]:
    return st.integers() | st.booleans() | _json_text(3)


@functools.cache
def _ids(optional: bool) -> st.SearchStrategy[Any]:
    return _optional(arxiv_ids()) if optional else arxiv_ids()


@functools.cache
def _starts(n_entries: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, n_entries - 1), min_size=1, max_size=3)


@functools.cache
def _counts() -> st.SearchStrategy[int | None]:
    return _optional(st.integers(0, 99))


@functools.cache
def _relevance() -> st.SearchStrategy[Any]:
    return st.lists(st.integers(0, 9), max_size=3) | st.floats(0, 1, allow_nan=False)


@st.composite
def _jsonl_entry(draw: st.DrawFn, schema: str) -> DigestEntry:
    fork = schema == "fork"
    paper_id = draw(_ids(True))
    cats = tuple(draw(_category_lists()))
    links = []
    if draw(st.booleans()):
        href = paper_id.pdf_url if paper_id is not None else "https://arxiv.org/pdf/x"
        links.append(Link(href, rel="related", title="pdf"))
    if draw(st.booleans()):
        href = paper_id.abs_url if paper_id is not None else "https://arxiv.org/abs/x"
        links.append(Link(href, rel="alternate"))
    paper = Paper(
        id=paper_id,
        title=draw(_optional(_json_text())),
        authors=tuple(Author(n) for n in draw(_author_lists(False, 0))),
        abstract=draw(_optional(_json_text(40))),
        comments=draw(_optional(_json_text(8))),
        categories=cats,
        primary_category=draw(_category()) if fork else None,
        published=draw(_optional(datetimes())) if fork else None,
        updated=draw(_optional(datetimes())) if fork else None,
        links=tuple(links),
    )
    names = draw(_ai_names())
    names += ["comments"] if draw(st.booleans()) else []
    ai_fields = tuple((n, draw(_zh(20))) for n in names)
    extras = [
        (n, json.dumps(draw(_extra_values()), ensure_ascii=False)) for n in draw(_extra_names())
    ]
    if draw(st.booleans()):
        extras.insert(0, ("AI.relevance", json.dumps(draw(_relevance()))))
    return DigestEntry(
        paper=paper,
        title_zh=draw(_optional(_zh())),
        abstract_zh=draw(_optional(_zh(40))),
        ai_summary=draw(_optional(_zh(20))),
        ai_fields=ai_fields,
        keywords=draw(_keywords()),
        extra_fields=tuple(extras),
    )


@st.composite
def _md_entry(draw: st.DrawFn, shape: str) -> DigestEntry:
    template = TEMPLATES[shape]
    paper_id = draw(_ids(False))

    def maybe(role: str, value: st.SearchStrategy[str]) -> str | None:
        return draw(_optional(value)) if role in template else None

    title = draw(_md_title())
    cats: tuple[str, ...] = ()
    primary = None
    if shape == "md-fork":
        cats = tuple(draw(_category_lists(0, 3)))
    elif shape == "md-main":
        primary = draw(_category())
        cats = (primary,) if primary is not None else ()
    paper = Paper(
        id=paper_id,
        title=title,
        authors=tuple(Author(n) for n in draw(_author_lists(True, 1))),
        abstract=maybe("abstract", _md_text(40)),
        comments=maybe("comment", _md_text(8)),
        categories=cats,
        primary_category=primary,
        links=(Link(paper_id.abs_url, rel="alternate"),),
    )
    ai_fields = []
    for role in template:
        if role.startswith("ai:"):
            value = maybe(role, _md_text(20))
            if value is not None:
                ai_fields.append((role[3:], value))
    return DigestEntry(
        paper=paper,
        title_zh=maybe("title_zh", _md_title_zh()),
        abstract_zh=maybe("abstract_zh", _md_text(40)),
        ai_summary=maybe("ai_summary", _md_text(20)),
        number=draw(st.integers(0, 9999)) if shape != "md-early" else None,
        ai_fields=tuple(ai_fields),
        keywords=draw(_keywords()) if "keywords" in template else (),
    )


@functools.cache
def dw_entries(shape: str = "jsonl-fork") -> st.SearchStrategy[DigestEntry]:
    """Entries of one shape of the dw dialect (see the module docstring for the domain)."""
    if shape.startswith("jsonl"):
        return _jsonl_entry("early" if shape.startswith("jsonl-early") else "fork")
    return _md_entry(shape)


@functools.cache
def _entry_lists(shape: str, least: int, most: int) -> st.SearchStrategy[list[DigestEntry]]:
    return st.lists(dw_entries(shape), min_size=least, max_size=most)


@st.composite
def dw_digests(draw: st.DrawFn, shape: str | None = None, max_entries: int = 4) -> Digest:
    """Whole dw files: JSON lines, or a Markdown page with its header and sections."""
    chosen: str = shape or draw(st.sampled_from(SHAPES))
    least = 0 if chosen == DEFAULT_SHAPE else 1  # an empty text reads as the default shape
    entries = draw(_entry_lists(chosen, least, max(least, max_entries)))
    if chosen.endswith("+ascii") and entries[0].title_zh is None:
        # escapes only show in a text that has non-ASCII characters to escape
        entries[0] = attrs.evolve(entries[0], title_zh=draw(_zh()))
    layout = DigestLayout(preamble_order=shape_token(chosen))
    if chosen.startswith("jsonl") or chosen == "md-early":
        return Digest("dw", entries=tuple(entries), layout=layout)
    fields: dict[str, object] = {}
    if chosen == "md-fork" and draw(st.booleans()):
        date = draw(st.dates(_dt.date(2024, 1, 1), _dt.date(2099, 12, 31)))
        fields.update(header=f"AI-Enhanced arXiv Daily {date.isoformat()}", date=date)
    if chosen == "md-fork" and draw(st.booleans()):
        fields.update(total_label="今日总计", total=draw(st.integers(0, 999)))
    sections = []
    with_sections: bool = draw(st.booleans())
    if with_sections:
        starts = sorted(draw(_starts(len(entries))))
        titles = draw(_category_lists(len(starts), len(starts)))
        for start, title in zip(starts, titles, strict=True):
            count = draw(_counts())
            sections.append(Section(title, start, declared_count=count))
    return Digest(
        "dw",
        entries=tuple(entries),
        sections=tuple(sections),
        layout=layout,
        **fields,  # type: ignore[arg-type]
    )
