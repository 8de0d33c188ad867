"""Private: :class:`Mailing` -> arXiv's text listing layout.

Fields are wrapped at 79 columns with two-space continuation lines and abstracts at 79
columns with a two-space first line, as arXiv writes them; with the ``preamble`` and
``epilogue`` of a parsed file the output is the file again, except for what the records
normalize (odd spacing, paragraph breaks inside abstracts, lines written in another order).
"""

from __future__ import annotations

from ..announce import AnnounceType
from ..records import Version
from ._listing_mail_entry import MARKERS
from ._listing_mail_parse import header_facts, parse_entry_block
from ._listing_mail_records import Mailing, MailingEntry, MailingKind, MailingSection
from ._listing_records import SectionKind
from ._listing_render import canonical_authors_text
from ._listing_text import format_day, format_rfc822

__all__ = ["RULE", "render_mailing_text", "wrap"]

RULE = "-" * 78
WIDTH = 79


def wrap(first: str, words: list[str], indent: str = "  ", width: int = WIDTH) -> list[str]:
    """Greedy wrapping: ``first`` starts the first line, ``indent`` the others."""
    lines: list[str] = []
    current = first
    fresh = True  # nothing but the prefix on the current line yet
    for word in words:
        candidate = current + word if fresh else current + " " + word
        if not fresh and len(candidate) > width:
            lines.append(current)
            current = indent + word
        else:
            current = candidate
        fresh = False
    lines.append(current)
    return lines


def _field(key: str, value: str | None, out: list[str]) -> None:
    if value is None:
        return
    words = value.split()
    if not words:
        out.append(f"{key}: ")
        return
    out.extend(wrap(f"{key}: ", words))


def _size(size: int | None, flags: str | None) -> str:
    if size is None:
        return ""
    return f"   ({size}kb{',' + flags if flags else ''})"


def _date_line(version: Version, monthly: bool) -> str:
    when = format_rfc822(version.date) if version.date is not None else ""
    if version.number == 1:
        head = "Date:"
    elif monthly:
        head = "Date (revised):"
    else:
        head = f"Date (revised v{version.number}):"
    return f"{head} {when}{_size(version.size_kb, version.source_flags)}"


def _entry(entry: MailingEntry, monthly: bool, out: list[str]) -> None:
    lines: list[str] = []
    _canonical_entry(entry, monthly, lines)
    source = entry.source
    if source is not None and source != "\n".join(lines) and parse_entry_block(source) == entry:
        out.extend(source.split("\n"))  # the file's own lines still mean this entry
    else:
        out.extend(lines)


def _canonical_entry(entry: MailingEntry, monthly: bool, out: list[str]) -> None:
    paper = entry.paper
    pid = str(paper.id) if paper.id is not None else ""
    cross = entry.announce_type in (AnnounceType.CROSS, AnnounceType.REPLACE_CROSS)
    out.append("\\\\")
    if monthly:
        out.append(f"Paper{' (*cross-listing*)' if cross else ''}: {pid}")
    else:
        out.append(f"arXiv:{pid}{' (*cross-listing*)' if cross else ''}")
    if paper.submitter is not None or entry.submitter_email is not None:
        who = paper.submitter or ""
        if entry.submitter_email is not None:
            who = f"{who} <{entry.submitter_email}>" if who else f"<{entry.submitter_email}>"
        out.append(f"From: {who}")
    versions = sorted(paper.versions, key=lambda v: v.number)
    if monthly and versions and versions[0].number != 1:
        monthly = False  # "Date (revised):" counts from v1; name the versions instead
    out.extend(_date_line(v, monthly) for v in versions)
    if entry.replaced is not None or entry.replaced_size_kb is not None:
        when = format_rfc822(entry.replaced) if entry.replaced is not None else ""
        out.append(
            f"replaced with revised version {when}"
            f"{_size(entry.replaced_size_kb, entry.replaced_flags)}"
        )
    out.extend(entry.extra_header_lines)
    out.append("")
    _field("Title", paper.title, out)
    authors = entry.authors_text
    if authors is None and paper.authors:
        authors = canonical_authors_text(paper.authors)
    _field("Authors", authors, out)
    _field("Categories", " ".join(paper.categories) if paper.categories else None, out)
    _field("Comments", paper.comments, out)
    _field("Subj-class", entry.subj_class, out)
    _field("Proxy", paper.proxy, out)
    _field("Report-no", paper.report_no, out)
    _field("MSC-class", paper.msc_class, out)
    _field("ACM-class", paper.acm_class, out)
    _field("Journal-ref", paper.journal_ref, out)
    _field("DOI", " ".join(paper.dois) if paper.dois else None, out)
    _field("License", paper.license, out)
    out.extend(entry.extra_lines)
    trailer = None
    if entry.size_kb is not None:
        trailer = f"\\\\ ( https://arxiv.org/abs/{pid} ,  {entry.size_kb}kb)"
    if paper.abstract is not None:
        out.append("\\\\")
        words = paper.abstract.split()
        if words:
            out.extend(wrap("  ", words, indent=""))
    out.append(trailer if trailer is not None else "\\\\")


def _preamble(mailing: Mailing) -> str:
    out: list[str] = []
    if mailing.kind == MailingKind.MONTHLY:
        out += [RULE, RULE, ""]
        if mailing.received_as_of is not None:
            when = format_rfc822(mailing.received_as_of, two_digit_year=True, comma=False)
            out.append(f"Papers received as of {when}.")
        out += ["", RULE, RULE]
    elif mailing.kind == MailingKind.PASTWEEK and mailing.date is None and not mailing.names:
        out.append(RULE)
    else:
        if mailing.date is not None:
            out.append(f"Date: {format_rfc822(mailing.date, two_digit_year=True)}")
        if mailing.subject is not None:
            out.append(f"Subject: {mailing.subject}")
        if out:
            out.append("")
        out += [RULE, RULE, "Send any comments regarding submissions directly to submitter.", RULE]
        out += ["Archives at http://arxiv.org/", RULE]
        out.append(" Submissions to:")
        out.extend(mailing.names)
        if mailing.received_from is not None and mailing.received_to is not None:
            start = format_rfc822(mailing.received_from, two_digit_year=True, comma=False)
            end = format_rfc822(mailing.received_to, two_digit_year=True, comma=False)
            out.append(f" received from  {start}  to  {end}")
        out.append(RULE)
        out.append(RULE)
    return "\n".join(out) + "\n"


def _section(section: MailingSection, monthly: bool, first: list[bool], out: list[str]) -> None:
    if section.kind == SectionKind.DAY and section.date is not None:
        if not first[0]:
            out.append(RULE)
        first[0] = False
        out += ["\\\\", f"/* {format_day(section.date)} */", "\\\\"]
    for entry in section.entries:
        if not first[0]:
            out.append(RULE)
        first[0] = False
        _entry(entry, monthly, out)
    if section.closed and section.kind in MARKERS:
        out.append(MARKERS[section.kind])
        first[0] = False  # the next block follows a rule, as after any line of the body


def _states(preamble: str, mailing: Mailing) -> bool:
    """True when a kept preamble states exactly the header facts of ``mailing``."""
    return "\\\\" not in preamble.split("\n") and header_facts(preamble).matches(mailing)


def render_mailing_text(mailing: Mailing) -> str:
    """The text of ``mailing`` (see :func:`arxivlisting.formats.mailing.render_mailing`)."""
    preamble = mailing.preamble
    if preamble is None or not _states(preamble, mailing):
        preamble = _preamble(mailing)
    monthly = mailing.kind == MailingKind.MONTHLY
    out: list[str] = []
    first = [True]
    for section in mailing.sections:
        _section(section, monthly, first, out)
    body = "\n".join(out) + "\n" if out else ""
    epilogue = mailing.epilogue if mailing.epilogue is not None else ""
    return preamble + body + epilogue
