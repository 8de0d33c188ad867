"""Private: helpers every digest dialect shares (language tags, placeholders)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...lang import detect_language
from ._lines import ContentLine, SplitText, exact_overrides, join_lines
from .records import Digest, DigestEntry, Section

__all__ = [
    "PLACEHOLDERS",
    "apply_exact_overrides",
    "body_lines",
    "check_counts",
    "entry_exact_layout",
    "is_placeholder",
    "render_layout",
    "tag_languages",
]

#: Texts digests write where a value is missing; parsers map them to None with a defect.
PLACEHOLDERS = frozenset(
    {"", "null", "none", "None", "N/A", "n/a", "NA", "未知", "无", "暂无", "-", "—", "[]", "{}"}
)


def is_placeholder(text: str | None) -> bool:
    """True for None and for the texts digests use to mean "no value".

    >>> is_placeholder("未知"), is_placeholder("  "), is_placeholder("12 pages")
    (True, True, False)
    """
    return text is None or text.strip() in PLACEHOLDERS


def tag_languages(entry: DigestEntry) -> DigestEntry:
    """``entry`` with every free-text field tagged with its language.

    AI annotations are tagged under ``ai:<name>`` so they never collide with paper fields.
    """
    p = entry.paper
    tags = []
    for name, value in (
        ("title", p.title),
        ("title_zh", entry.title_zh),
        ("ai_summary", entry.ai_summary),
        ("comments", p.comments),
        ("abstract_zh", entry.abstract_zh),
        ("abstract", p.abstract),
        *((f"ai:{name}", text) for name, text in entry.ai_fields),
    ):
        lang = detect_language(value)
        if lang is not None:
            tags.append((name, lang))
    return attrs.evolve(entry, languages=tuple(tags))


def apply_exact_overrides(
    digest: Digest,
    split: SplitText,
    rendered: Sequence[str | None],
    roles: Sequence[str],
    default_gap: Callable[[str | None, str], tuple[str, ...]],
    diag: Diagnostics,
) -> Digest:
    """``digest`` with the gap and line overrides that make rendering exact (see
    :func:`_lines.exact_overrides`); a line-count mismatch is reported as INCONSISTENT."""
    source = [c.text for c in split.lines]
    gaps, verbatim, same = exact_overrides(source, split.gaps, rendered, roles, default_gap)
    if not same:  # a parser bug, not an input problem: say so loudly
        diag.report(
            DefectKind.INCONSISTENT,
            f"internal: {len(source)} content lines read but {len(rendered)} would be written;"
            " the text will not round-trip exactly",
            line=1,
        )
    if not gaps and not verbatim:
        return digest
    return attrs.evolve(digest, layout=attrs.evolve(digest.layout, gaps=gaps, verbatim=verbatim))


def check_counts(
    digest: Digest,
    diag: Diagnostics,
    *,
    declared: int | None,
    what: str = "entries",
    section_filter: Callable[[Section], bool] | None = None,
) -> None:
    """Report a declared total, and declared section sizes, that disagree with the entries.

    A section runs from its first entry to the next section's; ``section_filter`` leaves
    out sections whose counts mean something else (False = not checked).
    """
    if declared is not None and declared != len(digest.entries):
        diag.report(
            DefectKind.COUNT_MISMATCH,
            f"the page declares {declared} papers but {len(digest.entries)} {what} were found",
            line=1,
            where="preamble",
        )
    bounds = [s.first_entry for s in digest.sections] + [len(digest.entries)]
    for k, (s, end) in enumerate(zip(digest.sections, bounds[1:], strict=True)):
        if s.declared_count is None or (section_filter is not None and not section_filter(s)):
            continue
        found = end - s.first_entry
        if s.declared_count != found:
            diag.report(
                DefectKind.COUNT_MISMATCH,
                f"section {s.title!r} declares {s.declared_count} papers, {found} found",
                where=f"section[{k + 1}]",
            )


def entry_exact_layout(
    entry: DigestEntry,
    lines: Sequence[ContentLine],
    roles: Sequence[str],
    canonical: Sequence[str],
    render: Callable[[DigestEntry], Sequence[str]],
) -> DigestEntry:
    """``entry`` with the role order and exact line texts that make ``render`` give
    ``lines`` (nothing recorded when the canonical rendering already does)."""
    order: tuple[str, ...] = () if list(roles) == list(canonical) else tuple(roles)
    probe = entry
    if order or entry.layout.order or entry.layout.verbatim:
        probe = attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order, verbatim=()))
    rendered = render(probe)
    verbatim = tuple(
        (i, line.text)
        for i, (line, text) in enumerate(zip(lines, rendered, strict=False))
        if line.text != text
    )
    if not verbatim:
        return probe
    return attrs.evolve(probe, layout=attrs.evolve(probe.layout, verbatim=verbatim))


def body_lines(
    digest: Digest,
    section_line: Callable[[Section], tuple[str, str]],
    entry_lines: Callable[[DigestEntry], tuple[Sequence[str | None], Sequence[str]]],
) -> tuple[list[str | None], list[str]]:
    """The lines and roles of the sections and entries of ``digest``, in document order:
    each section's heading (``section_line`` gives text and role) and notes before its
    first entry, then the entries, then ``trailer``."""
    lines: list[str | None] = []
    roles: list[str] = []
    by_start: dict[int, list[Section]] = {}
    for s in digest.sections:
        by_start.setdefault(s.first_entry, []).append(s)

    def add_sections(index: int) -> None:
        for s in by_start.get(index, ()):
            text, role = section_line(s)
            lines.append(text)
            roles.append(role)
            lines.extend(s.notes)
            roles.extend(["section_note"] * len(s.notes))

    for index, entry in enumerate(digest.entries):
        add_sections(index)
        more_lines, more_roles = entry_lines(entry)
        lines.extend(more_lines)
        roles.extend(more_roles)
    add_sections(len(digest.entries))
    lines.extend(digest.trailer)
    roles.extend(["trailer"] * len(digest.trailer))
    return lines, roles


def render_layout(
    digest: Digest,
    rendered: Sequence[str | None],
    roles: Sequence[str],
    default_gap: Callable[[str | None, str], tuple[str, ...]],
    *,
    bom: bool = True,
) -> str:
    """Join canonical lines into the text, applying the layout's exact-line overrides,
    gaps, tail, newline and (with ``bom``) the byte-order mark."""
    lines = [line or "" for line in rendered]
    if digest.layout.verbatim:
        verbatim = dict(digest.layout.verbatim)
        lines = [verbatim.get(i, line) for i, line in enumerate(lines)]
    layout = digest.layout
    text = join_lines(lines, roles, default_gap, dict(layout.gaps), layout.tail, layout.newline)
    return ("\ufeff" + text) if bom and layout.bom else text
