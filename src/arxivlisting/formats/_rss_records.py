"""Private: the feed records (re-exported by :mod:`arxivlisting.formats.rss`)."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from ..announce import AnnounceType
from ..errors import Defect
from ..records import Paper, as_tuple, utc

__all__ = ["RssFeed", "RssFormat", "RssItem"]


class RssFormat(str, enum.Enum):
    """Which of rss.arxiv.org's (and the old export.arxiv.org's) feed formats."""

    #: RSS 2.0 from rss.arxiv.org (2024+).
    RSS2 = "rss2"
    #: The Atom variant of rss.arxiv.org (``/atom/<cats>``).
    ATOM = "atom"
    #: The pre-2024 RSS 1.0 (RDF) feeds.
    RSS1 = "rss1"


def _utc(value: _dt.datetime | None) -> _dt.datetime | None:
    return utc(value)


@attrs.frozen
class RssItem:
    """One feed item: a paper as announced today.

    ``paper.id`` is versioned (the feeds name the version announced). ``announce_type`` is
    the ``arxiv:announce_type`` (RSS 2.0, Atom) or what the RSS 1.0 title says ("UPDATED"
    -> replace, "CROSS LISTED" -> cross; ``marker`` keeps that word). ``creator`` is the
    ``dc:creator`` author line as written (for RSS 1.0, the text of its HTML), from which
    ``paper.authors`` are read: names split at top-level commas, one parenthesised group
    is one affiliation (the feed joins several affiliations of one author with ", " inside
    one pair of parentheses, which cannot be told from one affiliation holding a comma).
    ``authors_not_shown`` is the "et al. (N additional authors not shown)" count of RSS 1.0.

    ``pub_date`` is the item's ``pubDate``/``published`` (midnight New York time, in UTC),
    ``updated`` the Atom entry's ``updated``. ``paper.license`` is ``dc:rights``,
    ``paper.journal_ref`` and ``paper.dois`` the ``arxiv:journal_reference`` and
    ``arxiv:DOI`` elements. ``paper.primary_category`` is None except for RSS 1.0, whose
    title names the primary category: RSS 2.0 and Atom list categories without saying
    which one is primary.
    """

    paper: Paper
    announce_type: AnnounceType | None = attrs.field(
        default=None, converter=attrs.converters.optional(AnnounceType)
    )
    link: str | None = None
    guid: str | None = None
    pub_date: _dt.datetime | None = attrs.field(default=None, converter=_utc)
    updated: _dt.datetime | None = attrs.field(default=None, converter=_utc)
    creator: str | None = None
    authors_not_shown: int | None = None
    marker: str | None = None


@attrs.frozen
class RssFeed:
    """One feed document: its channel facts and items, in order.

    Channel facts follow RSS 2.0 names and are filled from the matching element of each
    format: ``pub_date`` is ``pubDate`` (RSS 1.0 ``dc:date``), ``last_build_date`` is
    ``lastBuildDate`` (Atom ``updated``), ``managing_editor`` is ``managingEditor``
    (RSS 1.0 ``dc:publisher``), ``description`` is ``description`` (Atom ``subtitle``),
    ``self_link`` the ``atom:link rel="self"``, ``feed_id`` the Atom feed ``id``.
    ``subject`` and the ``update_*`` fields are RSS 1.0's ``dc:subject`` and
    ``syn:update*``. An empty channel (a day without announcements) has no items.
    The error channel rss.arxiv.org sends for an unknown category (title "Feed error for
    query: ...", the message as description) is an ``api_error`` defect.
    """

    items: tuple[RssItem, ...] = attrs.field(default=(), converter=as_tuple)
    format: RssFormat = attrs.field(default=RssFormat.RSS2, converter=RssFormat)
    title: str | None = None
    link: str | None = None
    description: str | None = None
    self_link: str | None = None
    feed_id: str | None = None
    language: str | None = None
    docs: str | None = None
    managing_editor: str | None = None
    pub_date: _dt.datetime | None = attrs.field(default=None, converter=_utc)
    last_build_date: _dt.datetime | None = attrs.field(default=None, converter=_utc)
    skip_days: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    subject: str | None = None
    update_period: str | None = None
    update_frequency: str | None = None
    update_base: str | None = None
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories the title names (``cs.LG, cs.AI updates on arXiv.org``)."""
        if not self.title or " updates on " not in self.title:
            return ()
        head = self.title.split(" updates on ", 1)[0]
        return tuple(c.strip() for c in head.replace("+", ",").split(",") if c.strip())

    @property
    def is_error(self) -> bool:
        """True for the error channel of rss.arxiv.org ("Feed error for query: ...")."""
        return bool(self.title and self.title.startswith("Feed error for query"))

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The paper of every item, in feed order."""
        return tuple(item.paper for item in self.items)
