"""Private: the dw dialect's Markdown pages (``data/YYYY-MM-DD.md``): parse and render.

Three generations are known, and kept apart as shapes so each is written back its way:

* ``md-early`` (2025-03): entries only, ``### [Title](url)``, plain ``Task:``/``Motivation:``
  before ``<details>`` and ``Method:``... ``Abstract:`` inside;
* ``md-main`` (upstream, mid 2025): ``<div id=toc></div>``, ``# Table of Contents``, items
  ``- [cs.CV](#cs.CV) [Total: 50]``, sections ``<div id='cs.CV'></div>`` /
  ``# cs.CV [[Back]](#toc)``, numbered entries with ``Main category:`` and ``TL;DR:``;
* ``md-fork`` (xmkxabc, 2025-06): ``# AI-Enhanced arXiv Daily 2025-06-28``,
  ``<a id='toc'></a>``, ``## 今日总计: 450 篇论文``, ``### 目录``, items
  ``- [cs.CR](#cscr) (12 篇)``, ``---``, sections ``<a id='cscr'></a>`` / ``## cs.CR ``,
  bold labels, a back link and a rule after each entry.

The entry grammar is in ``_dw_md_entry``. Here: the preamble (header with the date, the
total, the table of contents), the sections (title and the count the table of contents
declares) and the exact layout. The roles of the lines that are not entries (preamble,
section lines, notes under a section heading) are the document's *skeleton*; it is stored
after the shape token in ``preamble_order`` when it is not the canonical one. A table of
contents item whose section is not in the text (a page cut short) is kept as written in
``preamble_extra``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...text import normalize_space
from ._common import apply_exact_overrides, check_counts, render_layout
from ._dw_common import preamble_roles, report_repeats, shape_of, shape_token
from ._dw_md_entry import EntryBuilder, classify_heading, entry_lines, guess_shape
from ._dw_md_labels import slug
from ._lines import split_text
from .records import Digest, DigestEntry, DigestLayout, Section

__all__ = ["parse_markdown", "render_markdown"]

_TOC_ANCHOR_RE = re.compile(r"<(a|div)\s+id=['\"]?toc['\"]?\s*>\s*</(a|div)>")
_TOC_TITLE_RE = re.compile(r"#{1,3}\s*(目录|Table of Contents)\s*")
_TOTAL_RE = re.compile(r"##\s+([^:：]+)[:：]\s*(\d{1,9})(?:\s*(?:篇论文|篇|papers?))?")
_TOC_ITEM_RE = re.compile(
    r"-\s*\[(.+?)\]\(#([^)]*)\)\s*(?:\((\d{1,9})\s*篇\)|\[Total:\s*(\d{1,9})\])"
)
_RULE_RE = re.compile(r"-{3,}")
_ANCHOR_RE = re.compile(r"<(?:a|div)\s+id=['\"]?([^'\">]*)['\"]?\s*>\s*</(?:a|div)>")
_SECTION_RE = re.compile(r"#{1,2}\s+(.*)")
_SECTION_DIV_RE = re.compile(r"<div\s+id=['\"]?[^'\">]*['\"]?\s*>\s*</div>")
_BACK = "[[Back]](#toc)"
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")

_NO_GAP = {
    "md-fork": {
        ("heading", "title_zh"),
        ("heading", "authors"),
        ("details", "summary_tag"),
        ("toc_anchor", "total"),
        ("toc_anchor", "toc_title"),
        ("total", "toc_title"),
        ("toc_title", "toc"),
        ("toc", "toc"),
        ("toc", "preamble_extra"),
        ("preamble_extra", "preamble_extra"),
        ("toc_rule", "section_anchor"),
        ("section_anchor", "section"),
    },
    "md-main": {
        ("heading", "authors"),
        ("details", "summary_tag"),
        ("toc", "toc"),
        ("toc", "preamble_extra"),
        ("preamble_extra", "preamble_extra"),
    },
    "md-early": {("heading", "authors"), ("details", "summary_tag")},
}
_TWO_BLANKS = {
    ("ai:tldr", "details"),
    ("details_end", "heading"),
    ("details_end", "section_anchor"),
    ("toc", "section_anchor"),
    ("preamble_extra", "section_anchor"),
}


def _default_gap(shape: str) -> Callable[[str | None, str], tuple[str, ...]]:
    no_gap = _NO_GAP[shape]

    def gap(prev: str | None, role: str) -> tuple[str, ...]:
        if prev is None or role == "cont" or (prev, role) in no_gap:
            return ()
        if shape != "md-fork" and prev == "summary_tag":
            return ()
        if shape == "md-main" and (prev, role) in _TWO_BLANKS:
            return ("", "")
        return ("",)

    return gap


# -- rendering --------------------------------------------------------------------------


def _canonical_skeleton(d: Digest, shape: str) -> list[str]:
    counted = sum(1 for s in d.sections if s.declared_count is not None)
    extra = ["preamble_extra"] * len(d.preamble_extra)
    roles = ["header"] if d.header is not None else []
    if shape == "md-fork" and (d.total is not None or counted):
        roles.append("toc_anchor")
        roles += ["total"] if d.total is not None else []
        roles += ["toc_title"] + ["toc"] * counted + extra + ["toc_rule"]
    else:
        roles += ["total"] if d.total is not None else []
        if counted:
            roles += ["toc_anchor", "toc_title"] + ["toc"] * counted
        roles += extra
    for s in d.sections:
        roles += ["section_anchor", "section"] + ["section_note"] * len(s.notes)
    return roles


def _skeleton_text(d: Digest, shape: str, role: str, k: int, section: Section | None) -> str:
    fork = shape == "md-fork"
    title = section.title if section is not None else ""
    if role == "header":
        return f"# {d.header or ''}"
    if role == "toc_anchor":
        return "<a id='toc'></a>" if fork else "<div id=toc></div>"
    if role == "total":
        return f"## {d.total_label or '今日总计'}: {d.total} 篇论文"
    if role == "toc_title":
        return "### 目录" if fork else "# Table of Contents"
    if role == "toc":
        counted = [s for s in d.sections if s.declared_count is not None]
        if k >= len(counted):
            return ""
        s = counted[k]
        if fork:
            return f"- [{s.title}](#{slug(s.title)}) ({s.declared_count} 篇)"
        return f"- [{s.title}](#{s.title}) [Total: {s.declared_count}]"
    if role == "toc_rule":
        return "---"
    if role == "preamble_extra":
        return d.preamble_extra[k] if k < len(d.preamble_extra) else ""
    if role == "section_anchor":
        return f"<a id='{slug(title)}'></a>" if fork else f"<div id='{title}'></div>"
    if role == "section":
        return f"## {title} " if fork else f"# {title} [[Back]](#toc)"
    if role == "section_note":
        return section.notes[k] if section is not None and k < len(section.notes) else ""
    return ""


def _document_lines(d: Digest, shape: str) -> tuple[list[str], list[str]]:
    """Canonical content lines of the whole page and their roles (entry layouts applied)."""
    skeleton = preamble_roles(d) or _canonical_skeleton(d, shape)
    lines: list[str] = []
    roles: list[str] = []
    sections = d.sections
    sec = -1
    next_entry = 0
    counters: dict[str, int] = {}

    def flush(upto: int) -> None:
        nonlocal next_entry
        title = sections[sec].title if 0 <= sec < len(sections) else None
        while next_entry < min(upto, len(d.entries)):
            more_lines, more_roles = entry_lines(d.entries[next_entry], shape, title)
            lines.extend(more_lines)
            roles.extend(more_roles)
            next_entry += 1

    prev: str | None = None
    for role in skeleton:
        if role == "section_anchor" or (role == "section" and prev != "section_anchor"):
            if sec + 1 < len(sections):
                flush(sections[sec + 1].first_entry)
            sec += 1
            counters["section_note"] = 0
        k = counters.get(role, 0)
        counters[role] = k + 1
        section = sections[sec] if 0 <= sec < len(sections) else None
        lines.append(_skeleton_text(d, shape, role, k, section))
        roles.append(role)
        prev = role
    flush(len(d.entries))
    return lines, roles


def render_markdown(d: Digest) -> str:
    """Write a digest as a dw Markdown page in its shape."""
    shape = shape_of(d)
    rendered, roles = _document_lines(d, shape)
    return render_layout(d, rendered, roles, _default_gap(shape))


# -- parsing ----------------------------------------------------------------------------


def _section_title(text: str) -> str:
    """``## <div id='cs.CV'></div> cs.CV [[Back]](#toc)`` -> ``cs.CV``."""
    m = _SECTION_RE.fullmatch(text)
    body = m.group(1) if m else text
    body = _SECTION_DIV_RE.sub("", body, count=1).strip()
    if body.endswith(_BACK):
        body = body[: -len(_BACK)]
    return normalize_space(body)


def _is_section_heading(text: str) -> bool:
    return text.startswith(("# ", "## ")) and not _TOC_TITLE_RE.fullmatch(text)


def parse_markdown(
    text: str,
    diag: Diagnostics,
    *,
    languages: bool,
    bom: bool,
    encoding: str | None,
) -> Digest:
    """Parse a dw Markdown page (already decoded, BOM removed) into a :class:`Digest`."""
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; each line keeps its own ending",
            line=1,
        )
    lines = split.lines
    texts = [c.text.strip() for c in lines]
    shape = _guess(texts)
    values: dict[str, object] = {}
    skeleton: list[str] = []
    toc_items: list[tuple[int, str, int, str]] = []  # skeleton index, title, count, text
    extras: dict[int, str] = {}  # skeleton index -> text of a preamble_extra line
    sections: list[Section] = []
    notes: list[str] = []
    builders: list[tuple[EntryBuilder, re.Match[str] | None]] = []
    current: EntryBuilder | None = None
    in_preamble = True

    def close_notes() -> None:
        if notes and sections:
            sections[-1] = attrs.evolve(sections[-1], notes=tuple(notes))
        notes.clear()

    for i, line in enumerate(lines):
        s = texts[i]
        if s.startswith("###") and not _TOC_TITLE_RE.fullmatch(s):
            close_notes()
            title = sections[-1].title if sections else None
            current = EntryBuilder(line, len(builders), title)
            builders.append((current, classify_heading(s)))
            in_preamble = False
            continue
        anchor = _ANCHOR_RE.fullmatch(s)
        next_is_section = i + 1 < len(lines) and _is_section_heading(texts[i + 1])
        if anchor and next_is_section and not _TOC_ANCHOR_RE.fullmatch(s):
            close_notes()
            skeleton.append("section_anchor")
            current, in_preamble = None, False
            continue
        if in_preamble:
            role = _preamble_role(s, values, diag, line.lineno)
            if role == "toc":
                m = _TOC_ITEM_RE.fullmatch(s)
                assert m is not None
                toc_items.append(
                    (len(skeleton), m.group(1), int(m.group(3) or m.group(4)), line.text)
                )
            if role != "section":
                if role == "preamble_extra":
                    extras[len(skeleton)] = line.text
                skeleton.append(role)
                continue
        if _is_section_heading(s) and (not in_preamble or _SECTION_RE.fullmatch(s)):
            close_notes()
            title = _section_title(s)
            sections.append(Section(title, len(builders)))
            skeleton.append("section")
            current, in_preamble = None, False
            continue
        if current is not None:
            current.add(line)
        elif sections:
            notes.append(line.text)
            skeleton.append("section_note")
        else:  # pragma: no cover - everything before an entry or section is preamble
            extras[len(skeleton)] = line.text
            skeleton.append("preamble_extra")
    close_notes()

    _match_toc(sections, toc_items, skeleton, extras, diag)
    entries: list[DigestEntry] = [
        b.build(diag, m, shape, k == len(builders) - 1, languages)
        for k, (b, m) in enumerate(builders)
    ]
    report_repeats(
        [(e.paper.id, b.lines[0].lineno) for e, (b, _) in zip(entries, builders, strict=True)], diag
    )
    digest = Digest(
        dialect="dw",
        entries=tuple(entries),
        preamble_extra=tuple(extras[k] for k in sorted(extras)),
        sections=tuple(sections),
        encoding=encoding,
        **values,  # type: ignore[arg-type]
    )
    token = shape_token(shape)
    canonical = _canonical_skeleton(digest, shape)
    layout = DigestLayout(
        newline=split.newline,
        bom=bom,
        tail=split.tail,
        preamble_order=token + (() if skeleton == canonical else tuple(skeleton)),
    )
    digest = attrs.evolve(digest, layout=layout)
    rendered, roles = _document_lines(digest, shape)
    digest = apply_exact_overrides(digest, split, rendered, roles, _default_gap(shape), diag)
    check_counts(digest, diag, declared=digest.total)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _guess(texts: list[str]) -> str:
    for i, s in enumerate(texts):
        if s.startswith("###") and not _TOC_TITLE_RE.fullmatch(s):
            return guess_shape(texts[i : i + 12])
    if any(s.startswith("<a id=") for s in texts):
        return "md-fork"
    if any(s.startswith("<div id=") for s in texts):
        return "md-main"
    return "md-fork"


def _preamble_role(s: str, values: dict[str, object], diag: Diagnostics, lineno: int) -> str:
    if _TOC_ANCHOR_RE.fullmatch(s):
        return "toc_anchor"
    if _TOC_TITLE_RE.fullmatch(s):
        return "toc_title"
    m = _TOTAL_RE.fullmatch(s)
    if m is not None and "total" not in values:
        values["total_label"] = normalize_space(m.group(1))
        values["total"] = int(m.group(2))
        return "total"
    if _TOC_ITEM_RE.fullmatch(s):
        return "toc"
    if _RULE_RE.fullmatch(s):
        return "toc_rule"
    if s.startswith("# ") and "header" not in values and "[[Back]]" not in s:
        header = normalize_space(s[2:])
        values["header"] = header
        dm = _DATE_RE.search(header)
        if dm is not None:
            try:
                values["date"] = _dt.date.fromisoformat(dm.group(1))
            except ValueError:
                diag.report(
                    DefectKind.BAD_DATE,
                    "the header's date is not a calendar date",
                    line=lineno,
                    snippet=dm.group(1),
                    where="preamble",
                )
        return "header"
    if _is_section_heading(s) and (s.startswith("## ") or "[[Back]]" in s):
        return "section"
    diag.report(
        DefectKind.UNKNOWN_ELEMENT,
        "line before the first entry not understood (kept as written)",
        line=lineno,
        snippet=s,
        where="preamble",
    )
    return "preamble_extra"


def _match_toc(
    sections: list[Section],
    items: list[tuple[int, str, int, str]],
    skeleton: list[str],
    extras: dict[int, str],
    diag: Diagnostics,
) -> None:
    """Give each section the count its table of contents item declares."""
    unmatched = []
    used: set[int] = set()
    for pos, title, count, text in items:
        k = next((k for k, s in enumerate(sections) if k not in used and s.title == title), None)
        if k is None:
            skeleton[pos] = "preamble_extra"
            extras[pos] = text
            unmatched.append(title)
            continue
        used.add(k)
        sections[k] = attrs.evolve(sections[k], declared_count=count)
    if unmatched:
        diag.report(
            DefectKind.COUNT_MISMATCH,
            f"the table of contents lists {len(unmatched)} section(s) not in the text"
            " (kept as written)",
            line=1,
            snippet=", ".join(unmatched),
            where="preamble",
        )
