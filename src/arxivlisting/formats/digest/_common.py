"""Private: helpers every digest dialect shares (language tags, placeholders)."""

from __future__ import annotations

import attrs

from ...lang import detect_language
from .records import DigestEntry

__all__ = ["PLACEHOLDERS", "is_placeholder", "tag_languages"]

#: Texts digests write where a value is missing; parsers map them to None with a defect.
PLACEHOLDERS = frozenset(
    {"", "null", "none", "None", "N/A", "n/a", "NA", "未知", "无", "暂无", "-", "—", "[]", "{}"}
)


def is_placeholder(text: str | None) -> bool:
    """True for None and for the texts digests use to mean "no value".

    >>> is_placeholder("未知"), is_placeholder("  "), is_placeholder("12 pages")
    (True, True, False)
    """
    return text is None or text.strip() in PLACEHOLDERS


def tag_languages(entry: DigestEntry) -> DigestEntry:
    """``entry`` with every free-text field tagged with its language.

    AI annotations are tagged under ``ai:<name>`` so they never collide with paper fields.
    """
    p = entry.paper
    tags = []
    for name, value in (
        ("title", p.title),
        ("title_zh", entry.title_zh),
        ("ai_summary", entry.ai_summary),
        ("comments", p.comments),
        ("abstract_zh", entry.abstract_zh),
        ("abstract", p.abstract),
        *((f"ai:{name}", text) for name, text in entry.ai_fields),
    ):
        lang = detect_language(value)
        if lang is not None:
            tags.append((name, lang))
    return attrs.evolve(entry, languages=tuple(tags))
