"""Private: one papers.cool entry: reading its lines, giving them roles, building records.

An entry is a heading line (number, arXiv link, English title, papers.cool link, an
inline Chinese echo ``  N 中文标题`` and sometimes the page's buttons) followed by
``**Authors**:``, the unlabelled abstract paragraphs (English, then Chinese),
``**Subjects**:`` and ``**Publish**:``; each may be followed by its Chinese echo line
(``作者：``, ``主题：``, ``发布：``), or carry the echo on its own line.

Roles of the content lines (``+zh`` marks a line carrying its echo inline)::

    heading  title_zh  authors|authors+zh  authors_zh  abstract  abstract_zh
    subjects|subjects+zh  subjects_zh  publish|publish+zh  publish_zh
    comments|comments+zh  comments_zh  field  extra
"""

from __future__ import annotations

import datetime as _dt
import html
import re

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ...lang import detect_language
from ...records import Author, Link, Paper
from ...taxonomy import is_known
from ...text import normalize_space
from ._common import is_placeholder, tag_languages
from ._lines import ContentLine
from ._papers_cool_fields import (
    BUTTONS_RE,
    parse_published,
    query_name,
    read_echo,
    read_label,
    split_inline_echo,
    take_links,
)
from ._papers_cool_render import RESERVED, canonical_roles, entry_lines, exact_layout
from .records import DigestEntry, EntryLayout

__all__ = ["EntryBuilder"]

_ECHO_NUM_RE = re.compile(r"\s*(\d+)\s*")
_ABS_ID_RE = re.compile(r"arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$")
_COOL_ID_RE = re.compile(r"papers\.cool/arxiv/([^/?#]+)")
_CODE_IN_URL_RE = re.compile(
    r"(?:papers\.cool/arxiv|arxiv\.org/list)/([A-Za-z-]+(?:\.[A-Za-z-]+)?)"
)
_CODE_IN_TEXT_RE = re.compile(r"\(([a-z-]+(?:\.[A-Za-z-]+)?)\)")

# -- parsing ------------------------------------------------------------------------


def _placeholder(diag: Diagnostics, what: str, line: ContentLine, where: str) -> None:
    diag.report(
        DefectKind.PLACEHOLDER,
        f"{what} holds no value (read as missing)",
        line=line.lineno,
        snippet=line.text,
        where=where,
    )


class EntryBuilder:
    """Collects the lines of one entry, gives each a role and builds the DigestEntry."""

    def __init__(self, heading: ContentLine, match: re.Match[str], index: int) -> None:
        self.heading = heading
        self.match = match
        self.index = index
        self.lines: list[ContentLine] = []
        self.roles: list[str] = []
        self.state = "head"  # head -> authors -> abstract -> subjects -> publish

    @property
    def complete(self) -> bool:
        """True once the entry has its publish line (what follows may be something else)."""
        return self.state == "publish"

    def accepts(self, line: ContentLine, following: ContentLine | None) -> bool:
        """Take ``line`` if it belongs to this entry (False: the entry ended before it)."""
        text = line.text.strip()
        role = self._role(text, following)
        if role is None:
            return False
        self.lines.append(line)
        self.roles.append(role)
        return True

    def _role(self, text: str, following: ContentLine | None) -> str | None:
        if text.startswith("#") and re.match(r"#{1,6}\s", text):
            return None
        labelled = read_label(text)
        if labelled is not None:
            kind = labelled.kind
            if kind is None:
                return "field" if labelled.label not in RESERVED else "extra"
            order = ("head", "authors", "abstract", "subjects", "publish")
            if kind in order:
                self.state = max(self.state, kind, key=order.index)
            _, inline = split_inline_echo(kind, labelled.rest)
            return f"{kind}+zh" if inline is not None else kind
        echo = read_echo(text)
        if echo is not None:
            return f"{echo[0]}_zh"
        if self.complete:
            return None
        if (
            self.state == "head"
            and "title_zh" not in self.roles
            and not self._heading_has_echo()
            and detect_language(text) == "zh"
            and following is not None
            and (read_label(following.text) or read_echo(following.text)) is not None
        ):
            return "title_zh"
        if self.state == "head":
            self.state = "abstract"
        return "abstract_zh" if detect_language(text) == "zh" else "abstract"

    def _heading_has_echo(self) -> bool:
        rest = BUTTONS_RE.sub("", self.match.group("rest"))
        return bool(rest.strip())

    # -- building ---------------------------------------------------------------

    def build(self, diag: Diagnostics, languages: bool) -> DigestEntry:
        where = f"entry[{self.index + 1}]"
        m = self.match
        number = int(m.group("num")) if m.group("num") else None
        title_raw = normalize_space(html.unescape(m.group("title")))
        title: str | None = title_raw
        title_zh: str | None = None
        extra_fields: list[tuple[str, str]] = []
        rest = m.group("rest")
        buttons = BUTTONS_RE.search(rest)
        if buttons is not None:
            extra_fields.append(("buttons", normalize_space(buttons.group(0))))
            rest = rest[: buttons.start()]
        if rest.strip():
            nm = _ECHO_NUM_RE.match(rest)
            if nm is not None and number is not None and int(nm.group(1)) == number:
                rest = rest[nm.end() :]
            title_zh = normalize_space(rest) or None
        if is_placeholder(title_raw):
            _placeholder(diag, "the title", self.heading, where)
            title = None
        elif title_zh is None and detect_language(title_raw) == "zh":
            title, title_zh = None, title_raw  # a translated page: the link shows Chinese
        paper_id, links = self._ids(diag, where)

        fields: dict[str, object] = {}
        en: list[ContentLine] = []
        zh: list[ContentLine] = []
        extra: list[str] = []
        for line, role in zip(self.lines, self.roles, strict=True):
            base, _, inline = role.partition("+")
            text = line.text.strip()
            if base in ("abstract", "abstract_zh"):
                (en if base == "abstract" else zh).append(line)
                continue
            if base == "extra":
                extra.append(line.text)
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "line not understood here (kept as written)",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
                continue
            if base in fields:
                diag.report(
                    DefectKind.DUPLICATE_FIELD,
                    f"second {base.replace('_', ' ')} line; the first is used",
                    line=line.lineno,
                    snippet=text,
                    where=where,
                )
                continue
            if base == "title_zh":
                fields[base] = True
                title_zh = normalize_space(text)
            elif base.endswith("_zh"):
                echo = read_echo(text)
                fields[base] = self._echo(echo[1] if echo else "", diag, line, where)
            elif base == "field":
                labelled = read_label(text)
                assert labelled is not None
                extra_fields.append((labelled.label, normalize_space(labelled.rest)))
            else:
                labelled = read_label(text)
                assert labelled is not None
                value, echo_text = split_inline_echo(base, labelled.rest)
                fields[base] = (value, line)
                if inline:
                    fields[f"{base}_zh"] = self._echo(echo_text or "", diag, line, where)
        abstract = self._paragraphs(en, diag, where, "the English abstract")
        abstract_zh = self._paragraphs(zh, diag, where, "the Chinese abstract")
        authors, names_zh = self._authors(fields.get("authors"), diag, where)
        categories = self._subjects(fields.get("subjects"), diag, where, extra_fields)
        published = self._published(fields.get("publish"), diag, where, extra_fields)
        comments = self._comments(fields.get("comments"), diag, where)
        for key, name in (
            ("subjects_zh", "subjects_zh"),
            ("publish_zh", "published_zh"),
            ("comments_zh", "comments_zh"),
        ):
            echo_value = fields.get(key)
            if isinstance(echo_value, str):
                extra_fields.append((name, echo_value))
        authors_zh = fields.get("authors_zh", names_zh)
        paper = Paper(
            id=paper_id,
            title=title,
            authors=tuple(authors),
            abstract=abstract,
            comments=comments,
            categories=tuple(categories),
            primary_category=categories[0] if categories else None,
            published=published,
            links=tuple(links),
        )
        entry = DigestEntry(
            paper=paper,
            title_zh=title_zh,
            abstract_zh=abstract_zh,
            number=number,
            authors_zh=authors_zh if isinstance(authors_zh, str) else None,
            extra_fields=tuple(extra_fields),
            layout=EntryLayout(extra=tuple(extra)),
        )
        entry = exact_layout(
            entry,
            [self.heading, *self.lines],
            ["heading", *self.roles],
            canonical_roles(entry),
            entry_lines,
        )
        return tag_languages(entry) if languages else entry

    def _ids(self, diag: Diagnostics, where: str) -> tuple[ArxivId | None, list[Link]]:
        m = self.match
        links = []
        candidates = []
        if m.group("abs"):
            links.append(Link(m.group("abs"), rel="alternate"))
            am = _ABS_ID_RE.search(m.group("abs"))
            if am is not None:
                candidates.append(am.group(1))
        links.append(Link(m.group("cool"), rel="related", title="papers.cool"))
        cm = _COOL_ID_RE.search(m.group("cool"))
        if cm is not None:
            candidates.append(cm.group(1))
        for text in candidates:
            pid = ArxivId.try_parse(text)
            if pid is not None:
                return pid, links
        diag.report(
            DefectKind.BAD_ID,
            "the heading links to no valid arXiv id",
            line=self.heading.lineno,
            snippet=self.heading.text,
            where=where,
        )
        return None, links

    @staticmethod
    def _echo(value: str, diag: Diagnostics, line: ContentLine, where: str) -> str | None:
        if is_placeholder(value):
            _placeholder(diag, "the Chinese echo", line, where)
            return None
        return normalize_space(value)

    @staticmethod
    def _paragraphs(
        parts: list[ContentLine], diag: Diagnostics, where: str, what: str
    ) -> str | None:
        if not parts:
            return None
        text = normalize_space(" ".join(line.text for line in parts))
        if is_placeholder(text):
            _placeholder(diag, what, parts[0], where)
            return None
        return text

    @staticmethod
    def _authors(field: object, diag: Diagnostics, where: str) -> tuple[list[Author], str | None]:
        """The authors, and their Chinese names when a translated page shows only those."""
        if not isinstance(field, tuple):
            return [], None
        value, line = field
        links, rest = take_links(value)
        names = [label for label, _ in links]
        queries = [query_name(url) for _, url in links]
        names_zh = None
        if (
            links
            and all(q is not None and detect_language(q) != "zh" for q in queries)
            and any(detect_language(n) == "zh" for n in names)
        ):
            # A translated page: the link texts are Chinese, the search links keep the names.
            names_zh = "、".join(normalize_space(n) for n in names)
            names = [q or "" for q in queries]
        if not links:
            names = [n for n in re.split(r"\s*[,，、;；]\s*", value.strip()) if n]
        elif rest.strip():
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "text after the author links (kept in the line's exact text)",
                line=line.lineno,
                snippet=rest,
                where=where,
            )
        names = [normalize_space(html.unescape(n)) for n in names]
        if not names or all(is_placeholder(n) for n in names):
            _placeholder(diag, "the author list", line, where)
            return [], None
        return [new_author(n) for n in names if not is_placeholder(n)], names_zh

    @staticmethod
    def _subjects(
        field: object, diag: Diagnostics, where: str, extra_fields: list[tuple[str, str]]
    ) -> list[str]:
        if not isinstance(field, tuple):
            return []
        value, line = field
        links, _ = take_links(value)
        codes: list[str] = []
        for label, url in links:
            cm = _CODE_IN_URL_RE.search(url) or _CODE_IN_TEXT_RE.search(label)
            if cm is not None:
                codes.append(cm.group(1))
        if not links:
            codes = _CODE_IN_TEXT_RE.findall(value)
        if not codes:
            if is_placeholder(value):
                _placeholder(diag, "the subject list", line, where)
            else:
                extra_fields.append(("subjects", normalize_space(value)))
                diag.report(
                    DefectKind.UNKNOWN_CATEGORY,
                    "subjects without category codes (kept as text)",
                    line=line.lineno,
                    snippet=value,
                    where=where,
                )
            return []
        for code in codes:
            if not is_known(code):
                diag.report(
                    DefectKind.UNKNOWN_CATEGORY,
                    f"{code!r} is not an arXiv category (kept as given)",
                    line=line.lineno,
                    snippet=code,
                    where=where,
                )
        return codes

    @staticmethod
    def _published(
        field: object, diag: Diagnostics, where: str, extra_fields: list[tuple[str, str]]
    ) -> _dt.datetime | None:
        if not isinstance(field, tuple):
            return None
        value, line = field
        published = parse_published(value)
        if published is not None:
            return published
        if is_placeholder(value):
            _placeholder(diag, "the publish time", line, where)
            return None
        extra_fields.append(("publish", normalize_space(value)))
        diag.report(
            DefectKind.BAD_DATE,
            "publish time is not 'YYYY-MM-DD HH:MM:SS UTC' (kept as text)",
            line=line.lineno,
            snippet=value,
            where=where,
        )
        return None

    @staticmethod
    def _comments(field: object, diag: Diagnostics, where: str) -> str | None:
        if not isinstance(field, tuple):
            return None
        value, line = field
        if is_placeholder(value):
            _placeholder(diag, "the comments", line, where)
            return None
        return normalize_space(value)
