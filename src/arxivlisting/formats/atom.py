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
import re
import sys
from collections.abc import Iterator
from typing import IO

import attrs
from lxml import etree

from .. import taxonomy
from .._diag import Diagnostics
from ..errors import ArxivApiError, Defect, DefectKind, ParseError
from ..ids import ArxivId
from ..records import Author, Link, Paper, as_tuple, utc
from ..text import normalize_space
from ._xml import (
    check_dtd,
    element_text,
    error_at_end,
    make_pull_parser,
    parse_document,
    parse_rfc3339,
)

__all__ = ["ApiError", "AtomStream", "Feed", "iter_atom", "parse_atom", "render_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"
ARXIV_NS = "http://arxiv.org/schemas/atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"

_A = "{" + ATOM_NS + "}"
_X = "{" + ARXIV_NS + "}"
_O = "{" + OPENSEARCH_NS + "}"


@attrs.frozen
class ApiError:
    """The API's error entry: ``slug`` from the id fragment, ``message`` from the summary.

    >>> ApiError("incorrect_id_format_for_abc", "incorrect id format for abc").slug
    'incorrect_id_format_for_abc'
    """

    slug: str
    message: str
    url: str | None = None
    updated: _dt.datetime | None = attrs.field(default=None, converter=utc)


@attrs.frozen
class Feed:
    """One API response: feed metadata, the papers in order, API errors, defects.

    ``total_results``/``start_index``/``items_per_page`` are the OpenSearch figures
    (``None`` when absent). ``defects`` describe the source bytes, so they are not part
    of equality: a feed re-rendered from records equals the feed it came from.
    """

    papers: tuple[Paper, ...] = attrs.field(default=(), converter=as_tuple)
    title: str | None = None
    id: str | None = None
    updated: _dt.datetime | None = attrs.field(default=None, converter=utc)
    link: str | None = None
    total_results: int | None = None
    start_index: int | None = None
    items_per_page: int | None = None
    errors: tuple[ApiError, ...] = attrs.field(default=(), converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def is_error(self) -> bool:
        """True when the API answered with an error entry."""
        return bool(self.errors)


# -- entry parsing ---------------------------------------------------------------------

_FEED_KNOWN = frozenset(
    {
        _A + "id",
        _A + "title",
        _A + "updated",
        _A + "link",
        _A + "entry",
        _A + "author",
        _A + "generator",
        _O + "totalResults",
        _O + "startIndex",
        _O + "itemsPerPage",
    }
)
# Child tags of <entry>, mapped to small codes for one dictionary lookup per child. The
# text fields (about six per entry) are 0..6, tested first with one comparison, and index
# ``texts`` directly; then authors, links, categories by frequency. An unknown tag gets
# _UNKNOWN from ``dict.get``'s default, so every code is an int.
_ID, _TITLE, _UPDATED, _PUBLISHED, _SUMMARY, _COMMENT, _JREF = range(7)
_AUTHOR, _LINK, _CATEGORY, _PRIMARY, _DOI = range(7, 12)
_UNKNOWN = 99
_ENTRY_CODES = {
    _A + "id": _ID,
    _A + "title": _TITLE,
    _A + "updated": _UPDATED,
    _A + "published": _PUBLISHED,
    _A + "summary": _SUMMARY,
    _X + "comment": _COMMENT,
    _X + "journal_ref": _JREF,
    _A + "author": _AUTHOR,
    _A + "link": _LINK,
    _A + "category": _CATEGORY,
    _X + "primary_category": _PRIMARY,
    _X + "doi": _DOI,
}
_TEXT_NAMES = {
    _ID: "id",
    _TITLE: "title",
    _UPDATED: "updated",
    _PUBLISHED: "published",
    _SUMMARY: "summary",
    _COMMENT: "arxiv:comment",
    _JREF: "arxiv:journal_ref",
}
_NAME = _A + "name"
_AFFILIATION = _X + "affiliation"
_UTC = _dt.timezone.utc
_ERROR_ID = re.compile(r"\s*https?://arxiv\.org/api/errors#", re.ASCII)


def _tagname(tag: object) -> str:
    if not isinstance(tag, str):
        return "#node"
    if tag.startswith(_X):
        return "arxiv:" + tag[len(_X) :]
    if tag.startswith(_O):
        return "opensearch:" + tag[len(_O) :]
    return tag.rpartition("}")[2]


# Parsed times by their text: in a page of results many repeat (``published`` equals
# ``updated`` for every first version). Cleared when it grows, so it stays small.
_DATES: dict[str, _dt.datetime] = {}


# Python 3.11+ reads the trailing "Z" itself (giving timezone.utc); 3.10 needs it cut off
# and the zone set with replace(), which costs several times the parse.
_ISO_READS_Z = sys.version_info >= (3, 11)


def _parse_date(text: str) -> _dt.datetime | None:
    if (
        len(text) == 20
        and text[19] == "Z"
        and text[10] == "T"
        and text[4] == "-"
        and text[7] == "-"
        and text[13] == ":"
        and text[16] == ":"
    ):
        # The common "2016-05-26T17:59:46Z". With the separators fixed, fromisoformat
        # accepts exactly two ASCII digits in each other position (no week dates, no
        # basic format), the same as parse_rfc3339.
        try:
            if _ISO_READS_Z:
                return _dt.datetime.fromisoformat(text)
            return _dt.datetime.fromisoformat(text[:19]).replace(tzinfo=_UTC)
        except ValueError:
            return None
    try:
        return parse_rfc3339(text)
    except ValueError:
        return None


def _date(
    text: str, diag: Diagnostics, el: etree._Element, where: str, tag: str | None = None
) -> _dt.datetime | None:
    """The time ``text`` says, or None and a defect; ``el`` is the element holding it, or
    with ``tag`` its parent (the element is then only looked up to report a bad time)."""
    value = _DATES.get(text)
    if value is not None:
        return value
    value = _parse_date(text)
    if value is None:
        if tag is not None:
            el = el.find(tag)  # type: ignore[assignment]
        diag.report(
            DefectKind.BAD_DATE,
            f"<{_tagname(el.tag)}> is not an RFC 3339 time",
            line=el.sourceline,
            snippet=text,
            where=where,
        )
        return None
    if len(_DATES) >= 4096:
        _DATES.clear()
    _DATES[text] = value
    return value


def _mixed_text(el: etree._Element, diag: Diagnostics, where: str) -> str:
    """The text of a text element that holds child elements: kept whole, and reported."""
    for child in el:
        if not isinstance(child, etree._Entity):  # unexpanded entities are reported as unsafe
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"markup <{_tagname(child.tag)}> inside <{_tagname(el.tag)}>; only its text is"
                " kept",
                line=child.sourceline,
                snippet=_snippet(child),
                where=where,
            )
    return element_text(el)


def _build_entry(entry: etree._Element, index: int, diag: Diagnostics) -> Paper | ApiError:
    """One ``<entry>`` -> a Paper, or the ApiError when it is the API's error entry.

    This is the hot loop of every API parse: one pass over the children, one dict
    lookup per child, no XPath; everything unusual is handed to a function outside it.
    """
    texts: list[str | None] = [None] * 7
    authors: list[Author] = []
    links: list[Link] = []
    categories: list[str] = []
    dois: list[str] = []
    primary: str | None = None
    code_of = _ENTRY_CODES.get
    for child in entry:
        code = code_of(child.tag, _UNKNOWN)  # type: ignore[arg-type]
        if code < _AUTHOR:  # a text field
            if texts[code] is None:
                text = child.text if len(child) == 0 else _mixed_text(child, diag, _at(index))
                texts[code] = text if text is not None else ""
            else:
                _duplicate(child, diag, _at(index))
        elif code == _AUTHOR:
            # Inlined: this branch runs once per author of every paper.
            name: str | None = None
            affiliations: tuple[str, ...] = ()
            for sub in child:
                stag = sub.tag
                if stag == _NAME and name is None:
                    stext = sub.text if len(sub) == 0 else _in_author(sub, diag, index, authors)
                    name = " ".join(stext.split()) if stext else ""
                elif stag == _AFFILIATION:
                    stext = sub.text if len(sub) == 0 else _in_author(sub, diag, index, authors)
                    affiliations += (normalize_space(stext) if stext else "",)
                else:
                    _author_oddity(sub, diag, index, len(authors) + 1)
            if name is None:
                _author_oddity(child, diag, index, len(authors) + 1)
                name = ""
            authors.append(Author(name, affiliations))
        elif code == _LINK:
            get = child.get
            href = get("href")
            if href is None:
                _missing_attribute(child, "href", diag, index)
            else:
                links.append(Link(href, get("rel"), get("type"), get("title")))
        elif code == _CATEGORY:
            term = child.get("term")
            if term is None:
                _missing_attribute(child, "term", diag, index)
            else:
                categories.append(term)
        elif code == _PRIMARY:
            if primary is None:
                primary = child.get("term")
                if primary is None:
                    _missing_attribute(child, "term", diag, index)
            else:
                _duplicate(child, diag, _at(index))
        elif code == _DOI:
            text = child.text if len(child) == 0 else _mixed_text(child, diag, _at(index))
            if text:
                dois.extend(text.split())
        else:
            _unknown(child, "entry", diag, _at(index))

    raw_id, title, updated, published, summary, comment, journal_ref = texts
    if raw_id is not None and "/api/errors" in raw_id and _ERROR_ID.match(raw_id):
        return _api_error(raw_id, summary, updated, entry, index, diag)
    paper_id = None
    if raw_id is not None:
        try:
            paper_id = ArxivId.parse(raw_id)
        except ParseError as exc:
            _bad_id(raw_id, exc, entry, index, diag)
    if (
        raw_id is None
        or title is None
        or summary is None
        or published is None
        or updated is None
        or not authors
    ):
        _report_missing(texts, authors, entry, index, diag)
    if not _KNOWN_TERMS.issuperset(categories):
        for term in categories:
            if term not in _KNOWN_TERMS:
                _check_term(term, entry, index, diag)
    if primary is not None and categories and categories[0] != primary:
        if primary in categories:
            categories.remove(primary)
        categories.insert(0, primary)
    # Times repeat (published == updated for every first version): the cache answers
    # most of them without a call.
    published_at = updated_at = None
    if published is not None:
        published_at = _DATES.get(published) or _date(
            published, diag, entry, _at(index), _A + "published"
        )
    if updated is not None:
        updated_at = _DATES.get(updated) or _date(updated, diag, entry, _at(index), _A + "updated")
    return Paper(
        id=paper_id,
        title=normalize_space(title) if title is not None else None,
        authors=tuple(authors),
        abstract=normalize_space(summary) if summary is not None else None,
        comments=normalize_space(comment) if comment is not None else None,
        journal_ref=normalize_space(journal_ref) if journal_ref is not None else None,
        dois=tuple(dois),
        categories=tuple(categories),
        primary_category=primary,
        published=published_at,
        updated=updated_at,
        links=tuple(links),
    )


def _api_error(
    raw_id: str,
    summary: str | None,
    updated: str | None,
    entry: etree._Element,
    index: int,
    diag: Diagnostics,
) -> ApiError:
    url = raw_id.strip()
    return ApiError(
        slug=url.partition("#")[2],
        message=normalize_space(summary or ""),
        url=url,
        updated=_date(updated, diag, entry, _at(index), _A + "updated")
        if updated is not None
        else None,
    )


def _bad_id(
    raw_id: str, exc: ParseError, entry: etree._Element, index: int, diag: Diagnostics
) -> None:
    diag.report(
        DefectKind.BAD_ID,
        f"entry id is not an arXiv abs URL: {exc.message}",
        line=entry.sourceline,
        snippet=raw_id.strip(),
        where=_at(index),
    )


def _at(index: int) -> str:
    return f"entry[{index}]"


def _in_author(el: etree._Element, diag: Diagnostics, index: int, done: list[Author]) -> str:
    return _mixed_text(el, diag, f"entry[{index}]/author[{len(done) + 1}]")


def _author_oddity(el: etree._Element, diag: Diagnostics, index: int, number: int) -> None:
    """Report what the inlined author loop did not expect (kept out of the hot path)."""
    where = f"entry[{index}]/author[{number}]"
    if el.tag == _A + "author":
        diag.report(
            DefectKind.MISSING_FIELD, "author without <name>", line=el.sourceline, where=where
        )
    elif el.tag == _NAME:
        _duplicate(el, diag, where, "author")
    else:
        _unknown(el, "author", diag, where)


def _duplicate(
    el: etree._Element, diag: Diagnostics, where: str, parent: str | None = None
) -> None:
    tag = el.tag
    if tag == _X + "primary_category" or tag == _A + "link":
        snippet = el.get("term") or el.get("href")
    else:
        snippet = element_text(el)
    diag.report(
        DefectKind.DUPLICATE_FIELD,
        f"second <{_tagname(tag)}>{f' in {parent}' if parent else ''}; the first is kept",
        line=el.sourceline,
        snippet=snippet,
        where=where,
    )


def _missing_attribute(el: etree._Element, name: str, diag: Diagnostics, index: int) -> None:
    diag.report(
        DefectKind.MISSING_FIELD,
        f"<{_tagname(el.tag)}> without {name}",
        line=el.sourceline,
        snippet=_snippet(el),
        where=_at(index),
    )


_KNOWN_TERMS = frozenset(taxonomy.CATEGORIES) | frozenset(taxonomy.ARCHIVES)
# Words the API copies from MSC/ACM class lines into a category term ("Primary 05C80;
# Secondary 05C15", "57M25, 57M27").
_CLASS_LIST_SPLIT = re.compile(r"[\s,;]+")
_CLASS_LIST_WORDS = frozenset({"primary", "secondary", "and"})


def _is_class_list(term: str) -> bool:
    """True for a term that lists MSC or ACM classes (one code, or several in one term)."""
    parts = [
        p.strip("().")
        for p in _CLASS_LIST_SPLIT.split(term)
        if p and p.lower().strip("().:") not in _CLASS_LIST_WORDS
    ]
    return bool(parts) and all(taxonomy.classify_term(p) in ("msc", "acm") for p in parts)


def _check_term(term: str, entry: etree._Element, index: int, diag: Diagnostics) -> None:
    if _is_class_list(term):
        return
    diag.report(
        DefectKind.UNKNOWN_CATEGORY,
        "category term is not an arXiv, MSC or ACM code (kept as given)",
        line=entry.sourceline,
        snippet=term,
        where=_at(index),
    )


def _report_missing(
    texts: list[str | None],
    authors: list[Author],
    entry: etree._Element,
    index: int,
    diag: Diagnostics,
) -> None:
    for code in (_ID, _TITLE, _SUMMARY, _PUBLISHED, _UPDATED):
        if texts[code] is None:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"entry without <{_TEXT_NAMES[code]}>",
                line=entry.sourceline,
                where=_at(index),
            )
    if not authors:
        diag.report(
            DefectKind.MISSING_FIELD,
            "entry without <author>",
            line=entry.sourceline,
            where=_at(index),
        )


_XMLNS_DECLARATION = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def _snippet(el: etree._Element) -> str:
    """``el`` as XML for a defect, without the namespace declarations lxml repeats."""
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    end = text.find(">")
    return _XMLNS_DECLARATION.sub("", text[:end]) + text[end:]


def _unknown(el: etree._Element, parent: str, diag: Diagnostics, where: str) -> None:
    if isinstance(el, etree._Entity):
        return  # an unexpanded entity; the document's entity declarations are reported
    diag.report(
        DefectKind.UNKNOWN_ELEMENT,
        f"unknown element <{_tagname(el.tag)}> in {parent}",
        line=el.sourceline,
        snippet=_snippet(el),
        where=where,
    )


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
                    snippet=_snippet(child),
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

_CHUNK = 1 << 16


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
        parser: etree.XMLPullParser | None = None
        root: etree._Element | None = None
        depth = 0
        index = 0
        entry_tag = _A + "entry"
        closing = False
        failure: etree.XMLSyntaxError | None = None
        lines = 1  # lines read so far, and the last one that held more than whitespace
        last = 1
        while True:
            chunk: bytes | str = fh.read(_CHUNK)
            if parser is None:
                # A text-mode file gives str: that is UTF-8 once encoded, whatever it declares.
                parser = make_pull_parser(
                    encoding="utf-8" if isinstance(chunk, str) else None, drop_blank_text=True
                )
            if isinstance(chunk, str):
                chunk = _text_chunk(chunk)
            if chunk.strip():
                last = lines + chunk.rstrip().count(b"\n")
            lines += chunk.count(b"\n")
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    closing = True
                    parser.close()
            except etree.XMLSyntaxError as exc:
                failure = exc
            # Events before a syntax error are still delivered: complete entries count.
            for event, el in parser.read_events():
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
                    _free(el)
                    if type(item) is Paper:
                        yield item
                    else:
                        self.errors.append(item)  # type: ignore[arg-type]
                        _api_error_defect(item, line, diag)  # type: ignore[arg-type]
                else:
                    self._head.take(el, diag)
                    _free(el)
            if failure is not None:
                cut_off = closing and depth > 0 and error_at_end(failure, last)
                self._stopped(failure, root, cut_off, index)
                return
            if closing:
                return

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


def _text_chunk(chunk: str) -> bytes:
    try:
        return chunk.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate: invalid UTF-8, reported by the parser
        return chunk.encode("utf-8", "surrogatepass")


def _free(el: etree._Element) -> None:
    """Drop a finished child of <feed> and everything before it from the tree."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def iter_atom(source: str | os.PathLike[str] | IO[bytes], *, strict: bool = False) -> AtomStream:
    """Stream the papers of an API response from a path (``.gz`` too) or binary file.

    >>> import io
    >>> from arxivlisting.samples import sample_bytes
    >>> stream = iter_atom(io.BytesIO(sample_bytes("atom")))
    >>> [str(p.id) for p in stream], stream.total_results
    (['2401.01234v2', 'hep-th/9901001v3', '0704.0001v1'], 3)
    """
    return AtomStream(source, strict=strict)


# -- rendering -----------------------------------------------------------------------


def _fmt_time(value: _dt.datetime) -> str:
    value = value.astimezone(_dt.timezone.utc)
    if value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    el = etree.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    el.tail = "\n" + "  " * (_depth(parent) + 1)
    return el


def _depth(el: etree._Element) -> int:
    depth = 0
    parent = el.getparent()
    while parent is not None:
        depth += 1
        parent = parent.getparent()
    return depth


def _render_entry(parent: etree._Element, paper: Paper) -> None:
    entry = _sub(parent, _A + "entry")
    entry.text = "\n    "
    if paper.id is not None:
        _sub(entry, _A + "id", f"http://arxiv.org/abs/{paper.id}")
    if paper.title is not None:
        _sub(entry, _A + "title", paper.title)
    if paper.updated is not None:
        _sub(entry, _A + "updated", _fmt_time(paper.updated))
    for link in paper.links:
        attrib = {"href": link.href}
        if link.rel is not None:
            attrib["rel"] = link.rel
        if link.type is not None:
            attrib["type"] = link.type
        if link.title is not None:
            attrib["title"] = link.title
        _sub(entry, _A + "link", **attrib)
    if paper.abstract is not None:
        _sub(entry, _A + "summary", paper.abstract)
    for term in paper.categories:
        _sub(entry, _A + "category", term=term, scheme=ARXIV_NS)
    if paper.published is not None:
        _sub(entry, _A + "published", _fmt_time(paper.published))
    if paper.comments is not None:
        _sub(entry, _X + "comment", paper.comments)
    if paper.primary_category is not None:
        _sub(entry, _X + "primary_category", term=paper.primary_category)
    if paper.journal_ref is not None:
        _sub(entry, _X + "journal_ref", paper.journal_ref)
    for author in paper.authors:
        el = _sub(entry, _A + "author")
        el.text = "\n      "
        _sub(el, _A + "name", author.name)
        for aff in author.affiliations:
            _sub(el, _X + "affiliation", aff)
        el[-1].tail = "\n    "
    if paper.dois:
        _sub(entry, _X + "doi", " ".join(paper.dois))
    if len(entry):
        entry[-1].tail = "\n  "


def render_atom(feed: Feed) -> bytes:
    """Write ``feed`` as a UTF-8 Atom document in the current API's shape.

    Links are written exactly as the records hold them (the parser keeps every link the
    API gave, so a parsed feed renders back to the same links). Defects are not written.

    >>> from arxivlisting import Paper, ArxivId
    >>> xml = render_atom(Feed(papers=[Paper(id=ArxivId.parse("2301.00001v1"), title="T")]))
    >>> b"<id>http://arxiv.org/abs/2301.00001v1</id>" in xml
    True
    """
    nsmap: dict[str | None, str] = {
        "opensearch": OPENSEARCH_NS,
        "arxiv": ARXIV_NS,
        None: ATOM_NS,
    }
    root = etree.Element(_A + "feed", nsmap=nsmap)
    root.text = "\n  "
    if feed.id is not None:
        _sub(root, _A + "id", feed.id)
    if feed.title is not None:
        _sub(root, _A + "title", feed.title)
    if feed.updated is not None:
        _sub(root, _A + "updated", _fmt_time(feed.updated))
    if feed.link is not None:
        _sub(root, _A + "link", href=feed.link, type="application/atom+xml")
    if feed.items_per_page is not None:
        _sub(root, _O + "itemsPerPage", str(feed.items_per_page))
    if feed.total_results is not None:
        _sub(root, _O + "totalResults", str(feed.total_results))
    if feed.start_index is not None:
        _sub(root, _O + "startIndex", str(feed.start_index))
    for paper in feed.papers:
        _render_entry(root, paper)
    for err in feed.errors:
        _render_error(root, err)
    if len(root):
        root[-1].tail = "\n"
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + body + b"\n"


def _render_error(parent: etree._Element, err: ApiError) -> None:
    entry = _sub(parent, _A + "entry")
    entry.text = "\n    "
    url = err.url if err.url is not None else f"https://arxiv.org/api/errors#{err.slug}"
    _sub(entry, _A + "id", url)
    _sub(entry, _A + "title", "Error")
    if err.updated is not None:
        _sub(entry, _A + "updated", _fmt_time(err.updated))
    _sub(entry, _A + "link", href=url, rel="alternate", type="text/html")
    _sub(entry, _A + "summary", err.message)
    author = _sub(entry, _A + "author")
    author.text = "\n      "
    _sub(author, _A + "name", "arXiv api core").tail = "\n    "
    entry[-1].tail = "\n  "
