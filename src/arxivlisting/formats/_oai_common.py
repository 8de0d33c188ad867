"""Private: helpers every OAI-PMH module shares (element text, defects, ids, categories).

>>> local_name("{http://arxiv.org/OAI/arXiv/}keyname")
'keyname'
"""

from __future__ import annotations

from lxml import etree

from .. import taxonomy
from .._diag import Diagnostics
from ..errors import DefectKind, ParseError
from ..ids import ArxivId
from ._xml import element_text, mixed_text, xml_snippet

__all__ = [
    "check_categories",
    "duplicate",
    "local_name",
    "parse_id",
    "text_of",
    "unknown",
]


_LOCAL: dict[object, str] = {}


def local_name(tag: object) -> str:
    """``{ns}local`` -> ``local``; comments, PIs and entities give ``#node``."""
    name = _LOCAL.get(tag)
    if name is not None:
        return name
    if not isinstance(tag, str):
        return "#node"
    name = tag[tag.index("}") + 1 :] if tag[:1] == "{" else tag
    if len(_LOCAL) < 1024:  # the tags of a few formats; hostile input cannot grow it
        _LOCAL[tag] = name
    return name


def text_of(el: etree._Element, diag: Diagnostics, where: str) -> str:
    """The text of a text-only element; markup inside it is reported and its text kept."""
    return mixed_text(el, diag, where, local_name)


def unknown(el: etree._Element, parent: str, diag: Diagnostics, where: str) -> None:
    """Report an element this format does not define (its XML is the snippet)."""
    if isinstance(el, etree._Entity):
        return
    diag.report(
        DefectKind.UNKNOWN_ELEMENT,
        f"unknown element <{local_name(el.tag)}> in <{parent}>",
        line=el.sourceline,
        snippet=xml_snippet(el),
        where=where,
    )


def duplicate(el: etree._Element, diag: Diagnostics, where: str) -> None:
    """Report a second occurrence of a single-valued element (the first is kept)."""
    diag.report(
        DefectKind.DUPLICATE_FIELD,
        f"second <{local_name(el.tag)}>; the first is kept",
        line=el.sourceline,
        snippet=element_text(el),
        where=where,
    )


def parse_id(text: str, diag: Diagnostics, line: int | None, where: str) -> ArxivId | None:
    """An arXiv id, or None and a ``bad_id`` defect (the text stays on the record)."""
    value = text.strip()
    try:
        return ArxivId.parse(value)
    except ParseError as exc:
        diag.report(
            DefectKind.BAD_ID,
            f"not an arXiv identifier: {exc.message}",
            line=line,
            snippet=value,
            where=where,
        )
        return None


_KNOWN = frozenset(taxonomy.CATEGORIES) | frozenset(taxonomy.ARCHIVES)


def check_categories(
    codes: list[str], diag: Diagnostics, line: int | None, where: str
) -> tuple[str, ...]:
    """Report codes outside the taxonomy (they are kept as given)."""
    for code in codes:
        if code not in _KNOWN:
            diag.report(
                DefectKind.UNKNOWN_CATEGORY,
                "category is not an arXiv category code (kept as given)",
                line=line,
                snippet=code,
                where=where,
            )
    return tuple(codes)
