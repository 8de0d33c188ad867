"""Private: :class:`RssFeed` -> RSS 2.0, Atom or RSS 1.0 as arXiv writes them."""

from __future__ import annotations

import datetime as _dt
from html import escape

from lxml import etree

from ..records import Paper
from ._listing_authors import locate_names
from ._listing_render import canonical_authors_text
from ._listing_text import DAYS, MONTHS
from ._rss_parse import ARXIV_NS, ATOM_NS, DC_NS, RDF_NS, RSS1_NS, SYN_NS, new_york
from ._rss_records import RssFeed, RssFormat, RssItem

__all__ = ["render_feed"]

_A, _X, _D, _R, _S, _Y = (f"{{{ns}}}" for ns in (ATOM_NS, ARXIV_NS, DC_NS, RDF_NS, RSS1_NS, SYN_NS))
_UTC = _dt.timezone.utc


def _rfc822(value: _dt.datetime, local: bool) -> str:
    """``Mon, 27 Apr 2026 00:00:00 -0400`` (New York time when ``local``)."""
    zone = new_york() if local else None
    value = value.astimezone(zone if zone is not None else _UTC)
    offset = value.utcoffset() or _dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return (
        f"{DAYS[value.weekday()][:3]}, {value.day:02d} {MONTHS[value.month - 1][:3]} "
        f"{value.year:04d} {value.hour:02d}:{value.minute:02d}:{value.second:02d} "
        f"{sign}{hours:02d}{mins:02d}"
    )


def _rfc3339(value: _dt.datetime) -> str:
    zone = new_york()
    value = value.astimezone(zone if zone is not None else _UTC)
    return value.isoformat()


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    el = etree.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    return el


def _description(item: RssItem) -> str | None:
    paper = item.paper
    if paper.abstract is None and paper.id is None:
        return None
    kind = item.announce_type.value if item.announce_type is not None else ""
    pid = str(paper.id) if paper.id is not None else ""
    return f"arXiv:{pid} Announce Type: {kind} \nAbstract: {paper.abstract or ''}"


def _creator(item: RssItem) -> str | None:
    if item.creator is not None:
        return item.creator
    if item.paper.authors:
        return canonical_authors_text(item.paper.authors)
    return None


def _extensions(parent: etree._Element, item: RssItem) -> None:
    paper = item.paper
    if item.announce_type is not None:
        _sub(parent, _X + "announce_type", item.announce_type.value)
    if paper.license is not None:
        _sub(parent, _D + "rights", paper.license)
    if paper.journal_ref is not None:
        _sub(parent, _X + "journal_reference", paper.journal_ref)
    if paper.dois:
        _sub(parent, _X + "DOI", " ".join(paper.dois))
    creator = _creator(item)
    if creator is not None:
        _sub(parent, _D + "creator", creator)


def _rss2(feed: RssFeed) -> etree._Element:
    nsmap = {"arxiv": ARXIV_NS, "dc": DC_NS, "atom": ATOM_NS}
    root = etree.Element("rss", nsmap=nsmap, version="2.0")
    ch = _sub(root, "channel")
    for tag, value in (
        ("title", feed.title),
        ("link", feed.link),
        ("description", feed.description),
    ):
        if value is not None:
            _sub(ch, tag, value)
    if feed.self_link is not None:
        _sub(ch, _A + "link", href=feed.self_link, rel="self", type="application/rss+xml")
    for tag, value in (("docs", feed.docs), ("language", feed.language)):
        if value is not None:
            _sub(ch, tag, value)
    if feed.last_build_date is not None:
        _sub(ch, "lastBuildDate", _rfc822(feed.last_build_date, local=False))
    if feed.managing_editor is not None:
        _sub(ch, "managingEditor", feed.managing_editor)
    if feed.pub_date is not None:
        _sub(ch, "pubDate", _rfc822(feed.pub_date, local=True))
    if feed.skip_days:
        days = _sub(ch, "skipDays")
        for day in feed.skip_days:
            _sub(days, "day", day)
    for item in feed.items:
        el = _sub(ch, "item")
        paper = item.paper
        if paper.title is not None:
            _sub(el, "title", paper.title)
        if item.link is not None:
            _sub(el, "link", item.link)
        description = _description(item)
        if description is not None:
            _sub(el, "description", description)
        if item.guid is not None:
            _sub(el, "guid", item.guid, isPermaLink="false")
        for cat in paper.categories:
            _sub(el, "category", cat)
        if item.pub_date is not None:
            _sub(el, "pubDate", _rfc822(item.pub_date, local=True))
        _extensions(el, item)
    return root


def _atom(feed: RssFeed) -> etree._Element:
    nsmap = {None: ATOM_NS, "arxiv": ARXIV_NS, "dc": DC_NS}
    root = etree.Element(_A + "feed", nsmap=nsmap)
    if feed.language is not None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", feed.language)
    if feed.feed_id is not None:
        _sub(root, _A + "id", feed.feed_id)
    if feed.title is not None:
        _sub(root, _A + "title", feed.title)
    if feed.last_build_date is not None:
        _sub(root, _A + "updated", _rfc3339(feed.last_build_date))
    if feed.link is not None:
        _sub(root, _A + "link", href=feed.link, rel="alternate")
    if feed.self_link is not None:
        _sub(root, _A + "link", href=feed.self_link, rel="self", type="application/atom+xml")
    if feed.description is not None:
        _sub(root, _A + "subtitle", feed.description)
    for item in feed.items:
        el = _sub(root, _A + "entry")
        paper = item.paper
        if item.guid is not None:
            _sub(el, _A + "id", item.guid)
        if paper.title is not None:
            _sub(el, _A + "title", paper.title)
        if item.updated is not None:
            _sub(el, _A + "updated", _rfc3339(item.updated))
        if item.link is not None:
            _sub(el, _A + "link", href=item.link, rel="alternate", type="text/html")
        description = _description(item)
        if description is not None:
            _sub(el, _A + "summary", description)
        for cat in paper.categories:
            _sub(el, _A + "category", term=cat)
        if item.pub_date is not None:
            _sub(el, _A + "published", _rfc3339(item.pub_date))
        _extensions(el, item)
    return root


def _rss1_creator(item: RssItem, paper: Paper) -> str | None:
    text = _creator(item)
    if text is None:
        return None
    names = [a.name for a in paper.authors]
    spans = locate_names(text, names)
    if spans is None:
        return escape(text, quote=False)
    out = []
    pos = 0
    archive = (paper.primary_category or "").split(".", 1)[0]
    for name, (start, end) in zip(names, spans, strict=True):
        out.append(escape(text[pos:start], quote=False))
        last = name.rsplit(" ", 1)[-1]
        href = f"http://arxiv.org/find/{archive}/1/au:+{last}/0/1/0/all/0/1"
        out.append(f'<a href="{escape(href)}">{escape(name, quote=False)}</a>')
        pos = end
    out.append(escape(text[pos:], quote=False))
    return " " + "".join(out)


def _rss1(feed: RssFeed) -> etree._Element:
    nsmap = {"rdf": RDF_NS, None: RSS1_NS, "dc": DC_NS, "syn": SYN_NS}
    root = etree.Element(_R + "RDF", nsmap=nsmap)
    ch = _sub(root, _S + "channel")
    if feed.feed_id is not None:
        ch.set(_R + "about", feed.feed_id)
    for tag, value in ((_S + "title", feed.title), (_S + "link", feed.link)):
        if value is not None:
            _sub(ch, tag, value)
    if feed.description is not None:
        _sub(ch, _S + "description", feed.description).set(_R + "parseType", "Literal")
    if feed.language is not None:
        _sub(ch, _D + "language", feed.language)
    if feed.pub_date is not None:
        _sub(ch, _D + "date", _rfc3339(feed.pub_date))
    for tag, value in (
        (_D + "publisher", feed.managing_editor),
        (_D + "subject", feed.subject),
        (_Y + "updateBase", feed.update_base),
        (_Y + "updateFrequency", feed.update_frequency),
        (_Y + "updatePeriod", feed.update_period),
    ):
        if value is not None:
            _sub(ch, tag, value)
    seq = _sub(_sub(ch, _S + "items"), _R + "Seq")
    for item in feed.items:
        _sub(seq, _R + "li").set(_R + "resource", item.link or item.guid or "")
    for item in feed.items:
        el = _sub(root, _S + "item")
        paper = item.paper
        if item.guid is not None:
            el.set(_R + "about", item.guid)
        if paper.title is not None or paper.id is not None:
            cat = f" [{paper.primary_category}]" if paper.primary_category else ""
            mark = f" {item.marker}" if item.marker else ""
            pid = str(paper.id) if paper.id is not None else ""
            _sub(el, _S + "title", f"{paper.title or ''}. (arXiv:{pid}{cat}{mark})")
        if item.link is not None:
            _sub(el, _S + "link", item.link)
        if paper.abstract is not None:
            html = f"<p>{escape(paper.abstract, quote=False)}</p>\n"
            _sub(el, _S + "description", html).set(_R + "parseType", "Literal")
        creator = _rss1_creator(item, paper)
        if creator is not None:
            _sub(el, _D + "creator", creator)
    return root


def render_feed(feed: RssFeed) -> bytes:
    """The document for ``feed`` (see :func:`arxivlisting.formats.rss.render_rss`)."""
    if feed.format == RssFormat.ATOM:
        root = _atom(feed)
    elif feed.format == RssFormat.RSS1:
        root = _rss1(feed)
    else:
        root = _rss2(feed)
    etree.indent(root, space="  ")
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + body + b"\n"
