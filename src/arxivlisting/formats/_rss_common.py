"""Private: what the feed parsers share: namespaces, dates, ids, authors, HTML text."""

from __future__ import annotations

import datetime as _dt
import functools
import re
import zoneinfo
from typing import Any

import lxml.html
from lxml import etree

from .. import taxonomy
from .._diag import Diagnostics
from ..announce import AnnounceType
from ..authors import parse_authors
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author
from ._listing_text import parse_rfc822
from ._xml import element_text, parse_rfc3339, qname_local

__all__ = [
    "ARXIV_NS",
    "ATOM_NS",
    "DC_NS",
    "RDF_NS",
    "RSS1_NS",
    "SYN_NS",
    "Ctx",
    "announce_of",
    "authors_of",
    "html_text",
    "item_id",
    "new_york",
    "once",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
ARXIV_NS = "http://arxiv.org/schemas/atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS1_NS = "http://purl.org/rss/1.0/"
SYN_NS = "http://purl.org/rss/1.0/modules/syndication/"
_A, _X, _D, _R, _S, _Y = (f"{{{ns}}}" for ns in (ATOM_NS, ARXIV_NS, DC_NS, RDF_NS, RSS1_NS, SYN_NS))
_DESCRIPTION_RE = re.compile(
    r"\s*arXiv:(\S+)[ \t]+Announce Type:[ \t]*(\S*)[ \t]*\r?\n?\s*Abstract:[ \t]?(.*)", re.S
)
_RSS1_TITLE_RE = re.compile(
    r"(.*?)\s*\(arXiv:(\S+?)(?:\s*\[([^\]]*)\])?(?:\s+(UPDATED|CROSS LISTED))?\s*\)\s*", re.S
)
_MARKERS = {
    None: AnnounceType.NEW,
    "UPDATED": AnnounceType.REPLACE,
    "CROSS LISTED": AnnounceType.CROSS,
}
_KNOWN = frozenset(taxonomy.CATEGORIES) | frozenset(taxonomy.ARCHIVES)


@functools.lru_cache(maxsize=1)
def new_york() -> _dt.tzinfo | None:
    """America/New_York, or None where the time zone database is missing."""
    try:
        return zoneinfo.ZoneInfo("America/New_York")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


class Ctx:
    def __init__(self, diag: Diagnostics) -> None:
        self.diag = diag

    def report(
        self,
        kind: DefectKind,
        message: str,
        el: etree._Element | None,
        snippet: str | None = None,
        where: str = "feed",
    ) -> None:
        self.diag.report(
            kind,
            message,
            line=el.sourceline if el is not None else None,
            snippet=snippet,
            where=where,
        )

    def text(self, el: etree._Element, where: str) -> str:
        for child in el:
            if not isinstance(child, etree._Entity):
                self.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    f"markup <{qname_local(child.tag)}> inside <{qname_local(el.tag)}>;"
                    " only its text is kept",
                    child,
                    where=where,
                )
                break
        return element_text(el)

    def rfc822(self, el: etree._Element, where: str) -> _dt.datetime | None:
        raw = self.text(el, where)
        value, problem, zoned = parse_rfc822(raw)
        if value is None:
            self.report(DefectKind.BAD_DATE, problem or "not a date", el, raw, where)
            return None
        if problem is not None:
            self.report(DefectKind.INCONSISTENT, problem, el, raw, where)
        if not zoned:
            zone = new_york()
            if zone is not None:
                naive = value.replace(tzinfo=None)
                value = naive.replace(tzinfo=zone).astimezone(_dt.timezone.utc)
            self.report(
                DefectKind.BAD_DATE,
                "a date without a time zone; read as New York time",
                el,
                raw,
                where,
            )
        return value

    def rfc3339(self, el: etree._Element, where: str) -> _dt.datetime | None:
        raw = self.text(el, where).strip()
        try:
            return parse_rfc3339(raw)
        except ValueError:
            self.report(
                DefectKind.BAD_DATE,
                f"<{qname_local(el.tag)}> is not an RFC 3339 time",
                el,
                raw,
                where,
            )
            return None

    def categories(self, cats: list[str], el: etree._Element, where: str) -> None:
        for c in cats:
            if c not in _KNOWN:
                self.report(
                    DefectKind.UNKNOWN_CATEGORY,
                    "category code is not in arXiv's taxonomy (kept as given)",
                    el,
                    c,
                    where,
                )


def authors_of(
    ctx: Ctx, creator: str | None, el: etree._Element, where: str
) -> tuple[tuple[Author, ...], int | None]:
    """The authors of a ``dc:creator`` line (read by :func:`arxivlisting.authors.parse_authors`)
    and its "N additional authors not shown" count."""
    if not creator:
        return (), None
    line = parse_authors(creator)
    for d in line.defects:
        ctx.report(d.kind, f"dc:creator: {d.message}", el, d.snippet, where)
    return line.authors, line.not_shown


def item_id(
    ctx: Ctx, el: etree._Element, where: str, *candidates: tuple[str | None, str]
) -> ArxivId | None:
    """The versioned id the item names; every place that names one must agree."""
    found: ArxivId | None = None
    for raw, what in candidates:
        if raw is None:
            continue
        value = ArxivId.try_parse(raw.strip())
        if value is None:
            ctx.report(DefectKind.BAD_ID, f"the {what} names no arXiv id", el, raw, where)
            continue
        if found is None:
            found = value
        elif value.unversioned != found.unversioned or (
            value.version is not None
            and found.version is not None
            and value.version != found.version
        ):
            ctx.report(DefectKind.INCONSISTENT, f"the {what} names another id", el, raw, where)
        elif found.version is None and value.version is not None:
            found = value
    return found


def announce_of(ctx: Ctx, raw: str | None, el: etree._Element, where: str) -> AnnounceType | None:
    if raw is None or not raw.strip():
        return None
    try:
        return AnnounceType(raw.strip())
    except ValueError:
        ctx.report(
            DefectKind.UNKNOWN_ELEMENT, "an announce type this parser does not know", el, raw, where
        )
        return None


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (RSS 1.0 descriptions and creators)."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    text: str = root.text_content()
    return text


def once(ctx: Ctx, facts: dict[str, Any], name: str, value: object, el: etree._Element) -> None:
    if name in facts:
        ctx.report(
            DefectKind.DUPLICATE_FIELD,
            f"a second <{qname_local(el.tag)}>; the first is kept",
            el,
            None,
        )
    else:
        facts[name] = value
