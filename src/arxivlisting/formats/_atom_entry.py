"""Private: one API ``<entry>`` -> a :class:`Paper` (or the :class:`ApiError`).

This is the hot loop of every API parse; ``atom`` assembles the feed around it.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys

from lxml import etree

from .. import taxonomy
from .._build import new_author, new_link, new_paper
from .._diag import Diagnostics
from ..errors import DefectKind, ParseError
from ..ids import ArxivId
from ..records import Author, Link, Paper
from ..text import normalize_space
from ._atom_records import _A, _O, _X, ApiError
from ._xml import element_text, mixed_text, parse_rfc3339, xml_snippet

__all__ = ["_build_entry"]  # and the helpers atom.py shares; all private

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
    return mixed_text(el, diag, where, _tagname)


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
            # Inlined: this branch runs once per author of every paper. Most authors are
            # one <name> without markup, which indexing reaches at half the cost of
            # iterating; everything else takes the general loop.
            if len(child) == 1:
                sub = child[0]
                if sub.tag == _NAME and len(sub) == 0:
                    stext = sub.text
                    authors.append(new_author(" ".join(stext.split()) if stext else ""))
                    continue
            authors.append(_author(child, diag, index, len(authors) + 1, authors))
        elif code == _LINK:
            get = child.get
            href = get("href")
            if href is None:
                _missing_attribute(child, "href", diag, index)
            else:
                links.append(new_link(href, get("rel"), get("type"), get("title")))
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
    # Trusted construction: every sequence is a tuple and every time UTC already.
    return new_paper(
        paper_id,
        normalize_space(title) if title is not None else None,
        tuple(authors),
        normalize_space(summary) if summary is not None else None,
        normalize_space(comment) if comment is not None else None,
        normalize_space(journal_ref) if journal_ref is not None else None,
        tuple(dois),
        None,
        tuple(categories),
        primary,
        None,
        None,
        None,
        published_at,
        updated_at,
        (),
        tuple(links),
    )


def _author(
    el: etree._Element, diag: Diagnostics, index: int, number: int, done: list[Author]
) -> Author:
    """An ``<author>`` with affiliations, markup or oddities (the general case)."""
    name: str | None = None
    affiliations: tuple[str, ...] = ()
    for sub in el:
        stag = sub.tag
        if stag == _NAME and name is None:
            stext = sub.text if len(sub) == 0 else _in_author(sub, diag, index, done)
            name = " ".join(stext.split()) if stext else ""
        elif stag == _AFFILIATION:
            stext = sub.text if len(sub) == 0 else _in_author(sub, diag, index, done)
            affiliations += (normalize_space(stext) if stext else "",)
        else:
            _author_oddity(sub, diag, index, number)
    if name is None:
        _author_oddity(el, diag, index, number)
        name = ""
    return new_author(name, affiliations)


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
        snippet=xml_snippet(el),
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


def _unknown(el: etree._Element, parent: str, diag: Diagnostics, where: str) -> None:
    if isinstance(el, etree._Entity):
        return  # an unexpanded entity; the document's entity declarations are reported
    diag.report(
        DefectKind.UNKNOWN_ELEMENT,
        f"unknown element <{_tagname(el.tag)}> in {parent}",
        line=el.sourceline,
        snippet=xml_snippet(el),
        where=where,
    )
