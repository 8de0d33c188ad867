"""arXiv's category taxonomy: codes, English names, archives, groups, aliases.

>>> from arxivlisting import taxonomy
>>> c = taxonomy.get_category("cs.CL")
>>> c.name, c.archive, c.group_name
('Computation and Language', 'cs', 'Computer Science')
>>> taxonomy.canonical("cs.NA"), taxonomy.canonical("math.IT")
('math.NA', 'cs.IT')
>>> taxonomy.classify_term("53C"), taxonomy.classify_term("F.2.2"), taxonomy.classify_term("xx.YY")
('msc', 'acm', 'unknown')

Unknown codes are never dropped by parsers: they stay on the record as written and are
reported as an ``unknown_category`` defect.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from . import _taxonomy_data as _data

__all__ = [
    "ARCHIVES",
    "CATEGORIES",
    "GROUPS",
    "OLD_STYLE_ARCHIVES",
    "Archive",
    "Category",
    "TermKind",
    "canonical",
    "classify_term",
    "get_archive",
    "get_category",
    "is_known",
]


@attrs.frozen
class Archive:
    """An arXiv archive (``cs``, ``hep-th``, the defunct ``funct-an``)."""

    code: str
    name: str
    group: str
    defunct: bool = False
    #: For a defunct archive, the category that took over its papers.
    subsumed_by: str | None = None


@attrs.frozen
class Category:
    """An arXiv category code with its English name and where it belongs."""

    code: str
    name: str
    archive: str
    group: str
    #: The code arXiv shows for this category: differs for aliases such as cs.NA, and
    #: for a defunct archive's code (``funct-an``) is the category that subsumed it.
    canonical: str

    @property
    def group_name(self) -> str:
        """The English name of the group (``Physics``, ``Computer Science``...)."""
        return _data.GROUPS[self.group]

    @property
    def archive_name(self) -> str:
        """The English name of the archive."""
        return ARCHIVES[self.archive].name

    @property
    def is_alias(self) -> bool:
        """True when another code is the canonical spelling of this category.

        >>> get_category("cs.NA").is_alias, get_category("math.NA").is_alias
        (True, False)
        """
        return self.canonical != self.code


def _archive_of(code: str) -> str:
    return code.split(".", 1)[0]


def _build() -> tuple[dict[str, Archive], dict[str, Category]]:
    archives: dict[str, Archive] = {}
    for code, (name, group) in _data.ARCHIVES.items():
        archives[code] = Archive(code, name, group)
    for code, (name, group, successor) in _data.DEFUNCT_ARCHIVES.items():
        archives[code] = Archive(code, name, group, defunct=True, subsumed_by=successor)
    cats: dict[str, Category] = {}
    for code, name in _data.CATEGORIES.items():
        arch = _archive_of(code)
        group = archives[arch].group
        cats[code] = Category(code, name, arch, group, _data.ALIASES.get(code, code))
    # A defunct archive is also the one category of its old papers; it maps forward.
    for code, (name, group, successor) in _data.DEFUNCT_ARCHIVES.items():
        cats[code] = Category(code, name, code, group, successor)
    return archives, cats


_ARCHIVES, _CATEGORIES = _build()

#: Every archive, current and defunct, by code.
ARCHIVES: Mapping[str, Archive] = MappingProxyType(_ARCHIVES)
#: Every category code arXiv uses (aliases included), by code.
CATEGORIES: Mapping[str, Category] = MappingProxyType(_CATEGORIES)
#: Group code -> English group name.
GROUPS: Mapping[str, str] = MappingProxyType(_data.GROUPS)
#: Archives that appear in old-style identifiers (``archive/YYMMNNN``), defunct ones included.
OLD_STYLE_ARCHIVES: frozenset[str] = frozenset(_data.OLD_STYLE_ID_ARCHIVES) | frozenset(
    _data.DEFUNCT_ARCHIVES
)


def get_category(code: str) -> Category | None:
    """The category for ``code`` (exact spelling), or None when arXiv has no such code.

    >>> get_category("hep-th").name
    'High Energy Physics - Theory'
    >>> get_category("cs.XX") is None
    True
    """
    return _CATEGORIES.get(code)


def get_archive(code: str) -> Archive | None:
    """The archive for ``code`` (``"cs"``, ``"funct-an"``), or None.

    >>> get_archive("supr-con").subsumed_by
    'cond-mat.supr-con'
    """
    return _ARCHIVES.get(code)


def is_known(code: str) -> bool:
    """True when ``code`` is an arXiv category or archive code (defunct ones included).

    >>> is_known("funct-an"), is_known("cs.AI"), is_known("cs.ai")
    (True, True, False)
    """
    return code in _CATEGORIES or code in _ARCHIVES


def canonical(code: str) -> str:
    """The canonical spelling of a category: aliases and defunct archives map forward.

    Unknown codes come back unchanged.

    >>> canonical("eess.SY"), canonical("cs.SY"), canonical("funct-an"), canonical("nope")
    ('eess.SY', 'eess.SY', 'math.FA', 'nope')
    """
    cat = _CATEGORIES.get(code)
    if cat is not None:
        return cat.canonical
    arch = _ARCHIVES.get(code)
    if arch is not None and arch.subsumed_by is not None:
        return arch.subsumed_by
    return code


TermKind = Literal["arxiv", "msc", "acm", "unknown"]

# MSC 1991..2020 codes as authors write them: 05C80, 53C, 53Cxx, 53CXX, 68-XX, 11-xx,
# 68-02, 81T13. ACM CCS 1998: the classes A..K, then F.2, F.2.2, I.2.10, with ``m`` for
# "miscellaneous" at either level (K.m, D.2.m).
_MSC_RE = re.compile(r"[0-9]{2}(?:[A-Z](?:[0-9]{2}|[xX]{2})?|-(?:[xX]{2}|[0-9]{2}))", re.ASCII)
_ACM_RE = re.compile(r"[A-K](?:\.(?:[0-9]|m)(?:\.(?:[0-9]{1,2}|m))?)?", re.ASCII)


def classify_term(term: str) -> TermKind:
    """Say what a category term is: an arXiv code, an MSC class, an ACM class, or unknown.

    The arXiv API lists MSC and ACM classes among an entry's categories; parsers keep
    them there and only report terms that are none of the three.

    >>> classify_term("cs.CL"), classify_term("05C80"), classify_term("I.2.7")
    ('arxiv', 'msc', 'acm')
    """
    if is_known(term):
        return "arxiv"
    if _MSC_RE.fullmatch(term):
        return "msc"
    if _ACM_RE.fullmatch(term):
        return "acm"
    return "unknown"
