"""The ``hugo_toml`` digest dialect: the real file, hand-written TOML cases, properties."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from arxivlisting import ParseError
from arxivlisting.errors import DefectKind
from arxivlisting.formats.digest import hugo_toml, parse_digest, render_digest, sniff_dialect
from arxivlisting.formats.digest._hugo_toml_syntax import format_string, scan_units
from arxivlisting.ids import ArxivId
from arxivlisting.records import Link
from arxivlisting.strategies.hugo_toml import hugo_toml_digests
from conftest import CORPUS, needs_shared
from mutation import LINE_EDITS, insert, line_prefixes, on_a_line, replace_text, variants

REAL = CORPUS / "digest" / "hugo_toml_items" / "dujh22_2026-08-20.md"
WECHAT_NOTES = CORPUS / "digest" / "wechat_asxs_markdown" / "dujh22_2025-06-18_toml_notes.md"

# Independent count: `[[items]]` table headers (`grep -c '^\[\[items\]\]$'`).
REAL_ITEMS = 53


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _by_id(digest, item_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in digest.entries if ("id", item_id) in e.extra_fields)


@needs_shared
def test_real_file_sniff_count_and_round_trip() -> None:
    text = _read(REAL)
    assert sniff_dialect(text) == "hugo_toml"
    d = parse_digest(text)
    assert len(d.entries) == REAL_ITEMS == len(re.findall(r"(?m)^\[\[items\]\]$", text))
    assert render_digest(d) == text
    assert (d.header, str(d.date)) == ("2026-08-20 科研追新", "2026-08-20")
    assert d.preamble_extra == ("draft = false", "toc = true")
    assert d.trailer == ("> 当日精选（由提交工具自动创建）。",)
    # The tool writes every value as tomli_w does: only normalized texts (bullet lists,
    # multi-line notes, trailing spaces) need their exact statement kept.
    assert not d.layout.verbatim and not d.layout.gaps
    assert all(not e.layout.order for e in d.entries)


@needs_shared
def test_real_file_fields_by_hand() -> None:
    d = parse_digest(_read(REAL))
    spade = _by_id(d, "spade")
    assert spade.id == ArxivId.parse("2608.19197")
    assert spade.paper.title == "SPADE: Self-Play in Adaptive Synthetic Executable Environments"
    assert spade.title_zh == "SPADE：自适应可执行环境中的自博弈"
    assert spade.paper.abstract is not None
    assert spade.paper.abstract.startswith("Continuous self-improvement requires")
    assert spade.keywords[:2] == ("自博弈", "强化学习")
    extras = spade.extra_fields
    assert ("research", "EvolveLLM") in extras and ("research", "HarnessEvolve") in extras
    assert ("source", "arXiv") in extras and ("来源", "arXiv") in extras
    assert spade.ai_summary is not None and spade.ai_summary.startswith("SPADE 让同一 LLM")
    assert [k for k, _ in spade.ai_fields] == ["content", "purpose"]
    # Two papers in one `paper` string; the version in the URL is kept.
    handbook = _by_id(d, "harness-handbook-rst")
    assert [link.href for link in handbook.paper.links if link.title == "paper"] == [
        "https://arxiv.org/abs/2607.13285v1",
        "https://arxiv.org/abs/2608.05466v3",
    ]
    assert str(handbook.id) == "2607.13285v1"
    first = d.entries[0]
    assert first.id is None and first.paper.title is None  # a news item, not a paper
    assert Link("https://mp.weixin.qq.com/s/QHS-Fp19XoulMkdyDwDgjg", title="link") in (
        first.paper.links
    )
    assert dict(first.extra_fields)["notes"].startswith("Evolve应用｜Claude开始自主设计")


@needs_shared
def test_real_file_placeholders() -> None:
    text = _read(REAL)
    d = parse_digest(text)
    expected = len(re.findall(r'(?m)^(?:paper|code|dataset|link) = ""$|^source = "未知"$', text))
    placeholders = [x for x in d.defects if x.kind is DefectKind.PLACEHOLDER]
    assert len(placeholders) == expected == 157
    assert {x.kind for x in d.defects} == {DefectKind.PLACEHOLDER}
    agent = _by_id(d, "agent")  # source = "未知", no links at all
    assert "source" not in dict(agent.extra_fields) and agent.paper.links == ()
    line = next(x.line for x in placeholders if x.where == "entry[5]" and "source" in x.message)
    assert text.split("\n")[line - 1] == 'source = "未知"'
    with pytest.raises(ParseError):
        parse_digest(text, strict=True)


@needs_shared
def test_language_tags() -> None:
    want = {"title": "en", "abstract": "en", "title_zh": "zh", "ai_summary": "zh"}
    want |= {"ai:content": "zh", "ai:purpose": "zh"}
    for e in parse_digest(_read(REAL)).entries:
        tags = dict(e.languages)
        values = {
            "title": e.paper.title,
            "abstract": e.paper.abstract,
            "title_zh": e.title_zh,
            "ai_summary": e.ai_summary,
            **{f"ai:{k}": v for k, v in e.ai_fields},
        }
        for name, value in values.items():
            if value is not None:
                assert tags[name] == want[name], (name, value[:60])


@needs_shared
def test_wechat_notes_file_is_left_to_wechat() -> None:
    text = _read(WECHAT_NOTES)
    assert not hugo_toml.looks_like(text[:20000])
    assert sniff_dialect(text) == "wechat"
    d = parse_digest(text, dialect="hugo_toml")  # forced: read all the same, exactly
    assert len(d.entries) == 25 and render_digest(d) == text
    assert d.entries[0].title_zh == "揭开语言模型的学习心态：认知框架和实证研究"


# -- TOML details ----------------------------------------------------------------------

_SMALL = (
    "+++\n"
    'title = "Day\'s 科研追新"\n'
    "date = 2026-01-02T00:00:00+08:00\n"
    "\n"
    "[[items]]\n"
    'id = "x-1"  # a comment\n'
    "title = '文字 \\ 字面'\n"
    'subtopic = "tab\there \\u00e9 \\"q\\" \\\\ end"\n'
    'topics = [ "一", "二" ]\n'
    'research = [\n    "A",  # why\n]\n'
    'notes = """\n标题：A Title\n摘要：An abstract."""\n'
    'weight = "高"\n'
    "+++\n"
)


def test_toml_forms_are_read_and_kept_exactly() -> None:
    d = parse_digest(_SMALL, dialect="hugo_toml")
    assert render_digest(d) == _SMALL
    assert d.header == "Day's 科研追新" and str(d.date) == "2026-01-02"
    e = d.entries[0]
    extras = dict(e.extra_fields)
    assert extras["subtopic"] == 'tab here é "q" \\ end'
    assert e.title_zh == "文字 \\ 字面"  # a literal string keeps its backslash
    assert e.keywords == ("一", "二")
    assert extras["research"] == "A" and extras["weight"] == "高"
    assert (e.paper.title, e.paper.abstract) == ("A Title", "An abstract.")
    assert not [x for x in d.defects if x.kind is not DefectKind.PLACEHOLDER]


def test_bad_toml_is_kept_with_defects() -> None:
    text = (
        "+++\n[[items]]\n"
        'id = "bad \\q escape"\n'
        "title = \n"
        'title = "第二个"\n'
        "just some words\n"
        "topics = [\n"
    )
    d = parse_digest(text, dialect="hugo_toml")
    assert render_digest(d) == text
    kinds = [x.kind for x in d.defects]
    assert DefectKind.SYNTAX in kinds and DefectKind.TRUNCATED in kinds
    assert DefectKind.DUPLICATE_FIELD not in kinds  # the first title had no value
    assert dict(d.entries[0].extra_fields)["id"] == "bad \\q escape"
    with pytest.raises(ParseError):
        parse_digest(text, dialect="hugo_toml", strict=True)


def test_no_front_matter_and_empty() -> None:
    d = parse_digest("just text\n", dialect="hugo_toml")
    assert d.trailer == ("just text",) and render_digest(d) == "just text\n"
    assert [x.kind for x in d.defects] == [DefectKind.SYNTAX]
    for text in ("", "+++", "+++\n+++\n", "\n\n+++\r\n"):
        assert render_digest(parse_digest(text, dialect="hugo_toml")) == text


def test_scanner_matches_tomli_w_escaping() -> None:
    assert format_string('a"b\\c\nd\te\x01') == '"a\\"b\\\\c\\nd\te\\u0001"'
    units = scan_units(['k = "a\\u4e2d\\U0001F600"', "m = [1, [2, 3]]"], 1)
    assert units[0][1].value == "a中😀"
    assert units[1][1].kind == "kv" and not units[1][1].issues


def test_crlf_and_bom() -> None:
    text = _SMALL.replace("\n", "\r\n")
    d = parse_digest(b"\xef\xbb\xbf" + text.encode("utf-8"), dialect="hugo_toml")
    assert d.layout.newline == "\r\n" and d.layout.bom
    assert render_digest(d) == "\ufeff" + text


# -- properties ----------------------------------------------------------------------------


@settings(max_examples=60)
@given(hugo_toml_digests())
def test_generated_digests_round_trip(d) -> None:  # type: ignore[no-untyped-def]
    text = render_digest(d)
    assert sniff_dialect(text) in ("hugo_toml", None)  # tiny digests may carry no item keys
    back = parse_digest(text, dialect="hugo_toml")
    assert back == d
    assert render_digest(back) == text


# used in turn: the line edits, one line's punctuation changed (full-width colon to ASCII,
# ASCII comma to full-width, a straight quote to a curly one), a stray TOML token in a line
_PUNCTUATION = replace_text([("：", ":"), (",", "，"), ('"', "“", 1)])
_TOKENS = ['"', "\\", "\\u12", "[", "]", "=", "'''", "+++"]
MUTATIONS = (*LINE_EDITS, on_a_line(_PUNCTUATION), on_a_line(insert(_TOKENS)))


def _fuzz_texts() -> list[str]:
    texts = [_SMALL]
    if CORPUS.is_dir():
        texts.append(_read(REAL))
    return texts


@pytest.mark.parametrize("text", _fuzz_texts(), ids=["small", "real"][: len(_fuzz_texts())])
def test_mutated_files_never_crash(text: str) -> None:
    mutated_files = variants(text, random.Random(len(text)), MUTATIONS, 60, in_turn=True)
    for mutated in mutated_files + line_prefixes(text, 15):  # and cut at line boundaries
        d = parse_digest(mutated, dialect="hugo_toml")
        assert render_digest(d) == mutated
        try:
            parse_digest(mutated, dialect="hugo_toml", strict=True)
        except ParseError:
            pass
