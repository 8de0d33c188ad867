"""Private: how an ``.abs`` record is cut into pieces, and each piece written.

A record's pieces are keyed (``"pre"``, ``"id"``, ``"from"``, ``"date:0"``,
``"field:Title"``, ``"extra:0"``, ``"line:0"``, ``"abstract"``...). :func:`layout_of`
keeps a piece's source text only when the canonical writing differs; :func:`render`
uses kept text only while it still says what the record says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..authors import parse_authors, render_authors
from ..ids import ArxivId
from ..text import normalize_space
from ._abstext import (
    FIELD_ORDER,
    FIELD_RE,
    RULE,
    abstract_text,
    date_line,
    field_text,
    field_value,
    from_line,
    read_from_line,
    read_id_line,
    submitter_name,
    version_of,
)

if TYPE_CHECKING:
    from ._absrecord import AbsRecord

__all__ = ["LAYOUT_ONLY", "consistent", "layout_of", "render"]

#: Pieces that carry no value, only layout.
LAYOUT_ONLY = ("pre", "sep0", "gap", "sep1", "sep2", "post", "blank")


def _semantic_keys(record: AbsRecord) -> list[str]:
    p = record.paper
    keys = ["pre", "sep0"]
    if p.id is not None:
        keys.append("id")
    if p.submitter is not None or record.submitter_email is not None:
        keys.append("from")
    keys.extend(f"date:{i}" for i in range(len(p.versions)))
    keys.append("gap")
    keys.extend(f"field:{k}" for k in FIELD_ORDER if _current(k, record) not in (None, ()))
    keys.extend(f"extra:{i}" for i in range(len(record.extra_fields)))
    keys.extend(f"line:{i}" for i in range(len(record.extra_lines)))
    keys.append("sep1")
    if p.abstract is not None:
        keys.extend(["abstract", "sep2", "post"])
    return keys


_ATTR = {
    "Title": "title",
    "Comments": "comments",
    "Proxy": "proxy",
    "Report-no": "report_no",
    "MSC-class": "msc_class",
    "ACM-class": "acm_class",
    "Journal-ref": "journal_ref",
    "License": "license",
}


def _current(key: str, record: AbsRecord) -> Any:
    p = record.paper
    if key == "Authors":
        return p.authors
    if key == "Categories":
        return p.categories
    if key == "DOI":
        return p.dois
    return getattr(p, _ATTR[key])


def _value_of(key: str, text: str) -> Any:
    """What the piece ``text`` says, comparable with :func:`_current`."""
    raw = field_value(text)
    if key == "Authors":
        return parse_authors(raw.rstrip("\n")).authors
    if key in ("Categories", "DOI"):
        return tuple(raw.split())
    return normalize_space(raw)


def consistent(piece: str, text: str, record: AbsRecord) -> bool:
    kind, _, arg = piece.partition(":")
    p = record.paper
    if kind in LAYOUT_ONLY:
        return True
    if kind == "id":
        found = read_id_line(text)
        return found is not None and ArxivId.try_parse(found[1]) == p.id
    if kind == "from":
        who = read_from_line(text)
        return who is not None and (submitter_name(who[2]), who[1]) == (
            p.submitter,
            record.submitter_email,
        )
    if kind == "date":
        index = int(arg)
        return index < len(p.versions) and version_of(text, index)[0] == p.versions[index]
    if kind == "field":
        return bool(_value_of(arg, text) == _current(arg, record))
    if kind == "extra":
        index = int(arg)
        m = FIELD_RE.match(text)
        return (
            m is not None
            and index < len(record.extra_fields)
            and (m.group(1), normalize_space(field_value(text))) == record.extra_fields[index]
        )
    if kind == "line":
        index = int(arg)
        return index < len(record.extra_lines) and text.rstrip("\n") == record.extra_lines[index]
    if kind == "abstract":
        return normalize_space(text) == p.abstract
    return False


def _canonical(piece: str, record: AbsRecord) -> str:
    kind, _, arg = piece.partition(":")
    p = record.paper
    writers: dict[str, Callable[[], str]] = {
        "pre": lambda: RULE,
        "sep0": lambda: "\\\\\n",
        "sep1": lambda: "\\\\\n",
        "sep2": lambda: "\\\\\n",
        "gap": lambda: "\n",
        "id": lambda: f"arXiv:{p.id}\n",
        "from": lambda: from_line(p.submitter, record.submitter_email),
        "date": lambda: date_line(p.versions[int(arg)]),
        "field": lambda: field_text(arg, _field_string(arg, record)),
        "extra": lambda: field_text(*record.extra_fields[int(arg)]),
        "line": lambda: record.extra_lines[int(arg)] + "\n",
        "abstract": lambda: abstract_text(p.abstract or ""),
    }
    writer = writers.get(kind)
    return writer() if writer is not None else ""


def _field_string(key: str, record: AbsRecord) -> str:
    value = _current(key, record)
    if key == "Authors":
        return render_authors(value)
    if isinstance(value, tuple):
        return " ".join(value)
    return str(value)


def layout_of(
    record: AbsRecord, pieces: list[tuple[str, str, int]]
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """``(verbatim, order)``: what makes the canonical writing of ``record`` give ``pieces``."""
    verbatim = []
    for key, text, _ in pieces:
        try:
            canonical = _canonical(key, record)
        except ValueError:  # values the canonical writer refuses: keep the source text
            canonical = None
        if canonical != text:
            verbatim.append((key, text))
    order = tuple(key for key, _, _ in pieces)
    if order == tuple(_semantic_keys(record)):
        order = ()
    return tuple(verbatim), order


def _still_true(key: str, verbatim: dict[str, str], record: AbsRecord) -> bool:
    text = verbatim.get(key)
    if text is None:
        try:
            text = _canonical(key, record)
        except (ValueError, IndexError, TypeError):
            return False
    return consistent(key, text, record)


def render(record: AbsRecord) -> str:
    """The text of ``record`` (see :func:`arxivlisting.formats.absfile.render_abs`)."""
    layout = record.layout
    canonical_keys = _semantic_keys(record)
    order: list[str] | tuple[str, ...] = canonical_keys
    verbatim = dict(layout.verbatim)
    if layout.order:
        wanted = {k for k in canonical_keys if k.partition(":")[0] not in LAYOUT_ONLY}
        present = {k for k in layout.order if k.partition(":")[0] not in LAYOUT_ONLY}
        # Pieces the record's values do not call for (an empty DOI field, an id line that
        # holds no id) stay while their text still says what the record says.
        if wanted <= present and all(_still_true(k, verbatim, record) for k in present - wanted):
            order = layout.order
    out = []
    for key in order:
        text = verbatim.get(key)
        if text is None or not consistent(key, text, record):
            text = _canonical(key, record)
        out.append(text)
    result = "".join(out)
    return result.replace("\n", layout.newline) if layout.newline != "\n" else result
