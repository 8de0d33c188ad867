"""Records for bilingual digests: :class:`Digest` and :class:`DigestEntry`.

Every dialect parses into these. An entry carries the :class:`~arxivlisting.Paper` (the
facts arXiv publishes: id, English title, authors, English abstract, comments,
categories) plus what the digest adds: Chinese title and abstract, AI summary,
institutions with Chinese names, the topic hit, the score, the announce type and the
listing date.

Exact round trips: records hold normalized text (see :mod:`arxivlisting.text`). What a
renderer needs to write a source back byte for byte and that the fields cannot say is
kept in small ``layout`` records, and only when the source departs from the dialect's
canonical form: a line order, the exact text of a line whose canonical rendering would
differ, blank-line runs, the newline convention, a byte-order mark. A document written
by the renderer from records has empty layouts, so ``parse(render(d)) == d``.

>>> from arxivlisting import Paper, ArxivId
>>> e = DigestEntry(Paper(ArxivId.parse("2606.19348"), title="T"), title_zh="标题")
>>> e.id, e.institutions
(<ArxivId('2606.19348')>, ())
"""

from __future__ import annotations

import datetime as _dt

import attrs

from ...announce import AnnounceType
from ...errors import Defect
from ...ids import ArxivId
from ...records import Paper, as_tuple

__all__ = [
    "CountLine",
    "Digest",
    "DigestEntry",
    "DigestLayout",
    "EntryLayout",
    "Institution",
    "Section",
    "SubjectHeader",
    "TopicHit",
]


@attrs.frozen
class Institution:
    """An institution as a digest names it, with its Chinese name where one is given."""

    name: str
    name_zh: str | None = None


@attrs.frozen
class TopicHit:
    """Why a topic page listed the paper: the topic matched and the stated reason."""

    topic: str
    reason: str | None = None


@attrs.frozen
class EntryLayout:
    """How one entry's source departs from its dialect's canonical form (usually not).

    ``order`` is the sequence of line roles when it differs from the canonical one;
    ``verbatim`` maps a line's index within the entry to its exact text when the
    canonical rendering of the parsed fields would differ; ``extra`` holds lines the
    parser did not understand (role ``"extra"`` in ``order``), kept in order.
    ``fullwidth`` says the structural punctuation (list separators, the topic-hit
    colon, the parentheses around Chinese names) is full-width; ``comments_after_details``
    says the comments come after the ``详情`` line as a bare ``Comments`` line.
    """

    order: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    verbatim: tuple[tuple[int, str], ...] = attrs.field(default=(), converter=as_tuple)
    extra: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    fullwidth: bool = False
    comments_after_details: bool = False


@attrs.frozen
class DigestEntry:
    """One paper of a digest: the :class:`Paper` plus the digest's own annotations.

    ``score`` is the percentage as shown (``95`` for ``95%``); ``announce_label`` keeps
    the label exactly as written (``版本更新`` and ``替换`` both mean a replacement);
    ``listing_date`` is the date of the listing, not of the paper. ``number`` is the
    entry's number as the digest prints it (``【14】``), where it prints one.
    ``ai_fields`` holds the digest's other AI annotations by name, in source order
    (``tldr``, ``motivation``, ``method``, ``result``, ``conclusion``...);
    ``keywords`` its keyword list; ``authors_zh`` a Chinese rendering of the author list
    where one is given; ``extra_fields`` dialect facts with no field of their own
    (name, text), kept rather than dropped. ``languages`` tags each free-text field with
    its language (not part of equality: it is derived from the text).
    """

    paper: Paper
    title_zh: str | None = None
    abstract_zh: str | None = None
    ai_summary: str | None = None
    institutions: tuple[Institution, ...] = attrs.field(default=(), converter=as_tuple)
    topic_hit: TopicHit | None = None
    score: int | None = None
    announce: AnnounceType | None = None
    announce_label: str | None = None
    listing_date: _dt.date | None = None
    number: int | None = None
    ai_fields: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    keywords: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    authors_zh: str | None = None
    extra_fields: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    layout: EntryLayout = EntryLayout()
    languages: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def id(self) -> ArxivId | None:
        """The paper's arXiv id."""
        return self.paper.id

    def ai_field(self, name: str) -> str | None:
        """The AI annotation called ``name`` (first one), or None.

        >>> DigestEntry(Paper(None), ai_fields=[("tldr", "短")]).ai_field("tldr")
        '短'
        """
        for key, value in self.ai_fields:
            if key == name:
                return value
        return None


@attrs.frozen
class Section:
    """A sub-section of a digest page and the entries under it.

    ``first_entry`` is the index of its first entry in ``Digest.entries``; a section runs
    until the next one. ``code`` is set for subject headers (``Q-FIN定量金融54``),
    ``number`` for numbered sub-headings (``1. 统计理论与方法 3 篇``).
    """

    title: str
    first_entry: int
    number: int | None = None
    code: str | None = None
    declared_count: int | None = None
    #: Lines between the heading and the section's first entry (a description), as written.
    notes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class CountLine:
    """The count line of a topic page: ``今日/当前日期收录 11 信号源:cs.CL, cs.AI``."""

    label: str
    count: int
    sources: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    fullwidth: bool = False


@attrs.frozen
class SubjectHeader:
    """A subject header gluing code, Chinese name and count: ``Q-FIN定量金融54``."""

    code: str
    name_zh: str
    count: int


@attrs.frozen
class DigestLayout:
    """Document-level facts needed to write a source back exactly (usually defaults).

    ``newline`` is the line ending used throughout; ``bom`` a leading U+FEFF;
    ``gaps`` lists, for content lines whose preceding run of blank lines differs from
    the dialect's default, the line index and the exact blank lines; ``tail`` holds
    what follows the last content line (``("",)`` for a final newline);
    ``preamble_order`` the order of the lines before the first entry when it is not
    the canonical one.
    """

    newline: str = "\n"
    bom: bool = False
    gaps: tuple[tuple[int, tuple[str, ...]], ...] = attrs.field(default=(), converter=as_tuple)
    tail: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    preamble_order: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    verbatim: tuple[tuple[int, str], ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class Digest:
    """A digest page or dump: its header facts, sections and entries, and defects.

    ``date`` is the digest's own date where it states one (the day of the post or page).
    ``declared_count`` is the count the page states (count line, ``全部学科分类 N`` or
    the subject header); when it disagrees with the entries found, a ``count_mismatch``
    defect says so. ``encoding`` reports how bytes were decoded (None for text input);
    ``encoding`` and ``defects`` describe the source, not the content, and are not part
    of equality.
    """

    dialect: str
    entries: tuple[DigestEntry, ...] = attrs.field(default=(), converter=as_tuple)
    header: str | None = None
    date: _dt.date | None = None
    group: str | None = None
    topic: str | None = None
    topic_description: str | None = None
    count_line: CountLine | None = None
    total_label: str | None = None
    total: int | None = None
    subject: SubjectHeader | None = None
    residue: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    preamble_extra: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=as_tuple)
    trailer: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    layout: DigestLayout = DigestLayout()
    encoding: str | None = attrs.field(default=None, eq=False)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def declared_count(self) -> int | None:
        """The number of papers the page says it lists, if it says."""
        if self.count_line is not None:
            return self.count_line.count
        if self.total is not None:
            return self.total
        if self.subject is not None:
            return self.subject.count
        return None

    @property
    def sources(self) -> tuple[str, ...]:
        """The source categories a topic page names (``信号源``)."""
        return self.count_line.sources if self.count_line is not None else ()

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The :class:`Paper` of every entry, in order."""
        return tuple(e.paper for e in self.entries)
