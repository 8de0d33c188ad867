"""Private: the template of the jekyll generator's paper page, as canonical rendering.

What a page built from records looks like (see ``_jekyll_page`` for the grammar): the
line roles in template order, the text of each role, and the blank lines between them.
"""

from __future__ import annotations

import re

from ...records import Link
from ._jekyll_common import extra_values, js_single, yaml_title
from .records import DigestEntry

__all__ = [
    "ABS_RE",
    "BODY",
    "FAV_RE",
    "FIELDS",
    "FIELD_RE",
    "HEADINGS",
    "IMG_RE",
    "INTRO_RE",
    "LINK_RE",
    "MATCHED_RE",
    "PDF_RE",
    "SHARE",
    "canonical_roles",
    "default_gap",
    "page_lines",
]

HEADINGS = {
    "## 💡 一句话要点": "headline_h",
    "## 📋 核心要点": "intro_h",
    "## 📝 摘要（中文）": "abstract_zh_h",
    "## 🔬 方法详解": "method_h",
    "## 🖼️ 关键图片": "figures_h",
    "## 📊 实验亮点": "highlight_h",
    "## 🎯 应用场景": "application_h",
    "## 📄 摘要（原文）": "abstract_h",
}
_HEADING_TEXT = {role: text for text, role in HEADINGS.items()}
#: Roles of the lines under each heading.
BODY = {
    "abstract_zh_h": "abstract_zh",
    "method_h": "method",
    "highlight_h": "highlight",
    "application_h": "application",
    "abstract_h": "abstract",
}
FIELDS = {
    "作者": "authors",
    "分类": "categories",
    "发布日期": "published",
    "备注": "comments",
    "DOI": "doi",
    "🔗 代码/项目": "code",
    "关键词": "keywords",
}
_FIELD_LABEL = {role: label for label, role in FIELDS.items()}
FIELD_RE = re.compile(r"\*\*(.+?)\*\*:[ \t]*(.*)")
ABS_RE = re.compile(r'<a href="([^"]*)" class="toolbar-btn" target="_blank">📄 arXiv: ([^<]*)</a>')
PDF_RE = re.compile(r'<a href="([^"]*)" class="toolbar-btn" target="_blank">📥 PDF</a>')
FAV_RE = re.compile(r'<button class="toolbar-btn favorite-btn" data-arxiv-id="([^"]*)"')
SHARE = '<button class="toolbar-btn" onclick="copyLinkToClipboard(this)">🔗 分享</button>'
MATCHED_RE = re.compile(r"🎯 \*\*匹配领域\*\*:[ \t]*(.*)")
INTRO_RE = re.compile(r"(\d+)\.\s+(.*)")
IMG_RE = re.compile(r'<img src="([^"]*)" alt="[^"]*" loading="lazy">')
LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_NO_GAP = frozenset(
    {
        "fm_layout",
        "fm_title",
        "fm_close",
        "abs_link",
        "pdf_link",
        "fav",
        "share",
        "toolbar_close",
        "fig_open",
        "fig_img",
        "fig_close",
        "figs_close",
    }
)


# -- canonical rendering ------------------------------------------------------------


def _ai(entry: DigestEntry, name: str) -> list[str]:
    return [value for key, value in entry.ai_fields if key == name]


def canonical_roles(entry: DigestEntry) -> list[str]:
    p = entry.paper
    roles = ["fm_open", "fm_layout", "fm_title", "fm_close", "h1"]
    roles += ["toolbar_open", "abs_link", "pdf_link", "fav", "share", "toolbar_close"]
    present = {
        "authors": bool(p.authors),
        "categories": bool(p.categories),
        "published": p.published is not None,
        "comments": p.comments is not None,
        "doi": bool(p.dois),
        "code": bool(_code_links(entry)),
    }
    roles += [role for role, here in present.items() if here]
    roles.append("hr")
    head = [entry.ai_summary is not None, entry.topic_hit is not None, bool(entry.keywords)]
    if any(head):
        roles.append("headline_h")
        roles += [
            r for r, here in zip(("headline", "matched", "keywords"), head, strict=True) if here
        ]
    for heading, body, values in (
        ("intro_h", "intro", _ai(entry, "intro")),
        ("abstract_zh_h", "abstract_zh", [entry.abstract_zh] if entry.abstract_zh else []),
        ("method_h", "method", _ai(entry, "method")),
    ):
        if values:
            roles += [heading] + [body] * len(values)
    figures = extra_values(entry, "figure")
    if figures:
        roles += ["figures_h", "figs_open"]
        roles += ["fig_open", "fig_img", "fig_close"] * len(figures) + ["figs_close"]
    for heading, body, values in (
        ("highlight_h", "highlight", _ai(entry, "highlight")),
        ("application_h", "application", _ai(entry, "application")),
        ("abstract_h", "abstract", [p.abstract] if p.abstract else []),
    ):
        if values:
            roles += [heading] + [body] * len(values)
    return roles


def _code_links(entry: DigestEntry) -> list[Link]:
    return [link for link in entry.paper.links if link.rel == "related"]


def _href(entry: DigestEntry, which: str) -> str:
    for link in entry.paper.links:
        if (which == "abs" and link.rel == "alternate") or (which == "pdf" and link.title == "pdf"):
            return link.href
    pid = entry.paper.id
    if pid is None:
        return ""
    base = pid.unversioned
    return (
        f"https://arxiv.org/abs/{base}" if which == "abs" else f"https://arxiv.org/pdf/{base}.pdf"
    )


def _field(entry: DigestEntry, role: str) -> str:
    p = entry.paper
    value = {
        "authors": lambda: ", ".join(a.name for a in p.authors),
        "categories": lambda: ", ".join(p.categories),
        "published": lambda: p.published.date().isoformat() if p.published else "",
        "comments": lambda: p.comments or "",
        "doi": lambda: f"[{p.dois[0]}](https://doi.org/{p.dois[0]})" if p.dois else "",
        "code": lambda: " | ".join(f"[{x.title or ''}]({x.href})" for x in _code_links(entry)),
        "keywords": lambda: " ".join(f"`{k}`" for k in entry.keywords),
    }[role]()
    return f"**{_FIELD_LABEL[role]}**: {value}"


def _fixed(entry: DigestEntry, role: str) -> str | None:
    p = entry.paper
    pid = "" if p.id is None else str(p.id)
    title = p.title or ""
    texts = {
        "fm_open": "---",
        "fm_layout": "layout: default",
        "fm_title": f"title: {yaml_title(title)}",
        "fm_close": "---",
        "h1": f"# {title}",
        "toolbar_open": '<div class="paper-toolbar">',
        "abs_link": f'  <a href="{_href(entry, "abs")}" class="toolbar-btn" target="_blank">'
        f"📄 arXiv: {pid}</a>",
        "pdf_link": f'  <a href="{_href(entry, "pdf")}" class="toolbar-btn" target="_blank">'
        "📥 PDF</a>",
        "fav": f'  <button class="toolbar-btn favorite-btn" data-arxiv-id="{pid}" '
        f'data-paper-url="__CURRENT_PAGE__" onclick="toggleFavorite(this, \'{pid}\', '
        f'\'{js_single(title)}\')" title="添加到收藏夹">☆ 收藏</button>',
        "share": f"  {SHARE}",
        "toolbar_close": "</div>",
        "hr": "---",
        "figs_open": '<div class="paper-figures">',
        "fig_open": '<figure class="paper-figure">',
        "fig_close": "</figure>",
        "figs_close": "</div>",
        "headline": f"**{entry.ai_summary or ''}**",
    }
    return texts.get(role)


def page_lines(entry: DigestEntry) -> list[str]:
    """The content lines of a paper page, the entry's layout applied."""
    roles = list(entry.layout.order) if entry.layout.order else canonical_roles(entry)
    verbatim = dict(entry.layout.verbatim)
    queues: dict[str, list[str]] = {
        "intro": _ai(entry, "intro"),
        "method": _ai(entry, "method"),
        "highlight": _ai(entry, "highlight"),
        "application": _ai(entry, "application"),
        "fig_img": extra_values(entry, "figure"),
        "extra": list(entry.layout.extra),
    }
    used = dict.fromkeys(queues, 0)
    lines = []
    for index, role in enumerate(roles):
        text = _fixed(entry, role)
        if text is None:
            text = _role_text(entry, role, queues, used)
        lines.append(verbatim.get(index, text))
    return lines


def _role_text(
    entry: DigestEntry, role: str, queues: dict[str, list[str]], used: dict[str, int]
) -> str:
    if role in _HEADING_TEXT:
        return _HEADING_TEXT[role]
    if role in _FIELD_LABEL:
        return _field(entry, role)
    if role in queues:
        k = used[role]
        used[role] += 1
        value = queues[role][k] if k < len(queues[role]) else ""
        if role == "intro":
            return f"{k + 1}. {value}"
        if role == "fig_img":
            return f'<img src="{value}" alt="fig_{k}" loading="lazy">'
        return value
    if role == "matched":
        names = [entry.topic_hit.topic] if entry.topic_hit else []
        names += extra_values(entry, "matched_interest")
        return "🎯 **匹配领域**: " + " ".join(f"**{n}**" for n in names)
    if role == "abstract_zh":
        return entry.abstract_zh or ""
    if role == "abstract":
        return f"> {entry.paper.abstract or ''}"
    return ""


def default_gap(prev: str | None, role: str) -> tuple[str, ...]:
    if prev is None or role in _NO_GAP or (role == prev == "intro"):
        return ()
    if prev == "toolbar_close":
        return ("", "")
    return ("",)
