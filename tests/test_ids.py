"""ArxivId: every accepted spelling, every rejection (with its caret), and properties."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arxivlisting import ArxivId, taxonomy
from arxivlisting.errors import DefectKind, InvalidArxivId, ParseError
from arxivlisting.strategies import arxiv_ids
from arxivlisting.text import display_width

# -- accepted spellings ----------------------------------------------------------------

SCHEMES = ("http://", "https://")
HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org")
KINDS = ("abs", "pdf", "html", "format", "ps", "src")
URL_ENDINGS = ("", ".pdf", "/", ".pdf/")
PREFIXES = ("", "arXiv:", "arxiv:", "ARXIV:", "oai:arXiv.org:")
DOI_PREFIXES = (
    "10.48550/arXiv.",
    "doi:10.48550/arXiv.",
    "https://doi.org/10.48550/arXiv.",
    "http://doi.org/10.48550/arXiv.",
)
SPACES = ("", " ", "  ", "\t", "\n", " \r\n", "\u3000", "\xa0")


def url_spellings(core: str) -> list[str]:
    return [
        f"{scheme}{host}/{kind}/{core}{ending}"
        for scheme in SCHEMES
        for host in HOSTS
        for kind in KINDS
        for ending in URL_ENDINGS
    ]


@pytest.mark.parametrize(
    ("core", "expected"),
    [
        ("2301.00001", ArxivId(2023, 1, 1)),
        ("2301.00001v2", ArxivId(2023, 1, 1, version=2)),
        ("0704.0001", ArxivId(2007, 4, 1)),
        ("1412.9999v13", ArxivId(2014, 12, 9999, version=13)),
        ("1501.00001", ArxivId(2015, 1, 1)),
        ("hep-th/9108002", ArxivId(1991, 8, 2, "hep-th")),
        ("cond-mat/0703999v3", ArxivId(2007, 3, 999, "cond-mat", 3)),
        ("math/0309136", ArxivId(2003, 9, 136, "math")),
        ("funct-an/9201001", ArxivId(1992, 1, 1, "funct-an")),
    ],
)
def test_every_documented_spelling_parses_to_the_same_id(core: str, expected: ArxivId) -> None:
    spellings = [f"{p}{core}" for p in PREFIXES] + url_spellings(core)
    if expected.version is None:
        spellings += [f"{p}{core}" for p in DOI_PREFIXES]
    spellings += [f"{lead}{core}{trail}" for lead in SPACES for trail in SPACES]
    spellings += [f" \n{s}\t " for s in spellings[:10]]
    for spelling in spellings:
        assert ArxivId.parse(spelling) == expected, spelling
    assert str(expected) == core


def test_the_doi_of_an_id_is_a_spelling_of_its_unversioned_id() -> None:
    x = ArxivId.parse("1501.00001v4")
    assert x.doi == "10.48550/arXiv.1501.00001"
    assert ArxivId.parse(x.doi) == x.unversioned
    assert ArxivId.parse(f"https://doi.org/{x.doi}") == x.unversioned
    assert ArxivId.parse(f"doi:{x.doi}") == x.unversioned


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("math.GT/0309136", "math/0309136"),
        ("math.GT/0309136v2", "math/0309136v2"),
        ("arXiv:math.GT/0309136", "math/0309136"),
        ("https://arxiv.org/abs/math.GT/0309136v1", "math/0309136v1"),
        ("cs.SE/0010035", "cs/0010035"),
        ("math.AP/9701214", "math/9701214"),
        ("nlin.CG/0703050", "nlin/0703050"),
        ("cond-mat.str-el/0101001", "cond-mat/0101001"),
        ("physics.optics/0101001v3", "physics/0101001v3"),
        ("math.MP/0101001", "math/0101001"),  # an alias category is still a category
    ],
)
def test_old_style_subject_class_is_dropped(text: str, canonical: str) -> None:
    x = ArxivId.parse(text)
    assert str(x) == canonical
    assert x.is_old_style
    assert x.archive == canonical.split("/", maxsplit=1)[0]


def test_examples_of_each_field() -> None:
    x = ArxivId.parse("https://arxiv.org/pdf/2301.00001v2.pdf")
    assert (x.year, x.month, x.number, x.archive, x.version) == (2023, 1, 1, None, 2)
    assert x.yymm == "2301"
    assert x.abs_url == "https://arxiv.org/abs/2301.00001v2"
    assert x.pdf_url == "https://arxiv.org/pdf/2301.00001v2"
    assert x.doi == "10.48550/arXiv.2301.00001"
    assert not x.is_old_style
    old = ArxivId.parse("hep-th/9108002v1")
    assert (old.year, old.month, old.number, old.archive, old.version) == (1991, 8, 2, "hep-th", 1)
    assert old.yymm == "9108"
    assert old.abs_url == "https://arxiv.org/abs/hep-th/9108002v1"
    assert old.doi == "10.48550/arXiv.hep-th/9108002"
    assert ArxivId.parse("math/0001001").year == 2000


def test_try_parse() -> None:
    assert ArxivId.try_parse("2301.00001") == ArxivId(2023, 1, 1)
    assert ArxivId.try_parse("0808.05394") is None
    assert ArxivId.try_parse("") is None


def test_parse_refuses_non_strings() -> None:
    with pytest.raises(TypeError):
        ArxivId.parse(b"2301.00001")  # type: ignore[arg-type]


def test_ids_are_frozen_and_hashable() -> None:
    x = ArxivId.parse("2301.00001v1")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        x.version = 2  # type: ignore[misc]
    assert len({x, ArxivId.parse("arXiv:2301.00001v1"), ArxivId(2023, 1, 1, None, 1)}) == 1


@pytest.mark.parametrize(
    "fields",
    [
        (2023, 13, 1, None, None),
        (2023, 0, 1, None, None),
        (2023, 1, 0, None, None),
        (2023, 1, 1, None, 0),
        (2014, 12, 10000, None, None),
        (2015, 1, 100000, None, None),
        (2007, 3, 1, None, None),
        (2100, 1, 1, None, None),
        (1991, 7, 1, "hep-th", None),
        (2007, 4, 1, "hep-th", None),
        (1995, 1, 1000, "hep-th", None),
        (1995, 1, 1, "stat", None),
    ],
)
def test_the_constructor_checks_the_same_invariants(
    fields: tuple[int, int, int, str | None, int | None],
) -> None:
    with pytest.raises(InvalidArxivId):
        ArxivId(*fields)


def test_with_version_checks_the_version() -> None:
    x = ArxivId.parse("2301.00001")
    assert x.with_version(999999).version == 999999
    with pytest.raises(InvalidArxivId):
        x.with_version(0)
    with pytest.raises(InvalidArxivId):
        x.with_version(10**6)


@pytest.mark.parametrize(
    "text",
    [
        "2301.00001v" + "1" * 5000,
        "hep-th/9108001v" + "1" * 5000,
        "2301.00001v0" + "1" * 5000,
        "2301." + "1" * 5000,
        "2301.00001" + "v1" * 3000,
    ],
)
def test_absurdly_long_numbers_are_invalid_ids_not_int_errors(text: str) -> None:
    # int() refuses strings of more than 4300 digits with a plain ValueError.
    with pytest.raises(InvalidArxivId):
        ArxivId.parse(text)


# -- rejections: the error, its message and where the caret points -----------------------

REJECTIONS = [
    # text, message fragment, column, width
    ("2300.00001", "month 00", 3, 2),
    ("2313.00001", "month 13", 3, 2),
    ("0713.0001", "month 13", 3, 2),
    ("hep-th/9100001", "month 00", 10, 2),
    ("hep-th/9913001", "month 13", 10, 2),
    ("2301.00000", "serial number 0", 6, 5),
    ("0704.0000", "serial number 0", 6, 4),
    ("hep-th/9108000", "serial number 000", 12, 3),
    ("0808.05394", "too many digits", 6, 5),
    ("1412.99999", "too many digits", 6, 5),
    ("1501.0001", "too few digits", 6, 4),
    ("2301.123456", "too many digits", 6, 6),
    ("2301.1", "too few digits", 6, 1),
    ("230.00001", "too few digits", 1, 3),
    ("23011.00001", "too many digits", 1, 5),
    ("hep-th/910800", "too few digits", 8, 6),
    ("hep-th/91080011", "too many digits", 8, 8),
    ("2301.00001v0", "version 0", 11, 2),
    ("hep-th/9108001v0", "version 0", 15, 2),
    ("2301.00001v00", "version 0", 11, 3),
    ("2301.00001v01", "leading zeros", 12, 2),
    ("2301.00001v1234567", "at most 6 digits", 12, 7),
    ("hep-th/9108001v1234567", "at most 6 digits", 16, 7),
    ("2301.00001v007", "leading zeros", 12, 3),
    ("2301.00001V1", "lowercase 'v'", 11, 1),
    ("hep-th/9108001V2", "lowercase 'v'", 15, 1),
    ("2301.00001v", "followed by a version number", 11, 1),
    ("2301.00001v1v2", "unexpected character 'v'", 13, 1),
    ("2301.00001v1.pdf", "unexpected character '.'", 13, 1),
    ("foo/9108001", "unknown archive 'foo'", 1, 3),
    ("stat/0701001", "unknown archive 'stat'", 1, 4),
    ("q-fin/0701001", "unknown archive 'q-fin'", 1, 5),
    ("HEP-TH/9108001", "lowercase", 1, 6),
    ("math.gt/0309136", "unknown subject class 'gt'", 6, 2),
    ("math.XX/0309136", "unknown subject class 'XX'", 6, 2),
    ("hep-th.GT/9108001", "unknown subject class 'GT'", 8, 2),
    ("hep-th/9107001", "outside 9108..0703", 8, 4),
    ("hep-th/0704001", "outside 9108..0703", 8, 4),
    ("math/9001001", "outside 9108..0703", 6, 4),
    ("0703.0001", "before 0704", 1, 4),
    ("0612.00001", "before 0704", 1, 4),
    ("2301.00001.pdf", "unexpected character '.'", 11, 1),
    ("2301.0001x", "unexpected character 'x'", 10, 1),
    ("hep-th/9108001/", "unexpected character '/'", 15, 1),
    ("2301", "YYMM.NNNN", 1, 4),
    ("2301.", "missing serial number", 5, 1),
    ("not an id", "not an arXiv identifier", 1, 9),
    ("", "no arXiv identifier", 1, 1),
    ("arXiv:", "no arXiv identifier", 7, 1),
    ("https://arxiv.org/abs/", "no arXiv identifier", 23, 1),
    # The column counts from the start of the text, prefix and whitespace included.
    ("arXiv:2313.00001", "month 13", 9, 2),
    ("  2313.00001 ", "month 13", 5, 2),
    ("https://arxiv.org/abs/2313.00001v1", "month 13", 25, 2),
    ("http://export.arxiv.org/pdf/hep-th/9108000v1.pdf", "serial number 000", 40, 3),
    ("10.48550/arXiv.0808.05394", "too many digits", 21, 5),
    ("oai:arXiv.org:math.gt/0309136", "unknown subject class", 20, 2),
    ("arXiv:2301.00001V1", "lowercase 'v'", 17, 1),
]


def caret_line(error: Exception) -> str:
    return str(error).splitlines()[-1]


@pytest.mark.parametrize(("text", "fragment", "column", "width"), REJECTIONS)
def test_rejection(text: str, fragment: str, column: int, width: int) -> None:
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(text)
    error = info.value
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert error.kind is DefectKind.BAD_ID
    assert fragment in error.message
    assert (error.column, error.width) == (column, width)
    assert error.snippet == text
    assert f"(column {column})" in str(error).splitlines()[0]
    assert caret_line(error) == "    " + " " * (column - 1) + "^" * width
    assert ArxivId.try_parse(text) is None


@pytest.mark.parametrize(
    ("text", "column", "bad"),
    [
        ("２３０１.００００１", 1, "２"),
        ("2301.０0001", 6, "０"),
        ("2301.00001v１", 12, "１"),
        ("hep-th/９１０８００１", 8, "９"),
        ("2301.0000١", 10, "١"),  # Arabic-Indic digit one
        ("arXiv:２３０１.00001", 7, "２"),
    ],
)
def test_non_ascii_digits_are_rejected_with_a_caret_under_them(
    text: str, column: int, bad: str
) -> None:
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(text)
    error = info.value
    assert error.column == column
    assert text[column - 1] == bad
    assert "digit" in error.message
    # The caret sits under the bad character even after full-width characters.
    pad = display_width(text[: column - 1])
    assert caret_line(error) == "    " + " " * pad + "^" * display_width(bad)


# -- properties ------------------------------------------------------------------------


@given(arxiv_ids())
def test_canonical_text_round_trips(x: ArxivId) -> None:
    assert ArxivId.parse(str(x)) == x
    assert ArxivId(x.year, x.month, x.number, x.archive, x.version) == x


@st.composite
def spelled(draw: st.DrawFn) -> tuple[ArxivId, str, ArxivId]:
    """An id, one accepted spelling of it, and the id that spelling names."""
    x = draw(arxiv_ids())
    core = str(x.unversioned)
    if x.archive is not None and draw(st.booleans()):
        classes = [c for c in taxonomy.CATEGORIES if c.startswith(x.archive + ".")]
        if classes:
            category = draw(st.sampled_from(sorted(classes)))
            core = category + core[len(x.archive) :]
    versioned = core if x.version is None else f"{core}v{x.version}"
    form = draw(st.sampled_from(["bare", "prefix", "url", "doi"]))
    expected = x
    if form == "prefix":
        text = draw(st.sampled_from(PREFIXES)) + versioned
    elif form == "url":
        text = (
            draw(st.sampled_from(SCHEMES))
            + draw(st.sampled_from(HOSTS))
            + "/"
            + draw(st.sampled_from(KINDS))
            + "/"
            + versioned
            + draw(st.sampled_from(URL_ENDINGS))
        )
    elif form == "doi":
        text = draw(st.sampled_from(DOI_PREFIXES)) + core
        expected = x.unversioned
    else:
        text = versioned
    lead = draw(st.sampled_from(SPACES))
    trail = draw(st.sampled_from(SPACES))
    return x, lead + text + trail, expected


@given(spelled())
def test_every_accepted_spelling_parses_to_the_id(case: tuple[ArxivId, str, ArxivId]) -> None:
    _, text, expected = case
    assert ArxivId.parse(text) == expected


@given(st.lists(arxiv_ids(), min_size=2, max_size=20))
def test_sorting_is_chronological(ids: list[ArxivId]) -> None:
    ordered = sorted(ids)
    months = [(x.year, x.month) for x in ordered]
    assert months == sorted(months)
    # Every old-style id sorts before every new-style one.
    styles = [x.is_old_style for x in ordered]
    assert styles == sorted(styles, reverse=True)


@given(arxiv_ids(), arxiv_ids())
def test_ordering_is_a_total_order_consistent_with_equality(a: ArxivId, b: ArxivId) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    if (a.year, a.month) < (b.year, b.month):
        assert a < b
    if a == b:
        assert hash(a) == hash(b)


def test_sorting_example_across_eras() -> None:
    texts = ["1501.00001", "0704.0001", "math/0703999", "1412.9999", "hep-th/9108002v2"]
    assert [str(x) for x in sorted(map(ArxivId.parse, texts))] == [
        "hep-th/9108002v2",
        "math/0703999",
        "0704.0001",
        "1412.9999",
        "1501.00001",
    ]


def test_comparison_with_other_types_is_not_supported() -> None:
    with pytest.raises(TypeError):
        _ = ArxivId.parse("2301.00001") < "2301.00002"  # type: ignore[operator]


@given(arxiv_ids(), st.integers(1, 1000))
def test_derived_values_are_consistent(x: ArxivId, n: int) -> None:
    text = str(x)
    base = x.unversioned
    assert base.version is None
    assert base == x.with_version(None)
    assert (base.year, base.month, base.number, base.archive) == (
        x.year,
        x.month,
        x.number,
        x.archive,
    )
    assert str(x.with_version(n)) == f"{base}v{n}"
    assert x.with_version(n).unversioned == base
    if x.version is None:
        assert text == str(base)
    else:
        assert text == f"{base}v{x.version}"
    assert x.abs_url == f"https://arxiv.org/abs/{text}"
    assert x.pdf_url == f"https://arxiv.org/pdf/{text}"
    assert x.doi == f"10.48550/arXiv.{base}"
    assert x.is_old_style == (x.archive is not None) == ("/" in text)
    yymm = f"{x.year % 100:02d}{x.month:02d}"
    assert x.yymm == yymm
    if x.is_old_style:
        assert text.startswith(f"{x.archive}/{yymm}")
        assert (1991, 8) <= (x.year, x.month) <= (2007, 3)
        assert x.archive in taxonomy.OLD_STYLE_ARCHIVES
    else:
        assert text.startswith(f"{yymm}.")
        digits = len(str(base).split(".")[1])
        assert digits == (5 if x.year >= 2015 else 4)
        assert (x.year, x.month) >= (2007, 4)
    assert 1 <= x.month <= 12


# -- arbitrary text: an ArxivId or InvalidArxivId, nothing else ---------------------------

NEAR_MISS_CHARS = st.sampled_from(
    [*"0123456789./:-_vVxX ", "０", "１", "９", "٣", "ｖ", "．", "／", "\u3000", "\n", "\u200b"]
)


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A valid spelling with a few characters inserted, deleted or replaced."""
    _, text, _ = draw(spelled())
    chars = list(text)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "widen"]))
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        new = draw(NEAR_MISS_CHARS | st.characters())
        if op == "insert":
            chars.insert(i, new)
        elif op == "delete" and chars:
            del chars[i]
        elif op == "replace" and chars:
            chars[i] = new
        elif op == "widen" and chars and "0" <= chars[i] <= "9":
            chars[i] = chr(ord(chars[i]) - ord("0") + ord("０"))
    return "".join(chars)


def check_parse_outcome(text: str) -> None:
    x = ArxivId.try_parse(text)
    if x is not None:
        assert ArxivId.parse(text) == x
        assert ArxivId.parse(str(x)) == x
        return
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(text)
    error = info.value
    assert error.snippet == text
    assert error.column is not None
    assert 1 <= error.column <= len(text) + 1
    assert error.width >= 1
    assert str(error).startswith(error.message)  # the excerpt renders for any text


@settings(max_examples=500)
@given(st.text())
def test_any_text_parses_or_raises_invalid_arxiv_id(text: str) -> None:
    check_parse_outcome(text)


@settings(max_examples=1000)
@given(near_misses() | st.text(NEAR_MISS_CHARS, max_size=25))
def test_near_misses_parse_or_raise_invalid_arxiv_id(text: str) -> None:
    check_parse_outcome(text)


@given(arxiv_ids(), st.sampled_from((*PREFIXES[:2], "https://arxiv.org/abs/")), st.data())
def test_a_full_width_digit_is_never_accepted(x: ArxivId, prefix: str, data: st.DataObject) -> None:
    text = prefix + str(x)
    i = data.draw(
        st.sampled_from([i for i, c in enumerate(text) if i >= len(prefix) and c.isdigit()])
    )
    widened = text[:i] + chr(ord(text[i]) - ord("0") + ord("０")) + text[i + 1 :]
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(widened)
    assert info.value.column == i + 1
    assert "not an ASCII digit" in info.value.message


@given(arxiv_ids(versioned=True))
def test_an_uppercase_version_marker_is_never_accepted(x: ArxivId) -> None:
    base = str(x.unversioned)
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(f"{base}V{x.version}")
    assert info.value.column == len(base) + 1


@given(arxiv_ids(versioned=False), st.integers(0, 99))
def test_version_zero_and_leading_zeros_are_never_accepted(x: ArxivId, n: int) -> None:
    with pytest.raises(InvalidArxivId):
        ArxivId.parse(f"{x}v0{n}")


@given(arxiv_ids(), st.sampled_from(["", "http://arxiv.org/abs/", "https://arxiv.org/abs/"]))
def test_the_one_match_fast_path_agrees_with_the_general_path(x: ArxivId, prefix: str) -> None:
    # ids._parse reads the common spellings with one regular expression and builds the id
    # without the post-init check; the general path must give an equal, equally hashed id.
    from arxivlisting import ids

    text = prefix + str(x)
    fast = ids._parse(text)
    general = ids._parse(" " + text)  # leading space: never the fast path
    assert fast == general == x
    assert hash(fast) == hash(general) == hash(ArxivId(*attrs.astuple(x)))
    assert repr(fast) == repr(x)


@pytest.mark.parametrize("text", ["2401.00000", "https://arxiv.org/abs/1501.00000v2"])
def test_serial_zero_in_the_common_spelling_is_refused(text: str) -> None:
    with pytest.raises(InvalidArxivId, match="serial number 0"):
        ArxivId.parse(text)
