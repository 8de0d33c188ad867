"""Private: a whole Hugo TOML file (fences, page keys, items, Markdown body) <-> Digest.

The document is a sequence of *units*: the ``+++`` fences, the front-matter statements
(see :mod:`._hugo_toml_syntax`), and the content lines of the Markdown body after the
closing fence; each with the blank lines before it. Rendering writes the canonical units
from the records and joins them with the default blank runs; the layouts keep only what
differs (statement text, blank runs, the order of the page keys, a missing fence).
"""

from __future__ import annotations

import datetime as _dt
import re

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...text import normalize_space
from ._hugo_toml_items import ItemBuilder, entry_units
from ._hugo_toml_syntax import Raw, Unit, literal_or_basic, scan_units, trailing_blanks
from .records import Digest, DigestLayout

__all__ = ["parse_toml_digest", "render_toml_digest"]

_PREAMBLE_ROLES = frozenset({"fence", "page_title", "page_date", "preamble_extra"})
_PSEUDO_ROLES = frozenset({"no_fence", "unclosed"})
_DATE_RE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FENCE = "+++"


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None:
        return ()
    if role == "header":
        return ("",) if prev in _PREAMBLE_ROLES else ("", "")
    if role == "fence_close":
        return () if prev in _PREAMBLE_ROLES else ("",)
    if role == "trailer":
        return ("",) if prev == "fence_close" else ()
    return ()


def _canonical_preamble(d: Digest) -> list[str]:
    roles = ["fence"]
    if d.header is not None:
        roles.append("page_title")
    if d.date is not None:
        roles.append("page_date")
    return roles + ["preamble_extra"] * len(d.preamble_extra)


def _document(d: Digest, style: str) -> tuple[list[str], list[str]]:
    """Canonical units (texts and roles) of the whole document, layouts applied."""
    texts: list[str] = []
    roles: list[str] = []
    order = list(d.layout.preamble_order) or _canonical_preamble(d)
    extras = iter(d.preamble_extra)
    for role in order:
        if role in _PSEUDO_ROLES:
            continue
        if role == "fence":
            text = _FENCE
        elif role == "page_title":
            text = f"title = {literal_or_basic(d.header or '')}"
        elif role == "page_date":
            day = d.date.isoformat() if d.date is not None else ""
            text = f"date = {day}T00:00:00+08:00"
        else:
            text = next(extras, "")
        texts.append(text)
        roles.append(role)
    for entry in d.entries:
        more_texts, more_roles = entry_units(entry, style)
        texts += more_texts
        roles += [f"item:{r}" if r != "header" else r for r in more_roles]
    if "no_fence" not in order and "unclosed" not in order:
        texts.append(_FENCE)
        roles.append("fence_close")
    texts += d.trailer
    roles += ["trailer"] * len(d.trailer)
    return texts, roles


def render_toml_digest(d: Digest, style: str) -> str:
    """Write a TOML-layout digest back as text."""
    texts, roles = _document(d, style)
    verbatim = dict(d.layout.verbatim)
    gaps = dict(d.layout.gaps)
    parts: list[str] = []
    prev: str | None = None
    for index, (text, role) in enumerate(zip(texts, roles, strict=True)):
        gap = gaps.get(index)
        parts.extend(_default_gap(prev, role) if gap is None else gap)
        parts.append(verbatim.get(index, text))
        prev = role
    parts.extend(d.layout.tail)
    newline = d.layout.newline
    out = newline.join(parts)
    if newline != "\n":
        out = newline.join(p.replace("\n", newline) for p in parts)
    return ("\ufeff" + out) if d.layout.bom else out


def parse_toml_digest(
    text: str,
    diag: Diagnostics,
    *,
    dialect: str,
    style: str,
    languages: bool,
    bom: bool,
    encoding: str | None,
    keep_order: bool,
) -> Digest:
    """Parse a Hugo TOML file; ``keep_order`` always records the preamble roles."""
    crlf = text.count("\r\n")
    lf = text.count("\n")
    newline = "\r\n" if crlf and crlf == lf else "\n"
    if crlf and crlf != lf:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; each line keeps its own ending",
            line=1,
        )
    body = text.replace("\r\n", "\n") if newline == "\r\n" else text
    lines = body.split("\n")
    source: list[tuple[tuple[str, ...], str]] = []  # (gap, text) per unit
    preamble: list[str] = []
    values: dict[str, object] = {}
    preamble_extra: list[str] = []
    builders: list[ItemBuilder] = []
    trailer: list[str] = []

    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    body_from = 0
    if first < len(lines) and lines[first].strip() == _FENCE:
        preamble.append("fence")
        source.append((tuple(lines[:first]), lines[first]))
        close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == _FENCE), None)
        front = lines[first + 1 : close if close is not None else len(lines)]
        for gap, unit in scan_units(front, first + 2):
            _report_issues(unit, diag)
            if unit.kind == "array_table" and unit.key == "items":
                builders.append(ItemBuilder(unit, len(builders)))
            elif builders:
                builders[-1].add(unit, diag)
                source.append((gap, unit.text))
                continue
            else:
                preamble.append(_page_role(unit, values, preamble_extra, diag))
            source.append((gap, unit.text))
        if close is None:
            diag.report(
                DefectKind.TRUNCATED,
                "the front matter is not closed by a +++ line",
                line=len(lines),
            )
            preamble.append("unclosed")
            tail = trailing_blanks(front)
            body_from = len(lines)
        else:
            source.append((trailing_blanks(front), lines[close]))
            body_from = close + 1
            tail = ()
    else:
        preamble.append("no_fence")
        diag.report(
            DefectKind.SYNTAX,
            "no +++ front matter at the start (the text is kept as the body)",
            line=first + 1 if first < len(lines) else 1,
        )
        tail = ()
    pending: list[str] = []
    if body_from < len(lines) or "unclosed" not in preamble:
        for line in lines[body_from:]:
            if line.strip():
                source.append((tuple(pending), line))
                trailer.append(line)
                pending = []
            else:
                pending.append(line)
        tail = tuple(pending)
    entries = [b.build(diag, style, languages) for b in builders]
    digest = Digest(
        dialect=dialect,
        entries=tuple(entries),
        preamble_extra=tuple(preamble_extra),
        trailer=tuple(trailer),
        encoding=encoding,
        **values,  # type: ignore[arg-type]
    )
    order = tuple(preamble) if keep_order or preamble != _canonical_preamble(digest) else ()
    layout = DigestLayout(newline=newline, bom=bom, tail=tail, preamble_order=order)
    digest = attrs.evolve(digest, layout=layout)
    digest = _exact_layout(digest, source, style, diag)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _report_issues(unit: Unit, diag: Diagnostics) -> None:
    for message, line in unit.issues:
        diag.report(DefectKind.SYNTAX, message, line=line, snippet=unit.text.split("\n")[0])


def _page_role(unit: Unit, values: dict[str, object], extra: list[str], diag: Diagnostics) -> str:
    title = unit.value if unit.kind == "kv" and unit.key == "title" else None
    if isinstance(title, str) and "header" not in values:
        values["header"] = normalize_space(title)
        return "page_title"
    if unit.kind == "kv" and unit.key == "date" and "date" not in values:
        raw = unit.value.text if isinstance(unit.value, Raw) else unit.value
        m = _DATE_RE.match(raw) if isinstance(raw, str) else None
        day: _dt.date | None = None
        if m is not None:
            try:
                day = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                day = None
        if day is not None:
            values["date"] = day
            return "page_date"
        diag.report(
            DefectKind.BAD_DATE,
            "the page date is not a calendar date (kept as written)",
            line=unit.lineno,
            snippet=unit.text,
        )
    elif unit.kind not in ("kv", "comment"):
        diag.report(
            DefectKind.UNKNOWN_ELEMENT,
            "front-matter line not understood before the first item (kept as written)",
            line=unit.lineno,
            snippet=unit.text,
            where="preamble",
        )
    extra.append(unit.text)
    return "preamble_extra"


def _exact_layout(
    digest: Digest, source: list[tuple[tuple[str, ...], str]], style: str, diag: Diagnostics
) -> Digest:
    texts, roles = _document(digest, style)
    if len(texts) != len(source):  # a parser bug, not an input problem: say so loudly
        diag.report(
            DefectKind.INCONSISTENT,
            f"internal: {len(source)} units read but {len(texts)} would be written;"
            " the text will not round-trip exactly",
            line=1,
        )
    verbatim = tuple(
        (i, s) for i, ((_, s), t) in enumerate(zip(source, texts, strict=False)) if s != t
    )
    gaps = []
    prev: str | None = None
    for index, role in enumerate(roles):
        want = source[index][0] if index < len(source) else ()
        if want != _default_gap(prev, role):
            gaps.append((index, want))
        prev = role
    return attrs.evolve(
        digest, layout=attrs.evolve(digest.layout, gaps=tuple(gaps), verbatim=verbatim)
    )
