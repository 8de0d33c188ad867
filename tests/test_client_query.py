"""The query builder: exact rendering of arXiv's fielded syntax, and reading it back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arxivlisting.client.query import (
    FIELDS,
    And,
    AndNot,
    DateRange,
    Field,
    Or,
    Query,
    QuerySyntaxError,
    Term,
    abstract,
    all_,
    au,
    cat,
    co,
    field,
    id_,
    jr,
    last_updated,
    parse_query,
    rn,
    submitted,
    ti,
)

# -- rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        (ti("checkerboard"), "ti:checkerboard"),
        (au("del_maestro"), "au:del_maestro"),
        (au("del maestro"), 'au:"del maestro"'),
        (abstract("dark matter"), 'abs:"dark matter"'),
        (co("10 pages"), 'co:"10 pages"'),
        (jr("Phys. Rev. B"), 'jr:"Phys. Rev. B"'),
        (cat("cond-mat.str-el"), "cat:cond-mat.str-el"),
        (rn("CERN-TH/2001-001"), "rn:CERN-TH/2001-001"),
        (id_("hep-th/9901001v2"), "id:hep-th/9901001v2"),
        (all_("electron"), "all:electron"),
        (field(Field.TITLE, "x", quoted=True), 'ti:"x"'),
        (ti("AND"), 'ti:"AND"'),  # an operator word as a value must be quoted
        (ti("a:b"), 'ti:"a:b"'),
        (ti("(x)"), 'ti:"(x)"'),
        (au("del_maestro") & ti("checkerboard"), "au:del_maestro AND ti:checkerboard"),
        (
            au("del_maestro") - (ti("checkerboard") | ti("Pyrochlore")),
            "au:del_maestro ANDNOT (ti:checkerboard OR ti:Pyrochlore)",
        ),
        (ti("a") & ti("b") & ti("c"), "ti:a AND ti:b AND ti:c"),
        (ti("a") | ti("b") | ti("c"), "ti:a OR ti:b OR ti:c"),
        ((ti("a") | ti("b")) & ti("c"), "(ti:a OR ti:b) AND ti:c"),
        (ti("a") & (ti("b") | ti("c")), "ti:a AND (ti:b OR ti:c)"),
        ((ti("a") & ti("b")) | ti("c"), "(ti:a AND ti:b) OR ti:c"),
        ((ti("a") - ti("b")) - ti("c"), "(ti:a ANDNOT ti:b) ANDNOT ti:c"),
        (ti("a") - (ti("b") - ti("c")), "ti:a ANDNOT (ti:b ANDNOT ti:c)"),
        (ti("a").and_not(ti("b") & ti("c")), "ti:a ANDNOT (ti:b AND ti:c)"),
        (
            cat("cs.CL") & submitted("202301010000", "202301312359"),
            "cat:cs.CL AND submittedDate:[202301010000 TO 202301312359]",
        ),
        (last_updated("20240101", "20240102"), "lastUpdatedDate:[20240101 TO 20240102]"),
        (Term(None, "electron thermal", quoted=False), "electron thermal"),
        (Term(None, "electron thermal"), '"electron thermal"'),
    ],
)
def test_renders_exactly(query: Query, text: str) -> None:
    assert str(query) == text
    assert query.render() == text


def test_date_ranges_from_dates_and_datetimes() -> None:
    day = submitted(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert str(day) == "submittedDate:[202402010000 TO 202402292359]"
    eastern = dt.timezone(dt.timedelta(hours=-5))
    moment = submitted(
        dt.datetime(2024, 2, 1, 19, 30, tzinfo=eastern),
        dt.datetime(2024, 2, 2, 0, 0, tzinfo=dt.timezone.utc),
    )
    assert str(moment) == "submittedDate:[202402020030 TO 202402020000]"
    with pytest.raises(ValueError, match="naive"):
        submitted(dt.datetime(2024, 1, 1), dt.date(2024, 1, 2))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ti('say "hi"'), "double quote"),
        (lambda: ti("   "), "needs a value"),
        (lambda: Term("xx", "a"), "unknown field"),
        (lambda: Term("ti", "a b", quoted=False), "must be quoted"),
        (lambda: DateRange("submittedDate", "2024", "20240102"), "YYYYMMDD"),
        (lambda: DateRange("published", "20240101", "20240102"), "unknown date field"),
        (lambda: And([ti("a")]), "at least two"),
    ],
)
def test_refuses_what_arxiv_cannot_read(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]


def test_operators_only_combine_queries() -> None:
    with pytest.raises(TypeError):
        ti("a") & "ti:b"  # type: ignore[operator]
    with pytest.raises(TypeError):
        And([ti("a"), "ti:b"])  # type: ignore[list-item]


# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("au:del_maestro", au("del_maestro")),
        (
            'au:del_maestro AND ti:"quantum criticality"',
            au("del_maestro") & ti("quantum criticality"),
        ),
        (
            "au:del_maestro ANDNOT (ti:checkerboard OR ti:Pyrochlore)",
            AndNot(au("del_maestro"), Or([ti("checkerboard"), ti("Pyrochlore")])),
        ),
        ("  ( ti:a )  ", ti("a")),
        ("(ti:a AND ti:b) AND ti:c", ti("a") & ti("b") & ti("c")),
        ("ti:a AND ti:b OR ti:c", (ti("a") & ti("b")) | ti("c")),  # left to right
        ("ti:a OR ti:b AND ti:c", (ti("a") | ti("b")) & ti("c")),
        ("testing", Term(None, "testing", quoted=False)),
        ("electron   thermal", Term(None, "electron thermal", quoted=False)),
        ('"electron thermal"', Term(None, "electron thermal", quoted=True)),
        ('ti:"x"', Term("ti", "x", quoted=True)),
        (
            "cat:cs.CL AND submittedDate:[202301010000 TO 202301312359]",
            cat("cs.CL") & submitted("202301010000", "202301312359"),
        ),
    ],
)
def test_parses(text: str, query: Query) -> None:
    assert parse_query(text) == query


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("ti:a AND", "expected a term"),
        ("ti:a ti:b", "expected AND, OR or ANDNOT"),
        ("(ti:a", "unclosed parenthesis"),
        ("ti:a)", "unexpected"),
        ('ti:"open', "unclosed quote"),
        ("xx:a", "unknown field"),
        ("ti:", "no value"),
        ("submittedDate:2024", "takes a range"),
        ("submittedDate:[2024 TO 2025]", "YYYYMMDD"),
        ("submittedDate:[20240101 20250101]", "start TO end"),
        ("submittedDate:[20240101 TO 20250101", "unclosed"),
        ('""', "empty phrase"),
        ("a[b", "must be quoted"),
        ("(" * 200 + "ti:a" + ")" * 200, "nested too deeply"),
    ],
)
def test_syntax_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message) as info:
        parse_query(text)
    assert 0 <= info.value.position <= len(text)


# -- the round trip ---------------------------------------------------------------------

_PLAIN = st.characters(blacklist_characters='"', blacklist_categories=("Cs",))
_WORD = st.text(
    st.characters(
        blacklist_characters='"()[]:', blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")
    ),
    min_size=1,
    max_size=8,
).filter(lambda w: w.isprintable() and not any(c.isspace() for c in w))
_WORD = _WORD.filter(lambda w: w not in ("AND", "OR", "ANDNOT"))
_VALUE = st.text(_PLAIN, min_size=1, max_size=20).filter(lambda v: v.strip())
_DIGITS = st.integers(8, 14).flatmap(
    lambda n: st.text(st.sampled_from("0123456789"), min_size=n, max_size=n)
)

_TERMS = st.one_of(
    st.builds(Term, st.sampled_from(sorted(FIELDS)), _VALUE),
    st.builds(lambda f, v: Term(f, v, quoted=True), st.sampled_from(sorted(FIELDS)), _VALUE),
    st.builds(lambda f, w: Term(f, w, quoted=False), st.sampled_from(sorted(FIELDS)), _WORD),
    st.builds(lambda v: Term(None, v, quoted=True), _VALUE),
    st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: Term(None, " ".join(ws), quoted=False)),
    st.builds(DateRange, st.sampled_from(["submittedDate", "lastUpdatedDate"]), _DIGITS, _DIGITS),
)
QUERIES = st.recursive(
    _TERMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=4).map(And),
        st.lists(inner, min_size=2, max_size=4).map(Or),
        st.builds(AndNot, inner, inner),
    ),
    max_leaves=12,
)


@given(QUERIES)
def test_round_trip(query: Query) -> None:
    text = str(query)
    back = parse_query(text)
    assert back == query
    assert str(back) == text


@given(QUERIES)
def test_rendering_is_whitespace_insensitive_to_parse(query: Query) -> None:
    # Extra spaces around parentheses (outside quoted phrases) change nothing.
    parts = str(query).split('"')  # values hold no quote: odd parts are inside quotes
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("(", " ( ").replace(")", "  ) ")
    assert parse_query('"'.join(parts)) == query
