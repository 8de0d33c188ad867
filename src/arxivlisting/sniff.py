"""One entry point: ``parse(data)`` works out which format ``data`` is and dispatches.

>>> from arxivlisting import parse
>>> from arxivlisting.samples import sample_bytes
>>> result = parse(sample_bytes("atom"))
>>> result.format, len(result.papers)
('atom', 3)

The result always says which format was used, so a wrong guess cannot pass unnoticed;
``format=`` forces one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .errors import Defect, DefectKind, ParseError
from .formats import atom
from .records import Paper, as_tuple

__all__ = ["FORMATS", "Parsed", "parse", "register_format", "sniff"]


@attrs.frozen
class Parsed:
    """What :func:`parse` returns: the format used, the format's document, its papers."""

    format: str
    document: Any = attrs.field(eq=False)
    papers: tuple[Paper, ...] = attrs.field(converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(converter=as_tuple, eq=False)


@attrs.frozen
class _Format:
    name: str
    looks_like: Callable[[str], bool]
    parse: Callable[..., Any]
    papers: Callable[[Any], Iterable[Paper]]


#: Registered formats by name, in the order :func:`sniff` tries them.
FORMATS: dict[str, _Format] = {}


def register_format(
    name: str,
    looks_like: Callable[[str], bool],
    parse: Callable[..., Any],
    papers: Callable[[Any], Iterable[Paper]],
) -> None:
    """Add a format to :func:`sniff` and :func:`parse` (later registrations are tried last).

    ``looks_like`` receives the first few kilobytes of the input, decoded leniently.
    """
    FORMATS[name] = _Format(name, looks_like, parse, papers)


_ATOM_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?feed\b[^>]*http://www\.w3\.org/2005/Atom", re.S)


def _looks_like_atom(head: str) -> bool:
    return head.lstrip().startswith("<") and _ATOM_RE.search(head) is not None


register_format("atom", _looks_like_atom, atom.parse_atom, lambda doc: doc.papers)


def _head(data: str | bytes, size: int = 8192) -> str:
    if isinstance(data, bytes):
        chunk = data[:size]
        if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
            return chunk.decode("utf-16", "replace")
        return chunk.decode("utf-8", "replace").lstrip("\ufeff")
    return data[:size].lstrip("\ufeff")


def sniff(data: str | bytes) -> str:
    """The name of the format ``data`` looks like; ParseError when none fits.

    >>> sniff(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>')
    'atom'
    """
    head = _head(data)
    for fmt in FORMATS.values():
        if fmt.looks_like(head):
            return fmt.name
    snippet = head.strip()[:80]
    raise ParseError(
        "cannot tell which format this is (known: " + ", ".join(FORMATS) + ")",
        kind=DefectKind.SYNTAX,
        line=1,
        snippet=snippet,
    )


def parse(data: str | bytes, *, format: str = "auto", strict: bool = False) -> Parsed:
    """Parse ``data`` in the given format, or the sniffed one for ``"auto"``.

    >>> parse(b'<feed xmlns="http://www.w3.org/2005/Atom"/>', format="atom").format
    'atom'
    """
    name = sniff(data) if format == "auto" else format
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None
    document = fmt.parse(data, strict=strict)
    return Parsed(
        format=name,
        document=document,
        papers=tuple(fmt.papers(document)),
        defects=tuple(getattr(document, "defects", ())),
    )
