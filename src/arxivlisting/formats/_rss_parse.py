"""Private: rss.arxiv.org RSS 2.0 and Atom, and the pre-2024 RSS 1.0 -> :class:`RssFeed`."""

from __future__ import annotations

from typing import Any

import attrs
from lxml import etree

from .._diag import Diagnostics
from ..errors import DefectKind, ParseError
from ..text import normalize_space
from ._rss_common import (
    _A,
    _R,
    ARXIV_NS,
    ATOM_NS,
    DC_NS,
    RDF_NS,
    RSS1_NS,
    SYN_NS,
    Ctx,
    new_york,
    once,
)
from ._rss_items import modern_item
from ._rss_records import RssFeed, RssFormat, RssItem
from ._rss_rss1 import parse_rss1
from ._xml import element_text, parse_document, qname_local

__all__ = ["ARXIV_NS", "ATOM_NS", "DC_NS", "RDF_NS", "RSS1_NS", "SYN_NS", "new_york", "parse_feed"]


# -- channels ----------------------------------------------------------------------------

_RSS2_CHANNEL = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "docs": "docs",
    "managingEditor": "managing_editor",
}


def _rss2(ctx: Ctx, root: etree._Element) -> RssFeed:
    channel = root.find("channel")
    if channel is None:
        raise ParseError(
            "an RSS document without a <channel>", kind=DefectKind.SYNTAX, line=root.sourceline
        )
    facts: dict[str, Any] = {}
    items: list[RssItem] = []
    for child in channel:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == "item":
            items.append(modern_item(ctx, child, len(items) + 1, atom=False))
        elif tag in _RSS2_CHANNEL:
            once(
                ctx,
                facts,
                _RSS2_CHANNEL[tag],
                normalize_space(ctx.text(child, "channel")) or None,
                child,
            )
        elif tag == "pubDate":
            once(ctx, facts, "pub_date", ctx.rfc822(child, "channel"), child)
        elif tag == "lastBuildDate":
            once(ctx, facts, "last_build_date", ctx.rfc822(child, "channel"), child)
        elif tag == _A + "link" and child.get("rel", "self") == "self":
            once(ctx, facts, "self_link", child.get("href"), child)
        elif tag == "skipDays":
            facts["skip_days"] = tuple(
                normalize_space(element_text(d)) for d in child if d.tag == "day"
            )
        else:
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(tag)}> in the channel; skipped",
                child,
                None,
            )
    for child in root:
        if isinstance(child.tag, str) and child.tag != "channel":
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(child.tag)}> outside the channel; skipped",
                child,
                None,
            )
    return RssFeed(items=tuple(items), format=RssFormat.RSS2, **facts)


def _atom(ctx: Ctx, root: etree._Element) -> RssFeed:
    facts: dict[str, Any] = {}
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        facts["language"] = lang
    items: list[RssItem] = []
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _A + "entry":
            items.append(modern_item(ctx, child, len(items) + 1, atom=True))
        elif tag == _A + "id":
            once(ctx, facts, "feed_id", ctx.text(child, "feed").strip(), child)
        elif tag == _A + "title":
            once(ctx, facts, "title", normalize_space(ctx.text(child, "feed")), child)
        elif tag == _A + "subtitle":
            once(ctx, facts, "description", normalize_space(ctx.text(child, "feed")), child)
        elif tag == _A + "updated":
            once(ctx, facts, "last_build_date", ctx.rfc3339(child, "feed"), child)
        elif tag == _A + "link":
            rel = child.get("rel", "alternate")
            once(ctx, facts, "self_link" if rel == "self" else "link", child.get("href"), child)
        elif tag == _A + "generator":
            continue
        else:
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(tag)}> in the feed; skipped",
                child,
                None,
            )
    return RssFeed(items=tuple(items), format=RssFormat.ATOM, **facts)


def _check_root(root: etree._Element) -> None:
    if root.tag in ("rss", _A + "feed", _R + "RDF"):
        return
    raise ParseError(
        f"not an RSS or Atom feed: the root element is <{qname_local(root.tag)}>",
        kind=DefectKind.SYNTAX,
        line=root.sourceline,
    )


def parse_feed(data: str | bytes, strict: bool) -> RssFeed:
    """Parse a feed (see :func:`arxivlisting.formats.rss.parse_rss`)."""
    diag = Diagnostics(strict, data)
    root = parse_document(data, diag, "an RSS or Atom feed", check_root=_check_root)
    ctx = Ctx(diag)
    if root.tag == "rss":
        feed = _rss2(ctx, root)
    elif root.tag == _A + "feed":
        feed = _atom(ctx, root)
    else:
        feed = parse_rss1(ctx, root)
    if feed.title is not None and feed.title.startswith("Feed error for query"):
        # rss.arxiv.org answers an unknown category with an error channel (HTTP 400).
        diag.report(
            DefectKind.API_ERROR,
            f"the feed service answered with an error: {feed.description or feed.title}",
            line=root.sourceline,
            snippet=feed.title,
            where="feed",
        )
    return attrs.evolve(feed, defects=tuple(diag.defects))
