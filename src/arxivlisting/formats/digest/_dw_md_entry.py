"""Private: one entry of the dw dialect's Markdown (``data/YYYY-MM-DD.md``).

An entry starts at its ``###`` heading and runs to the next heading, section or the end::

    ### [12] [English title](https://arxiv.org/abs/2506.20770)     number optional
    > *中文标题*                                                     fork only
    *Author One, Author Two* | **Category: cs.CR, cs.AI**          bold parts: fork
                                                                   (| **Updated: date**)
    Main category: cs.CR                                           main only
    **Keywords:** 关键词, 关键词 / **Comment:** ... / > **TL;DR:** ... / **AI_Comments:** ...
    Task: ... / Motivation: ...                                    early: before <details>
    <details>
      <summary>Details</summary>
    Motivation: / Method: / Result: / Conclusion:                  (bold in the fork)
    Abstract: English abstract, line breaks as arXiv gave them     early and main
    > **ai_Abstract:** ... / > **摘要翻译:** ...                     fork
    </details>
    [⬆️ 返回分类顶部](#cscr) | [⬆️ 返回总目录](#toc)                  fork
    ---                                                            fork

A labelled field runs over the following lines (and blank lines) up to the next line that
is structure: a known label, a ``<details>``/``<summary>``/``</details>`` tag, a rule, a
back link or a heading. Inside the English abstract, label-like lines (``Results: ...``,
``Keywords: ...`` in a structured abstract) stay text; only the Chinese-side labels
(``摘要翻译``/``中文摘要``, ``ai_Abstract``, ``AI_Comments``) end it. Label spellings (plain
``Label:``, bold ``**Label:**`` or ``**Label**:``, quoted ``> **Label:**``) all parse, as
do other forks' names for the same fields (``中文摘要``, ``Original Abstract``,
``Innovation Snapshot``); the canonical spelling is the shape's, and lines written
otherwise are kept exactly in the entry layout. A placeholder value (empty, ``Error``,
``Not mentioned in abstract``...) reads as None with a defect; a repeated label is kept as
an extra line with a defect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...records import Link, Paper
from ...text import normalize_space
from ._common import tag_languages
from ._dw_common import (
    is_missing,
    join_keywords,
    literal_strings,
    parse_date,
    placeholder,
    split_keywords,
)
from ._dw_md_labels import FORK_LABELS, PLAIN_LABELS, TEMPLATES, label_role, slug
from ._lines import ContentLine
from .records import DigestEntry, EntryLayout

__all__ = ["EntryBuilder", "classify_heading", "entry_lines", "guess_shape"]

HEADING_RE = re.compile(r"###\s+(?:\[(\d{1,9})\]\s*)?\[(.*)\]\(([^()\s]*)\)")
_TITLE_ZH_RE = re.compile(r">\s*\*(.*)\*")
_AUTHORS_RE = re.compile(r"\*(?!\*)(.*?)\*((?:\s*\|\s*\*\*[^*]*\*\*)*)")
_BOLD_PART_RE = re.compile(r"\*\*\s*([^*:：]+?)\s*[:：]\s*([^*]*?)\s*\*\*")
_SUMMARY_TAG_RE = re.compile(r"<summary>.*</summary>")
_BACKLINK_RE = re.compile(r"\[[^\]]*\]\(#[^)]*\)(?:(?:\s*\|\s*|\s+)\[[^\]]*\]\(#[^)]*\))*")
_RULE_RE = re.compile(r"-{3,}|\*{3,}")
_ARXIV_URL_RE = re.compile(r"arxiv\.org/(?:abs|pdf)/([^?#\s]+?)(?:\.pdf)?/?$")

#: Inside the English abstract, lines like "Results: ..." or "Keywords: ..." are abstract
#: text (structured abstracts); only these labels, which no abstract starts a line with,
#: end it.
_AFTER_ABSTRACT = frozenset({"abstract_zh", "ai_summary", "ai:comments"})


def classify_heading(text: str) -> re.Match[str] | None:
    """The heading match when ``text`` (stripped) starts an entry."""
    return HEADING_RE.fullmatch(text)


# -- canonical rendering --------------------------------------------------------------


def _role_text(entry: DigestEntry, role: str, shape: str, section: str | None) -> str:
    p = entry.paper
    labels = FORK_LABELS if shape == "md-fork" else PLAIN_LABELS
    if role == "heading":
        number = f"[{entry.number}] " if entry.number is not None else ""
        url = next((link.href for link in p.links if link.rel == "alternate"), None)
        if url is None:
            url = p.id.abs_url if p.id is not None else ""
        return f"### {number}[{p.title or ''}]({url})"
    if role == "title_zh":
        return f"> *{entry.title_zh or ''}*"
    if role == "authors":
        sep = ", " if shape == "md-fork" else ","
        text = "*" + sep.join(a.name for a in p.authors) + "*"
        if shape == "md-fork" and p.categories:
            text += f" | **Category: {', '.join(p.categories)}**"
        return text
    if role in labels:
        return labels[role] + (_field_value(entry, role) or "")
    if role == "details":
        return "<details>"
    if role == "summary_tag":
        return "  <summary>Details</summary>"
    if role == "details_end":
        return "</details>"
    if role == "backlink":
        return f"[⬆️ 返回分类顶部](#{slug(section or '')}) | [⬆️ 返回总目录](#toc)"
    if role == "rule":
        return "---"
    return ""


def _field_value(entry: DigestEntry, role: str) -> str | None:
    p = entry.paper
    if role.startswith("ai:"):
        return entry.ai_field(role[3:])
    if role == "keywords":
        return join_keywords(entry.keywords) if entry.keywords else None
    if role == "main_category":
        return p.primary_category or (p.categories[0] if p.categories else None)
    return {
        "comment": p.comments,
        "abstract": p.abstract,
        "ai_summary": entry.ai_summary,
        "abstract_zh": entry.abstract_zh,
    }.get(role)


def entry_lines(entry: DigestEntry, shape: str, section: str | None) -> tuple[list[str], list[str]]:
    """The content lines of an entry and their roles, its layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else list(TEMPLATES[shape])
    verbatim = dict(layout.verbatim)
    extras = iter(layout.extra)
    lines = []
    for index, role in enumerate(roles):
        if index in verbatim:
            lines.append(verbatim[index])
        elif role == "extra":
            lines.append(next(extras, ""))
        else:
            lines.append(_role_text(entry, role, shape, section))
    return lines, roles


# -- parsing ----------------------------------------------------------------------------


class EntryBuilder:
    """Collects the lines of one entry and turns them into a DigestEntry."""

    def __init__(self, first: ContentLine, index: int, section: str | None) -> None:
        self.lines: list[ContentLine] = [first]
        self.roles: list[str] = ["heading"]
        self.values: list[str] = [""]
        self.index = index
        self.section = section
        self.current: str | None = None  # the field continuation lines belong to
        self.duplicates: set[int] = set()  # indices of repeated labelled lines

    def add(self, line: ContentLine) -> None:
        role, value = self._role(line.text.strip())
        self.lines.append(line)
        self.roles.append(role)
        self.values.append(value)

    def _role(self, text: str) -> tuple[str, str]:
        seen = self.roles
        if text == "<details>":
            role = "details"
        elif _SUMMARY_TAG_RE.fullmatch(text):
            role = "summary_tag"
        elif text == "</details>":
            role = "details_end"
        elif _RULE_RE.fullmatch(text):
            role = "rule"
        elif _BACKLINK_RE.fullmatch(text):
            role = "backlink"
        else:
            role = ""
        if role:
            self.current = None
            return role, ""
        labelled = label_role(text)
        if self.current == "abstract" and (labelled is None or labelled[0] not in _AFTER_ABSTRACT):
            return "cont", text
        if labelled is not None:
            role, value = labelled
            if role in seen:
                self.duplicates.add(len(self.lines))
                self.current = None
                return "extra", text
            self.current = role
            return role, value
        early = self.current is None and set(seen) <= {"heading", "title_zh"}
        if early and "title_zh" not in seen and _TITLE_ZH_RE.fullmatch(text):
            return "title_zh", text
        if early and _AUTHORS_RE.fullmatch(text):
            return "authors", text
        if self.current is not None:
            return "cont", text
        return "extra", text

    def build(
        self,
        diag: Diagnostics,
        heading: re.Match[str] | None,
        shape: str,
        last: bool,
        languages: bool,
    ) -> DigestEntry:
        where = f"entry[{self.index + 1}]"
        first = self.lines[0]
        paper: dict[str, object] = {}
        fields: dict[str, object] = {}
        ai_fields: list[tuple[str, str]] = []
        extra_fields: list[tuple[str, str]] = []
        links: list[Link] = []
        number: int | None = None
        paper_id: ArxivId | None = None
        if heading is not None:
            number = int(heading.group(1)) if heading.group(1) else None
            paper["title"] = self._text("title", heading.group(2), first, diag, where)
            url = heading.group(3)
            if url:
                links.append(Link(url, rel="alternate"))
                m = _ARXIV_URL_RE.search(url)
                paper_id = ArxivId.try_parse(m.group(1)) if m else None
            if paper_id is None:
                diag.report(
                    DefectKind.BAD_ID,
                    "the heading's link names no arXiv identifier",
                    line=first.lineno,
                    snippet=first.text,
                    where=where,
                )
        else:
            diag.report(
                DefectKind.SYNTAX,
                "entry heading without its [title](link) (kept as written)",
                line=first.lineno,
                snippet=first.text,
                where=where,
            )
        extra: list[str] = []
        k = 1
        while k < len(self.lines):
            role, line = self.roles[k], self.lines[k]
            value = self.values[k]
            conts = []
            j = k + 1
            while j < len(self.lines) and self.roles[j] == "cont":
                conts.append(self.values[j])
                j += 1
            full = " ".join([value, *conts]) if conts else value
            if role == "extra":
                extra.append(line.text)
                duplicate = k in self.duplicates
                diag.report(
                    DefectKind.DUPLICATE_FIELD if duplicate else DefectKind.UNKNOWN_ELEMENT,
                    "a field given twice; the first is used (kept as written)"
                    if duplicate
                    else "line not understood here (kept as written)",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
            elif role == "title_zh":
                m = _TITLE_ZH_RE.fullmatch(full)
                fields["title_zh"] = self._text(
                    "title_zh", m.group(1) if m else full, line, diag, where
                )
            elif role == "authors":
                m = _AUTHORS_RE.fullmatch(full)
                if m is not None:
                    names = self._names(m.group(1), line, diag, where)
                    paper["authors"] = tuple(new_author(n) for n in names)
                    if not names:
                        placeholder(diag, "authors", m.group(1), line=line.lineno, where=where)
                    self._author_line_parts(m.group(2), paper, extra_fields, line, diag, where)
            elif role == "main_category":
                cat = self._text("main category", full, line, diag, where)
                if cat is not None:
                    paper["categories"] = (cat,)
                    paper["primary_category"] = cat
            elif role == "keywords":
                text = self._text("keywords", full, line, diag, where)
                fields["keywords"] = split_keywords(text) if text is not None else ()
            elif role.startswith("ai:"):
                text = self._text(role[3:], full, line, diag, where)
                if text is not None:
                    ai_fields.append((role[3:], text))
            elif role in ("comment", "abstract", "ai_summary", "abstract_zh"):
                text = self._text(role, full, line, diag, where)
                name = {"comment": "comments", "abstract": "abstract"}.get(role)
                if name is not None:
                    paper[name] = text
                else:
                    fields[role] = text
            k = j
        self._check_complete(diag, where, last)
        entry = DigestEntry(
            paper=Paper(paper_id, links=tuple(links), **paper),  # type: ignore[arg-type]
            number=number,
            ai_fields=tuple(ai_fields),
            extra_fields=tuple(extra_fields),
            layout=EntryLayout(extra=tuple(extra)),
            **fields,  # type: ignore[arg-type]
        )
        entry = self._exact(entry, shape)
        return tag_languages(entry) if languages else entry

    def _author_line_parts(
        self,
        tail: str,
        paper: dict[str, object],
        extra_fields: list[tuple[str, str]],
        line: ContentLine,
        diag: Diagnostics,
        where: str,
    ) -> None:
        """``| **Category: cs.CR, cs.AI** | **Updated: 2025-06-26**`` after the authors."""
        for part in _BOLD_PART_RE.finditer(tail):
            label, value = part.group(1).lower(), part.group(2)
            if label in ("category", "categories"):
                paper["categories"] = tuple(c.strip() for c in value.split(",") if c.strip())
            elif label == "updated" and value:
                updated = parse_date(value)
                if updated is None:
                    diag.report(
                        DefectKind.BAD_DATE,
                        "updated is not an ISO date (kept as an extra field)",
                        line=line.lineno,
                        snippet=value,
                        where=f"{where}/updated",
                    )
                    extra_fields.append((part.group(1), value))
                else:
                    paper["updated"] = updated
            else:
                extra_fields.append((part.group(1), normalize_space(value)))

    def _names(self, body: str, line: ContentLine, diag: Diagnostics, where: str) -> list[str]:
        """``A, B`` or, from generators that ``str()`` a list, ``['A', 'B']``."""
        body = body.strip()
        if body.startswith("[") and body.endswith("]"):
            listed = literal_strings(body)
            if listed is not None:
                return [normalize_space(n) for n in listed if not is_missing(n)]
            diag.report(
                DefectKind.SYNTAX,
                "author list looks like a broken list literal (split on commas)",
                line=line.lineno,
                snippet=body,
                where=f"{where}/authors",
            )
        return [normalize_space(n) for n in body.split(",") if n.strip()]

    def _text(
        self, what: str, raw: str, line: ContentLine, diag: Diagnostics, where: str
    ) -> str | None:
        if is_missing(raw):
            placeholder(diag, what, raw, line=line.lineno, where=f"{where}/{what}")
            return None
        return normalize_space(raw)

    def _check_complete(self, diag: Diagnostics, where: str, last: bool) -> None:
        roles = self.roles
        if "details" in roles and "details_end" not in roles:
            diag.report(
                DefectKind.TRUNCATED if last else DefectKind.MISSING_FIELD,
                "the text ends inside this entry's <details>"
                if last
                else "entry whose <details> is never closed",
                line=self.lines[-1].lineno,
                snippet=self.lines[-1].text,
                where=where,
            )

    def _exact(self, entry: DigestEntry, shape: str) -> DigestEntry:
        """Record the order and exact text of lines the canonical rendering would change."""
        canonical = TEMPLATES[shape]
        order: tuple[str, ...] = () if tuple(self.roles) == canonical else tuple(self.roles)
        probe = attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order))
        rendered, _ = entry_lines(probe, shape, self.section)
        verbatim = tuple(
            (i, line.text)
            for i, (line, text) in enumerate(zip(self.lines, rendered, strict=True))
            if line.text != text
        )
        if not order and not verbatim:
            return entry
        return attrs.evolve(
            entry, layout=attrs.evolve(entry.layout, order=order, verbatim=verbatim)
        )


def guess_shape(lines: Sequence[str]) -> str:
    """Guess the generation from an entry's lines: bold labels are the fork's."""
    for text in lines[1:]:
        if text.startswith(("**", "> **", "> *")):
            return "md-fork"
    return "md-main" if re.match(r"###\s+\[\d+\]", lines[0]) else "md-early"
