"""Private: what the dw dialect's JSONL and Markdown shapes share.

The *shape* says which of the generator's outputs a :class:`Digest` was read from, so the
renderer can write it back the same way. It is kept as the first element of
``DigestLayout.preamble_order`` (``"dw:md-fork"``), and only when it is not the default
shape (``jsonl-fork``): a digest built by hand renders as the fork's JSON lines.
"""

from __future__ import annotations

import ast
import datetime as _dt
import re

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ._common import is_placeholder
from .records import Digest

__all__ = [
    "AI_FAILURES",
    "DEFAULT_SHAPE",
    "SHAPES",
    "format_date",
    "is_missing",
    "join_keywords",
    "literal_strings",
    "parse_date",
    "placeholder",
    "preamble_roles",
    "report_repeats",
    "shape_of",
    "shape_token",
    "split_keywords",
]

#: Every shape the dialect reads and writes. ``+ascii`` marks JSON lines written with
#: ``\\uXXXX`` escapes (``json.dumps`` with ``ensure_ascii=True``).
SHAPES = (
    "jsonl-fork",
    "jsonl-fork+ascii",
    "jsonl-early",
    "jsonl-early+ascii",
    "md-fork",
    "md-main",
    "md-early",
)
DEFAULT_SHAPE = "jsonl-fork"
_PREFIX = "dw:"

#: Texts the generators write when the AI step failed or had nothing to say. They are
#: read as "no value" (None) with a placeholder defect; the exact text stays in the layout.
AI_FAILURES = frozenset(
    {
        "Error",
        "error",
        "ERROR",
        "错误：AI分析失败。",
        "错误：AI分析失败",
        "AI分析失败",
        "Not mentioned in abstract",
        "Not mentioned in abstract.",
        "Not mentioned in the abstract",
        "Not mentioned in the abstract.",
        "No concise summary available.",
        "Summary generation failed",
        "未提及",
        "摘要中未提及",
    }
)


def shape_of(digest: Digest) -> str:
    """The shape a digest of this dialect is written in."""
    order = digest.layout.preamble_order
    if order and order[0].startswith(_PREFIX) and order[0][len(_PREFIX) :] in SHAPES:
        return order[0][len(_PREFIX) :]
    return DEFAULT_SHAPE


def shape_token(shape: str) -> tuple[str, ...]:
    """The ``preamble_order`` prefix that records ``shape`` (empty for the default)."""
    return () if shape == DEFAULT_SHAPE else (_PREFIX + shape,)


def preamble_roles(digest: Digest) -> tuple[str, ...]:
    """``preamble_order`` without the shape token."""
    order = digest.layout.preamble_order
    if order and order[0].startswith(_PREFIX):
        return order[1:]
    return order


def is_missing(text: str | None) -> bool:
    """True for the texts that stand for "no value" (common placeholders, AI failures)."""
    return is_placeholder(text) or (text is not None and text.strip() in AI_FAILURES)


def placeholder(diag: Diagnostics, what: str, raw: object, *, line: int | None, where: str) -> None:
    """Report a value that stands for "no value"."""
    diag.report(
        DefectKind.PLACEHOLDER,
        f"{what} is a placeholder, read as no value",
        line=line,
        snippet="null" if raw is None else str(raw),
        where=where,
    )


def report_repeats(ids: list[tuple[ArxivId | None, int]], diag: Diagnostics) -> None:
    """Report papers listed more than once (early runs enhanced some papers twice)."""
    first: dict[ArxivId, int] = {}
    for index, (paper_id, line) in enumerate(ids, 1):
        if paper_id is None:
            continue
        key = paper_id.unversioned
        if key in first:
            diag.report(
                DefectKind.DUPLICATE_FIELD,
                f"paper listed again (first as entry {first[key]}); both entries are kept",
                line=line,
                snippet=str(paper_id),
                where=f"entry[{index}]",
            )
        else:
            first[key] = index


def literal_strings(text: str) -> list[str] | None:
    """A Python-repr list of strings (``"['cs.CV', 'cs.AI']"``), read safely; else None.

    Generators that format a list with ``str()`` write this; ``ast.literal_eval`` reads
    literals only (never code), and any failure, including absurd nesting, gives None.
    """
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


_KEYWORD_SPLIT = re.compile(r"\s*[,，、;；]\s*")


def split_keywords(text: str) -> tuple[str, ...]:
    """``"网络欺骗, 实验框架"`` -> ``("网络欺骗", "实验框架")`` (ASCII or full-width commas)."""
    return tuple(" ".join(k.split()) for k in _KEYWORD_SPLIT.split(text.strip()) if k.strip())


def join_keywords(keywords: tuple[str, ...]) -> str:
    """The canonical keyword list: ``", "``-separated."""
    return ", ".join(keywords)


def parse_date(text: str) -> _dt.datetime | None:
    """``2025-06-25`` (midnight UTC) or an ISO 8601 time (naive read as UTC), else None."""
    text = text.strip()
    try:
        if len(text) == 10:
            d = _dt.date.fromisoformat(text)
            return _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc)
        value = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=_dt.timezone.utc)
    return value


def format_date(value: _dt.datetime | None) -> str | None:
    """The inverse of :func:`parse_date`: a date alone when the time is midnight UTC."""
    if value is None:
        return None
    if value.hour == value.minute == value.second == value.microsecond == 0:
        return value.date().isoformat()
    return value.isoformat()
