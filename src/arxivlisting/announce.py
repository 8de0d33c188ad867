"""How a paper appears in an announcement: new, cross-list, replacement...

Shared by listing pages, RSS feeds and digests.

>>> AnnounceType("replace-cross").is_replacement
True
>>> AnnounceType.from_label("交叉提交")
<AnnounceType.CROSS: 'cross'>
"""

from __future__ import annotations

import enum

__all__ = ["AnnounceType"]


class AnnounceType(str, enum.Enum):
    """The announce type, spelled as arXiv's RSS feeds spell it."""

    NEW = "new"
    CROSS = "cross"
    REPLACE = "replace"
    REPLACE_CROSS = "replace-cross"
    ABSONLY = "absonly"

    @property
    def is_replacement(self) -> bool:
        """True for replacements (of a primary or a cross-listed paper)."""
        return self in (AnnounceType.REPLACE, AnnounceType.REPLACE_CROSS)

    @classmethod
    def from_label(cls, label: str) -> AnnounceType | None:
        """The type a label means (English or the digests' Chinese labels), or None.

        >>> AnnounceType.from_label("版本更新"), AnnounceType.from_label("替换")
        (<AnnounceType.REPLACE: 'replace'>, <AnnounceType.REPLACE: 'replace'>)
        """
        return _LABELS.get(label.strip().lower())


_LABELS = {
    "new": AnnounceType.NEW,
    "cross": AnnounceType.CROSS,
    "cross-list": AnnounceType.CROSS,
    "replace": AnnounceType.REPLACE,
    "replaced": AnnounceType.REPLACE,
    "replace-cross": AnnounceType.REPLACE_CROSS,
    "absonly": AnnounceType.ABSONLY,
    "新提交": AnnounceType.NEW,
    "交叉提交": AnnounceType.CROSS,
    "交叉列表": AnnounceType.CROSS,
    "版本更新": AnnounceType.REPLACE,
    "替换": AnnounceType.REPLACE,
    "更新": AnnounceType.REPLACE,
}
