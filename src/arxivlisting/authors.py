"""Free-text author lines (``.abs`` files, arXivRaw, Kaggle, RSS, listing pages).

One parser for every source that writes authors as one line of text:
:func:`parse_authors` splits the names, attaches affiliations, resolves numbered
affiliations and converts TeX accents, and keeps every character of the line in its
:class:`Segment` pieces, so the exact text comes back with ``str(line)``:

>>> from arxivlisting.authors import parse_authors
>>> text = "C. Bal\\\\'azs (ANL & Valencia U., IFIC), E. L. Berger and\\n  Bj{\\\\o}rn"
>>> line = parse_authors(text)
>>> [(a.name, a.affiliations) for a in line.authors]
[('C. Balázs', ('ANL & Valencia U., IFIC',)), ('E. L. Berger', ()), ('Bjørn', ())]
>>> str(line) == text
True

What the grammar covers:

* Separators ``", "``, ``" and "``, ``", and "``, ``"; "``, ``" & "``, and any whitespace or
  line break around them. A suffix after a comma stays with its name (``Smith, Jr.``).
* A parenthesised group right after a name is one affiliation of that author (commas,
  ``&`` and line breaks inside it are kept); several groups are several affiliations.
  Parentheses are matched, so ``(LPNHE (Paris))`` is one affiliation.
* Numbered affiliations: ``A (1), B (1 and 2) ((1) X, (2) Y)``; also the bare form
  ``(1 X; 2 Y)`` when markers are used. Markers resolve to the numbered texts, in order.
* Collaborations (``LHCb collaboration: R. Aaij, ...``) are authors, as arXiv lists them;
  their segment kind says so. ``for the ATLAS and CMS Collaborations`` is not split.
* ``et al.`` and ``(750 additional authors not shown)`` mark an incomplete list
  (:attr:`AuthorLine.truncated`, :attr:`AuthorLine.not_shown`).
* TeX accents and letters become Unicode in names and affiliations (``\\\\'a``, ``\\\\"u``,
  ``{\\\\o}``, ``\\\\c{c}``, ``Macr\\\\`i``); whitespace is normalized
  (:mod:`arxivlisting.text`).

Affiliations are attached where the line writes them. arXiv's own reading also gives an
author without one the affiliation of the next author that has one
(``A, B (X)`` -> both X); :func:`propagate_affiliations` applies that rule.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from ._authors_names import renderable_affiliation, renderable_name, split_name
from ._authors_scan import _COLLAB_RE, Scan, scan
from ._authors_tex import tex_to_unicode
from ._decode import decode_text
from ._diag import Diagnostics
from .errors import Defect, DefectKind
from .records import Author, as_tuple
from .text import normalize_space

__all__ = [
    "AuthorLine",
    "Segment",
    "SegmentKind",
    "is_collaboration",
    "parse_authors",
    "propagate",
    "propagate_affiliations",
    "read_authors",
    "render_authors",
    "split_name",
    "tex_to_unicode",
]


class SegmentKind(str, enum.Enum):
    """What one piece of an author line is. The value is the JSON-friendly spelling."""

    #: One author's name as written.
    NAME = "name"
    #: A collaboration, group or team listed among the authors (it is an author too).
    COLLABORATION = "collaboration"
    #: Commas, "and", colons, semicolons and the whitespace and line breaks around them.
    SEPARATOR = "separator"
    #: ``(...)`` after a name: one affiliation of that author.
    AFFILIATION = "affiliation"
    #: ``(1 and 2)`` after a name: numbers of enumerated affiliations.
    MARKER = "marker"
    #: ``((1) X, (2) Y)``: the enumerated affiliations the markers refer to.
    AFFILIATION_LIST = "affiliation_list"
    #: ``et al.`` or ``(N additional authors not shown)``.
    NOTE = "note"
    #: Text that is none of the above; reported as a defect when parsed.
    TEXT = "text"


def _segment_kind(value: SegmentKind | str) -> SegmentKind:
    """The converter of :attr:`Segment.kind`: members pass without an enum lookup."""
    return value if type(value) is SegmentKind else SegmentKind(value)


_KINDS = {kind.value: kind for kind in SegmentKind}


@attrs.frozen
class Segment:
    """One piece of an author line: its kind, its exact text, and the author it belongs to.

    ``author`` is the index into :attr:`AuthorLine.authors` for names, affiliations and
    markers, and None for the other kinds.
    """

    kind: SegmentKind = attrs.field(converter=_segment_kind)
    text: str
    author: int | None = None


@attrs.frozen
class AuthorLine:
    """A parsed author line: the authors, and the pieces that spell the line exactly.

    ``str(line)`` (and :func:`render_authors`) joins the segment texts, which gives the
    parsed text back character for character. ``numbered`` holds the enumerated
    affiliations as ``(number, text)``. ``not_shown`` is the count from
    ``(N additional authors not shown)``; ``et_al`` is True when the line ends its list
    with ``et al.`` or ``and others``. ``defects`` describe the text and are not part of
    equality.
    """

    authors: tuple[Author, ...] = attrs.field(converter=as_tuple)
    segments: tuple[Segment, ...] = attrs.field(converter=as_tuple)
    numbered: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    not_shown: int | None = None
    et_al: bool = False
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def text(self) -> str:
        """The exact text of the line (the same as ``str(line)``)."""
        return str(self)

    @property
    def truncated(self) -> bool:
        """True when the line says that authors are left out (et al., not shown)."""
        return self.et_al or self.not_shown is not None

    @property
    def collaborations(self) -> tuple[int, ...]:
        """Indices of the authors that are collaborations, groups or teams."""
        return tuple(
            s.author
            for s in self.segments
            if s.kind is SegmentKind.COLLABORATION and s.author is not None
        )


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse_authors(text: str | bytes, *, strict: bool = False) -> AuthorLine:
    """Parse one free-text author line into an :class:`AuthorLine`.

    Lenient by default: what cannot be read unambiguously (an unclosed parenthesis, a
    marker with no numbered affiliation) is kept in the segments and reported in
    ``defects`` with its line, column and text; ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` instead. Bytes are decoded as UTF-8, else
    latin-1.

    >>> line = parse_authors("A. Jaffe (1) and G. Ritter (1, 2) ((1) Harvard, (2) MIT)")
    >>> [(a.name, a.affiliations) for a in line.authors]
    [('A. Jaffe', ('Harvard',)), ('G. Ritter', ('Harvard', 'MIT'))]
    >>> line = parse_authors("LHCb collaboration: R. Aaij, C. Abell\\\\'an Beteta et al.")
    >>> [a.name for a in line.authors], line.collaborations, line.truncated
    (['LHCb collaboration', 'R. Aaij', 'C. Abellán Beteta'], (0,), True)
    """
    if isinstance(text, (bytes, bytearray)):
        text = decode_text(bytes(text), fallback="")[0]
    if not isinstance(text, str):
        raise TypeError(f"parse_authors expects str or bytes, not {type(text).__name__}")
    diag = Diagnostics(strict, text)
    result, authors, entries = _read(text, diag)
    segments = tuple(
        Segment(_KINDS[kind], text[start:end], None if index < 0 else index)
        for kind, start, end, index in result.pieces
    )
    return AuthorLine(
        authors=authors,
        segments=segments,
        numbered=tuple(entries.items()),
        not_shown=result.not_shown,
        et_al=result.et_al,
        defects=tuple(diag.defects),
    )


def _read(text: str, diag: Diagnostics) -> tuple[Scan, tuple[Author, ...], dict[str, str]]:
    """Scan ``text`` and build its authors; problems go to ``diag``."""
    result = scan(text)
    for kind, message, start, end in result.problems:
        line, column = _position(text, start)
        diag.report(
            DefectKind(kind),
            message,
            line=line,
            column=column,
            offset=start,
            snippet=text[start:end],
            where="authors",
        )
    entries = {num: _clean(text[a:b]) for num, (a, b) in result.lists.items()}
    used: set[str] = set()
    authors: list[Author] = []
    for (start, end), items in zip(result.names, result.affiliations, strict=True):
        affiliations: list[str] = []
        for what, a, b, num in items:
            if what == "aff":
                affiliations.append(_clean(text[a:b]))
                continue
            used.add(num)
            if num in entries:
                affiliations.append(entries[num])
                continue
            line, column = _position(text, a)
            diag.report(
                DefectKind.AMBIGUOUS_AFFILIATION,
                f"marker {num} names no numbered affiliation; it is kept as text",
                line=line,
                column=column,
                offset=a,
                snippet=text[a:b],
                where=f"authors/author[{len(authors) + 1}]",
            )
        authors.append(Author(_clean(text[start:end]), tuple(affiliations)))
    unused = [num for num in entries if num not in used]
    if unused:
        diag.report(
            DefectKind.AMBIGUOUS_AFFILIATION,
            f"numbered affiliations no author refers to: {', '.join(unused)}",
            snippet="; ".join(f"({n}) {entries[n]}" for n in unused),
            where="authors",
        )
    return result, tuple(authors), entries


def read_authors(text: str) -> tuple[tuple[Author, ...], tuple[int, ...], tuple[Defect, ...]]:
    """``(authors, collaboration indices, defects)`` of a line, without its segments.

    The fast way for bulk readers that need the authors only (the Kaggle reader).

    >>> authors, collab, defects = read_authors("D0 Collaboration: A. One (MIT)")
    >>> [(a.name, a.affiliations) for a in authors], collab, defects
    ([('D0 Collaboration', ()), ('A. One', ('MIT',))], (0,), ())
    """
    diag = Diagnostics(False, text)
    result, authors, _ = _read(text, diag)
    collab = tuple(i for kind, _, _, i in result.pieces if kind == "collaboration")
    return authors, collab, tuple(diag.defects)


def _clean(text: str) -> str:
    return normalize_space(tex_to_unicode(text))


def propagate_affiliations(line: AuthorLine) -> tuple[Author, ...]:
    """The authors with arXiv's back-propagation of affiliations applied.

    arXiv (its OAI ``arXiv`` format, the API and the Kaggle ``authors_parsed``) reads
    ``A, B (X), C (Y)`` as A and B at X: an author without an affiliation takes those of
    the next author that has one. Collaborations take none.

    >>> line = parse_authors("LHCb collaboration, A. One, B. Two (CERN), C. Three")
    >>> [(a.name, a.affiliations) for a in propagate_affiliations(line)]
    [('LHCb collaboration', ()), ('A. One', ('CERN',)), ('B. Two', ('CERN',)), ('C. Three', ())]
    """
    return propagate(line.authors, line.collaborations)


def is_collaboration(name: str) -> bool:
    """True for a name the parser reads as a collaboration, group or team.

    >>> is_collaboration("LHCb collaboration"), is_collaboration("Ada Lovelace")
    (True, False)
    """
    return bool(_COLLAB_RE.search(name))


def propagate(
    authors: tuple[Author, ...], collaborations: Iterable[int] = ()
) -> tuple[Author, ...]:
    """:func:`propagate_affiliations` on bare authors (``collaborations`` take none).

    >>> [a.affiliations for a in propagate((Author("A"), Author("B", ["X"])))]
    [('X',), ('X',)]
    """
    skip = set(collaborations)
    out = list(authors)
    last: tuple[str, ...] = ()
    for i in range(len(out) - 1, -1, -1):
        author = out[i]
        if author.affiliations:
            last = author.affiliations
        elif last and i not in skip:
            out[i] = attrs.evolve(author, affiliations=last)
    return tuple(out)


def render_authors(value: AuthorLine | Iterable[Author]) -> str:
    """Write an author line: an :class:`AuthorLine` exactly, or authors in arXiv's style.

    Authors are written ``Name (Affiliation) (Affiliation), Name``; names and
    affiliations that would read back differently (a name holding a comma, ``and``
    between spaces, parentheses or TeX; an affiliation with unbalanced parentheses or
    that looks like a number list) raise ``ValueError``.

    >>> render_authors([Author("Ada Lovelace", ["Analytical Engines, Ltd"]), Author("C. Babbage")])
    'Ada Lovelace (Analytical Engines, Ltd), C. Babbage'
    >>> render_authors(parse_authors("A and\\n  B")) == "A and\\n  B"
    True
    """
    if isinstance(value, AuthorLine):
        return str(value)
    parts = []
    for index, author in enumerate(value):
        _check_renderable(author, index)
        parts.append(author.name + "".join(f" ({aff})" for aff in author.affiliations))
    return ", ".join(parts)


def _check_renderable(author: Author, index: int) -> None:
    problem = renderable_name(author.name, first=index == 0)
    if problem is None:
        for aff in author.affiliations:
            problem = renderable_affiliation(aff)
            if problem is not None:
                break
    if problem is not None:
        raise ValueError(f"author {index + 1} ({author.name!r}) cannot be written: {problem}")
