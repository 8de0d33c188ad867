"""Private: the text listing records (re-exported by :mod:`arxivlisting.formats.mailing`)."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from .. import taxonomy
from ..announce import AnnounceType
from ..errors import Defect
from ..records import Paper, as_tuple, utc
from ._listing_records import SectionKind

__all__ = ["Mailing", "MailingEntry", "MailingKind", "MailingSection"]


class MailingKind(str, enum.Enum):
    """Which text listing a file is."""

    #: The daily mail / the internal ``new`` listing: new, cross-lists, replacements.
    DAILY = "daily"
    #: The ``pastweek`` files: ``/* <Dow>, <D> <Mon> <YYYY> */`` day blocks.
    PASTWEEK = "pastweek"
    #: The 1990s monthly files with ``Paper:`` lines.
    MONTHLY = "monthly"


def _optional_utc(value: _dt.datetime | None) -> _dt.datetime | None:
    return utc(value)


@attrs.frozen
class MailingEntry:
    """One paper block of a text listing.

    ``paper`` holds the fields the block carries: the unversioned id, submitter (``From:``),
    versions (``Date:`` is v1, each ``Date (revised ...)`` the next), title, authors,
    categories (the first is the primary), comments, report number, MSC/ACM classes,
    journal reference, DOIs, license, abstract. ``authors_text`` is the ``Authors:`` line
    as written (normalized whitespace).

    A replacement says ``replaced with revised version <date> (<size>kb)`` without naming
    the version: that is ``replaced``, ``replaced_size_kb`` and ``replaced_flags``.
    ``size_kb`` is the size in the ``\\\\ ( https://arxiv.org/abs/<id> , <size>kb)`` trailer
    (the size of the announced version). ``subj_class`` is the 1990s ``Subj-class:`` line.
    ``extra_header_lines`` (among the ``From:``/``Date:`` lines) and ``extra_lines``
    (among the fields) are lines this parser does not know, kept verbatim.

    ``source`` is the block exactly as the file has it; the renderer writes it back when
    it still means this entry. Like a document's ``defects`` it is not part of equality.
    """

    paper: Paper
    announce_type: AnnounceType | None = attrs.field(
        default=AnnounceType.NEW, converter=attrs.converters.optional(AnnounceType)
    )
    authors_text: str | None = None
    submitter_email: str | None = None
    replaced: _dt.datetime | None = attrs.field(default=None, converter=_optional_utc)
    replaced_size_kb: int | None = None
    replaced_flags: str | None = None
    size_kb: int | None = None
    subj_class: str | None = None
    extra_header_lines: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    extra_lines: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    source: str | None = attrs.field(default=None, eq=False)


@attrs.frozen
class MailingSection:
    """A run of entries: the new / cross-list / replacement parts of a daily mail (``closed``
    when the file prints the part's end marker), one day of a pastweek file, or ``ALL``.
    """

    kind: SectionKind = attrs.field(converter=SectionKind)
    entries: tuple[MailingEntry, ...] = attrs.field(default=(), converter=as_tuple)
    date: _dt.date | None = None
    closed: bool = False


@attrs.frozen
class Mailing:
    """One text listing: a daily mail, a pastweek file or a 1990s monthly file.

    ``date`` and ``subject`` are the mail headers (when the file keeps them), ``names``
    the category names after "Submissions to:", ``received_from``/``received_to`` the
    submission window, ``received_as_of`` the "Papers received as of" time of monthly
    files. All times are UTC.

    ``preamble`` and ``epilogue`` are the exact text before the first and after the last
    block; with them :func:`~arxivlisting.formats.mailing.render_mailing` gives back the
    file. Like ``defects`` they describe the source bytes and are not part of equality.
    """

    sections: tuple[MailingSection, ...] = attrs.field(default=(), converter=as_tuple)
    kind: MailingKind | None = attrs.field(
        default=None, converter=attrs.converters.optional(MailingKind)
    )
    subject: str | None = None
    date: _dt.datetime | None = attrs.field(default=None, converter=_optional_utc)
    names: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    received_from: _dt.datetime | None = attrs.field(default=None, converter=_optional_utc)
    received_to: _dt.datetime | None = attrs.field(default=None, converter=_optional_utc)
    received_as_of: _dt.datetime | None = attrs.field(default=None, converter=_optional_utc)
    preamble: str | None = attrs.field(default=None, eq=False)
    epilogue: str | None = attrs.field(default=None, eq=False)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def category(self) -> str | None:
        """The category the subject line names (``q-fin.ST daily ...``), or None."""
        if not self.subject:
            return None
        word = self.subject.split()[0]
        return word if taxonomy.is_known(word) else None

    @property
    def entries(self) -> tuple[MailingEntry, ...]:
        """Every entry of every section, in file order."""
        return tuple(e for s in self.sections for e in s.entries)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The paper of every entry, in file order."""
        return tuple(e.paper for s in self.sections for e in s.entries)
