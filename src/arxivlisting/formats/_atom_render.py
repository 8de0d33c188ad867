"""Private: :func:`render_atom`, the current API's shape."""

from __future__ import annotations

import datetime as _dt

from lxml import etree

from ..records import Paper
from ._atom_records import _A, _O, _X, ARXIV_NS, ATOM_NS, OPENSEARCH_NS, ApiError, Feed

__all__ = ["render_atom"]

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
