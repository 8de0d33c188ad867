"""Private: the records of :mod:`arxivlisting.formats.absfile`."""

from __future__ import annotations

import attrs

from ..authors import AuthorLine, parse_authors, render_authors
from ..errors import Defect
from ..records import Paper, as_tuple
from ._abslayout import consistent
from ._abstext import field_text, field_value

__all__ = ["AbsLayout", "AbsRecord"]


@attrs.frozen
class AbsLayout:
    """How a source file departs from the canonical layout (empty when it does not).

    ``verbatim`` maps a piece of the file (``"field:Title"``, ``"date:0"``, ``"from"``,
    ``"abstract"``, ``"pre"``...) to its exact text when the canonical writing of the
    record's values would differ; the renderer uses it only while it still says what the
    record says. ``order`` is the sequence of pieces when it is not the canonical one.
    ``newline`` is the file's line ending.
    """

    verbatim: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    order: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    newline: str = "\n"


@attrs.frozen
class AbsRecord:
    """One ``.abs`` file: the :class:`~arxivlisting.Paper` and what only this format says.

    ``submitter_email`` is the address in the ``From`` line. ``extra_fields`` are
    ``(key, value)`` fields the format does not define, or repeated ones, in order;
    ``extra_lines`` are header lines that are not fields. ``encoding`` (``"utf-8"`` or
    ``"latin-1"``, None for text input) and ``defects`` describe the source and are not
    part of equality.
    """

    paper: Paper
    submitter_email: str | None = None
    extra_fields: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    extra_lines: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    layout: AbsLayout = AbsLayout()
    encoding: str | None = attrs.field(default=None, eq=False)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def authors_text(self) -> str | None:
        """The exact text of the ``Authors`` field (continuation lines included)."""
        raw = dict(self.layout.verbatim).get("field:Authors")
        if raw is not None and consistent("field:Authors", raw, self):
            return field_value(raw).rstrip("\n")
        if not self.paper.authors:
            return None
        return field_value(field_text("Authors", render_authors(self.paper.authors)))[:-1]

    @property
    def author_line(self) -> AuthorLine | None:
        """The ``Authors`` field parsed, with its exact text (see :mod:`arxivlisting.authors`)."""
        text = self.authors_text
        return parse_authors(text) if text is not None else None
