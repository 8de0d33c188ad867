"""Private: the listing records (re-exported by :mod:`arxivlisting.formats.listing`)."""

from __future__ import annotations

import datetime as _dt
import enum
import re

import attrs

from .._build import slot_setters
from ..announce import AnnounceType
from ..errors import Defect
from ..records import Paper, as_tuple

__all__ = [
    "Listing",
    "ListingDay",
    "ListingItem",
    "ListingKind",
    "ListingSection",
    "SectionKind",
    "SectionStart",
]


class ListingKind(str, enum.Enum):
    """Which listing a page is: ``/list/<cat>/<kind>``."""

    NEW = "new"
    RECENT = "recent"
    PASTWEEK = "pastweek"
    MONTH = "month"
    YEAR = "year"


class SectionKind(str, enum.Enum):
    """What a section of a listing holds."""

    #: New submissions (``new`` pages, the daily mail).
    NEW = "new"
    #: Cross-lists from other categories.
    CROSS = "cross"
    #: Replacements (new versions of earlier papers).
    REPLACE = "replace"
    #: One announcement day (``recent``/``pastweek`` pages and files).
    DAY = "day"
    #: The one untitled section of month and year pages and plain text listings.
    ALL = "all"


_HTML_VERSION_RE = re.compile(r"v([0-9]{1,6})/?$", re.ASCII)


def _announce_type(value: AnnounceType | str | None) -> AnnounceType | None:
    """``AnnounceType`` of ``value``; instances pass through without an enum lookup."""
    if value is None or type(value) is AnnounceType:
        return value
    return AnnounceType(value)


@attrs.frozen
class ListingItem:
    """One entry of a listing: its running index, the paper, how it was announced.

    ``index`` is the "[N]" running number (counted across the whole listing, so a page
    reached with ``skip`` starts above 1). ``announce_type`` is ``NEW`` for an entry
    without a marker, ``CROSS`` for "(cross-list from <cat>)" with the category in
    ``cross_from``, ``REPLACE`` for "(replaced)". ``paper.id`` is unversioned (the page
    names no version); the download links the page gives are ``paper.links`` (titles
    ``pdf``, ``html``, ``ps``, ``other``).

    ``authors_text`` is the author line exactly as the page shows it (normalized
    whitespace), separators, affiliations and enumerations included. ``authors_truncated``
    is True when the page shows 100 names, the most it ever shows: the list may go on
    (arXiv prints no marker, and a list of exactly 100 looks the same).
    """

    paper: Paper
    index: int | None = None
    announce_type: AnnounceType | None = attrs.field(default=None, converter=_announce_type)
    cross_from: str | None = None
    authors_text: str | None = None
    authors_truncated: bool = False

    @property
    def html_url(self) -> str | None:
        """The HTML (LaTeXML) rendering link, when the page gives one."""
        for link in self.paper.links:
            if link.title == "html":
                return link.href
        return None

    @property
    def html_version(self) -> int | None:
        """The version number in the HTML link (the only version a listing shows)."""
        url = self.html_url
        if url is None:
            return None
        m = _HTML_VERSION_RE.search(url)
        return int(m.group(1)) if m else None


_SET_PAPER, _SET_INDEX, _SET_ANNOUNCE, _SET_CROSS, _SET_TEXT, _SET_TRUNCATED = slot_setters(
    ListingItem
)


def new_listing_item(
    paper: Paper,
    index: int | None,
    announce_type: AnnounceType | None,
    cross_from: str | None,
    authors_text: str | None,
    authors_truncated: bool,
) -> ListingItem:
    """A :class:`ListingItem` from trusted values, skipping the converter (the parser's
    hot loop builds one per entry; see ``arxivlisting._build``)."""
    self: ListingItem = object.__new__(ListingItem)
    _SET_PAPER(self, paper)
    _SET_INDEX(self, index)
    _SET_ANNOUNCE(self, announce_type)
    _SET_CROSS(self, cross_from)
    _SET_TEXT(self, authors_text)
    _SET_TRUNCATED(self, authors_truncated)
    return self


@attrs.frozen
class ListingSection:
    """A run of entries under one heading.

    ``shown`` and ``total`` are the "(showing X of Y entries)" figures of the heading;
    ``continued`` says the section began on an earlier page ("continued, showing ..."),
    ``continues`` that it goes on on a later one ("showing first ..."). ``date`` is the
    day of a ``DAY`` section.
    """

    kind: SectionKind = attrs.field(converter=SectionKind)
    items: tuple[ListingItem, ...] = attrs.field(default=(), converter=as_tuple)
    date: _dt.date | None = None
    shown: int | None = None
    total: int | None = None
    continued: bool = False
    continues: bool = False


@attrs.frozen
class ListingDay:
    """One announcement day in the index of a ``recent`` page, with its ``skip`` offset."""

    date: _dt.date
    skip: int | None = None


@attrs.frozen
class SectionStart:
    """An entry of the index of a ``new`` page: the section and the index of its first entry."""

    kind: SectionKind = attrs.field(converter=SectionKind)
    index: int


@attrs.frozen
class Listing:
    """One listing page ``/list/<category>/<kind>``, in either markup.

    ``category`` is the listing context (``astro-ph``, ``cs.AI``) and ``name`` its full
    name as the page heads it. Dates depend on ``kind``: ``date`` is the announcement day
    of a ``new`` page, ``year``/``month`` the period of a month or year page, ``days`` the
    index of announcement days of a ``recent`` page. ``total``, ``skip`` and ``show`` are
    the paging figures the page states (None where it states none). ``section_starts``
    is the index of a ``new`` page (it names sections that may begin on a later page).
    ``no_updates`` is the page's "No updates today.". ``dateline`` is the submission
    window line of pages that print one.

    ``markup`` ("2024" or "legacy") and ``defects`` describe the source bytes and are
    not part of equality: a listing re-rendered from records equals the one it came from.
    """

    sections: tuple[ListingSection, ...] = attrs.field(default=(), converter=as_tuple)
    category: str | None = None
    name: str | None = None
    kind: ListingKind | None = attrs.field(
        default=None, converter=attrs.converters.optional(ListingKind)
    )
    date: _dt.date | None = None
    year: int | None = None
    month: int | None = None
    days: tuple[ListingDay, ...] = attrs.field(default=(), converter=as_tuple)
    section_starts: tuple[SectionStart, ...] = attrs.field(default=(), converter=as_tuple)
    total: int | None = None
    skip: int | None = None
    show: int | None = None
    dateline: str | None = None
    no_updates: bool = False
    markup: str | None = attrs.field(default=None, eq=False)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def items(self) -> tuple[ListingItem, ...]:
        """Every entry of every section, in page order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The paper of every entry, in page order."""
        return tuple(item.paper for section in self.sections for item in section.items)
