"""Private: one RSS 2.0 item or rss.arxiv.org Atom entry -> :class:`RssItem`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from lxml import etree

from ..errors import DefectKind
from ..records import Paper
from ..text import normalize_space
from ._rss_common import (
    _A,
    _D,
    _DESCRIPTION_RE,
    _X,
    Ctx,
    announce_of,
    authors_of,
    item_id,
)
from ._rss_records import RssItem
from ._xml import qname_local

__all__ = ["modern_item"]


class _ItemFields:
    """What the children of one RSS 2.0 item or Atom entry say."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.link: str | None = None
        self.description: str | None = None
        self.guid: str | None = None
        self.categories: list[str] = []
        self.pub_date: _dt.datetime | None = None
        self.updated: _dt.datetime | None = None
        self.announce: str | None = None
        self.rights: str | None = None
        self.creator: str | None = None
        self.journal_ref: str | None = None
        self.dois: list[str] = []


def modern_item(ctx: Ctx, el: etree._Element, n: int, atom: bool) -> RssItem:
    where = f"item[{n}]"
    f = _ItemFields()
    seen: set[str] = set()
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = _child_name(tag, atom)
        if name is None:
            ctx.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"<{qname_local(tag)}> in an item; skipped",
                child,
                None,
                where,
            )
            continue
        if name == "category":
            term = child.get("term") if atom else ctx.text(child, where).strip()
            if term:
                f.categories.append(term)
            continue
        if name == "doi":
            f.dois.extend(ctx.text(child, where).split())
            continue
        if name in seen:
            ctx.report(
                DefectKind.DUPLICATE_FIELD,
                f"a second <{qname_local(tag)}>; the first is kept",
                child,
                None,
                where,
            )
            continue
        seen.add(name)
        _ITEM_HANDLERS[name](ctx, child, f, where, atom)
    desc_id = announce_text = abstract = None
    if f.description is not None:
        m = _DESCRIPTION_RE.fullmatch(f.description)
        if m is None:
            ctx.report(
                DefectKind.AMBIGUOUS,
                "a description not in the 'arXiv:<id> Announce Type: ... Abstract:' form;"
                " kept whole as the abstract",
                el,
                f.description[:120],
                where,
            )
            abstract = normalize_space(f.description)
        else:
            desc_id, announce_text, abstract = m.group(1), m.group(2), normalize_space(m.group(3))
    guid = f.guid
    pid = item_id(ctx, el, where, (desc_id, "description"), (guid, "guid"), (f.link, "link"))
    announce = announce_of(ctx, f.announce, el, where)
    from_text = announce_of(ctx, announce_text, el, where)
    if announce is None:
        announce = from_text
    elif from_text is not None and from_text != announce:
        ctx.report(
            DefectKind.INCONSISTENT,
            "the description and arxiv:announce_type disagree",
            el,
            announce_text,
            where,
        )
    if pid is None:
        ctx.report(DefectKind.MISSING_FIELD, "an item without an arXiv id", el, None, where)
    if f.title is None:
        ctx.report(DefectKind.MISSING_FIELD, "an item without a title", el, None, where)
    if f.creator is None:
        ctx.report(DefectKind.MISSING_FIELD, "an item without dc:creator", el, None, where)
    ctx.categories(f.categories, el, where)
    paper = Paper(
        id=pid,
        title=f.title,
        authors=authors_of(ctx, f.creator, el, where)[0],
        abstract=abstract,
        journal_ref=f.journal_ref,
        dois=tuple(f.dois),
        categories=tuple(f.categories),
        license=f.rights,
    )
    return RssItem(
        paper=paper,
        announce_type=announce,
        link=f.link,
        guid=guid,
        pub_date=f.pub_date,
        updated=f.updated,
        creator=f.creator,
    )


def _child_name(tag: str, atom: bool) -> str | None:
    if tag.startswith(_X):
        local = tag[len(_X) :]
        return {"announce_type": "announce", "journal_reference": "journal_ref", "DOI": "doi"}.get(
            local
        )
    if tag.startswith(_D):
        return {"rights": "rights", "creator": "creator"}.get(tag[len(_D) :])
    if atom:
        if not tag.startswith(_A):
            return None
        local = tag[len(_A) :]
        return {
            "id": "guid",
            "title": "title",
            "link": "link",
            "summary": "description",
            "content": "description",
            "category": "category",
            "published": "pub_date",
            "updated": "updated",
        }.get(local)
    if "}" in tag:
        return None
    return {
        "title": "title",
        "link": "link",
        "description": "description",
        "guid": "guid",
        "category": "category",
        "pubDate": "pub_date",
    }.get(tag)


def _set_title(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.title = normalize_space(ctx.text(el, where))


def _set_link(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.link = (el.get("href") if atom else ctx.text(el, where)) or None
    if f.link is not None:
        f.link = f.link.strip()


def _set_description(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.description = ctx.text(el, where)


def _set_guid(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.guid = ctx.text(el, where).strip()


def _set_pub_date(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.pub_date = ctx.rfc3339(el, where) if atom else ctx.rfc822(el, where)


def _set_updated(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
    f.updated = ctx.rfc3339(el, where)


def _setter(
    attr: str, normalize: bool = True
) -> Callable[[Ctx, etree._Element, _ItemFields, str, bool], None]:
    def set_value(ctx: Ctx, el: etree._Element, f: _ItemFields, where: str, atom: bool) -> None:
        text = ctx.text(el, where)
        setattr(f, attr, normalize_space(text) if normalize else text.strip())

    return set_value


_ITEM_HANDLERS: dict[str, Callable[[Ctx, etree._Element, _ItemFields, str, bool], None]] = {
    "title": _set_title,
    "link": _set_link,
    "description": _set_description,
    "guid": _set_guid,
    "pub_date": _set_pub_date,
    "updated": _set_updated,
    "announce": _setter("announce"),
    "rights": _setter("rights", normalize=False),
    "creator": _setter("creator"),
    "journal_ref": _setter("journal_ref"),
}
