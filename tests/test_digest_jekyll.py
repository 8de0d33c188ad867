"""The jekyll dialect (arxiv-daily "arXiv 中文要点汇总"): index, paper pages and JSON data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from arxivlisting import parse_digest, render_digest
from arxivlisting.errors import DefectKind, ParseError
from arxivlisting.formats.digest import sniff_dialect
from arxivlisting.strategies.jekyll import jekyll_digests
from conftest import CORPUS, needs_shared
from test_digest_papers_cool import SWAPS, mutations

FIXTURES = Path(__file__).parent / "fixtures" / "digest" / "jekyll"
BASE = CORPUS / "digest" / "jekyll_zh_yaodian"
INDEX = BASE / "hdShang_cs-CL_2025-12-23_index.md"
PAGES = sorted((BASE / "hdShang_cs-CL_2025-12-23_papers").glob("*.md")) if BASE.is_dir() else []
DATA = BASE / "hdShang_data_2023-12-01_ai_summary.json"
UTC = dt.timezone.utc


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _real_files() -> list[Path]:
    return [INDEX, *PAGES, DATA] if BASE.is_dir() else []


# -- every real file ------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name[:40])
def test_real_files_sniff_and_round_trip(path: Path) -> None:
    text = _read(path)
    assert sniff_dialect(text) == "jekyll"
    d = parse_digest(text)
    assert render_digest(d) == text
    # Reproduced from the records and the line layout, not kept whole.
    assert all(index != -1 for index, _ in d.layout.verbatim)


@needs_shared
def test_real_page_count() -> None:
    assert len(PAGES) == 8


@needs_shared
@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name[:40])
def test_real_files_language_tags(path: Path) -> None:
    d = parse_digest(_read(path))
    misses = []
    for e in d.entries:
        want = {"title": "en", "abstract": "en", "ai_summary": "zh", "abstract_zh": "zh"}
        tags = dict(e.languages)
        for name, lang in want.items():
            value = (
                getattr(e.paper, name, None) if name in ("title", "abstract") else getattr(e, name)
            )
            if value is not None and tags.get(name) != lang:
                misses.append((str(e.id), name, tags.get(name)))
        for (name, _), (tag_name, lang) in zip(
            e.ai_fields, [t for t in e.languages if t[0].startswith("ai:")], strict=True
        ):
            if lang != "zh":
                misses.append((str(e.id), name, lang))
            assert f"ai:{name}" == tag_name
    assert misses == []


# -- the index page ---------------------------------------------------------------------


@needs_shared
def test_real_index() -> None:
    text = _read(INDEX)
    d = parse_digest(text)
    # Counted independently: table rows are the lines that are exactly "<tr>" (the header
    # row is "<tr><th>…"), 15 of them; the page says "共 **15** 篇论文".
    assert len(re.findall(r"(?m)^<tr>$", text)) == 15
    assert len(d.entries) == 15 and d.total == 15
    assert [e.number for e in d.entries] == list(range(1, 16))
    assert (d.header, d.topic, d.date) == (
        "arXiv 中文要点汇总 - cs.CL - 2025-12-23",
        "cs.CL",
        dt.date(2025, 12, 23),
    )
    assert [(s.title, s.first_entry, s.declared_count) for s in d.sections] == [
        ("支柱九：具身大模型 (Embodied Foundation Models)", 0, 8),
        ("支柱二：RL算法与架构 (RL & Architecture)", 8, 6),
        ("支柱一：机器人控制 (Robot Control)", 14, 1),
    ]
    assert d.defects == ()
    riddle = d.entries[2]
    assert str(riddle.id) == "2512.20324v1"
    assert riddle.paper.title == (
        "Can LLMs Solve My Grandma's Riddle? Evaluating Multilingual Large Language Models "
        "on Reasoning Traditional Bangla Tricky Riddles"
    )
    assert riddle.ai_summary == "BanglaRiddleEval：评估多语言大模型在孟加拉语谜语推理上的能力"
    assert riddle.keywords == ("large language model", "chain-of-thought")
    assert ("has_code", "✅") in riddle.extra_fields
    assert sum(("has_code", "✅") in e.extra_fields for e in d.entries) == 4  # "🔗 **4** 篇有代码"
    assert d.trailer == ("[⬅️ 返回 cs.CL 首页](../index.html) · [🏠 返回主页](../../index.html)",)


# -- the paper pages --------------------------------------------------------------------


def _page(prefix: str) -> Path:
    return next(p for p in PAGES if p.name.startswith(prefix))


@needs_shared
def test_real_pages_one_entry_each() -> None:
    for path in PAGES:
        d = parse_digest(_read(path))
        assert len(d.entries) == 1 and d.defects == ()
        # the file name starts with the id without its dot: 251219995v1-…
        assert str(d.entries[0].id).replace(".", "") == path.name.split("-")[0]


@needs_shared
def test_real_page_checked_by_hand() -> None:
    e = parse_digest(_read(_page("251219995v1"))).entries[0]
    p = e.paper
    assert p.title == "Schoenfeld's Anatomy of Mathematical Reasoning by Language Models"
    assert str(p.id) == "2512.19995v1"
    assert [a.name for a in p.authors] == [
        "Ming Li",
        "Chenrui Fan",
        "Yize Cheng",
        "Soheil Feizi",
        "Tianyi Zhou",
    ]
    assert p.categories == ("cs.CL", "cs.AI", "cs.LG")
    assert p.published == dt.datetime(2025, 12, 23, tzinfo=UTC)
    assert e.ai_summary == "提出ThinkARM框架，剖析语言模型数学推理过程中的认知结构与步骤"
    assert (
        e.topic_hit is not None
        and e.topic_hit.topic == "支柱九：具身大模型 (Embodied Foundation Models)"
    )
    assert e.keywords == ("语言模型", "数学推理", "认知结构", "推理步骤", "Episode Theory")
    assert [name for name, _ in e.ai_fields] == ["intro"] * 3 + ["method"] * 5 + [
        "highlight",
        "application",
    ]
    assert e.ai_field("method") is not None and e.ai_field("method").startswith("**问题定义**：")
    assert [v for k, v in e.extra_fields if k == "figure"][1] == (
        "https://arxiv.org/html/2512.19995v1/figures/word_cloud.png"
    )
    assert p.abstract is not None and p.abstract.startswith("Large language models increasingly")
    assert e.abstract_zh is not None and e.abstract_zh.startswith("大型语言模型越来越多地展示")
    assert [link.href for link in p.links] == [
        "https://arxiv.org/abs/2512.19995",
        "https://arxiv.org/pdf/2512.19995.pdf",
    ]


@needs_shared
def test_real_pages_optional_lines() -> None:
    two = parse_digest(_read(_page("251220144v1"))).entries[0]
    assert two.paper.comments == "16 pages"
    assert two.paper.links[-1].href == "https://github.com/yxzwang/EarlyKnowledgeAlignment"
    assert two.topic_hit is not None and two.topic_hit.topic.startswith("支柱二")
    assert two.extra_fields[0] == (
        "matched_interest",
        "支柱九：具身大模型 (Embodied Foundation Models)",
    )
    doi = parse_digest(_read(_page("251220145v1"))).entries[0]
    assert doi.paper.dois == ("10.1109/TASLPRO.2025.3608936",)
    assert doi.paper.comments == "IEEE/ACM Transactions on Audio, Speech and Language Processing"


# -- the JSON data ----------------------------------------------------------------------


@needs_shared
def test_real_json() -> None:
    text = _read(DATA)
    d = parse_digest(text)
    # Counted independently: occurrences of the "arxiv_id" key.
    assert text.count('"arxiv_id":') == 68
    assert len(d.entries) == 68
    first = d.entries[0]
    p = first.paper
    assert str(p.id) == "2312.00690v4" and p.title == "Open-vocabulary object 6D pose estimation"
    assert p.published == dt.datetime(2023, 12, 1, tzinfo=UTC)
    assert p.updated == dt.datetime(2024, 6, 25, tzinfo=UTC)
    assert p.categories == ("cs.CV",) and p.primary_category == "cs.CV"
    assert p.comments is not None and p.comments.startswith("Camera ready version (CVPR 2024")
    assert (p.links[1].href, p.links[1].title) == (
        "https://jcorsetti.github.io/oryon",
        "project_page",
    )
    assert first.ai_summary == "提出开放词汇对象6D姿态估计以解决传统方法的局限性"
    # method_zh's paragraphs are separated by a literal backslash-n pair: split there.
    methods = [v for k, v in first.ai_fields if k == "method"]
    assert len(methods) == 5 and methods[1].startswith("**核心思路**")
    assert all("\\n" not in m for m in methods)
    assert ("relevance_score", "18.0") in first.extra_fields
    assert ("_used_api", "openai") in first.extra_fields
    assert first.keywords[:2] == ("开放词汇", "对象姿态估计")


@needs_shared
def test_real_json_empty_strings_are_placeholders() -> None:
    text = _read(DATA)
    d = parse_digest(text)
    empties = sum(text.count(f'"{key}": ""') for key in ("comment", "doi", "journal_ref"))
    assert empties == 24 + 64 + 66
    placeholders = [x for x in d.defects if x.kind is DefectKind.PLACEHOLDER]
    assert len(placeholders) == len(d.defects) == empties
    assert all(x.line is not None and x.where.startswith("papers[") for x in placeholders)
    assert sum(e.paper.comments is None for e in d.entries) == 24
    with pytest.raises(ParseError):
        parse_digest(text, strict=True)


# -- fixtures written in the real formats ------------------------------------------------


@pytest.mark.parametrize("name", ["ai_summary.json", "paper_page.md", "index.md"])
def test_fixtures_round_trip(name: str) -> None:
    text = _read(FIXTURES / name)
    assert sniff_dialect(text) == "jekyll"
    d = parse_digest(text)
    assert render_digest(d) == text
    assert all(index != -1 for index, _ in d.layout.verbatim)


def test_python_repr_lists_and_number_strings() -> None:
    d = parse_digest(_read(FIXTURES / "ai_summary.json"))
    first, second = d.entries
    assert [a.name for a in first.paper.authors] == ["Ada Example", "Bo Sample"]
    assert first.paper.categories == ("cs.IR", "cs.CL")
    assert first.paper.links[1].href == "https://github.com/example/routing"
    assert first.keywords == ("稀疏路由", "长上下文")
    assert [v for k, v in first.ai_fields if k == "intro"][2] == "实验显示读取量减少一半。"
    assert ("relevance_score", "6.0") in first.extra_fields and (
        "_index",
        "0",
    ) in first.extra_fields
    assert first.paper.abstract == (
        "We route queries through a sparse index and show that long contexts need not be "
        "read in full."
    )
    # Placeholders: "" and 未知 are missing values, "[]" written as text an empty list,
    # and a repr that does not parse is a syntax defect, its text kept for the round trip.
    assert second.ai_summary is None and second.ai_fields == () and second.keywords == ()
    kinds = {(x.where, x.kind) for x in d.defects}
    assert ("papers[1].application_zh", DefectKind.PLACEHOLDER) in kinds
    assert ("papers[1].code_links", DefectKind.PLACEHOLDER) in kinds
    assert ("papers[1].tags_zh", DefectKind.SYNTAX) in kinds
    assert second.paper.dois == ("10.1234/bound.5",)


def test_page_fixture() -> None:
    d = parse_digest(_read(FIXTURES / "paper_page.md"))
    e = d.entries[0]
    assert e.paper.title == "O'Neill's Bound: A Short Note"
    assert e.paper.comments is None and e.ai_field("highlight") is None
    assert [x.kind for x in d.defects] == [DefectKind.PLACEHOLDER, DefectKind.PLACEHOLDER]
    assert [x.line for x in d.defects] == [53, 22]  # the 无 highlight, the empty 备注


def test_index_fixture() -> None:
    d = parse_digest(_read(FIXTURES / "index.md"))
    assert d.total == 3 and len(d.entries) == 2
    assert [x.kind for x in d.defects] == [DefectKind.PLACEHOLDER, DefectKind.COUNT_MISMATCH]
    assert d.entries[0].paper.title == "O'Neill's Bound: A Short Note"
    assert d.entries[1].ai_summary is None and d.entries[1].keywords == ()


def test_departures_from_the_template_are_kept_whole() -> None:
    text = _read(FIXTURES / "index.md").replace("</tbody>\n", "")
    d = parse_digest(text)
    assert render_digest(d) == text
    assert DefectKind.INCONSISTENT in [x.kind for x in d.defects]
    assert len(d.entries) == 2
    compact = '{"papers": [{"title": "T", "arxiv_id": "2602.01234"}]}'
    d = parse_digest(compact, dialect="jekyll")
    assert render_digest(d) == compact and str(d.entries[0].id) == "2602.01234"


def test_bad_json_is_a_defect() -> None:
    d = parse_digest('{"papers": [{"title": ', dialect="jekyll")
    assert d.entries == () and d.defects[0].kind is DefectKind.SYNTAX
    assert render_digest(d) == '{"papers": [{"title": '
    with pytest.raises(ParseError):
        parse_digest('{"papers": 3}', dialect="jekyll", strict=True)


# -- properties ---------------------------------------------------------------------------


@settings(max_examples=40)
@given(jekyll_digests())
def test_generated_digests_round_trip(d) -> None:  # type: ignore[no-untyped-def]
    assert parse_digest(render_digest(d), dialect="jekyll") == d


_SWAPS = [*SWAPS, ('"', "'"), ("<", "")]


def _check_robust(text: str) -> None:
    d = parse_digest(text, dialect="jekyll")  # lenient: never raises
    assert render_digest(d) == text
    try:
        parse_digest(text, dialect="jekyll", strict=True)
    except ParseError:
        pass


@pytest.mark.parametrize("name", ["ai_summary.json", "paper_page.md", "index.md"])
def test_fuzz_fixtures(name: str) -> None:
    text = _read(FIXTURES / name)
    for mutated in mutations(text, seed=len(name), count=120, swaps=_SWAPS):
        _check_robust(mutated)
    lines = text.split("\n")
    for n in range(len(lines)):
        _check_robust("\n".join(lines[:n]))


@needs_shared
def test_fuzz_real_files() -> None:
    for k, path in enumerate([INDEX, PAGES[0]]):
        text = _read(path)
        for mutated in mutations(text, seed=k, count=80, swaps=_SWAPS):
            _check_robust(mutated)
    lines = _read(DATA).split("\n")
    head = "\n".join(lines[:400])  # a cut JSON file: a syntax defect, kept whole
    _check_robust(head)
    for n in range(0, len(lines), 311):
        _check_robust("\n".join(lines[:n]))
