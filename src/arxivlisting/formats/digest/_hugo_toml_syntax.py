"""Private: the subset of TOML that Hugo front matter uses, read and written exactly.

The digest files keep their data in TOML front matter between ``+++`` fences (written by
``tomli_w``). :func:`scan_units` cuts the front matter into *units*: one statement each
(``key = value``, possibly spanning lines for arrays, a ``[[table]]`` or ``[table]``
header, a comment) with the exact text and a decoded value. Nothing raises: what cannot
be read becomes a ``raw`` unit with the problem noted, so parsers can keep the text and
report a defect. :func:`format_value` writes values the way ``tomli_w`` does (basic
strings with short escapes, multi-line arrays with a trailing comma), which is the
canonical form the renderers compare against.

This is a reader for values, not a validating TOML parser: it decodes every string form
(basic, literal, multi-line) and arrays, and keeps other scalars (numbers, booleans,
dates, inline tables) as their source text. The standard library's ``tomllib`` is not
used: it needs Python 3.11, gives no positions, and refuses a whole file for one bad
escape.
"""

from __future__ import annotations

import bisect
import re

import attrs

__all__ = [
    "Raw",
    "Unit",
    "format_key",
    "format_string",
    "format_value",
    "literal_or_basic",
    "scan_units",
]


@attrs.frozen
class Raw:
    """A scalar kept as its source text (number, boolean, date, inline table)."""

    text: str


Value = str | Raw | list["Value"]


@attrs.frozen
class Unit:
    """One statement of the front matter.

    ``kind`` is ``"kv"``, ``"array_table"`` (``[[name]]``), ``"table"``, ``"comment"`` or
    ``"raw"`` (not understood). ``text`` is the exact source (lines joined by ``\\n``);
    ``lineno`` the 1-based line of its first line; ``issues`` (message, line) pairs.
    """

    kind: str
    text: str
    lineno: int
    key: str | None = None
    value: Value | None = None
    issues: tuple[tuple[str, int], ...] = ()


class _ScanError(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


_BARE_KEY = r"[A-Za-z0-9_-]+"
_QUOTED_KEY = r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''
_KEY_PART = rf"(?:{_BARE_KEY}|{_QUOTED_KEY})"
_KEY_RE = re.compile(rf"[ \t]*({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*=[ \t]*")
_ARRAY_TABLE_RE = re.compile(r"[ \t]*\[\[[ \t]*([^\[\]\n]+?)[ \t]*\]\][ \t]*(?:#.*)?")
_TABLE_RE = re.compile(r"[ \t]*\[[ \t]*([^\[\]\n]+?)[ \t]*\][ \t]*(?:#.*)?")
_BARE_VALUE_RE = re.compile(r"[^\s,\[\]{}#=\"']+(?:[ T][0-9][0-9:.+\-Z]*)?")
_SHORT_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _unquote_key(key: str) -> str:
    if key.startswith('"') and key.endswith('"') and len(key) >= 2:
        return _decode_basic(key[1:-1], 0, [])
    if key.startswith("'") and key.endswith("'") and len(key) >= 2:
        return key[1:-1]
    return key


def _decode_basic(body: str, pos: int, issues: list[tuple[str, int]]) -> str:
    """Decode the escapes of a basic string body (bad escapes are kept and noted)."""
    if "\\" not in body:
        if _CONTROL_RE.search(body.replace("\n", "")):
            issues.append(("control character in a basic string", pos))
        return body
    out: list[str] = []
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < n else ""
        if nxt in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[nxt])
            i += 2
            continue
        width = {"u": 4, "U": 8, "x": 2}.get(nxt)
        if width is not None:
            digits = body[i + 2 : i + 2 + width]
            if len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
                code = int(digits, 16)
                if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                    out.append(chr(code))
                    i += 2 + width
                    continue
            issues.append((f"bad \\{nxt} escape in a string (kept as written)", pos + i))
            out.append(c)
            i += 1
            continue
        issues.append((f"unknown escape \\{nxt} in a string (kept as written)", pos + i))
        out.append(c)
        i += 1
    return "".join(out)


def _decode_multiline_basic(body: str, pos: int, issues: list[tuple[str, int]]) -> str:
    if body.startswith("\n"):
        body = body[1:]
    # A backslash at the end of a line trims it and the whitespace that follows.
    body = re.sub(r"\\[ \t]*\n[ \t\n]*", "", body)
    return _decode_basic(body, pos, issues)


def _skip_trivia(s: str, i: int, newlines: bool) -> int:
    """Skip spaces (and newlines and comments when ``newlines``)."""
    n = len(s)
    while i < n:
        c = s[i]
        if c in " \t" or (newlines and c in "\r\n"):
            i += 1
        elif newlines and c == "#":
            end = s.find("\n", i)
            i = n if end < 0 else end
        else:
            break
    return i


def _scan_value(s: str, i: int, issues: list[tuple[str, int]], depth: int = 0) -> tuple[Value, int]:
    """Read one value starting at ``s[i]``; return it and the position after it."""
    if depth > 50:
        raise _ScanError("arrays nested too deeply", i)
    if s.startswith('"""', i):
        j = i + 3
        n = len(s)
        while j < n:
            if s[j] == "\\":
                j += 2
                continue
            if s.startswith('"""', j):
                end = j  # up to two quotes may end the content right before the delimiter
                while end - j < 2 and s.startswith('"', end + 3):
                    end += 1
                return _decode_multiline_basic(s[i + 3 : end], i + 3, issues), end + 3
            j += 1
        raise _ScanError("unterminated multi-line string", i)
    if s.startswith("'''", i):
        end = s.find("'''", i + 3)
        if end < 0:
            raise _ScanError("unterminated multi-line literal string", i)
        while s.startswith("'", end + 3):
            end += 1
        body = s[i + 3 : end]
        return (body[1:] if body.startswith("\n") else body), end + 3
    c = s[i] if i < len(s) else ""
    if c == '"':
        j = i + 1
        n = len(s)
        while j < n and s[j] != '"':
            if s[j] == "\n":
                raise _ScanError("unterminated string", i)
            j += 2 if s[j] == "\\" else 1
        if j >= n:
            raise _ScanError("unterminated string", i)
        return _decode_basic(s[i + 1 : j], i + 1, issues), j + 1
    if c == "'":
        j = s.find("'", i + 1)
        nl = s.find("\n", i + 1)
        if j < 0 or (0 <= nl < j):
            raise _ScanError("unterminated literal string", i)
        return s[i + 1 : j], j + 1
    if c == "[":
        items: list[Value] = []
        j = _skip_trivia(s, i + 1, True)
        while True:
            if j >= len(s):
                raise _ScanError("unterminated array", i)
            if s[j] == "]":
                return items, j + 1
            value, j = _scan_value(s, j, issues, depth + 1)
            items.append(value)
            j = _skip_trivia(s, j, True)
            if j < len(s) and s[j] == ",":
                j = _skip_trivia(s, j + 1, True)
            elif j >= len(s) or s[j] != "]":
                raise _ScanError("expected ',' or ']' in an array", j)
    if c == "{":
        j = i + 1
        level = 1
        while j < len(s) and level:
            ch = s[j]
            if ch == "\n":
                break
            if ch in "\"'":
                _, j = _scan_value(s, j, issues, depth + 1)
                continue
            level += ch == "{"
            level -= ch == "}"
            j += 1
        if level:
            raise _ScanError("unterminated inline table", i)
        return Raw(s[i:j]), j
    m = _BARE_VALUE_RE.match(s, i)
    if m is None or not m.group(0):
        raise _ScanError("a value is missing", i)
    return Raw(m.group(0).rstrip()), m.end()


def scan_units(lines: list[str], first_lineno: int) -> list[tuple[tuple[str, ...], Unit]]:
    """Cut front-matter ``lines`` into units, each with the blank lines before it.

    Returns ``[(blank_lines_before, unit), ...]``. Blank lines after the last unit are
    not returned (see :func:`trailing_blanks`). ``first_lineno`` is the document line
    number of ``lines[0]``.
    """
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out: list[tuple[tuple[str, ...], Unit]] = []
    pending: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        lineno = first_lineno + k
        if not line.strip():
            pending.append(line)
            k += 1
            continue
        gap = tuple(pending)
        pending = []
        stripped = line.strip()
        if stripped.startswith("#"):
            out.append((gap, Unit("comment", line, lineno)))
            k += 1
            continue
        m = _ARRAY_TABLE_RE.fullmatch(line)
        if m is not None:
            out.append((gap, Unit("array_table", line, lineno, key=m.group(1))))
            k += 1
            continue
        m = _TABLE_RE.fullmatch(line)
        if m is not None:
            out.append((gap, Unit("table", line, lineno, key=m.group(1))))
            k += 1
            continue
        m = _KEY_RE.match(line)
        if m is None:
            out.append((gap, Unit("raw", line, lineno, issues=(("not a TOML statement", lineno),))))
            k += 1
            continue
        key = _unquote_key(m.group(1))
        issues: list[tuple[str, int]] = []
        start = starts[k]
        try:
            value, end = _scan_value(text, start + m.end(), issues)
            after = _skip_trivia(text, end, False)
            if after < len(text) and text[after] == "#":
                nl = text.find("\n", after)
                after = len(text) if nl < 0 else nl
            if after < len(text) and text[after] != "\n":
                issues.append(("unexpected text after a value", after))
                nl = text.find("\n", after)
                after = len(text) if nl < 0 else nl
        except _ScanError as exc:
            pos = exc.pos
            out.append(
                (
                    gap,
                    Unit(
                        "raw",
                        line,
                        lineno,
                        key=key,
                        issues=((exc.message, first_lineno + _line_of(starts, pos)),),
                    ),
                )
            )
            k += 1
            continue
        last = _line_of(starts, max(after - 1, start))
        unit_text = text[start : starts[last] + len(lines[last])]
        located = tuple((msg, first_lineno + _line_of(starts, pos)) for msg, pos in issues)
        out.append((gap, Unit("kv", unit_text, lineno, key=key, value=value, issues=located)))
        k = last + 1
    return out


def _line_of(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def trailing_blanks(lines: list[str]) -> tuple[str, ...]:
    """The blank lines at the end of ``lines``."""
    out: list[str] = []
    for line in reversed(lines):
        if line.strip():
            break
        out.append(line)
    return tuple(reversed(out))


# -- writing ---------------------------------------------------------------------------

_ESCAPES_OUT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE_RE = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')


def format_string(value: str) -> str:
    """A TOML basic string written as ``tomli_w`` writes it (tabs raw, short escapes).

    >>> format_string('a "b"\\n\\\\c')
    '"a \\\\"b\\\\"\\\\n\\\\\\\\c"'
    """
    body = _NEEDS_ESCAPE_RE.sub(
        lambda m: _ESCAPES_OUT.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), value
    )
    return f'"{body}"'


def literal_or_basic(value: str) -> str:
    """A literal string (``'...'``) when ``value`` can be one, else a basic string."""
    if "'" in value or _CONTROL_RE.search(value) or "\t" in value:
        return format_string(value)
    return f"'{value}'"


def format_key(key: str) -> str:
    """A bare key when possible, else a quoted one."""
    return key if re.fullmatch(_BARE_KEY, key) else format_string(key)


def format_value(value: str | list[str]) -> str:
    """A string, or an array of strings one per line with a trailing comma (``tomli_w``)."""
    if isinstance(value, str):
        return format_string(value)
    if not value:
        return "[]"
    return "[\n" + "".join(f"    {format_string(v)},\n" for v in value) + "]"
