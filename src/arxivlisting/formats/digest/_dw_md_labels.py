"""Private: the labels and line templates of the dw dialect's Markdown generations.

Which label means which field (in any spelling), how each shape spells it, and which lines
each shape's generator writes for every entry (see ``_dw_md_entry``).
"""

from __future__ import annotations

import re

__all__ = ["FORK_LABELS", "LABELS", "PLAIN_LABELS", "TEMPLATES", "label_role", "slug"]

_LABEL_RE = re.compile(
    r"(?:>\s*)?(?:\*\*([^*]{1,40}?)\s*[:：]\s*\*\*|\*\*([^*]{1,40}?)\*\*\s*[:：]"
    r"|([A-Za-z][A-Za-z _;/-]{0,30}?|[\u4e00-\u9fff]{2,8})\s*[:：])\s?(.*)",
    re.DOTALL,
)

#: Label (lower case) -> role.
LABELS = {
    "task": "ai:task",
    "tl;dr": "ai:tldr",
    "tldr": "ai:tldr",
    "motivation": "ai:motivation",
    "method": "ai:method",
    "result": "ai:result",
    "conclusion": "ai:conclusion",
    "abstract": "abstract",
    "keywords": "keywords",
    "comment": "comment",
    "comments": "comment",
    "ai_comments": "ai:comments",
    "ai_abstract": "ai_summary",
    "摘要翻译": "abstract_zh",
    "中文摘要": "abstract_zh",
    "original abstract": "abstract",
    "innovation snapshot": "ai:tldr",
    "main category": "main_category",
}
FORK_LABELS = {
    "ai:task": "**Task:** ",
    "ai:tldr": "> **TL;DR:** ",
    "ai:motivation": "**Motivation:** ",
    "ai:method": "**Method:** ",
    "ai:result": "**Result:** ",
    "ai:conclusion": "**Conclusion:** ",
    "abstract": "**Abstract:** ",
    "keywords": "**Keywords:** ",
    "comment": "**Comment:** ",
    "ai:comments": "**AI_Comments:** ",
    "ai_summary": "> **ai_Abstract:** ",
    "abstract_zh": "> **摘要翻译:** ",
    "main_category": "**Main category:** ",
}
PLAIN_LABELS = {
    "ai:task": "Task: ",
    "ai:tldr": "TL;DR: ",
    "ai:motivation": "Motivation: ",
    "ai:method": "Method: ",
    "ai:result": "Result: ",
    "ai:conclusion": "Conclusion: ",
    "abstract": "Abstract: ",
    "keywords": "Keywords: ",
    "comment": "Comment: ",
    "ai:comments": "AI_Comments: ",
    "ai_summary": "ai_Abstract: ",
    "abstract_zh": "摘要翻译: ",
    "main_category": "Main category: ",
}
#: The lines each shape's generator writes for every entry, in order.
TEMPLATES = {
    "md-fork": (
        "heading",
        "title_zh",
        "authors",
        "keywords",
        "comment",
        "ai:tldr",
        "ai:comments",
        "details",
        "summary_tag",
        "ai:motivation",
        "ai:method",
        "ai:result",
        "ai:conclusion",
        "ai_summary",
        "abstract_zh",
        "details_end",
        "backlink",
        "rule",
    ),
    "md-main": (
        "heading",
        "authors",
        "main_category",
        "ai:tldr",
        "details",
        "summary_tag",
        "ai:motivation",
        "ai:method",
        "ai:result",
        "ai:conclusion",
        "abstract",
        "details_end",
    ),
    "md-early": (
        "heading",
        "authors",
        "ai:task",
        "ai:motivation",
        "details",
        "summary_tag",
        "ai:method",
        "ai:result",
        "ai:conclusion",
        "abstract",
        "details_end",
    ),
}


def slug(title: str) -> str:
    """The anchor GitHub-style Markdown gives a heading: ``cs.CR`` -> ``cscr``."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def label_role(text: str) -> tuple[str, str] | None:
    """``(role, value)`` when ``text`` is a known labelled line."""
    m = _LABEL_RE.fullmatch(text)
    if m is None:
        return None
    label = (m.group(1) or m.group(2) or m.group(3) or "").strip().lower()
    role = LABELS.get(label)
    return (role, m.group(4)) if role is not None else None
