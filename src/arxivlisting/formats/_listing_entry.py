"""Private: one listing entry (``dt`` + ``dd``) -> :class:`ListingItem`."""

from __future__ import annotations

import re

from lxml import etree

from .. import taxonomy
from .._build import new_author, new_link, new_paper
from .._diag import Diagnostics
from ..announce import AnnounceType
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author, Link
from ..text import normalize_space
from ._listing_authors import assign_affiliations
from ._listing_html import absolute_url, element_snippet, text_of
from ._listing_records import ListingItem, new_listing_item

__all__ = ["AUTHOR_CAP", "parse_entry"]

#: The most names a listing page shows for one paper.
AUTHOR_CAP = 100

_MARKER_RE = re.compile(r"\(\s*(?:cross-list(?:ed)?\s+from\s+([^()\s]+)|replaced)\s*\)", re.I)
_INDEX_RE = re.compile(r"\[?\s*([0-9]+)\s*\]?", re.ASCII)
_CODE_RE = re.compile(r"\(([^()]*)\)\s*$")
_CODES_RE = re.compile(r"\(\s*([^()\s]*)\s*\)\s*(?:;|$)")
_AUTO_LINK_RE = re.compile(r"this (?:https?|ftp) URL", re.ASCII)
_SEPARATORS = " ,;:\n\t\r"
_LINK_TEXTS = etree.XPath("a/text()", smart_strings=False)
_NO_AUTHORS = frozenset({"(author list is unavailable)", ""})
_KNOWN = frozenset(taxonomy.CATEGORIES) | frozenset(taxonomy.ARCHIVES)
_LINK_TITLES = {
    "download pdf": "pdf",
    "download postscript": "ps",
    "view html": "html",
    "other formats": "other",
}


def _where(n: int) -> str:
    return f"entry[{n}]"


def parse_entry(
    dt: etree._Element | None, dd: etree._Element | None, diag: Diagnostics, n: int
) -> tuple[ListingItem, bool]:
    """The item for one entry, and whether it used the legacy markup."""
    index = None
    paper_id = None
    announce = AnnounceType.NEW
    cross_from = None
    links: list[Link] = []
    legacy = False
    if dt is not None:
        index, paper_id, links, legacy = _dt(dt, diag, n)
        marker = text_of(dt)
        m = _MARKER_RE.search(marker) if "(" in marker else None
        if m is not None:
            if m.group(1) is not None:
                announce, cross_from = AnnounceType.CROSS, m.group(1)
            else:
                announce = AnnounceType.REPLACE
    fields = _Fields()
    if dd is not None:
        legacy = _dd(dd, fields, diag, n) or legacy
    elif dt is not None:
        diag.report(
            DefectKind.MISSING_FIELD, "entry without metadata", line=dt.sourceline, where=_where(n)
        )
    if fields.title is None and dd is not None:
        diag.report(
            DefectKind.MISSING_FIELD, "entry without a title", line=dd.sourceline, where=_where(n)
        )
    paper = new_paper(  # trusted: tuples, no times
        paper_id,
        fields.title,
        tuple(fields.authors),
        fields.abstract,
        fields.comments,
        fields.journal_ref,
        (),
        None,
        tuple(fields.categories),
        fields.primary,
        links=tuple(links),
    )
    item = new_listing_item(
        paper,
        index,
        announce,
        cross_from,
        fields.authors_text,
        len(fields.authors) >= AUTHOR_CAP,
    )
    return item, legacy


def _dt(
    dt: etree._Element, diag: Diagnostics, n: int
) -> tuple[int | None, ArxivId | None, list[Link], bool]:
    index = None
    paper_id = None
    links: list[Link] = []
    legacy = False
    seen_id = False
    for a in dt.iter("a"):
        name = a.get("name")
        if name is not None:
            index = _index(a, name, diag, n)
            continue
        href = a.get("href")
        title = a.get("title")
        if title is not None:
            title = title.lower()
            kind = _LINK_TITLES.get(title)
            if kind is not None and href is not None:  # pdf, ps, html, other: the common case
                links.append(new_link(absolute_url(href), None, None, kind))
                continue
        raw = a.text if len(a) == 0 else text_of(a)
        text = " ".join(raw.split()) if raw else ""
        if title == "abstract" or (href is not None and "/abs/" in href and not seen_id):
            if seen_id:
                diag.report(
                    DefectKind.DUPLICATE_FIELD,
                    "second abstract link",
                    line=a.sourceline,
                    snippet=text,
                    where=_where(n),
                )
                continue
            seen_id = True
            parent = a.getparent()
            legacy = legacy or (parent is not None and parent.get("class") == "list-identifier")
            paper_id = _entry_id(a, text, href, diag, n)
        elif href is not None:
            links.append(new_link(absolute_url(href), None, None, text.lower()))
        else:
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "link without href",
                line=a.sourceline,
                snippet=element_snippet(a),
                where=_where(n),
            )
    if not seen_id:
        diag.report(
            DefectKind.MISSING_FIELD,
            "entry without an arXiv id",
            line=dt.sourceline,
            snippet=element_snippet(dt),
            where=_where(n),
        )
    return index, paper_id, links, legacy


def _index(a: etree._Element, name: str, diag: Diagnostics, n: int) -> int | None:
    by_name = name[4:] if name.startswith("item") else ""
    value = int(by_name) if by_name.isascii() and by_name.isdigit() else None
    text = a.text if len(a) == 0 else text_of(a)
    if value is not None and text == f"[{by_name}]":
        return value  # the common case: <a name='item7'>[7]</a>
    text = normalize_space(text or "")
    m = _INDEX_RE.fullmatch(text)
    by_text = int(m.group(1)) if m else None
    if value is None and by_text is None:
        diag.report(
            DefectKind.BAD_NUMBER,
            "unreadable entry number",
            line=a.sourceline,
            snippet=element_snippet(a),
            where=_where(n),
        )
        return None
    if value is not None and by_text is not None and value != by_text:
        diag.report(
            DefectKind.INCONSISTENT,
            "the entry anchor and its number disagree",
            line=a.sourceline,
            snippet=element_snippet(a),
            where=_where(n),
        )
    return value if value is not None else by_text


def _entry_id(
    a: etree._Element, text: str, href: str | None, diag: Diagnostics, n: int
) -> ArxivId | None:
    shown = text[6:] if text.lower().startswith("arxiv:") else text
    by_text = ArxivId.try_parse(shown) if shown else None
    by_href = None
    if href is not None and "/abs/" in href:
        in_href = href.rsplit("/abs/", 1)[1].strip()
        by_href = by_text if in_href == shown else ArxivId.try_parse(in_href)
    if by_text is None and by_href is None:
        diag.report(
            DefectKind.BAD_ID,
            "the abstract link names no arXiv id",
            line=a.sourceline,
            snippet=text or href,
            where=_where(n),
        )
        return None
    if (
        by_text is not by_href
        and by_text is not None
        and by_href is not None
        and by_text != by_href
    ):
        diag.report(
            DefectKind.INCONSISTENT,
            "the abstract link and its text name different ids",
            line=a.sourceline,
            snippet=f"{href} / {text}",
            where=_where(n),
        )
    return by_text if by_text is not None else by_href


class _Fields:
    __slots__ = (
        "abstract",
        "authors",
        "authors_text",
        "categories",
        "comments",
        "journal_ref",
        "primary",
        "title",
    )

    def __init__(self) -> None:
        self.title: str | None = None
        self.authors: list = []  # type: ignore[type-arg]
        self.authors_text: str | None = None
        self.comments: str | None = None
        self.journal_ref: str | None = None
        self.categories: list[str] = []
        self.primary: str | None = None
        self.abstract: str | None = None


def _dd(dd: etree._Element, fields: _Fields, diag: Diagnostics, n: int) -> bool:
    legacy = False
    meta = None
    for child in dd:
        if child.tag == "div" and (child.get("class") or "").split()[:1] == ["meta"]:
            meta = child
            break
    for el in meta if meta is not None else dd:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        raw_class = el.get("class") or ""
        first = raw_class.split(None, 1)[0] if raw_class else ""
        if first == "list-title":
            fields.title = _once(fields.title, _content(el), el, diag, n)
        elif first == "list-authors":
            legacy = _authors(el, fields, diag, n) or legacy
        elif first == "list-comments":
            fields.comments = _once(fields.comments, _content(el, links=True), el, diag, n)
        elif first == "list-journal-ref":
            fields.journal_ref = _once(fields.journal_ref, _content(el), el, diag, n)
        elif first == "list-subjects":
            _subjects(el, fields, diag, n)
        elif tag == "p":
            fields.abstract = _once(fields.abstract, _content(el, links=True), el, diag, n)
        elif tag not in ("br", "hr") and (first or normalize_space(text_of(el))):
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{tag} class={raw_class!r}> in an entry; skipped",
                line=el.sourceline,
                snippet=element_snippet(el),
                where=_where(n),
            )
    return legacy


def _once(old: str | None, new: str, el: etree._Element, diag: Diagnostics, n: int) -> str:
    if old is None:
        return new
    diag.report(
        DefectKind.DUPLICATE_FIELD,
        "a field appears twice; the first is kept",
        line=el.sourceline,
        snippet=new,
        where=_where(n),
    )
    return old


def _content(el: etree._Element, links: bool = False) -> str:
    """The text of a field without its descriptor; auto-links give back their URL."""
    if len(el) == 1:
        only = el[0]
        if only.tag == "span" and only.get("class") == "descriptor":
            text = el.text
            tail = only.tail or ""
            return normalize_space(text + tail if text else tail)  # the common case
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == "span" and child.get("class") == "descriptor":
            pass
        elif tag == "a" and links:
            text = text_of(child)
            href = child.get("href")
            parts.append(href if href and _AUTO_LINK_RE.fullmatch(text.strip()) else text)
        elif tag == "br":
            parts.append(" ")
        elif isinstance(tag, str):
            parts.append(text_of(child))
        if child.tail:
            parts.append(child.tail)
    return normalize_space("".join(parts))


def _authors(el: etree._Element, fields: _Fields, diag: Diagnostics, n: int) -> bool:
    # Fast path, the common case: only links, joined by ", " (the text is then exactly
    # the names joined). Everything else takes the walk below.
    if not el.text and len(el):
        # The link texts in one libxml2 call: no element proxy per author. A link with
        # markup inside gives several texts, or texts that do not join to the whole.
        names = _LINK_TEXTS(el)
        if len(names) == len(el) and all(names):
            joined = ", ".join(names)
            # Equal texts also rule out markup inside a link (its text would show).
            if joined == text_of(el) and "(" not in joined and "  " not in joined:
                fields.authors_text = joined
                fields.authors = list(map(new_author, names))
                return False
    return _authors_walk(el, fields, diag, n)


def _authors_walk(el: etree._Element, fields: _Fields, diag: Diagnostics, n: int) -> bool:
    legacy = False
    names: list[str] = []
    segments: list[str] = []
    current = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == "a":
            segments.append("".join(current))
            name = child.text if len(child) == 0 else text_of(child)
            names.append(" ".join(name.split()) if name else "")
            current = [child.tail or ""]
            continue
        if tag == "span" and child.get("class") == "descriptor":
            legacy = True
        elif isinstance(tag, str):
            current.append(text_of(child))
        current.append(child.tail or "")
    segments.append("".join(current))
    pieces = [segments[0]]
    for name, seg in zip(names, segments[1:], strict=True):
        pieces.append(name)
        pieces.append(seg)
    fields.authors_text = normalize_space("".join(pieces))
    text = fields.authors_text
    if not names and text.lower() in _NO_AUTHORS:
        return legacy  # arXiv's own words for a paper without author data
    if "(" not in text and _plain(segments):
        fields.authors = list(map(new_author, names))  # names and separators only
    else:
        fields.authors = _read_line(text, names, segments, el, diag, n)
    if any(not name for name in names):
        diag.report(
            DefectKind.MISSING_FIELD,
            "an author link without a name",
            line=el.sourceline,
            where=_where(n),
        )
    return legacy


def _plain(segments: list[str]) -> bool:
    """True when the text around the names is only separators."""
    last = len(segments) - 1
    for i, seg in enumerate(segments):
        core = seg.strip(_SEPARATORS)
        if core and (i in (0, last) or core != "and"):
            return False
    return True


def _read_line(
    text: str,
    names: list[str],
    segments: list[str],
    el: etree._Element,
    diag: Diagnostics,
    n: int,
) -> list[Author]:
    """Authors of a line with affiliations or other text between the links.

    The links split the names: they are arXiv's own split of the line, so the text
    between them is read for affiliations only, by the rules of the shared author-line
    parser (one group is one affiliation, numbered markers resolve through the trailing
    legend). A list cut at 100 names lost its legend with the names, so its unresolved
    markers are not reported.
    """
    authors, problems = assign_affiliations(names, segments, truncated=len(names) >= AUTHOR_CAP)
    for kind, what in problems:
        if kind == "reference":
            diag.report(
                DefectKind.AMBIGUOUS_AFFILIATION,
                "an affiliation marker the author line does not resolve",
                line=el.sourceline,
                snippet=what,
                where=_where(n),
            )
        else:
            diag.report(
                DefectKind.AMBIGUOUS,
                "text between author links belongs to no author (kept in authors_text)",
                line=el.sourceline,
                snippet=what,
                where=_where(n),
            )
    return authors


def _subject_codes(text: str, el: etree._Element, diag: Diagnostics, n: int) -> list[str]:
    codes = []
    for raw in text.split(";"):
        piece = raw.strip()
        if not piece:
            continue
        m = _CODE_RE.search(piece)
        if m is None:
            diag.report(
                DefectKind.UNKNOWN_CATEGORY,
                "a subject without its (code); skipped",
                line=el.sourceline,
                snippet=piece,
                where=_where(n),
            )
            continue
        codes.append(m.group(1).strip())
    return codes


def _subjects(el: etree._Element, fields: _Fields, diag: Diagnostics, n: int) -> None:
    primary = None
    parts = [el.text or ""]
    for child in el:
        cls = child.get("class")
        if cls == "primary-subject":
            shown = text_of(child)
            parts.append(shown)
            if primary is None:
                start, end = shown.rfind("("), shown.rfind(")")
                primary = shown[start + 1 : end].strip() if 0 <= start < end else None
        elif cls != "descriptor":
            parts.append(text_of(child))
        if child.tail:
            parts.append(child.tail)
    text = " ".join("".join(parts).split())
    codes = _CODES_RE.findall(text)
    if len(codes) != text.count(";") + 1:  # a piece without its code: find which
        codes = _subject_codes(text, el, diag, n)
    for code in codes:
        if code not in _KNOWN:
            diag.report(
                DefectKind.UNKNOWN_CATEGORY,
                "category code is not in arXiv's taxonomy (kept as given)",
                line=el.sourceline,
                snippet=code,
                where=_where(n),
            )
    if primary is not None and primary in codes and codes[0] != primary:
        codes.remove(primary)
        codes.insert(0, primary)
    fields.categories = codes
    fields.primary = primary
