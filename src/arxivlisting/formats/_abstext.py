"""Private: the pieces of an ``.abs`` file, read one by one and written canonically.

arXiv wraps field values and abstracts greedily so that no line is longer than 79
characters; continuation lines of a field are indented by two spaces, the abstract's
first line by two spaces. A piece written this way from the record needs no layout.
"""

from __future__ import annotations

import datetime as _dt
import re

from .._authors_tex import tex_to_unicode
from ..records import Version
from ..text import normalize_space
from ._absdates import format_rfc2822, parse_rfc2822

__all__ = [
    "FIELD_ORDER",
    "RULE",
    "abstract_text",
    "date_line",
    "field_text",
    "field_value",
    "from_line",
    "read_date_line",
    "read_from_line",
    "read_id_line",
    "submitter_name",
    "version_of",
]

#: The fields of an ``.abs`` file, in the order arXiv writes them.
FIELD_ORDER = (
    "Title",
    "Authors",
    "Categories",
    "Comments",
    "Proxy",
    "Report-no",
    "MSC-class",
    "ACM-class",
    "Journal-ref",
    "DOI",
    "License",
)
RULE = "-" * 78 + "\n"
WIDTH = 79

ID_LINE_RE = re.compile(r"(arXiv:|Paper:[ \t]*)(\S+)[ \t]*\n?")
FROM_LINE_RE = re.compile(r"From:[ \t]*(?P<name>[^<\n]*?)[ \t]*(?:<(?P<email>[^>\n]*)>)?[ \t]*\n?")
DATE_LINE_RE = re.compile(
    r"Date[ \t]*(?:\([ \t]*revised[ \t]*(?P<v>[^):]*?)[ \t]*\))?[ \t]*:[ \t]*(?P<date>.*?)"
    r"(?:[ \t]+\((?P<size>[^)\s]*?)kb(?:,(?P<flags>[^)\n]*))?\))?[ \t]*\n?",
    re.IGNORECASE,
)
FIELD_RE = re.compile(r"([A-Za-z][A-Za-z0-9()-]*):[ \t]?")


def _wrap(first: str, words: list[str], indent: str) -> str:
    lines = [first]
    for word in words:
        current = lines[-1]
        if len(current) + 1 + len(word) <= WIDTH or not current.strip():
            lines[-1] = f"{current} {word}" if current else word
        else:
            lines.append(indent + word)
    return "\n".join(lines)


def field_text(key: str, value: str) -> str:
    """``Key: value`` wrapped at 79 columns with two-space continuation lines."""
    if not value:
        return f"{key}:\n"
    return _wrap(f"{key}:", value.split(" "), "  ") + "\n"


def abstract_text(abstract: str) -> str:
    """The abstract as arXiv lays it out: two leading spaces, wrapped at 79 columns."""
    if not abstract:
        return ""
    words = abstract.split(" ")
    return _wrap("  " + words[0], words[1:], "") + "\n"


def date_line(version: Version) -> str:
    """``Date: <date>   (<size>kb,<flags>)`` for v1, ``Date (revised vN): ...`` after."""
    head = "Date:" if version.number == 1 else f"Date (revised v{version.number}):"
    date = format_rfc2822(version.date) if version.date is not None else ""
    size = ""
    if version.size_kb is not None:
        flags = f",{version.source_flags}" if version.source_flags else ""
        size = f"   ({version.size_kb}kb{flags})"
    return f"{head} {date}{size}".rstrip(" ") + "\n"


def from_line(name: str | None, email: str | None) -> str:
    """``From: <name> <email>`` with whichever of the two is known."""
    parts = [p for p in (name, f"<{email}>" if email is not None else None) if p is not None]
    return "From: " + " ".join(parts) + "\n"


def read_id_line(line: str) -> tuple[str, str] | None:
    """``(prefix, id text)`` of an ``arXiv:<id>`` or ``Paper: <id>`` line."""
    m = ID_LINE_RE.fullmatch(line)
    return (m.group(1), m.group(2)) if m else None


def read_from_line(line: str) -> tuple[str | None, str | None, str] | None:
    """``(submitter name, email, raw name)`` of a ``From:`` line (quotes removed)."""
    m = FROM_LINE_RE.fullmatch(line)
    if m is None:
        return None
    raw = m.group("name") or ""
    name = raw
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1]
    return normalize_space(name) or None, m.group("email"), raw


class DateLine:
    """What a ``Date`` line says; ``problems`` are (defect kind, message) pairs."""

    __slots__ = ("date", "flags", "number", "problems", "size")

    def __init__(self) -> None:
        self.number: int | None = None
        self.date: _dt.datetime | None = None
        self.size: int | None = None
        self.flags: str | None = None
        self.problems: list[tuple[str, str]] = []


def read_date_line(line: str) -> DateLine | None:
    """Read a ``Date:`` / ``Date (revised vK):`` line, or None for another line."""
    m = DATE_LINE_RE.fullmatch(line)
    if m is None:
        return None
    out = DateLine()
    revised = m.group("v")
    if revised is not None:
        digits = revised[1:] if revised[:1] in ("v", "V") else revised
        if digits.isascii() and digits.isdigit() and int(digits) >= 1 and len(digits) < 7:
            out.number = int(digits)
        else:
            out.problems.append(("bad_number", f"revised version {revised!r} is not vN"))
    date, problem = parse_rfc2822(m.group("date"))
    out.date = date
    if problem is not None:
        out.problems.append(("bad_date" if date is None else "inconsistent", problem))
    size = m.group("size")
    if size is not None:
        if size.isascii() and size.isdigit() and len(size) < 10:
            out.size = int(size)
        else:
            out.problems.append(("bad_number", f"size {size!r}kb is not a whole number"))
    flags = m.group("flags")
    out.flags = flags if flags else None
    return out


def field_value(text: str) -> str:
    """The raw value of a field piece: everything after ``Key:`` and one space."""
    m = FIELD_RE.match(text)
    return text[m.end() :] if m else text


def submitter_name(raw: str) -> str | None:
    """The submitter's name from the raw ``From`` name: unquoted, TeX to Unicode."""
    name = raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw
    return normalize_space(tex_to_unicode(name)) or None


def version_of(line: str, index: int) -> tuple[Version | None, list[tuple[str, str]]]:
    """The :class:`Version` a ``Date`` line at position ``index`` gives, and its problems.

    A version is withdrawn when its flags hold ``I`` or its size is 0 kb.
    """
    parsed = read_date_line(line)
    if parsed is None:
        return None, []
    number = parsed.number if parsed.number is not None else index + 1
    flags = parsed.flags
    version = Version(
        number=number,
        date=parsed.date,
        size_kb=parsed.size,
        source_flags=flags,
        withdrawn=bool(flags and "I" in flags) or parsed.size == 0,
    )
    return version, parsed.problems
