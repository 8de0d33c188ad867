"""Private: the ``notes`` string of a Hugo ``[[items]]`` table: read its fields, write it.

``notes`` holds what the user pasted when saving the item. Two pasted layouts carry
paper fields, and both dialects read both:

* WeChat "arXiv每日学术速递" fields, as the ``wechat`` dialect's TOML variant pastes
  them (labels in bold, spaces around the colon)::

      2. 2025-06-18 10:42:19 Wednesday ｜          lead: [number.] clip time [｜ headline]

      Unveiling the Learning Mind of Language Models
       **标题** ： 揭开语言模型的学习心态
       **链接** ：https://arxiv.org/abs/2506.13464

       **作者** ： Zhengyu Hu,  Jianxun Lian
       **备注** ：22 pages
       **摘要** ：大型语言模型……

* plain labels, as the ``hugo_toml`` tool writes for arXiv items::

      标题：SPADE: Self-Play in Adaptive Synthetic Executable Environments
      来源：arXiv
      链接：https://arxiv.org/abs/2608.19197
      摘要：Continuous self-improvement requires ...

The structured part is only read at the start of the notes: an optional lead line, an
optional unlabelled title line (only when a field follows), then field lines (blank lines
allowed between them). Everything from the first other line on is the *rest*, kept as
normalized text. ``标题`` and ``摘要`` go to the Chinese or English slot by the language of
their text. A second field of the same label is kept under its label name.
"""

from __future__ import annotations

import re

import attrs

from ...lang import detect_language
from ...text import normalize_space

__all__ = ["LABELS", "WECHAT_NOTES_RE", "Notes", "is_chinese", "parse_notes", "render_notes"]

#: Field labels read from notes, in canonical order.
LABELS = ("标题", "来源", "链接", "作者", "备注", "摘要")

_LEAD_RE = re.compile(
    r"(?:([0-9]{1,4})\.\s*)?"
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}\s+[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:\s+[A-Z][a-z]+day)?)"
    r"\s*(?:[｜|]\s*(.*))?"
)
_LABEL_ALT = "|".join(LABELS)
_FIELD_RE = re.compile(
    rf"\s*(?:\*\*\s*({_LABEL_ALT})\s*\*\*\s*[：:]|\*\*\s*({_LABEL_ALT})\s*[：:]\s*\*\*"
    rf"|({_LABEL_ALT})\s*[：:])\s*(.*)"
)
_AUTHOR_SPLIT_RE = re.compile(r"\s*[,，]\s*")
#: A ``notes`` string holding pasted WeChat fields (bold labels): the ``wechat`` dialect.
WECHAT_NOTES_RE = re.compile(
    r"(?m)^notes[ \t]*=[ \t]*\".*?\*\*[ \t]*(?:标题|链接|作者)[ \t]*\*\*[ \t]*[：:]"
)


def is_chinese(text: str) -> bool:
    """True when ``text`` reads as Chinese (Han characters dominate)."""
    return detect_language(text) == "zh"


@attrs.frozen
class Notes:
    """The fields a notes string carries (all optional)."""

    number: int | None = None
    clipped: str | None = None
    headline: str | None = None
    title: str | None = None
    title_zh: str | None = None
    link: str | None = None
    authors: tuple[str, ...] = ()
    comments: str | None = None
    abstract_zh: str | None = None
    abstract: str | None = None
    source: str | None = None
    extras: tuple[tuple[str, str], ...] = ()
    rest: str | None = None

    @property
    def structured(self) -> bool:
        """True when the notes carry at least one labelled field."""
        return bool(
            self.title_zh is not None
            or self.link is not None
            or self.authors
            or self.comments is not None
            or self.abstract_zh is not None
            or self.abstract is not None
            or self.source is not None
            or self.extras
        )


def _field(line: str) -> tuple[str, str] | None:
    m = _FIELD_RE.fullmatch(line)
    if m is None:
        return None
    return m.group(1) or m.group(2) or m.group(3), m.group(4)


def parse_notes(text: str) -> tuple[Notes, list[tuple[str, int]]]:
    """Read ``text``; also return the labels left empty, with their line within the notes."""
    lines = text.split("\n")
    n = len(lines)
    i = 0
    while i < n and not lines[i].strip():
        i += 1
    values: dict[str, object] = {}
    candidate: str | None = None
    from_lead = False
    if i < n:
        m = _LEAD_RE.fullmatch(lines[i].strip())
        if m is not None:
            if m.group(1):
                values["number"] = int(m.group(1))
            values["clipped"] = normalize_space(m.group(2))
            if m.group(3) and m.group(3).strip():
                candidate = normalize_space(m.group(3))
                from_lead = True
            i += 1
    j = i
    while j < n and not lines[j].strip():
        j += 1
    title_at: int | None = None
    if candidate is None and j < n and _field(lines[j]) is None:
        k = j + 1
        while k < n and not lines[k].strip():
            k += 1
        if k < n and _field(lines[k]) is not None:
            candidate = normalize_space(lines[j])
            title_at = j
            j = k
    empty: list[tuple[str, int]] = []
    extras: list[tuple[str, str]] = []
    found = False
    while j < n:
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        f = _field(line)
        if f is None:
            break
        found = True
        label, raw = f
        value = normalize_space(raw)
        j += 1
        if not value:
            empty.append((label, j))
            continue
        slot = _slot(label, value)
        if slot in values:
            extras.append((label, value))
        elif slot == "authors":
            values[slot] = tuple(a for a in _AUTHOR_SPLIT_RE.split(value) if a)
        else:
            values[slot] = value
    if found and candidate is not None:
        if "title" in values:
            extras.insert(0, ("标题", values["title"]))  # type: ignore[arg-type]
        values["title"] = candidate
    elif candidate is not None and from_lead:
        values["headline"] = candidate
    elif title_at is not None:
        j = title_at
    if not found and title_at is None and candidate is None:
        j = i
    while j < n and not lines[j].strip():
        j += 1
    rest = normalize_space("\n".join(lines[j:]))
    if rest:
        values["rest"] = rest
    notes = Notes(extras=tuple(extras), **values)  # type: ignore[arg-type]
    return notes, empty


def _slot(label: str, value: str) -> str:
    if label == "标题":
        return "title_zh" if is_chinese(value) else "title"
    if label == "摘要":
        return "abstract_zh" if is_chinese(value) else "abstract"
    return {"来源": "source", "链接": "link", "作者": "authors", "备注": "comments"}[label]


def _lead(notes: Notes) -> str | None:
    if notes.clipped is None:
        return None
    number = f"{notes.number}. " if notes.number is not None else ""
    headline = f" {notes.headline}" if notes.headline else ""
    return f"{number}{notes.clipped} ｜{headline}"


def render_notes(notes: Notes, style: str) -> str:
    """Write ``notes`` in the ``"wechat"`` (bold labels) or ``"plain"`` layout."""
    lead = _lead(notes)
    fields: list[str] = []
    if notes.structured:
        if style == "wechat":
            if notes.title is not None:
                fields.append(notes.title)
            pairs = [
                ("标题", notes.title_zh),
                ("来源", notes.source),
                ("链接", notes.link),
                ("作者", ",  ".join(notes.authors) if notes.authors else None),
                ("备注", notes.comments),
                ("摘要", notes.abstract_zh),
                ("摘要", notes.abstract),
                *notes.extras,
            ]
            for label, value in pairs:
                if value is None:
                    continue
                if label == "作者" and fields:
                    fields.append("")
                space = " " if label in ("标题", "作者") else ""
                fields.append(f" **{label}** ：{space}{value}")
        else:
            pairs = [
                ("标题", notes.title),
                ("标题", notes.title_zh),
                ("来源", notes.source),
                ("链接", notes.link),
                ("作者", ", ".join(notes.authors) if notes.authors else None),
                ("备注", notes.comments),
                ("摘要", notes.abstract),
                ("摘要", notes.abstract_zh),
                *notes.extras,
            ]
            fields = [f"{label}：{value}" for label, value in pairs if value is not None]
    blocks = []
    if lead is not None:
        blocks.append(lead)
    if fields:
        blocks.append("\n".join(fields))
    if notes.rest:
        blocks.append(notes.rest)
    sep = "\n\n" if style == "wechat" else "\n"
    return sep.join(blocks)
