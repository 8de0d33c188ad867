"""Private: text listings (daily mail, pastweek, 1990s monthly) -> :class:`Mailing`.

The file is read line by line: the preamble runs to the first ``\\\\`` line; then come
blocks (each opened by ``\\\\``), separated by lines of dashes; the daily mail closes its
new / cross-list / replacement parts with ``%-%-``, ``%%--%%--`` and ``%%%---%%%---``
lines; pastweek files open each day with a ``\\\\ /* <day> */ \\\\`` block.
"""

from __future__ import annotations

import datetime as _dt
import re

import attrs

from .._decode import decode_text
from .._diag import Diagnostics
from ..announce import AnnounceType
from ..errors import DefectKind, ParseError
from ..text import normalize_space
from ._listing_mail_entry import DAY_RE, EntryReader, is_rule, marker_kind
from ._listing_mail_records import Mailing, MailingEntry, MailingKind, MailingSection
from ._listing_records import SectionKind
from ._listing_text import parse_day, parse_rfc822

__all__ = ["HeaderFacts", "header_facts", "parse_entry_block", "parse_mailing_text"]

_PHASES = (SectionKind.NEW, SectionKind.CROSS, SectionKind.REPLACE)
# The part of a daily mail each kind of entry is listed in.
_PHASE_OF: dict[AnnounceType | None, int] = {
    AnnounceType.NEW: 0,
    AnnounceType.CROSS: 1,
    AnnounceType.REPLACE: 2,
    AnnounceType.REPLACE_CROSS: 2,
}


class _Reader:
    def __init__(self, text: str, diag: Diagnostics) -> None:
        self.lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        self.diag = diag
        self.kind = MailingKind.DAILY
        self.sections: list[MailingSection] = []
        self.current: tuple[SectionKind, _dt.date | None, list[MailingEntry]] | None = None
        self.phase = 0
        self.entry_no = 0

    def report(self, kind: DefectKind, message: str, i: int, snippet: str | None = None) -> None:
        line = self.lines[i] if 0 <= i < len(self.lines) else None
        self.diag.report(
            kind,
            message,
            line=i + 1,
            snippet=snippet if snippet is not None else line,
            where="mailing",
        )

    # -- sections ----------------------------------------------------------------

    def _flush(self, closed: bool) -> None:
        if self.current is not None:
            kind, date, entries = self.current
            self.sections.append(MailingSection(kind, tuple(entries), date, closed))
            self.current = None

    def add(self, entry: MailingEntry, i: int) -> None:
        own = _PHASE_OF.get(entry.announce_type)
        if self.kind == MailingKind.DAILY and own is not None and own > self.phase:
            # The entry itself says it belongs to a later part: the end marker of the
            # part before it is missing (trimmed mails drop them). The open part ends
            # unclosed, so the file still renders back as it was.
            self._flush(False)
            self.phase = own
        if self.current is None:
            if self.kind == MailingKind.DAILY and self.phase < len(_PHASES):
                kind = _PHASES[self.phase]
            else:
                if self.kind == MailingKind.DAILY:
                    self.report(DefectKind.UNKNOWN_ELEMENT, "an entry after the last part", i)
                kind = SectionKind.ALL
            self.current = (kind, None, [])
        self.current[2].append(entry)

    def marker(self, kind: SectionKind, i: int) -> None:
        target = _PHASES.index(kind)
        if target < self.phase:
            self.report(DefectKind.INCONSISTENT, "an end marker out of order", i)
            return
        while self.phase < target:  # parts without their own marker or without entries
            if self.current is None:
                self.current = (_PHASES[self.phase], None, [])
            self._flush(False)
            self.phase += 1
        if self.current is None:
            self.current = (kind, None, [])
        self._flush(True)
        self.phase = target + 1

    def day(self, date: _dt.date | None) -> None:
        self._flush(False)
        self.current = (SectionKind.DAY, date, [])

    # -- blocks ------------------------------------------------------------------

    def block(self, i: int) -> int:
        """Read the block opened at line ``i``; return the index after it."""
        lines = self.lines
        n = len(lines)
        j = i + 1
        if j < n:
            m = DAY_RE.fullmatch(lines[j])
            if m is not None:
                date, problem = parse_day(m.group(1))
                if problem is not None:
                    self.report(
                        DefectKind.BAD_DATE if date is None else DefectKind.INCONSISTENT, problem, j
                    )
                self.day(date)
                if j + 1 < n and lines[j + 1] == "\\\\":
                    return j + 2
                self.report(DefectKind.MISSING_FIELD, "a day block not closed by \\\\", j)
                return j + 1
        self.entry_no += 1
        entry, j = EntryReader(self, i).read(j)
        entry = attrs.evolve(entry, source="\n".join(lines[i:j]))
        self.add(entry, i)
        return j


class HeaderFacts:
    """What a preamble states: mail date and subject, names, submission window."""

    __slots__ = ("date", "names", "received_as_of", "received_from", "received_to", "subject")

    def __init__(self) -> None:
        self.date: _dt.datetime | None = None
        self.subject: str | None = None
        self.names: list[str] = []
        self.received_from: _dt.datetime | None = None
        self.received_to: _dt.datetime | None = None
        self.received_as_of: _dt.datetime | None = None

    def matches(self, mailing: Mailing) -> bool:
        """True when ``mailing`` holds exactly these facts."""
        return (
            self.date == mailing.date
            and self.subject == mailing.subject
            and tuple(self.names) == mailing.names
            and self.received_from == mailing.received_from
            and self.received_to == mailing.received_to
            and self.received_as_of == mailing.received_as_of
        )


def _header(lines: list[str], reader: _Reader) -> HeaderFacts:
    facts = HeaderFacts()
    names_open = False
    seen: set[str] = set()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if names_open:
            if is_rule(line) or stripped.startswith("received from"):
                names_open = False
            elif stripped:
                facts.names.append(stripped)
                continue
        if line.startswith("Date:") and "date" not in seen:
            seen.add("date")
            facts.date = _when(line[5:], i, reader)
        elif line.startswith("Subject:") and "subject" not in seen:
            seen.add("subject")
            facts.subject = normalize_space(line[8:])
        elif stripped == "Submissions to:":
            names_open = True
        elif stripped.startswith("received from"):
            m = re.fullmatch(r"received from\s+(.*?)\s+to\s+(.*?)\s*", stripped)
            if m is None:
                reader.report(DefectKind.BAD_DATE, "an unreadable submission window", i)
            else:
                facts.received_from = _when(m.group(1), i, reader)
                facts.received_to = _when(m.group(2), i, reader)
        elif stripped.startswith("Papers received as of"):
            facts.received_as_of = _when(stripped[len("Papers received as of") :], i, reader)
            reader.kind = MailingKind.MONTHLY
    return facts


def header_facts(text: str) -> HeaderFacts:
    """The facts a preamble states (for checking a kept preamble against its record)."""
    reader = _Reader(text, Diagnostics(False, None))
    return _header(reader.lines, reader)


def parse_entry_block(text: str) -> MailingEntry | None:
    """The entry one block of text holds (None when it is not exactly one entry)."""
    reader = _Reader(text, Diagnostics(False, None))
    if not reader.lines or reader.lines[0] != "\\\\":
        return None
    end = reader.block(0)
    if reader.sections or reader.current is None or len(reader.current[2]) != 1:
        return None
    if any(line.strip() for line in reader.lines[end:]):
        return None
    return reader.current[2][0]


def _when(text: str, i: int, reader: _Reader) -> _dt.datetime | None:
    value, problem, _ = parse_rfc822(text.strip().rstrip("."))
    if problem is not None:
        reader.report(DefectKind.BAD_DATE if value is None else DefectKind.INCONSISTENT, problem, i)
    return value


def _decode(data: str | bytes, diag: Diagnostics) -> str:
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected str or bytes, not {type(data).__name__}")
    text, encoding, _bom, lossy = decode_text(bytes(data), fallback="")
    if lossy:
        diag.report(DefectKind.ENCODING, f"not valid UTF-8; read as {encoding}", line=1)
    return text


def parse_mailing_text(data: str | bytes, strict: bool) -> Mailing:
    """Parse a text listing (see :func:`arxivlisting.formats.mailing.parse_mailing`)."""
    diag = Diagnostics(strict, data)
    text = _decode(data, diag)
    reader = _Reader(text, diag)
    lines = reader.lines
    # The preamble runs to the first block, or to the first end marker (a mail whose
    # first part is empty).
    first = next(
        (i for i, line in enumerate(lines) if line == "\\\\" or marker_kind(line) is not None),
        -1,
    )
    head = lines if first < 0 else lines[:first]
    if first < 0 and not any("Submissions to:" in x or "Papers received as of" in x for x in head):
        raise ParseError("not an arXiv text listing: no \\\\ block", kind=DefectKind.SYNTAX, line=1)
    if any(DAY_RE.fullmatch(x) for x in lines):
        reader.kind = MailingKind.PASTWEEK
    facts = _header(head, reader)
    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    last_end = max(first, 0) if first >= 0 else len(lines)
    i = last_end
    n = len(lines)
    while first >= 0 and i < n:
        line = lines[i]
        if line == "\\\\":
            i = reader.block(i)
            last_end = i
        elif is_rule(line):
            i += 1
        elif marker_kind(line) is not None:
            if reader.kind == MailingKind.DAILY:
                reader.marker(marker_kind(line), i)  # type: ignore[arg-type]
            else:
                reader.report(DefectKind.UNKNOWN_ELEMENT, "an end marker outside a daily mail", i)
            i += 1
            last_end = i
        elif not line.strip():
            i += 1
        else:
            reader.report(
                DefectKind.UNKNOWN_ELEMENT, "a line outside any block (kept in the epilogue)", i
            )
            i += 1
    reader._flush(False)
    cut = min(offsets[min(last_end, n)], len(text))
    start = offsets[first] if first >= 0 else len(text)
    return Mailing(
        sections=tuple(reader.sections),
        kind=reader.kind,
        subject=facts.subject,
        date=facts.date,
        names=tuple(facts.names),
        received_from=facts.received_from,
        received_to=facts.received_to,
        received_as_of=facts.received_as_of,
        preamble=text[:start],
        epilogue=text[cut:],
        defects=tuple(diag.defects),
    )
