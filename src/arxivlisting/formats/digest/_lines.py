"""Private: the line machinery shared by the line-oriented digest dialects.

A source is split into *content lines* (not blank) and the runs of blank lines between
them. Parsers give each content line a role; renderers produce the canonical content
lines from records and join them with the dialect's default gaps, except where the
layout records that the source did otherwise. This keeps exact round trips cheap: only
departures from the canonical form are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

__all__ = ["ContentLine", "SplitText", "exact_overrides", "join_lines", "split_text"]


@attrs.frozen
class ContentLine:
    """A non-blank line: its text, 1-based line number and 0-based character offset."""

    text: str
    lineno: int
    offset: int


@attrs.frozen
class SplitText:
    """A text cut into content lines, the blank runs before each, and the tail."""

    lines: tuple[ContentLine, ...]
    gaps: tuple[tuple[str, ...], ...]  # gaps[i]: blank lines before lines[i]
    tail: tuple[str, ...]  # blank lines after the last content line ("" = final newline)
    newline: str
    mixed_newlines: bool


def split_text(text: str) -> SplitText:
    """Split ``text`` into content lines and blank runs, noting the newline convention.

    ``"\\r\\n"`` is used when every line break is CRLF; otherwise ``"\\n"`` (a lone CR in
    a CRLF text is kept inside its line, and ``mixed_newlines`` reports the mix).
    """
    crlf = text.count("\r\n")
    lf = text.count("\n")
    newline = "\r\n" if crlf and crlf == lf else "\n"
    mixed = bool(crlf) and crlf != lf
    body = text.replace("\r\n", "\n") if newline == "\r\n" else text
    raw_lines = body.split("\n")
    lines: list[ContentLine] = []
    gaps: list[tuple[str, ...]] = []
    pending: list[str] = []
    offset = 0
    for number, raw in enumerate(raw_lines, 1):
        if raw.strip():
            lines.append(ContentLine(raw, number, offset))
            gaps.append(tuple(pending))
            pending = []
        else:
            pending.append(raw)
        offset += len(raw) + len(newline)
    # ``pending`` now holds what followed the last content line: the text after the last
    # line break is the final element, so a trailing newline shows up as one "".
    return SplitText(tuple(lines), tuple(gaps), tuple(pending), newline, mixed)


def join_lines(
    lines: Sequence[str],
    roles: Sequence[str],
    default_gap: Callable[[str | None, str], tuple[str, ...]],
    gap_overrides: dict[int, tuple[str, ...]],
    tail: Sequence[str],
    newline: str,
) -> str:
    """Join content lines with their gaps (default unless overridden) and the tail."""
    parts: list[str] = []
    prev: str | None = None
    for index, (line, role) in enumerate(zip(lines, roles, strict=True)):
        gap = gap_overrides.get(index)
        if gap is None:
            gap = default_gap(prev, role)
        parts.extend(gap)
        parts.append(line)
        prev = role
    parts.extend(tail)
    return newline.join(parts)


def exact_overrides(
    source: Sequence[str],
    gaps_in: Sequence[tuple[str, ...]],
    rendered: Sequence[str | None],
    roles: Sequence[str],
    default_gap: Callable[[str | None, str], tuple[str, ...]],
) -> tuple[tuple[tuple[int, tuple[str, ...]], ...], tuple[tuple[int, str], ...], bool]:
    """What a layout must record so that rendering reproduces the source exactly.

    ``source``/``gaps_in`` are the content lines and blank runs read; ``rendered``/
    ``roles`` what the canonical rendering writes (None for lines checked elsewhere).
    Returns ``(gap overrides, verbatim lines, counts_match)``; ``counts_match`` is False
    when the rendering writes a different number of lines (a parser bug to report).
    """
    verbatim = tuple(
        (i, s)
        for i, (s, r) in enumerate(zip(source, rendered, strict=False))
        if r is not None and s != r
    )
    gaps = []
    prev: str | None = None
    for index, role in enumerate(roles):
        want = gaps_in[index] if index < len(gaps_in) else ()
        if want != default_gap(prev, role):
            gaps.append((index, want))
        prev = role
    return tuple(gaps), verbatim, len(rendered) == len(source)
