"""The procjx dialect ("【arxiv论文】" Hexo posts): the four real pages, an older post, fuzz."""

from __future__ import annotations

import datetime as _dt
import functools
import random
import re

import pytest

from arxivlisting import parse_digest, render_digest
from arxivlisting.errors import DefectKind, ParseError
from arxivlisting.formats.digest import Digest, procjx
from conftest import CORPUS, needs_shared

PROCJX = CORPUS / "digest" / "procjx_hexo_html"

# Papers per page, counted without the parser: the abstract blocks <div id="paperN">
# (grep -o 'id="paper[0-9]*"' FILE | wc -l); the table of contents has as many
# <div id="titleN"> items. test_entry_counts recounts both.
COUNTS = {
    "procjx_CL_2020-09-16.html": 27,
    "procjx_CL_2021-01-06.html": 12,
    "procjx_CV_2020-09-16.html": 47,
    "procjx_CV_2021-01-06.html": 41,
}
FILES = sorted(COUNTS)


@functools.cache
def _text(name: str) -> str:
    return (PROCJX / name).read_text(encoding="utf-8")


@functools.cache
def _parsed(name: str) -> Digest:
    return parse_digest(_text(name))


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_entry_counts(name: str) -> None:
    text = _text(name)
    assert len(re.findall(r'id="paper\d+"', text)) == COUNTS[name]
    assert len(re.findall(r'id="title\d+"', text)) == COUNTS[name]
    d = _parsed(name)
    assert len(d.entries) == COUNTS[name]
    assert d.total == COUNTS[name]
    assert [e.number for e in d.entries] == list(range(1, COUNTS[name] + 1))


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_page_facts(name: str) -> None:
    d = _parsed(name)
    assert d.dialect == "procjx"
    subject = (
        "Computation and Language" if "_CL_" in name else "Computer Vision and Pattern Recognition"
    )
    day = name.rsplit("_", 1)[1].removesuffix(".html")
    assert d.topic == subject
    assert d.date == _dt.date.fromisoformat(day)
    assert d.header == f"【arxiv论文】 {subject} {day}"
    assert procjx.looks_like(_text(name)[:20000])


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_every_paper_is_complete(name: str) -> None:
    for e in _parsed(name).entries:
        p = e.paper
        assert p.id is not None
        assert p.title
        assert "  " not in p.title  # the pages wrap titles with double spaces
        assert p.authors
        assert all(a.name for a in p.authors)
        assert p.abstract
        assert not p.abstract.startswith("Abstract")  # " Abstract: " label removed
        assert e.abstract_zh
        assert not e.abstract_zh.startswith("摘要")
        assert e.title_zh is None  # these posts give no Chinese titles
        assert p.pdf_url == f"https://arxiv.org/pdf/{p.id}"


@needs_shared
def test_cl_2020_09_16_by_hand() -> None:
    e = _parsed("procjx_CL_2020-09-16.html").entries[1]
    p = e.paper
    assert (e.number, str(p.id)) == (2, "2009.07243")
    assert p.title == (
        "A Systematic Characterization of Sampling Algorithms for Open-ended Language Generation"
    )
    assert [a.name for a in p.authors] == [
        "Moin Nadeem",
        "Tianxing He",
        "Kyunghyun Cho",
        "James Glass",
    ]
    assert p.abstract is not None
    assert p.abstract.startswith("This work studies the widely adopted ancestral sampling")
    assert p.abstract.endswith("Our data and code are available at this https URL")
    assert e.abstract_zh is not None
    assert e.abstract_zh.startswith("本研究工作为自回归模型的语言")


@needs_shared
def test_cv_2021_01_06_mistranslated_label() -> None:
    d = _parsed("procjx_CV_2021-01-06.html")
    e = d.entries[36]
    p = e.paper
    assert (e.number, str(p.id)) == (37, "2101.01533")
    assert p.title == "On the Control of Attentional Processes in Vision"
    assert [a.name for a in p.authors] == [
        "John K. Tsotsos",
        "Omar Abid",
        "Iuliia Kotseruba",
        "Markus D. Solbach",
    ]
    assert e.abstract_zh is not None
    assert e.abstract_zh.startswith("视觉中注意加工的研究有着悠久而深刻的历史。")
    [defect] = d.defects
    assert defect.kind is DefectKind.UNKNOWN_ELEMENT
    assert defect.where == "entry[37]"
    assert "摘要要】" in defect.message
    assert _text("procjx_CV_2021-01-06.html").split("\n")[defect.line - 1].startswith("摘要要】")


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_only_the_known_defect(name: str) -> None:
    want = 1 if name == "procjx_CV_2021-01-06.html" else 0
    assert len(_parsed(name).defects) == want


_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]+")


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_language_tags(name: str) -> None:
    """Tags follow the text: Chinese when it has at least as many Han characters as words."""
    for e in _parsed(name).entries:
        fields = [
            ("title", e.paper.title),
            ("abstract_zh", e.abstract_zh),
            ("abstract", e.paper.abstract),
        ]
        assert [n for n, _ in e.languages] == [n for n, v in fields if v is not None]
        for (_, value), (_, lang) in zip(fields, e.languages, strict=True):
            assert value is not None
            han = len(_HAN.findall(value))
            assert lang == ("zh" if han and han >= len(_WORD.findall(value)) else "en")


@needs_shared
def test_sniffing_picks_procjx_and_only_for_its_pages() -> None:
    for name in FILES:
        assert _parsed(name).dialect == "procjx"
    for path in sorted((CORPUS / "digest").rglob("*")):
        if path.is_file() and PROCJX not in path.parents:
            head = path.read_text(encoding="utf-8", errors="replace")[:20000]
            assert not procjx.looks_like(head), path.name


def test_no_renderer() -> None:
    assert procjx.render is None
    d = parse_digest(OLD_POST)
    with pytest.raises(ValueError, match="no renderer"):
        render_digest(d)


# An older post, written by hand in that generation's markup: the table of contents inside
# a <p>, "Abstract:" without the leading space, a paper missing from the abstracts.
OLD_POST = """<!DOCTYPE html><html><head><meta charset="UTF-8">
<title>【arxiv论文】 Computation and Language 2020-02-27 | PROCJX's BLOGS</title></head>
<body><div class="post-body">
<h1 id="目录"><div style="color:red;">目录</div></h1><p><font size="4"><div id="title1"><br>
<b>1.</b> Marathi To English Neural Machine Translation With Near Perfect Corpus  And
Transformers <a href="https://arxiv.org/pdf/2002.11643">[PDF]</a> <a href="#paper1">摘要</a><br>
</div></font></p><div id="title2">
<b>2.</b> Using Distributional Thesaurus Embedding <a href="https://arxiv.org/pdf/2002.11506">[PDF]</a>
<a href="#paper2">摘要</a><br></div>
<h1 id="摘要">摘要</h1><div id="paper1"> <b>1. Marathi To English Neural Machine Translation
With Near Perfect Corpus  And Transformers</b>  <a href="https://arxiv.org/pdf/2002.11643">[PDF]</a>
<a href="#title1">返回目录</a>
 <br>&nbsp;&nbsp;<a href="https://arxiv.org/search/cs?searchtype=author&query=Jadhav%2C+S+A">Swapnil
Ashok Jadhav</a><br>
<font size="3">
Abstract: There have been very few attempts to benchmark performances. </font>
<br>
<font size="2" style="line-height:30px;">
摘要：目前已经很少有企图的国家的最先进的算法基准演出。</font>
</div>
</div></body></html>
"""


def test_older_post() -> None:
    d = parse_digest(OLD_POST)
    assert (d.dialect, d.topic, d.date, d.total) == (
        "procjx",
        "Computation and Language",
        _dt.date(2020, 2, 27),
        2,
    )
    first, second = d.entries
    assert first.paper.title == (
        "Marathi To English Neural Machine Translation With Near Perfect Corpus And Transformers"
    )
    assert first.paper.authors[0].name == "Swapnil Ashok Jadhav"
    assert first.paper.abstract == "There have been very few attempts to benchmark performances."
    assert first.abstract_zh == "目前已经很少有企图的国家的最先进的算法基准演出。"
    # Paper 2 is only in the table of contents: kept from there, and reported.
    assert (str(second.id), second.paper.title, second.number) == (
        "2002.11506",
        "Using Distributional Thesaurus Embedding",
        2,
    )
    kinds = sorted(x.kind.value for x in d.defects)
    assert kinds == ["count_mismatch", "missing_field"]


BROKEN = [
    "<html><body><h2 class='post-title'>【arxiv论文】 CL 2020-13-45</h2></body></html>",
    (
        '<div id="paper1"><b>1. T</b><a href="https://example.org/x">[PDF]</a>'
        '<font size="3">no label</font><font size="2">摘要：</font></div>【arxiv论文】'
    ),
    (
        '<div id="title1"><b>1.</b> A</div><div id="title1"><b>1.</b> B</div>'
        '<div id="paper1"><b>1. C</b></div><div id="paper1"><b>1. C</b></div>【arxiv论文】'
    ),
    "【arxiv论文】<" + "<div>" * 3000,
]


@pytest.mark.parametrize("text", BROKEN)
def test_broken_input(text: str) -> None:
    d = parse_digest(text, dialect="procjx")
    assert d.defects
    with pytest.raises(ParseError):
        parse_digest(text, dialect="procjx", strict=True)


def test_lone_surrogates_do_not_hide_the_rest() -> None:
    """libxml2 stops at a lone surrogate; the parser replaces them and says so."""
    text = OLD_POST.replace("Swapnil", "Swap\ud800nil")
    d = parse_digest(text, dialect="procjx")
    assert d.defects[0].kind is DefectKind.ENCODING
    assert d.entries[0].paper.authors[0].name == "Swap\ufffdnil Ashok Jadhav"
    assert d.entries[0].abstract_zh is not None


def test_empty_input() -> None:
    with pytest.raises(ParseError):
        parse_digest("   ", dialect="procjx")


_SWAPS = [("：", ":"), ("（", "("), ("）", ")"), ("，", ","), ("】", "]")]


def _mutants(text: str, rng: random.Random) -> list[str]:
    lines = text.split("\n")
    out = []
    for _ in range(6):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        out.append("\n".join(lines[:i] + lines[i + 1 :]))
        out.append("\n".join([*lines[:i], lines[i], *lines[i:]]))
        swapped = list(lines)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        out.append("\n".join(swapped))
    step = max(1, len(lines) // 10)
    out += ["\n".join(lines[:n]) for n in range(step, len(lines), step)]
    out += [text[: rng.randrange(len(text))] for _ in range(3)]
    for full, ascii_ in _SWAPS:
        out.append(text.replace(full, ascii_))
        out.append(text.replace(ascii_, full))
    return out


@needs_shared
@pytest.mark.parametrize("name", FILES)
def test_fuzzed_real_pages(name: str) -> None:
    for text in _mutants(_text(name), random.Random(name)):
        d = parse_digest(text, dialect="procjx")  # lenient: never raises
        assert d.dialect == "procjx"
        try:
            parse_digest(text, dialect="procjx", strict=True)
        except ParseError:
            pass


def test_fuzzed_older_post() -> None:
    for text in _mutants(OLD_POST, random.Random(0)):
        try:
            d = parse_digest(text, dialect="procjx")
        except ParseError:
            assert not text.strip()  # only an empty text is refused outright
        else:
            assert d.dialect == "procjx"
        try:
            parse_digest(text, dialect="procjx", strict=True)
        except ParseError:
            pass
