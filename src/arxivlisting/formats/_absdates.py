"""Private: the RFC 2822 dates of ``.abs`` files and the Kaggle snapshot.

arXiv writes ``Mon, 2 Apr 2007 19:18:42 GMT``. Parsing is a regex and a small cache
(the Kaggle snapshot repeats dates a lot); any zone offset is accepted and converted to
UTC. A date without a zone is read as UTC and said to be so.

>>> parse_rfc2822("Mon, 2 Apr 2007 19:18:42 GMT")
(datetime.datetime(2007, 4, 2, 19, 18, 42, tzinfo=datetime.timezone.utc), None)
>>> format_rfc2822(parse_rfc2822("Tue, 24 Jul 2007 20:10:27 +0000")[0])
'Tue, 24 Jul 2007 20:10:27 GMT'
>>> parse_rfc2822("Sun, 2 Apr 2007 19:18:42 GMT")[1]
'the weekday Sun does not match the date (Mon)'
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["format_rfc2822", "parse_rfc2822"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = {m.lower(): i for i, m in enumerate(_MONTHS, 1)}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360}
_ZONES.update({"cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420})
_RFC_RE = re.compile(
    r"\s*(?:(?P<dow>[A-Za-z]{3})[a-z]*,?\s+)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3})[a-z]*\.?"
    r"\s+(?P<y>\d{4})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s+(?P<tz>[A-Za-z]{1,4}|[+-]\d{4}))?\s*",
    re.ASCII,
)
_UTC = _dt.timezone.utc
_CACHE: dict[str, tuple[_dt.datetime | None, str | None]] = {}


def parse_rfc2822(text: str) -> tuple[_dt.datetime | None, str | None]:
    """``(utc datetime or None, problem or None)`` for an RFC 2822 date.

    The datetime is None when the text is not a date; a problem is also given for a
    date that parses but says something odd (a wrong weekday, no or unknown zone).
    """
    hit = _CACHE.get(text)
    if hit is not None:
        return hit
    result = _parse(text)
    if len(_CACHE) >= 8192:
        _CACHE.clear()
    _CACHE[text] = result
    return result


def _parse(text: str) -> tuple[_dt.datetime | None, str | None]:
    m = _RFC_RE.fullmatch(text)
    if m is None:
        return None, "not an RFC 2822 date"
    month = _MONTH.get(m.group("mon").lower())
    if month is None:
        return None, f"unknown month {m.group('mon')!r}"
    problem = None
    tz = m.group("tz")
    if tz is None:
        offset = 0
        problem = "the date has no time zone; read as UTC"
    elif tz[0] in "+-":
        offset = (int(tz[1:3]) * 60 + int(tz[3:5])) * (-1 if tz[0] == "-" else 1)
    elif tz.lower() in _ZONES:
        offset = _ZONES[tz.lower()]
    else:
        offset = 0
        problem = f"unknown time zone {tz!r}; read as UTC"
    try:
        value = _dt.datetime(
            int(m.group("y")),
            month,
            int(m.group("d")),
            int(m.group("H")),
            int(m.group("M")),
            int(m.group("S") or 0),
            tzinfo=_dt.timezone(_dt.timedelta(minutes=offset)) if offset else _UTC,
        )
    except ValueError as exc:
        return None, str(exc)
    if offset:
        value = value.astimezone(_UTC)
    dow = m.group("dow")
    if dow is not None and problem is None:
        local = value + _dt.timedelta(minutes=offset)
        actual = _DAYS[local.weekday()]
        if dow.lower() != actual.lower():
            problem = f"the weekday {dow} does not match the date ({actual})"
    return value, problem


def format_rfc2822(value: _dt.datetime) -> str:
    """``value`` the way arXiv writes dates: ``Mon, 2 Apr 2007 19:18:42 GMT``."""
    value = value.astimezone(_UTC)
    return (
        f"{_DAYS[value.weekday()]}, {value.day} {_MONTHS[value.month - 1]} {value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} GMT"
    )
