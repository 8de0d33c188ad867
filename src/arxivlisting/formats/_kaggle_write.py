"""Private: a :class:`KaggleRecord` (or a bare :class:`Paper`) -> one snapshot line.

Values are written the way the snapshot writes them: the ``.abs`` field text (wrapped at
79 columns with two-space continuation lines), the abstract with its two leading
spaces, dates as RFC 2822, ``json.dumps`` with compact separators and ASCII escapes. A
record read from a line reuses that line's strings where they still say what it says.
"""

from __future__ import annotations

import json
from typing import Any

from .._diag import Diagnostics
from ..authors import is_collaboration, propagate, render_authors, split_name
from ..records import Paper
from ._absdates import format_rfc2822
from ._abstext import abstract_text, field_text, field_value
from ._kaggle_read import _authors, _norm, _paper_id, _Reader, _submitter, _update_date, _versions
from ._kaggle_read import _authors_parsed as _read_parsed
from ._kaggle_record import KEYS, KaggleRecord

__all__ = ["authors_parsed_of", "line_of"]

#: Snapshot keys of text fields -> (.abs field name used for wrapping, Paper attribute).
_TEXT = {
    "title": ("Title", "title"),
    "comments": ("Comments", "comments"),
    "journal-ref": ("Journal-ref", "journal_ref"),
    "report-no": ("Report-no", "report_no"),
    "license": ("License", "license"),
}


def _wrapped(key: str, value: str) -> str:
    return field_value(field_text(key, value))[:-1]


def authors_parsed_of(paper: Paper) -> tuple[tuple[str, ...], ...]:
    """``authors_parsed`` rows for ``paper``: its name parts (split the way arXiv splits
    names where the paper has none) and its affiliations as arXiv propagates them."""
    collab = [i for i, a in enumerate(paper.authors) if is_collaboration(a.name)]
    rows = []
    for author, spread in zip(paper.authors, propagate(paper.authors, collab), strict=True):
        key, fore, suffix = split_name(author.name)
        if author.keyname is not None:
            key, fore, suffix = author.keyname, author.forenames or "", author.suffix or ""
        rows.append((key, fore, suffix, *spread.affiliations))
    return tuple(rows)


def _canonical(key: str, record: KaggleRecord) -> Any:
    p = record.paper
    if key == "id":
        return None if p.id is None else str(p.id)
    if key == "submitter":
        return p.submitter
    if key == "authors":
        return _wrapped("Authors", render_authors(p.authors)) if p.authors else None
    if key in _TEXT:
        name, attr = _TEXT[key]
        value = getattr(p, attr)
        return None if value is None else _wrapped(name, value)
    if key == "doi":
        return _wrapped("DOI", " ".join(p.dois)) if p.dois else None
    if key == "categories":
        return _wrapped("Categories", " ".join(p.categories)) if p.categories else None
    if key == "abstract":
        return None if p.abstract is None else abstract_text(p.abstract)
    if key == "versions":
        return [
            {"version": f"v{v.number}", "created": format_rfc2822(v.date) if v.date else None}
            for v in p.versions
        ]
    if key == "update_date":
        return None if record.update_date is None else record.update_date.isoformat()
    if key == "authors_parsed":
        # Rows are derived only for records a program built; a read line keeps its own.
        rows = record.authors_parsed
        if not rows and record.source is None:
            rows = authors_parsed_of(p)
        return [list(row) for row in rows]
    raise KeyError(key)


def _agrees(key: str, raw: Any, record: KaggleRecord) -> bool:
    """True when reading the source's ``raw`` value gives what ``record`` holds."""
    p = record.paper
    r = _Reader(Diagnostics(False, None), None)
    text = raw if raw is None or type(raw) is str else None
    if key == "id":
        return (None if text is None else _paper_id(text, r)) == p.id
    if key == "submitter":
        return (None if text is None else _submitter(text)) == p.submitter
    if key == "authors":
        if text is None:
            return not p.authors
        return _authors(text, record.authors_parsed, r) == p.authors
    if key in _TEXT:
        value: str | None = getattr(p, _TEXT[key][1])
        return (None if text is None else _norm(text)) == value
    if key == "doi":
        return tuple((text or "").split()) == p.dois
    if key == "categories":
        cats = tuple((text or "").split())
        return cats == p.categories and (cats[0] if cats else None) == p.primary_category
    if key == "abstract":
        return (None if text is None else _norm(text)) == p.abstract
    if key == "versions":
        return _versions(raw, r) == p.versions
    if key == "update_date":
        return (None if raw is None else _update_date(raw, r)) == record.update_date
    if key == "authors_parsed":
        return _read_parsed(raw, r) == record.authors_parsed
    return False


def _empty(value: Any) -> bool:
    return value is None or value == []


def line_of(item: KaggleRecord | Paper) -> str:
    """The JSON line for ``item`` (no trailing newline)."""
    record = item if isinstance(item, KaggleRecord) else KaggleRecord(item)
    source: dict[str, Any] = {}
    if record.source is not None:
        try:
            loaded = json.loads(record.source)
        except ValueError:
            loaded = None
        if isinstance(loaded, dict):
            source = loaded
    out: dict[str, Any] = {}
    for key in KEYS:
        if key in source and _agrees(key, source[key], record):
            out[key] = source[key]
            continue
        value = _canonical(key, record)
        if source and key not in source and _empty(value):
            continue  # the source line has no such key and the record nothing to say
        out[key] = value
    for key, text in record.extra:
        out[key] = json.loads(text)
    if source:
        ordered = {k: out[k] for k in source if k in out}
        ordered.update(out)
        out = ordered
    return json.dumps(out, separators=(",", ":"))
