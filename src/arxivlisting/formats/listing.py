"""arXiv listing pages ``/list/<category>/new|recent|pastweek|YYYY-MM|YYYY``.

``parse_listing`` reads both markups into a :class:`Listing`: the one arxiv-browse has
served since early 2024 (each section its own ``dl#articles`` with the ``h3`` inside,
"Total of N entries" paging) and the legacy one (``span.list-identifier``, "Authors:"
descriptors, an ``h3`` before each ``dl``, two-digit years, ``small`` paging).
``render_listing`` writes the 2024 markup.

>>> from arxivlisting.formats.listing import parse_listing, render_listing
>>> page = '''<div id='dlpage'><h1>Computation and Language</h1>
... <h3>Showing new listings for Monday, 5 May 2025</h3>
... <dl id='articles'><h3>New submissions (showing 1 of 1 entries)</h3>
... <dt><a name='item1'>[1]</a> <a href ="/abs/2505.00001" title="Abstract">arXiv:2505.00001</a>
... [<a href="/pdf/2505.00001" title="Download PDF">pdf</a>]</dt>
... <dd><div class='meta'>
... <div class='list-title mathjax'><span class='descriptor'>Title:</span> A title</div>
... <div class='list-authors'><a href="/a">Ada Lovelace</a> (Analytical Society), <a
... href="/b">Charles Babbage</a></div>
... <div class='list-subjects'><span class='descriptor'>Subjects:</span>
... <span class="primary-subject">Computation and Language (cs.CL)</span>;
... Machine Learning (cs.LG)</div>
... <p class='mathjax'>An abstract.</p></div></dd></dl></div>'''
>>> listing = parse_listing(page)
>>> listing.kind.value, str(listing.date), listing.sections[0].kind.value
('new', '2025-05-05', 'new')
>>> item = listing.items[0]
>>> item.index, str(item.paper.id), item.paper.categories, item.announce_type.value
(1, '2505.00001', ('cs.CL', 'cs.LG'), 'new')
>>> [(a.name, a.affiliations) for a in item.paper.authors]
[('Ada Lovelace', ('Analytical Society',)), ('Charles Babbage', ())]
>>> parse_listing(render_listing(listing)) == listing
True
"""

from __future__ import annotations

import re

from ._listing_parse import parse_listing_page
from ._listing_records import (
    Listing,
    ListingDay,
    ListingItem,
    ListingKind,
    ListingSection,
    SectionKind,
    SectionStart,
)
from ._listing_render import render_listing_page

__all__ = [
    "Listing",
    "ListingDay",
    "ListingItem",
    "ListingKind",
    "ListingSection",
    "SectionKind",
    "SectionStart",
    "looks_like",
    "parse_listing",
    "render_listing",
]


def parse_listing(data: str | bytes, *, strict: bool = False) -> Listing:
    """Parse one arXiv listing page (either markup) into a :class:`Listing`.

    Lenient by default: what had to be worked around is on ``listing.defects``. With
    ``strict=True`` the first defect raises :class:`~arxivlisting.errors.ParseError`.
    Input that is no listing page at all raises ``ParseError`` either way.

    >>> page = "<div id='dlpage'><h1>Mathematics</h1><p>No updates today.</p></div>"
    >>> parse_listing(page).no_updates
    True
    """
    return parse_listing_page(data, strict)


def render_listing(listing: Listing) -> str:
    """Write ``listing`` as a page in arxiv-browse's 2024+ markup.

    Author names are linked where they stand in ``authors_text``; comments and abstracts
    are written as plain text. Defects are not written.

    >>> from arxivlisting import ArxivId, Paper
    >>> from arxivlisting.formats.listing import ListingItem
    >>> page = render_listing(Listing(sections=[ListingSection(SectionKind.ALL, [
    ...     ListingItem(Paper(id=ArxivId.parse("2401.00001"), title="T"), index=1)])]))
    >>> "arXiv:2401.00001" in page and parse_listing(page).items[0].paper.title
    'T'
    """
    return render_listing_page(listing)


_LOOKS_RE = re.compile(
    r"id=['\"]dlpage['\"]|<dl id=['\"]articles['\"]|class=['\"]list-identifier['\"]"
    r"|class=['\"]list-title",
)


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes of a document) looks like a listing page.

    A listing page is HTML with the ``dlpage`` division or a ``dl#articles`` list; an abs
    page has neither.

    >>> looks_like("<!DOCTYPE html><html><body><div id='dlpage'><h1>Physics</h1>")
    True
    >>> looks_like('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    False
    """
    start = head.lstrip()[:200].lower()
    if not (start.startswith(("<!doctype html", "<html", "<div", "<body", "<head", "<?xml"))):
        return False
    return _LOOKS_RE.search(head) is not None
