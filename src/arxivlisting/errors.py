"""One error model for every format: structured defects and ``ParseError``.

Every ``parse_*`` function in arxivlisting is lenient by default: whatever it had to
work around is recorded as a :class:`Defect` on the result, with the position and
the offending text. With ``strict=True`` the first defect is raised instead, as a
:class:`ParseError` (a :class:`ValueError`) whose message ends with a caret excerpt:

>>> from arxivlisting import ArxivId
>>> ArxivId.parse("2313.00001")
Traceback (most recent call last):
    ...
arxivlisting.errors.InvalidArxivId: month 13 is out of range (column 3)
    2313.00001
      ^^
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Any

import attrs

from .text import display_width

__all__ = [
    "ArxivApiError",
    "Defect",
    "DefectKind",
    "InvalidArxivId",
    "ParseError",
    "format_excerpt",
]


class DefectKind(str, enum.Enum):
    """What went wrong. The value is the stable, JSON-friendly spelling."""

    #: The input is not a document of the expected format at all.
    SYNTAX = "syntax"
    #: The input ends before the document does (cut-off download, truncated dump).
    TRUNCATED = "truncated"
    #: An element, line or key the parser does not know; its text is in the snippet.
    UNKNOWN_ELEMENT = "unknown_element"
    #: A field every record of this format carries is absent.
    MISSING_FIELD = "missing_field"
    #: A field appears more often than the format allows; the first one is kept.
    DUPLICATE_FIELD = "duplicate_field"
    #: A value that should be an arXiv identifier is not one.
    BAD_ID = "bad_id"
    #: A date or time that does not parse.
    BAD_DATE = "bad_date"
    #: A number (count, size, index) that does not parse.
    BAD_NUMBER = "bad_number"
    #: A category code outside arXiv's taxonomy (kept on the record as given).
    UNKNOWN_CATEGORY = "unknown_category"
    #: The source reports an error instead of results (for example the API's error entry).
    API_ERROR = "api_error"
    #: A declared count disagrees with what was found.
    COUNT_MISMATCH = "count_mismatch"
    #: Two places of the same document disagree about one fact.
    INCONSISTENT = "inconsistent"
    #: Text that cannot be split into its parts unambiguously; the exact text is kept.
    AMBIGUOUS = "ambiguous"
    #: An affiliation line whose institutions cannot be told apart from the text alone.
    AMBIGUOUS_AFFILIATION = "ambiguous_affiliation"
    #: A value that stands for "no value" (``null``, ``未知``, a failed-AI placeholder).
    PLACEHOLDER = "placeholder"
    #: Bytes that are not valid in the detected encoding (replaced or re-decoded).
    ENCODING = "encoding"
    #: A construct that is refused for safety (DTDs, entity declarations).
    UNSAFE = "unsafe"


def format_excerpt(line: str, column: int, width: int = 1) -> str:
    """Return ``line`` and a caret line under ``width`` characters from 1-based ``column``.

    Long lines are cut to about 100 terminal columns around the caret so the excerpt
    stays readable:

    >>> print(format_excerpt("cond-mat/9913001", 12, 2))
        cond-mat/9913001
                   ^^

    Columns count characters, but the caret is placed by terminal columns, so it stays
    under its characters when East Asian wide or full-width characters come before it
    (a wide character takes two columns, and two carets when it is marked):

    >>> print(format_excerpt("标题：2313.00001", 6, 2))
        标题：2313.00001
                ^^
    """
    line = _printable(line.rstrip("\r\n"))
    column = max(column, 1)
    width = max(width, 1)
    start, end = _window(line, column - 1)
    line = line[start:end]
    caret_col = column - 1 - start
    pad = display_width(line[:caret_col]) + max(0, caret_col - len(line))
    carets = max(1, display_width(line[caret_col : caret_col + width]))
    return f"    {line}\n    {' ' * pad}{'^' * carets}"


_EXCERPT_COLUMNS = 100
_EXCERPT_LEAD = 40


def _window(line: str, index: int) -> tuple[int, int]:
    """The slice of ``line`` to show: at most 100 columns, ``index`` about 40 columns in."""
    if display_width(line) <= _EXCERPT_COLUMNS:
        return 0, len(line)
    widths = [display_width(c) for c in line]
    start = min(index, len(line))
    used = 0
    while start > 0 and used + widths[start - 1] <= _EXCERPT_LEAD:
        start -= 1
        used += widths[start]
    end, total = start, 0
    while end < len(line) and total + widths[end] <= _EXCERPT_COLUMNS:
        total += widths[end]
        end += 1
    while start > 0 and total + widths[start - 1] <= _EXCERPT_COLUMNS:
        start -= 1
        total += widths[start]
    return start, end


def _printable(line: str) -> str:
    """``line`` with each control or line-breaking character shown as one space."""
    if line.isprintable():
        return line
    return "".join(" " if unicodedata.category(c) in _BREAKING else c for c in line)


#: Control characters and line/paragraph separators: they would break the excerpt.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})


@attrs.frozen
class Defect:
    """Something a lenient parser worked around, with where it happened.

    ``line`` and ``column`` are 1-based and refer to the decoded text; ``offset`` is a
    0-based character offset into it where the parser knows one. ``snippet`` is the
    offending text (cut to a few hundred characters) and ``where`` a logical path
    such as ``"entry[3]/author[2]"``.

    >>> d = Defect(DefectKind.BAD_ID, "not an arXiv id", line=7, snippet="abc")
    >>> d.kind.value, d.line
    ('bad_id', 7)
    """

    kind: DefectKind = attrs.field(converter=DefectKind)
    message: str
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    snippet: str | None = None
    where: str | None = None

    def __str__(self) -> str:
        pos = _position_text(self.line, self.column, self.offset)
        head = f"{self.kind.value}: {self.message}"
        if self.where:
            head += f" [{self.where}]"
        if pos:
            head += f" ({pos})"
        if self.snippet:
            head += f": {self.snippet[:120]!r}"
        return head


def _position_text(line: int | None, column: int | None, offset: int | None) -> str:
    if line is not None and column is not None:
        return f"line {line}, column {column}"
    if line is not None:
        return f"line {line}"
    if column is not None:
        return f"column {column}"
    if offset is not None:
        return f"offset {offset}"
    return ""


class ParseError(ValueError):
    """Raised for input that cannot be parsed, or for the first defect under ``strict=True``.

    It carries the same facts as a :class:`Defect` (``kind``, ``line``, ``column``,
    ``offset``, ``snippet``, ``where``) and, when the source line is known, prints it
    with a caret under the bad span.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: DefectKind | str = DefectKind.SYNTAX,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
        snippet: str | None = None,
        where: str | None = None,
        source_line: str | None = None,
        width: int = 1,
    ) -> None:
        self.message = message
        self.kind = DefectKind(kind)
        self.line = line
        self.column = column
        self.offset = offset
        self.snippet = snippet
        self.where = where
        self.source_line = source_line
        self.width = width
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other constructor arguments than ``self.args``; rebuild from
        # the state so every error survives pickling (multiprocessing, pytest-xdist).
        return (_restore_error, (type(self), self.args, self.__dict__))

    @classmethod
    def from_defect(cls, defect: Defect, source_line: str | None = None) -> ParseError:
        """Build the error that ``strict=True`` raises for ``defect``."""
        width = len(defect.snippet) if defect.snippet and source_line else 1
        return cls(
            defect.message,
            kind=defect.kind,
            line=defect.line,
            column=defect.column,
            offset=defect.offset,
            snippet=defect.snippet,
            where=defect.where,
            source_line=source_line,
            width=width,
        )

    def to_defect(self) -> Defect:
        """The same facts as a :class:`Defect` (what lenient mode records)."""
        return Defect(
            self.kind,
            self.message,
            line=self.line,
            column=self.column,
            offset=self.offset,
            snippet=self.snippet,
            where=self.where,
        )

    def __str__(self) -> str:
        text = self.message
        if self.where:
            text += f" [{self.where}]"
        pos = _position_text(self.line, self.column, self.offset)
        if pos:
            text += f" ({pos})"
        if self.source_line is not None:
            text += "\n" + format_excerpt(self.source_line, self.column or 1, self.width)
        elif self.snippet:
            text += f"\n    {self.snippet[:200]!r}"
        return text


def _restore_error(cls: type[ParseError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidArxivId(ParseError):
    """A string that is not an arXiv identifier in any accepted spelling."""

    def __init__(self, message: str, text: str, column: int = 1, width: int = 1) -> None:
        super().__init__(
            message,
            kind=DefectKind.BAD_ID,
            column=column,
            snippet=text,
            source_line=text,
            width=width,
        )


class ArxivApiError(ParseError):
    """The arXiv API answered with its error entry instead of results (raised under strict).

    The structured error is on ``.api_error``; lenient parsing puts it on ``Feed.errors``.
    """

    def __init__(self, message: str, api_error: object, *, line: int | None = None) -> None:
        super().__init__(message, kind=DefectKind.API_ERROR, line=line)
        self.api_error = api_error
