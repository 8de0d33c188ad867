"""arXiv's internal ``.abs`` metadata files: ``parse_abs``, ``render_abs``.

An ``.abs`` file is a rule of dashes, a ``\\\\`` line, the ``arXiv:<id>`` (or older
``Paper: <id>``) line, ``From: <name> <email>``, one ``Date:`` line per version
(``Date (revised vK):`` after the first) with ``(<size>kb[,<flags>])``, a blank line,
``Key: value`` fields with two-space continuation lines, ``\\\\``, the abstract, ``\\\\``.
Per-version copies (``orig/<id>vK.abs``) have the same shape without ``Categories``.

>>> from arxivlisting.formats.absfile import parse_abs, render_abs
>>> text = '''------------------------------------------------------------------------------
... \\\\\\\\
... arXiv:0704.0002
... From: Louis Theran <lt@example.org>
... Date: Sat, 31 Mar 2007 02:26:18 GMT   (377kb,D)
... Date (revised v2): Sat, 13 Dec 2008 17:26:00 GMT   (0kb,I)
...
... Title: Sparsity-certifying Graph Decompositions
... Authors: Ileana Streinu and Louis Theran
... Categories: math.CO cs.CG
... \\\\\\\\
...   We describe a new algorithm.
... \\\\\\\\
... '''
>>> record = parse_abs(text)
>>> p = record.paper
>>> str(p.id), p.submitter, record.submitter_email, p.categories
('0704.0002', 'Louis Theran', 'lt@example.org', ('math.CO', 'cs.CG'))
>>> [(v.number, v.size_kb, v.source_flags, v.withdrawn) for v in p.versions]
[(1, 377, 'D', False), (2, 0, 'I', True)]
>>> render_abs(record) == text
True

Decoding: bytes are decoded as strict UTF-8 and, when that fails, as latin-1 (arXiv's
older files); ``record.encoding`` says which. A version is ``withdrawn`` when its flags
hold ``I`` ("ignore: withdrawn") or its size is 0 kb, as arXiv's own reader decides.

A zero-byte file (arXiv has some) is an empty record with a ``truncated`` defect under
the default lenient parsing, and a :class:`~arxivlisting.errors.ParseError` under
``strict=True``. Text that has no ``\\\\`` line and no id line is not an ``.abs`` file and
raises ``ParseError`` either way.

Exact round trips: records hold normalized values; how the source departs from the
canonical layout (wrapping, quoting, TeX in the ``From`` line, blank lines, order) is
kept in :class:`AbsLayout`, so ``render_abs(parse_abs(text)) == text`` for real files and
``parse_abs(render_abs(r)) == r`` for records built from values.
"""

from __future__ import annotations

from typing import Any

import attrs

from .. import taxonomy
from .._diag import Diagnostics
from ..authors import parse_authors
from ..errors import DefectKind, ParseError
from ..ids import ArxivId
from ..records import Author, Paper, Version
from ..text import normalize_space
from ._abslayout import layout_of, render
from ._absrecord import AbsLayout, AbsRecord
from ._abstext import (
    FIELD_ORDER,
    FIELD_RE,
    field_value,
    read_from_line,
    read_id_line,
    submitter_name,
    version_of,
)

__all__ = ["AbsLayout", "AbsRecord", "looks_like", "parse_abs", "render_abs"]


# -- reading ---------------------------------------------------------------------------


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes) looks like an ``.abs`` file.

    >>> looks_like("-" * 78 + "\\n\\\\\\\\\\narXiv:0704.0001\\nFrom: A <a@b>\\n")
    True
    >>> looks_like("<html>")
    False
    """
    lines = head.lstrip("\ufeff").split("\n", 6)[:6]
    stripped = [line.rstrip("\r") for line in lines]
    if "\\\\" not in stripped:
        return False
    return any(read_id_line(line) is not None for line in stripped) or any(
        line.startswith(("From:", "Date:")) for line in stripped
    )


def _decode(data: str | bytes) -> tuple[str, str | None]:
    if isinstance(data, str):
        return data, None
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"parse_abs expects str or bytes, not {type(data).__name__}")
    try:
        return bytes(data).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return bytes(data).decode("latin-1"), "latin-1"


def _lines(text: str) -> list[str]:
    pieces = text.split("\n")
    lines = [p + "\n" for p in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


class _Reader:
    """Cuts the lines into pieces ``(key, text, line number)`` and collects values."""

    def __init__(self, diag: Diagnostics) -> None:
        self.diag = diag
        self.pieces: list[tuple[str, str, int]] = []
        self.fields: dict[str, tuple[str, int]] = {}
        self.extra_fields: list[tuple[str, str]] = []
        self.extra_lines: list[str] = []
        self.versions: list[Version] = []
        self.id_text: tuple[str, int] | None = None
        self.from_: tuple[str | None, str | None] | None = None

    def report(self, kind: DefectKind, message: str, line: int, snippet: str) -> None:
        self.diag.report(kind, message, line=line, snippet=snippet.rstrip("\n"), where="abs")

    def header(self, lines: list[str], first: int) -> None:
        in_fields = False
        current: list[Any] | None = None  # [key, text, line] of the field being read
        blanks = 0
        for offset, line in enumerate(lines):
            number = first + offset
            bare = line.rstrip("\n")
            if current is not None and bare[:1] in (" ", "\t") and bare.strip():
                current[1] += line
                continue
            if current is not None:
                self._field_done(*current)
                current = None
            if not bare.strip():
                if not in_fields:
                    self._piece("gap", line, number, merge=True)
                    in_fields = True
                else:
                    blanks += 1
                    self._piece(f"blank:{blanks}", line, number)
                continue
            m = FIELD_RE.match(bare)
            if m is not None and (in_fields or m.group(1) in FIELD_ORDER):
                in_fields = True
                current = [m.group(1), line, number]
                continue
            if not in_fields and self._history_line(line, number):
                continue
            self.extra_lines.append(bare)
            self.pieces.append((f"line:{len(self.extra_lines) - 1}", line, number))
            self.report(DefectKind.UNKNOWN_ELEMENT, "header line that is not a field", number, line)
        if current is not None:
            self._field_done(*current)

    def _piece(self, key: str, text: str, line: int, *, merge: bool = False) -> None:
        if merge and self.pieces and self.pieces[-1][0] == key:
            k, old, first = self.pieces[-1]
            self.pieces[-1] = (k, old + text, first)
        else:
            self.pieces.append((key, text, line))

    def _history_line(self, line: str, number: int) -> bool:
        found = read_id_line(line)
        if found is not None and self.id_text is None:
            self.id_text = (found[1], number)
            self.pieces.append(("id", line, number))
            return True
        who = read_from_line(line) if line.startswith("From:") else None
        if who is not None and self.from_ is None:
            self.from_ = (submitter_name(who[2]), who[1])
            self.pieces.append(("from", line, number))
            return True
        if line[:4].lower() == "date":
            version, problems = version_of(line, len(self.versions))
            for kind, message in problems:
                self.report(DefectKind(kind), message, number, line)
            if version is not None:
                self.pieces.append((f"date:{len(self.versions)}", line, number))
                self.versions.append(version)
                return True
        return False

    def _field_done(self, key: str, text: str, line: int) -> None:
        value = field_value(text)
        if key in FIELD_ORDER and key not in self.fields:
            self.fields[key] = (value, line)
            self.pieces.append((f"field:{key}", text, line))
            return
        self.extra_fields.append((key, normalize_space(value)))
        self.pieces.append((f"extra:{len(self.extra_fields) - 1}", text, line))
        if key in FIELD_ORDER:
            self.report(DefectKind.DUPLICATE_FIELD, f"second {key} field", line, text)
        else:
            self.report(
                DefectKind.UNKNOWN_ELEMENT, f"field {key!r} is not an .abs field", line, text
            )


def parse_abs(data: str | bytes, *, strict: bool = False) -> AbsRecord:
    """Parse one ``.abs`` file (bytes in UTF-8 or latin-1, or text) into an :class:`AbsRecord`.

    >>> parse_abs(b"").defects[0].kind.value
    'truncated'
    >>> parse_abs(b"", strict=True)
    Traceback (most recent call last):
        ...
    arxivlisting.errors.ParseError: empty .abs file (zero bytes) [abs]
    """
    text, encoding = _decode(data)
    diag = Diagnostics(strict, text)
    if not text:
        diag.report(DefectKind.TRUNCATED, "empty .abs file (zero bytes)", where="abs")
        return AbsRecord(
            Paper(id=None),
            layout=AbsLayout(verbatim=(("pre", ""),), order=("pre",)),
            encoding=encoding,
            defects=tuple(diag.defects),
        )
    newline = "\r\n" if "\r\n" in text and text.count("\r\n") == text.count("\n") else "\n"
    work = text.replace("\r\n", "\n") if newline == "\r\n" else text
    lines = _lines(work)
    seps = [i for i, line in enumerate(lines) if line.rstrip("\n") == "\\\\"]
    reader = _Reader(diag)
    if not seps:
        if not any(read_id_line(line) for line in lines[:20]):
            raise ParseError("not an .abs file: no \\\\ line and no arXiv id line", line=1)
        seps = [-1]
        reader.report(DefectKind.TRUNCATED, "no \\\\ line: the header is all there is", 1, "")
    first = seps[0]
    if first > 0:
        reader.pieces.append(("pre", "".join(lines[:first]), 1))
    elif first == 0:
        reader.pieces.append(("pre", "", 1))
    if first >= 0:
        reader.pieces.append(("sep0", lines[first], first + 1))
    end_header = seps[1] if len(seps) > 1 else len(lines)
    reader.header(lines[first + 1 : end_header], first + 2)
    abstract: str | None = None
    if len(seps) > 1:
        reader.pieces.append(("sep1", lines[seps[1]], seps[1] + 1))
        last = seps[-1] if len(seps) > 2 else len(lines)
        if len(seps) > 2 or last > seps[1] + 1:
            body = "".join(lines[seps[1] + 1 : last])
            reader.pieces.append(("abstract", body, seps[1] + 2))
            abstract = normalize_space(body)
        if len(seps) > 2:
            reader.pieces.append(("sep2", lines[last], last + 1))
            reader.pieces.append(("post", "".join(lines[last + 1 :]), last + 2))
            if lines[last + 1 :]:
                reader.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "text after the final \\\\",
                    last + 2,
                    "".join(lines[last + 1 :]),
                )
        else:
            reader.report(
                DefectKind.TRUNCATED,
                "the abstract is not closed by \\\\",
                len(lines),
                lines[-1] if lines else "",
            )
    elif first >= 0:
        reader.report(
            DefectKind.TRUNCATED,
            "the header is not closed by \\\\",
            len(lines),
            lines[-1] if lines else "",
        )
    paper = _paper(reader, abstract, diag)
    record = AbsRecord(
        paper,
        submitter_email=reader.from_[1] if reader.from_ else None,
        extra_fields=tuple(reader.extra_fields),
        extra_lines=tuple(reader.extra_lines),
        encoding=encoding,
    )
    verbatim, order = layout_of(record, reader.pieces)
    layout = AbsLayout(verbatim=verbatim, order=order, newline=newline)
    return attrs.evolve(record, layout=layout, defects=tuple(diag.defects))


def _paper(reader: _Reader, abstract: str | None, diag: Diagnostics) -> Paper:
    fields = reader.fields
    paper_id: ArxivId | None = None
    if reader.id_text is None:
        reader.report(DefectKind.MISSING_FIELD, "no arXiv:<id> line", 1, "")
    else:
        text, line = reader.id_text
        paper_id = ArxivId.try_parse(text)
        if paper_id is None:
            reader.report(DefectKind.BAD_ID, "the id line does not hold an arXiv id", line, text)
    for key in ("Title", "Authors"):
        if key not in fields:
            reader.report(DefectKind.MISSING_FIELD, f"no {key} field", 1, "")
    if not reader.versions:
        reader.report(DefectKind.MISSING_FIELD, "no Date line", 1, "")
    _check_versions(reader)
    authors: tuple[Author, ...] = ()
    if "Authors" in fields:
        raw, line = fields["Authors"]
        parsed = parse_authors(raw.rstrip("\n"))
        authors = parsed.authors
        for d in parsed.defects:
            diag.report(
                d.kind,
                d.message,
                line=line + (d.line or 1) - 1,
                snippet=d.snippet,
                where="abs/Authors",
            )
    categories: tuple[str, ...] = ()
    if "Categories" in fields:
        raw, line = fields["Categories"]
        categories = tuple(raw.split())
        for term in categories:
            if not taxonomy.is_known(term):
                reader.report(
                    DefectKind.UNKNOWN_CATEGORY, "unknown category (kept as given)", line, term
                )
    value = {k: normalize_space(v) for k, (v, _) in fields.items()}
    versions = tuple(reader.versions)
    return Paper(
        id=paper_id,
        title=value.get("Title"),
        authors=authors,
        abstract=abstract,
        comments=value.get("Comments"),
        journal_ref=value.get("Journal-ref"),
        dois=tuple(fields["DOI"][0].split()) if "DOI" in fields else (),
        report_no=value.get("Report-no"),
        categories=categories,
        primary_category=categories[0] if categories else None,
        msc_class=value.get("MSC-class"),
        acm_class=value.get("ACM-class"),
        license=value.get("License"),
        published=versions[0].date if versions else None,
        updated=versions[-1].date if versions else None,
        versions=versions,
        submitter=reader.from_[0] if reader.from_ else None,
        proxy=value.get("Proxy"),
    )


def _check_versions(reader: _Reader) -> None:
    for index, version in enumerate(reader.versions):
        if version.number != index + 1:
            key = f"date:{index}"
            text, line = next((t, n) for k, t, n in reader.pieces if k == key)
            reader.report(
                DefectKind.INCONSISTENT,
                f"version {version.number} is listed as number {index + 1}",
                line,
                text,
            )


def render_abs(record: AbsRecord) -> str:
    """Write ``record`` as the text of an ``.abs`` file (encode it with ``record.encoding``).

    Pieces the layout holds are written as they were while they still say what the record
    says; everything else is written the canonical way. Authors whose names cannot be
    written as a free-text line unambiguously (see
    :func:`~arxivlisting.authors.render_authors`) raise ``ValueError``.

    >>> from arxivlisting import Paper, ArxivId
    >>> print(render_abs(AbsRecord(Paper(ArxivId.parse("2301.00001"), title="T"))), end="")
    ------------------------------------------------------------------------------
    \\\\
    arXiv:2301.00001
    <BLANKLINE>
    Title: T
    \\\\
    """
    return render(record)
