"""Private: splitting a display name into key name, forenames and suffix, and the rules
for what :func:`arxivlisting.authors.render_authors` can write unambiguously.
"""

from __future__ import annotations

import re

__all__ = ["renderable_affiliation", "renderable_name", "split_name"]

# Surname particles arXiv keeps with the key name ("van der Tak", "de Mello").
_PREFIXES = "van|der|de|la|von|del|della|da|mac|ter|dem|di|vaziri"
_DOUBLE_PREFIX_RE = re.compile(
    rf"(.*)\s+((?:{_PREFIXES})\s(?:{_PREFIXES})\s\S+)", re.IGNORECASE | re.DOTALL
)
_PREFIX_RE = re.compile(rf"(.*)\s+((?:{_PREFIXES})\s\S+)", re.IGNORECASE | re.DOTALL)
_SUFFIX_NAME_RE = re.compile(
    r"(.*)\s+(\S+)\s(I|II|III|IV|V|Sr|Jr|Sr\.|Jr\.)", re.IGNORECASE | re.DOTALL
)
_PLAIN_RE = re.compile(r"(.*)\s+(\S+)", re.DOTALL)


def split_name(name: str) -> tuple[str, str, str]:
    """``(keyname, forenames, suffix)`` of a display name, the way arXiv splits names.

    The last word is the key name, with the particles arXiv keeps with it (``van``,
    ``der``, ``de``, ``von``, ``di``...); a trailing ``Jr``, ``Sr`` or roman numeral is the
    suffix; a one-word name is all key name.

    >>> split_name("Floris van der Tak"), split_name("Neal J. Evans II")
    (('van der Tak', 'Floris', ''), ('Evans', 'Neal J.', 'II'))
    >>> split_name("LHCb collaboration"), split_name("Madonna")
    (('collaboration', 'LHCb', ''), ('Madonna', '', ''))
    """
    name = " ".join(name.split())
    m = _DOUBLE_PREFIX_RE.fullmatch(name) or _PREFIX_RE.fullmatch(name)
    if m is not None and m.group(1):
        return m.group(2), m.group(1), ""
    m = _SUFFIX_NAME_RE.fullmatch(name)
    if m is not None and m.group(1):
        return m.group(2).rstrip(","), m.group(1), m.group(3)
    m = _PLAIN_RE.fullmatch(name)
    if m is not None and m.group(1):
        return m.group(2), m.group(1), ""
    return name, "", ""


_NAME_FORBIDDEN = re.compile(r"[(),;:\\{}]|(?:^|\s)(?:and|&)(?:\s|$)")
_NOTE_RE = re.compile(r"(?:et\.?\s*al\.?|and\s+others|others)", re.IGNORECASE)
_SUFFIX_RE = re.compile(r"(?:Jr|Sr|JR|SR)\.?|II|III|IV")
_ET_AL_END_RE = re.compile(r"\s+et\.?\s*al\.?$", re.IGNORECASE)
_NUMBERS_RE = re.compile(r"\s*\d{1,3}[a-z]?(?:\s*(?:,|;|&|\band\b|\s)\s*\d{1,3}[a-z]?)*\s*")
_NOT_SHOWN_RE = re.compile(r".*\bauthors?\s+not\s+shown\s*", re.IGNORECASE)
_LIST_START_RE = re.compile(r"\s*\(\s*\d{1,3}\s*\)")


def renderable_name(name: str, *, first: bool) -> str | None:
    """Why ``name`` would not read back as itself in a rendered line, or None."""
    if not name or name != " ".join(name.split()):
        return "a name must be non-empty normalized text"
    if _NAME_FORBIDDEN.search(name):
        return "a name cannot hold ( ) , ; : \\ { } or a free-standing 'and'/'&'"
    if not any(c.isalnum() for c in name):
        return "a name needs a letter or digit"
    if _NOTE_RE.fullmatch(name) or _ET_AL_END_RE.search(name):
        return "a name cannot read 'et al.' or 'others'"
    if not first and _SUFFIX_RE.fullmatch(name):
        return "a name after a comma cannot be just a suffix (Jr., III)"
    return None


def renderable_affiliation(text: str) -> str | None:
    """Why ``(text)`` after a name would not read back as this affiliation, or None."""
    if not text or text != " ".join(text.split()):
        return "an affiliation must be non-empty normalized text"
    depth = 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        return "an affiliation needs balanced parentheses"
    if "\\" in text or "{" in text or "}" in text:
        return "an affiliation cannot hold TeX (\\ { })"
    if _NUMBERS_RE.fullmatch(text) or _NOT_SHOWN_RE.fullmatch(text):
        return "an affiliation cannot look like a marker or a note"
    if _LIST_START_RE.match(text):
        return "an affiliation cannot start like a numbered list"
    return None
