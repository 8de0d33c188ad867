"""Private: Hugo TOML front matter with ``[[items]]`` tables <-> :class:`Digest`.

Shared by the ``hugo_toml`` dialect and the TOML variant of the ``wechat`` dialect (the
same file layout, with WeChat fields pasted into ``notes``). Layout of a file::

    +++                                         fence
    title = '2026-08-20 科研追新'                Digest.header
    date = 2026-08-20T00:00:00+08:00            Digest.date (the date part)
    draft = false                               Digest.preamble_extra (as written)
    toc = true

    [[items]]                                   one entry per table
    id = "claude-14"                            extra_fields ("id", ...)
    title = "Claude自主设计蛋白质结合剂"           title_zh (see below)
    subtopic = "蛋白设计"                        extra_fields ("subtopic", ...)
    topics = ["自动科研", ...]                   keywords
    research = ["LogicEvolve"]                  extra_fields ("research", ...) each
    source = "新智元"                            extra_fields ("source", ...); 未知 = missing
    summary = "..."                             ai_summary
    paper = "https://arxiv.org/abs/..."         Paper.links (title "paper"; several
                                                  separated by commas) and Paper.id
    code / dataset / link = "..."               Paper.links (title = the key)
    content = "..." / purpose = "..."           ai_fields ("content", ...), ("purpose", ...)
    notes = "..."                               fields read by _hugo_toml_notes; the rest
                                                  of the text: extra_fields ("notes", ...)
    +++
    > 当日精选（由提交工具自动创建）。              Digest.trailer (the Markdown body)

Empty strings and ``未知`` are placeholders: None, with a ``placeholder`` defect. The item
title is the Chinese title unless the notes give one (then it is kept as ``("title",
...)``); an English item title is the paper title when the notes give none. Other keys
are kept as ``(key, value)`` extra fields; statements that cannot be read are kept as
written (entry layout ``extra``) with a defect. Rendering writes every value the way
``tomli_w`` (the tool that writes these files) does; statements written otherwise,
blank-line runs and anything else are kept in the layouts.
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
from ._common import is_placeholder, tag_languages
from ._hugo_toml_notes import Notes, is_chinese, parse_notes, render_notes
from ._hugo_toml_syntax import (
    Raw,
    Unit,
    Value,
    format_key,
    format_value,
)
from .records import DigestEntry, EntryLayout

__all__ = ["KEYS", "ItemBuilder", "entry_notes", "entry_units", "item_title"]

#: The keys of an item, in the order the tool writes them.
KEYS = (
    "id",
    "title",
    "subtopic",
    "topics",
    "research",
    "source",
    "summary",
    "paper",
    "code",
    "dataset",
    "link",
    "content",
    "purpose",
    "notes",
)
_LINK_KEYS = ("code", "dataset", "link")
#: extra_fields names with a place of their own (everything else is an unknown key).
_OWN_EXTRAS = frozenset(
    {"id", "subtopic", "research", "source", "title", "clipped", "headline", "notes"}
    | {"标题", "来源", "链接", "作者", "备注", "摘要"}
)
_URL_SPLIT_RE = re.compile(r"[\s,，]+")


def _extra(entry: DigestEntry, name: str) -> str | None:
    for key, value in entry.extra_fields:
        if key == name:
            return value
    return None


def _link(entry: DigestEntry, title: str) -> str | None:
    for link in entry.paper.links:
        if link.title == title:
            return link.href
    return None


def item_title(entry: DigestEntry) -> str:
    """The text of the item's ``title`` key."""
    return _extra(entry, "title") or entry.title_zh or entry.paper.title or ""


def entry_notes(entry: DigestEntry) -> Notes:
    """The notes fields of ``entry`` (what its ``notes`` string is written from)."""
    p = entry.paper
    label_extras = tuple(
        (k, v) for k, v in entry.extra_fields if k in ("标题", "链接", "作者", "备注", "摘要")
    )
    structured = Notes(
        title_zh=entry.title_zh if _extra(entry, "title") is not None else None,
        link=_link(entry, "链接"),
        authors=tuple(a.name for a in p.authors),
        comments=p.comments,
        abstract_zh=entry.abstract_zh,
        abstract=p.abstract,
        source=_extra(entry, "来源"),
        extras=label_extras,
    )
    return attrs.evolve(
        structured,
        number=entry.number,
        clipped=_extra(entry, "clipped"),
        headline=_extra(entry, "headline"),
        title=p.title if structured.structured else None,
        rest=_extra(entry, "notes"),
    )


def _unknown_extras(entry: DigestEntry) -> list[tuple[str, str]]:
    return [(k, v) for k, v in entry.extra_fields if k not in _OWN_EXTRAS]


def _canonical_roles(entry: DigestEntry) -> list[str]:
    return ["header", *KEYS] + ["key"] * len(_unknown_extras(entry))


def _role_text(entry: DigestEntry, role: str, k: int, style: str) -> str:
    p = entry.paper
    value: str | list[str]
    if role == "header":
        return "[[items]]"
    if role == "key":
        unknown = _unknown_extras(entry)
        name, text = unknown[k] if k < len(unknown) else ("key", "")
        return f"{format_key(name)} = {format_value(text)}"
    if role == "title":
        value = item_title(entry)
    elif role in ("id", "subtopic"):
        value = _extra(entry, role) or ""
    elif role == "source":
        value = _extra(entry, "source") or "未知"
    elif role == "topics":
        value = list(entry.keywords)
    elif role == "research":
        value = [v for key, v in entry.extra_fields if key == "research"]
    elif role == "summary":
        value = entry.ai_summary or ""
    elif role == "paper":
        value = ", ".join(link.href for link in p.links if link.title == "paper")
    elif role in _LINK_KEYS:
        value = _link(entry, role) or ""
    elif role in ("content", "purpose"):
        value = entry.ai_field(role) or ""
    elif role == "notes":
        value = render_notes(entry_notes(entry), style)
    else:
        return ""
    return f"{role} = {format_value(value)}"


def entry_units(entry: DigestEntry, style: str) -> tuple[list[str], list[str]]:
    """The statements of an entry's table and their roles, layout applied."""
    layout = entry.layout
    roles = list(layout.order) if layout.order else _canonical_roles(entry)
    verbatim = dict(layout.verbatim)
    extras = iter(layout.extra)
    texts: list[str] = []
    keys_seen = 0
    for index, role in enumerate(roles):
        if role == "extra":
            text = next(extras, "")
        else:
            text = _role_text(entry, role, keys_seen, style)
            keys_seen += role == "key"
        texts.append(verbatim.get(index, text))
    return texts, roles


# -- parsing an item -------------------------------------------------------------------


class ItemBuilder:
    """Collects the units of one ``[[items]]`` table and turns them into an entry."""

    def __init__(self, header: Unit, index: int) -> None:
        self.units: list[Unit] = [header]
        self.roles: list[str] = ["header"]
        self.index = index
        self.values: dict[str, Unit] = {}

    def add(self, unit: Unit, diag: Diagnostics) -> None:
        where = f"entry[{self.index + 1}]"
        role = "extra"
        if unit.kind == "kv" and unit.key is not None:
            key = unit.key
            if key in self.values:
                diag.report(
                    DefectKind.DUPLICATE_FIELD,
                    f"second {key!r} in an item; the first is used (kept as written)",
                    line=unit.lineno,
                    snippet=unit.text,
                    where=where,
                )
            elif key in KEYS:
                role = key
                self.values[key] = unit
            elif key not in _OWN_EXTRAS and _text_of(unit.value) is not None:
                role = "key"
                self.values[key] = unit
            else:
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    f"item key {key!r} not understood (kept as written)",
                    line=unit.lineno,
                    snippet=unit.text,
                    where=where,
                )
        elif unit.kind != "comment":
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                "statement not understood inside an item (kept as written)",
                line=unit.lineno,
                snippet=unit.text,
                where=where,
            )
        self.units.append(unit)
        self.roles.append(role)

    def build(self, diag: Diagnostics, style: str, languages: bool) -> DigestEntry:
        where = f"entry[{self.index + 1}]"

        def text(key: str) -> str | None:
            unit = self.values.get(key)
            if unit is None:
                return None
            value = _text_of(unit.value)
            if value is None or not isinstance(unit.value, str):
                diag.report(
                    DefectKind.INCONSISTENT,
                    f"{key!r} should be a string (its text is used)",
                    line=unit.lineno,
                    snippet=unit.text,
                    where=where,
                )
            if value is None:
                return None
            value = normalize_space(value)
            if is_placeholder(value):
                diag.report(
                    DefectKind.PLACEHOLDER,
                    f"{key!r} is {value!r}: no value",
                    line=unit.lineno,
                    snippet=unit.text,
                    where=where,
                )
                return None
            return value

        def strings(key: str) -> list[str]:
            unit = self.values.get(key)
            if unit is None:
                return []
            raw = unit.value if isinstance(unit.value, list) else [unit.value]
            out = []
            for item in raw:
                value = _text_of(item)
                if value is None or isinstance(item, list):
                    diag.report(
                        DefectKind.INCONSISTENT,
                        f"{key!r} should list strings",
                        line=unit.lineno,
                        snippet=unit.text,
                        where=where,
                    )
                    continue
                value = normalize_space(value)
                if is_placeholder(value):
                    diag.report(
                        DefectKind.PLACEHOLDER,
                        f"empty element in {key!r}",
                        line=unit.lineno,
                        snippet=unit.text,
                        where=where,
                    )
                    continue
                out.append(value)
            return out

        extras: list[tuple[str, str]] = []
        for key in ("id", "subtopic"):
            value = text(key)
            if value is not None:
                extras.append((key, value))
        extras += [("research", v) for v in strings("research")]
        source = text("source")
        if source is not None:
            extras.append(("source", source))
        links = [Link(u, title="paper") for u in _URL_SPLIT_RE.split(text("paper") or "") if u]
        links += [Link(u, title=k) for k in _LINK_KEYS if (u := text(k)) is not None]
        ai_fields = [(k, v) for k in ("content", "purpose") if (v := text(k)) is not None]

        notes = Notes()
        notes_text = text("notes")
        if notes_text is not None:
            raw_notes = self.values["notes"].value
            notes, empty = parse_notes(raw_notes if isinstance(raw_notes, str) else notes_text)
            for label, _ in empty:
                diag.report(
                    DefectKind.PLACEHOLDER,
                    f"empty {label} field in the notes",
                    line=self.values["notes"].lineno,
                    snippet=label,
                    where=where,
                )
        if notes.link is not None:
            links.append(Link(notes.link, title="链接"))
        title, title_zh = notes.title, notes.title_zh
        t = text("title")
        if t is not None:
            if title_zh is not None:
                if t != title_zh:
                    extras.append(("title", t))
            elif is_chinese(t):
                title_zh = t
            elif title is None:
                title = t
            elif t != title:
                extras.append(("title", t))
        for name, found in (("clipped", notes.clipped), ("headline", notes.headline)):
            if found is not None:
                extras.append((name, found))
        if notes.source is not None:
            extras.append(("来源", notes.source))
        extras += list(notes.extras)
        if notes.rest is not None:
            extras.append(("notes", notes.rest))
        extras += [(u.key or "", _norm_text(u.value)) for u in self._unknown_units()]

        paper = Paper(
            id=_first_id(links),
            title=title,
            authors=tuple(new_author(name) for name in notes.authors),
            abstract=notes.abstract,
            comments=notes.comments,
            links=tuple(links),
        )
        entry = DigestEntry(
            paper=paper,
            title_zh=title_zh,
            abstract_zh=notes.abstract_zh,
            ai_summary=text("summary"),
            number=notes.number,
            ai_fields=tuple(ai_fields),
            keywords=tuple(strings("topics")),
            extra_fields=tuple(extras),
            layout=EntryLayout(
                extra=tuple(
                    u.text for u, r in zip(self.units, self.roles, strict=True) if r == "extra"
                )
            ),
        )
        entry = _with_exact_layout(entry, self.units, self.roles, style)
        return tag_languages(entry) if languages else entry

    def _unknown_units(self) -> list[Unit]:
        return [u for u, r in zip(self.units, self.roles, strict=True) if r == "key"]


def _text_of(value: Value | None) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v for v in value if isinstance(v, str))
    return None


def _norm_text(value: Value | None) -> str:
    return normalize_space(_text_of(value) or "")


def _first_id(links: Sequence[Link]) -> ArxivId | None:
    order = ("paper", "链接", *_LINK_KEYS)
    for title in order:
        for link in links:
            if link.title == title:
                found = ArxivId.try_parse(link.href)
                if found is not None and "arxiv" in link.href.lower():
                    return found
    return None


def _with_exact_layout(
    entry: DigestEntry, units: Sequence[Unit], roles: Sequence[str], style: str
) -> DigestEntry:
    order: tuple[str, ...] = () if list(roles) == _canonical_roles(entry) else tuple(roles)
    probe = attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order))
    rendered, _ = entry_units(probe, style)
    verbatim = tuple(
        (i, u.text) for i, (u, t) in enumerate(zip(units, rendered, strict=True)) if u.text != t
    )
    if not order and not verbatim:
        return entry
    return attrs.evolve(entry, layout=attrs.evolve(entry.layout, order=order, verbatim=verbatim))
