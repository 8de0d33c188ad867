"""Private: name the right parser when a format parser is handed another format.

A user who gives an internal ``.abs`` file to ``parse_abs_page`` or a plain-text listing
to ``parse_listing`` gets a ``ParseError`` either way; the message should say which
parser the input is for. The sniffer knows every registered format, so it is asked,
lazily (it imports every format module, this module is imported by them).
"""

from __future__ import annotations

__all__ = ["other_format_hint"]

_WHAT = {
    "abs": "an internal .abs metadata file",
    "abspage": "an arXiv abstract page",
    "atom": "an arXiv API (Atom) response",
    "digest": "a digest",
    "kaggle": "Kaggle snapshot lines",
    "listing": "an arXiv listing page",
    "mailing": "a plain-text listing (mail or pastweek text)",
    "oai": "an OAI-PMH response",
    "rss": "an rss.arxiv.org feed",
}


def other_format_hint(data: str | bytes, expected: str) -> str:
    """``"; it looks like ... "`` when ``data`` sniffs as a format other than
    ``expected`` (a name registered in :mod:`arxivlisting.sniff`), else ``""``."""
    from ..errors import ParseError  # noqa: PLC0415
    from ..sniff import FORMATS, sniff  # noqa: PLC0415 - sniff imports this module's callers

    try:
        name = sniff(data)
    except (ParseError, ValueError, TypeError):
        return ""
    if name == expected:
        return ""
    parser = FORMATS[name].parse
    return (
        f"; it looks like {_WHAT.get(name, name + ' data')}: read it with {parser.__name__}()"
        " (or arxivlisting.parse(), which picks the parser itself)"
    )
