"""A format parser handed another format says which parser the input is for."""

from __future__ import annotations

import pytest

from arxivlisting import AbsRecord, ArxivId, Paper, ParseError, parse_abs_page, render_abs
from arxivlisting.formats.listing import parse_listing
from arxivlisting.formats.mailing import Mailing, MailingEntry, MailingSection, render_mailing


def test_an_abs_file_given_to_the_abs_page_parser() -> None:
    text = render_abs(AbsRecord(Paper(ArxivId.parse("2301.00001"), title="A title")))
    with pytest.raises(ParseError, match=r"internal \.abs metadata file.*parse_abs\(\)"):
        parse_abs_page(text)


def test_a_text_listing_given_to_the_listing_page_parser() -> None:
    entry = MailingEntry(Paper(ArxivId.parse("2301.00001"), title="A title"))
    mailing = Mailing(
        sections=[MailingSection("new", [entry])], kind="daily", names=["Statistical Finance"]
    )
    with pytest.raises(ParseError, match=r"plain-text listing.*parse_mailing\(\)"):
        parse_listing(render_mailing(mailing))


def test_no_hint_for_input_that_is_no_known_format() -> None:
    with pytest.raises(ParseError) as info:
        parse_abs_page("<html><body><p>Hello</p></body></html>")
    assert "looks like" not in str(info.value)
