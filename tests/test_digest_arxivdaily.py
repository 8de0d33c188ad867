"""The arXivDaily dialect: the seed against its hand-checked values, every documented
variant (hand-written pages below), exact round trips, generated round trips, fuzzing."""

from __future__ import annotations

import contextlib
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arxivlisting import (
    AnnounceType,
    DefectKind,
    ParseError,
    parse_digest,
    render_digest,
    to_dict,
)
from arxivlisting.formats.digest.institutions import split_institutions
from arxivlisting.strategies.digest import arxivdaily_digests
from conftest import SEED
from mutation import (
    cut_in_line,
    delete_lines,
    duplicate_line,
    on_a_line,
    replace_text,
    swap_lines,
    variants,
)

SEED_TXT = SEED / "arxivdaily-2026-06-19.txt"
SEED_JSON = SEED / "arxivdaily-2026-06-19.expected.json"
needs_seed = pytest.mark.skipif(not SEED_TXT.is_file(), reason="../shared/seed not present")


def kinds(digest: object) -> list[str]:
    return [d.kind.value for d in digest.defects]  # type: ignore[attr-defined]


# -- the seed --------------------------------------------------------------------------


@needs_seed
def test_seed_every_field_equals_expected() -> None:
    text = SEED_TXT.read_text("utf-8")
    expected = json.loads(SEED_JSON.read_text("utf-8"))
    digest = parse_digest(text)
    assert digest.dialect == "arxivdaily"
    assert digest.header == expected["header"]
    assert digest.group == expected["group"]
    assert digest.topic == expected["topic"]
    assert digest.topic_description == expected["topic_description"]
    assert digest.declared_count == expected["declared_count"]
    assert list(digest.sources) == expected["sources"]
    assert len(digest.entries) == len(expected["entries"]) == 11
    for entry, want in zip(digest.entries, expected["entries"], strict=True):
        p = entry.paper
        assert str(p.id) == want["id"]
        assert entry.listing_date is not None
        assert entry.listing_date.isoformat() == want["date"]
        assert list(p.categories) == want["categories"]
        assert entry.announce_label == want["announce"]
        assert entry.announce is AnnounceType(want["announce_type"])
        assert entry.score == want["score"]
        assert p.title == want["title"]
        assert entry.title_zh == want["title_zh"]
        assert [a.name for a in p.authors] == want["authors"]
        assert entry.ai_summary == want["summary_zh"]
        assert p.comments == want["comments"]
        assert entry.abstract_zh == want["abstract_zh"]
        assert p.abstract == want["abstract"]
        assert entry.topic_hit is not None
        assert entry.topic_hit.topic == want["topic_hit"]["topic"]
        assert entry.topic_hit.reason == want["topic_hit"]["reason"]
        got = [[i.name, i.name_zh] for i in entry.institutions]
        assert got in (want["affiliations"], want.get("affiliations_alt"))


@needs_seed
def test_seed_round_trip_is_exact_and_to_dict_is_plain_json() -> None:
    text = SEED_TXT.read_text("utf-8")
    digest = parse_digest(text)
    assert render_digest(digest) == text
    assert digest.defects == ()
    line = json.dumps(to_dict(digest), ensure_ascii=False)
    assert "深度求索人工智能" in line


@needs_seed
def test_seed_duplicate_authors_and_organisations_are_kept() -> None:
    digest = parse_digest(SEED_TXT.read_text("utf-8"))
    names = [a.name for a in digest.entries[0].paper.authors]
    assert names[0] == "DeepSeek-AI"  # an organisation as an author
    assert names.count("Yao Li") == 2  # duplicate names are real


@needs_seed
def test_seed_language_tags_are_all_right() -> None:
    digest = parse_digest(SEED_TXT.read_text("utf-8"))
    want = {"title": "en", "title_zh": "zh", "ai_summary": "zh", "comments": "en"}
    want |= {"abstract_zh": "zh", "abstract": "en"}
    tagged = 0
    for entry in digest.entries:
        for field, lang in entry.languages:
            assert want[field] == lang, (field, entry.id)
            tagged += 1
    assert tagged == 64  # every title/abstract/summary/comment field of the seed


@needs_seed
def test_seed_as_bytes_crlf_bom_and_gb18030() -> None:
    text = SEED_TXT.read_text("utf-8")
    plain = parse_digest(text)
    crlf = text.replace("\n", "\r\n")
    d = parse_digest(crlf)
    assert d == plain.__class__(**{**_fields(plain), "layout": d.layout})
    assert d.layout.newline == "\r\n"
    assert render_digest(d) == crlf
    bom = parse_digest(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert bom.encoding == "utf-8" and bom.layout.bom
    assert render_digest(bom) == "\ufeff" + text
    gb = parse_digest(text.replace("Zürich", "Zurich").encode("gb18030"))
    assert gb.encoding == "gb18030"
    assert gb.entries[0].title_zh == plain.entries[0].title_zh


def _fields(obj: object) -> dict[str, object]:
    import attrs

    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}


# -- hand-written pages for the variants the seed does not show ----------------------

ALL_SUBJECTS = """arXivDaily arXiv每日学术速递 周一至周五更新

全部学科分类 3

1. 统计理论与方法 2 篇

2611.00001 2026-11-02 stat.TH math.ST

A Test of Tests

检验的检验

A. Tester

AI总结 一个测试。

详情
AI中文摘要

中文摘要。

英文摘要

An abstract.

2405.00002 2026-11-02 stat.ME 替换

An Old Identifier, Replaced

旧编号的替换

B. Tester, C. Tester

详情
Comments

Published in J. Tests 1 (2026)

AI中文摘要

中文摘要二。

英文摘要

Another abstract.

2. 机器学习 1 篇

2611.00003 2026-11-02 cs.LG stat.ML 交叉提交

Cross-listed Learning

交叉列出的学习

D. Learner

Comments 9 pages

详情
AI中文摘要

中文摘要三。

英文摘要

A third abstract.
"""

SUBJECT_FILTERED = """arXivDaily arXiv每日学术速递 周一至周五更新

重置

专题追踪

Q-FIN定量金融2

2611.00010 2026-11-03 q-fin.ST 新提交

Prices of Things

东西的价格

E. Trader

详情
AI中文摘要

价格。

英文摘要

Prices.

2611.00011 2026-11-03 q-fin.GN econ.GN 版本更新

Markets Again

再谈市场

F. Trader

详情
AI中文摘要

市场。

英文摘要

Markets."""

FULL_WIDTH = """arXivDaily arXiv每日学术速递 周一至周五更新

AI 大模型

语言大模型 / LLM

大语言模型与应用。

今日/当前日期收录 1 信号源：cs.CL，cs.AI
2611.00020 2026-11-04 cs.CL 新提交 88%

Full-width Punctuation: A Study

全角标点：一项研究

张三，李四，Wang Wu

发表机构 * Example University（示例大学） Sample Lab, Sample Corp（样例实验室）

专题命中 预训练 ：全角冒号，理由中的逗号保留原样

AI总结 全角标点（括号、冒号、逗号）在文本中原样保留。

详情
AI中文摘要

摘要，含全角逗号。

英文摘要

An abstract, with commas."""


def test_all_subjects_page_with_numbered_sections_and_comments_after_details() -> None:
    d = parse_digest(ALL_SUBJECTS)
    assert d.total == 3 and d.declared_count == 3
    assert [(s.number, s.title, s.declared_count, s.first_entry) for s in d.sections] == [
        (1, "统计理论与方法", 2, 0),
        (2, "机器学习", 1, 2),
    ]
    first, second, third = d.entries
    assert first.announce is None and first.score is None
    assert second.announce is AnnounceType.REPLACE and second.announce_label == "替换"
    assert str(second.id) == "2405.00002"  # an old id listed on a 2026 date
    assert second.listing_date is not None and second.listing_date.year == 2026
    assert second.paper.comments == "Published in J. Tests 1 (2026)"
    assert second.layout.comments_after_details
    assert [a.name for a in second.paper.authors] == ["B. Tester", "C. Tester"]
    assert third.announce is AnnounceType.CROSS and third.paper.comments == "9 pages"
    assert third.paper.categories == ("cs.LG", "stat.ML")
    assert d.defects == ()
    assert render_digest(d) == ALL_SUBJECTS


def test_subject_filtered_page() -> None:
    d = parse_digest(SUBJECT_FILTERED)
    assert d.residue == ("重置", "专题追踪")
    assert d.subject is not None
    assert (d.subject.code, d.subject.name_zh, d.subject.count) == ("Q-FIN", "定量金融", 2)
    assert d.declared_count == 2 == len(d.entries)
    assert d.entries[1].announce is AnnounceType.REPLACE
    assert d.entries[1].announce_label == "版本更新"
    assert render_digest(d) == SUBJECT_FILTERED


def test_full_width_punctuation_parses_to_the_same_structure() -> None:
    d = parse_digest(FULL_WIDTH)
    assert d.sources == ("cs.CL", "cs.AI") and d.count_line is not None
    assert d.count_line.fullwidth
    e = d.entries[0]
    assert [a.name for a in e.paper.authors] == ["张三", "李四", "Wang Wu"]
    assert [(i.name, i.name_zh) for i in e.institutions] == [
        ("Example University", "示例大学"),
        ("Sample Lab, Sample Corp", "样例实验室"),
    ]
    assert e.topic_hit is not None
    assert (e.topic_hit.topic, e.topic_hit.reason) == ("预训练", "全角冒号，理由中的逗号保留原样")
    assert e.ai_summary == "全角标点（括号、冒号、逗号）在文本中原样保留。"
    assert e.layout.fullwidth
    assert render_digest(d) == FULL_WIDTH
    # The same entry written with ASCII marks gives the same structure.
    ascii_text = (
        FULL_WIDTH.replace("张三，李四，Wang Wu", "张三, 李四, Wang Wu")
        .replace("（示例大学）", "(示例大学)")
        .replace("（样例实验室）", "(样例实验室)")
        .replace("预训练 ：", "预训练 :")
    )
    a = parse_digest(ascii_text).entries[0]
    assert a.paper == e.paper and a.institutions == e.institutions
    assert a.topic_hit == e.topic_hit and not a.layout.fullwidth


def test_optional_lines_may_each_be_missing() -> None:
    d = parse_digest(SUBJECT_FILTERED)
    e = d.entries[0]
    assert e.institutions == () and e.topic_hit is None and e.ai_summary is None
    assert e.paper.comments is None and e.score is None


def test_truncated_dump_keeps_what_the_last_entry_has() -> None:
    cut = ALL_SUBJECTS[: ALL_SUBJECTS.index("英文摘要\n\nA third")]
    d = parse_digest(cut)
    assert len(d.entries) == 3
    last = d.entries[-1]
    assert last.paper.title == "Cross-listed Learning" and last.abstract_zh == "中文摘要三。"
    assert last.paper.abstract is None
    assert "truncated" in kinds(d)
    assert render_digest(d) == cut
    with pytest.raises(ParseError) as info:
        parse_digest(cut, strict=True)
    assert info.value.kind is DefectKind.TRUNCATED


def test_count_mismatch_is_a_defect() -> None:
    text = SUBJECT_FILTERED.replace("Q-FIN定量金融2", "Q-FIN定量金融54")
    d = parse_digest(text)
    assert "count_mismatch" in kinds(d)
    assert render_digest(d) == text


def test_unknown_lines_are_kept_and_reported() -> None:
    text = SUBJECT_FILTERED.replace("E. Trader\n", "E. Trader\n\n某个未知的行\n\n另一行\n")
    d = parse_digest(text)
    assert "unknown_element" in kinds(d)
    assert d.entries[0].layout.extra  # kept, in order
    assert render_digest(d) == text


def test_irregular_spacing_round_trips_exactly() -> None:
    text = SUBJECT_FILTERED.replace("Prices of Things", "Prices  of Things ").replace(
        "\n\n重置", "\n\n\n重置"
    )
    d = parse_digest(text + "\n\n")
    assert d.entries[0].paper.title == "Prices of Things"  # records hold normalized text
    assert render_digest(d) == text + "\n\n"


def test_ambiguous_affiliation_is_reported_and_kept() -> None:
    insts, ambiguous, _ = split_institutions("NVIDIA NeMo Team(英伟达NeMo团队)")
    assert [i.name for i in insts] == ["NVIDIA NeMo Team"] and ambiguous == ["NVIDIA NeMo Team"]
    text = FULL_WIDTH.replace(
        "Example University（示例大学） ", "Example University（示例大学） EleutherAI "
    )
    d = parse_digest(text)
    assert [i.name for i in d.entries[0].institutions][:2] == ["Example University", "EleutherAI"]
    assert render_digest(d) == text
    glued = text.replace("Sample Lab, Sample Corp", "Acme Research Sample Corp")
    d2 = parse_digest(glued)
    assert [i.name for i in d2.entries[0].institutions][-1] == "Acme Research Sample Corp"
    d3 = parse_digest(glued, institutions=["Acme Research"])  # a user-extended lexicon
    assert [i.name for i in d3.entries[0].institutions][-2:] == ["Acme Research", "Sample Corp"]
    assert render_digest(d3) == glued


def test_not_a_digest_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_digest("just some text\nwith lines\n")
    with pytest.raises(ParseError):
        parse_digest(b"")


# -- properties ---------------------------------------------------------------------


@settings(max_examples=80)
@given(arxivdaily_digests())
def test_generated_digests_round_trip(d: object) -> None:
    text = render_digest(d)  # type: ignore[arg-type]
    again = parse_digest(text, dialect="arxivdaily")
    assert again == d
    assert render_digest(again) == text


# a line gone, a line twice in a row, two lines swapped, the page stopping halfway through
# a line, one line's ASCII and full-width punctuation trading places
MUTATIONS = (
    delete_lines(),
    duplicate_line(in_place=True),
    swap_lines(),
    cut_in_line(),
    on_a_line(replace_text({":": "：", "(": "（", ")": "）", ",": "，", "：": ":"})),
)


@pytest.mark.parametrize("name", ["seed", "all", "subject", "fullwidth"])
def test_mutated_pages_never_crash(name: str) -> None:
    if name == "seed":
        if not SEED_TXT.is_file():
            pytest.skip("../shared/seed not present")
        base = SEED_TXT.read_text("utf-8")
    else:
        base = {"all": ALL_SUBJECTS, "subject": SUBJECT_FILTERED, "fullwidth": FULL_WIDTH}[name]
    rng = random.Random(name)
    for mutated in variants(base, rng, MUTATIONS, 12):
        d = parse_digest(mutated, dialect="arxivdaily")  # lenient: never raises
        assert render_digest(d) == mutated  # and still writes back exactly
        with contextlib.suppress(ParseError):  # strict may refuse; nothing else may escape
            parse_digest(mutated, dialect="arxivdaily", strict=True)


@settings(max_examples=200)
@given(st.text(max_size=400))
def test_arbitrary_text_lenient_never_raises(text: str) -> None:
    d = parse_digest(text, dialect="arxivdaily")
    assert render_digest(d) == text


def test_truncation_at_every_line_of_a_page() -> None:
    lines = ALL_SUBJECTS.split("\n")
    for k in range(1, len(lines)):
        cut = "\n".join(lines[:k])
        d = parse_digest(cut, dialect="arxivdaily")
        assert render_digest(d) == cut
