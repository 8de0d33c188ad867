"""The arXivDaily dialect ("arXiv每日学术速递" pages saved as text): parse and render.

Grammar (one content line each; blank lines between them are layout)::

    arXivDaily arXiv每日学术速递 周一至周五更新          header
    AI 大模型 / 语言大模型 / LLM / description        topic pages: group, topic, description
    今日/当前日期收录 11 信号源:cs.CL, cs.AI          count line (topic pages)
    全部学科分类 54                                   total line (all-subjects pages)
    重置 / 专题追踪 / Q-FIN定量金融54                  residue and subject header (filtered pages)
    1. 统计理论与方法 3 篇                            numbered sub-heading (a section)
    2606.19348 2026-06-19 cs.CL cs.AI 新提交 95%      id line: id, listing date, categories,
                                                      [announce label], [score]
    English title / 中文标题 / Author, Author, ...
    发表机构 * Name(中文名) Name Name(中文名)          optional
    专题命中 TOPIC :REASON                            optional
    AI总结 ...                                        optional
    Comments ...                                      optional (or after 详情 as a bare
                                                      "Comments" line and a text line)
    详情 / AI中文摘要 / Chinese abstract / 英文摘要 / English abstract

Structural punctuation may be ASCII or full-width (``:``/``：``, ``(``/``（``,
``, ``/``，``); it parses to the same structure, and the entry's layout remembers the
width so the text is written back as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...text import normalize_space
from ._arxivdaily_entry import EntryBuilder, canonical_roles, entry_lines, is_id_line
from ._common import apply_exact_overrides, body_lines, check_counts, render_layout
from ._lines import ContentLine, split_text
from .institutions import DEFAULT_INSTITUTIONS
from .records import (
    CountLine,
    Digest,
    DigestEntry,
    DigestLayout,
    Section,
    SubjectHeader,
)

__all__ = ["DEFAULT_INSTITUTIONS", "looks_like", "parse", "render"]

DIALECT = "arxivdaily"

# -- line patterns --------------------------------------------------------------------

_COUNT_RE = re.compile(r"(.*?收录)\s*([0-9]+)\s*信号源\s*([:：])\s*(.*)")
_TOTAL_RE = re.compile(r"(全部学科分类)\s*([0-9]+)")
_SUBJECT_RE = re.compile(r"([A-Za-z][A-Za-z.-]*?)([\u4e00-\u9fff][^0-9]*?)([0-9]+)")
_NUMBERED_RE = re.compile(r"([0-9]+)\.\s*(.+?)\s*([0-9]+)\s*篇")
_RESIDUE = frozenset({"重置", "专题追踪", "全部", "筛选", "加载更多", "返回顶部", "收起", "展开"})
_DETAILS = "详情"
_ZH_LABEL = "AI中文摘要"
_EN_LABEL = "英文摘要"
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


_SITE_HEADER_RE = re.compile(r"\s*(?:arXivDaily|arXiv每日学术速递)[^\n]*(?:\n|$)")
_LABEL_LINES_RE = re.compile(r"^[ \t]*(?:详情|AI中文摘要|英文摘要)[ \t]*\r?$", re.M)


def looks_like(head: str) -> bool:
    """True when the start of a text looks like an arXivDaily page: the site header as its
    first line, or entries with the 详情 / AI中文摘要 / 英文摘要 label lines.

    >>> looks_like("arXivDaily arXiv每日学术速递 周一至周五更新")
    True
    >>> looks_like('{"header": "arXivDaily arXiv每日学术速递"}')
    False
    """
    if _SITE_HEADER_RE.match(head):
        return True
    return len({m.group().strip() for m in _LABEL_LINES_RE.finditer(head)}) == 3


# -- the document ---------------------------------------------------------------------


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None:
        return ()
    if prev == "details" and role == "abstract_zh_label":
        return ()
    if role == "id" and prev in ("count", "total"):
        return ()
    return ("",)


def _canonical_preamble(d: Digest) -> list[str]:
    roles = []
    if d.header is not None:
        roles.append("header")
    roles += ["residue"] * len(d.residue)
    if d.subject is not None:
        roles.append("subject")
    for name, value in (
        ("group", d.group),
        ("topic", d.topic),
        ("description", d.topic_description),
    ):
        if value is not None:
            roles.append(name)
    if d.count_line is not None:
        roles.append("count")
    if d.total is not None:
        roles.append("total")
    roles += ["preamble_extra"] * len(d.preamble_extra)
    return roles


def _preamble_text(d: Digest, role: str, k: int) -> str:
    if role == "header":
        return d.header or ""
    if role == "residue":
        return d.residue[k]
    if role == "preamble_extra":
        return d.preamble_extra[k]
    if role == "subject":
        s = d.subject
        assert s is not None
        return f"{s.code}{s.name_zh}{s.count}"
    if role == "group":
        return d.group or ""
    if role == "topic":
        return d.topic or ""
    if role == "description":
        return d.topic_description or ""
    if role == "count":
        c = d.count_line
        assert c is not None
        colon, sep = ("：", "，") if c.fullwidth else (":", ", ")
        return f"{c.label} {c.count} 信号源{colon}{sep.join(c.sources)}"
    if role == "total":
        return f"{d.total_label or '全部学科分类'} {d.total}"
    return ""


def _section_text(s: Section) -> str:
    if s.code is not None:
        return f"{s.code}{s.title}{s.declared_count if s.declared_count is not None else ''}"
    count = f" {s.declared_count} 篇" if s.declared_count is not None else ""
    return f"{s.number}. {s.title}{count}"


def _document_lines(d: Digest, *, entries: bool = True) -> tuple[list[str | None], list[str]]:
    """Canonical content lines of the whole document and their roles (entry layouts applied).

    With ``entries=False`` entry lines are not rendered (None), only their roles given.
    """
    lines: list[str | None] = []
    roles: list[str] = []
    counters: dict[str, int] = {}
    for role in d.layout.preamble_order or _canonical_preamble(d):
        k = counters.get(role, 0)
        counters[role] = k + 1
        lines.append(_preamble_text(d, role, k))
        roles.append(role)
    if entries:
        body, more_roles = body_lines(d, _section_heading, entry_lines)
    else:
        body, more_roles = body_lines(d, _section_heading, _entry_roles)
    return lines + body, roles + more_roles


def _section_heading(s: Section) -> tuple[str, str]:
    return _section_text(s), "section"


def _entry_roles(entry: DigestEntry) -> tuple[list[str | None], list[str]]:
    roles = list(entry.layout.order) or canonical_roles(entry)
    return [None] * len(roles), roles


def render(d: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as text."""
    rendered, roles = _document_lines(d)
    return render_layout(d, rendered, roles, _default_gap)


def _classify_preamble(text: str, first: bool) -> tuple[str, re.Match[str] | None]:
    if first:
        return "header", None
    for role, pattern in (("count", _COUNT_RE), ("total", _TOTAL_RE)):
        m = pattern.fullmatch(text)
        if m is not None:
            return role, m
    if text in _RESIDUE:
        return "residue", None
    m = _NUMBERED_RE.fullmatch(text)
    if m is not None:
        return "section", m
    m = _SUBJECT_RE.fullmatch(text)
    if m is not None:
        return "subject", m
    return "heading", None


class _Preamble:
    """The lines before the first entry, classified."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.residue: list[str] = []
        self.extra: list[str] = []
        self.headings: list[str] = []
        self.roles: list[str] = []
        self.sections: list[Section] = []

    def take(self, line: ContentLine, first: bool, diag: Diagnostics) -> None:
        text = line.text.strip()
        role, m = _classify_preamble(text, first and not _looks_structural(text))
        values = self.values
        if role == "header":
            values["header"] = normalize_space(text)
        elif role == "count" and m is not None and "count_line" not in values:
            sources = tuple(s for s in re.split(r"\s*[，,、]\s*", m.group(4).strip()) if s)
            values["count_line"] = CountLine(
                normalize_space(m.group(1)), int(m.group(2)), sources, m.group(3) == "："
            )
        elif role == "total" and m is not None and "total" not in values:
            values["total_label"] = m.group(1)
            values["total"] = int(m.group(2))
        elif role == "residue":
            self.residue.append(text)
        elif role == "section" and m is not None:
            self.sections.append(
                Section(
                    normalize_space(m.group(2)),
                    0,
                    number=int(m.group(1)),
                    declared_count=int(m.group(3)),
                )
            )
            return
        elif role == "subject" and m is not None and "subject" not in values:
            values["subject"] = SubjectHeader(m.group(1), m.group(2), int(m.group(3)))
        elif role == "heading" and len(self.headings) < 3:
            self.headings.append(normalize_space(text))
            role = ("group", "topic", "description")[len(self.headings) - 1]
            values[("group", "topic", "topic_description")[len(self.headings) - 1]] = self.headings[
                -1
            ]
        else:
            role = "preamble_extra"
            self.extra.append(line.text)
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "line before the first entry not understood (kept as written)",
                line=line.lineno,
                snippet=line.text,
                where="preamble",
            )
        self.roles.append(role)


def _read_preamble(
    lines: Iterator[ContentLine], diag: Diagnostics
) -> tuple[_Preamble, tuple[ContentLine, re.Match[str]] | None]:
    """Consume the preamble; return it and the first id line (with its match), if any."""
    pre = _Preamble()
    first = True
    for line in lines:
        m = is_id_line(line.text.strip())
        if m is not None:
            return pre, (line, m)
        pre.take(line, first, diag)
        first = False
    return pre, None


def _iter_entries(
    start: tuple[ContentLine, re.Match[str]] | None,
    lines: Iterator[ContentLine],
    diag: Diagnostics,
    sections: list[Section],
    institutions: Sequence[str],
    languages: bool,
) -> Iterator[DigestEntry]:
    """Build entries one at a time from the first id line on (sections go to ``sections``).

    Memory holds one entry's lines at a time, so this also serves streaming.
    """
    if start is None:
        return
    current = EntryBuilder(start[0], start[1], 0)
    count = 1
    open_section: list[str] | None = None  # notes of a sub-heading awaiting its entry
    for line in lines:
        text = line.text.strip()
        m = is_id_line(text)
        if m is not None:
            _close_section(sections, open_section)
            open_section = None
            yield current.build(diag, institutions, False, languages)
            current = EntryBuilder(line, m, count)
            count += 1
            continue
        if current.state == "en" or open_section is not None:
            section = _section_line(text, count)
            if section is not None:
                _close_section(sections, open_section)
                sections.append(section)
                open_section = []
                continue
        if open_section is not None:
            open_section.append(line.text)
            continue
        current.add(line)
    _close_section(sections, open_section)
    yield current.build(diag, institutions, True, languages)


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse arXivDaily text (already decoded, BOM removed) into a :class:`Digest`."""
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; kept inside the lines as written",
            line=1,
        )
    lines = iter(split.lines)
    pre, start = _read_preamble(lines, diag)
    sections = pre.sections
    entries = tuple(_iter_entries(start, lines, diag, sections, institutions, languages))
    digest = Digest(
        dialect=DIALECT,
        entries=entries,
        residue=tuple(pre.residue),
        preamble_extra=tuple(pre.extra),
        sections=tuple(sections),
        encoding=encoding,
        **pre.values,  # type: ignore[arg-type]
    )
    # Layout: what the canonical rendering would not reproduce.
    canonical_preamble = _canonical_preamble(digest)
    layout = DigestLayout(
        newline=split.newline,
        bom=bom,
        tail=split.tail,
        preamble_order=() if pre.roles == canonical_preamble else tuple(pre.roles),
    )
    digest = attrs.evolve(digest, layout=layout)
    # Entry lines were checked against the source when each entry was built (its own
    # layout makes it render exactly), so only the other lines are compared here.
    rendered, roles = _document_lines(digest, entries=False)
    digest = apply_exact_overrides(digest, split, rendered, roles, _default_gap, diag)
    check_counts(
        digest, diag, declared=digest.declared_count, section_filter=lambda s: s.code is None
    )
    return attrs.evolve(digest, defects=tuple(diag.defects))


def iter_entries(
    lines: Iterable[str],
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    header: list[Digest] | None = None,
) -> Iterator[DigestEntry]:
    """Stream the entries of an arXivDaily text given as lines (memory: one entry).

    When ``header`` is a list, a paperless :class:`Digest` with the page's header facts
    is appended to it once the preamble has been read.
    """
    content = _content_lines(lines)
    pre, start = _read_preamble(content, diag)
    if header is not None:
        header.append(
            Digest(
                dialect=DIALECT,
                residue=tuple(pre.residue),
                preamble_extra=tuple(pre.extra),
                sections=tuple(pre.sections),
                **pre.values,  # type: ignore[arg-type]
            )
        )
    yield from _iter_entries(start, content, diag, pre.sections, institutions, languages)


def _content_lines(lines: Iterable[str]) -> Iterator[ContentLine]:
    offset = 0
    for number, raw in enumerate(lines, 1):
        text = raw.rstrip("\r\n")
        if text.strip():
            yield ContentLine(text, number, offset)
        offset += len(raw)


def _looks_structural(text: str) -> bool:
    return bool(_COUNT_RE.fullmatch(text) or _TOTAL_RE.fullmatch(text))


def _section_line(text: str, first_entry: int) -> Section | None:
    m = _NUMBERED_RE.fullmatch(text)
    if m is not None:
        return Section(
            normalize_space(m.group(2)),
            first_entry,
            number=int(m.group(1)),
            declared_count=int(m.group(3)),
        )
    m = _SUBJECT_RE.fullmatch(text)
    if m is not None and len(text) < 40:
        return Section(m.group(2), first_entry, code=m.group(1), declared_count=int(m.group(3)))
    return None


def _close_section(sections: list[Section], notes: list[str] | None) -> None:
    if notes:
        sections[-1] = attrs.evolve(sections[-1], notes=tuple(notes))
