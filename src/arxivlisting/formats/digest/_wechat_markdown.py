"""Private: a WeChat "arXiv每日学术速递" post in Markdown <-> :class:`Digest`.

Document grammar (content lines; blank-line runs are layout)::

    # 2025-12-18科研追新                          header (the first line, one ``#``)
    ...                                           preamble_extra, until a section or entry
    ## 1.3.2 Artificial Intelligence              Section (heading); lines up to the next
    **From**：[https://papers.cool/...](...)        section or entry are its notes
    **cs.AI人工智能，共计142篇**                    Section (count line): code, declared count
    ### **QA|VQA|问答|对话(4篇)**                  Section (group): declared count
    【1】Title / **标题**：... (see _wechat_entry)  entries; numbering restarts per group
    ---  / > 作者: ...                            trailer (lines after the last entry)

Declared counts are checked: a group counts the entries up to the next section, a count
line those up to the next count line or heading (groups inside it do not end it).
"""

from __future__ import annotations

import datetime as _dt
import re

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...text import normalize_space
from ._common import apply_exact_overrides, body_lines, render_layout
from ._lines import ContentLine, split_text
from ._wechat_entry import ENTRY_ROLES, EntryBuilder, entry_lines, head_of
from .records import Digest, DigestLayout, Section

__all__ = ["parse_markdown", "render_markdown"]

_COUNT_RE = re.compile(
    r"(?:\*\*)?\s*([a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?)\s*(.*?)\s*[，,]\s*(?:今日)?\s*共计\s*"
    r"([0-9]+)\s*篇\s*(?:\*\*)?"
)
_GROUP_RE = re.compile(r"#{1,6}\s*(?:\*\*)?\s*(.+?)\s*[（(]\s*([0-9]+)\s*篇\s*[)）]\s*(?:\*\*)?")
_HEADING_RE = re.compile(r"#{1,6}\s+(.*\S)\s*")
_HEADER_RE = re.compile(r"#\s+(.*\S)\s*")
_HR_RE = re.compile(r"(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SECTION_ROLES = frozenset({"heading", "count", "group"})


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None:
        return ()
    if role == "head":
        return ("",) if prev in _SECTION_ROLES or prev == "section_note" else ("", "", "")
    if role == "heading":
        return ("",) * 5 if prev in ENTRY_ROLES else ("",)
    if role in _SECTION_ROLES:
        return ("", "", "") if prev in ENTRY_ROLES else ("",)
    if role == "authors":
        return ("",) if prev == "link" else ()
    if role in ENTRY_ROLES:
        return ()
    return ("",)


def _section_role(s: Section) -> str:
    if s.code is not None:
        return "count"
    return "group" if s.declared_count is not None else "heading"


def _section_text(s: Section) -> str:
    role = _section_role(s)
    if role == "count":
        return f"**{s.code}{s.title}，共计{s.declared_count}篇**"
    if role == "group":
        return f"### **{s.title}({s.declared_count}篇)**"
    return f"## {s.title}"


def _document_lines(d: Digest) -> tuple[list[str | None], list[str]]:
    lines: list[str | None] = []
    roles: list[str] = []
    if d.header is not None:
        lines.append(f"# {d.header}")
        roles.append("header")
    lines += d.preamble_extra
    roles += ["preamble_extra"] * len(d.preamble_extra)
    body, more_roles = body_lines(d, lambda s: (_section_text(s), _section_role(s)), entry_lines)
    return lines + body, roles + more_roles


def render_markdown(d: Digest) -> str:
    """Write a Markdown-layout WeChat digest back as text."""
    rendered, roles = _document_lines(d)
    return render_layout(d, rendered, roles, _default_gap)


def _section_of(text: str, first_entry: int) -> Section | None:
    s = text.strip()
    m = _COUNT_RE.fullmatch(s)
    if m is not None:
        return Section(
            normalize_space(m.group(2)),
            first_entry,
            code=m.group(1),
            declared_count=int(m.group(3)),
        )
    m = _GROUP_RE.fullmatch(s)
    if m is not None:
        return Section(normalize_space(m.group(1)), first_entry, declared_count=int(m.group(2)))
    m = _HEADING_RE.fullmatch(s)
    if m is not None:
        return Section(normalize_space(m.group(1)), first_entry)
    return None


def parse_markdown(
    text: str, diag: Diagnostics, *, dialect: str, languages: bool, bom: bool, encoding: str | None
) -> Digest:
    """Parse a WeChat post in Markdown (already decoded, BOM removed)."""
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; each line keeps its own ending",
            line=1,
        )
    lines = split.lines
    header: str | None = None
    preamble_extra: list[str] = []
    sections: list[Section] = []
    notes: list[str] | None = None
    builders: list[EntryBuilder] = []
    loose: list[ContentLine] = []
    state = "preamble"

    def close_notes() -> None:
        if notes:
            sections[-1] = attrs.evolve(sections[-1], notes=tuple(notes))

    def flush_loose() -> None:
        for extra in loose:
            builders[-1].add_extra(extra, diag)
        loose.clear()

    for i, line in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else None
        if i == 0 and (m := _HEADER_RE.fullmatch(line.text.strip())) is not None:
            header = normalize_space(m.group(1))
            continue
        head = head_of(line.text, nxt)
        section = None if head is not None else _section_of(line.text, len(builders))
        if head is not None:
            flush_loose()
            close_notes()
            notes = None
            builders.append(EntryBuilder(line, head[0], head[1], len(builders)))
            state = "entry"
        elif section is not None:
            if builders:
                flush_loose()
            close_notes()
            sections.append(section)
            notes = []
            state = "section"
        elif state == "entry" and not _HR_RE.fullmatch(line.text.strip()):
            if builders[-1].accepts(line.text):
                builders[-1].add(line)
            else:
                loose.append(line)
                state = "loose"
        elif state == "preamble":
            preamble_extra.append(line.text)
        elif state == "section" and notes is not None:
            notes.append(line.text)
        else:
            loose.append(line)
            state = "loose"
    close_notes()
    trailer = [c.text for c in loose]

    entries = [b.build(diag, k == len(builders) - 1, languages) for k, b in enumerate(builders)]
    date = None
    if header is not None and (dm := _DATE_RE.search(header)) is not None:
        date = _date(dm, diag)
    digest = Digest(
        dialect=dialect,
        entries=tuple(entries),
        header=header,
        date=date,
        preamble_extra=tuple(preamble_extra),
        sections=tuple(sections),
        trailer=tuple(trailer),
        encoding=encoding,
        # An empty text has one empty "line": no tail (it renders as "" either way).
        layout=DigestLayout(newline=split.newline, bom=bom, tail=split.tail if text else ()),
    )
    rendered, roles = _document_lines(digest)
    digest = apply_exact_overrides(digest, split, rendered, roles, _default_gap, diag)
    _check_counts(digest, diag)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _date(m: re.Match[str], diag: Diagnostics) -> _dt.date | None:
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        diag.report(DefectKind.BAD_DATE, "the header's date is not a calendar date", line=1)
        return None


def _check_counts(d: Digest, diag: Diagnostics) -> None:
    n = len(d.entries)
    for k, s in enumerate(d.sections):
        if s.declared_count is None:
            continue
        later = d.sections[k + 1 :]
        if s.code is None:
            ends = [t.first_entry for t in later]
        else:
            ends = [t.first_entry for t in later if t.code is not None or t.declared_count is None]
        found = (ends[0] if ends else n) - s.first_entry
        if found != s.declared_count:
            what = f"{s.code} count line" if s.code is not None else f"group {s.title!r}"
            diag.report(
                DefectKind.COUNT_MISMATCH,
                f"{what} declares {s.declared_count} papers, {found} found",
                where=f"section[{k + 1}]",
            )
