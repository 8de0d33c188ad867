"""Private: one arXivDaily entry: its line roles, canonical rendering and parsing.

An entry is the id line, English and Chinese titles, authors, the optional marked lines
(``发表机构 *``, ``专题命中``, ``AI总结``, ``Comments``), ``详情``, and the two abstracts
under ``AI中文摘要`` and ``英文摘要``. The document module (``arxivdaily``) cuts the
text into entries and assembles the :class:`Digest`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from ..._build import new_author, new_paper
from ..._diag import Diagnostics
from ...announce import AnnounceType
from ...errors import DefectKind
from ...ids import ArxivId
from ...records import Author
from ...text import normalize_space
from ._common import entry_exact_layout, tag_languages
from ._lines import ContentLine
from .institutions import render_institutions, split_institutions
from .records import DigestEntry, EntryLayout, Institution, TopicHit

__all__ = ["EntryBuilder", "canonical_roles", "entry_lines", "is_id_line"]

_ID_LINE_RE = re.compile(r"(\S+) ([0-9]{4}-[0-9]{2}-[0-9]{2})(?: (.*))?")
_CATEGORY_RE = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?")
_SCORE_RE = re.compile(r"([0-9]{1,3})%")
_AFFIL_RE = re.compile(r"发表机构\s*\*\s*(.*)")
_HIT_RE = re.compile(r"专题命中\s*(.*)")
_SUMMARY_RE = re.compile(r"AI总结(?:\s+(.*)|)")
_COMMENTS_RE = re.compile(r"Comments(?:\s+(.*)|)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")

_DETAILS = "详情"
_ZH_LABEL = "AI中文摘要"
_EN_LABEL = "英文摘要"


# -- helpers ------------------------------------------------------------------------


def is_id_line(text: str) -> re.Match[str] | None:
    m = _ID_LINE_RE.fullmatch(text)
    if m is None or ArxivId.try_parse(m.group(1)) is None:
        return None
    return m


_AUTHOR_SEP_RE = re.compile(r"\s*[，,]\s*")


def _split_authors(text: str) -> tuple[list[str], bool]:
    fullwidth = "，" in text and ", " not in text
    parts = _AUTHOR_SEP_RE.split(text.strip())
    if "  " in text or "\t" in text or "\u3000" in text or "\xa0" in text:
        return [normalize_space(p) for p in parts if p.strip()], fullwidth
    return [p for p in parts if p], fullwidth  # already single-spaced and stripped


def _render_authors(names: Sequence[str], fullwidth: bool) -> str:
    return ("，" if fullwidth else ", ").join(names)


def _split_hit(text: str) -> tuple[str, str | None, bool]:
    m = re.match(r"(.*?)\s*([:：])\s*(.*)", text)
    if m is None:
        return normalize_space(text), None, False
    return normalize_space(m.group(1)), normalize_space(m.group(3)), m.group(2) == "："


# -- canonical rendering of one entry ------------------------------------------------


def canonical_roles(entry: DigestEntry) -> list[str]:
    p = entry.paper
    roles = ["id", "title", "title_zh", "authors"]
    if entry.institutions:
        roles.append("affiliations")
    if entry.topic_hit is not None:
        roles.append("topic_hit")
    if entry.ai_summary is not None:
        roles.append("summary")
    after = entry.layout.comments_after_details
    if p.comments is not None and not after:
        roles.append("comments")
    roles.append("details")
    if p.comments is not None and after:
        roles += ["comments_label", "comments_text"]
    roles += ["abstract_zh_label", "abstract_zh", "abstract_label", "abstract"]
    return roles


def _id_line(entry: DigestEntry) -> str:
    parts = []
    if entry.paper.id is not None:
        parts.append(str(entry.paper.id))
    if entry.listing_date is not None:
        parts.append(entry.listing_date.isoformat())
    parts.extend(entry.paper.categories)
    if entry.announce_label is not None:
        parts.append(entry.announce_label)
    if entry.score is not None:
        parts.append(f"{entry.score}%")
    return " ".join(parts)


def _role_text(entry: DigestEntry, role: str) -> str:
    p = entry.paper
    fw = entry.layout.fullwidth
    if role == "id":
        return _id_line(entry)
    if role == "title":
        return p.title or ""
    if role == "title_zh":
        return entry.title_zh or ""
    if role == "authors":
        return _render_authors([a.name for a in p.authors], fw)
    if role == "affiliations":
        return "发表机构 * " + render_institutions(entry.institutions, fw)
    if role == "topic_hit":
        hit = entry.topic_hit
        assert hit is not None
        if hit.reason is None:
            return f"专题命中 {hit.topic}"
        return f"专题命中 {hit.topic} {'：' if fw else ':'}{hit.reason}"
    if role == "summary":
        return f"AI总结 {entry.ai_summary}" if entry.ai_summary else "AI总结"
    if role == "comments":
        return f"Comments {p.comments}" if p.comments else "Comments"
    if role == "comments_label":
        return "Comments"
    if role == "comments_text":
        return p.comments or ""
    if role == "details":
        return _DETAILS
    if role == "abstract_zh_label":
        return _ZH_LABEL
    if role == "abstract_zh":
        return entry.abstract_zh or ""
    if role == "abstract_label":
        return _EN_LABEL
    if role == "abstract":
        return p.abstract or ""
    return ""


def entry_lines(entry: DigestEntry) -> tuple[list[str], list[str]]:
    """The content lines of an entry and their roles, layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else canonical_roles(entry)
    verbatim = dict(layout.verbatim)
    extras = iter(layout.extra)
    lines = []
    for index, role in enumerate(roles):
        if index in verbatim:
            lines.append(verbatim[index])
        elif role == "extra":
            lines.append(next(extras, ""))
        else:
            lines.append(_role_text(entry, role))
    return lines, roles


# -- parsing ----------------------------------------------------------------------


class EntryBuilder:
    """Collects the lines of one entry and turns them into a DigestEntry."""

    def __init__(self, first: ContentLine, match: re.Match[str], index: int) -> None:
        self.lines: list[ContentLine] = [first]
        self.roles: list[str] = ["id"]
        self.match = match
        self.index = index
        self.state = "head"  # head -> marked -> details -> zh -> en

    def add(self, line: ContentLine) -> None:
        text = line.text.strip()
        role = self._role(text)
        self.lines.append(line)
        self.roles.append(role)

    def _role(self, text: str) -> str:
        state = self.state
        if state in ("head", "marked"):
            if _AFFIL_RE.match(text):
                self.state = "marked"
                return "affiliations"
            if text.startswith("专题命中"):
                self.state = "marked"
                return "topic_hit"
            if _SUMMARY_RE.fullmatch(text):
                self.state = "marked"
                return "summary"
            if state == "marked" and _COMMENTS_RE.fullmatch(text):
                return "comments"
            if text == _DETAILS:
                self.state = "details"
                return "details"
            if text == _ZH_LABEL:
                self.state = "zh"
                return "abstract_zh_label"
            if text == _EN_LABEL:
                self.state = "en"
                return "abstract_label"
            if state == "head":
                heads = sum(1 for r in self.roles if r in ("title", "title_zh", "authors", "head"))
                if heads < 3:
                    return "head"
                if _COMMENTS_RE.fullmatch(text):
                    self.state = "marked"
                    return "comments"
            return "extra"
        if state == "details":
            if text == "Comments":
                return "comments_label"
            if self.roles[-1] == "comments_label":
                return "comments_text"
            if _COMMENTS_RE.fullmatch(text) and "comments" not in self.roles:
                return "comments"
            if text == _ZH_LABEL:
                self.state = "zh"
                return "abstract_zh_label"
            if text == _EN_LABEL:
                self.state = "en"
                return "abstract_label"
            return "extra"
        if state == "zh":
            if text == _EN_LABEL:
                self.state = "en"
                return "abstract_label"
            return "abstract_zh"
        return "abstract"

    def build(
        self, diag: Diagnostics, lexicon: Sequence[str], last: bool, languages: bool
    ) -> DigestEntry:
        where = f"entry[{self.index + 1}]"
        first = self.lines[0]
        self._assign_heads(diag, where)
        m = self.match
        paper_id = ArxivId.try_parse(m.group(1))
        try:
            listing_date: _dt.date | None = _dt.date.fromisoformat(m.group(2))
        except ValueError:
            diag.report(
                DefectKind.BAD_DATE,
                "listing date is not a calendar date",
                line=first.lineno,
                snippet=m.group(2),
                where=where,
            )
            listing_date = None
        categories: list[str] = []
        announce_label: str | None = None
        score: int | None = None
        for token in (m.group(3) or "").split():
            sm = _SCORE_RE.fullmatch(token)
            if sm is not None and score is None:
                score = int(sm.group(1))
            elif _CATEGORY_RE.fullmatch(token) and announce_label is None and score is None:
                categories.append(token)
            elif announce_label is None and score is None:
                announce_label = token
            else:
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "unexpected token on the id line (kept in the line's exact text)",
                    line=first.lineno,
                    snippet=token,
                    where=where,
                )
        announce = AnnounceType.from_label(announce_label) if announce_label else None
        if announce_label is not None and announce is None:
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "unknown announce label (kept as written)",
                line=first.lineno,
                snippet=announce_label,
                where=where,
            )

        fields: dict[str, str] = {}
        zh_lines: list[str] = []
        en_lines: list[str] = []
        extra: list[str] = []
        institutions: list[Institution] = []
        authors: list[Author] = []
        fullwidth_votes = [0, 0]
        hit: TopicHit | None = None
        for line, role in zip(self.lines[1:], self.roles[1:], strict=True):
            text = line.text.strip()
            if role == "extra":
                extra.append(line.text)
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "line not understood here (kept as written)",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
            elif role in fields and role not in ("abstract", "abstract_zh"):
                diag.report(
                    DefectKind.DUPLICATE_FIELD,
                    f"second {role} line; the first is used",
                    line=line.lineno,
                    snippet=text,
                    where=where,
                )
            elif role in {"title", "title_zh"}:
                fields[role] = normalize_space(text)
            elif role == "authors":
                fields[role] = text
                names, fw = _split_authors(text)
                authors = list(map(new_author, names))
                fullwidth_votes[fw] += "，" in text or ", " in text
            elif role == "affiliations":
                fields[role] = text
                body = _AFFIL_RE.match(text)
                insts, ambiguous, fw = split_institutions(body.group(1) if body else "", lexicon)
                institutions = insts
                if any(i.name_zh is not None for i in insts):
                    fullwidth_votes[fw] += 1
                for part in ambiguous:
                    diag.report(
                        DefectKind.AMBIGUOUS_AFFILIATION,
                        "institution names without a Chinese gloss cannot be told apart "
                        "(kept as one name; the line is kept exactly)",
                        line=line.lineno,
                        snippet=part,
                        where=where,
                    )
            elif role == "topic_hit":
                fields[role] = text
                hm = _HIT_RE.match(text)
                topic, reason, fw = _split_hit(hm.group(1) if hm else text)
                hit = TopicHit(topic, reason)
                if reason is not None:
                    fullwidth_votes[fw] += 1
            elif role == "summary":
                sm2 = _SUMMARY_RE.fullmatch(text)
                fields[role] = normalize_space(sm2.group(1) or "") if sm2 else ""
            elif role == "comments":
                cm = _COMMENTS_RE.fullmatch(text)
                fields[role] = normalize_space(cm.group(1) or "") if cm else ""
            elif role == "comments_text":
                fields["comments"] = normalize_space(text)
            elif role == "abstract_zh":
                zh_lines.append(text)
            elif role == "abstract":
                en_lines.append(text)
            else:
                fields[role] = text
        if zh_lines:
            fields["abstract_zh"] = normalize_space(" ".join(zh_lines))
        if en_lines:
            fields["abstract"] = normalize_space(" ".join(en_lines))
        self._check_complete(diag, where, last)

        paper = new_paper(  # trusted: tuples, no times
            paper_id,
            fields.get("title"),
            tuple(authors),
            fields.get("abstract"),
            fields.get("comments"),
            categories=tuple(categories),
        )
        layout = EntryLayout(
            fullwidth=fullwidth_votes[1] > fullwidth_votes[0],
            comments_after_details="comments_label" in self.roles,
            extra=tuple(extra),
        )
        entry = DigestEntry(
            paper=paper,
            title_zh=fields.get("title_zh"),
            abstract_zh=fields.get("abstract_zh"),
            ai_summary=fields.get("summary"),
            institutions=tuple(institutions),
            topic_hit=hit,
            score=score,
            announce=announce,
            announce_label=announce_label,
            listing_date=listing_date,
            layout=layout,
        )
        entry = entry_exact_layout(
            entry, self.lines, self.roles, canonical_roles(entry), lambda e: entry_lines(e)[0]
        )
        if languages:
            entry = tag_languages(entry)
        return entry

    def _assign_heads(self, diag: Diagnostics, where: str) -> None:
        """Decide which of the 1-3 unmarked lines after the id are title, title_zh, authors."""
        idx = [i for i, r in enumerate(self.roles) if r == "head"]
        texts = [self.lines[i].text for i in idx]
        if len(idx) == 3:
            names = ["title", "title_zh", "authors"]
        elif len(idx) == 2:
            if _HAN_RE.search(texts[0]):
                names = ["title_zh", "authors"]
            elif _HAN_RE.search(texts[1]):
                names = ["title", "title_zh"]
            else:
                names = ["title", "authors"]
        elif len(idx) == 1:
            names = ["title_zh"] if _HAN_RE.search(texts[0]) else ["title"]
        else:
            names = []
        for i, name in zip(idx, names, strict=True):
            self.roles[i] = name
        for name in ("title", "title_zh", "authors"):
            if name not in names and len(self.lines) > 1:
                diag.report(
                    DefectKind.MISSING_FIELD,
                    f"entry without its {name.replace('_', ' ')} line",
                    line=self.lines[0].lineno,
                    where=where,
                )

    def _check_complete(self, diag: Diagnostics, where: str, last: bool) -> None:
        roles = self.roles
        complete = "abstract" in roles
        if complete:
            return
        if last:
            diag.report(
                DefectKind.TRUNCATED,
                "the text ends inside this entry; it has what was there",
                line=self.lines[-1].lineno,
                snippet=self.lines[-1].text,
                where=where,
            )
            return
        for role, what in (
            ("details", _DETAILS),
            ("abstract_zh_label", _ZH_LABEL),
            ("abstract_label", _EN_LABEL),
        ):
            if role not in roles:
                diag.report(
                    DefectKind.MISSING_FIELD,
                    f"entry without the {what} line",
                    line=self.lines[0].lineno,
                    where=where,
                )
