"""Private: the scanner behind :func:`arxivlisting.authors.parse_authors`.

It cuts an author line into pieces that, joined, are the line again: top-level
parenthesised groups (found by matching parentheses, so they may hold commas, ``&`` and
line breaks), and between them runs of names and separators. The groups are then told
apart (an affiliation, numbered markers, an enumerated affiliation list, a note) and
attached to the author before them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["Piece", "scan"]

#: (kind, start, end, author index or -1); kinds are SegmentKind values.
Piece = tuple[str, int, int, int]

# A separator inside a run of names: a comma/semicolon/colon (optionally followed by
# "and"/"&"), or a free-standing "and"/"&" between spaces.
_SEP_RE = re.compile(r"\s*(?:[,;:](?:\s*(?:and|&)(?=\s))?|(?<=\s)(?:and|&)(?=\s))\s*")
_SUFFIX_RE = re.compile(r"(?:Jr|Sr|JR|SR)\.?|II|III|IV")
_ET_AL_RE = re.compile(r"(?:et\.?\s*al\.?|and\s+others|others)", re.IGNORECASE)
_TRAILING_ET_AL_RE = re.compile(r"\s+et\.?\s*al\.?$", re.IGNORECASE)
_COLLAB_RE = re.compile(
    r"\b(?:collaborations?|consortium|consortia|collab\.|team|group)(?:\b|$)", re.IGNORECASE
)
_PLURAL_COLLAB_RE = re.compile(r"\bcollaborations\b", re.IGNORECASE)
_FOR_THE_RE = re.compile(r"(?:for|on\s+behalf\s+of)\s+the\b", re.IGNORECASE)
_MARKER_RE = re.compile(r"\(\s*\d{1,3}[a-z]?(?:\s*(?:,|;|&|\band\b|\s)\s*\d{1,3}[a-z]?)*\s*\)")
_MARKER_NUM_RE = re.compile(r"\d{1,3}[a-z]?")
_NOT_SHOWN_RE = re.compile(
    r"\(\s*(?:et\.?\s*al\.?\s*)?(\d[\d,]*)\s+(?:additional|more)\s+authors?\s+not\s+shown\s*\)",
    re.IGNORECASE,
)
_INNER_LIST_RE = re.compile(r"\s*\(\s*\d{1,3}\s*\)")
_INNER_MARK_RE = re.compile(r"\(\s*(\d{1,3})\s*\)")
_BARE_MARK_RE = re.compile(r"(?:(?<=[(,;.])|(?<=\s))\s*(\d{1,3})\s+(?=[^\d\s,;)])")
_ENTRY_TRIM = " \t\r\n,;"
_PARENS_RE = re.compile(r"[()]")


class Scan:
    """The result of one scan: pieces, authors' name spans, and what the groups said."""

    __slots__ = (
        "affiliations",
        "et_al",
        "lists",
        "markers",
        "names",
        "not_shown",
        "pieces",
        "problems",
    )

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        #: (start, end) of each author's name, in order.
        self.names: list[tuple[int, int]] = []
        #: per author, in order: ("aff", start, end, "") for an affiliation in the text
        #: and ("marker", start, end, number) for each number of a marker
        self.affiliations: list[list[tuple[str, int, int, str]]] = []
        self.markers = False
        #: number -> (start, end) of the entry text, from enumerated lists
        self.lists: dict[str, tuple[int, int]] = {}
        self.not_shown: int | None = None
        self.et_al = False
        #: (defect kind, message, start, end) of what could not be read unambiguously
        self.problems: list[tuple[str, str, int, int]] = []


def scan(text: str) -> Scan:
    """Cut ``text`` into pieces whose texts, joined, are ``text`` exactly."""
    result = Scan()
    pending: list[tuple[int, int]] = []  # bare-numbered groups decided at the end
    pos = 0
    depth = 0
    group_start = 0
    n = len(text)
    for m in _PARENS_RE.finditer(text):
        i = m.start()
        if text[i] == "(":
            if depth == 0:
                if i > pos:
                    _run(text, pos, i, result)
                group_start = i
            depth += 1
        elif depth == 0:  # a stray ")": keep it as text
            if i > pos:
                _run(text, pos, i, result)
            result.pieces.append(("text", i, i + 1, -1))
            result.problems.append(("ambiguous", "unbalanced ')' in author line", i, i + 1))
            pos = i + 1
        else:
            depth -= 1
            if depth == 0:
                _group(text, group_start, i + 1, result, pending)
                pos = i + 1
    if depth > 0:
        result.pieces.append(("text", group_start, n, -1))
        result.problems.append(("ambiguous", "'(' is never closed in author line", group_start, n))
    elif pos < n:
        _run(text, pos, n, result)
    _decide_bare_lists(text, result, pending)
    return result


def _add_name(text: str, start: int, end: int, result: Scan) -> None:
    chunk = text[start:end]
    lower = chunk.lower()
    # Cheap substring tests guard the regexes: most names are none of these things.
    if ("al" in lower or "others" in lower) and _note(text, start, end, chunk, result):
        return
    if not chunk[0].isalnum() and not any(c.isalnum() for c in chunk):
        result.pieces.append(("text", start, end, -1))
        result.problems.append(("ambiguous", "author-line text that is not a name", start, end))
        return
    pieces = result.pieces
    # "Smith, Jr." : a suffix after a comma belongs to the name before it.
    if (
        len(chunk) <= 4
        and _SUFFIX_RE.fullmatch(chunk)
        and len(pieces) >= 2
        and pieces[-1][0] == "separator"
        and text[pieces[-1][1] : pieces[-1][2]].strip() == ","
        and pieces[-2][0] in ("name", "collaboration")
    ):
        kind, first, _, index = pieces[-2]
        del pieces[-2:]
        pieces.append((kind, first, end, index))
        result.names[index] = (first, end)
        return
    collab = (
        "collab" in lower or "consort" in lower or "team" in lower or "group" in lower
    ) and _COLLAB_RE.search(chunk)
    index = len(result.names)
    result.names.append((start, end))
    result.affiliations.append([])
    pieces.append(("collaboration" if collab else "name", start, end, index))


def _note(text: str, start: int, end: int, chunk: str, result: Scan) -> bool:
    """Handle "et al." / "and others" as the whole chunk or at its end; True if done."""
    if _ET_AL_RE.fullmatch(chunk):
        result.pieces.append(("note", start, end, -1))
        result.et_al = True
        return True
    m = _TRAILING_ET_AL_RE.search(chunk)
    if m is None or m.start() == 0:
        return False
    _add_name(text, start, start + m.start(), result)
    cut = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    result.pieces.append(("separator", start + m.start(), cut, -1))
    result.pieces.append(("note", cut, end, -1))
    result.et_al = True
    return True


def _add_sep(start: int, end: int, result: Scan) -> None:
    pieces = result.pieces
    if pieces and pieces[-1][0] == "separator" and pieces[-1][2] == start:
        pieces[-1] = ("separator", pieces[-1][1], end, -1)
    else:
        pieces.append(("separator", start, end, -1))


def _run(text: str, start: int, end: int, result: Scan) -> None:
    """Names and separators between ``start`` and ``end`` (no parentheses inside)."""
    # Whitespace at either end separates the run from its neighbours.
    inner_start = start
    while inner_start < end and text[inner_start].isspace():
        inner_start += 1
    inner_end = end
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    if inner_start > start:
        _add_sep(start, inner_start, result)
    name_start = inner_start
    for m in _SEP_RE.finditer(text, inner_start, inner_end):
        s, e = m.start(), m.end()
        if s == e:
            continue
        token = m.group(0).strip()
        if token in ("and", "&") and _protected(text, name_start, s, e, inner_end):
            continue
        if s > name_start:
            _add_name(text, name_start, s, result)
        _add_sep(s, e, result)
        name_start = e
    if inner_end > name_start:
        _add_name(text, name_start, inner_end, result)
    if end > inner_end:
        _add_sep(inner_end, end, result)


def _protected(text: str, name_start: int, s: int, e: int, end: int) -> bool:
    """True when "and" at ``s..e`` is inside "for the ATLAS and CMS Collaborations"."""
    after_end = end
    for ch in ",;:":
        k = text.find(ch, e, end)
        if k != -1:
            after_end = min(after_end, k)
    after = text[e:after_end]
    if _PLURAL_COLLAB_RE.search(after):
        return True
    before = text[name_start:s]
    return bool(_FOR_THE_RE.match(before) and _COLLAB_RE.search(after))


def _group(text: str, start: int, end: int, result: Scan, pending: list[tuple[int, int]]) -> None:
    """Classify one top-level parenthesised group ``text[start:end]``."""
    group = text[start:end]
    author = len(result.names) - 1
    inner = group[1:].lstrip()
    digit = inner[:1].isdigit()
    # Cheap tests first: most groups are plain affiliations and need no regex at all.
    if "shown" in group:
        m = _NOT_SHOWN_RE.fullmatch(group)
        if m is not None:
            result.not_shown = int(m.group(1).replace(",", ""))
            result.pieces.append(("note", start, end, -1))
            return
    if digit and _MARKER_RE.fullmatch(group):
        if author < 0:
            result.pieces.append(("text", start, end, -1))
            result.problems.append(
                ("ambiguous_affiliation", "numbered marker before any author", start, end)
            )
            return
        result.markers = True
        for num in _MARKER_NUM_RE.findall(group):
            result.affiliations[author].append(("marker", start, end, num))
        result.pieces.append(("marker", start, end, author))
        return
    if (
        inner[:1] == "("
        and _INNER_LIST_RE.match(group, 1)
        and _read_list(text, start + 1, end - 1, result, inner=True)
    ):
        result.pieces.append(("affiliation_list", start, end, -1))
        return
    if author < 0:
        result.pieces.append(("text", start, end, -1))
        result.problems.append(
            ("ambiguous_affiliation", "parenthesised text before any author", start, end)
        )
        return
    if digit and _BARE_MARK_RE.match(group, 1):
        pending.append((len(result.pieces), author))
    result.affiliations[author].append(("aff", start + 1, end - 1, ""))
    result.pieces.append(("affiliation", start, end, author))


def _read_list(text: str, start: int, end: int, result: Scan, *, inner: bool) -> bool:
    """Read "(1) X, (2) Y" (``inner``) or "1 X; 2 Y" into ``result.lists``.

    Entries must be numbered 1, 2, 3... in order; other numbers are text of an entry.
    """
    pattern: Callable[..., re.Match[str] | None]
    found: list[tuple[str, int, int]] = []  # (number, marker start, text start)
    expected = 1
    rx = _INNER_MARK_RE if inner else _BARE_MARK_RE
    pattern = rx.search
    pos = start
    while True:
        m = pattern(text, pos, end)
        if m is None:
            break
        if int(m.group(1)) == expected:
            found.append((m.group(1), m.start(), m.end()))
            expected += 1
        pos = m.end()
    if not found or (text[start : found[0][1]].strip()):
        return False
    entries: dict[str, tuple[int, int]] = {}
    for k, (num, _, text_start) in enumerate(found):
        text_end = found[k + 1][1] if k + 1 < len(found) else end
        a, b = text_start, text_end
        while a < b and text[a] in _ENTRY_TRIM:
            a += 1
        while b > a and text[b - 1] in _ENTRY_TRIM:
            b -= 1
        entries[num] = (a, b)
    result.lists.update(entries)
    return True


def _decide_bare_lists(text: str, result: Scan, pending: list[tuple[int, int]]) -> None:
    """A group like "(1 Dip. Astro., Bologna; 2 INAF...)" is a list when markers are used."""
    if not result.markers:
        return
    for piece_index, author in pending:
        _, start, end, _ = result.pieces[piece_index]
        if _read_list(text, start + 1, end - 1, result, inner=False):
            result.pieces[piece_index] = ("affiliation_list", start, end, -1)
            affs = result.affiliations[author]
            affs.remove(("aff", start + 1, end - 1, ""))
