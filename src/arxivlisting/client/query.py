"""Build arXiv API queries in its fielded syntax, and read them back.

Fields: ``ti`` (title), ``au`` (author), ``abs`` (abstract), ``co`` (comment), ``jr``
(journal reference), ``cat`` (category), ``rn`` (report number), ``id`` and ``all``;
``submittedDate``/``lastUpdatedDate`` ranges ``[YYYYMMDDHHMM TO YYYYMMDDHHMM]`` (GMT).
Combine with ``&`` (AND), ``|`` (OR) and ``-`` (ANDNOT; mind Python's precedence: ``-``
binds tighter than ``&`` and ``|``, so parenthesize, or use :meth:`Query.and_not`):

>>> from arxivlisting.client.query import au, ti, cat, submitted, parse_query
>>> q = (au("del maestro") & (ti("checkerboard") | ti("pyrochlore"))) - cat("cond-mat.str-el")
>>> str(q)
'(au:"del maestro" AND (ti:checkerboard OR ti:pyrochlore)) ANDNOT cat:cond-mat.str-el'
>>> parse_query(str(q)) == q
True
>>> str(cat("cs.CL") & submitted("202401010000", "202401312359"))
'cat:cs.CL AND submittedDate:[202401010000 TO 202401312359]'

Rendering is exact and canonical: values with spaces or syntax characters are quoted,
runs of one operator are flat (``a AND b AND c``), and every other compound operand is
parenthesized, so arXiv never has to guess a precedence. :func:`parse_query` reads the
syntax back; it knows no precedence either and reads an unparenthesized mix of
operators left to right (``a AND b OR c`` is ``(a AND b) OR c``). Bare words without a
field are free text (``electron thermal``), as arXiv accepts them. A double quote
cannot be written inside a value: arXiv's syntax has no escape for it.
"""

from __future__ import annotations

import datetime as _dt
import enum

# The node types and the parser live in private modules; this is their public home.
from ._query_nodes import (
    DATE_FIELDS,
    FIELDS,
    And,
    AndNot,
    DateRange,
    Field,
    Or,
    Query,
    Term,
)
from ._query_parse import QuerySyntaxError, parse_query

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "And",
    "AndNot",
    "DateRange",
    "Field",
    "Or",
    "Query",
    "QuerySyntaxError",
    "SortBy",
    "SortOrder",
    "Term",
    "abstract",
    "all_",
    "au",
    "cat",
    "co",
    "field",
    "id_",
    "jr",
    "last_updated",
    "parse_query",
    "rn",
    "submitted",
    "ti",
]


class SortBy(str, enum.Enum):
    """``sortBy`` of the API.

    >>> SortBy("submittedDate") is SortBy.SUBMITTED
    True
    """

    RELEVANCE = "relevance"
    LAST_UPDATED = "lastUpdatedDate"
    SUBMITTED = "submittedDate"


class SortOrder(str, enum.Enum):
    """``sortOrder`` of the API.

    >>> SortOrder.ASCENDING.value
    'ascending'
    """

    ASCENDING = "ascending"
    DESCENDING = "descending"


def _range_end(value: str | _dt.date, end: bool) -> str:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone (arXiv uses GMT)")
        return value.astimezone(_dt.timezone.utc).strftime("%Y%m%d%H%M")
    if isinstance(value, _dt.date):
        return value.strftime("%Y%m%d") + ("2359" if end else "0000")
    if not isinstance(value, str):
        raise TypeError(f"expected a date, datetime or YYYYMMDD[HHMM] string, not {value!r}")
    return value


# -- builders ---------------------------------------------------------------------------


def field(name: str | Field, value: str, *, quoted: bool | None = None) -> Term:
    """``name:value``; ``quoted`` forces quotes (default: only when the value needs them).

    >>> str(field("jr", "Phys. Rev. B"))
    'jr:"Phys. Rev. B"'
    """
    key = name.value if isinstance(name, Field) else name
    if quoted is None:
        return Term(key, value)
    return Term(key, value, quoted=quoted)


def ti(value: str) -> Term:
    """A title term. ``str(ti("neural"))`` is ``'ti:neural'``.

    >>> str(ti("neural networks"))
    'ti:"neural networks"'
    """
    return Term("ti", value)


def au(value: str) -> Term:
    """An author term (arXiv matches surnames; ``del_maestro`` or ``"del maestro"``).

    >>> str(au("del_maestro"))
    'au:del_maestro'
    """
    return Term("au", value)


def abstract(value: str) -> Term:
    """An abstract term (prefix ``abs``).

    >>> str(abstract("dark matter"))
    'abs:"dark matter"'
    """
    return Term("abs", value)


def co(value: str) -> Term:
    """A comment term.

    >>> str(co("accepted"))
    'co:accepted'
    """
    return Term("co", value)


def jr(value: str) -> Term:
    """A journal-reference term.

    >>> str(jr("Nature"))
    'jr:Nature'
    """
    return Term("jr", value)


def cat(value: str) -> Term:
    """A category term.

    >>> str(cat("hep-th"))
    'cat:hep-th'
    """
    return Term("cat", value)


def rn(value: str) -> Term:
    """A report-number term.

    >>> str(rn("CERN-TH-2001-001"))
    'rn:CERN-TH-2001-001'
    """
    return Term("rn", value)


def id_(value: str) -> Term:
    """An id term (prefix ``id``).

    >>> str(id_("2301.00001"))
    'id:2301.00001'
    """
    return Term("id", value)


def all_(value: str) -> Term:
    """A term searched in every field (prefix ``all``).

    >>> str(all_("electron"))
    'all:electron'
    """
    return Term("all", value)


def submitted(start: str | _dt.date, end: str | _dt.date) -> DateRange:
    """``submittedDate:[start TO end]``; dates cover whole days, datetimes are made GMT.

    >>> import datetime as dt
    >>> str(submitted(dt.date(2024, 1, 1), dt.date(2024, 1, 31)))
    'submittedDate:[202401010000 TO 202401312359]'
    """
    return DateRange("submittedDate", _range_end(start, False), _range_end(end, True))


def last_updated(start: str | _dt.date, end: str | _dt.date) -> DateRange:
    """``lastUpdatedDate:[start TO end]``, like :func:`submitted`.

    >>> str(last_updated("20240101", "20240102"))
    'lastUpdatedDate:[20240101 TO 20240102]'
    """
    return DateRange("lastUpdatedDate", _range_end(start, False), _range_end(end, True))
