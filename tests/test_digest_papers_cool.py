"""The papers.cool digest dialect: the real page in ../shared, small fixtures, properties."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from arxivlisting import parse_digest, render_digest
from arxivlisting.errors import DefectKind, ParseError
from arxivlisting.formats.digest import sniff_dialect
from arxivlisting.strategies.papers_cool import papers_cool_digests
from conftest import CORPUS, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "digest" / "papers_cool"
REAL = CORPUS / "digest" / "papers_cool_markdown" / "dujh22_2025-12-15.md"
UTC = dt.timezone.utc


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_text() -> str:
    return REAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real(real_text: str):  # type: ignore[no-untyped-def]
    return parse_digest(real_text)


# -- the real page ------------------------------------------------------------------


@needs_shared
def test_real_page_is_sniffed_and_round_trips(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    assert sniff_dialect(real_text) == "papers_cool"
    assert real.dialect == "papers_cool"
    assert render_digest(real) == real_text


@needs_shared
def test_real_page_entry_counts(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    # Counted independently: lines starting "### [" (grep -c '^### \[' gives 130), and
    # the same count on each side of the "## 1.3.2" heading (40 and 90, the totals the
    # page declares on its "Total:" lines).
    assert len(re.findall(r"(?m)^### \[", real_text)) == 130
    assert len(real.entries) == 130
    cut = real_text.index("## 1.3.2 Artificial Intelligence")
    assert len(re.findall(r"(?m)^### \[", real_text[:cut])) == 40
    cl, ai = real.sections
    assert (cl.title, cl.first_entry, cl.code, cl.declared_count) == (
        "1.3.1 Computation and Language",
        0,
        "cs.CL",
        40,
    )
    assert (ai.title, ai.first_entry, ai.code, ai.declared_count) == (
        "1.3.2 Artificial Intelligence",
        40,
        "cs.AI",
        90,
    )
    assert real.date == dt.date(2025, 12, 15)
    assert real.total is None  # the page states per-section totals only
    assert [e.number for e in real.entries] == list(range(1, 41)) + list(range(1, 91))
    # The Hugo front matter, media and Huggingface lists stay in the preamble as written.
    assert real.preamble_extra[0] == "+++"
    assert real.trailer == ()


@needs_shared
def test_real_page_has_no_defects(real) -> None:  # type: ignore[no-untyped-def]
    # Every entry has all its fields; missing echoes (untranslated lines) are not defects.
    assert real.defects == ()


@needs_shared
def test_real_page_first_entry(real) -> None:  # type: ignore[no-untyped-def]
    e = real.entries[0]
    p = e.paper
    assert str(p.id) == "2512.11755"
    assert p.title == (
        "SUMFORU: An LLM-Based Review Summarization Framework for Personalized "
        "Purchase Decision Support"
    )
    assert e.title_zh == "SUMFORU：一个基于 LLM 的评论摘要框架，用于个性化购买决策支持"
    assert [a.name for a in p.authors] == ["Yuming Feng", "Xinrui Jiang"]
    assert e.authors_zh == "冯雨明，姜欣睿"
    assert p.abstract is not None and p.abstract.startswith("Online product reviews contain")
    assert e.abstract_zh is not None and e.abstract_zh.startswith("在线产品评论包含")
    assert p.categories == ("cs.CL",) and p.primary_category == "cs.CL"
    assert p.published == dt.datetime(2025, 12, 12, 18, 5, 52, tzinfo=UTC)
    assert e.extra_fields == (
        ("subjects_zh", "Computation and Language"),
        ("published_zh", "2025-12-12 18:05:52 UTC"),
    )
    assert [link.href for link in p.links] == [
        "https://arxiv.org/abs/2512.11755",
        "https://papers.cool/arxiv/2512.11755",
    ]


@needs_shared
def test_real_page_entries_checked_by_hand(real) -> None:  # type: ignore[no-untyped-def]
    by_id = {str(e.id): e for e in real.entries}
    second = by_id["2512.11718"]  # heading ends with the page's buttons
    assert second.extra_fields[0] == ("buttons", "[PDF ] [Copy] [Kimi 1 ] [REL]")
    assert second.title_zh == "Speculative Decoding Speed-of-Light：通过分支随机游走得到的最优下界"
    assert second.authors_zh == "Sergey Pankratov、Dan Alistarh"
    entity = by_id["2512.11567"]  # "&#39;" in the title
    assert entity.paper.title is not None and "MPs' Tweets" in entity.paper.title
    quoted = by_id["2512.10985"]  # "&#34;"
    assert quoted.paper.title is not None and '"Self in the World"' in quoted.paper.title
    single = by_id["2512.10996"]  # **Author**: with the echo on the same line
    assert [a.name for a in single.paper.authors] == ["Seonok Kim"]
    assert single.authors_zh == "Seonok Kim"
    cross = by_id["2512.05103"]  # cs.CL section, primary cs.LG listed first
    assert cross.paper.categories == ("cs.LG", "cs.AI", "cs.CV")
    assert cross.paper.primary_category == "cs.LG"
    assert ("subjects_zh", "机器学习、人工智能、计算机视觉与模式识别") in cross.extra_fields
    glued = by_id["2512.11295"]  # echo "50AI 自主…": the number glued to the title
    assert glued.number == 50
    assert glued.title_zh is not None and glued.title_zh.startswith("AI 自主还是依赖人类")
    utc_zh = by_id["2512.11509"]  # echo spelling "协调世界时 (UTC)"
    assert ("published_zh", "2025-12-12 12:14:29 协调世界时 (UTC)") in utc_zh.extra_fields
    untranslated = by_id["2512.11280"]  # an authors line without its echo
    assert untranslated.authors_zh is None
    assert [a.name for a in untranslated.paper.authors][:2] == ["Kuan-Wei Lu", "Ding-Yong Hong"]
    no_publish_echo = by_id["2512.11269"]
    assert no_publish_echo.paper.published == dt.datetime(2025, 12, 12, 4, 15, 38, tzinfo=UTC)
    assert all(k != "published_zh" for k, _ in no_publish_echo.extra_fields)


@needs_shared
def test_real_page_publish_echo_spellings_survive(real_text: str, real) -> None:  # type: ignore[no-untyped-def]
    # The six spellings of the Publish echo are kept exactly (through the round trip) and
    # each echo value lands in extra_fields.
    for label in ("发布：", "发表：", "发布时间：", "发布日期：", "发表于：", "发表时间："):
        assert re.search(rf"(?m)^{label}", real_text)
    echoes = [v for e in real.entries for k, v in e.extra_fields if k == "published_zh"]
    assert len(echoes) == len(re.findall(r"(?m)^发[布表]", real_text)) == 129


@needs_shared
def test_real_page_language_tags(real) -> None:  # type: ignore[no-untyped-def]
    misses = []
    for e in real.entries:
        want = {"title": "en", "abstract": "en", "title_zh": "zh", "abstract_zh": "zh"}
        tags = dict(e.languages)
        for name, lang in want.items():
            if (
                getattr(e.paper, name, getattr(e, name, None)) is not None
                and tags.get(name) != lang
            ):
                misses.append((str(e.id), name, tags.get(name)))
    assert misses == []


# -- fixtures written in the real format --------------------------------------------


@pytest.mark.parametrize("name", ["plain.md", "translated.md", "placeholders.md"])
def test_fixtures_round_trip(name: str) -> None:
    text = _fixture(name)
    assert sniff_dialect(text) == "papers_cool"
    assert render_digest(parse_digest(text)) == text


def test_plain_variant() -> None:
    d = parse_digest(_fixture("plain.md"))
    assert (d.date, d.total, d.sections, d.defects) == (dt.date(2026, 3, 2), 3, (), ())
    first, second, third = d.entries
    assert first.title_zh is None and first.authors_zh is None and first.abstract_zh is None
    assert first.extra_fields == (("buttons", "[PDF 2] [Copy] [Kimi 3] [REL]"),)
    assert first.paper.categories == ("cs.IR", "cs.CL")
    assert second.paper.title == "A Note on O'Neill's Bound"
    assert [a.name for a in second.paper.authors] == ["Cy Person"]
    assert third.paper.published == dt.datetime(2026, 2, 26, 23, 59, 59, tzinfo=UTC)


def test_translated_variant() -> None:
    d = parse_digest(_fixture("translated.md"))
    assert d.sections[0].declared_count == 2 and d.defects == ()
    e = d.entries[0]
    assert e.paper.title is None and e.title_zh == "用于长上下文检索的稀疏路由"
    # Chinese link texts; the author-search links keep the names.
    assert [a.name for a in e.paper.authors] == ["Ada Example", "Bo Sample"]
    assert e.authors_zh == "艾达、薄森"
    assert e.paper.abstract is None and e.abstract_zh is not None
    assert e.paper.categories == ("cs.IR", "cs.CL")
    assert e.paper.published == dt.datetime(2026, 2, 27, 9, 15, tzinfo=UTC)
    assert dict(e.languages) == {"title_zh": "zh", "abstract_zh": "zh"}


def test_placeholders_are_none_with_defects() -> None:
    d = parse_digest(_fixture("placeholders.md"))
    first, second = d.entries
    assert first.paper.authors == () and first.authors_zh is None
    assert first.paper.categories == () and first.paper.published is None
    assert first.extra_fields == ()
    placeholders = [x for x in d.defects if x.kind is DefectKind.PLACEHOLDER]
    assert [x.line for x in placeholders] == [11, 17, 20, 10, 16, 19]
    assert all(x.where == "entry[1]" for x in placeholders)
    bad = [x for x in d.defects if x.kind is DefectKind.BAD_DATE]
    assert len(bad) == 1 and bad[0].snippet == "2026-02-27 yesterday"
    assert second.paper.published is None
    assert ("publish", "2026-02-27 yesterday") in second.extra_fields
    assert second.authors_zh == "Cy Person" and ("subjects_zh", "机器学习") in second.extra_fields
    with pytest.raises(ParseError):
        parse_digest(_fixture("placeholders.md"), strict=True)


def test_newlines_and_bom() -> None:
    text = _fixture("plain.md")
    crlf = text.replace("\n", "\r\n")
    d = parse_digest(crlf)
    assert d.layout.newline == "\r\n" and render_digest(d) == crlf
    assert d.entries == parse_digest(text).entries
    with_bom = "\ufeff" + text
    d = parse_digest(with_bom.encode("utf-8"))
    assert d.layout.bom and render_digest(d) == with_bom


def test_count_mismatch_is_reported() -> None:
    text = _fixture("plain.md").replace("Total: 3", "Total: 4")
    d = parse_digest(text)
    assert [x.kind for x in d.defects] == [DefectKind.COUNT_MISMATCH]
    assert render_digest(d) == text


def test_text_after_the_last_entry_is_the_trailer() -> None:
    text = _fixture("plain.md") + "\n## 2. Notes\n\nSomething else.\n"
    d = parse_digest(text)
    assert d.trailer == ("## 2. Notes", "Something else.")
    assert len(d.entries) == 3 and render_digest(d) == text


def test_sniffed_by_the_section_head_when_entries_start_late() -> None:
    # Only the first 20 kB are sniffed: a section's source and total lines are enough.
    text = _fixture("placeholders.md")
    assert sniff_dialect(text[: text.index("### [1]")]) == "papers_cool"


def test_not_claimed_without_an_entry_heading() -> None:
    text = "**From**：[https://papers.cool/arxiv/cs.AI](https://papers.cool/arxiv/cs.AI)\n"
    assert sniff_dialect(text) is None
    d = parse_digest(text, dialect="papers_cool")
    assert d.entries == () and [x.kind for x in d.defects] == [DefectKind.SYNTAX]


# -- properties ---------------------------------------------------------------------


@settings(max_examples=40)
@given(papers_cool_digests())
def test_generated_digests_round_trip(d) -> None:  # type: ignore[no-untyped-def]
    assert parse_digest(render_digest(d), dialect="papers_cool") == d


#: Full-width/ASCII punctuation swaps the fuzz tests apply (also used by other dialects).
SWAPS = [(":", "："), ("：", ":"), (",", "，"), ("，", ","), ("(", "（"), ("）", ")"), ("、", ",")]


def mutations(text: str, seed: int, count: int, swaps: list[tuple[str, str]] = SWAPS) -> list[str]:
    """Random mutations of ``text``: deleted, duplicated or swapped lines, punctuation swaps."""
    rng = random.Random(seed)
    lines = text.split("\n")
    out = []
    for _ in range(count):
        ls = list(lines)
        op = rng.choice(["delete", "duplicate", "swap", "punct"])
        i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
        if op == "delete":
            del ls[i : i + rng.randint(1, 3)]
        elif op == "duplicate":
            ls.insert(j, ls[i])
        elif op == "swap":
            ls[i], ls[j] = ls[j], ls[i]
        else:
            a, b = rng.choice(swaps)
            ls[i] = ls[i].replace(a, b)
        out.append("\n".join(ls))
    return out


def _check_robust(text: str) -> None:
    d = parse_digest(text, dialect="papers_cool")  # lenient: never raises
    assert render_digest(d) == text  # and whatever it read, it writes back exactly
    try:
        parse_digest(text, dialect="papers_cool", strict=True)
    except ParseError:
        pass


@pytest.mark.parametrize("name", ["plain.md", "translated.md", "placeholders.md"])
def test_fuzz_fixtures(name: str) -> None:
    text = _fixture(name)
    for mutated in mutations(text, seed=len(name), count=150):
        _check_robust(mutated)
    lines = text.split("\n")
    for n in range(len(lines)):
        _check_robust("\n".join(lines[:n]))


@needs_shared
def test_fuzz_real_page(real_text: str) -> None:
    head = "\n".join(real_text.split("\n")[:420])  # preamble, section, 23 entries: fast
    for mutated in mutations(head, seed=7, count=60):
        _check_robust(mutated)
    lines = real_text.split("\n")
    for n in range(0, len(lines), 193):
        _check_robust("\n".join(lines[:n]))
