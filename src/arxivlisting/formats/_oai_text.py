"""Private: the small text grammars of OAI-PMH records and their inverses.

Dates (OAI datestamps, the RFC 2822 version dates of ``arXivRaw``), sizes (``853kb``),
author names (``<keyname>``/``<forenames>``/``<suffix>``, Dublin Core ``Last, First``)
and the full category names of ``dc:subject``.

>>> parse_rfc2822("Fri, 8 Feb 2013 21:00:01 GMT").isoformat()
'2013-02-08T21:00:01+00:00'
>>> format_rfc2822(parse_rfc2822("Fri, 08 Feb 2013 21:00:01 GMT"))
'Fri, 8 Feb 2013 21:00:01 GMT'
"""

from __future__ import annotations

import datetime as _dt
import re

from .. import taxonomy

__all__ = [
    "category_name",
    "code_of_name",
    "compose_name",
    "format_datestamp",
    "format_rfc2822",
    "parse_datestamp",
    "parse_rfc2822",
    "parse_size",
    "split_creator",
    "terms_kind",
]

_UTC = _dt.timezone.utc
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(_MONTHS, 1)}

_RFC2822 = re.compile(
    r"\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?([0-9]{1,2})\s+([A-Za-z]{3})\s+([0-9]{4})"
    r"\s+([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?\s*(GMT|UTC|UT|Z|[+-][0-9]{4})\s*",
    re.ASCII | re.IGNORECASE,
)


def parse_rfc2822(text: str) -> _dt.datetime:
    """An RFC 2822 time (``Fri, 8 Feb 2013 21:00:01 GMT``) as UTC; ValueError otherwise.

    The weekday is optional and not checked against the date (the date is the fact).

    >>> parse_rfc2822("8 Feb 2013 16:00:01 -0500").isoformat()
    '2013-02-08T21:00:01+00:00'
    >>> parse_rfc2822("Fri, 31 Feb 2013 21:00:01 GMT")
    Traceback (most recent call last):
        ...
    ValueError: day is out of range for month
    """
    m = _RFC2822.fullmatch(text)
    if m is None:
        raise ValueError(f"not an RFC 2822 time: {text!r}")
    day, mon, year, hour, minute, second, zone = m.groups()
    month = _MONTH_NUMBER.get(mon.lower())
    if month is None:
        raise ValueError(f"unknown month {mon!r}")
    value = _dt.datetime(
        int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=_UTC
    )
    if zone[0] in "+-":
        offset = _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        try:
            value -= offset if zone[0] == "+" else -offset
        except OverflowError:  # "1 Jan 0001 00:00:00 +0100" is before year 1 in UTC
            raise ValueError(f"{text!r} is outside the years 1..9999 in UTC") from None
    return value


def format_rfc2822(value: _dt.datetime) -> str:
    """The inverse of :func:`parse_rfc2822` in arXiv's spelling (day not zero-padded).

    >>> import datetime as dt
    >>> format_rfc2822(dt.datetime(2009, 4, 9, 2, 45, 30, tzinfo=dt.timezone.utc))
    'Thu, 9 Apr 2009 02:45:30 GMT'
    """
    v = value.astimezone(_UTC)
    return (
        f"{_DAYS[v.weekday()]}, {v.day} {_MONTHS[v.month - 1]} {v.year:04d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d} GMT"
    )


_DATESTAMP = re.compile(
    r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})Z)?\s*", re.ASCII
)


def parse_datestamp(text: str) -> _dt.datetime:
    """An OAI date (``2013-04-03``, midnight UTC) or UTC time (``...T21:00:01Z``).

    >>> parse_datestamp("2013-04-03").isoformat()
    '2013-04-03T00:00:00+00:00'
    >>> parse_datestamp("2013-04-03T01:02:03Z").hour
    1
    """
    m = _DATESTAMP.fullmatch(text)
    if m is None:
        raise ValueError(f"not an OAI date: {text!r}")
    y, mo, d, h, mi, s = m.groups()
    return _dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), 0, _UTC)


def format_datestamp(value: _dt.datetime, *, day_only: bool = False, seconds: bool = False) -> str:
    """``YYYY-MM-DD`` for midnight UTC (or when ``day_only``), else ``YYYY-MM-DDThh:mm:ssZ``
    (always, with ``seconds``).

    >>> import datetime as dt
    >>> format_datestamp(dt.datetime(2013, 4, 3, tzinfo=dt.timezone.utc))
    '2013-04-03'
    """
    v = value.astimezone(_UTC)
    if day_only or (not seconds and (v.hour, v.minute, v.second) == (0, 0, 0)):
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}Z"


_SIZE = re.compile(r"\s*([0-9]{1,9})\s*kb\s*", re.ASCII | re.IGNORECASE)


def parse_size(text: str) -> int:
    """``853kb`` -> 853; ValueError for anything else.

    >>> parse_size("853kb"), parse_size("0kb")
    (853, 0)
    """
    m = _SIZE.fullmatch(text)
    if m is None:
        raise ValueError(f"not a size in kb: {text!r}")
    return int(m.group(1))


def compose_name(keyname: str | None, forenames: str | None, suffix: str | None) -> str:
    """The display name of a split name: ``Forenames Keyname Suffix`` (parts that exist).

    >>> compose_name("Barboza", "Edésio M.", "Jr.")
    'Edésio M. Barboza Jr.'
    >>> compose_name("Collaborations", None, None)
    'Collaborations'
    """
    return " ".join(p for p in (forenames, keyname, suffix) if p)


def split_creator(text: str) -> tuple[str, str | None]:
    """A Dublin Core creator ``Last, First`` -> (keyname, forenames); no comma, no forenames.

    >>> split_creator("Ayache, Stéphane"), split_creator("The ATLAS Collaboration")
    (('Ayache', 'Stéphane'), ('The ATLAS Collaboration', None))
    """
    last, comma, first = text.partition(",")
    if not comma:
        return text, None
    return last.strip(), first.strip()


def _full_names() -> tuple[dict[str, str], dict[str, str]]:
    by_code: dict[str, str] = {}
    for code, cat in taxonomy.CATEGORIES.items():
        if code == cat.archive:
            by_code[code] = cat.name
        else:
            by_code[code] = f"{taxonomy.ARCHIVES[cat.archive].name} - {cat.name}"
    by_name = {name: code for code, name in by_code.items()}
    # Names arXiv used before a category was renamed (seen in real oai_dc records).
    by_name.setdefault("Computer Science - Learning", "cs.LG")
    by_name.setdefault(
        "Condensed Matter - Mesoscopic Systems and Quantum Hall Effect", "cond-mat.mes-hall"
    )
    return by_code, by_name


_NAME_OF, _CODE_OF = _full_names()


def category_name(code: str) -> str:
    """The ``dc:subject`` name of a category code (unknown codes are returned as given).

    >>> category_name("cs.LG"), category_name("hep-th"), category_name("xx.YY")
    ('Computer Science - Machine Learning', 'High Energy Physics - Theory', 'xx.YY')
    """
    return _NAME_OF.get(code, code)


def code_of_name(name: str) -> str | None:
    """The category code of a ``dc:subject`` name, or None.

    >>> code_of_name("Statistics - Machine Learning"), code_of_name("Computer Science - Learning")
    ('stat.ML', 'cs.LG')
    """
    return _CODE_OF.get(name)


_CLASS_SPLIT = re.compile(r"[\s,;]+")
_CLASS_WORDS = frozenset({"primary", "secondary", "and"})


def terms_kind(text: str) -> str:
    """``msc`` or ``acm`` when every term of ``text`` is a class of that scheme, else ``unknown``.

    >>> terms_kind("68T07 (Primary) 68T05 (Secondary)"), terms_kind("F.2.2; I.2.8")
    ('msc', 'acm')
    >>> terms_kind("Computer Science - Learning")
    'unknown'
    """
    parts = [
        p.strip("().")
        for p in _CLASS_SPLIT.split(text)
        if p and p.lower().strip("().:") not in _CLASS_WORDS
    ]
    kinds = {taxonomy.classify_term(p) for p in parts}
    if len(kinds) == 1:
        (kind,) = kinds
        if kind in ("msc", "acm"):
            return kind
    return "unknown"
