"""Private: dates, headings and counts as listing pages and text listings write them.

Shared by the listing HTML (both markups) and the text listings. Day names are checked
against the date they stand beside; a mismatch is reported by the callers.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = [
    "DAYS",
    "MONTHS",
    "UTC",
    "Showing",
    "format_day",
    "format_long_day",
    "format_rfc822",
    "parse_day",
    "parse_rfc822",
    "parse_showing",
    "render_showing",
]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_OF = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
_DAY_OF = {d[:3].lower(): i for i, d in enumerate(DAYS)}

#: "Mon, 11 May 2026", "Monday, 11 May 2026", "Fri, 11 Feb 22", "11 May 2026".
DAY_RE = re.compile(
    r"(?:(?P<dow>[A-Za-z]{3,9}),?\s+)?(?P<day>[0-9]{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?"
    r"\s+(?P<year>[0-9]{4}|[0-9]{2})(?![0-9])",
    re.ASCII,
)


def parse_day(text: str) -> tuple[_dt.date | None, str | None]:
    """``(date, problem)`` for a day as arXiv writes it; two-digit years are 19xx from 91.

    ``problem`` names what is wrong (unknown month, impossible date, weekday that does
    not match) or is None. A date whose weekday disagrees is still returned.
    """
    m = DAY_RE.fullmatch(text.strip())
    if m is None:
        return None, f"not a date: {text.strip()!r}"
    month = _MONTH_OF.get(m["month"][:3].lower())
    if month is None or (len(m["month"]) > 3 and MONTHS[month - 1].lower() != m["month"].lower()):
        return None, f"unknown month {m['month']!r}"
    year = int(m["year"])
    if len(m["year"]) == 2:
        year += 1900 if year >= 91 else 2000
    try:
        value = _dt.date(year, month, int(m["day"]))
    except ValueError:
        return None, f"no such day: {text.strip()!r}"
    dow = m["dow"]
    if dow is not None:
        want = _DAY_OF.get(dow[:3].lower())
        if want is None or (len(dow) > 3 and DAYS[want].lower() != dow.lower()):
            return value, f"unknown day name {dow!r}"
        if want != value.weekday():
            return value, f"{dow} does not match {value.isoformat()} (a {DAYS[value.weekday()]})"
    return value, None


def format_day(value: _dt.date) -> str:
    """``Mon, 11 May 2026``: the day headings of recent pages and pastweek files."""
    return f"{DAYS[value.weekday()][:3]}, {value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def format_long_day(value: _dt.date) -> str:
    """``Monday, 11 May 2026``: the date of a ``new`` page."""
    return f"{DAYS[value.weekday()]}, {value.day} {MONTHS[value.month - 1]} {value.year}"


class Showing:
    """What a "(showing first X of Y entries)" note says."""

    __slots__ = ("continued", "continues", "shown", "total")

    def __init__(self, shown: int, total: int, continued: bool, continues: bool) -> None:
        self.shown = shown
        self.total = total
        self.continued = continued
        self.continues = continues


_SHOWING_RE = re.compile(
    r"(?P<cont>continued,?\s*)?showing\s+(?:(?P<pos>first|last)\s+)?(?P<a>[0-9]+)"
    r"(?:\s*(?:through|-|to)\s*(?P<b>[0-9]+))?\s+of\s+(?P<total>[0-9]+)\s+entr(?:y|ies)\s*",
    re.ASCII | re.IGNORECASE,
)


def parse_showing(text: str) -> Showing | None:
    """The "showing X of Y entries" note (without its parentheses), or None."""
    m = _SHOWING_RE.fullmatch(text.strip())
    if m is None:
        return None
    a, total = int(m["a"]), int(m["total"])
    shown = int(m["b"]) - a + 1 if m["b"] is not None else a
    pos = (m["pos"] or "").lower()
    continued = m["cont"] is not None
    continues = pos == "first" or (continued and pos != "last")
    return Showing(shown, total, continued, continues)


def render_showing(shown: int, total: int, continued: bool, continues: bool) -> str:
    """The note as arxiv-browse writes it (without parentheses)."""
    if continued:
        if continues:
            return f"continued, showing {shown} of {total} entries"
        return f"continued, showing last {shown} of {total} entries"
    if continues:
        return f"showing first {shown} of {total} entries"
    return f"showing {shown} of {total} entries"


_RFC822_RE = re.compile(
    r"\s*(?:(?P<dow>[A-Za-z]{3}),?\s+)?(?P<day>[0-9]{1,2})\s+(?P<month>[A-Za-z]{3})\s+"
    r"(?P<year>[0-9]{4}|[0-9]{2})\s+(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?"
    r"(?:\s*(?P<zone>GMT|UTC|UT|Z|[+-][0-9]{4}|[ECMP][SD]T))?\s*\.?\s*",
    re.ASCII,
)
_ZONES = {"GMT": 0, "UTC": 0, "UT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5}
_ZONES.update({"MST": -7, "MDT": -6, "PST": -8, "PDT": -7})
UTC = _dt.timezone.utc


def parse_rfc822(text: str) -> tuple[_dt.datetime | None, str | None, bool]:
    """``(datetime, problem, zoned)`` for an e-mail style date (``Thu, 9 Mar 2023
    01:29:09 GMT``, ``Wed 15 Mar 23 18:00:00 GMT``, ``Mon, 27 Apr 2026 00:00:00 -0400``).

    The datetime is in UTC; without a zone (``zoned`` False) it is read as UTC and the
    caller decides whether to report it. ``-0000`` is UTC. A weekday that does not match
    is a ``problem`` but the date is still returned.
    """
    m = _RFC822_RE.fullmatch(text)
    if m is None:
        return None, f"not a date: {text.strip()!r}", False
    month = _MONTH_OF.get(m["month"].lower())
    if month is None:
        return None, f"unknown month {m['month']!r}", False
    year = int(m["year"])
    if len(m["year"]) == 2:
        year += 1900 if year >= 91 else 2000
    zone = m["zone"]
    if zone is None or zone in _ZONES:
        offset = _dt.timedelta(hours=_ZONES.get(zone or "GMT", 0))
    else:
        offset = _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        if zone[0] == "-":
            offset = -offset
    try:
        value = _dt.datetime(
            year,
            month,
            int(m["day"]),
            int(m["h"]),
            int(m["mi"]),
            int(m["s"] or 0),
            tzinfo=_dt.timezone(offset),
        ).astimezone(UTC)
    except (ValueError, OverflowError):
        return None, f"no such time: {text.strip()!r}", False
    dow = m["dow"]
    problem = None
    if dow is not None:
        local = value.astimezone(_dt.timezone(offset))
        want = _DAY_OF.get(dow.lower())
        if want is None:
            problem = f"unknown day name {dow!r}"
        elif want != local.weekday():
            problem = f"{dow} does not match {local.date().isoformat()}"
    return value, problem, zone is not None


def format_rfc822(value: _dt.datetime, *, two_digit_year: bool = False, comma: bool = True) -> str:
    """``Thu, 9 Mar 2023 01:29:09 GMT`` (UTC), as arXiv's text listings write dates.

    Without the comma (submission windows, "Papers received as of") the day is padded
    to two columns: ``Wed  1 Jan 97 01:00:12 GMT``.
    """
    value = value.astimezone(UTC)
    year = f"{value.year % 100:02d}" if two_digit_year else f"{value.year:04d}"
    dow = DAYS[value.weekday()][:3] + ("," if comma else "")
    day = f"{value.day}" if comma else f"{value.day:2d}"  # "Wed  1 Jan 97" without a comma
    return (
        f"{dow} {day} {MONTHS[value.month - 1][:3]} {year} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} GMT"
    )
