"""Private: the jekyll generator's per-paper page (``docs/<cat>/<day>/papers/<id>-<slug>.md``).

The page is one entry. Its template, line by line (blank lines are layout)::

    ---  /  layout: default  /  title: "Schoenfeld's …"  /  ---    front matter
    # Title
    <div class="paper-toolbar">                                  arXiv and PDF links,
      <a href="https://arxiv.org/abs/ID" …>📄 arXiv: IDvN</a>      the favourite button
      <a href="https://arxiv.org/pdf/ID.pdf" …>📥 PDF</a>          (title JS-escaped: \\')
      <button … data-arxiv-id="IDvN" … onclick="toggleFavorite(this, 'IDvN', '…')" …>☆ 收藏</button>
      <button class="toolbar-btn" onclick="copyLinkToClipboard(this)">🔗 分享</button>
    </div>
    **作者**: A, B  /  **分类**: cs.CL, cs.AI  /  **发布日期**: 2025-12-23
    **备注**: …  /  **DOI**: [doi](https://doi.org/doi)  /  **🔗 代码/项目**: [GITHUB](url)
    ---
    ## 💡 一句话要点      **headline**  /  🎯 **匹配领域**: **A** **B**  /  **关键词**: `k` `k`
    ## 📋 核心要点        1. … 2. … 3. …
    ## 📝 摘要（中文）     Chinese abstract
    ## 🔬 方法详解        paragraphs (**问题定义**：… )
    ## 🖼️ 关键图片        <div class="paper-figures"> <figure …> <img src="URL" alt="fig_0" …> …
    ## 📊 实验亮点 / ## 🎯 应用场景 / ## 📄 摘要（原文）  > English abstract

Records: ``ai_summary`` (the headline), ``topic_hit`` (the first matched interest; the
others are ``extra_fields["matched_interest"]``), ``keywords``, ``ai_fields`` ``intro``
(one per point), ``method`` (one per paragraph), ``highlight``, ``application``;
``extra_fields["figure"]`` the figure URLs; ``Paper.links`` the abs, PDF and code links.
"""

from __future__ import annotations

import re

import attrs

from ..._build import new_author
from ..._diag import Diagnostics
from ...errors import DefectKind
from ...records import Link, Paper
from ...text import normalize_space
from ._common import is_placeholder, tag_languages
from ._jekyll_common import (
    PAPER,
    entry_exact_layout,
    midnight,
    parse_date,
    read_id,
    read_yaml_scalar,
    shape_token,
)
from ._jekyll_page_template import (
    ABS_RE,
    BODY,
    FAV_RE,
    FIELD_RE,
    FIELDS,
    HEADINGS,
    IMG_RE,
    INTRO_RE,
    LINK_RE,
    MATCHED_RE,
    PDF_RE,
    SHARE,
    canonical_roles,
    default_gap,
    page_lines,
)
from ._lines import ContentLine, join_lines, split_text
from .records import Digest, DigestEntry, DigestLayout, EntryLayout, TopicHit

__all__ = ["parse_paper_page", "render_paper_page"]


def render_paper_page(d: Digest) -> str:
    """The page's text (without a BOM)."""
    lines: list[str] = []
    roles: list[str] = []
    for entry in d.entries:
        lines += page_lines(entry)
        roles += list(entry.layout.order) if entry.layout.order else canonical_roles(entry)
    return join_lines(
        lines, roles, default_gap, dict(d.layout.gaps), d.layout.tail, d.layout.newline
    )


# -- parsing ------------------------------------------------------------------------


def _classify(lines: list[ContentLine]) -> list[str]:
    roles: list[str] = []
    section = "top"
    in_fm = bool(lines) and lines[0].text.strip() == "---"
    for i, line in enumerate(lines):
        text = line.text.strip()
        if in_fm:
            if i == 0:
                role = "fm_open"
            elif text == "---":
                role, in_fm = "fm_close", False
            elif text.startswith("layout:") and "fm_layout" not in roles:
                role = "fm_layout"
            elif text.startswith("title:") and "fm_title" not in roles:
                role = "fm_title"
            else:
                role = "extra"
        elif text in HEADINGS and HEADINGS[text] not in roles:
            section = role = HEADINGS[text]
        else:
            role = _body_role(text, section, roles)
            if role == "toolbar_open":
                section = "toolbar"
            elif role == "toolbar_close":
                section = "top"
        roles.append(role)
    return roles


def _body_role(text: str, section: str, roles: list[str]) -> str:
    if section == "toolbar":
        for role, ok in (
            ("abs_link", ABS_RE.fullmatch(text)),
            ("pdf_link", PDF_RE.fullmatch(text)),
            ("fav", FAV_RE.match(text)),
            ("share", text == SHARE),
            ("toolbar_close", text == "</div>"),
        ):
            if ok and role not in roles:
                return role
        return "extra"
    if section == "top":
        if text.startswith("# ") and "h1" not in roles:
            return "h1"
        if text == '<div class="paper-toolbar">' and "toolbar_open" not in roles:
            return "toolbar_open"
        if text == "---" and "hr" not in roles:
            return "hr"
        m = FIELD_RE.fullmatch(text)
        if m is not None and m.group(1) in FIELDS and FIELDS[m.group(1)] not in roles:
            return FIELDS[m.group(1)]
        return "extra"
    if section == "headline_h":
        m = FIELD_RE.fullmatch(text)
        if m is not None and m.group(1) == "关键词" and "keywords" not in roles:
            return "keywords"
        if MATCHED_RE.fullmatch(text) and "matched" not in roles:
            return "matched"
        if text.startswith("**") and text.endswith("**") and "headline" not in roles:
            return "headline"
        return "extra"
    if section == "intro_h":
        return "intro" if INTRO_RE.fullmatch(text) else "extra"
    if section == "figures_h":
        for role, ok in (
            ("figs_open", text == '<div class="paper-figures">'),
            ("fig_open", text == '<figure class="paper-figure">'),
            ("fig_img", IMG_RE.fullmatch(text)),
            ("fig_close", text == "</figure>"),
            ("figs_close", text == "</div>"),
        ):
            if ok:
                return role
        return "extra"
    if section == "abstract_h":
        return "abstract" if text.startswith(">") else "extra"
    return BODY.get(section, "extra")


def parse_paper_page(
    text: str, diag: Diagnostics, *, languages: bool, bom: bool, encoding: str | None
) -> Digest:
    """Parse one paper page into a one-entry :class:`Digest`."""
    split = split_text(text)
    lines = list(split.lines)
    roles = _classify(lines)
    entry = _build(lines, roles, diag)
    entry = entry_exact_layout(entry, lines, roles, canonical_roles(entry), page_lines)
    if languages:
        entry = tag_languages(entry)
    layout = DigestLayout(
        newline=split.newline, bom=bom, tail=split.tail, preamble_order=shape_token(PAPER)
    )
    digest = Digest("jekyll", entries=(entry,), encoding=encoding, layout=layout)
    gaps = []
    prev: str | None = None
    for index, role in enumerate(roles):
        if split.gaps[index] != default_gap(prev, role):
            gaps.append((index, split.gaps[index]))
        prev = role
    return attrs.evolve(digest, layout=attrs.evolve(layout, gaps=tuple(gaps)))


def _build(lines: list[ContentLine], roles: list[str], diag: Diagnostics) -> DigestEntry:
    where = "entry[1]"
    values: dict[str, str] = {}
    ai_fields: list[tuple[str, str]] = []
    extra_fields: list[tuple[str, str]] = []
    extra: list[str] = []
    zh: list[str] = []
    en: list[str] = []
    for line, role in zip(lines, roles, strict=True):
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
        elif role in ("intro", "method", "highlight", "application"):
            m = INTRO_RE.fullmatch(text) if role == "intro" else None
            value = normalize_space(m.group(2) if m else text)
            if is_placeholder(value):
                diag.report(
                    DefectKind.PLACEHOLDER,
                    f"a {role} line holds no value (read as missing)",
                    line=line.lineno,
                    snippet=line.text,
                    where=where,
                )
            else:
                ai_fields.append((role, value))
        elif role == "fig_img":
            m = IMG_RE.fullmatch(text)
            extra_fields.append(("figure", m.group(1) if m else text))
        elif role == "abstract_zh":
            zh.append(text)
        elif role == "abstract":
            en.append(text[1:].strip())
        else:
            values[role] = text
    return _entry(values, ai_fields, extra_fields, extra, zh, en, diag, lines, roles)


def _entry(
    values: dict[str, str],
    ai_fields: list[tuple[str, str]],
    extra_fields: list[tuple[str, str]],
    extra: list[str],
    zh: list[str],
    en: list[str],
    diag: Diagnostics,
    lines: list[ContentLine],
    roles: list[str],
) -> DigestEntry:
    where = "entry[1]"

    def line_of(role: str) -> ContentLine | None:
        return lines[roles.index(role)] if role in roles else None

    def field(role: str) -> str | None:
        if role not in values:
            return None
        m = FIELD_RE.fullmatch(values[role])
        value = normalize_space(m.group(2)) if m else ""
        if is_placeholder(value):
            line = line_of(role)
            diag.report(
                DefectKind.PLACEHOLDER,
                f"the {role} field holds no value (read as missing)",
                line=line.lineno if line else None,
                snippet=values[role],
                where=where,
            )
            return None
        return value

    title = normalize_space(values["h1"][2:]) if "h1" in values else None
    fm_title = values.get("fm_title")
    if fm_title is not None:
        yaml = read_yaml_scalar(fm_title[len("title:") :])
        if title is None:
            title = normalize_space(yaml) or None
        elif normalize_space(yaml) != title:
            diag.report(
                DefectKind.INCONSISTENT,
                "the front matter's title differs from the page heading (the heading is used)",
                line=lines[roles.index("fm_title")].lineno,
                snippet=fm_title,
                where=where,
            )
    links: list[Link] = []
    abs_m = ABS_RE.fullmatch(values.get("abs_link", ""))
    pdf_m = PDF_RE.fullmatch(values.get("pdf_link", ""))
    fav_m = FAV_RE.match(values.get("fav", ""))
    paper_id = None
    for text in (abs_m.group(2) if abs_m else None, fav_m.group(1) if fav_m else None):
        if text is not None and paper_id is None:
            paper_id = read_id(text)
    if paper_id is None:
        diag.report(DefectKind.BAD_ID, "the page names no valid arXiv id", line=1, where=where)
    if abs_m:
        links.append(Link(abs_m.group(1), rel="alternate"))
    if pdf_m:
        links.append(Link(pdf_m.group(1), type="application/pdf", title="pdf"))
    code = field("code")
    for label, url in LINK_RE.findall(code or ""):
        links.append(Link(url, rel="related", title=label))
    authors = [new_author(n) for n in re.split(r"\s*,\s*", field("authors") or "") if n]
    categories = [c for c in re.split(r"[\s,]+", field("categories") or "") if c]
    published = None
    date_text = field("published")
    if date_text is not None:
        day = parse_date(date_text)
        if day is None:
            diag.report(
                DefectKind.BAD_DATE, "发布日期 is not a date", snippet=date_text, where=where
            )
        else:
            published = midnight(day)
    doi_text = field("doi")
    dois = [m.group(1) for m in [LINK_RE.fullmatch(doi_text or "")] if m] or (
        [doi_text] if doi_text else []
    )
    headline = values.get("headline")
    ai_summary = normalize_space(headline.strip("*")) if headline else None
    if ai_summary is not None and is_placeholder(ai_summary):
        diag.report(DefectKind.PLACEHOLDER, "the headline holds no value", where=where)
        ai_summary = None
    matched = MATCHED_RE.fullmatch(values.get("matched", ""))
    names = re.findall(r"\*\*(.+?)\*\*", matched.group(1)) if matched else []
    topic_hit = TopicHit(normalize_space(names[0])) if names else None
    extra_fields[:0] = [("matched_interest", normalize_space(n)) for n in names[1:]]
    keywords = re.findall(r"`([^`]*)`", field("keywords") or "")
    paper = Paper(
        id=paper_id,
        title=title,
        authors=tuple(authors),
        abstract=_joined(en, diag, "the English abstract"),
        comments=field("comments"),
        dois=tuple(dois),
        categories=tuple(categories),
        published=published,
        links=tuple(links),
    )
    return DigestEntry(
        paper=paper,
        abstract_zh=_joined(zh, diag, "the Chinese abstract"),
        ai_summary=ai_summary,
        topic_hit=topic_hit,
        ai_fields=tuple(ai_fields),
        keywords=tuple(normalize_space(k) for k in keywords),
        extra_fields=tuple(extra_fields),
        layout=EntryLayout(extra=tuple(extra)),
    )


def _joined(parts: list[str], diag: Diagnostics, what: str) -> str | None:
    if not parts:
        return None
    text = normalize_space(" ".join(parts))
    if is_placeholder(text):
        diag.report(DefectKind.PLACEHOLDER, f"{what} holds no value", where="entry[1]")
        return None
    return text
