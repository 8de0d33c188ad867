"""arXiv API responses (Atom 1.0): ``parse_atom``, ``iter_atom``, ``render_atom``.

Both API generations parse into the same records: the classic one (per-element
namespace declarations, hard-wrapped text, ``-04:00`` offsets, http links) and the
2026 one (https links, ``Z`` times, another element order). Elements are matched by
name, never by position.

>>> from arxivlisting import parse_atom, render_atom
>>> from arxivlisting.samples import sample_bytes
>>> feed = parse_atom(sample_bytes("atom"))
>>> feed.total_results, len(feed.papers), str(feed.papers[0].id)
(3, 3, '2401.01234v2')
>>> parse_atom(render_atom(feed)) == feed
True

The API's error entry is not a paper: it becomes an :class:`ApiError` on
``Feed.errors`` (and raises :class:`~arxivlisting.errors.ArxivApiError` under strict).
An empty result is an empty feed.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import os
from collections.abc import Iterator
from typing import IO

from lxml import etree

from .._diag import Diagnostics
from ..errors import ArxivApiError, Defect, DefectKind, ParseError
from ..records import Paper
from ..text import normalize_space
from ._atom_entry import (  # shared with the entry parser
    _FEED_KNOWN,
    _build_entry,
    _date,
    _duplicate,
    _mixed_text,
    _tagname,
    _unknown,
)
from ._atom_records import _A, _O, ApiError, Feed
from ._atom_render import render_atom
from ._xml import (
    PullFeed,
    check_dtd,
    element_text,
    free_element,
    parse_document,
    xml_snippet,
)

__all__ = ["ApiError", "AtomStream", "Feed", "iter_atom", "parse_atom", "render_atom"]

# -- feed-level parsing --------------------------------------------------------------

_COUNTS = {
    _O + "totalResults": "total_results",
    _O + "startIndex": "start_index",
    _O + "itemsPerPage": "items_per_page",
}


class _Header:
    """Feed-level facts, filled in as the feed's direct children are seen."""

    __slots__ = (
        "_seen",
        "id",
        "items_per_page",
        "link",
        "start_index",
        "title",
        "total_results",
        "updated",
    )

    def __init__(self) -> None:
        self.title: str | None = None
        self.id: str | None = None
        self.updated: _dt.datetime | None = None
        self.link: str | None = None
        self.total_results: int | None = None
        self.start_index: int | None = None
        self.items_per_page: int | None = None
        self._seen: set[str] = set()

    def take(self, child: etree._Element, diag: Diagnostics) -> None:
        tag = child.tag
        if tag == _A + "link":
            href = child.get("href")
            if href is None:
                diag.report(
                    DefectKind.MISSING_FIELD,
                    "<link> without href",
                    line=child.sourceline,
                    snippet=xml_snippet(child),
                    where="feed",
                )
            elif self.link is None or child.get("rel") == "self":
                self.link = href
            return
        if tag not in _FEED_KNOWN and tag not in _COUNTS:
            _unknown(child, "feed", diag, "feed")
            return
        if tag == _A + "entry" or tag == _A + "author" or tag == _A + "generator":
            return
        if tag in self._seen:
            _duplicate(child, diag, "feed", "feed")
            return
        self._seen.add(tag)
        text = element_text(child) if len(child) == 0 else _mixed_text(child, diag, "feed")
        if tag == _A + "title":
            self.title = normalize_space(text)
        elif tag == _A + "id":
            self.id = text.strip()
        elif tag == _A + "updated":
            self.updated = _date(text, diag, child, "feed")
        else:
            setattr(self, _COUNTS[tag], _count(tag, text.strip(), child, diag))

    def feed(
        self,
        papers: tuple[Paper, ...],
        errors: tuple[ApiError, ...],
        defects: tuple[Defect, ...],
    ) -> Feed:
        return Feed(
            papers=papers,
            title=self.title,
            id=self.id,
            updated=self.updated,
            link=self.link,
            total_results=self.total_results,
            start_index=self.start_index,
            items_per_page=self.items_per_page,
            errors=errors,
            defects=defects,
        )


def _count(tag: str, text: str, el: etree._Element, diag: Diagnostics) -> int | None:
    # ASCII digits only: int() would also take "१२", "1_000" and "+5".
    if text.isascii() and text.isdigit():
        return int(text)
    diag.report(
        DefectKind.BAD_NUMBER,
        f"<{_tagname(tag)}> is not a whole number",
        line=el.sourceline,
        snippet=text,
        where="feed",
    )
    return None


def _check_root(root: etree._Element) -> None:
    if root.tag != _A + "feed":
        raise ParseError(
            f"not an arXiv API response: the root element is <{_tagname(root.tag)}>,"
            " not an Atom <feed>",
            kind=DefectKind.SYNTAX,
            line=root.sourceline,
        )


def _api_error_defect(err: ApiError, line: int | None, diag: Diagnostics) -> None:
    if diag.strict:
        raise ArxivApiError(f"arXiv API error {err.slug}: {err.message}", err, line=line)
    diag.report(
        DefectKind.API_ERROR,
        f"the API answered with an error: {err.message}",
        line=line,
        snippet=err.url,
        where="feed",
    )


def parse_atom(data: str | bytes, *, strict: bool = False) -> Feed:
    """Parse one arXiv API response into a :class:`Feed`.

    Lenient by default: what had to be worked around is on ``feed.defects``. With
    ``strict=True`` the first defect raises :class:`~arxivlisting.errors.ParseError`.
    Input that is not an Atom feed at all raises ``ParseError`` either way (and input
    that is neither ``str`` nor ``bytes`` raises ``TypeError``).

    >>> feed = parse_atom(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
    >>> feed.papers, feed.total_results
    ((), None)
    """
    diag = Diagnostics(strict, data)
    root = parse_document(data, diag, "an Atom feed", drop_blank_text=True, check_root=_check_root)
    header = _Header()
    papers: list[Paper] = []
    errors: list[ApiError] = []
    index = 0
    entry_tag = _A + "entry"
    for child in root:
        if child.tag == entry_tag:
            index += 1
            item = _build_entry(child, index, diag)
            if type(item) is Paper:
                papers.append(item)
            else:
                errors.append(item)  # type: ignore[arg-type]
                _api_error_defect(item, child.sourceline, diag)  # type: ignore[arg-type]
        else:
            header.take(child, diag)
    return header.feed(tuple(papers), tuple(errors), tuple(diag.defects))


# -- streaming -----------------------------------------------------------------------


class AtomStream(Iterator[Paper]):
    """Papers of a (possibly huge) API response, read incrementally.

    Memory stays flat in the number of entries: each ``<entry>`` is turned into a
    :class:`Paper` and then freed. Feed-level facts (``total_results`` ...) are filled in
    as they are read (arXiv writes them before the entries); ``errors`` and ``defects``
    grow as the stream goes. :meth:`header` returns them as a paperless :class:`Feed`.

    At the first XML syntax error the stream stops with one ``syntax`` defect, and at the
    end of a cut-off document with one ``truncated`` defect; both say after how many
    entries it stopped, and the entry it was in the middle of is not yielded. Under
    ``strict=True`` they raise :class:`~arxivlisting.errors.ParseError` instead.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], *, strict: bool) -> None:
        self._diag = Diagnostics(strict, None)
        self._head = _Header()
        self.errors: list[ApiError] = []
        self._source = source
        self._gen = self._run()

    @property
    def defects(self) -> list[Defect]:
        """Defects found so far."""
        return self._diag.defects

    @property
    def total_results(self) -> int | None:
        """``opensearch:totalResults`` once it has been read."""
        return self._head.total_results

    def header(self) -> Feed:
        """Feed-level facts read so far, as a :class:`Feed` without papers."""
        return self._head.feed((), tuple(self.errors), tuple(self._diag.defects))

    def __next__(self) -> Paper:
        return next(self._gen)

    def _run(self) -> Iterator[Paper]:
        close = False
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            fh: IO[bytes] = (
                gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
            )
            close = True
        else:
            fh = source
        try:
            yield from self._events(fh)
        finally:
            if close:
                fh.close()

    def _events(self, fh: IO[bytes]) -> Iterator[Paper]:
        diag = self._diag
        root: etree._Element | None = None
        depth = 0
        index = 0
        entry_tag = _A + "entry"
        feed = PullFeed(fh)
        for events in feed:
            for event, el in events:
                if event == "start":
                    depth += 1
                    if root is None:
                        root = el
                        _check_root(root)
                        check_dtd(root, diag)
                    continue
                depth -= 1
                if depth != 1:
                    continue
                # A direct child of <feed> is complete.
                if el.tag == entry_tag:
                    index += 1
                    item = _build_entry(el, index, diag)
                    line = el.sourceline
                    free_element(el)
                    if type(item) is Paper:
                        yield item
                    else:
                        self.errors.append(item)  # type: ignore[arg-type]
                        _api_error_defect(item, line, diag)  # type: ignore[arg-type]
                else:
                    self._head.take(el, diag)
                    free_element(el)
        if feed.failure is not None:
            self._stopped(feed.failure, root, feed.cut_off(depth), index)

    def _stopped(
        self,
        exc: etree.XMLSyntaxError,
        root: etree._Element | None,
        cut_off: bool,
        index: int,
    ) -> None:
        line, column = exc.position if exc.position else (0, 0)
        message = str(exc.msg) if exc.msg else str(exc)
        if root is None:
            raise ParseError(
                f"not an Atom feed: {message}",
                kind=DefectKind.SYNTAX,
                line=line or None,
                column=column or None,
            ) from None
        self._diag.report(
            DefectKind.TRUNCATED if cut_off else DefectKind.SYNTAX,
            f"Atom stream stopped after {index} entries: {message}",
            line=line or None,
            column=column or None,
        )


def iter_atom(source: str | os.PathLike[str] | IO[bytes], *, strict: bool = False) -> AtomStream:
    """Stream the papers of an API response from a path (``.gz`` too) or binary file.

    >>> import io
    >>> from arxivlisting.samples import sample_bytes
    >>> stream = iter_atom(io.BytesIO(sample_bytes("atom")))
    >>> [str(p.id) for p in stream], stream.total_results
    (['2401.01234v2', 'hep-th/9901001v3', '0704.0001v1'], 3)
    """
    return AtomStream(source, strict=strict)
