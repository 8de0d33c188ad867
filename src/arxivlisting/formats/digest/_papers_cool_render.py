"""Private: the canonical rendering of one papers.cool entry, and its exact layout.

The canonical form of an entry (what a digest built from records renders to) is::

    ### [N](abs URL) [escaped title](papers.cool URL)  N 中文标题 [buttons]
    **Authors**: [Name](author-search URL), …     (``**Author**:`` for one name)
    作者：…
    English abstract
    Chinese abstract
    **Subjects**: [English name](https://papers.cool/arxiv/CODE), …
    主题：…
    **Publish**: YYYY-MM-DD HH:MM:SS UTC
    发布：…
    **Comments**: …  /  备注：…  /  **Label**: value (other extra fields)

with one blank line between elements and none before an echo. A parsed entry keeps in
its layout only the role order (when it differs) and the exact text of the lines whose
canonical rendering would differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...taxonomy import get_category
from ._common import entry_exact_layout
from ._lines import ContentLine
from ._papers_cool_fields import AUTHOR_URL, escape_title, format_published
from .records import DigestEntry

__all__ = ["ECHO_ROLES", "RESERVED", "canonical_roles", "entry_lines", "exact_layout"]

#: Roles of echo lines: written right under the line they translate, no blank between.
ECHO_ROLES = frozenset(
    {"title_zh", "authors_zh", "abstract_zh", "subjects_zh", "publish_zh", "comments_zh"}
)
#: extra_fields names the canonical form writes in their own places (not as labelled lines).
RESERVED = frozenset(
    {"buttons", "subjects_zh", "published_zh", "comments_zh", "publish", "subjects"}
)


def _extra(entry: DigestEntry, name: str) -> str | None:
    for key, value in entry.extra_fields:
        if key == name:
            return value
    return None


def _generic_fields(entry: DigestEntry) -> list[tuple[str, str]]:
    return [(k, v) for k, v in entry.extra_fields if k not in RESERVED]


# -- canonical rendering -----------------------------------------------------------


def canonical_roles(entry: DigestEntry) -> list[str]:
    p = entry.paper
    roles = ["heading"]
    if p.authors:
        roles.append("authors")
    if entry.authors_zh is not None:
        roles.append("authors_zh")
    if p.abstract is not None:
        roles.append("abstract")
    if entry.abstract_zh is not None:
        roles.append("abstract_zh")
    if p.categories or _extra(entry, "subjects") is not None:
        roles.append("subjects")
    if _extra(entry, "subjects_zh") is not None:
        roles.append("subjects_zh")
    if p.published is not None or _extra(entry, "publish") is not None:
        roles.append("publish")
    if _extra(entry, "published_zh") is not None:
        roles.append("publish_zh")
    if p.comments is not None:
        roles.append("comments")
    if _extra(entry, "comments_zh") is not None:
        roles.append("comments_zh")
    roles += ["field"] * len(_generic_fields(entry))
    return roles


def _link_href(entry: DigestEntry, rel: str) -> str:
    for link in entry.paper.links:
        if link.rel == rel:
            return link.href
    pid = entry.paper.id
    if pid is None:
        return ""
    return pid.abs_url if rel == "alternate" else f"https://papers.cool/arxiv/{pid}"


def _heading(entry: DigestEntry) -> str:
    p = entry.paper
    number = "" if entry.number is None else str(entry.number)
    title = p.title if p.title is not None else entry.title_zh
    text = f"### [{number}]({_link_href(entry, 'alternate')}) " if number else "### "
    text += f"[{escape_title(title or '')}]({_link_href(entry, 'related')})"
    if p.title is not None and entry.title_zh is not None:
        text += f"  {number} {entry.title_zh}" if number else f"  {entry.title_zh}"
    buttons = _extra(entry, "buttons")
    if buttons is not None:
        text += f" {buttons}"
    return text


def _authors(entry: DigestEntry) -> str:
    names = [a.name for a in entry.paper.authors]
    label = "Author" if len(names) == 1 else "Authors"
    return f"**{label}**: " + ", ".join(f"[{n}]({AUTHOR_URL}{n})" for n in names)


def _subjects(entry: DigestEntry) -> str:
    codes = entry.paper.categories
    if not codes:
        return f"**Subjects**: {_extra(entry, 'subjects') or ''}"
    parts = []
    for code in codes:
        cat = get_category(code)
        parts.append(f"[{cat.name if cat else code}](https://papers.cool/arxiv/{code})")
    return f"**{'Subject' if len(codes) == 1 else 'Subjects'}**: " + ", ".join(parts)


def _publish(entry: DigestEntry) -> str:
    p = entry.paper
    value = format_published(p.published) if p.published else _extra(entry, "publish") or ""
    return f"**Publish**: {value}"


def _role_text(entry: DigestEntry, role: str, generic: list[tuple[str, str]], k: int) -> str:
    p = entry.paper
    base, _, inline = role.partition("+")
    echoes = {
        "authors_zh": ("作者", entry.authors_zh),
        "subjects_zh": ("主题", _extra(entry, "subjects_zh")),
        "publish_zh": ("发布", _extra(entry, "published_zh")),
        "comments_zh": ("备注", _extra(entry, "comments_zh")),
    }
    if base == "heading":
        return _heading(entry)
    if base == "title_zh":
        return entry.title_zh or ""
    if base in echoes:
        label, value = echoes[base]
        return f"{label}：{value or ''}"
    if base == "abstract":
        return p.abstract or ""
    if base == "abstract_zh":
        return entry.abstract_zh or ""
    if base == "field":
        name, value = generic[k] if k < len(generic) else ("", "")
        return f"**{name}**: {value}"
    makers: dict[str, Callable[[DigestEntry], str]] = {
        "authors": _authors,
        "subjects": _subjects,
        "publish": _publish,
        "comments": lambda e: f"**Comments**: {e.paper.comments or ''}",
    }
    text = makers[base](entry) if base in makers else ""
    if inline:
        label, value = echoes[f"{base}_zh"]
        text += f" {label}：{value or ''}"
    return text


def entry_lines(entry: DigestEntry) -> tuple[list[str], list[str]]:
    """The content lines of an entry and their roles, layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else canonical_roles(entry)
    verbatim = dict(layout.verbatim)
    extras = iter(layout.extra)
    generic = _generic_fields(entry)
    lines: list[str] = []
    k = 0
    for index, role in enumerate(roles):
        text = next(extras, "") if role == "extra" else _role_text(entry, role, generic, k)
        k += role == "field"
        lines.append(verbatim.get(index, text))
    return lines, roles


def exact_layout(
    entry: DigestEntry,
    lines: Sequence[ContentLine],
    roles: Sequence[str],
    canonical: Sequence[str],
    render: Callable[[DigestEntry], tuple[list[str], list[str]]],
) -> DigestEntry:
    """``entry`` with the role order and exact texts that make ``render`` give ``lines``."""
    return entry_exact_layout(entry, lines, roles, canonical, lambda e: render(e)[0])
