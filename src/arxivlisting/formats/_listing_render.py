"""Private: :class:`Listing` -> the 2024+ listing markup of arxiv-browse."""

from __future__ import annotations

from html import escape
from urllib.parse import quote_plus

from .. import taxonomy
from ..announce import AnnounceType
from ..records import Author, Link
from ._listing_authors import locate_names
from ._listing_records import Listing, ListingItem, ListingKind, ListingSection, SectionKind
from ._listing_text import MONTHS, format_day, format_long_day, render_showing

__all__ = ["render_listing_page"]

_SECTION_HEADINGS = {
    SectionKind.NEW: "New submissions",
    SectionKind.CROSS: "Cross submissions",
    SectionKind.REPLACE: "Replacement submissions",
}
_INDEX_LABELS = {
    SectionKind.NEW: "New submissions",
    SectionKind.CROSS: "Cross-lists",
    SectionKind.REPLACE: "Replacements",
}
_LINK_ATTRS = {
    "pdf": ("/pdf/", "Download PDF", "pdf"),
    "ps": ("/ps/", "Download PostScript", "ps"),
    "html": ("/html/", "View HTML", "html"),
    "other": ("/format/", "Other formats", "oth"),
}


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def render_listing_page(listing: Listing) -> str:
    """The page for ``listing`` (see :func:`arxivlisting.formats.listing.render_listing`)."""
    out: list[str] = ['<!DOCTYPE html>\n<html lang="en">\n\n<head>  <title>']
    out.append(_t(listing.name or ""))
    out.append("</title>\n</head>\n\n<body>\n  <header>\n")
    cat = listing.category
    if cat is not None:
        out.append(
            '<div class="header-breadcrumbs">\n  <a href="/">arXiv</a> <span>&gt;</span>\n'
            f'  <a href="/list/{_a(cat)}/recent">{_t(cat)}</a>\n  </div>\n'
        )
    out.append("  </header>\n  <main>\n  <div id=\"content\">\n<div id='content-inner'>\n")
    out.append("<div id='dlpage'>\n")
    if listing.name is not None:
        out.append(f"  <h1>{_t(listing.name)}</h1>\n\n")
    _index(listing, out)
    if listing.dateline is not None:
        out.append(f"<div class='list-dateline'>{_t(listing.dateline)}</div>\n")
    _paging(listing, out)
    for section in listing.sections:
        _section(listing, section, out)
    if listing.no_updates:
        out.append("    <p>No updates today.</p>\n")
    _paging(listing, out)
    out.append("</div>\n</div>      </div>\n  </main>\n</body>\n</html>\n")
    return "".join(out)


def _list_url(listing: Listing, sub: str) -> str:
    return f"/list/{listing.category or ''}/{sub}"


def _subcontext(listing: Listing) -> str:
    kind = listing.kind
    if kind == ListingKind.MONTH and listing.year is not None and listing.month is not None:
        return f"{listing.year:04d}-{listing.month:02d}"
    if kind == ListingKind.YEAR and listing.year is not None:
        return f"{listing.year:04d}"
    return kind.value if kind is not None else "recent"


def _index(listing: Listing, out: list[str]) -> None:
    kind = listing.kind
    cat = listing.category
    if kind == ListingKind.NEW:
        out.append("<ul>\n")
        for start in listing.section_starts:
            label = _INDEX_LABELS.get(start.kind, start.kind.value)
            out.append(f'  <li><a href="#item{start.index}" rel="nofollow">{_t(label)}</a></li>\n')
        out.append("</ul>\n\n")
        if cat is not None:
            out.append(
                f'<p>See <a id="recent-{_a(cat)}" href="/list/{_a(cat)}/recent">recent</a>'
                " articles</p>\n"
            )
        if listing.date is not None:
            out.append(f"<h3>Showing new listings for {format_long_day(listing.date)}</h3>\n")
    elif kind in (ListingKind.RECENT, ListingKind.PASTWEEK):
        out.append("<h2>Authors and titles for recent submissions</h2>\n  <ul>\n")
        base = _list_url(listing, "recent") if cat is not None else ""
        for day in listing.days:
            href = ""
            if day.skip is not None:
                show = listing.show if listing.show is not None else 2000
                href = f"{base}?skip={day.skip}&amp;show={show}"
            out.append(
                f'<li>\n        <a href="{href}">\n          {format_day(day.date)}\n'
                "        </a>\n      </li>"
            )
        out.append("</ul>\n")
        if cat is not None:
            out.append(
                f'  <p>See today\'s <a id="new-{_a(cat)}" href="/list/{_a(cat)}/new">new</a>'
                " changes</p>\n"
            )
    elif kind == ListingKind.MONTH and listing.year is not None and listing.month is not None:
        out.append(
            f"<h2>Authors and titles for {MONTHS[listing.month - 1]} {listing.year:04d} </h2>\n"
        )
    elif kind == ListingKind.YEAR and listing.year is not None:
        out.append(f"<h2>Authors and titles for {listing.year:04d} </h2>\n")


def _paging(listing: Listing, out: list[str]) -> None:
    if listing.total is not None:
        out.append(f"      <div class='paging'>Total of {listing.total} entries ")
        if listing.skip is not None:
            end = listing.total
            if listing.show is not None:
                end = min(listing.total, listing.skip + listing.show)
            out.append(f":\n      <span>{listing.skip + 1}-{max(end, listing.skip + 1)}</span>")
        out.append("\n    </div>\n")
    if listing.show is not None:
        out.append(f"    <div class='morefewer'>Showing up to {listing.show} entries per page:\n")
        if listing.kind is None:  # a link would name a period the listing does not state
            out.append('          <span style="color: #454545">fewer</span>\n |\n')
        else:
            url = _a(_list_url(listing, _subcontext(listing)))
            fewer = max(listing.show // 2, 1)
            out.append(
                f"          <a href={url}?skip={listing.skip or 0}&amp;show={fewer}"
                ' rel="nofollow">\n      fewer</a>\n |\n'
            )
        out.append(
            '          <span style="color: #454545">more</span>\n |\n'
            '          <span style="color: #454545">all</span>\n\n    </div>\n'
        )


def _heading(section: ListingSection) -> str | None:
    note = None
    if section.shown is not None and section.total is not None:
        note = render_showing(section.shown, section.total, section.continued, section.continues)
    if section.kind == SectionKind.DAY:
        if section.date is None:
            return None
        head = format_day(section.date)
        return f"{head} ({note} )" if note else head
    label = _SECTION_HEADINGS.get(section.kind)
    if label is None:
        return None
    return f"{label} ({note})" if note else label


def _section(listing: Listing, section: ListingSection, out: list[str]) -> None:
    out.append("\n\n      <dl id='articles'>\n")
    heading = _heading(section)
    if heading is not None:
        out.append(f"    <h3>{_t(heading)}</h3>\n")
    if not section.items:
        out.append("    <p>No updates for this time period.</p>\n")
    for item in section.items:
        _item(listing, item, out)
    out.append("</dl>\n")


def _item(listing: Listing, item: ListingItem, out: list[str]) -> None:
    paper = item.paper
    out.append("    <dt>\n")
    if item.index is not None:
        out.append(f"      <a name='item{item.index}'>[{item.index}]</a>\n")
    pid = str(paper.id) if paper.id is not None else None
    if pid is not None:
        out.append(
            f'      <a href ="/abs/{_a(pid)}" title="Abstract" id="{_a(pid)}">\n'
            f"        arXiv:{_t(pid)}\n      </a>\n"
        )
    if item.announce_type in (AnnounceType.CROSS, AnnounceType.REPLACE_CROSS) and item.cross_from:
        out.append(f"          (cross-list from {_t(item.cross_from)})\n")
    elif item.announce_type in (AnnounceType.REPLACE, AnnounceType.REPLACE_CROSS):
        out.append("          (replaced)\n")
    if paper.links:
        out.append("\n        [" + ", ".join(_download(link, pid) for link in paper.links) + "]\n")
    out.append("    </dt>\n    <dd>\n      <div class='meta'>\n")
    if paper.title is not None:
        out.append(
            "        <div class='list-title mathjax'><span class='descriptor'>Title:</span>\n"
            f"          {_t(paper.title)}\n        </div>\n"
        )
    authors_html = _authors(item, listing)
    if authors_html is not None:
        out.append(f"        <div class='list-authors'>{authors_html}</div>\n\n")
    if paper.comments is not None:
        out.append(
            "        <div class='list-comments mathjax'><span class='descriptor'>Comments:</span>\n"
            f"          {_t(paper.comments)}\n        </div>\n"
        )
    if paper.journal_ref is not None:
        out.append(
            "        <div class='list-journal-ref'><span class='descriptor'>Journal-ref:</span>\n"
            f"          {_t(paper.journal_ref)}\n        </div>\n"
        )
    if paper.categories or paper.primary_category is not None:
        out.append(
            "\n        <div class='list-subjects'><span class='descriptor'>Subjects:</span>\n"
            f"          {_subjects(paper.categories, paper.primary_category)}\n        </div>\n"
        )
    if paper.abstract is not None:
        out.append(f"\n        <p class='mathjax'>\n          {_t(paper.abstract)}\n        </p>\n")
    out.append("\n      </div>\n    </dd>\n")


def _download(link: Link, pid: str | None) -> str:
    path, title, prefix = _LINK_ATTRS.get(link.title or "", ("", "", ""))
    href = link.href
    if (
        href.startswith("https://arxiv.org/")
        and path
        and href.startswith("https://arxiv.org" + path)
    ):
        href = href[len("https://arxiv.org") :]
    attrs = f'href="{_a(href)}"'
    if title:
        attrs += f' title="{title}"'
    if pid is not None and prefix:
        attrs += f' id="{prefix}-{_a(pid)}" aria-labelledby="{prefix}-{_a(pid)}"'
    if link.title == "html":
        attrs += ' rel="noopener noreferrer" target="_blank"'
    return f"<a {attrs}>{_t(link.title or '')}</a>"


def _category_name(code: str) -> str:
    cat = taxonomy.get_category(code)
    if cat is not None:
        return f"{cat.name} ({code})"
    arch = taxonomy.get_archive(code)
    return f"{arch.name if arch is not None else code} ({code})"


def _subjects(categories: tuple[str, ...], primary: str | None) -> str:
    parts = []
    rest = list(categories)
    if primary is not None:
        parts.append(f'<span class="primary-subject">{_t(_category_name(primary))}</span>')
        if rest and rest[0] == primary:
            rest.pop(0)
    parts.extend(_t(_category_name(code)) for code in rest)
    return "; ".join(parts)


def _author_link(name: str, listing: Listing) -> str:
    archive = (listing.category or "").split(".", 1)[0]
    last = name.rsplit(" ", 1)[-1]
    href = f"https://arxiv.org/search/{archive}?searchtype=author&query={quote_plus(last)}"
    return f'<a href="{_a(href)}">{_t(name)}</a>'


def _authors(item: ListingItem, listing: Listing) -> str | None:
    authors = item.paper.authors
    text = item.authors_text
    names = [a.name for a in authors]
    spans = locate_names(text, names) if text is not None else None
    if text is None or spans is None:
        if text is None and not authors:
            return None
        # No text, or text that does not hold the names: write the canonical line.
        return ", ".join(
            _author_link(a.name, listing) + "".join(f" ({_t(aff)})" for aff in a.affiliations)
            for a in authors
        )
    out = []
    pos = 0
    for name, (start, end) in zip(names, spans, strict=True):
        out.append(_t(text[pos:start]))
        out.append(_author_link(name, listing))
        pos = end
    out.append(_t(text[pos:]))
    return "".join(out)


def canonical_authors_text(authors: tuple[Author, ...]) -> str:
    """``Name (Affiliation), Name`` as arXiv writes an author line."""
    return ", ".join(a.name + "".join(f" ({aff})" for aff in a.affiliations) for a in authors)
