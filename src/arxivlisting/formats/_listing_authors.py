"""Private: authors and their affiliations from the text around author names.

Listing pages link each author name; the text between the links holds the separators
(", ", " and "), affiliations in parentheses, enumerated references such as "(1 and 2)"
and, after the last name, the legend "((1) NAOJ, (2) University of Tsukuba)". The same
links give the names; the author-line parser (:mod:`arxivlisting.authors`) reads lines
that hold no links.

One parenthesised group is one affiliation (arXiv's own author-line rule): a comma inside
"(MPIfR, Germany)" does not split it. Enumerated references are resolved through the
legend; a reference the legend lacks is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Author
from ..text import normalize_space

__all__ = [
    "assign_affiliations",
    "locate_names",
    "top_level_groups",
]

_REFS_RE = re.compile(r"[0-9]{1,3}(?:\s*(?:,\s*and|,|and|&)\s*[0-9]{1,3})*", re.ASCII)
_REF_RE = re.compile(r"[0-9]{1,3}", re.ASCII)
_LEGEND_KEY_RE = re.compile(r"\(\s*([0-9]{1,3})\s*\)", re.ASCII)
#: Words that may stand between author names without belonging to either.
_JOINERS = frozenset({"and", "the", "for", "on", "behalf", "of", "with", "&"})
_WORD_RE = re.compile(r"[^\s,;:.()&]+|&")
_SEPARATOR_CHARS = " ,;\n\t\r"


def top_level_groups(text: str) -> tuple[list[str], str]:
    """The contents of the top-level ``(...)`` groups in ``text``, and the rest of it.

    An unclosed group runs to the end of the text.
    """
    opening = text.find("(")
    if opening < 0:
        return [], text
    closing = text.find(")", opening)
    if closing > 0 and text.count("(") == 1 and text.count(")") == 1:  # the common case
        return [text[opening + 1 : closing]], text[:opening] + text[closing + 1 :]
    groups: list[str] = []
    rest: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
        elif depth == 0:
            rest.append(ch)
    if depth > 0:
        groups.append(text[start:])
    return groups, "".join(rest)


def _legend(content: str) -> dict[str, str] | None:
    """``{"1": "NAOJ", ...}`` when ``content`` is an enumerated legend, else None."""
    if _LEGEND_KEY_RE.match(content.lstrip()) is None:
        return None
    marks = []
    depth = 0
    i = 0
    while i < len(content):
        ch = content[i]
        if ch == "(" and depth == 0:
            m = _LEGEND_KEY_RE.match(content, i)
            if m is not None:
                marks.append(m)
                i = m.end()
                continue
        if ch == "(":
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
        i += 1
    legend: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(content)
        text = normalize_space(content[m.end() : end]).rstrip(",;").strip()
        if text.endswith(" and"):
            text = text[:-4].rstrip(",; ")
        legend.setdefault(m.group(1), text)
    return legend


def assign_affiliations(
    names: Sequence[str], segments: Sequence[str], truncated: bool = False
) -> tuple[list[Author], list[tuple[str, str]]]:
    """Authors from ``names`` and the text pieces around them.

    ``segments[i]`` is the text before ``names[i]``; ``segments[-1]`` follows the last
    name (so there is one more segment than names). Returns the authors and a list of
    ``(kind, text)`` problems: ``"reference"`` for an enumerated reference without a
    legend entry (not reported when ``truncated``: the legend was cut with the names),
    ``"stray"`` for words between names that belong to no author.
    """
    problems: list[tuple[str, str]] = []
    per_author: list[list[tuple[bool, str]]] = [[] for _ in names]
    legend: dict[str, str] = {}
    for i, seg in enumerate(segments):
        if "(" not in seg and seg.strip(_SEPARATOR_CHARS) in ("", "and"):
            continue  # ", " and the like: the common case
        groups, rest = top_level_groups(seg)
        owner = i - 1  # groups after a name belong to it
        for content in groups:
            found = _legend(content)
            if found is not None:
                for key, value in found.items():
                    legend.setdefault(key, value)
                continue
            if owner < 0:
                problems.append(("stray", f"({content})"))
                continue
            stripped = content.strip()
            if _REFS_RE.fullmatch(stripped):
                per_author[owner].append((True, stripped))
            else:
                per_author[owner].append((False, normalize_space(content)))
        words = [w for w in _WORD_RE.findall(rest) if w.lower() not in _JOINERS]
        if words:
            problems.append(("stray", normalize_space(rest)))
    authors = []
    for name, parts in zip(names, per_author, strict=True):
        if not parts:
            authors.append(Author(name))
            continue
        affiliations: list[str] = []
        for is_ref, value in parts:
            if not is_ref:
                affiliations.append(value)
                continue
            for key in _REF_RE.findall(value):
                resolved = legend.get(key)
                if resolved is not None:
                    affiliations.append(resolved)
                elif not truncated:
                    problems.append(("reference", f"{name} ({value})"))
        authors.append(Author(name, tuple(affiliations)))
    return authors, problems


def locate_names(text: str, names: Sequence[str]) -> list[tuple[int, int]] | None:
    """Spans of ``names`` found in order in ``text``, outside parentheses and on word
    boundaries; None when a name cannot be placed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for name in names:
        if not name:
            return None
        found = -1
        start = pos
        while True:
            k = text.find(name, start)
            if k < 0:
                break
            end = k + len(name)
            if (
                _depth(text, pos, k) == 0
                and (k == 0 or not (text[k - 1].isalnum() and name[0].isalnum()))
                and (end == len(text) or not (text[end].isalnum() and name[-1].isalnum()))
            ):
                found = k
                break
            start = k + 1
        if found < 0:
            return None
        spans.append((found, found + len(name)))
        pos = found + len(name)
    return spans


def _depth(text: str, start: int, end: int) -> int:
    depth = 0
    for ch in text[start:end]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
    return depth
