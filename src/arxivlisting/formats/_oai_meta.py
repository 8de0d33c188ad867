"""Private: the ``arXiv``, ``arXivRaw`` and ``arXivOld`` metadata formats -> Paper.

``arXiv`` splits each author into ``<keyname>``/``<forenames>``/``<suffix>`` and
``<affiliation>``s; the display name is composed as ``Forenames Keyname Suffix``. Its
``<created>``/``<updated>`` are dates: they become ``Paper.published``/``updated`` at
midnight UTC. ``arXivRaw`` lists every version with its RFC 2822 date, size and source
type (``Paper.versions``; a version is withdrawn when its source type holds ``I`` or its
size is 0 kb, as for ``.abs`` files); ``published`` is the v1 time and ``updated`` the time of the
highest version. Its authors are one free-text line, split by
:func:`arxivlisting.authors.parse_authors` (kept whole on ``OaiRecord.authors_text``).
``arXivOld`` is ``arXivRaw`` without versions and submitter.

>>> from lxml import etree
>>> from arxivlisting._diag import Diagnostics
>>> el = etree.fromstring(
...     '<arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>0704.0001</id>'
...     '<authors><author><keyname>Balázs</keyname><forenames>C.</forenames></author>'
...     '</authors><categories>hep-ph</categories></arXiv>')
>>> paper = build_arxiv(el, Diagnostics(False), "record[1]")
>>> paper.authors[0].name, paper.primary_category
('C. Balázs', 'hep-ph')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any

import attrs
from lxml import etree

from .._diag import Diagnostics
from ..authors import read_authors
from ..errors import Defect, DefectKind
from ..records import Author, Paper, Version
from ..text import normalize_space
from ._oai_common import (
    check_categories,
    duplicate,
    local_name,
    parse_id,
    text_of,
    unknown,
)
from ._oai_text import compose_name, parse_datestamp, parse_rfc2822, parse_size

__all__ = ["authors_of_line", "build_arxiv", "build_raw"]

# Single-valued text fields shared by the three formats, and the Paper field each fills.
_TEXT_FIELDS = {
    "id": "id",
    "title": "title",
    "categories": "categories",
    "comments": "comments",
    "proxy": "proxy",
    "report-no": "report_no",
    "msc-class": "msc_class",
    "acm-class": "acm_class",
    "journal-ref": "journal_ref",
    "doi": "dois",
    "license": "license",
    "abstract": "abstract",
    "created": "published",
    "updated": "updated",
    "submitter": "submitter",
}
_ARXIV_ONLY = frozenset({"created", "updated"})
_RAW_ONLY = frozenset({"submitter"})
_REQUIRED = ("id", "title", "categories", "abstract")


def _collect(
    meta: etree._Element,
    diag: Diagnostics,
    where: str,
    allowed: frozenset[str],
    special: dict[str, Callable[[etree._Element], None]],
) -> dict[str, tuple[str, etree._Element]]:
    """One pass over the metadata children: text fields by name, the rest handed on."""
    fmt = local_name(meta.tag)
    texts: dict[str, tuple[str, etree._Element]] = {}
    for child in meta:
        name = local_name(child.tag)
        handler = special.get(name)
        if handler is not None:
            handler(child)
        elif name in allowed:
            if name in texts:
                duplicate(child, diag, where)
            elif len(child) == 0:
                texts[name] = (child.text or "", child)
            else:
                texts[name] = (text_of(child, diag, where), child)
        elif name != "#node":
            unknown(child, fmt, diag, where)
    for name in (*_REQUIRED, *(("created",) if "created" in allowed else ())):
        if name not in texts:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"<{fmt}> without <{name}>",
                line=meta.sourceline,
                where=where,
            )
    return texts


def _fields(
    texts: dict[str, tuple[str, etree._Element]], diag: Diagnostics, where: str
) -> dict[str, Any]:
    """Paper keyword arguments from the collected text fields."""
    out: dict[str, Any] = {}
    for name, (text, el) in texts.items():
        field = _TEXT_FIELDS[name]
        if name == "id":
            out["id"] = parse_id(text, diag, el.sourceline, where)
        elif name == "categories":
            codes = text.split()
            out["categories"] = check_categories(codes, diag, el.sourceline, where)
            out["primary_category"] = codes[0] if codes else None
        elif name == "doi":
            out["dois"] = tuple(text.split())
        elif name in _ARXIV_ONLY:
            out[field] = _date(text, el, diag, where)
        else:
            out[field] = normalize_space(text)
    return out


def _date(text: str, el: etree._Element, diag: Diagnostics, where: str) -> _dt.datetime | None:
    try:
        return parse_datestamp(text)
    except ValueError:
        diag.report(
            DefectKind.BAD_DATE,
            f"<{local_name(el.tag)}> is not a date (YYYY-MM-DD)",
            line=el.sourceline,
            snippet=text,
            where=where,
        )
        return None


# -- arXiv -----------------------------------------------------------------------------

_ARXIV_FIELDS = frozenset(_TEXT_FIELDS) - _RAW_ONLY


def build_arxiv(meta: etree._Element, diag: Diagnostics, where: str) -> Paper:
    """An ``<arXiv>`` metadata element -> Paper."""
    authors: list[Author] = []
    seen: list[etree._Element] = []

    def take_authors(el: etree._Element) -> None:
        if seen:
            duplicate(el, diag, where)
            return
        seen.append(el)
        authors.extend(_arxiv_authors(el, diag, where))

    texts = _collect(meta, diag, where, _ARXIV_FIELDS, {"authors": take_authors})
    if not seen:
        diag.report(
            DefectKind.MISSING_FIELD, "<arXiv> without <authors>", line=meta.sourceline, where=where
        )
    return Paper(authors=tuple(authors), **{"id": None, **_fields(texts, diag, where)})


def _arxiv_authors(el: etree._Element, diag: Diagnostics, where: str) -> list[Author]:
    out: list[Author] = []
    for child in el:
        name = local_name(child.tag)
        if name == "author":
            out.append(_arxiv_author(child, diag, where, len(out) + 1))
        elif name != "#node":
            unknown(child, "authors", diag, where)
    return out


_PARTS = ("keyname", "forenames", "suffix")
_HAS_ALNUM = re.compile(r"[^\W_]")


def _arxiv_author(el: etree._Element, diag: Diagnostics, where: str, number: int) -> Author:
    """One ``<author>``; this runs once per author of every record, so it stays lean."""
    parts: dict[str, str] = {}
    affiliations: list[str] = []
    for child in el:
        name = local_name(child.tag)
        if len(child) == 0:
            text = child.text or ""
        else:
            text = text_of(child, diag, f"{where}/author[{number}]")
        if name == "affiliation":
            affiliations.append(" ".join(text.split()))
        elif name in _PARTS:
            if name in parts:
                duplicate(child, diag, f"{where}/author[{number}]")
            else:
                parts[name] = " ".join(text.split())
        elif name != "#node":
            unknown(child, "author", diag, f"{where}/author[{number}]")
    keyname = parts.get("keyname")
    forenames = parts.get("forenames")
    suffix = parts.get("suffix")
    if keyname is None:
        diag.report(
            DefectKind.MISSING_FIELD,
            "<author> without <keyname>",
            line=el.sourceline,
            where=f"{where}/author[{number}]",
        )
    name = compose_name(keyname, forenames, suffix)
    if _HAS_ALNUM.search(name) is None:
        # arXiv's own split of "Keck Array and BICEP2 Collaborations: P. Ade, ..." gives an
        # author whose keyname is ":"; it is kept, and pointed out.
        diag.report(
            DefectKind.AMBIGUOUS,
            "author name has no letter or digit (a mis-split author list?); kept as given",
            line=el.sourceline,
            snippet=name,
            where=f"{where}/author[{number}]",
        )
    return Author(name, affiliations, keyname=keyname, forenames=forenames, suffix=suffix)


# -- arXivRaw and arXivOld ---------------------------------------------------------------

_RAW_FIELDS = frozenset(_TEXT_FIELDS) - _ARXIV_ONLY
_OLD_FIELDS = _RAW_FIELDS - _RAW_ONLY
_VERSION_LABEL = re.compile(r"\s*v([1-9][0-9]{0,5})\s*", re.ASCII)


def build_raw(meta: etree._Element, diag: Diagnostics, where: str) -> tuple[Paper, str | None]:
    """An ``<arXivRaw>`` (or ``<arXivOld>``) element -> (Paper, the author line)."""
    raw = local_name(meta.tag) == "arXivRaw"
    versions: list[Version] = []
    lines: list[str] = []

    def take_version(el: etree._Element) -> None:
        if not raw:
            unknown(el, local_name(meta.tag), diag, where)
            return
        version = _version(el, diag, where)
        if version is None:
            return
        if any(v.number == version.number for v in versions):
            diag.report(
                DefectKind.DUPLICATE_FIELD,
                f"v{version.number} is listed twice; both are kept",
                line=el.sourceline,
                where=where,
            )
        versions.append(version)

    def take_authors(el: etree._Element) -> None:
        if lines:
            duplicate(el, diag, where)
        else:
            lines.append(normalize_space(text_of(el, diag, where)))

    handlers: dict[str, Callable[[etree._Element], None]] = {
        "version": take_version,
        "authors": take_authors,
    }
    texts = _collect(meta, diag, where, _RAW_FIELDS if raw else _OLD_FIELDS, handlers)
    fields = _fields(texts, diag, where)
    if raw:
        for name in ("submitter",):
            if name not in texts:
                diag.report(
                    DefectKind.MISSING_FIELD,
                    f"<arXivRaw> without <{name}>",
                    line=meta.sourceline,
                    where=where,
                )
        if not versions:
            diag.report(
                DefectKind.MISSING_FIELD,
                "<arXivRaw> without <version>",
                line=meta.sourceline,
                where=where,
            )
    line = lines[0] if lines else None
    authors: tuple[Author, ...] = ()
    if line is None:
        diag.report(
            DefectKind.MISSING_FIELD,
            f"<{local_name(meta.tag)}> without <authors>",
            line=meta.sourceline,
            where=where,
        )
    else:
        authors = _split_line(line, diag, meta.sourceline, where)
    dated = {v.number: v.date for v in versions}
    first = dated.get(1)
    latest = dated[max(dated)] if dated else None
    fields.setdefault("id", None)
    return (
        Paper(authors=authors, versions=tuple(versions), published=first, updated=latest, **fields),
        line,
    )


def _version(el: etree._Element, diag: Diagnostics, where: str) -> Version | None:
    label = el.get("version")
    m = _VERSION_LABEL.fullmatch(label) if label is not None else None
    if m is None:
        diag.report(
            DefectKind.BAD_NUMBER,
            "<version> without a version attribute of the form vN; the version is skipped",
            line=el.sourceline,
            snippet=label,
            where=where,
        )
        return None
    number = int(m.group(1))
    where = f"{where}/version[v{number}]"
    texts: dict[str, tuple[str, etree._Element]] = {}
    for child in el:
        name = local_name(child.tag)
        if name in ("date", "size", "source_type"):
            if name in texts:
                duplicate(child, diag, where)
            else:
                texts[name] = (text_of(child, diag, where), child)
        elif name != "#node":
            unknown(child, "version", diag, where)
    date = size = None
    for name in ("date", "size"):
        if name not in texts:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"<version> without <{name}>",
                line=el.sourceline,
                where=where,
            )
    if "date" in texts:
        text, child = texts["date"]
        try:
            date = parse_rfc2822(text)
        except ValueError:
            diag.report(
                DefectKind.BAD_DATE,
                "<date> is not an RFC 2822 time",
                line=child.sourceline,
                snippet=text,
                where=where,
            )
    if "size" in texts:
        text, child = texts["size"]
        try:
            size = parse_size(text)
        except ValueError:
            diag.report(
                DefectKind.BAD_NUMBER,
                "<size> is not a size in kb",
                line=child.sourceline,
                snippet=text,
                where=where,
            )
    flags = texts["source_type"][0].strip() if "source_type" in texts else None
    # The same rule as for .abs files (arXivRaw is written from them): source type I
    # ("ignore") or an empty 0kb version is a withdrawn one.
    withdrawn = bool(flags and "I" in flags) or size == 0
    return Version(number, date, size, flags, withdrawn)


# -- the one-string author line ------------------------------------------------------


def authors_of_line(text: str) -> tuple[tuple[Author, ...], tuple[Defect, ...]]:
    """Split an author line with :func:`arxivlisting.authors.parse_authors`.

    Affiliations stay with the author the line writes them after (arXiv's own reading
    also gives them to the authors before; see
    :func:`arxivlisting.authors.propagate_affiliations`).

    >>> authors, defects = authors_of_line("Ada Lovelace (Cambridge) and C. Babbage")
    >>> [(a.name, a.affiliations) for a in authors], defects
    ([('Ada Lovelace', ('Cambridge',)), ('C. Babbage', ())], ())
    """
    authors, _, defects = read_authors(text)  # parse_authors without the segments
    return authors, defects


def _split_line(text: str, diag: Diagnostics, line: int | None, where: str) -> tuple[Author, ...]:
    authors, defects = authors_of_line(text)
    for defect in defects:
        # Positions inside the author line are not positions in the document.
        diag.add(
            attrs.evolve(defect, line=line, column=None, offset=None, where=f"{where}/authors")
        )
    return authors
