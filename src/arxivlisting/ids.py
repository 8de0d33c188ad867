"""arXiv identifiers of both eras, with versions.

>>> from arxivlisting import ArxivId
>>> x = ArxivId.parse("https://arxiv.org/pdf/2301.00001v2.pdf")
>>> x, str(x), x.version, str(x.unversioned)
(<ArxivId('2301.00001v2')>, '2301.00001v2', 2, '2301.00001')
>>> ArxivId.parse("arXiv:hep-th/9108002").is_old_style
True

Accepted spellings (all map to the same value): a bare id; an ``arXiv:`` prefix (any
case); ``abs``/``pdf``/``html``/``format``/``ps``/``src`` URLs on ``arxiv.org``,
``www.arxiv.org`` and ``export.arxiv.org`` over http or https, with an optional ``.pdf``
and trailing slash; the arXiv DataCite DOI ``10.48550/arXiv.<id>`` (optionally as a
``doi:`` or ``https://doi.org/`` reference); OAI identifiers ``oai:arXiv.org:<id>``;
surrounding whitespace. An old-style id may carry the subject class
(``math.GT/0309136``, ``cond-mat.str-el/0101001``); like arXiv itself, the canonical
form drops it. The class must make a category of that archive: ``math.gt/0309136``
and ``math.XX/0309136`` are refused.

Only ASCII digits are digits here: full-width ``２３０１.００００１`` is rejected, not
normalized, because no arXiv output ever writes ids that way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import attrs

from .errors import InvalidArxivId
from .taxonomy import CATEGORIES, OLD_STYLE_ARCHIVES

__all__ = ["ArxivId", "InvalidArxivId"]

_PREFIX_RE = re.compile(
    r"""
    (?:
        (?P<url>(?:https?://)?(?:www\.|export\.)?arxiv\.org/
                (?:abs|pdf|html|format|ps|src)/)
      | (?P<doi>(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)?10\.48550/arxiv\.)
      | (?P<oai>oai:arxiv\.org:)
      | (?P<arxiv>arxiv:)
    )
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)
_NEW_FAST_RE = re.compile(r"([0-9]{4})\.([0-9]{4,5})(?:v([1-9][0-9]*))?", re.ASCII)
_OLD_FAST_RE = re.compile(
    r"([a-z]+(?:-[a-z]+)?)(?:\.([A-Za-z]+(?:-[a-z]+)?))?/([0-9]{4})([0-9]{3})(?:v([1-9][0-9]*))?",
    re.ASCII,
)

#: First and last month (year, month) of each identifier scheme.
OLD_STYLE_FIRST = (1991, 8)
OLD_STYLE_LAST = (2007, 3)
NEW_STYLE_FIRST = (2007, 4)
FIVE_DIGITS_FROM = (2015, 1)
#: Versions run to a few dozen; this bound keeps absurd input from reaching ``int()``.
_MAX_VERSION_DIGITS = 6


def _digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


@attrs.frozen(order=False, repr=False, cache_hash=True)
class ArxivId:
    """An arXiv identifier, old style (``hep-th/9108002``) or new (``2301.00001``).

    ``year`` is the four-digit year, ``number`` the serial number within the month
    (and archive, for old-style ids), ``archive`` is set only for old-style ids, and
    ``version`` is None when the id names the paper rather than one version.
    Construct with :meth:`parse`; the constructor checks the same invariants.

    >>> sorted([ArxivId.parse("0704.0001"), ArxivId.parse("hep-th/9108002v2")])
    [<ArxivId('hep-th/9108002v2')>, <ArxivId('0704.0001')>]
    """

    year: int
    month: int
    number: int
    archive: str | None = None
    version: int | None = None

    def __attrs_post_init__(self) -> None:
        problem = _check_fields(self.year, self.month, self.number, self.archive, self.version)
        if problem is not None:
            raise InvalidArxivId(problem, repr(attrs.astuple(self)))

    # -- construction -------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> ArxivId:
        """Parse any accepted spelling; raise :class:`InvalidArxivId` otherwise.

        >>> ArxivId.parse(" oai:arXiv.org:cond-mat/0011120 ")
        <ArxivId('cond-mat/0011120')>
        >>> ArxivId.parse("10.48550/arXiv.1501.00001")
        <ArxivId('1501.00001')>
        """
        if not isinstance(text, str):
            raise TypeError(f"ArxivId.parse expects str, not {type(text).__name__}")
        return _parse_cached(text)

    @classmethod
    def try_parse(cls, text: str) -> ArxivId | None:
        """Like :meth:`parse` but return None for text that is not an id.

        >>> ArxivId.try_parse("not an id") is None
        True
        """
        try:
            return _parse_cached(text)
        except InvalidArxivId:
            return None

    def with_version(self, version: int | None) -> ArxivId:
        """This id with another version (None for the unversioned id).

        >>> ArxivId.parse("2301.00001").with_version(3)
        <ArxivId('2301.00001v3')>
        """
        return attrs.evolve(self, version=version)

    # -- properties ---------------------------------------------------------------

    @property
    def is_old_style(self) -> bool:
        """True for ``archive/YYMMNNN`` ids (1991-08 to 2007-03)."""
        return self.archive is not None

    @property
    def unversioned(self) -> ArxivId:
        """The id without its version."""
        if self.version is None:
            return self
        return attrs.evolve(self, version=None)

    @property
    def yymm(self) -> str:
        """The four-digit ``YYMM`` part."""
        return f"{self.year % 100:02d}{self.month:02d}"

    @property
    def abs_url(self) -> str:
        """``https://arxiv.org/abs/<id>``, version included when the id has one."""
        return f"https://arxiv.org/abs/{self}"

    @property
    def pdf_url(self) -> str:
        """``https://arxiv.org/pdf/<id>``, version included when the id has one."""
        return f"https://arxiv.org/pdf/{self}"

    @property
    def doi(self) -> str:
        """The DataCite DOI arXiv issues for the paper (always unversioned).

        >>> ArxivId.parse("2301.00001v2").doi
        '10.48550/arXiv.2301.00001'
        """
        return f"10.48550/arXiv.{self.unversioned}"

    # -- text and ordering ---------------------------------------------------------

    def __str__(self) -> str:
        if self.archive is not None:
            core = f"{self.archive}/{self.yymm}{self.number:03d}"
        else:
            width = 5 if (self.year, self.month) >= FIVE_DIGITS_FROM else 4
            core = f"{self.yymm}.{self.number:0{width}d}"
        if self.version is not None:
            return f"{core}v{self.version}"
        return core

    def __repr__(self) -> str:
        return f"<ArxivId({str(self)!r})>"

    def _key(self) -> tuple[int, int, int, str, int]:
        return (self.year, self.month, self.number, self.archive or "", self.version or 0)

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, ArxivId):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, ArxivId):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, ArxivId):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, ArxivId):
            return NotImplemented
        return self._key() >= other._key()


def _check_fields(
    year: int, month: int, number: int, archive: str | None, version: int | None
) -> str | None:
    """Why these fields are not an arXiv id, or None when they are."""
    if not 1 <= month <= 12:
        return f"month {month} is out of range"
    if version is not None and version < 1:
        return f"version {version} is not a positive number"
    if version is not None and version >= 10**_MAX_VERSION_DIGITS:
        return f"version {version} has more than {_MAX_VERSION_DIGITS} digits"
    if number < 1:
        return "serial number 0 is never assigned"
    if archive is not None:
        if archive not in OLD_STYLE_ARCHIVES:
            return f"unknown archive {archive!r}"
        if not OLD_STYLE_FIRST <= (year, month) <= OLD_STYLE_LAST:
            return "old-style ids run from 1991-08 to 2007-03"
        if number > 999:
            return "old-style ids have a three-digit serial number"
        return None
    if (year, month) < NEW_STYLE_FIRST or year > 2099:
        return "new-style ids start in 2007-04 (0704)"
    limit = 99999 if (year, month) >= FIVE_DIGITS_FROM else 9999
    if number > limit:
        return f"serial number {number} has too many digits for {year}-{month:02d}"
    return None


@functools.lru_cache(maxsize=8192)
def _parse_cached(text: str) -> ArxivId:
    return _parse(text)


def _trusted_constructor() -> Callable[[int, int, int, int | None], ArxivId]:
    """``(year, month, number, version) -> ArxivId`` for fields already proven valid.

    Skips ``__attrs_post_init__``'s re-check by setting the slots directly (about 0.5 µs
    of the 2 µs a cold parse of an API id costs). attrs keeps the hash cache in a slot of
    its own; should a future attrs name it differently, the checked constructor is used.
    """
    if "_attrs_cached_hash" not in ArxivId.__dict__:  # pragma: no cover - another attrs
        return lambda year, month, number, version: ArxivId(year, month, number, None, version)
    slots = ArxivId.__dict__
    set_year, set_month, set_number, set_archive, set_version, set_hash = (
        slots[name].__set__
        for name in ("year", "month", "number", "archive", "version", "_attrs_cached_hash")
    )
    new = object.__new__

    def build(year: int, month: int, number: int, version: int | None) -> ArxivId:
        self: ArxivId = new(ArxivId)
        set_year(self, year)
        set_month(self, month)
        set_number(self, number)
        set_archive(self, None)
        set_version(self, version)
        set_hash(self, None)
        return self

    return build


_valid_new_style = _trusted_constructor()

# The spellings most ids come in (the API's abs URLs, bare new-style ids) checked in one
# match: the pattern admits only valid months, the right serial width for the era and
# versions without leading zeros; serial zero and 0701-0703 are sent on. Everything else,
# every invalid id included, takes the general path below with its precise errors.
_COMMON_RE = re.compile(
    r"(?:https?://arxiv\.org/abs/)?"
    r"(?:(1[5-9]|[2-9][0-9])(0[1-9]|1[0-2])\.([0-9]{5})"  # 2015 on: five digits
    r"|(0[7-9]|1[0-4])(0[1-9]|1[0-2])\.([0-9]{4}))"  # 2007-2014: four (0701-0703 sent on)
    r"(?:v([1-9][0-9]{0,5}))?",
    re.ASCII,
)


def _parse(text: str) -> ArxivId:
    m = _COMMON_RE.fullmatch(text)
    if m is not None:
        yy5, mm5, num5, yy4, mm4, num4, ver = m.groups()
        version = int(ver) if ver else None
        if yy5 is not None:
            if num5 != "00000":
                return _valid_new_style(2000 + int(yy5), int(mm5), int(num5), version)
        elif num4 != "0000" and (yy4 != "07" or mm4 >= "04"):
            return _valid_new_style(2000 + int(yy4), int(mm4), int(num4), version)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    core = stripped
    col0 = lead  # 0-based column of ``core`` within ``text``
    m = _PREFIX_RE.match(core)
    if m is not None:
        core = core[m.end() :]
        col0 += m.end()
        if m.group("url"):
            if core.endswith("/"):
                core = core[:-1]
            if core.lower().endswith(".pdf"):
                core = core[:-4]
    if not core:
        raise InvalidArxivId("no arXiv identifier", text, col0 + 1, 1)
    # Fast path: the canonical shapes.
    fm = _NEW_FAST_RE.fullmatch(core)
    if fm is not None:
        yymm, num, ver = fm.groups()
        return _build_new(text, col0, yymm, num, ver, col0 + fm.start(3) + 1)
    fm = _OLD_FAST_RE.fullmatch(core)
    if fm is not None:
        arch, subject, yymm, num, ver = fm.groups()
        return _build_old(text, col0, arch, subject, yymm, num, ver, col0 + fm.start(5) + 1)
    _diagnose(text, core, col0)
    raise AssertionError("unreachable")  # pragma: no cover


def _year_of(yy: int, old_style: bool) -> int:
    if old_style:
        return 1900 + yy if yy >= 91 else 2000 + yy
    return 2000 + yy


def _check_version_digits(text: str, ver: str, col: int) -> None:
    if len(ver) > _MAX_VERSION_DIGITS:
        raise InvalidArxivId(
            f"a version has at most {_MAX_VERSION_DIGITS} digits", text, col, len(ver)
        )


def _version(text: str, ver: str | None, col: int) -> int | None:
    """The version number written at 1-based ``col`` (its digits are already checked)."""
    if not ver:
        return None
    _check_version_digits(text, ver, col)
    return int(ver)


def _build_new(
    text: str, col0: int, yymm: str, num: str, ver: str | None, ver_col: int = 0
) -> ArxivId:
    year, month = _year_of(int(yymm[:2]), False), int(yymm[2:])
    if not 1 <= month <= 12:
        raise InvalidArxivId(f"month {yymm[2:]} is out of range", text, col0 + 3, 2)
    if (year, month) < NEW_STYLE_FIRST:
        raise InvalidArxivId(f"{yymm} is before 0704, when new-style ids began", text, col0 + 1, 4)
    want = 5 if (year, month) >= FIVE_DIGITS_FROM else 4
    if len(num) != want:
        many = "many" if len(num) > want else "few"
        raise InvalidArxivId(
            f"too {many} digits: ids from {yymm} have {want}-digit serial numbers",
            text,
            col0 + 6,
            len(num),
        )
    if int(num) == 0:
        raise InvalidArxivId("serial number 0 is never assigned", text, col0 + 6, len(num))
    return ArxivId(year, month, int(num), None, _version(text, ver, ver_col))


def _build_old(
    text: str,
    col0: int,
    arch: str,
    subject: str | None,
    yymm: str,
    num: str,
    ver: str | None,
    ver_col: int = 0,
) -> ArxivId:
    if arch not in OLD_STYLE_ARCHIVES:
        raise InvalidArxivId(f"unknown archive {arch!r}", text, col0 + 1, len(arch))
    _check_subject_class(text, col0, arch, subject)
    ycol = col0 + len(arch) + (len(subject) + 1 if subject is not None else 0) + 2
    year, month = _year_of(int(yymm[:2]), True), int(yymm[2:])
    if not 1 <= month <= 12:
        raise InvalidArxivId(f"month {yymm[2:]} is out of range", text, ycol + 2, 2)
    if not OLD_STYLE_FIRST <= (year, month) <= OLD_STYLE_LAST:
        raise InvalidArxivId(
            f"{yymm} is outside 9108..0703, when old-style ids were issued", text, ycol, 4
        )
    if int(num) == 0:
        raise InvalidArxivId("serial number 000 is never assigned", text, ycol + 4, 3)
    return ArxivId(year, month, int(num), arch, _version(text, ver, ver_col))


def _check_subject_class(text: str, col0: int, arch: str, subject: str | None) -> None:
    """Refuse a subject class that does not name a category of ``arch`` (``math.GT`` does)."""
    if subject is None or f"{arch}.{subject}" in CATEGORIES:
        return
    raise InvalidArxivId(
        f"unknown subject class {subject!r}: {arch}.{subject} is not an arXiv category",
        text,
        col0 + len(arch) + 2,
        max(1, len(subject)),
    )


def _diagnose(text: str, core: str, col0: int) -> None:
    """Raise the most helpful error for ``core`` (which matched no canonical shape)."""
    # Split off a version suffix first: it is the same in both eras. The marker is the
    # first 'v' after a digit (archive names and subject classes hold no digits).
    base = core
    vm = re.search(r"(?<=[0-9])[vV]", core)
    if vm is not None:
        base, ver, ver_col = core[: vm.start()], core[vm.end() :], col0 + vm.start() + 1
        if vm.group() == "V":
            raise InvalidArxivId("the version marker is a lowercase 'v'", text, ver_col, 1)
        if not ver:
            raise InvalidArxivId("'v' must be followed by a version number", text, ver_col, 1)
        _diagnose_digits(text, ver, ver_col + 1, 0, "")
        if not ver.strip("0"):
            raise InvalidArxivId(
                "version 0 does not exist; versions start at 1", text, ver_col, len(ver) + 1
            )
        if ver.startswith("0"):
            raise InvalidArxivId("a version has no leading zeros", text, ver_col + 1, len(ver))
        _check_version_digits(text, ver, ver_col + 1)
    if "/" in base:
        arch_part, _, tail = base.partition("/")
        arch = arch_part.split(".", 1)[0]
        if arch.lower() in OLD_STYLE_ARCHIVES and arch not in OLD_STYLE_ARCHIVES:
            raise InvalidArxivId("archive names are lowercase", text, col0 + 1, len(arch))
        if arch not in OLD_STYLE_ARCHIVES:
            raise InvalidArxivId(f"unknown archive {arch!r}", text, col0 + 1, max(1, len(arch)))
        subject = arch_part.split(".", 1)[1] if "." in arch_part else None
        _check_subject_class(text, col0, arch, subject)
        tcol = col0 + len(arch_part) + 2
        _diagnose_digits(text, tail, tcol, 7, "old-style ids have seven digits (YYMMNNN)")
        # Seven ASCII digits: the month, era or serial number is what is wrong.
        _build_old(text, col0, arch, subject, tail[:4], tail[4:], None)
        raise InvalidArxivId("not an old-style arXiv id", text, col0 + 1, len(core))
    head, dot, num = base.partition(".")
    if not dot:
        if _digits(base) or any(c.isdigit() for c in base):
            raise InvalidArxivId(
                "new-style ids are YYMM.NNNN or YYMM.NNNNN", text, col0 + 1, len(base)
            )
        raise InvalidArxivId("not an arXiv identifier", text, col0 + 1, len(core))
    _diagnose_digits(text, head, col0 + 1, 4, "new-style ids start with four digits YYMM")
    if not num:
        raise InvalidArxivId("missing serial number after '.'", text, col0 + 5, 1)
    _diagnose_digits(text, num, col0 + 6, 0, "")
    # All ASCII digits: the month, era or length of the serial number is what is wrong.
    _build_new(text, col0, head, num, None)
    raise InvalidArxivId("not an arXiv identifier", text, col0 + 1, len(core))


def _diagnose_digits(text: str, part: str, col: int, want: int, why: str) -> None:
    for i, ch in enumerate(part):
        if not (ch.isascii() and ch.isdigit()):
            if ch.isdigit():
                msg = f"{ch!r} is not an ASCII digit (full-width digits are not normalized)"
            else:
                msg = f"unexpected character {ch!r}"
            raise InvalidArxivId(msg, text, col + i, 1)
    if want and len(part) != want:
        many = "many" if len(part) > want else "few"
        raise InvalidArxivId(f"too {many} digits: {why}", text, col, max(1, len(part)))
