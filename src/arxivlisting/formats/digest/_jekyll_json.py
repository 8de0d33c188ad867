"""Private: the jekyll generator's source data, ``data/<day>/ai_summary.json``.

``{"papers": [{…}, …]}``, written by ``json.dump(…, ensure_ascii=False, indent=4)``. Each
paper object has the arXiv facts (``title``, ``authors``, ``arxiv_id`` with version,
``summary``, ``categories``, ``primary_category``, ``published``, ``updated``, ``comment``,
``doi``, ``journal_ref``, ``pdf_url``, ``code_links``) and the AI's output
(``headline_zh``, ``summary_zh``, ``intro_zh``, ``method_zh``, ``application_zh``,
``highlight_zh``, ``tags_zh``) plus bookkeeping (``matched_interests``,
``relevance_score``, ``hit_pillars``, ``_index``, ``_used_api``).

Records: ``headline_zh`` is ``ai_summary``, ``summary_zh`` ``abstract_zh``, ``tags_zh``
``keywords``; ``ai_fields`` hold ``intro`` (one per point), ``method`` (one per
paragraph: the generator escapes its newlines twice, so paragraphs are split at the
literal ``\\n``), ``application`` and ``highlight``; ``code_links`` become related
``Paper.links`` (title = link type); the bookkeeping keys and unknown keys go to
``extra_fields`` (numbers as their text, ``_used_api`` as is, structured values as
compact JSON). Dates are the day at 00:00 UTC. Empty strings are missing values
(``placeholder`` defects).

Some versions of the generator store list-valued fields as their Python repr
(``"['cs.CV']"``) and numbers as text (``"18.0"``): they are read (``ast.literal_eval``,
guarded) into the same records, and the exact value is kept per key in the entry's
layout (``verbatim``: key index → the value's JSON text; ``order``: the key order when
it differs), so the file is written back byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...records import Link, Paper
from ...text import normalize_space
from ._common import is_placeholder, tag_languages
from ._jekyll_common import (
    JSON,
    as_list,
    as_number,
    dumps,
    extra_value,
    keep_whole_text,
    midnight,
    parse_date,
    read_id,
    shape_token,
    whole_text,
)
from .records import Digest, DigestEntry, DigestLayout, EntryLayout

__all__ = ["parse_json", "render_json"]

#: The generator's keys, in its order.
KEYS = (
    "title",
    "authors",
    "arxiv_id",
    "summary",
    "categories",
    "primary_category",
    "published",
    "updated",
    "comment",
    "doi",
    "journal_ref",
    "pdf_url",
    "code_links",
    "matched_interests",
    "relevance_score",
    "hit_pillars",
    "headline_zh",
    "summary_zh",
    "intro_zh",
    "method_zh",
    "application_zh",
    "highlight_zh",
    "tags_zh",
    "_index",
    "_used_api",
)
#: Keys kept in ``extra_fields`` (written only when present there).
EXTRA_KEYS = ("matched_interests", "relevance_score", "hit_pillars", "_index", "_used_api")
_METHOD_SPLIT = re.compile(r"(?:\\n|\n)+")
_METHOD_JOIN = "\\n\\n"


# -- canonical values ---------------------------------------------------------------


def _ai(entry: DigestEntry, name: str) -> list[str]:
    return [value for key, value in entry.ai_fields if key == name]


def _date(value: Any) -> str:
    return value.date().isoformat() if value is not None else ""


def _extra_json(entry: DigestEntry, key: str) -> Any:
    text = extra_value(entry, key)
    if key == "relevance_score":
        return as_number(text)
    if key == "_index":
        return int(text) if text is not None and text.lstrip("-").isdigit() else text
    if key == "_used_api":
        return text
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return text


def canonical_value(entry: DigestEntry, key: str) -> Any:
    """The value the generator would write for ``key`` given the records."""
    p = entry.paper
    pdf = [link.href for link in p.links if link.title == "pdf"]
    values: dict[str, Callable[[], Any]] = {
        "title": lambda: p.title or "",
        "authors": lambda: [a.name for a in p.authors],
        "arxiv_id": lambda: str(p.id) if p.id is not None else "",
        "summary": lambda: p.abstract or "",
        "categories": lambda: list(p.categories),
        "primary_category": lambda: p.primary_category or "",
        "published": lambda: _date(p.published),
        "updated": lambda: _date(p.updated),
        "comment": lambda: p.comments or "",
        "doi": lambda: " ".join(p.dois),
        "journal_ref": lambda: p.journal_ref or "",
        "pdf_url": lambda: pdf[0] if pdf else "",
        "code_links": lambda: [
            {"url": link.href, "type": link.title} for link in p.links if link.rel == "related"
        ],
        "headline_zh": lambda: entry.ai_summary or "",
        "summary_zh": lambda: entry.abstract_zh or "",
        "intro_zh": lambda: _ai(entry, "intro"),
        "method_zh": lambda: _METHOD_JOIN.join(_ai(entry, "method")),
        "application_zh": lambda: " ".join(_ai(entry, "application")),
        "highlight_zh": lambda: " ".join(_ai(entry, "highlight")),
        "tags_zh": lambda: list(entry.keywords),
    }
    if key in values:
        return values[key]()
    return _extra_json(entry, key)


def canonical_keys(entry: DigestEntry) -> list[str]:
    """The keys the generator writes for ``entry``, in its order."""
    present = {k for k, _ in entry.extra_fields}
    keys = [k for k in KEYS if k not in EXTRA_KEYS or k in present]
    keys += [k for k, _ in entry.extra_fields if k not in KEYS and k not in keys]
    return keys


def paper_object(entry: DigestEntry) -> dict[str, Any]:
    """The JSON object of one paper, the entry's layout applied."""
    keys = list(entry.layout.order) if entry.layout.order else canonical_keys(entry)
    verbatim = dict(entry.layout.verbatim)
    obj: dict[str, Any] = {}
    for index, key in enumerate(keys):
        if index in verbatim:
            try:
                obj[key] = json.loads(verbatim[index])
            except ValueError:
                obj[key] = verbatim[index]
        else:
            obj[key] = canonical_value(entry, key)
    return obj


def render_json(d: Digest) -> str:
    """The JSON text (without a BOM)."""
    kept = whole_text(d)
    if kept is not None:
        return kept
    top: dict[str, Any] = {}
    for text in d.preamble_extra:
        key, value = json.loads(text)
        top[key] = value
    top["papers"] = [paper_object(e) for e in d.entries]
    for text in d.trailer:
        key, value = json.loads(text)
        top[key] = value
    body = json.dumps(top, ensure_ascii=False, indent=4)
    return d.layout.newline.join(body.split("\n")) + d.layout.newline.join(("", *d.layout.tail))


# -- parsing ------------------------------------------------------------------------


def parse_json(
    text: str, diag: Diagnostics, *, languages: bool, bom: bool, encoding: str | None
) -> Digest:
    """Parse the JSON source data into a :class:`Digest` (one entry per paper)."""
    layout = DigestLayout(bom=bom, preamble_order=shape_token(JSON))
    stripped = text.rstrip("\r\n")
    tail_text = text[len(stripped) :]
    newline = "\r\n" if "\r\n" in text else "\n"
    tail = tuple("" for _ in range(tail_text.count("\n")))
    layout = attrs.evolve(layout, newline=newline, tail=tail)
    empty = Digest("jekyll", encoding=encoding, layout=layout)
    try:
        top = json.loads(text)
    except (ValueError, RecursionError) as exc:
        diag.report(DefectKind.SYNTAX, f"not valid JSON: {exc}", line=1, snippet=text[:80])
        return keep_whole_text(empty, text, render_json, diag)
    papers = top.get("papers") if isinstance(top, dict) else None
    if not isinstance(papers, list):
        diag.report(
            DefectKind.SYNTAX, 'expected {"papers": [...]} at the top level', line=1, where="json"
        )
        return keep_whole_text(empty, text, render_json, diag)
    keys = list(top)
    at = keys.index("papers")
    preamble = tuple(dumps([k, top[k]]) for k in keys[:at])
    trailer = tuple(dumps([k, top[k]]) for k in keys[at + 1 :])
    lines = _paper_lines(text, len(papers))
    entries = []
    for i, obj in enumerate(papers):
        if not isinstance(obj, dict):
            diag.report(
                DefectKind.SYNTAX, "a paper that is not a JSON object", where=f"papers[{i}]"
            )
            continue
        entry = _entry(obj, diag, f"papers[{i}]", lines[i] if lines else None)
        entries.append(tag_languages(entry) if languages else entry)
    digest = Digest(
        "jekyll",
        entries=tuple(entries),
        preamble_extra=preamble,
        trailer=trailer,
        encoding=encoding,
        layout=layout,
    )
    return keep_whole_text(digest, text, render_json, diag)


def _paper_lines(text: str, count: int) -> list[int] | None:
    """Line numbers of each paper's ``arxiv_id`` key (None when they cannot be told)."""
    found = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"arxiv_id"\s*:', text)]
    return found if len(found) == count else None


class _Reader:
    """Reads one paper object's values, reporting what is missing or malformed."""

    def __init__(
        self, obj: dict[str, Any], diag: Diagnostics, where: str, line: int | None
    ) -> None:
        self.obj = obj
        self.diag = diag
        self.where = where
        self.line = line

    def report(self, kind: DefectKind, key: str, message: str) -> None:
        snippet = dumps(self.obj.get(key))
        self.diag.report(
            kind, message, line=self.line, snippet=snippet, where=f"{self.where}.{key}"
        )

    def text(self, key: str) -> str | None:
        if key not in self.obj:
            return None
        value = self.obj[key]
        if value is None or (isinstance(value, str) and is_placeholder(value)):
            self.report(DefectKind.PLACEHOLDER, key, f"{key} holds no value (read as missing)")
            return None
        if not isinstance(value, str):
            self.report(DefectKind.UNKNOWN_ELEMENT, key, f"{key} is not text (kept as written)")
            return None
        return normalize_space(value)

    def items(self, key: str) -> list[Any]:
        if key not in self.obj:
            return []
        value, from_repr = as_list(self.obj[key])
        if value is None:
            raw = self.obj[key]
            if raw is None or (isinstance(raw, str) and is_placeholder(raw)):
                self.report(DefectKind.PLACEHOLDER, key, f"{key} holds no value (read as empty)")
            else:
                self.report(DefectKind.SYNTAX, key, f"{key} is not a list (kept as written)")
            return []
        if from_repr and not value:
            self.report(DefectKind.PLACEHOLDER, key, f"{key} is an empty list written as text")
        return value

    def strings(self, key: str) -> list[str]:
        out = []
        for item in self.items(key):
            if not isinstance(item, str):
                self.report(DefectKind.UNKNOWN_ELEMENT, key, f"an item of {key} is not text")
            elif is_placeholder(item):
                self.report(DefectKind.PLACEHOLDER, key, f"an item of {key} holds no value")
            else:
                out.append(normalize_space(item))
        return out

    def date(self, key: str) -> Any:
        value = self.text(key)
        if value is None:
            return None
        day = parse_date(value)
        if day is None:
            self.report(DefectKind.BAD_DATE, key, f"{key} is not a YYYY-MM-DD date")
            return None
        return midnight(day)


def _entry(obj: dict[str, Any], diag: Diagnostics, where: str, line: int | None) -> DigestEntry:
    r = _Reader(obj, diag, where, line)
    paper_id = None
    id_text = r.text("arxiv_id")
    if id_text is not None:
        paper_id = read_id(id_text)
        if paper_id is None:
            r.report(DefectKind.BAD_ID, "arxiv_id", "arxiv_id is not an arXiv identifier")
    categories = r.strings("categories")
    primary = r.text("primary_category")
    if primary is not None and primary in categories:
        categories.remove(primary)
        categories.insert(0, primary)
    links = []
    pdf = r.text("pdf_url")
    if pdf is not None:
        links.append(Link(pdf, type="application/pdf", title="pdf"))
    for item in r.items("code_links"):
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            kind = item.get("type")
            links.append(
                Link(item["url"], rel="related", title=kind if isinstance(kind, str) else None)
            )
        else:
            r.report(DefectKind.UNKNOWN_ELEMENT, "code_links", "a code link without a url")
    doi = r.text("doi")
    paper = Paper(
        id=paper_id,
        title=r.text("title"),
        authors=tuple(new_author(n) for n in r.strings("authors")),
        abstract=r.text("summary"),
        comments=r.text("comment"),
        journal_ref=r.text("journal_ref"),
        dois=tuple(doi.split()) if doi else (),
        categories=tuple(categories),
        primary_category=primary,
        published=r.date("published"),
        updated=r.date("updated"),
        links=tuple(links),
    )
    ai_fields = [("intro", item) for item in r.strings("intro_zh")]
    method = r.text("method_zh")
    if method is not None:
        ai_fields += [
            ("method", normalize_space(p)) for p in _METHOD_SPLIT.split(method) if p.strip()
        ]
    for key, name in (("application_zh", "application"), ("highlight_zh", "highlight")):
        value = r.text(key)
        if value is not None:
            ai_fields.append((name, value))
    entry = DigestEntry(
        paper=paper,
        abstract_zh=r.text("summary_zh"),
        ai_summary=r.text("headline_zh"),
        ai_fields=tuple(ai_fields),
        keywords=tuple(r.strings("tags_zh")),
        extra_fields=tuple(_extras(obj, r)),
    )
    return _exact(entry, obj)


def _extras(obj: dict[str, Any], r: _Reader) -> list[tuple[str, str]]:
    out = []
    for key, value in obj.items():
        if key in KEYS and key not in EXTRA_KEYS:
            continue
        if key == "relevance_score":
            number = as_number(value)
            if number is None:
                r.report(DefectKind.BAD_NUMBER, key, "relevance_score is not a number")
                continue
            out.append((key, repr(number)))
        elif key == "_index" and (number := as_number(value)) is not None and number.is_integer():
            out.append((key, str(int(number))))
        elif key == "_used_api" and isinstance(value, str):
            out.append((key, value))
        elif key in ("matched_interests", "hit_pillars"):
            items, _ = as_list(value)
            out.append((key, dumps(items if items is not None else value)))
        else:
            out.append((key, dumps(value)))
    return out


def _exact(entry: DigestEntry, obj: dict[str, Any]) -> DigestEntry:
    keys = list(obj)
    order: tuple[str, ...] = () if keys == canonical_keys(entry) else tuple(keys)
    probe = attrs.evolve(entry, layout=EntryLayout(order=order))
    verbatim = []
    for index, key in enumerate(keys):
        want = dumps(obj[key])
        if want != dumps(canonical_value(probe, key)):
            verbatim.append((index, want))
    return attrs.evolve(probe, layout=EntryLayout(order=order, verbatim=tuple(verbatim)))
