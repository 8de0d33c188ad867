"""Private: the pieces of papers.cool lines: labels, Markdown links, echoes, dates.

papers.cool (Cool Papers) pages copied as Markdown write each paper as a heading line
and a few labelled lines (``**Authors**:``, ``**Subjects**:``, ``**Publish**:``) whose
values are Markdown links. Browser translators ("immersive translate") add a Chinese
*echo* after each element, either on the same line after a space or on the next line,
with a translated label (``作者：``, ``主题：``, ``发布：`` and many spellings). These
helpers read those pieces; the entry module assigns roles and builds records.
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse

from ...text import normalize_space

__all__ = [
    "AUTHOR_URL",
    "BUTTONS_RE",
    "ECHO_LABELS",
    "FIELD_KINDS",
    "LabelledLine",
    "escape_title",
    "format_published",
    "parse_published",
    "query_name",
    "read_echo",
    "read_heading",
    "read_label",
    "split_inline_echo",
    "take_links",
]

#: Field kinds by the (English or Chinese) bold label that introduces them.
FIELD_KINDS: dict[str, str] = {
    "authors": "authors",
    "author": "authors",
    "作者": "authors",
    "subjects": "subjects",
    "subject": "subjects",
    "主题": "subjects",
    "学科": "subjects",
    "publish": "publish",
    "published": "publish",
    "发布": "publish",
    "发表": "publish",
    "发布时间": "publish",
    "comments": "comments",
    "comment": "comments",
    "备注": "comments",
}

#: Unbolded labels of the Chinese echo lines, by the field they translate.
ECHO_LABELS: dict[str, str] = {
    "authors": r"作者",
    "subjects": r"主题|学科|科目|分类|类别|领域|主题领域",
    "publish": r"(?:发布|发表|出版|公布|公开)(?:时间|日期|于)?",
    "comments": r"备注|评论|注释",
}

#: The author-search link papers.cool gives each author name.
AUTHOR_URL = "https://arxiv.org/search/?searchtype=author&query="
_HEADING_RE = re.compile(
    r"(?P<lead>#{1,6}[ \t]+)?"
    r"(?:\[#?(?P<num>\d+)\]\((?P<abs>[^)\s]*)\)[ \t]*)?"
    r"\[(?P<title>.*)\]\((?P<cool>https?://papers\.cool/arxiv/[^)\s]+)\)"
    r"(?P<rest>.*)"
)
BUTTONS_RE = re.compile(r"(?:\s*\[(?:PDF|Copy|Kimi|REL)\b[^\[\]]*\])+\s*$")
_LABEL_RE = re.compile(
    r"\*\*(?P<label>[^*\n]+?)\s*(?P<c1>[:：])?\*\*[ \t]*(?P<c2>[:：])?[ \t]*(?P<rest>.*)"
)
_ECHO_RES = {
    kind: re.compile(rf"(?:{labels})\s*[:：]\s*(?P<value>.*)")
    for kind, labels in ECHO_LABELS.items()
}
_INLINE_ECHO_RES = {
    kind: re.compile(rf"\s(?:{labels})\s*[:：]") for kind, labels in ECHO_LABELS.items()
}
_LINK_START_RE = re.compile(r"\[([^\[\]]*)\]\(")
_SEP_RE = re.compile(r"\s*[,，、;；]\s*")
_DATE_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:UTC|GMT|Z|\+00:?00)"
)


class LabelledLine:
    """A ``**Label**: value`` line: its field kind (or None), label and value."""

    __slots__ = ("kind", "label", "rest")

    def __init__(self, kind: str | None, label: str, rest: str) -> None:
        self.kind = kind
        self.label = label
        self.rest = rest


def read_label(text: str) -> LabelledLine | None:
    """``text`` as a bold-labelled line, or None (a label needs a colon after it)."""
    m = _LABEL_RE.fullmatch(text.strip())
    if m is None or (m.group("c1") is None and m.group("c2") is None):
        return None
    label = m.group("label").strip()
    return LabelledLine(FIELD_KINDS.get(label.lower()), label, m.group("rest"))


def read_echo(text: str) -> tuple[str, str] | None:
    """``text`` as an echo line (``作者：…``): the field kind and the value, or None."""
    stripped = text.strip()
    for kind, pattern in _ECHO_RES.items():
        m = pattern.fullmatch(stripped)
        if m is not None:
            return kind, m.group("value")
    return None


def split_inline_echo(kind: str, rest: str) -> tuple[str, str | None]:
    """Split a field's value from an echo written on the same line after it."""
    m = _INLINE_ECHO_RES[kind].search(rest)
    if m is None:
        return rest, None
    echo = read_echo(rest[m.start() :])
    return rest[: m.start()], (echo[1] if echo is not None else None)


def _close_paren(text: str, start: int) -> int:
    """Index of the ``)`` closing the link target that starts at ``start`` (or -1)."""
    depth = 1
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        elif c == "\n":
            break
    return -1


def take_links(text: str) -> tuple[list[tuple[str, str]], str]:
    """Leading Markdown links separated by commas: ``(label, url)`` pairs and the rest."""
    links: list[tuple[str, str]] = []
    pos = len(text) - len(text.lstrip())
    while True:
        m = _LINK_START_RE.match(text, pos)
        if m is None:
            break
        end = _close_paren(text, m.end())
        if end < 0:
            break
        links.append((m.group(1), text[m.end() : end]))
        pos = end + 1
        sep = _SEP_RE.match(text, pos)
        if sep is None or not text.startswith("[", sep.end()):
            break
        pos = sep.end()
    return links, text[pos:] if links else text


def parse_published(text: str) -> _dt.datetime | None:
    """A ``2025-12-12 18:05:52 UTC`` timestamp as an aware UTC datetime, or None."""
    m = _DATE_RE.fullmatch(text.strip())
    if m is None:
        return None
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    try:
        return _dt.datetime(y, mo, d, h, mi, s, tzinfo=_dt.timezone.utc)
    except ValueError:
        return None


def format_published(value: _dt.datetime) -> str:
    """The canonical spelling: ``2025-12-12 18:05:52 UTC``."""
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S") + " UTC"


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def escape_title(text: str) -> str:
    """Escape a title the way papers.cool's templates do (``'`` as ``&#39;``)."""
    return text.translate(_ESCAPES)


def read_heading(text: str) -> re.Match[str] | None:
    """``text`` as an entry heading (``### [N](arxiv) [Title](papers.cool) …``), or None."""
    m = _HEADING_RE.fullmatch(text.strip())
    if m is None or (m.group("lead") is None and m.group("num") is None):
        return None
    return m


def query_name(url: str) -> str | None:
    """The author name an arXiv author-search link asks for, or None."""
    if not url.startswith(AUTHOR_URL):
        return None
    return normalize_space(urllib.parse.unquote_plus(url[len(AUTHOR_URL) :])) or None
