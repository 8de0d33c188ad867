"""ParseError, Defect, format_excerpt and the Diagnostics collector."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arxivlisting import ArxivId
from arxivlisting._diag import Diagnostics, snippet_of
from arxivlisting.errors import (
    ArxivApiError,
    Defect,
    DefectKind,
    InvalidArxivId,
    ParseError,
    format_excerpt,
)
from arxivlisting.text import display_width


def test_parse_errors_are_value_errors() -> None:
    assert issubclass(ParseError, ValueError)
    assert issubclass(InvalidArxivId, ParseError)
    assert issubclass(ArxivApiError, ParseError)
    with pytest.raises(ValueError, match="month 13"):
        ArxivId.parse("2313.00001")


def test_str_shows_message_position_and_caret() -> None:
    error = ParseError(
        "unexpected tag",
        kind="unknown_element",
        line=3,
        column=5,
        where="entry[2]",
        source_line="<a><bogus/></a>",
        width=3,
    )
    assert (
        str(error)
        == "unexpected tag [entry[2]] (line 3, column 5)\n    <a><bogus/></a>\n        ^^^"
    )
    assert error.kind is DefectKind.UNKNOWN_ELEMENT


def test_str_without_source_line_shows_the_snippet() -> None:
    error = ParseError("bad date", kind=DefectKind.BAD_DATE, offset=17, snippet="2016-13-01")
    assert str(error) == "bad date (offset 17)\n    '2016-13-01'"


def test_str_of_a_bare_error_is_its_message() -> None:
    assert str(ParseError("not XML")) == "not XML"


def test_invalid_arxiv_id_points_at_the_bad_span() -> None:
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse("cond-mat/9913001")
    assert str(info.value) == (
        "month 13 is out of range (column 12)\n    cond-mat/9913001\n               ^^"
    )


def test_defect_and_parse_error_carry_the_same_facts() -> None:
    defect = Defect(
        DefectKind.BAD_ID,
        "not an arXiv id",
        line=7,
        column=2,
        offset=120,
        snippet="abc",
        where="entry[3]/id",
    )
    error = ParseError.from_defect(defect, source_line=" abc def")
    assert error.to_defect() == defect
    assert isinstance(error, ParseError)
    assert str(error).splitlines()[-1] == "     ^^^"  # as wide as the snippet
    assert ParseError.from_defect(defect).width == 1  # no line to underline


def test_defect_str() -> None:
    full = Defect("bad_id", "not an arXiv id", line=7, column=2, snippet="abc", where="entry[3]")
    assert str(full) == "bad_id: not an arXiv id [entry[3]] (line 7, column 2): 'abc'"
    assert str(Defect(DefectKind.TRUNCATED, "document ends early")) == (
        "truncated: document ends early"
    )
    assert str(Defect(DefectKind.SYNTAX, "x", line=4)) == "syntax: x (line 4)"
    assert str(Defect(DefectKind.SYNTAX, "x", offset=9)) == "syntax: x (offset 9)"
    long = Defect(DefectKind.SYNTAX, "x", snippet="y" * 500)
    assert str(long) == "syntax: x: " + repr("y" * 120)


def test_defect_kind_is_converted_and_checked() -> None:
    assert Defect("bad_date", "x").kind is DefectKind.BAD_DATE
    with pytest.raises(ValueError, match="no_such_kind"):
        Defect("no_such_kind", "x")
    with pytest.raises(ValueError, match="no_such_kind"):
        ParseError("x", kind="no_such_kind")


@pytest.mark.parametrize(
    "error",
    [
        ParseError("m", kind="bad_date", line=3, column=2, source_line="abc", width=2),
        InvalidArxivId("month 13 is out of range", "2313.00001", 3, 2),
        ArxivApiError("incorrect id format", {"slug": "x"}, line=4),
    ],
    ids=["ParseError", "InvalidArxivId", "ArxivApiError"],
)
def test_errors_survive_pickling(error: ParseError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
    assert copy.args == error.args


# -- format_excerpt ----------------------------------------------------------------------


def split_excerpt(excerpt: str) -> tuple[str, int, int]:
    """The shown line, the caret's start column (0-based) and the number of carets."""
    shown, carets = excerpt.split("\n")
    assert shown.startswith("    ")
    assert carets.startswith("    ")
    shown, carets = shown[4:], carets[4:]
    pad = len(carets) - len(carets.lstrip(" "))
    assert set(carets[pad:]) == {"^"}
    return shown, pad, len(carets) - pad


def test_short_line() -> None:
    assert format_excerpt("abcdef", 3, 2) == "    abcdef\n      ^^"
    assert format_excerpt("abcdef\r\n", 1) == "    abcdef\n    ^"
    # Nonsense positions still give one caret.
    assert format_excerpt("abc", 0, 0) == "    abc\n    ^"
    assert format_excerpt("abc", 4) == "    abc\n       ^"  # just past the end
    assert format_excerpt("abc", 2, 10) == "    abc\n     ^^"  # clipped to the line


@pytest.mark.parametrize("column", [1, 2, 39, 40, 41, 150, 260, 299, 300])
def test_long_lines_are_cut_and_the_caret_stays_aligned(column: int) -> None:
    line = "".join(f"{i:03d}" for i in range(100))  # no 100-character window repeats
    shown, pad, carets = split_excerpt(format_excerpt(line, column, 2))
    assert len(shown) == 100
    assert shown in line
    start = line.index(shown)
    assert start <= column - 1 < start + 100
    assert shown[pad] == line[column - 1]
    assert carets == min(2, 300 - (column - 1))
    if 40 < column <= 240:
        assert pad == 40  # the caret sits about 40 columns in


def test_caret_under_chinese_text() -> None:
    line = "摘要：我们提出了一种新方法，见 arXiv:2313.00001。"
    column = line.index("13.0") + 1
    excerpt = format_excerpt(line, column, 2)
    assert excerpt == (
        "    摘要：我们提出了一种新方法，见 arXiv:2313.00001。\n    " + " " * 39 + "^^"
    )
    _, pad, carets = split_excerpt(excerpt)
    assert pad == display_width("摘要：我们提出了一种新方法，见 arXiv:23") == 39
    assert carets == 2


def test_carets_cover_a_wide_character_twice() -> None:
    assert format_excerpt("标题：２３１３", 6, 2) == "    标题：２３１３\n              ^^^^"


def test_long_chinese_line_is_cut_by_display_width() -> None:
    line = "中" * 150 + "X" + "文" * 150
    shown, pad, carets = split_excerpt(format_excerpt(line, 151))
    assert display_width(shown) <= 100
    assert shown in line
    assert display_width(shown[: shown.index("X")]) == pad
    assert carets == 1


def test_control_characters_do_not_break_the_excerpt() -> None:
    excerpt = format_excerpt("a\tb\nc\u2028d", 7)
    assert excerpt == "    a b c d\n          ^"


EXCERPT_TEXT = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]) | st.sampled_from("中文，：２ｖ"),
    min_size=1,
    max_size=400,
)


@given(EXCERPT_TEXT, st.data())
def test_the_caret_is_under_the_marked_character(line: str, data: st.DataObject) -> None:
    column = data.draw(st.integers(1, len(line)))
    width = data.draw(st.integers(1, 5))
    shown, pad, carets = split_excerpt(format_excerpt(line, column, width))
    if display_width(line) <= 100:
        assert shown == line
    else:
        assert display_width(shown) <= 100
    # The shown text is a window of the line holding the marked character, and the
    # carets start under it (counted in terminal columns), as wide as the marked span.
    starts = [
        s
        for s in range(len(line) - len(shown) + 1)
        if line.startswith(shown, s) and s <= column - 1 < s + len(shown)
    ]
    assert any(
        display_width(shown[: column - 1 - s]) == pad
        and carets == max(1, display_width(shown[column - 1 - s : column - 1 - s + width]))
        for s in starts
    )


# -- Diagnostics ------------------------------------------------------------------------

SOURCE = "<feed>\n  <entry>\n    <id>2313.00001</id>\n  </entry>\n</feed>\n"


def test_lenient_diagnostics_record_defects_in_order() -> None:
    diag = Diagnostics(strict=False, source=SOURCE)
    diag.report(DefectKind.BAD_ID, "month 13", line=3, column=9, snippet="2313.00001", where="e")
    diag.report(DefectKind.MISSING_FIELD, "no title", line=2)
    diag.add(Defect(DefectKind.SYNTAX, "trailing junk"))
    assert [d.kind for d in diag.defects] == [
        DefectKind.BAD_ID,
        DefectKind.MISSING_FIELD,
        DefectKind.SYNTAX,
    ]
    assert diag.defects[0] == Defect(
        DefectKind.BAD_ID, "month 13", line=3, column=9, snippet="2313.00001", where="e"
    )


def test_strict_diagnostics_raise_the_first_defect_with_its_line() -> None:
    diag = Diagnostics(strict=True, source=SOURCE.encode("utf-8"))
    with pytest.raises(ParseError) as info:
        diag.report(DefectKind.BAD_ID, "month 13", line=3, column=9, snippet="2313.00001")
    error = info.value
    assert (error.kind, error.line, error.column) == (DefectKind.BAD_ID, 3, 9)
    assert str(error) == (
        "month 13 (line 3, column 9)\n        <id>2313.00001</id>\n            ^^^^^^^^^^"
    )
    assert diag.defects == []


def test_strict_add_raises() -> None:
    diag = Diagnostics(strict=True)
    with pytest.raises(ParseError, match="trailing junk"):
        diag.add(Defect(DefectKind.SYNTAX, "trailing junk"))


def test_strict_report_without_a_known_line() -> None:
    diag = Diagnostics(strict=True, source="one line")
    with pytest.raises(ParseError) as info:
        diag.report(DefectKind.SYNTAX, "bad", line=9, column=1, snippet="zz")
    assert info.value.source_line is None
    assert str(info.value) == "bad (line 9, column 1)\n    'zz'"


def test_source_line_lookup() -> None:
    diag = Diagnostics(strict=False, source=b"first\r\nsecond\n\xff third")
    assert diag.source_line(1) == "first"
    assert diag.source_line(2) == "second"
    assert diag.source_line(3) == "\ufffd third"
    assert diag.source_line(0) is None
    assert diag.source_line(4) is None
    assert diag.source_line(None) is None
    assert Diagnostics(strict=False).source_line(1) is None


def test_snippets_are_cut() -> None:
    assert snippet_of(None) is None
    assert snippet_of("abc") == "abc"
    cut = snippet_of("x" * 1000)
    assert cut is not None
    assert len(cut) == 300
    assert cut.endswith("…")
    diag = Diagnostics(strict=False)
    diag.report(DefectKind.SYNTAX, "long", snippet="y" * 1000)
    assert diag.defects[0].snippet == "y" * 299 + "…"


def test_display_width() -> None:
    assert display_width("") == 0
    assert display_width("arXiv") == 5
    assert display_width("中文") == 4
    assert display_width("２３") == 4
    assert display_width("，：（）") == 8
    assert display_width("\u3000") == 2
    assert display_width("e\u0301") == 1  # combining acute accent
    assert display_width("a\u200db") == 2  # zero-width joiner
    assert display_width("Müller") == 6
