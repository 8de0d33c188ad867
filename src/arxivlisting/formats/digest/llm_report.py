"""The llm_report dialect: the LLM-written "学术日报" (academic daily report) pages.

Grammar (Markdown; one page per day)::

    +++ … +++                                       Hugo front matter (kept as written)
    # 学术日报 2025-01-27                            header, date
    ## 📊 当日概览                                   - 新增论文: 143 篇  (Digest.total), …
    ## 📅 总结 …                                     histogram lines "  -- 泛化 (6篇)"
    ## 🧩 主题分布
    ### 数据 (65篇)                                  a topic: a section with its count,
    **代表性论文**: 《…》...                          then notes (representative paper,
    **最新进展**:                                     a truncated abstract, the list label)
    …
    **全部论文**:
    - 中文标题 (音译作者名) [跳转](http://arxiv.org/abs/2501.16581v1)      one entry each
    ## 🗂 arXiv分类分布  /  ### 物理  /  #### 宇宙学与非规则天体物理学 (6篇)   the same shape
    ## 📈 趋势论文  /  ## 🆕 新增论文                  cards, one entry each:
    ### 中文标题
    **热门** ⭐0.0 | 2025-01-27 | 无代码              badge, stars, listing date, code note
    **作者**: 音译作者名
    **摘要**: 截断的中文摘要...                        ("..." alone: no abstract)
    [阅读全文](http://arxiv.org/abs/2501.16521v2)

Every list item and every card is an entry, in page order: a paper appears once per
topic, category and card list it is in (the page's 143 papers make 719 entries).
Headings are sections (``first_entry`` where they start; a group heading such as
``### 物理`` is a section without entries); the lines before the first topic are
``preamble_extra`` and lines between a heading and its first entry the section's
``notes``.

Records: the id (with its version) and an abs ``Link`` from the link, ``title_zh``,
``authors_zh`` (the transliterated first author as the LLM wrote it: sometimes with
chatter such as "这个短语看起来像是一个人名…", spanning lines; such text is kept whole,
normalized, with an ``ambiguous`` defect), for cards ``abstract_zh`` (truncated as
shown), ``listing_date`` and ``extra_fields`` ``badge``, ``stars`` and ``code``. The
page gives no English title or author names, so ``Paper.title`` and ``Paper.authors``
stay empty.

``render = None``: the page cannot be written back from records. The author text is
free LLM output whose line breaks and chatter are not structure; the representative
paper and latest-progress blocks are truncated copies of other entries; and each paper
is spread over up to four places holding different subsets of its fields. Writing it
back would mean storing nearly every line verbatim, a copy of the input rather than a
rendering of the records.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...records import Link, Paper
from ...text import normalize_space
from ._common import check_counts, is_placeholder, tag_languages
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest, DigestEntry, Section

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "llm_report"

render = None

_HEADING_RE = re.compile(r"(#{1,6})\s+(.*?)\s*")
_TITLE_RE = re.compile(r"学术日报\s*(\d{4}-\d{2}-\d{2})?")
_COUNT_RE = re.compile(r"(.*?)\s*[(（]\s*(\d+)\s*篇\s*[)）]")
_ITEM_LINK_RE = re.compile(r"\[跳转\]\((\S*?)\)\s*$")
_CARD_LINK_RE = re.compile(r"\[阅读全文\]\((\S*?)\)\s*$")
_META_RE = re.compile(r"\*\*(.+?)\*\*\s*⭐\s*([\d.]+)\s*\|\s*(\d{4}-\d{2}-\d{2})\s*\|\s*(.*)")
#: A field label glued to the end of the line before it ("无代码**作者**: …").
_GLUED_RE = re.compile(r"(?<=\S)(?=\*\*(?:作者|摘要)\*\*\s*[:：])")
_FIELD_RE = re.compile(r"\*\*(作者|摘要)\*\*\s*[:：]\s*(.*)")
_NEW_COUNT_RE = re.compile(r"-\s*新增论文\s*[:：]\s*(\d+)\s*篇")
_ID_RE = re.compile(r"arxiv\.org/(?:abs|pdf)/([^?#\s]+?)(?:\.pdf)?/?$")
_CHATTER_RE = re.compile(r"翻译|人名|名字|请注意|看起来")
_EMPTY = frozenset({"...", "…", "……"})


def looks_like(head: str) -> bool:
    """True for a 学术日报 page: its title and a topic list or report link."""
    if _TITLE_RE.search(head) is None or "# 学术日报" not in head:
        return False
    return "**全部论文**" in head or "[跳转](" in head or "[阅读全文](" in head


class _Page:
    """The parse state: entries, sections and preamble built line by line."""

    def __init__(self, diag: Diagnostics, languages: bool) -> None:
        self.diag = diag
        self.languages = languages
        self.entries: list[DigestEntry] = []
        self.sections: list[Section] = []
        self.preamble: list[str] = []
        self.header: str | None = None
        self.date: _dt.date | None = None
        self.total: int | None = None
        self.in_body = False
        self.in_cards = False

    # -- entries --------------------------------------------------------------------

    def add(self, entry: DigestEntry) -> None:
        self.entries.append(tag_languages(entry) if self.languages else entry)

    def paper(self, url: str, lineno: int, where: str) -> Paper:
        m = _ID_RE.search(url)
        paper_id = ArxivId.try_parse(m.group(1)) if m else None
        if paper_id is None:
            self.diag.report(
                DefectKind.BAD_ID,
                "the link names no arXiv id",
                line=lineno,
                snippet=url,
                where=where,
            )
        return Paper(id=paper_id, links=(Link(url, rel="alternate"),) if url else ())

    def authors(self, text: str, lineno: int, where: str) -> str | None:
        value = normalize_space(text)
        if is_placeholder(value) or value in _EMPTY:
            self.diag.report(
                DefectKind.PLACEHOLDER, "no author text", line=lineno, snippet=text, where=where
            )
            return None
        if "\n" in text.strip() or _CHATTER_RE.search(value):
            self.diag.report(
                DefectKind.AMBIGUOUS,
                "the author text holds the LLM's remarks, not just a name (kept whole)",
                line=lineno,
                snippet=value,
                where=where,
            )
        return value

    def item(self, lines: list[tuple[int, str]]) -> None:
        lineno = lines[0][0]
        where = f"entry[{len(self.entries) + 1}]"
        body = "\n".join(text for _, text in lines).strip()[2:]
        m = _ITEM_LINK_RE.search(body)
        if m is None:
            self.diag.report(
                DefectKind.MISSING_FIELD,
                "list item without its [跳转](link)",
                line=lineno,
                snippet=body,
                where=where,
            )
            url, before = "", body
        else:
            url, before = m.group(1), body[: m.start()].rstrip()
        title, author_text = _split_authors(before)
        authors_zh = None
        if author_text is None:
            self.diag.report(
                DefectKind.MISSING_FIELD,
                "list item without the (author) part",
                line=lineno,
                snippet=body,
                where=where,
            )
        else:
            authors_zh = self.authors(author_text, lineno, where)
        self.add(
            DigestEntry(
                paper=self.paper(url, lineno, where),
                title_zh=self.title(title, lineno, where),
                authors_zh=authors_zh,
            )
        )

    def title(self, text: str, lineno: int, where: str) -> str | None:
        value = normalize_space(text)
        if is_placeholder(value):
            self.diag.report(
                DefectKind.PLACEHOLDER, "no title", line=lineno, snippet=text, where=where
            )
            return None
        return value

    def card(self, heading: tuple[int, str], lines: list[tuple[int, str]]) -> None:
        lineno, title = heading
        where = f"entry[{len(self.entries) + 1}]"
        parts: dict[str, list[str]] = {}
        current: str | None = None
        extra: list[tuple[str, str]] = []
        listing_date = None
        url = ""
        pieces = [(n, piece) for n, text in lines for piece in _GLUED_RE.split(text)]
        for n, text in pieces:
            stripped = text.strip()
            meta = _META_RE.fullmatch(stripped)
            field = _FIELD_RE.fullmatch(stripped)
            link = _CARD_LINK_RE.fullmatch(stripped)
            if meta is not None and "badge" not in dict(extra):
                extra += [("badge", meta.group(1)), ("stars", meta.group(2))]
                extra.append(("code", normalize_space(meta.group(4))))
                listing_date = _date(meta.group(3))
                current = None
            elif field is not None and field.group(1) not in parts:
                current = field.group(1)
                parts[current] = [field.group(2)]
            elif link is not None and not url:
                url, current = link.group(1), None
            elif current is not None:
                parts[current].append(text)
            elif stripped:
                extra.append(("unparsed", stripped))
                self.diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "card line not understood (kept in extra_fields)",
                    line=n,
                    snippet=text,
                    where=where,
                )
        if not url:
            self.diag.report(
                DefectKind.MISSING_FIELD,
                "card without its [阅读全文](link)",
                line=lineno,
                where=where,
            )
        authors_zh = None
        if "作者" in parts:
            authors_zh = self.authors("\n".join(parts["作者"]), lineno, where)
        abstract_zh = None
        if "摘要" in parts:
            abstract_zh = normalize_space("\n".join(parts["摘要"]))
            if is_placeholder(abstract_zh) or abstract_zh in _EMPTY:
                self.diag.report(
                    DefectKind.PLACEHOLDER,
                    "the card's abstract is empty ('...')",
                    line=lineno,
                    snippet=abstract_zh,
                    where=where,
                )
                abstract_zh = None
        self.add(
            DigestEntry(
                paper=self.paper(url, lineno, where),
                title_zh=self.title(title, lineno, where),
                abstract_zh=abstract_zh,
                authors_zh=authors_zh,
                listing_date=listing_date,
                extra_fields=tuple(extra),
            )
        )

    # -- headings and other lines ------------------------------------------------------

    def heading(self, level: int, text: str, lineno: int) -> None:
        title = normalize_space(text)
        if level == 1 and self.header is None:
            self.header = title
            m = _TITLE_RE.search(title)
            self.date = _date(m.group(1)) if m and m.group(1) else None
            self.preamble.append("#" * level + " " + text)
            return
        if level == 2:
            self.in_cards = "趋势" in title or "新增论文" in title
            if not self.in_body and not self.in_cards:
                self.preamble.append("#" * level + " " + text)
                return
        self.in_body = True
        m = _COUNT_RE.fullmatch(title)
        name, count = (normalize_space(m.group(1)), int(m.group(2))) if m else (title, None)
        self.sections.append(Section(name, len(self.entries), declared_count=count))

    def note(self, text: str, lineno: int) -> None:
        if not self.in_body:
            self.preamble.append(text)
            nm = _NEW_COUNT_RE.match(text.strip())
            if nm is not None and self.total is None:
                self.total = int(nm.group(1))
            return
        s = self.sections[-1]
        if s.first_entry == len(self.entries):
            self.sections[-1] = attrs.evolve(s, notes=(*s.notes, text))
            return
        last = self.entries[-1]
        self.entries[-1] = attrs.evolve(
            last, extra_fields=(*last.extra_fields, ("unparsed", normalize_space(text)))
        )
        what = (
            "a list item without its [跳转](link)" if text.lstrip().startswith("- ") else "a line"
        )
        self.diag.report(
            DefectKind.UNKNOWN_ELEMENT,
            f"{what} between entries (kept in the previous entry's extra_fields)",
            line=lineno,
            snippet=text,
            where=f"entry[{len(self.entries)}]",
        )


def _item_end(raw: Sequence[str], start: int) -> int:
    """The index of the line holding the item's ``[跳转](link)`` (-1: not an item)."""
    for j in range(start, len(raw)):
        if j > start and raw[j].lstrip().startswith(("- ", "#")):
            return -1
        if _ITEM_LINK_RE.search(raw[j]) is not None:
            return j
    return -1


def _date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def _split_authors(text: str) -> tuple[str, str | None]:
    """``标题 (作者)``: the title and the text of the last balanced ASCII parentheses."""
    text = text.rstrip()
    if not text.endswith(")"):
        return text, None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return text[:i], text[i + 1 : -1]
    return text, None


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse a 学术日报 page (already decoded, BOM removed) into a :class:`Digest`."""
    del institutions, bom  # no institutions; the page is not written back
    page = _Page(diag, languages)
    raw = [line.rstrip("\r") for line in text.split("\n")]
    i = 0
    while i < len(raw):
        line = raw[i]
        lineno = i + 1
        stripped = line.strip()
        heading = _HEADING_RE.fullmatch(stripped) if stripped.startswith("#") else None
        if heading is not None and page.in_cards and len(heading.group(1)) >= 3:
            j = i + 1
            while j < len(raw) and not raw[j].lstrip().startswith("#"):
                j += 1
            page.card((lineno, heading.group(2)), list(enumerate(raw[i + 1 : j], lineno + 1)))
            i = j
            continue
        if heading is not None:
            page.heading(len(heading.group(1)), heading.group(2), lineno)
        elif page.in_body and stripped.startswith("- ") and (j := _item_end(raw, i)) >= 0:
            page.item(list(enumerate(raw[i : j + 1], lineno)))
            i = j + 1
            continue
        elif stripped:
            page.note(line, lineno)
        i += 1
    digest = Digest(
        dialect=DIALECT,
        entries=tuple(page.entries),
        header=page.header,
        date=page.date,
        total=page.total,
        preamble_extra=tuple(page.preamble),
        sections=tuple(page.sections),
        encoding=encoding,
    )
    _check(digest, diag)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _check(d: Digest, diag: Diagnostics) -> None:
    if not d.entries:
        diag.report(DefectKind.SYNTAX, "no report entry ('- 标题 (作者) [跳转](link)')", line=1)
    ids = {str(e.id.unversioned) for e in d.entries if e.id is not None}
    if d.total is not None and d.total != len(ids):
        diag.report(
            DefectKind.COUNT_MISMATCH,
            f"the overview counts {d.total} new papers but {len(ids)} distinct ids were found",
            where="preamble",
        )
    check_counts(d, diag, declared=None)  # the total counts distinct ids: checked above
