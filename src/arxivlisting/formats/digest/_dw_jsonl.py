"""Private: the dw dialect's JSON lines (``*_AI_enhanced_Chinese.jsonl``): parse and render.

One JSON object per line, as the crawler and the AI step write it with ``json.dumps``.
Two schemas are known (top-level keys in the order the generators write them):

* early: ``id pdf abs authors title categories comment summary AI``, ``AI`` holding
  ``task motivation method result conclusion`` (or ``tldr ...``);
* fork: ``id title authors summary comment pdf_url categories cate url date updated AI``,
  ``AI`` holding ``title_translation tldr motivation method result conclusion translation
  summary keywords comments``.

Mapping: the arXiv facts go to the :class:`Paper` (``pdf``/``pdf_url`` and ``abs``/``url``
become links, ``cate`` the primary category, ``date``/``updated`` UTC datetimes, a date
alone as midnight UTC; the fork's ``id`` is unversioned while its links name the version,
and the record keeps that version);
``AI.title_translation`` is ``title_zh``, ``AI.translation`` ``abstract_zh``,
``AI.summary`` ``ai_summary``, ``AI.keywords`` ``keywords``; every other string under
``AI`` is an ``ai_fields`` entry by its key, in source order. Keys nobody maps, and
non-string values under ``AI``, are kept in ``extra_fields`` as JSON text (``AI.``-prefixed
for those under ``AI``).

Exact round trips: an entry renders canonically as ``json.dumps`` would write it (the
schema's key order, then the ``AI`` keys in canonical order, then the extras). What differs
is kept in the entry's layout: ``order`` holds the key path sequence (``"AI.tldr"`` for keys
under ``AI``) when it differs, ``verbatim`` maps a key's position to its exact JSON value
text (abstracts keep their line breaks there), and position ``-1`` holds the whole line when
even that cannot reproduce it (other spacing, duplicate keys). Lines that are not JSON
objects are kept in the previous entry's ``extra`` (or ``preamble_extra`` before the first).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...records import Link, Paper
from ._common import tag_languages
from ._dw_common import (
    format_date,
    join_keywords,
    report_repeats,
    shape_of,
    shape_token,
)
from ._dw_jsonl_read import KNOWN, Reader, check_duplicates, read_ai, read_top
from ._lines import ContentLine, join_lines, split_text
from .records import Digest, DigestEntry, DigestLayout, EntryLayout

__all__ = ["SCHEMAS", "entry_line", "parse_jsonl", "render_jsonl"]

SCHEMAS: dict[str, tuple[str, ...]] = {
    "fork": (
        "id",
        "title",
        "authors",
        "summary",
        "comment",
        "pdf_url",
        "categories",
        "cate",
        "url",
        "date",
        "updated",
        "AI",
    ),
    "early": ("id", "pdf", "abs", "authors", "title", "categories", "comment", "summary", "AI"),
}
_FORK_ONLY = frozenset({"pdf_url", "url", "cate", "date", "updated"})
_WHOLE_LINE = -1


# -- canonical values -----------------------------------------------------------------


def _link(paper: Paper, pdf: bool) -> str | None:
    for link in paper.links:
        if (link.title == "pdf") if pdf else (link.rel == "alternate"):
            return link.href
    return None


def _link_version(paper_id: ArxivId, links: Sequence[Link]) -> int | None:
    """The version a link gives for ``paper_id`` (the abs link first), if any."""
    for link in sorted(links, key=lambda link: link.rel != "alternate"):
        linked = ArxivId.try_parse(link.href)
        if linked is not None and linked.version and linked.unversioned == paper_id.unversioned:
            return linked.version
    return None


def _id_text(p: Paper) -> str | None:
    """The ``id`` value: without the version when the links carry it (the fork's way)."""
    if p.id is None:
        return None
    if p.id.version is not None and _link_version(p.id, p.links) == p.id.version:
        return str(p.id.unversioned)
    return str(p.id)


def _extra(entry: DigestEntry, name: str) -> Any:
    for key, text in entry.extra_fields:
        if key == name:
            try:
                return json.loads(text)
            except ValueError:
                return text
    return None


def _value(entry: DigestEntry, token: str) -> Any:
    """The canonical JSON value of ``token`` (a top-level key or ``AI.key``)."""
    p = entry.paper
    if token.startswith("AI."):
        key = token[3:]
        if key == "title_translation":
            return entry.title_zh
        if key == "translation":
            return entry.abstract_zh
        if key == "summary":
            return entry.ai_summary
        if key == "keywords":
            return join_keywords(entry.keywords) if entry.keywords else None
        value = entry.ai_field(key)
        return value if value is not None else _extra(entry, token)
    getter = _TOP_VALUES.get(token)
    return getter(p) if getter is not None else _extra(entry, token)


_TOP_VALUES: dict[str, Callable[[Paper], Any]] = {
    "id": _id_text,
    "title": lambda p: p.title,
    "authors": lambda p: [a.name for a in p.authors],
    "summary": lambda p: p.abstract,
    "comment": lambda p: p.comments,
    "pdf": lambda p: _link(p, True),
    "pdf_url": lambda p: _link(p, True),
    "abs": lambda p: _link(p, False),
    "url": lambda p: _link(p, False),
    "categories": lambda p: list(p.categories),
    "cate": lambda p: p.primary_category,
    "date": lambda p: format_date(p.published),
    "updated": lambda p: format_date(p.updated),
}


def canonical_tokens(entry: DigestEntry, schema: str) -> list[str]:
    """The key paths an entry is written with when its layout says nothing."""
    tokens: list[str] = []
    extras = [name for name, _ in entry.extra_fields]
    for key in SCHEMAS[schema]:
        tokens.append(key)
        if key == "AI":
            tokens.extend(_canonical_ai(entry, extras))
    tokens.extend(n for n in extras if not n.startswith("AI.") and n not in tokens)
    return tokens


def _canonical_ai(entry: DigestEntry, extras: list[str]) -> list[str]:
    out = ["AI.title_translation"] if entry.title_zh is not None else []
    out += [f"AI.{n}" for n, _ in entry.ai_fields if n != "comments"]
    for key, present in (
        ("translation", entry.abstract_zh is not None),
        ("summary", entry.ai_summary is not None),
        ("keywords", bool(entry.keywords)),
        ("comments", entry.ai_field("comments") is not None),
    ):
        if present:
            out.append(f"AI.{key}")
    out += [n for n in extras if n.startswith("AI.") and n not in out]
    return out


# -- rendering --------------------------------------------------------------------------


def _dumper(ascii_only: bool) -> Callable[[Any], str]:
    """``json.dumps`` with the file's escaping; strings (most values) take the C fast path."""
    quote = encode_basestring_ascii if ascii_only else encode_basestring
    encode = json.JSONEncoder(ensure_ascii=ascii_only).encode

    def dumps(value: Any) -> str:
        return quote(value) if type(value) is str else encode(value)

    return dumps


_DUMPS = {False: _dumper(False), True: _dumper(True)}
_ENCODERS = {
    False: json.JSONEncoder(ensure_ascii=False).encode,
    True: json.JSONEncoder(ensure_ascii=True).encode,
}


def entry_line(entry: DigestEntry, schema: str, ascii_only: bool) -> str:
    """One entry as its JSON line (its layout applied)."""
    layout = entry.layout
    verbatim = dict(layout.verbatim)
    whole = verbatim.get(_WHOLE_LINE)
    if whole is not None:
        return whole
    tokens = layout.order or canonical_tokens(entry, schema)
    dumps = _DUMPS[ascii_only]
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "AI":
            j = i + 1
            children = []
            while j < len(tokens) and tokens[j].startswith("AI."):
                text = verbatim.get(j)
                if text is None:
                    text = dumps(_value(entry, tokens[j]))
                children.append(f"{dumps(tokens[j][3:])}: {text}")
                j += 1
            body = verbatim.get(i)
            if body is None:
                body = "{" + ", ".join(children) + "}"
            parts.append(f'"AI": {body}')
            i = j
            continue
        text = verbatim.get(i)
        if text is None:
            text = dumps(_value(entry, token))
        parts.append(f"{dumps(token)}: {text}")
        i += 1
    return "{" + ", ".join(parts) + "}"


def render_jsonl(digest: Digest) -> str:
    """Write a digest as JSON lines in its shape."""
    shape = shape_of(digest)
    schema = "early" if shape.startswith("jsonl-early") else "fork"
    ascii_only = shape.endswith("+ascii")
    lines = list(digest.preamble_extra)
    for entry in digest.entries:
        lines.append(entry_line(entry, schema, ascii_only))
        lines.extend(entry.layout.extra)
    layout = digest.layout
    text = join_lines(
        lines,
        ["line"] * len(lines),
        lambda _prev, _role: (),
        dict(layout.gaps),
        layout.tail,
        layout.newline,
    )
    return ("\ufeff" + text) if layout.bom else text


# -- parsing ----------------------------------------------------------------------------


def _schema_of(obj: dict[str, Any]) -> str:
    return "fork" if _FORK_ONLY.intersection(obj) else "early"


def parse_jsonl(
    text: str,
    diag: Diagnostics,
    *,
    languages: bool,
    bom: bool,
    encoding: str | None,
) -> Digest:
    """Parse dw JSON lines (already decoded, BOM removed) into a :class:`Digest`."""
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; each line keeps its own ending",
            line=1,
        )
    ascii_only = text.isascii() and "\\u" in text
    schema: str | None = None
    entries: list[DigestEntry] = []
    ids: list[tuple[ArxivId | None, int]] = []
    extras: list[list[str]] = []  # lines kept after each entry
    preamble: list[str] = []
    loads = json.loads
    for content in split.lines:
        line = content.text
        try:
            obj = loads(line)
        except (ValueError, RecursionError) as exc:
            last = content is split.lines[-1]
            diag.report(
                DefectKind.TRUNCATED
                if last and line.lstrip().startswith("{")
                else DefectKind.SYNTAX,
                f"not a JSON line ({exc.__class__.__name__}); kept as written",
                line=content.lineno,
                snippet=line,
                where=f"line[{content.lineno}]",
            )
            (extras[-1] if extras else preamble).append(line)
            continue
        if not isinstance(obj, dict):
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "a JSON line that is not an object; kept as written",
                line=content.lineno,
                snippet=line,
                where=f"line[{content.lineno}]",
            )
            (extras[-1] if extras else preamble).append(line)
            continue
        if schema is None:
            schema = _schema_of(obj)
        entry = _entry(obj, content, len(entries) + 1, schema, ascii_only, diag)
        if languages:
            entry = tag_languages(entry)
        entries.append(entry)
        ids.append((entry.paper.id, content.lineno))
        extras.append([])
    report_repeats(ids, diag)
    entries = [
        attrs.evolve(e, layout=attrs.evolve(e.layout, extra=tuple(x))) if x else e
        for e, x in zip(entries, extras, strict=True)
    ]
    shape = f"jsonl-{schema or 'fork'}" + ("+ascii" if ascii_only else "")
    gaps = tuple((i, g) for i, g in enumerate(split.gaps) if g)
    tail = () if text == "" else split.tail
    layout = DigestLayout(
        newline=split.newline,
        bom=bom,
        gaps=gaps,
        tail=tail,
        preamble_order=shape_token(shape),
    )
    return Digest(
        dialect="dw",
        entries=tuple(entries),
        preamble_extra=tuple(preamble),
        layout=layout,
        encoding=encoding,
        defects=tuple(diag.defects),
    )


def _entry(
    obj: dict[str, Any],
    content: ContentLine,
    index: int,
    schema: str,
    ascii_only: bool,
    diag: Diagnostics,
) -> DigestEntry:
    r = Reader(diag, content.lineno, index)
    paper: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    links: list[Link] = []
    ai_fields: list[tuple[str, str]] = []
    extra_fields: list[tuple[str, str]] = []
    tokens: list[str] = []
    raws: list[Any] = []
    for key, raw in obj.items():
        tokens.append(key)
        raws.append(raw)
        if key == "AI":
            read_ai(r, raw, fields, ai_fields, extra_fields, tokens, raws)
        elif key in KNOWN:
            read_top(r, key, raw, paper, links)
        else:
            extra_fields.append((key, json.dumps(raw, ensure_ascii=False)))
    paper_id = paper.pop("id", None)
    if paper_id is not None and paper_id.version is None:
        # The fork's "id" is unversioned but its links name the version: keep it.
        version = _link_version(paper_id, links)
        if version is not None:
            paper_id = paper_id.with_version(version)
    entry = DigestEntry(
        paper=Paper(paper_id, links=tuple(links), **paper),
        ai_fields=tuple(ai_fields),
        extra_fields=tuple(extra_fields),
        **fields,
    )
    canonical = canonical_tokens(entry, schema)
    order = () if tokens == canonical else tuple(tokens)
    verbatim: list[tuple[int, str]] = []
    for i, (token, raw) in enumerate(zip(tokens, raws, strict=True)):
        if token == "AI" and isinstance(raw, dict):
            continue
        want = {} if token == "AI" else _value(entry, token)
        if type(raw) is not type(want) or raw != want:
            verbatim.append((i, _DUMPS[ascii_only](raw)))
    layout = EntryLayout(order=order, verbatim=tuple(verbatim))
    if layout != EntryLayout():
        entry = attrs.evolve(entry, layout=layout)
    # Rendering writes each value as json.dumps writes it: the verbatim texts above are
    # dumps of the source values, and every other value equals its source value (same
    # type). So the entry renders as json.dumps(obj), which is checked here in C.
    # (A top-level key spelled "AI.x" would read back as a key under "AI": kept whole.)
    if _ENCODERS[ascii_only](obj) != content.text or any(k.startswith("AI.") for k in obj):
        check_duplicates(content, r)
        entry = attrs.evolve(entry, layout=EntryLayout(verbatim=((_WHOLE_LINE, content.text),)))
    return entry
