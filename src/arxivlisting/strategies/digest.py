"""Hypothesis strategies for digest records (the arXivDaily dialect).

>>> from hypothesis import given, settings
>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.strategies.digest import arxivdaily_digests
>>> @settings(max_examples=5)
... @given(arxivdaily_digests())
... def test_round_trip(d):
...     assert parse_digest(render_digest(d), dialect="arxivdaily") == d
>>> test_round_trip()

Domain, where the text format is ambiguous and the generator stays on the side that reads
back unambiguously:

* every entry has an English title, a Chinese title, at least one author and both
  abstracts (without them the three unlabelled lines after the id line, or the abstract
  blocks, cannot be told apart);
* no generated line starts with a marker (``发表机构``, ``专题命中``, ``AI总结``,
  ``Comments``, ``详情``, ``AI中文摘要``, ``英文摘要``) or looks like an id line;
* author names hold no commas; institution names hold no parentheses, every institution
  but the last has a Chinese name (two unglossed names in a row read back as one), and
  no name starts with a lexicon name (those are split off);
* topics hold no colon; comments placed after ``详情`` are not empty; full-width
  punctuation is chosen only when the entry has a line that shows it;
* the page headings come in order (a topic needs a group, a description a topic); a
  subject section never starts at the first entry (it would read as the page's subject).
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .. import taxonomy
from ..announce import AnnounceType
from ..formats.digest.institutions import DEFAULT_INSTITUTIONS
from ..formats.digest.records import (
    CountLine,
    Digest,
    DigestEntry,
    EntryLayout,
    Institution,
    Section,
    SubjectHeader,
    TopicHit,
)
from ..records import Author, Paper
from . import arxiv_ids, normalized_text, words

__all__ = ["arxivdaily_digests", "arxivdaily_entries", "chinese_text", "english_text"]

_MARKERS = ("发表机构", "专题命中", "AI总结", "Comments", "详情", "AI中文摘要", "英文摘要")
_HAN_WORDS = (
    "大语言模型",
    "预训练",
    "示例",
    "迈向高效百万令牌上下文智能",
    "数据",
    "方法",
    "研究",
    "：",
    "，",
    "（注）",
    "$\\gamma^{-1}$",
    "https://example.org/x",
)
_ANNOUNCE_LABELS = ("新提交", "交叉提交", "版本更新", "替换")
_SOURCES = ("cs.CL", "cs.AI", "cs.LG", "stat.ML")


def _safe(text: str) -> bool:
    return not text.startswith(_MARKERS)


def english_text(min_words: int = 1, max_words: int = 20) -> st.SearchStrategy[str]:
    """Normalized text starting with a plain English word (never a marker)."""
    return st.tuples(
        st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True).filter(lambda w: w != "Comments"),
        normalized_text(min_words - 1, max_words) if min_words > 1 else st.just(""),
    ).map(lambda t: f"{t[0]} {t[1]}".strip())


def chinese_text(max_words: int = 12) -> st.SearchStrategy[str]:
    """Normalized text starting with a Chinese word, mixing in English, TeX and URLs."""
    return st.tuples(
        st.sampled_from(_HAN_WORDS[:7]),
        st.lists(st.one_of(st.sampled_from(_HAN_WORDS), words()), max_size=max_words),
    ).map(lambda t: " ".join([t[0], *t[1]]) if t[1] else t[0])


def _names() -> st.SearchStrategy[str]:
    return english_text(1, 3).filter(lambda s: "," not in s and "，" not in s)


def _institution_name() -> st.SearchStrategy[str]:
    return english_text(1, 5).filter(
        lambda s: (
            not any(c in s for c in "()（）")
            and not any(s.startswith(name + " ") or s == name for name in DEFAULT_INSTITUTIONS)
        )
    )


@st.composite
def _institutions(draw: st.DrawFn) -> tuple[Institution, ...]:
    glossed = draw(
        st.lists(
            st.builds(
                Institution,
                name=_institution_name(),
                name_zh=chinese_text(2).filter(lambda s: not any(c in s for c in "()（）")),
            ),
            max_size=3,
        )
    )
    if draw(st.booleans()):
        glossed.append(Institution(draw(_institution_name())))
    return tuple(glossed)


@st.composite
def arxivdaily_entries(draw: st.DrawFn) -> DigestEntry:
    """Entries of the arXivDaily dialect (see the module docstring for the domain)."""
    label = draw(st.none() | st.sampled_from(_ANNOUNCE_LABELS))
    authors = draw(st.lists(_names(), min_size=1, max_size=6))
    institutions = draw(_institutions())
    topic = draw(
        st.none()
        | st.builds(
            TopicHit,
            topic=chinese_text(2).filter(lambda s: ":" not in s and "：" not in s),
            reason=st.none() | chinese_text(),
        )
    )
    comments_after = draw(st.booleans())
    comments = draw(
        st.none() | (english_text(1, 10) if comments_after else st.just("") | english_text(1, 10))
    )
    voters = len(authors) > 1 or any(i.name_zh for i in institutions)
    voters = voters or (topic is not None and topic.reason is not None)
    paper = Paper(
        id=draw(arxiv_ids()),
        title=draw(english_text(1, 15)),
        authors=tuple(Author(name) for name in authors),
        abstract=draw(english_text(1, 60)),
        comments=comments,
        categories=tuple(
            draw(st.lists(st.sampled_from(sorted(taxonomy.CATEGORIES)), min_size=1, max_size=3))
        ),
    )
    return DigestEntry(
        paper=paper,
        title_zh=draw(chinese_text()),
        abstract_zh=draw(chinese_text(40)),
        ai_summary=draw(st.none() | st.just("") | chinese_text()),
        institutions=institutions,
        topic_hit=topic,
        score=draw(st.none() | st.integers(0, 100)),
        announce=AnnounceType.from_label(label) if label else None,
        announce_label=label,
        listing_date=draw(st.dates(_dt.date(2007, 4, 1), _dt.date(2099, 12, 31))),
        layout=EntryLayout(
            fullwidth=draw(st.booleans()) if voters else False,
            comments_after_details=comments_after and comments is not None,
        ),
    )


@st.composite
def arxivdaily_digests(draw: st.DrawFn, max_entries: int = 4) -> Digest:
    """Whole arXivDaily pages: topic, all-subjects or subject-filtered, with sections."""
    entries: list[DigestEntry] = draw(st.lists(arxivdaily_entries(), max_size=max_entries))
    kind = draw(st.sampled_from(["topic", "all", "subject", "bare"]))
    fields: dict[str, object] = {"header": "arXivDaily arXiv每日学术速递 周一至周五更新"}
    if kind == "topic":
        n_headings = draw(st.integers(0, 3))
        headings = [draw(chinese_text(4).filter(lambda s: not s[-1:].isdigit())) for _ in range(3)]
        for name, text in zip(
            ("group", "topic", "topic_description")[:n_headings], headings[:n_headings], strict=True
        ):
            fields[name] = text
        fields["count_line"] = CountLine(
            draw(st.sampled_from(["今日/当前日期收录", "今日收录"])),
            draw(st.integers(0, 500)),
            tuple(
                draw(st.lists(st.sampled_from(["cs.CL", "cs.AI", "cs.LG", "stat.ML"]), max_size=3))
            ),
            draw(st.booleans()),
        )
    elif kind == "all":
        fields["total_label"] = "全部学科分类"
        fields["total"] = draw(st.integers(0, 999))
    elif kind == "subject":
        fields["residue"] = tuple(draw(st.lists(st.sampled_from(["重置", "专题追踪"]), max_size=2)))
        fields["subject"] = SubjectHeader(
            draw(st.sampled_from(["Q-FIN", "CS", "MATH", "STAT"])),
            draw(st.sampled_from(["定量金融", "计算机科学", "数学", "统计学"])),
            draw(st.integers(0, 999)),
        )
    sections = []
    with_sections: bool = draw(st.booleans())
    if entries and with_sections:
        starts = sorted(set(draw(st.lists(st.integers(0, len(entries) - 1), max_size=3))))
        for number, start in enumerate(starts, 1):
            if start > 0 and draw(st.booleans()):
                sections.append(
                    Section(
                        draw(st.sampled_from(["定量金融", "统计学"])),
                        start,
                        code=draw(st.sampled_from(["Q-FIN", "STAT"])),
                        declared_count=draw(st.integers(0, 99)),
                    )
                )
            else:
                sections.append(
                    Section(
                        draw(st.sampled_from(["统计理论与方法", "机器学习", "应用"])),
                        start,
                        number=number,
                        declared_count=draw(st.integers(0, 99)),
                    )
                )
    return Digest(
        "arxivdaily",
        entries=tuple(entries),
        sections=tuple(sections),
        **fields,  # type: ignore[arg-type]
    )
