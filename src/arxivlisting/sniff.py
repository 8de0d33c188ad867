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

from ._decode import detect_stream_encoding
from .errors import Defect, DefectKind, ParseError
from .formats import absfile, abspage, atom, kaggle, listing, mailing, oai, rss
from .records import Paper, as_tuple

__all__ = ["FORMATS", "Parsed", "paper_of", "papers_of", "parse", "register_format", "sniff"]


@attrs.frozen
class Parsed:
    """What :func:`parse` returns: the format used, the format's document, its records.

    ``records`` are the format's own per-paper records (``Paper`` for API responses,
    ``DigestEntry`` for digests, ``ListingItem`` for listing pages, ``OaiRecord`` for
    OAI-PMH ...); ``papers`` gives the :class:`~arxivlisting.Paper` of each.
    """

    format: str
    document: Any = attrs.field(eq=False)
    records: tuple[Any, ...] = attrs.field(converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(converter=as_tuple, eq=False)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The paper of every record (records without one are left out)."""
        return papers_of(self.records)


def paper_of(record: Any) -> Paper | None:
    """The :class:`Paper` a record carries (the record itself when it is one).

    >>> from arxivlisting import Paper, DigestEntry
    >>> p = Paper(None, title="T")
    >>> paper_of(p) is p, paper_of(DigestEntry(p)) is p
    (True, True)
    """
    if isinstance(record, Paper):
        return record
    paper = getattr(record, "paper", None)
    return paper if isinstance(paper, Paper) else None


def papers_of(records: Iterable[Any]) -> tuple[Paper, ...]:
    """The papers of ``records`` in order, skipping records that carry none.

    >>> from arxivlisting import Paper
    >>> papers_of([Paper(None, title="T"), object()])
    (Paper(id=None, title='T', ...),)
    """
    return tuple(p for p in map(paper_of, records) if p is not None)


@attrs.frozen
class _Format:
    name: str
    looks_like: Callable[[str], bool]
    parse: Callable[..., Any]
    records: Callable[[Any], Iterable[Any]]


#: Registered formats by name, in the order :func:`sniff` tries them.
FORMATS: dict[str, _Format] = {}


def register_format(
    name: str,
    looks_like: Callable[[str], bool],
    parse: Callable[..., Any],
    records: Callable[[Any], Iterable[Any]],
) -> None:
    """Add a format to :func:`sniff` and :func:`parse` (later registrations are tried last).

    ``looks_like`` receives the first few kilobytes of the input, decoded leniently;
    ``parse(data, strict=...)`` returns the document; ``records(document)`` its records.

    >>> register_format("shout", lambda head: head.startswith("PAPERS!"),
    ...                 lambda data, strict: [], lambda doc: doc)
    >>> sniff(b"PAPERS! none today")
    'shout'
    >>> del FORMATS["shout"]
    """
    FORMATS[name] = _Format(name, looks_like, parse, records)


_ATOM_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?feed\b[^>]*http://www\.w3\.org/2005/Atom", re.S)


def _looks_like_atom(head: str) -> bool:
    return head.lstrip().startswith("<") and _ATOM_RE.search(head) is not None


def _one(document: Any) -> tuple[Any, ...]:
    return (document,)


# Sniffing order matters where one test would also accept another format: OAI-PMH and
# rss.arxiv.org (whose Atom flavour also declares the Atom namespace) go before the API's
# Atom; text listings before .abs files; digests, the loosest test, go last.
register_format("oai", oai.looks_like, oai.parse_oai, lambda d: d.records)
register_format("rss", rss.looks_like, rss.parse_rss, lambda d: d.items)
register_format("atom", _looks_like_atom, atom.parse_atom, lambda d: d.papers)
register_format("listing", listing.looks_like, listing.parse_listing, lambda d: d.items)
register_format("abspage", abspage.looks_like, abspage.parse_abs_page, _one)
register_format("mailing", mailing.looks_like, mailing.parse_mailing, lambda d: d.entries)
register_format("abs", absfile.looks_like, absfile.parse_abs, _one)
register_format("kaggle", kaggle.looks_like, kaggle.parse_kaggle, lambda d: d.records)


def _head(data: str | bytes, size: int = 65536) -> str:
    """The start of ``data`` as text: BOMs, UTF-16, UTF-8 and GB18030 are recognised
    (XML formats declare their own encoding; their markup is ASCII either way)."""
    if isinstance(data, str):
        return data[:size].lstrip("\ufeff")
    chunk = bytes(data[:size])
    encoding, _, _ = detect_stream_encoding(chunk, complete=len(data) <= size)
    return chunk.decode(encoding, "replace").lstrip("\ufeff")


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


def parse(
    data: str | bytes,
    *,
    format: str = "auto",
    strict: bool = False,
    **options: Any,
) -> Parsed:
    """Parse ``data`` in the given format, or the sniffed one for ``"auto"``.

    ``options`` go to the format's parser (``dialect=`` for digests, for instance).

    >>> parse(b'<feed xmlns="http://www.w3.org/2005/Atom"/>', format="atom").format
    'atom'
    """
    name = sniff(data) if format == "auto" else format
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None
    document = fmt.parse(data, strict=strict, **options)
    return Parsed(
        format=name,
        document=document,
        records=tuple(fmt.records(document)),
        defects=tuple(getattr(document, "defects", ())),
    )
