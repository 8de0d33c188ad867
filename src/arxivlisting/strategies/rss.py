"""Hypothesis strategies for arXiv feeds (:mod:`arxivlisting.formats.rss`).

>>> from hypothesis import given, settings
>>> from arxivlisting.formats.rss import parse_rss, render_rss
>>> from arxivlisting.strategies.rss import rss_feeds
>>> @settings(max_examples=5)
... @given(rss_feeds())
... def test_round_trip(feed):
...     assert parse_rss(render_rss(feed)) == feed
>>> test_round_trip()

Domain: what each feed format carries, and nothing else.

* Ids are versioned (feeds name the version announced); the guid (``oai:arXiv.org:``
  id, or the abs URL for RSS 1.0) and the link (the unversioned abs URL) name the same
  paper when present.
* ``creator`` is the canonical ``Name (Affiliation), Name`` line of authors from
  :mod:`arxivlisting.strategies.author_lines`, at most one affiliation each (the feed joins
  several with ", " inside one pair of parentheses, which reads back as one).
* RSS 2.0 / Atom items always have an abstract (the description always says
  "Abstract:"); only Atom entries have ``updated``; primary categories are not stated.
* RSS 1.0 items have a title, a primary category or none, the marker that matches their
  announce type, no license, journal reference, DOIs or dates; ``authors_not_shown``
  appears at the end of ``creator`` as "et al. (N additional authors not shown)".
* Channel facts are the ones each format has (``feed_id`` only for Atom and RSS 1.0,
  ``docs``, ``skip_days`` only for RSS 2.0, ``subject`` and ``update_*`` only for RSS 1.0).
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from ..announce import AnnounceType
from ..authors import render_authors
from ..formats.rss import RssFeed, RssFormat, RssItem
from ..records import Paper
from . import arxiv_ids, categories, datetimes, dois, normalized_text
from .listing import author_lists

__all__ = ["rss_feeds", "rss_items"]

_LICENSES = (
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
)
_MARKERS = {
    AnnounceType.NEW: None,
    AnnounceType.REPLACE: "UPDATED",
    AnnounceType.CROSS: "CROSS LISTED",
}


def _creator(paper: Paper) -> str:
    return render_authors(paper.authors)


def _urls() -> st.SearchStrategy[str]:
    return st.from_regex(
        r"https?://rss\.arxiv\.org/(rss|atom)/[a-z]{2,6}(\.[A-Z]{2})?", fullmatch=True
    )


@st.composite
def rss_items(draw: st.DrawFn, format: RssFormat = RssFormat.RSS2) -> RssItem:
    """Items of one feed format."""
    pid = draw(arxiv_ids(versioned=True))
    authors = draw(author_lists(max_affiliations=1))
    link = draw(st.none() | st.just(pid.unversioned.abs_url))
    if format == RssFormat.RSS1:
        primary = draw(st.none() | categories())
        announce = draw(st.sampled_from(list(_MARKERS)))
        paper = Paper(
            id=pid,
            title=draw(normalized_text()),
            authors=authors,
            abstract=draw(st.none() | normalized_text(1, 30)),
            categories=(primary,) if primary else (),
            primary_category=primary,
        )
        creator = _creator(paper) if authors else None
        not_shown = draw(st.none() | st.integers(1, 3000)) if authors else None
        if not_shown is not None:
            creator = f"{creator}, et al. ({not_shown} additional authors not shown)"
        return RssItem(
            paper=paper,
            announce_type=announce,
            link=link,
            guid=draw(st.none() | st.just(pid.unversioned.abs_url)),
            creator=creator,
            authors_not_shown=not_shown,
            marker=_MARKERS[announce],
        )
    paper = Paper(
        id=pid,
        title=draw(st.none() | normalized_text()),
        authors=authors,
        abstract=draw(normalized_text(0, 30)),
        journal_ref=draw(st.none() | normalized_text(1, 6)),
        dois=tuple(draw(st.lists(dois(), max_size=2))),
        categories=tuple(draw(st.lists(categories(), max_size=4, unique=True))),
        license=draw(st.none() | st.sampled_from(_LICENSES)),
    )
    return RssItem(
        paper=paper,
        announce_type=draw(st.none() | st.sampled_from(list(AnnounceType))),
        link=link,
        guid=draw(st.none() | st.just(f"oai:arXiv.org:{pid}")),
        pub_date=draw(st.none() | datetimes()),
        updated=draw(st.none() | datetimes()) if format == RssFormat.ATOM else None,
        creator=_creator(paper) if authors else None,
    )


def _feed_time() -> st.SearchStrategy[_dt.datetime]:
    return datetimes()


@st.composite
def rss_feeds(draw: st.DrawFn, max_items: int = 4) -> RssFeed:
    """Whole feeds of any of the three formats (sometimes with an empty channel)."""
    fmt = draw(st.sampled_from(list(RssFormat)))
    items = tuple(draw(st.lists(rss_items(fmt), max_size=max_items)))
    cats = draw(st.lists(categories(), min_size=1, max_size=3, unique=True))
    text = st.none() | normalized_text(1, 6)
    common = {
        "items": items,
        "format": fmt,
        "title": draw(st.none() | st.just(f"{', '.join(cats)} updates on arXiv.org")),
        "link": draw(st.none() | _urls()),
        "description": draw(text),
        "language": draw(st.none() | st.just("en-us")),
    }
    if fmt == RssFormat.RSS2:
        extra = {
            "self_link": draw(st.none() | _urls()),
            "docs": draw(st.none() | st.just("http://www.rssboard.org/rss-specification")),
            "managing_editor": draw(st.none() | st.just("rss-help@arxiv.org")),
            "pub_date": draw(st.none() | _feed_time()),
            "last_build_date": draw(st.none() | _feed_time()),
            "skip_days": tuple(
                draw(st.lists(st.sampled_from(["Saturday", "Sunday"]), unique=True))
            ),
        }
    elif fmt == RssFormat.ATOM:
        extra = {
            "feed_id": draw(st.none() | _urls()),
            "self_link": draw(st.none() | _urls()),
            "last_build_date": draw(st.none() | _feed_time()),
        }
    else:
        extra = {
            "feed_id": draw(st.none() | st.just("http://arxiv.org/")),
            "managing_editor": draw(st.none() | st.just("www-admin@arxiv.org")),
            "pub_date": draw(st.none() | _feed_time()),
            "subject": draw(text),
            "update_period": draw(st.none() | st.just("daily")),
            "update_frequency": draw(st.none() | st.just("1")),
            "update_base": draw(st.none() | st.just("1901-01-01T00:00+00:00")),
        }
    return RssFeed(**common, **extra)  # type: ignore[arg-type]
