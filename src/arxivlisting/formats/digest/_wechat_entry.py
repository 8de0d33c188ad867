"""Private: one entry of a WeChat "arXiv每日学术速递" post in Markdown.

An entry is a head line and labelled field lines::

    【14】Quantifying Return on Security Controls in LLM Systems     head: number, title
    **标题**：量化LLM系统中安全控制的回报                            title_zh
    **链接**：https://arxiv.org/abs/2512.15081                       Paper.links, Paper.id

    **作者**：Richard Helder Moulton,Austin O'Brien,John D. Hastings  Paper.authors
    **备注**：13 pages, 9 figures, 3 tables                           Paper.comments
    **摘要**：尽管大型语言模型……                                     abstract_zh
    **摘要**：Although large language models ...                      Paper.abstract

The re-sorted part of a post writes the head as ``#### Title`` (no number) and one
``**摘要**：`` followed by bullet lines (continuations of that field). The colon may be
inside the bold (``**标题：**``) and spaces may surround it. The two ``**摘要**`` lines
share their label: each goes to the Chinese or English abstract by the language of its
text. Other labels are kept as extra fields; an empty value is a placeholder (None and a
defect).
"""

from __future__ import annotations

import re

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...lang import detect_language
from ...records import Link, Paper
from ...text import normalize_space
from ._common import entry_exact_layout, is_placeholder, tag_languages
from ._lines import ContentLine
from .records import DigestEntry, EntryLayout

__all__ = ["ENTRY_ROLES", "EntryBuilder", "entry_lines", "field_of", "head_of"]

_HEAD_RE = re.compile(r"【\s*([0-9]+)\s*】\s*(.*)")
_H4_RE = re.compile(r"####\s+(.*\S)\s*")
_FIELD_RE = re.compile(r"\*\*\s*([^*：:\n]{1,24}?)\s*(?:\*\*\s*[：:]|[：:]\s*\*\*)[ \t\u3000]*(.*)")
_CONT_RE = re.compile(r"(?:\s|[*+\-•]\s|[0-9]{1,3}[.)、]\s?)")
_AUTHOR_SPLIT_RE = re.compile(r"\s*[,，]\s*")
_MD_LINK_RE = re.compile(r"\[[^\]]*\]\(\s*(\S+?)\s*\)|<(\S+)>")
_LABEL_ROLE = {"标题": "title_zh", "链接": "link", "作者": "authors", "备注": "comments"}
#: Roles of lines that belong to an entry.
ENTRY_ROLES = frozenset(
    {"head", "title_zh", "link", "authors", "comments", "abstract_zh", "abstract"}
    | {"field", "cont", "extra"}
)


def head_of(text: str, next_text: str | None) -> tuple[int | None, str] | None:
    """(number, title) when ``text`` starts an entry (``####`` only before a field)."""
    m = _HEAD_RE.fullmatch(text.strip())
    if m is not None:
        return int(m.group(1)), m.group(2)
    m = _H4_RE.fullmatch(text.strip())
    if m is not None and next_text is not None and field_of(next_text) is not None:
        return None, m.group(1)
    return None


def field_of(text: str) -> tuple[str, str] | None:
    """(label, value) of a ``**label**：value`` line."""
    m = _FIELD_RE.fullmatch(text.strip())
    if m is None:
        return None
    return normalize_space(m.group(1)), m.group(2)


# -- rendering -------------------------------------------------------------------------


def _canonical_roles(entry: DigestEntry) -> list[str]:
    p = entry.paper
    roles = ["head"]
    if entry.title_zh is not None:
        roles.append("title_zh")
    if p.links:
        roles.append("link")
    if p.authors:
        roles.append("authors")
    if p.comments is not None:
        roles.append("comments")
    if entry.abstract_zh is not None:
        roles.append("abstract_zh")
    if p.abstract is not None:
        roles.append("abstract")
    return roles + ["field"] * len(entry.extra_fields)


def _role_text(entry: DigestEntry, role: str, k: int) -> str:
    p = entry.paper
    if role == "head":
        title = p.title or ""
        return f"【{entry.number}】{title}" if entry.number is not None else f"#### {title}"
    if role == "title_zh":
        return f"**标题**：{entry.title_zh or ''}"
    if role == "link":
        return f"**链接**：{p.links[0].href if p.links else ''}"
    if role == "authors":
        return "**作者**：" + ",".join(a.name for a in p.authors)
    if role == "comments":
        return f"**备注**：{p.comments or ''}"
    if role == "abstract_zh":
        return f"**摘要**：{entry.abstract_zh or ''}"
    if role == "abstract":
        return f"**摘要**：{p.abstract or ''}"
    if role == "field" and k < len(entry.extra_fields):
        name, value = entry.extra_fields[k]
        return f"**{name}**：{value}"
    return ""


def entry_lines(entry: DigestEntry) -> tuple[list[str], list[str]]:
    """The content lines of an entry and their roles, layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else _canonical_roles(entry)
    verbatim = dict(layout.verbatim)
    extras = iter(layout.extra)
    lines: list[str] = []
    fields = 0
    for index, role in enumerate(roles):
        if role == "extra":
            text = next(extras, "")
        else:
            text = _role_text(entry, role, fields)
            fields += role == "field"
        lines.append(verbatim.get(index, text))
    return lines, roles


# -- parsing ---------------------------------------------------------------------------


class EntryBuilder:
    """Collects the lines of one entry and turns them into a DigestEntry."""

    def __init__(self, first: ContentLine, number: int | None, title: str, index: int) -> None:
        self.lines: list[ContentLine] = [first]
        self.roles: list[str] = ["head"]
        self.number = number
        self.title = normalize_space(title)
        self.index = index
        # [label, first-line value, continuation texts, line index of the field]
        self.fields: list[tuple[str, str, list[str], int]] = []

    def accepts(self, text: str) -> bool:
        """True when ``text`` is a field of this entry or continues its last field."""
        if field_of(text) is not None:
            return True
        if not self.fields or self.roles[-1] not in ("field", "cont"):
            return False
        _, value, _, _ = self.fields[-1]
        return not value.strip() or _CONT_RE.match(text) is not None

    def add(self, line: ContentLine) -> None:
        found = field_of(line.text)
        if found is not None:
            self.fields.append((found[0], found[1], [], len(self.lines)))
            role = "field"
        else:
            self.fields[-1][2].append(line.text)
            role = "cont"
        self.lines.append(line)
        self.roles.append(role)

    def add_extra(self, line: ContentLine, diag: Diagnostics) -> None:
        """A line that ended the entry but precedes the next one: kept with a defect."""
        diag.report(
            DefectKind.UNKNOWN_ELEMENT,
            "line not understood between entries (kept as written)",
            line=line.lineno,
            snippet=line.text,
            where=f"entry[{self.index + 1}]",
        )
        self.lines.append(line)
        self.roles.append("extra")

    def build(self, diag: Diagnostics, last: bool, languages: bool) -> DigestEntry:
        where = f"entry[{self.index + 1}]"
        values: dict[str, str | None] = {}
        extra_fields: list[tuple[str, str]] = []
        abstracts = 0
        for label, first, more, at in self.fields:
            value = normalize_space(" ".join([first, *more]))
            line = self.lines[at]
            if label == "摘要":
                if not value:
                    role = ("abstract_zh", "abstract")[min(abstracts, 1)]
                else:
                    role = "abstract_zh" if detect_language(value) == "zh" else "abstract"
                abstracts += 1
            else:
                role = _LABEL_ROLE.get(label, "field")
            if role != "field" and values.get(role) is not None:
                diag.report(
                    DefectKind.DUPLICATE_FIELD,
                    f"second {label} field; the first is used (the second is kept)",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
                role = "field"
            if is_placeholder(value) and role != "field":
                diag.report(
                    DefectKind.PLACEHOLDER,
                    f"{label} is {value!r}: no value",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
                values.setdefault(role, None)
            elif role == "field":
                extra_fields.append((label, value))
            else:
                values[role] = value
            self.roles[at] = role
        link = values.get("link")
        if link is not None:  # a Markdown link or <url>: the target is the link
            target = _MD_LINK_RE.fullmatch(link)
            link = (target.group(1) or target.group(2)) if target is not None else link
        paper_id = ArxivId.try_parse(link) if link else None
        if link and paper_id is None and "arxiv" in link.lower():
            diag.report(
                DefectKind.BAD_ID,
                "the arXiv link holds no valid arXiv id",
                snippet=link,
                where=where,
            )
        names = [a for a in _AUTHOR_SPLIT_RE.split(values.get("authors") or "") if a]
        self._check_complete(diag, where, last)
        if not self.title:
            diag.report(
                DefectKind.PLACEHOLDER,
                "entry head without a title",
                line=self.lines[0].lineno,
                snippet=self.lines[0].text,
                where=where,
            )
        paper = Paper(
            id=paper_id,
            title=self.title or None,
            authors=tuple(new_author(name) for name in names),
            abstract=values.get("abstract"),
            comments=values.get("comments"),
            links=(Link(link),) if link else (),
        )
        entry = DigestEntry(
            paper=paper,
            title_zh=values.get("title_zh"),
            abstract_zh=values.get("abstract_zh"),
            number=self.number,
            extra_fields=tuple(extra_fields),
            layout=EntryLayout(
                extra=tuple(
                    c.text for c, r in zip(self.lines, self.roles, strict=True) if r == "extra"
                )
            ),
        )
        entry = entry_exact_layout(
            entry, self.lines, self.roles, _canonical_roles(entry), lambda e: entry_lines(e)[0]
        )
        return tag_languages(entry) if languages else entry

    def _check_complete(self, diag: Diagnostics, where: str, last: bool) -> None:
        labels = {label for label, _, _, _ in self.fields}
        if "摘要" not in labels and last:
            diag.report(
                DefectKind.TRUNCATED,
                "the text ends inside this entry; it has what was there",
                line=self.lines[-1].lineno,
                snippet=self.lines[-1].text,
                where=where,
            )
            return
        for label in ("标题", "链接", "作者", "摘要"):
            if label not in labels:
                diag.report(
                    DefectKind.MISSING_FIELD,
                    f"entry without its **{label}** line",
                    line=self.lines[0].lineno,
                    where=where,
                )
