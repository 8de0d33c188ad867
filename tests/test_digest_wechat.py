"""The ``wechat`` digest dialect: real posts (Markdown and TOML notes), fixtures, properties."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from arxivlisting import ParseError
from arxivlisting.errors import DefectKind
from arxivlisting.formats.digest import (
    hugo_toml,
    parse_digest,
    render_digest,
    sniff_dialect,
    wechat,
)
from arxivlisting.ids import ArxivId
from arxivlisting.strategies.wechat import wechat_digests
from conftest import CORPUS, needs_shared
from mutation import LINE_EDITS, insert, line_prefixes, on_a_line, replace_text, variants

WECHAT = CORPUS / "digest" / "wechat_asxs_markdown"
MIDDLE = WECHAT / "dujh22_2025-12-18_middle_entries14-137.md"
NOTES = WECHAT / "dujh22_2025-06-18_toml_notes.md"
FIXTURES = Path(__file__).parent / "fixtures" / "digest" / "wechat"
FULL_POST = FIXTURES / "full_post.md"
TOML_FIXTURE = FIXTURES / "toml_notes.md"

# Entry counts, counted independently of the parser:
#   MIDDLE: lines starting with 【N】 (`grep -c '^【[0-9]*】'`): 15 + 32 in cs.CL, 137 in cs.AI.
#   NOTES:  `[[items]]` table headers (`grep -c '^\[\[items\]\]$'`).
COUNTS = {MIDDLE.name: 184, NOTES.name: 25}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _parse(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return parse_digest(_read(path), **kwargs)  # type: ignore[arg-type]


# -- the real files --------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", [MIDDLE, NOTES], ids=lambda p: p.name)
def test_real_files_sniff_count_and_round_trip(path: Path) -> None:
    text = _read(path)
    assert sniff_dialect(text) == "wechat"
    digest = parse_digest(text)
    assert digest.dialect == "wechat"
    assert len(digest.entries) == COUNTS[path.name]
    assert len(digest.entries) == len(re.findall(r"(?m)^(?:【[0-9]+】|\[\[items\]\]$)", text))
    assert render_digest(digest) == text
    assert render_digest(parse_digest(text.encode("utf-8"))) == text


@needs_shared
def test_middle_slice_fields_by_hand() -> None:
    d = _parse(MIDDLE)
    first = d.entries[0]
    assert first.number == 14
    assert first.id == ArxivId.parse("2512.15081")
    assert first.paper.title == "Quantifying Return on Security Controls in LLM Systems"
    assert first.title_zh == "量化LLM系统中安全控制的回报"
    assert [a.name for a in first.paper.authors] == [
        "Richard Helder Moulton",
        "Austin O'Brien",
        "John D. Hastings",
    ]
    assert first.paper.comments == "13 pages, 9 figures, 3 tables"
    assert first.abstract_zh is not None and first.abstract_zh.startswith("尽管大型语言模型")
    assert first.paper.abstract is not None
    assert first.paper.abstract.startswith("Although large language models (LLMs)")
    assert first.paper.links[0].href == "https://arxiv.org/abs/2512.15081"
    # 【17】 has no 备注 line; numbering restarts at 【1】 under the first group heading.
    assert d.entries[3].number == 17 and d.entries[3].paper.comments is None
    assert d.entries[15].number == 1
    assert d.entries[15].paper.title is not None
    assert d.entries[15].paper.title.startswith("You Never Know a Person")
    last = d.entries[-1]
    assert last.number == 137 and last.id == ArxivId.parse("2512.14797")


@needs_shared
def test_middle_slice_sections_and_declared_counts() -> None:
    d = _parse(MIDDLE)
    groups = [s for s in d.sections if s.declared_count is not None and s.code is None]
    assert [(s.title, s.declared_count) for s in groups[:3]] == [
        ("QA|VQA|问答|对话", 4),
        ("机器翻译", 2),
        ("语义分析", 1),
    ]
    assert len(groups) == 9
    heading = next(s for s in d.sections if s.title == "1.3.2 Artificial Intelligence")
    assert heading.first_entry == 47
    assert (
        heading.notes[0]
        == "**From**：[https://papers.cool/arxiv/cs.AI](https://papers.cool/arxiv/cs.AI)"
    )
    count = next(s for s in d.sections if s.code is not None)
    assert (count.code, count.title, count.declared_count, count.first_entry) == (
        "cs.AI",
        "人工智能",
        142,
        47,
    )
    # The slice stops before cs.AI 【138】: 137 of the declared 142 are there; the
    # groups' declared counts all match.
    mismatches = [x for x in d.defects if x.kind is DefectKind.COUNT_MISMATCH]
    assert len(mismatches) == 1 and "142" in mismatches[0].message
    # cs.AI 【60】 lacks its **标题** line.
    missing = [x for x in d.defects if x.kind is DefectKind.MISSING_FIELD]
    assert len(missing) == 1 and missing[0].line == 1156
    assert d.entries[106].number == 60 and d.entries[106].title_zh is None
    with pytest.raises(ParseError):
        parse_digest(_read(MIDDLE), strict=True)


@needs_shared
def test_toml_notes_fields_by_hand() -> None:
    d = _parse(NOTES)
    assert d.header == "2025-06-18 科研追新" and str(d.date) == "2025-06-18"
    assert d.layout.preamble_order[0] == "fence"
    e = d.entries[0]
    assert e.number == 2
    assert e.id == ArxivId.parse("2506.13464")
    # English title: the double space of the line wrap is normalized away.
    assert e.paper.title == (
        "Unveiling the Learning Mind of Language Models: A Cognitive Framework and Empirical Study"
    )
    assert e.title_zh == "揭开语言模型的学习心态：认知框架和实证研究"  # **标题** of the notes
    assert ("title", "揭开语言模型的学习心智：认知框架与实证研究") in e.extra_fields
    assert ("clipped", "2025-06-18 10:42:19 Wednesday") in e.extra_fields
    assert [a.name for a in e.paper.authors][:2] == ["Zhengyu Hu", "Jianxun Lian"]
    assert len(e.paper.authors) == 8
    assert e.abstract_zh is not None and e.abstract_zh.startswith("大型语言模型（LLM）")
    assert e.keywords == ("元", "评估", "研究方向", "新趋势")
    assert e.ai_summary is not None and e.ai_summary.startswith("研究从教师")
    assert d.entries[2].paper.comments == "22 pages, 2 figures"
    # A pasted WeChat article, not a paper: its text is kept, nothing invented.
    article = d.entries[4]
    assert article.id is None and article.paper.title is None
    notes = dict(article.extra_fields)["notes"]
    assert notes.startswith("首个全面梳理语音大模型发展脉络的权威综述")


@needs_shared
def test_toml_notes_placeholders() -> None:
    text = _read(NOTES)
    d = parse_digest(text)
    # Independent count: empty link strings and 未知 sources, one statement per line.
    expected = len(re.findall(r'(?m)^(?:paper|code|dataset|link) = ""$|^source = "未知"$', text))
    placeholders = [x for x in d.defects if x.kind is DefectKind.PLACEHOLDER]
    assert len(placeholders) == expected == 53
    assert all(x.line is not None and x.where for x in placeholders)
    unknown = d.entries[16]
    assert "source" not in dict(unknown.extra_fields)
    assert not any(link.title == "code" for link in d.entries[0].paper.links)


_TEXT_FIELDS = {
    "title": "en",
    "abstract": "en",
    "comments": "en",
    "title_zh": "zh",
    "abstract_zh": "zh",
    "ai_summary": "zh",
    "ai:content": "zh",
    "ai:purpose": "zh",
}


@needs_shared
@pytest.mark.parametrize("path", [MIDDLE, NOTES, FULL_POST, TOML_FIXTURE], ids=lambda p: p.name)
def test_language_tags(path: Path) -> None:
    for entry in _parse(path).entries:
        p = entry.paper
        tags = dict(entry.languages)
        values = {
            "title": p.title,
            "abstract": p.abstract,
            "comments": p.comments,
            "title_zh": entry.title_zh,
            "abstract_zh": entry.abstract_zh,
            "ai_summary": entry.ai_summary,
            **{f"ai:{k}": v for k, v in entry.ai_fields},
        }
        for name, value in values.items():
            if value is not None:
                assert tags.get(name) == _TEXT_FIELDS[name], (name, value[:80])


def test_hugo_toml_does_not_claim_wechat_notes() -> None:
    text = _read(TOML_FIXTURE)
    assert wechat.looks_like(text[:20000])
    assert not hugo_toml.looks_like(text[:20000])


# -- hand-written fixtures ---------------------------------------------------------------


def test_full_post_fixture() -> None:
    text = _read(FULL_POST)
    d = parse_digest(text)
    assert d.dialect == "wechat" and render_digest(d) == text
    assert d.header == "2026-03-04科研追新" and str(d.date) == "2026-03-04"
    assert d.trailer[0] == "---" and d.trailer[1].startswith("> 作者:")
    media = next(s for s in d.sections if s.title == "1.1 媒体")
    assert media.notes[0] == "**From**：量子位、机器之心"
    count = next(s for s in d.sections if s.code == "cs.CL")
    assert (count.title, count.declared_count) == ("方向", 3)
    numbers = [e.number for e in d.entries]
    assert numbers == [1, 2, 1, None]
    second = d.entries[1]
    assert str(second.id) == "2603.00002v2"  # the version the link gives is kept
    assert second.paper.comments is None  # empty **备注**：
    kinds = sorted(x.kind.value for x in d.defects)
    assert kinds == ["count_mismatch", "placeholder"]  # 其他(2篇) holds one entry
    resorted = d.entries[3]
    assert resorted.paper.title == "Sparse Attention for Long Documents"
    assert resorted.abstract_zh == "* 第一点：稀疏注意力降低成本。 * 第二点： * 子要点。"
    assert resorted.paper.abstract is None


def test_toml_fixture() -> None:
    text = _read(TOML_FIXTURE)
    d = parse_digest(text)
    assert d.dialect == "wechat" and render_digest(d) == text
    paper, article = d.entries
    assert paper.paper.title == "Sparse Attention for Long Documents"
    assert paper.title_zh == "面向长文档的稀疏注意力"
    assert [a.name for a in paper.paper.authors] == ["Ada Lovelace", "Alan Turing"]
    assert paper.paper.comments == "12 pages"
    assert dict(paper.ai_fields)["purpose"] == "- 降低成本 - 提升长度"
    extras = dict(article.extra_fields)
    assert extras["headline"] == "首个示例新闻标题 https://mp.weixin.qq.com/s/example"
    assert '"论文" 与反斜杠 \\ 。' in extras["notes"]  # TOML escapes decoded
    assert "**Authors**:" in extras["notes"]  # papers.cool fields are kept as text
    assert article.title_zh == "首个示例新闻" and "source" not in extras


def test_markdown_edge_cases() -> None:
    text = (
        "【3】 A Title\n**标题：**中文标题\n**链接**: https://arxiv.org/abs/2603.00009\n\n"
        "**作者**：A One， B Two\n**代码**：https://github.com/x/y\n"
        "**摘要**：English first.\n**摘要**：中文其次。\n**摘要**：多余的第三段摘要。\n"
    )
    d = parse_digest(text, dialect="wechat")
    assert render_digest(d) == text
    e = d.entries[0]
    assert (e.number, e.paper.title, e.title_zh) == (3, "A Title", "中文标题")
    assert [a.name for a in e.paper.authors] == ["A One", "B Two"]
    assert e.paper.abstract == "English first." and e.abstract_zh == "中文其次。"
    assert e.extra_fields == (("代码", "https://github.com/x/y"), ("摘要", "多余的第三段摘要。"))
    assert [x.kind for x in d.defects] == [DefectKind.DUPLICATE_FIELD]


def test_truncated_and_bad_link() -> None:
    d = parse_digest("【1】Title\n**链接**：https://arxiv.org/abs/99x\n", dialect="wechat")
    kinds = {x.kind for x in d.defects}
    assert DefectKind.TRUNCATED in kinds and DefectKind.BAD_ID in kinds
    assert d.entries[0].id is None
    with pytest.raises(ParseError):
        parse_digest(
            "【1】Title\n**链接**：https://arxiv.org/abs/99x\n", dialect="wechat", strict=True
        )


def test_crlf_and_bom_round_trip() -> None:
    text = _read(FULL_POST).replace("\n", "\r\n")
    d = parse_digest(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert d.layout.newline == "\r\n" and d.layout.bom and d.encoding == "utf-8"
    assert render_digest(d) == "\ufeff" + text


# -- properties ----------------------------------------------------------------------------


@settings(max_examples=60)
@given(wechat_digests())
def test_generated_digests_round_trip(d) -> None:  # type: ignore[no-untyped-def]
    text = render_digest(d)
    back = parse_digest(text, dialect="wechat")
    assert back == d
    assert render_digest(back) == text


_SWAPS = (("：", ":"), (":", "："), ("，", ","), (",", "，"), ("（", "("), (")", "）"), ("【", "["))


# used in turn: the line edits, one kind of punctuation in a line turned ASCII or
# full-width, a stray Markdown or TOML token in a line
_TOKENS = ['"', "\\", "**", "【3】", "+++", "[[items]]", "\t"]
MUTATIONS = (
    *LINE_EDITS,
    on_a_line(replace_text(_SWAPS, pick_one=True)),
    on_a_line(insert(_TOKENS)),
)


def _fuzz_sources() -> list[Path]:
    paths = [FULL_POST, TOML_FIXTURE]
    if CORPUS.is_dir():
        paths += [MIDDLE, NOTES]
    return paths


@pytest.mark.parametrize("path", _fuzz_sources(), ids=lambda p: p.name)
def test_mutated_files_never_crash(path: Path) -> None:
    text = _read(path)
    if len(text) > 100_000:  # keep it fast: a prefix still has every structure
        text = text[: text.index("\n【", 60_000)]
    posts = variants(text, random.Random(len(text)), MUTATIONS, 40, in_turn=True)
    for mutated in posts + line_prefixes(text, 12):  # and the post cut at line boundaries
        d = parse_digest(mutated, dialect="wechat")
        assert render_digest(d) == mutated
        try:
            parse_digest(mutated, dialect="wechat", strict=True)
        except ParseError:
            pass
