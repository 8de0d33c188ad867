"""The papers.cool dialect (Cool Papers pages copied as Markdown): parse and render.

Grammar (content lines; blank lines between them are layout)::

    …anything…                                        preamble (kept as written)
    ## 1.3.1 Computation and Language                 a section heading, then its notes:
    **From**：[https://papers.cool/arxiv/cs.CL](…)      the source (gives Section.code)
    [https://arxiv.org/list/cs.CL/recent](…)
    2025-12-15 |   | Total: 40                        the count (Section.declared_count,
    2025-12-15 | | 总计：40                            Digest.date), with its echo
    ### [1](https://arxiv.org/abs/ID) [Title](https://papers.cool/arxiv/ID)  1 中文标题
                                                      (then the buttons: [PDF ] [Copy] …)
    **Authors**: [Name](…query=Name), [Name](…)       ``**Author**:`` for one author
    作者：名字、名字                                   echo (or on the authors line)
    English abstract                                  unlabelled paragraphs
    中文摘要
    **Subjects**: [Computation and Language](https://papers.cool/arxiv/cs.CL), …
    主题：计算与语言、…
    **Publish**: 2025-12-12 18:05:52 UTC
    发布：2025-12-12 18:05:52 UTC                      six spellings of the label and more
    …anything after the last entry…                   trailer (kept as written)

Three variants share the grammar: the *immersive bilingual* copy (English element, then
its Chinese echo, either on the next line or after a space on the same line), the
*plain* copy (no echoes) and the *machine-translated* copy (Chinese link texts and
labels, only the Chinese abstract): labels are read in both languages, and a title whose
link text is Chinese is the Chinese title.

Records: the heading gives ``number``, the id (from the arXiv link, else the
papers.cool link), ``Paper.links`` (both hrefs as written), the English title (HTML
entities such as ``&#39;`` decoded) and ``title_zh`` (the echo without its number);
subjects give ``Paper.categories`` in the page's order, which is arXiv's (primary first,
so ``primary_category`` is the first); ``Publish`` gives ``Paper.published`` (UTC).
Echoes go to ``authors_zh`` and ``extra_fields`` (``subjects_zh``, ``published_zh``); the
buttons to ``extra_fields["buttons"]``; other ``**Label**: value`` lines to
``extra_fields`` by label.

Document lines the grammar does not model are kept as written: ``preamble_extra`` (the
lines before the first section heading or entry), ``Section.notes`` (the lines between
a section heading and its first entry: the section's code and declared count are read
from them, and rendering writes them back) and ``trailer``. Headings between two
entries start sections (a heading directly followed by another one is a section
without entries). Exact round trips: entries store only departures from the canonical
form (role order, exact line texts), the document the blank-line runs that differ from
one blank line (none between a line and its echo), the newline and a BOM.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...text import normalize_space
from ._common import apply_exact_overrides, body_lines, check_counts, render_layout
from ._lines import ContentLine, split_text
from ._papers_cool_entry import EntryBuilder
from ._papers_cool_fields import read_heading
from ._papers_cool_render import ECHO_ROLES, entry_lines
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest, DigestLayout, Section

__all__ = ["looks_like", "parse", "render", "section_notes"]

DIALECT = "papers_cool"

_NUMBER_LINK = r"\[#?\d+\]\(https?://arxiv\.org/abs/[^)\s]+\)[ \t]*"
_SNIFF_RE = re.compile(
    rf"^(?:#{{1,6}}[ \t]+(?:{_NUMBER_LINK})?|{_NUMBER_LINK})"
    r"\[[^\n]*\]\(https?://papers\.cool/arxiv/(?:\d|[a-z-]+/\d)[^)\s]*\)",
    re.MULTILINE,
)
_SECTION_SNIFF_RE = re.compile(
    r"^\*\*From[：:]?\*\*[：:]?\s*\[https?://papers\.cool/arxiv/[^\]\n]+\].*\n"
    r"(?:[^\n]*\n){0,4}?[^\n]*\|[^|\n]*\|\s*Total\s*:\s*\d+\s*$",
    re.MULTILINE,
)
_MD_HEADING_RE = re.compile(r"(#{1,6})\s+(.*)")
_TOTAL_RE = re.compile(
    r"(?:(\d{4}-\d{2}-\d{2})\s*)?\|[^|\n]*\|\s*(?:Total|总计|共计|合计|总数)\s*[:：]\s*(\d+)\s*"
)
_CODE_RE = re.compile(
    r"(?:papers\.cool/arxiv|arxiv\.org/list)/([A-Za-z-]+(?:\.[A-Za-z-]+)?)(?:[/)\]]|$)"
)


def looks_like(head: str) -> bool:
    """True when the start of a text holds a papers.cool entry heading at a line start.

    A page whose first entry lies beyond the sniffed head is recognized by a section's
    papers.cool source line followed by its ``| Total: N`` line.
    """
    if "papers.cool/arxiv/" not in head:
        return False
    if head.lstrip().startswith("+++") and "[[items]]" in head:
        return False  # Hugo TOML item lists quote papers.cool text inside strings
    return _SNIFF_RE.search(head) is not None or _SECTION_SNIFF_RE.search(head) is not None


def section_notes(code: str | None, date: _dt.date | None, total: int | None) -> tuple[str, ...]:
    """The notes a papers.cool section starts with (source links, the total and its echo).

    >>> section_notes("cs.CL", None, 40)[-2:]
    ('|   | Total: 40', '| | 总计：40')
    """
    notes: list[str] = []
    if code is not None:
        url = f"https://papers.cool/arxiv/{code}"
        listing = f"https://arxiv.org/list/{code}/recent"
        notes += [f"**From**：[{url}]({url})", f"[{listing}]({listing})"]
    if total is not None:
        day = f"{date.isoformat()} " if date is not None else ""
        notes += [f"{day}|   | Total: {total}", f"{day}| | 总计：{total}"]
    return tuple(notes)


# -- rendering --------------------------------------------------------------------


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None or role in ECHO_ROLES:
        return ()
    return ("",)


def _document_lines(d: Digest) -> tuple[list[str | None], list[str]]:
    lines: list[str | None] = list(d.preamble_extra)
    roles: list[str] = ["preamble"] * len(d.preamble_extra)
    body, more_roles = body_lines(d, lambda s: (f"## {s.title}", "section"), entry_lines)
    return lines + body, roles + more_roles


def render(d: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as Markdown."""
    rendered, roles = _document_lines(d)
    return render_layout(d, rendered, roles, _default_gap)


# -- parsing ----------------------------------------------------------------------


def _is_md_heading(line: ContentLine) -> bool:
    return _MD_HEADING_RE.fullmatch(line.text.strip()) is not None


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse papers.cool Markdown (already decoded, BOM removed) into a :class:`Digest`."""
    del institutions  # papers.cool pages name no institutions
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; each line keeps its own ending",
            line=1,
        )
    lines = split.lines
    headings = [i for i, line in enumerate(lines) if read_heading(line.text) is not None]
    builders: list[EntryBuilder] = []
    sections: list[Section] = []
    preamble: list[str] = []
    trailer: list[str] = []
    first = headings[0] if headings else len(lines)
    _first_region(lines[:first], preamble, sections)
    for k, start in enumerate(headings):
        m = read_heading(lines[start].text)
        assert m is not None
        builder = EntryBuilder(lines[start], m, k)
        builders.append(builder)
        end = headings[k + 1] if k + 1 < len(headings) else len(lines)
        j = start + 1
        while j < end and builder.accepts(lines[j], lines[j + 1] if j + 1 < end else None):
            j += 1
        region = lines[j:end]
        if k + 1 == len(headings):
            trailer = [line.text for line in region]
            if not builder.complete and region:
                diag.report(
                    DefectKind.TRUNCATED,
                    "the last entry has no Publish line; what follows is kept as the trailer",
                    line=region[0].lineno,
                    snippet=region[0].text,
                    where=f"entry[{k + 1}]",
                )
        else:
            _gap_region(region, builder, sections, k + 1)
    entries = [b.build(diag, languages) for b in builders]
    date, total = _page_facts(preamble, sections, diag)
    digest = Digest(
        dialect=DIALECT,
        entries=tuple(entries),
        date=date,
        total=total,
        preamble_extra=tuple(preamble),
        sections=tuple(sections),
        trailer=tuple(trailer),
        encoding=encoding,
        layout=DigestLayout(newline=split.newline, bom=bom, tail=split.tail),
    )
    rendered, roles = _document_lines(digest)
    digest = apply_exact_overrides(digest, split, rendered, roles, _default_gap, diag)
    if not digest.entries and digest.total is None:
        diag.report(
            DefectKind.SYNTAX,
            "no papers.cool entry heading ('### [N](arxiv link) [title](papers.cool link)')",
            line=lines[0].lineno if lines else 1,
        )
    check_counts(digest, diag, declared=digest.total)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _first_region(
    region: Sequence[ContentLine], preamble: list[str], sections: list[Section]
) -> None:
    """Before the first entry: the last heading starts a section, the rest is preamble."""
    marks = [i for i, line in enumerate(region) if _is_md_heading(line)]
    if not marks:
        preamble.extend(line.text for line in region)
        return
    last = marks[-1]
    preamble.extend(line.text for line in region[:last])
    sections.append(_section(region[last], region[last + 1 :], 0))


def _gap_region(
    region: Sequence[ContentLine], builder: EntryBuilder, sections: list[Section], index: int
) -> None:
    """Between entries: lines before a heading stay with the entry; headings open sections."""
    marks = [i for i, line in enumerate(region) if _is_md_heading(line)]
    head = region[: marks[0]] if marks else region
    for line in head:
        builder.lines.append(line)
        builder.roles.append("extra")
    for a, b in zip(marks, [*marks[1:], len(region)], strict=False):
        sections.append(_section(region[a], region[a + 1 : b], index))


def _section(heading: ContentLine, notes: Sequence[ContentLine], first_entry: int) -> Section:
    m = _MD_HEADING_RE.fullmatch(heading.text.strip())
    title = normalize_space(m.group(2)) if m else normalize_space(heading.text)
    code = None
    declared = None
    for line in notes:
        cm = _CODE_RE.search(line.text)
        if cm is not None and code is None:
            code = cm.group(1)
        tm = _TOTAL_RE.fullmatch(line.text.strip())
        if tm is not None and declared is None:
            declared = int(tm.group(2))
    return Section(
        title,
        first_entry,
        code=code,
        declared_count=declared,
        notes=tuple(line.text for line in notes),
    )


def _page_facts(
    preamble: Sequence[str], sections: Sequence[Section], diag: Diagnostics
) -> tuple[_dt.date | None, int | None]:
    """The page's date (of its first total line) and its own total (outside sections)."""
    date: _dt.date | None = None
    total: int | None = None
    for where, texts in [("preamble", preamble)] + [
        (f"section[{i + 1}]", s.notes) for i, s in enumerate(sections)
    ]:
        for text in texts:
            m = _TOTAL_RE.fullmatch(text.strip())
            if m is None:
                continue
            if where == "preamble" and total is None:
                total = int(m.group(2))
            if m.group(1) is None:
                continue
            try:
                day = _dt.date.fromisoformat(m.group(1))
            except ValueError:
                diag.report(
                    DefectKind.BAD_DATE,
                    "the date of the total line is not a calendar date",
                    snippet=text,
                    where=where,
                )
                continue
            if date is None:
                date = day
            elif day != date:
                diag.report(
                    DefectKind.INCONSISTENT,
                    f"total lines name two dates ({date} and {day}); the first is the page's",
                    snippet=text,
                    where=where,
                )
    return date, total
