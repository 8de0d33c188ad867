"""Private: reading the values of one dw JSON line into record fields (see ``_dw_jsonl``).

Every value is checked for its type; placeholders (``null``, ``""``, failed-AI texts)
become None with a defect; lists may come as JSON lists, Python-repr strings (read with
``ast.literal_eval``) or comma-separated text.
"""

from __future__ import annotations

import json
from typing import Any

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...records import Link
from ...text import normalize_space
from ._dw_common import is_missing, literal_strings, parse_date, placeholder, split_keywords
from ._lines import ContentLine

__all__ = ["AI_OWN", "KNOWN", "Reader", "check_duplicates", "read_ai", "read_top"]

#: Top-level keys with a field of their own (either schema).
KNOWN = frozenset(
    {
        "id",
        "title",
        "authors",
        "summary",
        "comment",
        "pdf",
        "abs",
        "pdf_url",
        "url",
        "categories",
        "cate",
        "date",
        "updated",
        "AI",
    }
)
#: ``AI`` keys with a field of their own (the rest are ``ai_fields``).
AI_OWN = ("title_translation", "translation", "summary", "keywords")


class Reader:
    """Turns one JSON object into record fields, reporting what it cannot use."""

    def __init__(self, diag: Diagnostics, line: int, index: int) -> None:
        self.diag = diag
        self.line = line
        self.where = f"entry[{index}]"

    def report(self, kind: DefectKind, message: str, key: str, raw: Any) -> None:
        snippet = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
        self.diag.report(
            kind, message, line=self.line, snippet=snippet, where=f"{self.where}/{key}"
        )

    def text(self, key: str, raw: Any) -> str | None:
        if isinstance(raw, str):
            if not is_missing(raw):
                return normalize_space(raw)
        elif raw is not None:
            self.report(DefectKind.UNKNOWN_ELEMENT, f"{key} is not a string", key, raw)
            return None
        placeholder(self.diag, key, raw, line=self.line, where=f"{self.where}/{key}")
        return None

    def strings(self, key: str, raw: Any) -> list[str]:
        """A list of strings: a JSON list, a Python-repr list, or comma-separated text."""
        if isinstance(raw, str) and raw.strip().startswith("["):
            listed = literal_strings(raw)
            if listed is None:
                self.report(DefectKind.SYNTAX, f"{key} is a broken list literal", key, raw)
                return []
            raw = listed
        if isinstance(raw, str):
            sep = "," if key == "authors" else None
            return [normalize_space(s) for s in raw.split(sep) if s.strip()]
        if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
            if raw is None:
                placeholder(self.diag, key, raw, line=self.line, where=f"{self.where}/{key}")
            else:
                self.report(DefectKind.UNKNOWN_ELEMENT, f"{key} is not a list of strings", key, raw)
            return []
        out = [normalize_space(s) for s in raw if not is_missing(s)]
        if not out or len(out) != len(raw):
            placeholder(self.diag, key, raw, line=self.line, where=f"{self.where}/{key}")
        return out


def read_top(r: Reader, key: str, raw: Any, paper: dict[str, Any], links: list[Link]) -> None:
    if key == "id":
        if isinstance(raw, str) and not is_missing(raw):
            paper_id = ArxivId.try_parse(raw)
            if paper_id is None:
                r.report(DefectKind.BAD_ID, "not an arXiv identifier", key, raw)
            paper["id"] = paper_id
        else:
            r.text(key, raw)
    elif key in ("title", "summary", "comment"):
        name = {"title": "title", "summary": "abstract", "comment": "comments"}[key]
        paper[name] = r.text(key, raw)
    elif key == "authors":
        paper["authors"] = tuple(new_author(name) for name in r.strings(key, raw))
    elif key == "categories":
        paper["categories"] = tuple(r.strings(key, raw))
    elif key == "cate":
        paper["primary_category"] = r.text(key, raw)
    elif key in ("pdf", "pdf_url", "abs", "url"):
        href = r.text(key, raw)
        if href is not None:
            pdf = key.startswith("pdf")
            links.append(
                Link(href, rel="related" if pdf else "alternate", title="pdf" if pdf else None)
            )
    elif key in ("date", "updated"):
        text = r.text(key, raw)
        value = parse_date(text) if text is not None else None
        if text is not None and value is None:
            r.report(DefectKind.BAD_DATE, f"{key} is not an ISO date", key, raw)
        paper["published" if key == "date" else "updated"] = value


def read_ai(
    r: Reader,
    raw: Any,
    fields: dict[str, Any],
    ai_fields: list[tuple[str, str]],
    extra_fields: list[tuple[str, str]],
    tokens: list[str],
    raws: list[Any],
) -> None:
    if not isinstance(raw, dict):
        if raw is None:
            placeholder(r.diag, "AI", raw, line=r.line, where=f"{r.where}/AI")
        else:
            r.report(DefectKind.UNKNOWN_ELEMENT, "AI is not an object (kept as written)", "AI", raw)
        return
    if not raw:
        placeholder(r.diag, "AI", raw, line=r.line, where=f"{r.where}/AI")
    for key, value in raw.items():
        tokens.append(f"AI.{key}")
        raws.append(value)
        if key == "keywords":
            if isinstance(value, list):
                kws = tuple(r.strings(f"AI.{key}", value))
            else:
                text = r.text(f"AI.{key}", value)
                kws = split_keywords(text) if text is not None else ()
            fields["keywords"] = kws
        elif key in AI_OWN:
            name = {"title_translation": "title_zh", "translation": "abstract_zh"}.get(
                key, "ai_summary"
            )
            fields[name] = r.text(f"AI.{key}", value)
        elif isinstance(value, str) or value is None:
            text = r.text(f"AI.{key}", value)
            if text is not None:
                ai_fields.append((key, text))
        else:
            extra_fields.append((f"AI.{key}", json.dumps(value, ensure_ascii=False)))


def check_duplicates(content: ContentLine, r: Reader) -> None:
    """Report keys given twice in one object (json.loads keeps only the last)."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                r.report(
                    DefectKind.DUPLICATE_FIELD,
                    "key given twice; the last value is used (the line is kept as written)",
                    key,
                    key,
                )
            seen.add(key)
        return dict(pairs)

    try:
        json.loads(content.text, object_pairs_hook=hook)
    except (ValueError, RecursionError):  # pragma: no cover - it parsed a moment ago
        return
