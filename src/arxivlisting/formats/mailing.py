"""arXiv's text listings: the daily mail, pastweek files and the 1990s monthly files.

``parse_mailing`` reads all three into a :class:`Mailing` (sections of
:class:`MailingEntry`, each holding a :class:`~arxivlisting.records.Paper`);
``render_mailing`` writes them back in arXiv's layout.

* The daily mail (also the internal ``new`` listing): a header with the submission
  window, then the new submissions, the cross-lists ("(*cross-listing*)") and the
  replacements ("replaced with revised version <date> (<size>kb)", no abstract), each
  part closed by its ``%-%-`` / ``%%--%%--`` / ``%%%---%%%---`` line; every paper ends
  with the ``\\\\ ( https://arxiv.org/abs/<id> ,  <size>kb)`` trailer.
* pastweek files: ``/* <Dow>, <D> <Mon> <YYYY> */`` day blocks, papers without abstracts.
* 1990s monthly files: ``Paper: <id>`` / ``Paper (*cross-listing*): <id>`` lines,
  ``Date (revised):`` lines and ``Subj-class:``.

>>> from arxivlisting.formats.mailing import parse_mailing, render_mailing
>>> text = '''------------------------------------------------------------------------------
... \\\\\\\\
... arXiv:2303.09999
... Date: Thu, 16 Mar 2023 09:38:40 GMT   (163kb)
...
... Title: A title
... Authors: Ada Lovelace (Analytical Society) and Charles Babbage
... Categories: q-fin.ST q-fin.RM
... \\\\\\\\
...   An abstract.
... \\\\\\\\ ( https://arxiv.org/abs/2303.09999 ,  163kb)
... '''
>>> m = parse_mailing(text)
>>> entry = m.entries[0]
>>> str(entry.paper.id), entry.paper.primary_category, entry.size_kb
('2303.09999', 'q-fin.ST', 163)
>>> [(a.name, a.affiliations) for a in entry.paper.authors]
[('Ada Lovelace', ('Analytical Society',)), ('Charles Babbage', ())]
>>> entry.paper.versions[0].size_kb, entry.paper.versions[0].date.isoformat()
(163, '2023-03-16T09:38:40+00:00')
>>> render_mailing(m) == text
True
"""

from __future__ import annotations

import re

from ._listing_mail_parse import parse_mailing_text
from ._listing_mail_records import Mailing, MailingEntry, MailingKind, MailingSection
from ._listing_mail_render import render_mailing_text

__all__ = [
    "Mailing",
    "MailingEntry",
    "MailingKind",
    "MailingSection",
    "looks_like",
    "parse_mailing",
    "render_mailing",
]


def parse_mailing(data: str | bytes, *, strict: bool = False) -> Mailing:
    """Parse a text listing (daily mail, pastweek or monthly file) into a :class:`Mailing`.

    Lenient by default (defects on ``mailing.defects``); ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` at the first defect. Bytes are read as UTF-8,
    or latin-1 with an ``encoding`` defect. Text that is no listing raises ``ParseError``.

    >>> parse_mailing("not a listing")
    Traceback (most recent call last):
        ...
    arxivlisting.errors.ParseError: not an arXiv text listing: no \\\\ block (line 1)
    """
    return parse_mailing_text(data, strict)


def render_mailing(mailing: Mailing) -> str:
    """Write ``mailing`` in arXiv's text layout (fields and abstracts wrapped at 79 columns).

    A parsed file keeps its exact ``preamble`` and ``epilogue``; a mailing built by hand
    gets a header written from its fields.

    >>> from arxivlisting.formats.mailing import MailingSection
    >>> from arxivlisting.formats.listing import SectionKind
    >>> print(render_mailing(Mailing(kind="daily", names=["Statistical Finance"])), end="")
    ------------------------------------------------------------------------------
    ------------------------------------------------------------------------------
    Send any comments regarding submissions directly to submitter.
    ------------------------------------------------------------------------------
    Archives at http://arxiv.org/
    ------------------------------------------------------------------------------
     Submissions to:
    Statistical Finance
    ------------------------------------------------------------------------------
    ------------------------------------------------------------------------------
    """
    return render_mailing_text(mailing)


_SIGNS_RE = re.compile(
    r"^(?:\s*Submissions to:|Papers received as of |\\\\ \( https?://arxiv\.org/abs/"
    r"|%-%-|%%--%%--|%%%---|Paper(?: \(\*cross-listing\*\))?: \S|/\* .* \*/$)",
    re.MULTILINE,
)
_BLOCK_RE = re.compile(r"^\\\\\n(?:arXiv:|Paper)", re.MULTILINE)


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes) looks like an arXiv text listing.

    What only listings have decides (a submission window, the ``\\\\ ( https://arxiv.org/
    abs/...)`` trailer, an end marker, a ``/* <day> */`` block, a ``Paper:`` line), or two
    paper blocks: a single block without them is an internal ``.abs`` file.

    >>> looks_like("-" * 78 + "\\n Submissions to:\\nStatistical Finance\\n")
    True
    >>> looks_like("-" * 78 + "\\n\\\\\\\\\\narXiv:0704.0001\\nFrom: A <a@b.c>\\n")
    False
    """
    head = head.replace("\r\n", "\n")
    return _SIGNS_RE.search(head) is not None or len(_BLOCK_RE.findall(head)) >= 2
