"""Private: trusted record constructors for the parsers' hot loops.

attrs' frozen ``__init__`` sets every field through ``object.__setattr__`` and runs the
converters (``as_tuple``, ``utc``) on each call: about 2.5 µs for a :class:`Paper` and
0.5 µs for an :class:`Author`. A parser that already holds tuples and UTC datetimes
does not need the converters, and a slot's own descriptor sets it about twice as fast
as ``object.__setattr__`` looks it up by name. These functions do exactly that; the
result is an ordinary record, equal to (and hashing like) the one ``__init__`` builds
from the same values.

Callers guarantee what the converters and validators would have ensured: sequence
fields are tuples, datetimes are timezone-aware UTC (``datetime.timezone.utc``), version
numbers are positive. ``tests/test_build.py`` checks field for field against the
public constructors; a field added to a record without being added here fails at import.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from .ids import ArxivId
from .records import Author, Link, Paper, Version

__all__ = ["new_author", "new_link", "new_paper", "new_version", "slot_setters"]

_new = object.__new__


def slot_setters(cls: type) -> tuple[Any, ...]:
    """The ``__set__`` of each slot of the attrs record ``cls``, in field order.

    Unpacking the result into one name per field (as the constructors below do) fails at
    import when a field is added or removed, rather than leaving a slot unset.
    """
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))


_a_name, _a_affiliations, _a_keyname, _a_forenames, _a_suffix = slot_setters(Author)


def new_author(
    name: str,
    affiliations: tuple[str, ...] = (),
    keyname: str | None = None,
    forenames: str | None = None,
    suffix: str | None = None,
) -> Author:
    """An :class:`Author` from trusted values (``affiliations`` a tuple)."""
    self: Author = _new(Author)
    _a_name(self, name)
    _a_affiliations(self, affiliations)
    _a_keyname(self, keyname)
    _a_forenames(self, forenames)
    _a_suffix(self, suffix)
    return self


_l_href, _l_rel, _l_type, _l_title = slot_setters(Link)


def new_link(
    href: str, rel: str | None = None, type: str | None = None, title: str | None = None
) -> Link:
    """A :class:`Link` (no converters to skip; only the faster slot setters)."""
    self: Link = _new(Link)
    _l_href(self, href)
    _l_rel(self, rel)
    _l_type(self, type)
    _l_title(self, title)
    return self


_v_number, _v_date, _v_size, _v_flags, _v_withdrawn = slot_setters(Version)


def new_version(
    number: int,
    date: _dt.datetime | None = None,
    size_kb: int | None = None,
    source_flags: str | None = None,
    withdrawn: bool = False,
) -> Version:
    """A :class:`Version` from trusted values (``number`` >= 1, ``date`` in UTC)."""
    self: Version = _new(Version)
    _v_number(self, number)
    _v_date(self, date)
    _v_size(self, size_kb)
    _v_flags(self, source_flags)
    _v_withdrawn(self, withdrawn)
    return self


(
    _p_id,
    _p_title,
    _p_authors,
    _p_abstract,
    _p_comments,
    _p_journal_ref,
    _p_dois,
    _p_report_no,
    _p_categories,
    _p_primary_category,
    _p_msc_class,
    _p_acm_class,
    _p_license,
    _p_published,
    _p_updated,
    _p_versions,
    _p_links,
    _p_submitter,
    _p_proxy,
) = slot_setters(Paper)


def new_paper(
    id: ArxivId | None,
    title: str | None = None,
    authors: tuple[Author, ...] = (),
    abstract: str | None = None,
    comments: str | None = None,
    journal_ref: str | None = None,
    dois: tuple[str, ...] = (),
    report_no: str | None = None,
    categories: tuple[str, ...] = (),
    primary_category: str | None = None,
    msc_class: str | None = None,
    acm_class: str | None = None,
    license: str | None = None,
    published: _dt.datetime | None = None,
    updated: _dt.datetime | None = None,
    versions: tuple[Version, ...] = (),
    links: tuple[Link, ...] = (),
    submitter: str | None = None,
    proxy: str | None = None,
) -> Paper:
    """A :class:`Paper` from trusted values (tuples, UTC datetimes)."""
    self: Paper = _new(Paper)
    _p_id(self, id)
    _p_title(self, title)
    _p_authors(self, authors)
    _p_abstract(self, abstract)
    _p_comments(self, comments)
    _p_journal_ref(self, journal_ref)
    _p_dois(self, dois)
    _p_report_no(self, report_no)
    _p_categories(self, categories)
    _p_primary_category(self, primary_category)
    _p_msc_class(self, msc_class)
    _p_acm_class(self, acm_class)
    _p_license(self, license)
    _p_published(self, published)
    _p_updated(self, updated)
    _p_versions(self, versions)
    _p_links(self, links)
    _p_submitter(self, submitter)
    _p_proxy(self, proxy)
    return self
