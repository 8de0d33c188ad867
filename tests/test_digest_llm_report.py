"""The llm_report dialect ("学术日报"): parse only (see the module for why no renderer)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from arxivlisting import parse_digest, render_digest
from arxivlisting.errors import DefectKind, ParseError
from arxivlisting.formats.digest import sniff_dialect
from conftest import CORPUS, needs_shared
from test_digest_papers_cool import SWAPS, mutations

FIXTURE = Path(__file__).parent / "fixtures" / "digest" / "llm_report" / "report.md"
REAL = CORPUS / "digest" / "llm_daily_report_cn" / "dujh22_arxiv_daily_report_2025-01-27.md"


@pytest.fixture(scope="module")
def real_text() -> str:
    return REAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real(real_text: str):  # type: ignore[no-untyped-def]
    return parse_digest(real_text)


@needs_shared
def test_real_report_counts(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    assert sniff_dialect(real_text) == "llm_report"
    # Counted independently: every list item ends with "[跳转](…)" and every card with
    # "[阅读全文](…)"; each is one entry.
    items, cards = real_text.count("[跳转]("), real_text.count("[阅读全文](")
    assert (items, cards) == (571, 148)
    assert len(real.entries) == items + cards == 719
    # "- 新增论文: 143 篇": the page's distinct papers.
    assert real.total == 143
    assert len({e.id.unversioned for e in real.entries if e.id is not None}) == 143
    assert (real.header, real.date) == ("学术日报 2025-01-27", dt.date(2025, 1, 27))


@needs_shared
def test_real_report_topics_match_the_histogram(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    histogram = {name: int(n) for name, n in re.findall(r"(?m)^  -- (.+?) \((\d+)篇\)$", real_text)}
    assert len(histogram) == 12
    bounds = [s.first_entry for s in real.sections] + [len(real.entries)]
    found = {s.title: end - s.first_entry for s, end in zip(real.sections, bounds[1:], strict=True)}
    assert {t: found[t] for t in histogram} == histogram
    assert [s.title for s in real.sections[:2]] == ["数据", "其他"]
    assert real.sections[0].notes[0].startswith("**代表性论文**")
    assert not [x for x in real.defects if x.kind is DefectKind.COUNT_MISMATCH]


@needs_shared
def test_real_report_entries_checked_by_hand(real) -> None:  # type: ignore[no-untyped-def]
    first = real.entries[0]
    assert str(first.id) == "2501.16581v1"
    assert first.title_zh == "《通过适应方言和方言适应模型来建模语言连续体：DialUp!》"
    assert first.authors_zh == "尼雅蒂·巴夫纳"
    assert first.paper.links[0].href == "http://arxiv.org/abs/2501.16581v1"
    chatter = real.entries[1]  # the author text spans lines with the LLM's remarks
    assert str(chatter.id) == "2501.16571v1"
    assert chatter.authors_zh is not None and chatter.authors_zh.endswith("所以是： 艾比·阿利亚扎")
    ambiguous = [x for x in real.defects if x.kind is DefectKind.AMBIGUOUS]
    assert ambiguous[0].line == 42 and ambiguous[0].where == "entry[2]"
    by_title = {e.title_zh: e for e in real.entries if e.extra_fields}
    glued = by_title["盖亚-ESO巡天：卡里纳星云中的巨型恒星。第二部分：O型恒星群体的光谱分析"]
    assert str(glued.id) == "2501.16508v1"  # "无代码**作者**: …" on one line
    assert glued.extra_fields == (("badge", "新论文"), ("stars", "0.0"), ("code", "无代码"))
    assert glued.listing_date == dt.date(2025, 1, 27)
    assert glued.abstract_zh is not None and glued.abstract_zh.startswith("卡里纳星云中大量恒星")
    paren = next(e for e in real.entries if str(e.id) == "2501.16454v1")
    assert (paren.title_zh, paren.authors_zh) == ("MoEVD：通过专家混合（MoE）增强漏洞检测", "徐杨")


@needs_shared
def test_real_report_placeholders_and_defects(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    empty = len(re.findall(r"(?m)^\*\*摘要\*\*: \.\.\.$", real_text))
    assert empty == 81
    placeholders = [x for x in real.defects if x.kind is DefectKind.PLACEHOLDER]
    assert len(placeholders) == empty
    cards = [e for e in real.entries if e.extra_fields]
    assert sum(e.abstract_zh is None for e in cards) == empty
    kinds = {x.kind for x in real.defects}
    assert kinds == {DefectKind.PLACEHOLDER, DefectKind.AMBIGUOUS}
    with pytest.raises(ParseError):
        parse_digest(real_text, strict=True)


@needs_shared
def test_real_report_language_tags(real) -> None:  # type: ignore[no-untyped-def]
    misses = {
        (str(e.id), name, lang) for e in real.entries for name, lang in e.languages if lang != "zh"
    }
    # One card's truncated abstract is just "GitHub..." (no Chinese at all): English is right.
    assert misses == {("2501.16495v1", "abstract_zh", "en")}
    assert all(dict(e.languages).get("title_zh") == "zh" for e in real.entries)


def test_fixture() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert sniff_dialect(text) == "llm_report"
    d = parse_digest(text)
    assert len(d.entries) == 5 and d.total == 3
    assert [(s.title, s.first_entry, s.declared_count) for s in d.sections] == [
        ("检索", 0, 2),
        ("其他", 2, 1),
        ("🆕 新增论文", 3, None),
    ]
    second = d.entries[1]
    assert second.title_zh == "检索增强（RAG）中的(2+1)维索引"
    assert second.authors_zh == "Bo Sample 这个短语看起来像是一个人名，翻译成中文就是： 薄·森普尔"
    assert [(x.kind, x.line) for x in d.defects] == [
        (DefectKind.AMBIGUOUS, 30),
        (DefectKind.UNKNOWN_ELEMENT, 43),
        (DefectKind.PLACEHOLDER, 54),
    ]
    assert d.entries[2].extra_fields == (("unparsed", "- 没有链接的条目 (某人)"),)
    glued = d.entries[4]
    assert glued.authors_zh == "赛·珀森" and glued.abstract_zh is None
    assert ("code", "无代码") in glued.extra_fields


def test_no_renderer() -> None:
    d = parse_digest(FIXTURE.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="no renderer"):
        render_digest(d)


def test_broken_links_are_defects() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("abs/2603.00001v1)", "abs/not-an-id)")
    d = parse_digest(text)
    assert [x.kind for x in d.defects].count(DefectKind.BAD_ID) == 2
    assert d.entries[0].id is None and d.entries[0].title_zh == "稀疏路由用于长上下文检索"


_SWAPS = [*SWAPS, ("[", ""), ("**", "")]


def _check_robust(text: str) -> None:
    parse_digest(text, dialect="llm_report")  # lenient: never raises
    try:
        parse_digest(text, dialect="llm_report", strict=True)
    except ParseError:
        pass


def test_fuzz_fixture() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    for mutated in mutations(text, seed=3, count=200, swaps=_SWAPS):
        _check_robust(mutated)
    lines = text.split("\n")
    for n in range(len(lines)):
        _check_robust("\n".join(lines[:n]))


@needs_shared
def test_fuzz_real_report(real_text: str) -> None:
    for mutated in mutations(real_text, seed=11, count=30, swaps=_SWAPS):
        _check_robust(mutated)
    lines = real_text.split("\n")
    for n in range(0, len(lines), 179):
        _check_robust("\n".join(lines[:n]))
