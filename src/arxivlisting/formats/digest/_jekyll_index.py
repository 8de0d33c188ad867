"""Private: the jekyll generator's day index (``docs/<cat>/<day>/index.md``).

::

    ---  /  layout: default  /  title: arXiv 中文要点汇总 - cs.CL - 2025-12-23  /  ---
    # cs.CL（2025-12-23）
    📊 共 **15** 篇论文                                       (Digest.total)
     | 🔗 **4** 篇有代码
    ## 🎯 兴趣领域导航 … <div class="interest-nav"> … </div>  ---      (kept as written)
    <h2 id="slug">🔬 支柱九：具身大模型 (Embodied Foundation Models) (8 篇)</h2>    a section
    <table> <thead> <tr><th>#</th>…</tr> </thead> <tbody>     (the section's notes)
    <tr>                                                      one entry per row:
      <td>1</td>                                              number
      <td><a href="./papers/ID-slug.html">Title</a></td>      title, extra_fields["page"]
      <td>一句话要点</td>                                       ai_summary
      <td class="tags-cell"><span class="paper-tag">tag</span> …</td>      keywords
      <td>✅</td>                                              extra_fields["has_code"]
      <td><button class="favorite-btn" data-arxiv-id="IDvN" …         the id; the title again,
          onclick="toggleFavorite(this, 'IDvN', '…&#39;…')" …>☆</button></td>    HTML-escaped
    </tr>
    </tbody> </table>                                         after each section's rows
    [⬅️ 返回 cs.CL 首页](../index.html) · [🏠 返回主页](../../index.html)    (trailer)

The lines before the first section are ``preamble_extra`` (``header`` is the front
matter's title, ``topic`` the category and ``date`` the day of the ``#`` heading,
``total`` the 📊 count); what follows the last table is the ``trailer``.
"""

from __future__ import annotations

import datetime as _dt
import html
import re

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...records import Paper
from ...text import normalize_space
from ._common import check_counts, is_placeholder, render_layout, tag_languages
from ._jekyll_common import (
    entry_exact_layout,
    extra_value,
    html_attr,
    parse_date,
    read_id,
    read_yaml_scalar,
)
from ._lines import ContentLine, exact_overrides, split_text
from .records import Digest, DigestEntry, DigestLayout, EntryLayout, Section

__all__ = ["index_preamble", "parse_index", "render_index"]

_ROW = ("tr_open", "number", "title", "summary", "tags", "code", "fav", "tr_close")
_CLOSE = ("</tbody>", "</table>")
_H2_RE = re.compile(r'<h2 id="[^"]*">(?:🔬\s*)?(.*?)\s*[(（]\s*(\d+)\s*篇\s*[)）]\s*</h2>')
_TD_RE = re.compile(r"<td>(.*)</td>")
_TITLE_RE = re.compile(r'<td><a href="([^"]*)">(.*)</a></td>')
_TAGS_RE = re.compile(r'<td class="tags-cell">(.*)</td>')
_TAG_RE = re.compile(r'<span class="paper-tag">(.*?)</span>')
_FAV_RE = re.compile(r'<td><button class="favorite-btn" data-arxiv-id="([^"]*)"')
_H1_RE = re.compile(r"#\s+(\S+?)\s*[（(](\d{4}-\d{2}-\d{2})[）)]")
_TOTAL_RE = re.compile(r"📊\s*共\s*\*\*(\d+)\*\*\s*篇")


def index_preamble(topic: str, day: str, total: int) -> tuple[str, ...]:
    """The lines an index page starts with (front matter, heading, count).

    >>> index_preamble("cs.CL", "2025-12-23", 15)[-1]
    '📊 共 **15** 篇论文'
    """
    return (
        "---",
        "layout: default",
        f"title: arXiv 中文要点汇总 - {topic} - {day}",
        "---",
        f"# {topic}（{day}）",
        f"📊 共 **{total}** 篇论文",
    )


def _slug(title: str) -> str:
    text = re.sub(r"[^\w\s-]", "", title.lower())
    return re.sub(r"\s+", "-", text.strip())


def _section_line(s: Section) -> str:
    count = "" if s.declared_count is None else f" ({s.declared_count} 篇)"
    return f'<h2 id="{_slug(s.title)}">🔬 {s.title}{count}</h2>'


# -- rendering ----------------------------------------------------------------------


def row_lines(entry: DigestEntry) -> list[str]:
    """The lines of one table row, the entry's layout applied."""
    p = entry.paper
    pid = "" if p.id is None else str(p.id)
    title = p.title or ""
    page = extra_value(entry, "page") or ""
    tags = " ".join(f'<span class="paper-tag">{k}</span>' for k in entry.keywords)
    texts = {
        "tr_open": "<tr>",
        "number": f"  <td>{'' if entry.number is None else entry.number}</td>",
        "title": f'  <td><a href="{page}">{title}</a></td>',
        "summary": f"  <td>{entry.ai_summary or ''}</td>",
        "tags": f'  <td class="tags-cell">{tags}</td>',
        "code": f"  <td>{extra_value(entry, 'has_code') or ''}</td>",
        "fav": f'  <td><button class="favorite-btn" data-arxiv-id="{pid}" '
        f'data-paper-url="{page}" onclick="toggleFavorite(this, \'{pid}\', '
        f'\'{html_attr(title)}\')" title="添加到收藏夹">☆</button></td>',
        "tr_close": "</tr>",
    }
    roles = entry.layout.order or _ROW
    verbatim = dict(entry.layout.verbatim)
    extras = iter(entry.layout.extra)
    return [
        verbatim.get(i, next(extras, "") if role == "extra" else texts.get(role, ""))
        for i, role in enumerate(roles)
    ]


def _document(d: Digest) -> tuple[list[str], list[str]]:
    lines = list(d.preamble_extra)
    roles = ["preamble"] * len(lines)
    starts: dict[int, list[Section]] = {}
    for s in d.sections:
        starts.setdefault(s.first_entry, []).append(s)
    in_section = False
    rows_open = 0  # rows written under the current section

    def close() -> None:
        if rows_open:
            lines.extend(_CLOSE)
            roles.extend(["close"] * len(_CLOSE))

    for k in range(len(d.entries) + 1):
        for s in starts.get(k, ()):
            close()
            in_section, rows_open = True, 0
            lines.append(_section_line(s))
            roles.append("section")
            lines.extend(s.notes)
            roles.extend(["note"] * len(s.notes))
        if k < len(d.entries):
            rows = row_lines(d.entries[k])
            lines += rows
            roles += ["row"] * len(rows)
            rows_open += in_section
    close()
    lines += d.trailer
    roles += ["trailer"] * len(d.trailer)
    return lines, roles


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None:
        return ()
    if role == "section" or (role == "trailer" and prev != "trailer"):
        return ("", "")
    if role in ("note", "row", "close") and prev != "section":
        return ()
    return ("",)


def render_index(d: Digest) -> str:
    """The index page's text (without a BOM)."""
    rendered, roles = _document(d)
    return render_layout(d, rendered, roles, _default_gap, bom=False)


# -- parsing ------------------------------------------------------------------------


def parse_index(
    text: str, diag: Diagnostics, *, languages: bool, bom: bool, encoding: str | None
) -> Digest:
    """Parse a day index page: one entry per table row, one section per interest."""
    split = split_text(text)
    lines = list(split.lines)
    i = 0
    preamble: list[str] = []
    while i < len(lines) and not _starts_body(lines[i].text):
        preamble.append(lines[i].text)
        i += 1
    sections: list[Section] = []
    entries: list[DigestEntry] = []
    trailer: list[str] = []
    while i < len(lines):
        stripped = lines[i].text.strip()
        h2 = _H2_RE.fullmatch(stripped)
        if h2 is not None:
            i += 1
            notes = []
            while i < len(lines) and not _starts_body(lines[i].text):
                notes.append(lines[i].text)
                i += 1
            title = normalize_space(html.unescape(h2.group(1)))
            sections.append(
                Section(title, len(entries), declared_count=int(h2.group(2)), notes=tuple(notes))
            )
        elif stripped == "<tr>":
            j = i + 1
            while (
                j < len(lines)
                and lines[j].text.strip() not in ("</tr>", "<tr>")
                and not _H2_RE.fullmatch(lines[j].text.strip())
            ):
                j += 1
            end = j + 1 if j < len(lines) and lines[j].text.strip() == "</tr>" else j
            entries.append(_row(lines[i:end], diag, len(entries) + 1, languages))
            i = end
            while i < len(lines) and lines[i].text.strip() in _CLOSE:
                i += 1
        else:
            trailer = [line.text for line in lines[i:]]
            break
    header, topic, day, total = _page_facts(preamble)
    digest = Digest(
        "jekyll",
        entries=tuple(entries),
        header=header,
        topic=topic,
        date=day,
        total=total,
        preamble_extra=tuple(preamble),
        sections=tuple(sections),
        trailer=tuple(trailer),
        encoding=encoding,
        layout=DigestLayout(newline=split.newline, bom=bom, tail=split.tail),
    )
    rendered, roles = _document(digest)
    gaps, verbatim, _ = exact_overrides(
        [c.text for c in split.lines], split.gaps, rendered, roles, _default_gap
    )
    digest = attrs.evolve(digest, layout=attrs.evolve(digest.layout, gaps=gaps, verbatim=verbatim))
    if not digest.entries and digest.total is None:
        diag.report(DefectKind.SYNTAX, "no table row and no paper count on the page", line=1)
    check_counts(digest, diag, declared=digest.total, what="rows")
    return digest


def _starts_body(text: str) -> bool:
    return text.strip() == "<tr>" or _H2_RE.fullmatch(text.strip()) is not None


def _page_facts(
    preamble: list[str],
) -> tuple[str | None, str | None, _dt.date | None, int | None]:
    """Header (front matter title), topic and date (the heading), total (the 📊 count)."""
    header = topic = None
    day: _dt.date | None = None
    total = None
    for text in preamble:
        stripped = text.strip()
        if stripped.startswith("title:") and header is None:
            header = normalize_space(read_yaml_scalar(stripped[len("title:") :]))
        m = _H1_RE.match(stripped)
        if m is not None and topic is None:
            topic, day = m.group(1), parse_date(m.group(2))
        t = _TOTAL_RE.search(stripped)
        if t is not None and total is None:
            total = int(t.group(1))
    return header, topic, day, total


def _row(lines: list[ContentLine], diag: Diagnostics, number: int, languages: bool) -> DigestEntry:
    where = f"entry[{number}]"
    roles: list[str] = []
    values: dict[str, str] = {}
    extra: list[str] = []
    k = 0  # the next expected role
    for line in lines:
        text = line.text.strip()
        found = next((j for j in range(k, len(_ROW)) if _row_line_is(_ROW[j], text)), None)
        if found is None:
            roles.append("extra")
            extra.append(line.text)
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "table line not understood here (kept as written)",
                line=line.lineno,
                snippet=line.text,
                where=where,
            )
            continue
        k = found + 1
        roles.append(_ROW[found])
        values[_ROW[found]] = text
    entry = _row_entry(values, diag, where, lines[0])
    entry = attrs.evolve(entry, layout=EntryLayout(extra=tuple(extra)))
    entry = entry_exact_layout(entry, lines, roles, list(_ROW), row_lines)
    return tag_languages(entry) if languages else entry


def _row_line_is(role: str, text: str) -> bool:
    if role == "tr_open":
        return text == "<tr>"
    if role == "number":
        return re.fullmatch(r"<td>\s*\d*\s*</td>", text) is not None
    if role == "title":
        return _TITLE_RE.fullmatch(text) is not None
    if role in ("summary", "code"):
        return _TD_RE.fullmatch(text) is not None and not text.startswith(
            ("<td><a ", "<td><button")
        )
    if role == "tags":
        return _TAGS_RE.fullmatch(text) is not None
    if role == "fav":
        return _FAV_RE.match(text) is not None
    return text == "</tr>"


def _row_entry(
    values: dict[str, str], diag: Diagnostics, where: str, first: ContentLine
) -> DigestEntry:
    number_m = re.fullmatch(r"<td>\s*(\d+)\s*</td>", values.get("number", ""))
    title_m = _TITLE_RE.fullmatch(values.get("title", ""))
    summary_m = _TD_RE.fullmatch(values.get("summary", ""))
    tags_m = _TAGS_RE.fullmatch(values.get("tags", ""))
    code_m = _TD_RE.fullmatch(values.get("code", ""))
    fav_m = _FAV_RE.match(values.get("fav", ""))
    paper_id = read_id(fav_m.group(1)) if fav_m else None
    if paper_id is None:
        diag.report(
            DefectKind.BAD_ID, "the row names no valid arXiv id", line=first.lineno, where=where
        )
    title = normalize_space(html.unescape(title_m.group(2))) if title_m else None
    summary = normalize_space(html.unescape(summary_m.group(1))) if summary_m else None
    if summary is not None and is_placeholder(summary):
        diag.report(
            DefectKind.PLACEHOLDER,
            "the row's summary holds no value",
            line=first.lineno,
            where=where,
        )
        summary = None
    extra_fields = []
    if title_m:
        extra_fields.append(("page", title_m.group(1)))
    if code_m and code_m.group(1).strip():
        extra_fields.append(("has_code", code_m.group(1).strip()))
    keywords = (
        [normalize_space(html.unescape(t)) for t in _TAG_RE.findall(tags_m.group(1))]
        if tags_m
        else []
    )
    return DigestEntry(
        paper=Paper(id=paper_id, title=title or None),
        ai_summary=summary,
        number=int(number_m.group(1)) if number_m else None,
        keywords=tuple(keywords),
        extra_fields=tuple(extra_fields),
    )
