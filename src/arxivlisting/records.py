"""The paper record every format produces: :class:`Paper` and its parts.

Records are immutable, slotted and hashable (``attrs.frozen``). Sequences are tuples
(lists passed in are converted), datetimes are timezone-aware and kept in UTC. A field
the source does not carry is ``None`` or empty, never invented.

>>> from arxivlisting import Paper, Author, ArxivId
>>> p = Paper(
...     id=ArxivId.parse("2301.00001v2"),
...     title="A title",
...     authors=[Author("Ada Lovelace", ["Analytical Engines Ltd"])],
...     categories=["cs.CL", "cs.AI"],
...     primary_category="cs.CL",
... )
>>> p.authors[0].affiliations
('Analytical Engines Ltd',)
>>> p.abs_url
'https://arxiv.org/abs/2301.00001v2'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs

from . import taxonomy
from .ids import ArxivId

__all__ = ["Author", "Link", "Paper", "Version", "utc"]


def as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter for sequence fields: keep tuples, turn other iterables into one.

    A string is refused rather than split into characters (``categories="cs.AI"`` is
    a mistake for ``categories=["cs.AI"]``):

    >>> as_tuple(["cs.AI"])
    ('cs.AI',)
    >>> as_tuple("cs.AI")
    Traceback (most recent call last):
        ...
    TypeError: expected a sequence of items, not a single str: 'cs.AI'
    """
    if isinstance(items, tuple):
        return items
    if isinstance(items, (str, bytes, bytearray)):
        raise TypeError(
            f"expected a sequence of items, not a single {type(items).__name__}: {items!r}"
        )
    return tuple(items)


def utc(value: _dt.datetime | None) -> _dt.datetime | None:
    """Return ``value`` converted to UTC; naive datetimes are refused.

    >>> import datetime as dt
    >>> utc(dt.datetime(2016, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=-4))))
    datetime.datetime(2016, 10, 9, 4, 0, tzinfo=datetime.timezone.utc)
    """
    if value is None:
        return None
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: records hold timezone-aware UTC times")
    if value.tzinfo is _dt.timezone.utc:
        return value
    return value.astimezone(_dt.timezone.utc)


@attrs.frozen
class Author:
    """One author as the source lists them; duplicate names in a list are real and kept.

    ``name`` is the display name (normalized whitespace). ``affiliations`` are every
    affiliation the source gives for this author, in order. ``keyname``, ``forenames``
    and ``suffix`` are set only by sources that split names (OAI ``arXiv``, Kaggle).
    """

    name: str
    affiliations: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    keyname: str | None = None
    forenames: str | None = None
    suffix: str | None = None


@attrs.frozen
class Version:
    """One version of a paper: number, submission time, size, flags.

    ``size_kb`` is the size the source states, in kilobytes (arXiv pages print ``KB``,
    ``.abs`` files ``kb``). ``source_flags`` are the letters after the size in ``.abs``
    files (``D`` for TeX source, ``I`` for an ignored/withdrawn version) or OAI
    ``source_type``. ``withdrawn`` is True when the source marks the version withdrawn.
    """

    number: int = attrs.field()
    date: _dt.datetime | None = attrs.field(default=None, converter=utc)
    size_kb: int | None = None
    source_flags: str | None = None
    withdrawn: bool = False

    @number.validator
    def _check_number(self, _attr: attrs.Attribute[int], value: int) -> None:
        if value < 1:
            raise ValueError(f"version numbers start at 1, got {value}")


@attrs.frozen
class Link:
    """A link the source gives for a paper (abs page, PDF, DOI resolver...)."""

    href: str
    rel: str | None = None
    type: str | None = None
    title: str | None = None


@attrs.frozen
class Paper:
    """Everything arXiv publishes about one paper (or one version of it).

    ``id`` carries the version when the source names one. ``categories`` lists the
    primary category first when the source says which one is primary; terms that are
    not arXiv codes (MSC or ACM classes the API lists among categories) are kept as
    given. ``published`` is the v1 time and ``updated`` the time of the version shown.
    ``dois`` may hold several DOIs (the ``.abs`` DOI field and OAI separate them by
    spaces). ``submitter`` and ``proxy`` come from abs pages, ``.abs`` files and OAI.
    """

    id: ArxivId | None
    title: str | None = None
    authors: tuple[Author, ...] = attrs.field(default=(), converter=as_tuple)
    abstract: str | None = None
    comments: str | None = None
    journal_ref: str | None = None
    dois: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    report_no: str | None = None
    categories: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    primary_category: str | None = None
    msc_class: str | None = None
    acm_class: str | None = None
    license: str | None = None
    published: _dt.datetime | None = attrs.field(default=None, converter=utc)
    updated: _dt.datetime | None = attrs.field(default=None, converter=utc)
    versions: tuple[Version, ...] = attrs.field(default=(), converter=as_tuple)
    links: tuple[Link, ...] = attrs.field(default=(), converter=as_tuple)
    submitter: str | None = None
    proxy: str | None = None

    @property
    def abs_url(self) -> str | None:
        """The abs page URL (versioned when the id is), or None without an id."""
        return self.id.abs_url if self.id is not None else None

    @property
    def pdf_url(self) -> str | None:
        """The PDF link the source gave, else one built from the id, else None."""
        for link in self.links:
            if link.title == "pdf" or link.type == "application/pdf":
                return link.href
        return self.id.pdf_url if self.id is not None else None

    @property
    def doi(self) -> str | None:
        """The first related DOI, or None (the arXiv DataCite DOI is ``id.doi``)."""
        return self.dois[0] if self.dois else None

    @property
    def arxiv_categories(self) -> tuple[str, ...]:
        """``categories`` without the MSC/ACM terms some sources list among them."""
        return tuple(c for c in self.categories if taxonomy.classify_term(c) not in ("msc", "acm"))

    @property
    def latest_version(self) -> Version | None:
        """The highest-numbered version the source lists, or None."""
        return max(self.versions, key=lambda v: v.number) if self.versions else None
