"""The arXivDaily dialect ("arXiv每日学术速递" pages saved as text): parse and render.

Grammar (one content line each; blank lines between them are layout)::

    arXivDaily arXiv每日学术速递 周一至周五更新          header
    AI 大模型 / 语言大模型 / LLM / description        topic pages: group, topic, description
    今日/当前日期收录 11 信号源:cs.CL, cs.AI          count line (topic pages)
    全部学科分类 54                                   total line (all-subjects pages)
    重置 / 专题追踪 / Q-FIN定量金融54                  residue and subject header (filtered pages)
    1. 统计理论与方法 3 篇                            numbered sub-heading (a section)
    2606.19348 2026-06-19 cs.CL cs.AI 新提交 95%      id line: id, listing date, categories,
                                                      [announce label], [score]
    English title / 中文标题 / Author, Author, ...
    发表机构 * Name(中文名) Name Name(中文名)          optional
    专题命中 TOPIC :REASON                            optional
    AI总结 ...                                        optional
    Comments ...                                      optional (or after 详情 as a bare
                                                      "Comments" line and a text line)
    详情 / AI中文摘要 / Chinese abstract / 英文摘要 / English abstract

Structural punctuation may be ASCII or full-width (``:``/``：``, ``(``/``（``,
``, ``/``，``); it parses to the same structure, and the entry's layout remembers the
width so the text is written back as it was.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence

import attrs

from ..._diag import Diagnostics
from ...announce import AnnounceType
from ...errors import DefectKind
from ...ids import ArxivId
from ...lang import detect_language
from ...records import Author, Paper
from ...text import normalize_space
from ._lines import ContentLine, SplitText, join_lines, split_text
from .records import (
    CountLine,
    Digest,
    DigestEntry,
    DigestLayout,
    EntryLayout,
    Institution,
    Section,
    SubjectHeader,
    TopicHit,
)

__all__ = ["DEFAULT_INSTITUTIONS", "looks_like", "parse", "render"]

DIALECT = "arxivdaily"

#: Institutions that appear without a Chinese gloss and never begin a longer name, so an
#: affiliation line may be split after them (``EleutherAI KAIST AI(...)``). Extend per call
#: with ``parse_digest(..., institutions=[...])``.
DEFAULT_INSTITUTIONS: tuple[str, ...] = (
    "EleutherAI",
    "GitHub",
    "OpenAI",
    "Anthropic",
    "Hugging Face",
    "HuggingFace",
    "Cohere",
    "Allen Institute for AI",
    "AI2",
    "Mistral AI",
    "Stability AI",
    "LAION",
    "Sakana AI",
    "xAI",
    "Zhipu AI",
    "Moonshot AI",
    "MiniMax",
    "DeepSeek-AI",
    "Independent Researcher",
    "Independent Research",
)

# -- line patterns --------------------------------------------------------------------

_ID_LINE_RE = re.compile(r"(\S+) ([0-9]{4}-[0-9]{2}-[0-9]{2})(?: (.*))?")
_CATEGORY_RE = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?")
_SCORE_RE = re.compile(r"([0-9]{1,3})%")
_COUNT_RE = re.compile(r"(.*?收录)\s*([0-9]+)\s*信号源\s*([:：])\s*(.*)")
_TOTAL_RE = re.compile(r"(全部学科分类)\s*([0-9]+)")
_SUBJECT_RE = re.compile(r"([A-Za-z][A-Za-z.-]*?)([\u4e00-\u9fff][^0-9]*?)([0-9]+)")
_NUMBERED_RE = re.compile(r"([0-9]+)\.\s*(.+?)\s*([0-9]+)\s*篇")
_RESIDUE = frozenset({"重置", "专题追踪", "全部", "筛选", "加载更多", "返回顶部", "收起", "展开"})
_AFFIL_RE = re.compile(r"发表机构\s*\*\s*(.*)")
_HIT_RE = re.compile(r"专题命中\s*(.*)")
_SUMMARY_RE = re.compile(r"AI总结(?:\s+(.*)|)")
_COMMENTS_RE = re.compile(r"Comments(?:\s+(.*)|)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_ORGISH_RE = re.compile(r"(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{3,})")

_DETAILS = "详情"
_ZH_LABEL = "AI中文摘要"
_EN_LABEL = "英文摘要"
_MARKED_ROLES = ("affiliations", "topic_hit", "summary", "comments")


def looks_like(head: str) -> bool:
    """True when the start of a text looks like an arXivDaily page."""
    if "arXivDaily" in head or ("arXiv每日学术速递" in head and _EN_LABEL in head):
        return True
    return _ZH_LABEL in head and _EN_LABEL in head and _DETAILS in head


# -- helpers ------------------------------------------------------------------------


def _is_id_line(text: str) -> re.Match[str] | None:
    m = _ID_LINE_RE.fullmatch(text)
    if m is None or ArxivId.try_parse(m.group(1)) is None:
        return None
    return m


def _split_authors(text: str) -> tuple[list[str], bool]:
    fullwidth = "，" in text and ", " not in text
    parts = re.split(r"\s*[，,]\s*", text.strip())
    return [normalize_space(p) for p in parts if p.strip()], fullwidth


def _render_authors(names: Sequence[str], fullwidth: bool) -> str:
    return ("，" if fullwidth else ", ").join(names)


def _find_close(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at ``start`` (either width), or -1."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c in "(（":
            depth += 1
        elif c in ")）":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _lexicon_split(part: str, lexicon: Sequence[str]) -> list[str]:
    """Split known stand-alone institution names off the front of ``part``."""
    pieces: list[str] = []
    rest = part
    while True:
        for name in lexicon:
            if rest.startswith(name + " ") and rest[len(name) + 1 :][:1].isupper():
                pieces.append(name)
                rest = rest[len(name) + 1 :]
                break
        else:
            break
    if rest:
        pieces.append(rest)
    return pieces


def split_institutions(
    text: str, lexicon: Sequence[str] = DEFAULT_INSTITUTIONS
) -> tuple[list[Institution], list[str], bool]:
    """Institutions of an affiliation line, the ambiguous parts, and the paren width.

    >>> insts, ambiguous, fw = split_institutions(
    ...     "MATS Program(MATS项目) EleutherAI KAIST AI(韩国科学技术院人工智能学院)")
    >>> [(i.name, i.name_zh) for i in insts]
    [('MATS Program', 'MATS项目'), ('EleutherAI', None), ('KAIST AI', '韩国科学技术院人工智能学院')]
    """
    items: list[Institution] = []
    ambiguous: list[str] = []
    full = half = 0
    pos = 0
    n = len(text)
    lex = sorted(lexicon, key=len, reverse=True)

    def emit(part: str, zh: str | None) -> None:
        part = part.strip()
        if not part:
            if zh is not None:
                items.append(Institution("", normalize_space(zh)))
            return
        pieces = _lexicon_split(part, lex)
        last = pieces[-1]
        if len(_ORGISH_RE.findall(last)) >= 2 and " " in last:
            ambiguous.append(last)
        for piece in pieces[:-1]:
            items.append(Institution(normalize_space(piece)))
        items.append(Institution(normalize_space(last), normalize_space(zh) if zh else zh))

    i = 0
    while i < n:
        c = text[i]
        if c in "(（" and i > pos and not text[i - 1].isspace():
            close = _find_close(text, i)
            if close != -1 and _HAN_RE.search(text, i, close):
                if c == "（":
                    full += 1
                else:
                    half += 1
                emit(text[pos:i], text[i + 1 : close])
                pos = close + 1
                i = pos
                continue
            if close != -1:
                i = close + 1
                continue
        i += 1
    if pos < n:
        emit(text[pos:], None)
    return items, ambiguous, full > half


def _render_institutions(insts: Iterable[Institution], fullwidth: bool) -> str:
    o, c = ("（", "）") if fullwidth else ("(", ")")
    return " ".join(
        f"{i.name}{o}{i.name_zh}{c}" if i.name_zh is not None else i.name for i in insts
    )


def _split_hit(text: str) -> tuple[str, str | None, bool]:
    m = re.match(r"(.*?)\s*([:：])\s*(.*)", text)
    if m is None:
        return normalize_space(text), None, False
    return normalize_space(m.group(1)), normalize_space(m.group(3)), m.group(2) == "："


# -- canonical rendering of one entry ------------------------------------------------


def _canonical_roles(entry: DigestEntry) -> list[str]:
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
        return "发表机构 * " + _render_institutions(entry.institutions, fw)
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


def _entry_lines(entry: DigestEntry) -> tuple[list[str], list[str]]:
    """The content lines of an entry and their roles, layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else _canonical_roles(entry)
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


# -- the document ---------------------------------------------------------------------


def _default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None:
        return ()
    if prev == "details" and role == "abstract_zh_label":
        return ()
    if role == "id" and prev in ("count", "total"):
        return ()
    return ("",)


def _canonical_preamble(d: Digest) -> list[str]:
    roles = []
    if d.header is not None:
        roles.append("header")
    roles += ["residue"] * len(d.residue)
    if d.subject is not None:
        roles.append("subject")
    for name, value in (
        ("group", d.group),
        ("topic", d.topic),
        ("description", d.topic_description),
    ):
        if value is not None:
            roles.append(name)
    if d.count_line is not None:
        roles.append("count")
    if d.total is not None:
        roles.append("total")
    roles += ["preamble_extra"] * len(d.preamble_extra)
    return roles


def _preamble_text(d: Digest, role: str, k: int) -> str:
    if role == "header":
        return d.header or ""
    if role == "residue":
        return d.residue[k]
    if role == "preamble_extra":
        return d.preamble_extra[k]
    if role == "subject":
        s = d.subject
        assert s is not None
        return f"{s.code}{s.name_zh}{s.count}"
    if role == "group":
        return d.group or ""
    if role == "topic":
        return d.topic or ""
    if role == "description":
        return d.topic_description or ""
    if role == "count":
        c = d.count_line
        assert c is not None
        colon, sep = ("：", "，") if c.fullwidth else (":", ", ")
        return f"{c.label} {c.count} 信号源{colon}{sep.join(c.sources)}"
    if role == "total":
        return f"{d.total_label or '全部学科分类'} {d.total}"
    return ""


def _section_text(s: Section) -> str:
    if s.code is not None:
        return f"{s.code}{s.title}{s.declared_count if s.declared_count is not None else ''}"
    count = f" {s.declared_count} 篇" if s.declared_count is not None else ""
    return f"{s.number}. {s.title}{count}"


def _document_lines(d: Digest) -> tuple[list[str], list[str]]:
    """Canonical content lines of the whole document and their roles (entry layouts applied)."""
    lines: list[str] = []
    roles: list[str] = []
    counters: dict[str, int] = {}
    for role in d.layout.preamble_order or _canonical_preamble(d):
        k = counters.get(role, 0)
        counters[role] = k + 1
        lines.append(_preamble_text(d, role, k))
        roles.append(role)
    by_start: dict[int, list[Section]] = {}
    for s in d.sections:
        by_start.setdefault(s.first_entry, []).append(s)

    def add_sections(index: int) -> None:
        for s in by_start.get(index, ()):
            lines.append(_section_text(s))
            roles.append("section")
            lines.extend(s.notes)
            roles.extend(["section_note"] * len(s.notes))

    for index, entry in enumerate(d.entries):
        add_sections(index)
        entry_lines, entry_roles = _entry_lines(entry)
        lines += entry_lines
        roles += entry_roles
    add_sections(len(d.entries))
    return lines, roles


def render(d: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as text."""
    lines, roles = _document_lines(d)
    if d.layout.verbatim:
        verbatim = dict(d.layout.verbatim)
        lines = [verbatim.get(i, line) for i, line in enumerate(lines)]
    text = join_lines(
        lines, roles, _default_gap, dict(d.layout.gaps), d.layout.tail, d.layout.newline
    )
    return ("\ufeff" + text) if d.layout.bom else text


# -- parsing ----------------------------------------------------------------------


class _EntryBuilder:
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
                authors = [Author(name) for name in names]
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

        paper = Paper(
            id=paper_id,
            title=fields.get("title"),
            authors=tuple(authors),
            abstract=fields.get("abstract"),
            comments=fields.get("comments"),
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
        entry = _with_exact_layout(entry, self.lines, self.roles)
        if languages:
            entry = _tag_languages(entry)
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


def _with_exact_layout(
    entry: DigestEntry, lines: Sequence[ContentLine], roles: Sequence[str]
) -> DigestEntry:
    """Record the order and the exact text of lines the canonical rendering would change."""
    canonical = _canonical_roles(entry)
    order: tuple[str, ...] = () if list(roles) == canonical else tuple(roles)
    probe = attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order))
    rendered, _ = _entry_lines(probe)
    verbatim = tuple(
        (i, line.text)
        for i, (line, text) in enumerate(zip(lines, rendered, strict=True))
        if line.text != text
    )
    if not order and not verbatim:
        return entry
    return attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order, verbatim=verbatim))


def _tag_languages(entry: DigestEntry) -> DigestEntry:
    p = entry.paper
    tags = []
    for name, value in (
        ("title", p.title),
        ("title_zh", entry.title_zh),
        ("ai_summary", entry.ai_summary),
        ("comments", p.comments),
        ("abstract_zh", entry.abstract_zh),
        ("abstract", p.abstract),
    ):
        lang = detect_language(value)
        if lang is not None:
            tags.append((name, lang))
    return attrs.evolve(entry, languages=tuple(tags))


def _classify_preamble(text: str, first: bool) -> tuple[str, re.Match[str] | None]:
    if first:
        return "header", None
    for role, pattern in (("count", _COUNT_RE), ("total", _TOTAL_RE)):
        m = pattern.fullmatch(text)
        if m is not None:
            return role, m
    if text in _RESIDUE:
        return "residue", None
    m = _NUMBERED_RE.fullmatch(text)
    if m is not None:
        return "section", m
    m = _SUBJECT_RE.fullmatch(text)
    if m is not None:
        return "subject", m
    return "heading", None


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse arXivDaily text (already decoded, BOM removed) into a :class:`Digest`."""
    split = split_text(text)
    if split.mixed_newlines:
        diag.report(
            DefectKind.INCONSISTENT,
            "mixed CRLF and LF line endings; rendering writes LF throughout",
            line=1,
        )
    lines = split.lines
    values: dict[str, object] = {}
    residue: list[str] = []
    preamble_extra: list[str] = []
    headings: list[str] = []
    preamble_roles: list[str] = []
    sections: list[Section] = []
    i = 0
    while i < len(lines) and _is_id_line(lines[i].text.strip()) is None:
        line = lines[i]
        text_i = line.text.strip()
        role, m = _classify_preamble(text_i, i == 0 and not _looks_structural(text_i))
        if role == "header":
            values["header"] = normalize_space(text_i)
        elif role == "count" and m is not None and "count_line" not in values:
            sources = tuple(s for s in re.split(r"\s*[，,、]\s*", m.group(4).strip()) if s)
            values["count_line"] = CountLine(
                normalize_space(m.group(1)), int(m.group(2)), sources, m.group(3) == "："
            )
        elif role == "total" and m is not None and "total" not in values:
            values["total_label"] = m.group(1)
            values["total"] = int(m.group(2))
        elif role == "residue":
            residue.append(text_i)
        elif role == "section" and m is not None:
            sections.append(
                Section(
                    normalize_space(m.group(2)),
                    0,
                    number=int(m.group(1)),
                    declared_count=int(m.group(3)),
                )
            )
        elif role == "subject" and m is not None and "subject" not in values:
            values["subject"] = SubjectHeader(m.group(1), m.group(2), int(m.group(3)))
        elif role == "heading" and len(headings) < 3:
            headings.append(normalize_space(text_i))
            role = ("group", "topic", "description")[len(headings) - 1]
        else:
            role = "preamble_extra"
            preamble_extra.append(line.text)
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "line before the first entry not understood (kept as written)",
                line=line.lineno,
                snippet=line.text,
                where="preamble",
            )
        if role != "section":
            preamble_roles.append(role)
        i += 1
    if headings:
        values["group"] = headings[0]
    if len(headings) > 1:
        values["topic"] = headings[1]
    if len(headings) > 2:
        values["topic_description"] = headings[2]

    builders: list[_EntryBuilder] = []
    current: _EntryBuilder | None = None
    open_section: list[str] | None = None  # notes of a sub-heading awaiting its first entry
    while i < len(lines):
        line = lines[i]
        text_i = line.text.strip()
        i += 1
        m = _is_id_line(text_i)
        if m is not None:
            _close_section(sections, open_section)
            open_section = None
            current = _EntryBuilder(line, m, len(builders))
            builders.append(current)
            continue
        if current is None or current.state == "en":
            section = _section_line(text_i, len(builders))
            if section is not None:
                _close_section(sections, open_section)
                sections.append(section)
                open_section = []
                continue
        if open_section is not None:
            open_section.append(line.text)
            continue
        if current is None:  # only reachable before any entry: handled by the preamble
            preamble_extra.append(line.text)
            continue
        current.add(line)
    _close_section(sections, open_section)

    entries = [
        b.build(diag, institutions, k == len(builders) - 1, languages)
        for k, b in enumerate(builders)
    ]
    digest = Digest(
        dialect=DIALECT,
        entries=tuple(entries),
        residue=tuple(residue),
        preamble_extra=tuple(preamble_extra),
        sections=tuple(sections),
        encoding=encoding,
        **values,  # type: ignore[arg-type]
    )
    # Layout: what the canonical rendering would not reproduce.
    canonical_preamble = _canonical_preamble(digest)
    preamble_order = () if preamble_roles == canonical_preamble else tuple(preamble_roles)
    layout = DigestLayout(
        newline=split.newline,
        bom=bom,
        tail=split.tail,
        preamble_order=preamble_order,
    )
    digest = attrs.evolve(digest, layout=layout)
    digest = _exact_document_layout(digest, split, diag)
    _check_counts(digest, diag)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _looks_structural(text: str) -> bool:
    return bool(_COUNT_RE.fullmatch(text) or _TOTAL_RE.fullmatch(text))


def _section_line(text: str, first_entry: int) -> Section | None:
    m = _NUMBERED_RE.fullmatch(text)
    if m is not None:
        return Section(
            normalize_space(m.group(2)),
            first_entry,
            number=int(m.group(1)),
            declared_count=int(m.group(3)),
        )
    m = _SUBJECT_RE.fullmatch(text)
    if m is not None and len(text) < 40:
        return Section(m.group(2), first_entry, code=m.group(1), declared_count=int(m.group(3)))
    return None


def _close_section(sections: list[Section], notes: list[str] | None) -> None:
    if notes:
        sections[-1] = attrs.evolve(sections[-1], notes=tuple(notes))


def _exact_document_layout(digest: Digest, split: SplitText, diag: Diagnostics) -> Digest:
    """Add the gap and line overrides that make rendering reproduce ``split`` exactly."""
    lines, roles = _document_lines(digest)
    source = [c.text for c in split.lines]
    if len(lines) != len(source):  # a parser bug, not an input problem: say so loudly
        diag.report(
            DefectKind.INCONSISTENT,
            f"internal: {len(source)} content lines read but {len(lines)} would be written;"
            " the text will not round-trip exactly",
            line=1,
        )
    verbatim = tuple((i, s) for i, (s, r) in enumerate(zip(source, lines, strict=False)) if s != r)
    gaps = []
    prev: str | None = None
    for index, role in enumerate(roles):
        want = split.gaps[index] if index < len(split.gaps) else ()
        if want != _default_gap(prev, role):
            gaps.append((index, want))
        prev = role
    return attrs.evolve(
        digest, layout=attrs.evolve(digest.layout, gaps=tuple(gaps), verbatim=verbatim)
    )


def _check_counts(d: Digest, diag: Diagnostics) -> None:
    declared = d.declared_count
    if declared is not None and declared != len(d.entries):
        diag.report(
            DefectKind.COUNT_MISMATCH,
            f"the page declares {declared} papers but {len(d.entries)} entries were found",
            line=1,
            where="preamble",
        )
    bounds = [s.first_entry for s in d.sections] + [len(d.entries)]
    for s, end in zip(d.sections, bounds[1:], strict=True):
        found = end - s.first_entry
        if s.declared_count is not None and s.declared_count != found and s.code is None:
            diag.report(
                DefectKind.COUNT_MISMATCH,
                f"section {s.title!r} declares {s.declared_count} papers, {found} found",
                where=f"section[{s.number}]",
            )
