"""Private: the defect collector every parser uses (lenient records, strict raises)."""

from __future__ import annotations

from .errors import Defect, DefectKind, ParseError

__all__ = ["Diagnostics", "snippet_of"]

_SNIPPET_MAX = 300


def snippet_of(text: str | None) -> str | None:
    """Cut ``text`` to a readable snippet (or None)."""
    if text is None:
        return None
    if len(text) > _SNIPPET_MAX:
        return text[: _SNIPPET_MAX - 1] + "…"
    return text


class Diagnostics:
    """Collects defects for one parse; under ``strict`` the first one is raised.

    ``source`` is the document (text or bytes) that line numbers refer to; it is only
    read when an error has to show the offending line.
    """

    __slots__ = ("_lines", "defects", "source", "strict")

    def __init__(self, strict: bool, source: str | bytes | None = None) -> None:
        self.strict = strict
        self.source = source
        self.defects: list[Defect] = []
        self._lines: list[str] | None = None

    def source_line(self, line: int | None) -> str | None:
        """The text of 1-based ``line`` of the source, if known."""
        if line is None or self.source is None:
            return None
        if self._lines is None:
            src = self.source
            if isinstance(src, bytes):
                src = src.decode("utf-8", "replace")
            self._lines = src.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return None

    def report(
        self,
        kind: DefectKind,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
        snippet: str | None = None,
        where: str | None = None,
    ) -> None:
        """Record a defect, or raise it as :class:`ParseError` when strict."""
        defect = Defect(
            kind,
            message,
            line=line,
            column=column,
            offset=offset,
            snippet=snippet_of(snippet),
            where=where,
        )
        if self.strict:
            src_line = self.source_line(line) if column is not None else None
            raise ParseError.from_defect(defect, source_line=src_line)
        self.defects.append(defect)

    def add(self, defect: Defect) -> None:
        """Record an already-built defect (raising it when strict)."""
        if self.strict:
            raise ParseError.from_defect(defect, source_line=None)
        self.defects.append(defect)
