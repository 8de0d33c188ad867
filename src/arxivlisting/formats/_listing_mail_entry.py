"""Private: one entry block of a text listing -> :class:`MailingEntry`."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Protocol

from ..announce import AnnounceType
from ..authors import parse_authors
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author, Paper, Version
from ..text import normalize_space
from ._listing_mail_records import MailingEntry, MailingKind
from ._listing_records import SectionKind
from ._listing_text import parse_rfc822

__all__ = ["DAY_RE", "MARKERS", "EntryReader", "LineSource", "ends_block", "is_rule", "marker_kind"]


class LineSource(Protocol):
    """What an entry reader needs from the file reader."""

    lines: list[str]
    kind: MailingKind

    def report(self, kind: DefectKind, message: str, i: int, snippet: str | None = None) -> None:
        """Record a defect at 0-based line ``i``."""


MARKERS = {
    SectionKind.NEW: "%-%-" * 19 + "%-",
    SectionKind.CROSS: "%%--" * 19 + "%%",
    SectionKind.REPLACE: "%%%---" * 13,
}
DAY_RE = re.compile(r"/\*\s*(.*?)\s*\*/\s*")
_ID_RE = re.compile(
    r"(?:arXiv:\s*(\S+)\s*(\(\*cross-listing\*\))?|Paper\s*(\(\*cross-listing\*\))?:\s*(\S+))\s*"
)
_DATE_RE = re.compile(
    r"Date(?:\s*\(revised(?:\s+v([0-9]+))?\))?:\s*(.*?)\s*(?:\(([0-9]+)kb(?:,\s*([A-Za-z]*))?\))?\s*"
)
_REPLACED_RE = re.compile(
    r"replaced with revised version\s+(.*?)\s*(?:\(([0-9]+)kb(?:,\s*([A-Za-z]*))?\))?\s*"
)
_TRAILER_RE = re.compile(r"\\\\\s*\(\s*(\S+?)\s*,\s*([0-9]+)\s*kb\s*\)\s*")
_FIELD_RE = re.compile(r"([A-Za-z][A-Za-z-]*):(?:\s(.*))?")
_FROM_RE = re.compile(r"(.*?)\s*<([^<>]*)>\s*")
_FIELDS = {
    "Title": "title",
    "Authors": "authors",
    "Categories": "categories",
    "Comments": "comments",
    "Subj-class": "subj_class",
    "Proxy": "proxy",
    "Report-no": "report_no",
    "MSC-class": "msc_class",
    "ACM-class": "acm_class",
    "Journal-ref": "journal_ref",
    "DOI": "doi",
    "License": "license",
}


def is_rule(line: str) -> bool:
    """A separator line of dashes."""
    return len(line) >= 20 and not line.strip("-").strip()


def marker_kind(line: str) -> SectionKind | None:
    """The part a daily-mail end marker closes, or None."""
    if line.startswith("%%%---"):
        return SectionKind.REPLACE
    if line.startswith("%%--"):
        return SectionKind.CROSS
    if line.startswith("%-%-"):
        return SectionKind.NEW
    return None


def ends_block(line: str) -> bool:
    return line == "\\\\" or is_rule(line) or marker_kind(line) is not None


class EntryReader:
    """One entry block, read field by field."""

    def __init__(self, reader: LineSource, start: int) -> None:
        self.r = reader
        self.start = start
        self.id: ArxivId | None = None
        self.cross = False
        self.values: dict[str, str] = {}
        self.submitter: str | None = None
        self.email: str | None = None
        self.versions: list[Version] = []
        self.replaced: tuple[_dt.datetime | None, int | None, str | None] | None = None
        self.extra_header: list[str] = []
        self.extra: list[str] = []
        self.abstract: str | None = None
        self.size: int | None = None

    def read(self, j: int) -> tuple[MailingEntry, int]:
        lines = self.r.lines
        n = len(lines)
        if j < n and _ID_RE.fullmatch(lines[j]):
            self._id(j)
            j += 1
        else:
            self.r.report(
                DefectKind.MISSING_FIELD, "an entry without its arXiv id line", min(j, n - 1)
            )
        in_fields = False
        while j < n:
            line = lines[j]
            if line == "\\\\" or line.startswith("\\\\ (") or is_rule(line) or marker_kind(line):
                break
            if not line.strip():
                in_fields = True
                j += 1
                continue
            end = j + 1
            while end < n and lines[end][:1] in (" ", "\t") and lines[end].strip():
                end += 1
            self._line(j, end, in_fields)
            j = end
        return self._close(j)

    def _close(self, j: int) -> tuple[MailingEntry, int]:
        lines = self.r.lines
        n = len(lines)
        if j < n and lines[j] == "\\\\":
            k = j + 1
            opens_abstract = k < n and (
                _TRAILER_RE.fullmatch(lines[k]) is not None or not ends_block(lines[k])
            )
            if opens_abstract and (k < n - 1 or lines[k].strip()):
                return self._abstract(k)
            return self._entry(), j + 1
        if j < n and _TRAILER_RE.fullmatch(lines[j]):
            self._trailer(j)
            return self._entry(), j + 1
        self.r.report(DefectKind.TRUNCATED, "an entry that does not end with \\\\", min(j, n - 1))
        return self._entry(), j

    def _abstract(self, k: int) -> tuple[MailingEntry, int]:
        lines = self.r.lines
        n = len(lines)
        start = k
        while k < n and lines[k] != "\\\\" and not _TRAILER_RE.fullmatch(lines[k]):
            if is_rule(lines[k]) or marker_kind(lines[k]):
                self.r.report(DefectKind.TRUNCATED, "an abstract not closed by \\\\", k)
                self.abstract = normalize_space(" ".join(lines[start:k]))
                return self._entry(), k
            k += 1
        self.abstract = normalize_space(" ".join(lines[start:k]))
        if k >= n:
            self.r.report(DefectKind.TRUNCATED, "the file ends inside an abstract", n - 1)
            return self._entry(), k
        if lines[k] != "\\\\":
            self._trailer(k)
        return self._entry(), k + 1

    def _trailer(self, k: int) -> None:
        m = _TRAILER_RE.fullmatch(self.r.lines[k])
        assert m is not None
        self.size = int(m.group(2))
        named = ArxivId.try_parse(m.group(1))
        if named is None:
            self.r.report(DefectKind.BAD_ID, "the trailer names no arXiv id", k)
        elif self.id is not None and named.unversioned != self.id.unversioned:
            self.r.report(DefectKind.INCONSISTENT, "the trailer names another paper", k)

    def _id(self, j: int) -> None:
        m = _ID_RE.fullmatch(self.r.lines[j])
        assert m is not None
        raw = m.group(1) or m.group(4)
        self.cross = bool(m.group(2) or m.group(3))
        if m.group(4) is not None:
            self.r.kind = MailingKind.MONTHLY if self.r.kind == MailingKind.DAILY else self.r.kind
        self.id = ArxivId.try_parse(raw)
        if self.id is None:
            self.r.report(DefectKind.BAD_ID, "not an arXiv id", j, raw)

    def _line(self, j: int, end: int, in_fields: bool) -> None:
        lines = self.r.lines
        line = lines[j]
        value = normalize_space(" ".join(lines[j:end]))
        if not in_fields:
            m = _DATE_RE.fullmatch(line)
            if m is not None and end == j + 1:
                self._date(m, j)
                return
            m = _REPLACED_RE.fullmatch(line)
            if m is not None and end == j + 1:
                when, problem, _ = parse_rfc822(m.group(1))
                if problem is not None:
                    self.r.report(
                        DefectKind.BAD_DATE if when is None else DefectKind.INCONSISTENT, problem, j
                    )
                size = int(m.group(2)) if m.group(2) else None
                self.replaced = (when, size, m.group(3) or None)
                return
            if line.startswith("From:"):
                text = value[5:].strip()
                fm = _FROM_RE.fullmatch(text)
                self.submitter, self.email = (
                    (fm.group(1) or None, fm.group(2)) if fm else (text, None)
                )
                return
        fm = _FIELD_RE.fullmatch(line)
        key = fm.group(1) if fm else None
        if key in _FIELDS:
            name = _FIELDS[key]
            if name in self.values:
                self.r.report(
                    DefectKind.DUPLICATE_FIELD, f"a second {key}: line; the first is kept", j
                )
                return
            self.values[name] = normalize_space(value[len(key) + 1 :])
            return
        self.r.report(
            DefectKind.UNKNOWN_ELEMENT, "a line this parser does not know (kept verbatim)", j
        )
        (self.extra if in_fields else self.extra_header).extend(lines[j:end])

    def _date(self, m: re.Match[str], j: int) -> None:
        when, problem, _ = parse_rfc822(m.group(2))
        if problem is not None:
            self.r.report(
                DefectKind.BAD_DATE if when is None else DefectKind.INCONSISTENT, problem, j
            )
        revised = m.group(0).startswith("Date (") or m.group(0).startswith("Date(")
        if m.group(1):
            number = int(m.group(1))
        elif revised:
            number = self.versions[-1].number + 1 if self.versions else 2
        else:
            number = 1
        if any(v.number == number for v in self.versions) or number < 1:
            self.r.report(DefectKind.DUPLICATE_FIELD, f"a second date line for v{number}", j)
            return
        size = int(m.group(3)) if m.group(3) else None
        self.versions.append(Version(number, when, size, m.group(4) or None))

    def _entry(self) -> MailingEntry:
        v = self.values
        categories = tuple(v.get("categories", "").split())
        authors_text = v.get("authors")
        authors: tuple[Author, ...] = ()
        if authors_text is not None:
            line = parse_authors(authors_text)
            authors = line.authors
            for d in line.defects:
                self.r.report(d.kind, f"Authors: {d.message}", self.start, d.snippet)
        dois = tuple(v["doi"].split()) if "doi" in v else ()
        if "title" not in v:
            self.r.report(DefectKind.MISSING_FIELD, "an entry without a Title: line", self.start)
        paper = Paper(
            id=self.id,
            title=v.get("title"),
            authors=authors,
            abstract=self.abstract,
            comments=v.get("comments"),
            journal_ref=v.get("journal_ref"),
            dois=dois,
            report_no=v.get("report_no"),
            categories=categories,
            primary_category=categories[0] if categories else None,
            msc_class=v.get("msc_class"),
            acm_class=v.get("acm_class"),
            license=v.get("license"),
            versions=tuple(sorted(self.versions, key=lambda x: x.number)),
            submitter=self.submitter,
            proxy=v.get("proxy"),
        )
        replaced = self.replaced
        if replaced is not None:
            announce = AnnounceType.REPLACE_CROSS if self.cross else AnnounceType.REPLACE
        else:
            announce = AnnounceType.CROSS if self.cross else AnnounceType.NEW
        if self.size is not None:
            sized = (
                replaced[1] if replaced else (self.versions[0].size_kb if self.versions else None)
            )
            if sized is not None and sized != self.size:
                self.r.report(
                    DefectKind.INCONSISTENT,
                    "the trailer and the date line give different sizes",
                    self.start,
                )
        return MailingEntry(
            paper=paper,
            announce_type=announce,
            authors_text=authors_text,
            submitter_email=self.email,
            replaced=replaced[0] if replaced else None,
            replaced_size_kb=replaced[1] if replaced else None,
            replaced_flags=replaced[2] if replaced else None,
            size_kb=self.size,
            subj_class=v.get("subj_class"),
            extra_header_lines=tuple(self.extra_header),
            extra_lines=tuple(self.extra),
        )
