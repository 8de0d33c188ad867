"""Private: the pre-2024 RSS 1.0 (RDF) feeds -> :class:`RssFeed`."""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..errors import DefectKind
from ..records import Paper
from ..text import normalize_space
from ._rss_common import (
    _D,
    _MARKERS,
    _R,
    _RSS1_TITLE_RE,
    _S,
    _Y,
    Ctx,
    authors_of,
    html_text,
    item_id,
    once,
)
from ._rss_records import RssFeed, RssFormat, RssItem
from ._xml import qname_local

__all__ = ["parse_rss1"]


_RSS1_CHANNEL = {
    _S + "title": "title",
    _S + "link": "link",
    _S + "description": "description",
    _D + "language": "language",
    _D + "publisher": "managing_editor",
    _D + "subject": "subject",
    _Y + "updatePeriod": "update_period",
    _Y + "updateFrequency": "update_frequency",
    _Y + "updateBase": "update_base",
}


def _rss1_item(ctx: Ctx, el: etree._Element, n: int) -> RssItem:
    where = f"item[{n}]"
    fields: dict[str, str] = {}
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        key = {
            _S + "title": "title",
            _S + "link": "link",
            _S + "description": "description",
            _D + "creator": "creator",
        }.get(tag)
        if key is None:
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(tag)}> in an item; skipped",
                child,
                None,
                where,
            )
        elif key in fields:
            ctx.report(
                DefectKind.DUPLICATE_FIELD,
                f"a second <{qname_local(tag)}>; the first is kept",
                child,
                None,
                where,
            )
        else:
            fields[key] = ctx.text(child, where)
    title = id_text = primary = marker = None
    if "title" in fields:
        m = _RSS1_TITLE_RE.fullmatch(fields["title"])
        if m is None:
            ctx.report(
                DefectKind.AMBIGUOUS,
                "a title without its '(arXiv:<id> [<cat>])' part",
                el,
                fields["title"],
                where,
            )
            title = normalize_space(fields["title"])
        else:
            title = normalize_space(m.group(1))
            if title.endswith("."):
                title = title[:-1]
            id_text, primary, marker = m.group(2), m.group(3), m.group(4)
    link = fields["link"].strip() if "link" in fields else None
    pid = item_id(
        ctx, el, where, (id_text, "title"), (link, "link"), (el.get(_R + "about"), "rdf:about")
    )
    abstract = None
    if "description" in fields:
        abstract = normalize_space(html_text(fields["description"]))
    creator = None
    if "creator" in fields:
        creator = normalize_space(html_text(fields["creator"]))
    authors, not_shown = authors_of(ctx, creator, el, where)
    categories = (primary.strip(),) if primary else ()
    ctx.categories(list(categories), el, where)
    paper = Paper(
        id=pid,
        title=title,
        authors=authors,
        abstract=abstract,
        categories=categories,
        primary_category=categories[0] if categories else None,
    )
    return RssItem(
        paper=paper,
        announce_type=_MARKERS[marker],
        link=link,
        guid=el.get(_R + "about"),
        creator=creator,
        authors_not_shown=not_shown,
        marker=marker,
    )


def parse_rss1(ctx: Ctx, root: etree._Element) -> RssFeed:
    facts: dict[str, Any] = {}
    items: list[RssItem] = []
    listed: list[str] = []
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _S + "item":
            items.append(_rss1_item(ctx, child, len(items) + 1))
        elif tag == _S + "channel":
            facts["feed_id"] = child.get(_R + "about")
            for sub in child:
                stag = sub.tag
                if not isinstance(stag, str):
                    continue
                if stag in _RSS1_CHANNEL:
                    once(
                        ctx,
                        facts,
                        _RSS1_CHANNEL[stag],
                        normalize_space(ctx.text(sub, "channel")) or None,
                        sub,
                    )
                elif stag == _D + "date":
                    once(ctx, facts, "pub_date", ctx.rfc3339(sub, "channel"), sub)
                elif stag == _S + "items":
                    listed.extend(li.get(_R + "resource") or "" for li in sub.iter(_R + "li"))
                elif stag == _S + "image":
                    continue
                else:
                    ctx.report(
                        DefectKind.UNKNOWN_ELEMENT,
                        f"<{qname_local(stag)}> in the channel; skipped",
                        sub,
                        None,
                    )
        elif tag in (_S + "image", _S + "textinput"):
            continue
        else:
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(tag)}> in the feed; skipped",
                child,
                None,
            )
    if listed and len(listed) != len(items):
        ctx.report(
            DefectKind.COUNT_MISMATCH,
            f"the channel lists {len(listed)} items, the feed holds {len(items)}",
            root,
            None,
        )
    return RssFeed(items=tuple(items), format=RssFormat.RSS1, **facts)
