"""The procjx dialect: the daily "【arxiv论文】" posts of procjx.github.io (Hexo pages).

Each post is a whole Hexo page (head, theme CSS, scripts, ads, comments widget). Its
article holds a table of contents and then one block per paper::

    <h2 class="post-title">【arxiv论文】 Computation and Language 2021-01-06</h2>
    <div id="title1"><b>1.</b> English title <a href=".../pdf/2101.01686">[PDF]</a>
      <a href="#paper1">摘要</a></div>                                  (one per paper)
    <div id="paper1"> <b>1. English title</b> <a href=".../pdf/2101.01686">[PDF]</a>
      <a href="#title1">返回目录</a> <br>&nbsp;&nbsp;<a href="...searchtype=author...">
      Name</a>, ...<br>
      <font size="3"> Abstract: English abstract </font> <br>
      <font size="2" style="line-height:30px;"> 摘要：机器翻译的中文摘要 </font></div>

Older posts write ``Abstract:`` without the leading space. The Chinese abstract is a
machine translation, labelled ``摘要：``; one post has the label itself mistranslated
(``摘要要】``), which is read as the label and reported. The posts give no Chinese titles
(``title_zh`` stays None unless a title block carries Han text after the English title).

The page's date and subject come from the post title (``Digest.date``, ``Digest.topic``),
its table of contents is the declared count (``Digest.total``).

``render = None``: a post is a full page of the blog's theme; writing one back would mean
storing the theme's markup, scripts and widgets verbatim, which is not digest content.
The records keep everything the post says about its papers.

>>> from arxivlisting import parse_digest
>>> page = '''<html><head><title>【arxiv论文】 Computation and Language 2021-01-06</title></head>
... <body><h2 class="post-title">【arxiv论文】 Computation and Language 2021-01-06</h2>
... <div id="title1"><b>1.</b> A Title <a href="https://arxiv.org/pdf/2101.01686">[PDF]</a></div>
... <div id="paper1"> <b>1. A Title</b> <a href="https://arxiv.org/pdf/2101.01686">[PDF]</a>
... <br><a href="https://arxiv.org/search/cs?searchtype=author&query=Li%2C+B">Bo Li</a><br>
... <font size="3"> Abstract: We study things. </font><br>
... <font size="2">摘要：我们研究事物。</font></div></body></html>'''
>>> d = parse_digest(page)
>>> d.dialect, d.topic, str(d.date), d.total
('procjx', 'Computation and Language', '2021-01-06', 1)
>>> e = d.entries[0]
>>> str(e.id), e.paper.title, e.paper.authors[0].name, e.paper.abstract, e.abstract_zh
('2101.01686', 'A Title', 'Bo Li', 'We study things.', '我们研究事物。')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence

import lxml.html
from lxml import etree

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind, ParseError
from ...ids import ArxivId
from ...records import Link, Paper
from ...text import normalize_space
from ._common import is_placeholder, tag_languages
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest, DigestEntry

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "procjx"

render: Callable[[Digest], str] | None = None

_POST_TITLE_RE = re.compile(r"【arxiv论文】\s*(.*?)\s*(\d{4}-\d{2}-\d{2})?\s*$")
_BLOCK_ID_RE = re.compile(r"(title|paper)(\d{1,6})")
_NUMBERED_RE = re.compile(r"\s*(\d{1,6})\s*\.\s*(.*)", re.DOTALL)
_ARXIV_LINK_RE = re.compile(r"arxiv\.org/(?:pdf|abs)/([^?#\s]+?)(?:\.pdf)?/?$")
_EN_LABEL_RE = re.compile(r"\s*Abstract\s*[:：]\s*")
_ZH_LABEL_RE = re.compile(r"\s*摘要\s*[：:]\s*")
#: A mangled label: 摘要 followed by a few stray characters and a closing mark (摘要要】).
_ZH_MANGLED_RE = re.compile(r"\s*(摘要[^\s：:】\]」)）]{0,3}[：:】\]」)）])\s*")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup())


def looks_like(head: str) -> bool:
    """True when the start of a text looks like a procjx "【arxiv论文】" Hexo post."""
    if "【arxiv论文】" not in head or "<" not in head[:200]:
        return False
    return 'id="title1"' in head or 'id="paper1"' in head or "procjx" in head.lower()


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse a procjx post (already decoded, BOM removed) into a :class:`Digest`.

    ``institutions`` and ``bom`` are accepted for the common signature; posts name no
    institutions and the page is not written back.
    """
    del institutions, bom
    if not text.strip():
        raise ParseError("empty input: not a procjx post", kind=DefectKind.SYNTAX, line=1)
    if _SURROGATE_RE.search(text):
        # libxml2 silently drops everything after a lone surrogate: replace them first.
        diag.report(DefectKind.ENCODING, "lone surrogates in the text, read as U+FFFD", line=1)
        text = _SURROGATE_RE.sub("\ufffd", text)
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"not a procjx post: {exc}", kind=DefectKind.SYNTAX, line=1) from None
    header, topic, date = _post_title(root, diag)
    toc: dict[int, tuple[str | None, str | None, int | None]] = {}
    papers: list[tuple[int, etree._Element]] = []
    for div in root.iter("div"):
        m = _BLOCK_ID_RE.fullmatch(div.get("id") or "")
        if m is None:
            continue
        number = int(m.group(2))
        if m.group(1) == "title":
            if number in toc:
                _report(diag, DefectKind.DUPLICATE_FIELD, "table of contents item given twice", div)
                continue
            title, pdf = _heading(div, diag, table=True)
            toc[number] = (title, pdf, div.sourceline)
        else:
            papers.append((number, div))
    entries = []
    seen: set[int] = set()
    for number, block in papers:
        if number in seen:
            _report(diag, DefectKind.DUPLICATE_FIELD, "paper block given twice (both kept)", block)
        seen.add(number)
        entry = _entry(number, block, toc.get(number), diag)
        entries.append(tag_languages(entry) if languages else entry)
    for number, (title, pdf, line) in sorted(toc.items()):
        if number not in seen:
            diag.report(
                DefectKind.MISSING_FIELD,
                "paper listed in the table of contents has no abstract block; kept from the"
                " table of contents",
                line=line,
                snippet=title,
                where=f"entry[{number}]",
            )
            paper = Paper(_id_of(pdf), title=title, links=_links(pdf))
            entry = DigestEntry(paper, number=number)
            entries.append(tag_languages(entry) if languages else entry)
    total = len(toc) if toc else None
    if total is not None and len(papers) != total:
        diag.report(
            DefectKind.COUNT_MISMATCH,
            f"the table of contents lists {total} papers but {len(papers)} blocks were found",
            line=1,
            where="toc",
        )
    if not entries and not toc:
        diag.report(DefectKind.SYNTAX, "no paper blocks in the post", line=1)
    return Digest(
        dialect=DIALECT,
        entries=tuple(entries),
        header=header,
        date=date,
        topic=topic,
        total_label="目录" if total is not None else None,
        total=total,
        encoding=encoding,
        defects=tuple(diag.defects),
    )


def _report(
    diag: Diagnostics,
    kind: DefectKind,
    message: str,
    el: etree._Element,
    snippet: str | None = None,
) -> None:
    where = el.get("id")
    diag.report(kind, message, line=el.sourceline, snippet=snippet, where=where)


def _text(el: etree._Element) -> str:
    return normalize_space("".join(el.itertext()))


def _post_title(
    root: etree._Element, diag: Diagnostics
) -> tuple[str | None, str | None, _dt.date | None]:
    title_el = None
    for el in root.iter("h1", "h2"):
        if "post-title" in (el.get("class") or ""):
            title_el = el
            break
    if title_el is None:
        title_el = root.find(".//title")
    if title_el is None:
        diag.report(DefectKind.MISSING_FIELD, "no post title", line=1)
        return None, None, None
    header = _text(title_el).split(" | ")[0].strip() or None
    m = _POST_TITLE_RE.search(header or "")
    if m is None:
        return header, None, None
    topic = m.group(1) or None
    date = None
    if m.group(2):
        try:
            date = _dt.date.fromisoformat(m.group(2))
        except ValueError:
            diag.report(
                DefectKind.BAD_DATE,
                "the post title's date is not a calendar date",
                line=title_el.sourceline,
                snippet=m.group(2),
            )
    return header, topic, date


def _pdf_href(el: etree._Element) -> str | None:
    for a in el.iter("a"):
        href = a.get("href") or ""
        if _ARXIV_LINK_RE.search(href):
            return href
    return None


def _heading(
    div: etree._Element, diag: Diagnostics, *, table: bool
) -> tuple[str | None, str | None]:
    """The number-stripped English title and the PDF link of a title or paper block."""
    b = div.find(".//b")
    if table:
        # <b>1.</b> Title <a>[PDF]</a>: the title is the text after the <b>.
        raw = (b.tail or "") if b is not None else (div.text or "")
    else:
        raw = "".join(b.itertext()) if b is not None else (div.text or "")
        m = _NUMBERED_RE.match(raw)
        raw = m.group(2) if m else raw
    title = normalize_space(raw)
    if is_placeholder(title):
        _report(diag, DefectKind.MISSING_FIELD, "block without a title", div)
        title = ""
    return title or None, _pdf_href(div)


def _id_of(href: str | None) -> ArxivId | None:
    if href is None:
        return None
    m = _ARXIV_LINK_RE.search(href)
    return ArxivId.try_parse(m.group(1)) if m else None


def _links(href: str | None) -> tuple[Link, ...]:
    return (Link(href, rel="related", title="pdf"),) if href else ()


def _entry(
    number: int,
    div: etree._Element,
    toc: tuple[str | None, str | None, int | None] | None,
    diag: Diagnostics,
) -> DigestEntry:
    where = f"entry[{number}]"
    title, pdf = _heading(div, diag, table=False)
    paper_id = _id_of(pdf)
    if paper_id is None:
        _report(diag, DefectKind.BAD_ID, "the block's PDF link names no arXiv identifier", div, pdf)
    if toc is not None:
        toc_title, toc_pdf, toc_line = toc
        if toc_title != title or (toc_pdf and pdf and toc_pdf != pdf):
            diag.report(
                DefectKind.INCONSISTENT,
                "the table of contents and the abstract block disagree on the title or link"
                " (the block is used)",
                line=toc_line,
                snippet=toc_title,
                where=where,
            )
    authors = []
    for a in div.iter("a"):
        if "searchtype=author" in (a.get("href") or ""):
            name = _text(a)
            if name:
                authors.append(new_author(name))
    abstract = abstract_zh = None
    for font in div.iter("font"):
        size = font.get("size")
        if size == "3" and abstract is None:
            abstract = _labelled(_text(font), _EN_LABEL_RE, None, font, diag, where)
        elif size == "2" and abstract_zh is None:
            abstract_zh = _labelled(_text(font), _ZH_LABEL_RE, _ZH_MANGLED_RE, font, diag, where)
    for what, value in (("authors", authors), ("abstract", abstract), ("abstract_zh", abstract_zh)):
        if not value:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"paper block without {what.replace('_zh', ' (Chinese)')}",
                line=div.sourceline,
                where=where,
            )
    title_zh = None
    cut = _HAN_RE.search(title) if title is not None else None
    if title is not None and cut is not None and cut.start() > 0:
        # "English title 中文标题": the Chinese part starts at the first Han character.
        title_zh = title[cut.start() :]
        title = title[: cut.start()].strip() or None
    paper = Paper(
        paper_id,
        title=title,
        authors=tuple(authors),
        abstract=abstract,
        links=_links(pdf),
    )
    return DigestEntry(paper, title_zh=title_zh, abstract_zh=abstract_zh, number=number)


def _labelled(
    text: str,
    label: re.Pattern[str],
    mangled: re.Pattern[str] | None,
    el: etree._Element,
    diag: Diagnostics,
    where: str,
) -> str | None:
    m = label.match(text)
    raw = el.text or ""
    line = (
        el.sourceline + raw[: len(raw) - len(raw.lstrip())].count("\n") if el.sourceline else None
    )
    if m is None and mangled is not None:
        m = mangled.match(text)
        if m is not None:
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"abstract label {m.group(1)!r} is not '摘要：' (read as the label)",
                line=line,
                snippet=text[:40],
                where=where,
            )
    if m is None:
        diag.report(
            DefectKind.MISSING_FIELD,
            "abstract without its label (the text is kept)",
            line=line,
            snippet=text[:40],
            where=where,
        )
        body = text
    else:
        body = text[m.end() :]
    body = normalize_space(body)
    if is_placeholder(body):
        diag.report(
            DefectKind.PLACEHOLDER,
            "empty abstract",
            line=line,
            snippet=text[:40],
            where=where,
        )
        return None
    return body
