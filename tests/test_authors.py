"""The free-text author-line parser: grammar cases, exact text, properties, real lines."""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from arxivlisting import Author, ParseError
from arxivlisting.authors import (
    AuthorLine,
    SegmentKind,
    parse_authors,
    propagate_affiliations,
    render_authors,
    split_name,
    tex_to_unicode,
)
from arxivlisting.errors import DefectKind
from arxivlisting.strategies.author_lines import author_lines, author_lists, written_author_lines
from conftest import CORPUS, corpus_files, needs_shared
from mutation import delete_span, insert, tail_to_front, truncate, variants


def names(line: AuthorLine) -> list[str]:
    return [a.name for a in line.authors]


def pairs(line: AuthorLine) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.name, a.affiliations) for a in line.authors]


# -- grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ileana Streinu and Louis Theran", ["Ileana Streinu", "Louis Theran"]),
        (
            "Jacob Devlin, Ming-Wei Chang, Kenton Lee, and Kristina Toutanova",
            ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"],
        ),
        (
            "Nils Bertschinger and David H. Wolpert and Eckehard Olbrich and\n  Juergen Jost",
            ["Nils Bertschinger", "David H. Wolpert", "Eckehard Olbrich", "Juergen Jost"],
        ),
        ("A. One; B. Two & C. Three", ["A. One", "B. Two", "C. Three"]),
        ("John Smith, Jr., Jane Doe", ["John Smith, Jr.", "Jane Doe"]),
        ("Neal J. Evans II, Philip C. Myers", ["Neal J. Evans II", "Philip C. Myers"]),
        (" H1 Collaboration", ["H1 Collaboration"]),
        ("Ferdinand Anderson and Rand Paul", ["Ferdinand Anderson", "Rand Paul"]),
        ("AT&T Labs, B. Two", ["AT&T Labs", "B. Two"]),
        ("", []),
    ],
)
def test_separators(text: str, expected: list[str]) -> None:
    line = parse_authors(text)
    assert names(line) == expected
    assert str(line) == text
    assert line.defects == ()


def test_tex_accents_become_unicode_and_the_text_stays() -> None:
    text = "C. Bal\\'azs, M. Bj{\\o}rn, E. Macr\\`i, C. Abell\\'an Beteta, T. M\\\"uller"
    line = parse_authors(text)
    assert names(line) == ["C. Balázs", "M. Bjørn", "E. Macrì", "C. Abellán Beteta", "T. Müller"]
    assert str(line) == text
    assert line.segments[0].text == "C. Bal\\'azs"


def test_tex_forms() -> None:
    assert tex_to_unicode('{\\"u}\\"{u}\\"u') == "üüü"
    assert tex_to_unicode("\\'{\\i} \\c c\\c{c} \\v{S} Gr\\o nbech \\ss{}") == "í çç Š Grønbech ß"
    assert tex_to_unicode("\\textbf{x} $x^{2}$") == "\\textbf{x} $x^{2}$"


def test_affiliations_in_parentheses_keep_commas_ampersands_and_line_breaks() -> None:
    text = "Francisco J. Botella (Valencia U. & Valencia U., IFIC), Miguel Nebot\n  (Lisbon, IST)"
    line = parse_authors(text)
    assert pairs(line) == [
        ("Francisco J. Botella", ("Valencia U. & Valencia U., IFIC",)),
        ("Miguel Nebot", ("Lisbon, IST",)),
    ]
    assert str(line) == text


def test_several_and_nested_affiliations() -> None:
    line = parse_authors("A. One (LPNHE (Paris)) (CERN), B. Two")
    assert pairs(line) == [("A. One", ("LPNHE (Paris)", "CERN")), ("B. Two", ())]


def test_affiliation_goes_to_the_author_before_it_and_propagation_is_separate() -> None:
    line = parse_authors("R. Stern, M. Mali and D. Brinkmann (Physik-Institut,\n  Zurich)")
    assert pairs(line)[0] == ("R. Stern", ())
    assert pairs(line)[2] == ("D. Brinkmann", ("Physik-Institut, Zurich",))
    assert [a.affiliations for a in propagate_affiliations(line)] == [
        ("Physik-Institut, Zurich",)
    ] * 3


def test_enumerated_affiliations_with_markers() -> None:
    text = (
        "A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan\n"
        "  Science and Technology Agency, (2) Russian Research Centre ``Kurchatov\n"
        "  Institute'', (3) The University of Tokyo)"
    )
    line = parse_authors(text)
    assert pairs(line) == [
        (
            "A. S. Mishchenko",
            (
                "CREST, Japan Science and Technology Agency",
                "Russian Research Centre ``Kurchatov Institute''",
            ),
        ),
        ("N. Nagaosa", ("CREST, Japan Science and Technology Agency", "The University of Tokyo")),
    ]
    assert [s.kind for s in line.segments if s.kind is not SegmentKind.SEPARATOR] == [
        SegmentKind.NAME,
        SegmentKind.MARKER,
        SegmentKind.NAME,
        SegmentKind.MARKER,
        SegmentKind.AFFILIATION_LIST,
    ]
    assert [n for n, _ in line.numbered] == ["1", "2", "3"]
    assert line.defects == ()


def test_bare_enumerated_list_is_read_when_markers_are_used() -> None:
    line = parse_authors("B. Lanzoni (1,2), F.R. Ferraro (1) (1\n  Dip. Astro., Bologna; 2 INAF)")
    assert pairs(line) == [
        ("B. Lanzoni", ("Dip. Astro., Bologna", "INAF")),
        ("F.R. Ferraro", ("Dip. Astro., Bologna",)),
    ]
    # Without markers the same shape is an ordinary affiliation.
    assert pairs(parse_authors("A. Name (2 Rue de la Paix, Paris)")) == [
        ("A. Name", ("2 Rue de la Paix, Paris",))
    ]


def test_collaborations() -> None:
    line = parse_authors("LHCb collaboration: R. Aaij, C. Abell\\'an Beteta, T. Ackernley")
    assert names(line) == ["LHCb collaboration", "R. Aaij", "C. Abellán Beteta", "T. Ackernley"]
    assert line.collaborations == (0,)
    line = parse_authors("A. Smith, for the ATLAS and CMS Collaborations")
    assert names(line) == ["A. Smith", "for the ATLAS and CMS Collaborations"]
    line = parse_authors("A. Smith (for the ATLAS and CMS Collaborations)")
    assert pairs(line) == [("A. Smith", ("for the ATLAS and CMS Collaborations",))]
    line = parse_authors("A. Smith and the D0 Collaboration")
    assert names(line) == ["A. Smith", "the D0 Collaboration"]


def test_truncated_lists_are_flagged() -> None:
    line = parse_authors("W. Byczynski, (750\n  additional authors not shown)")
    assert names(line) == ["W. Byczynski"]
    assert (line.not_shown, line.truncated) == (750, True)
    line = parse_authors("A. One, B. Two et al.")
    assert names(line) == ["A. One", "B. Two"]
    assert line.et_al and line.truncated
    assert not parse_authors("A. One, B. Two").truncated


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A. One (MIT", DefectKind.AMBIGUOUS),
        ("A. One (MIT)), B. Two", DefectKind.AMBIGUOUS),
        ("(MIT) A. One", DefectKind.AMBIGUOUS_AFFILIATION),
        ("A. One (1), B. Two (2) ((1) MIT)", DefectKind.AMBIGUOUS_AFFILIATION),
        ("A. One (1) ((1) MIT, (2) CERN)", DefectKind.AMBIGUOUS_AFFILIATION),
        ("A. One, --, B. Two", DefectKind.AMBIGUOUS),
    ],
)
def test_what_cannot_be_read_is_reported_and_kept(text: str, kind: DefectKind) -> None:
    line = parse_authors(text)
    assert str(line) == text
    assert [d.kind for d in line.defects] == [kind]
    assert line.defects[0].snippet
    with pytest.raises(ParseError) as info:
        parse_authors(text, strict=True)
    assert info.value.kind is kind


def test_defect_positions_are_line_and_column_of_the_text() -> None:
    line = parse_authors("A. One,\n  B. Two (MIT")
    (defect,) = line.defects
    assert (defect.line, defect.column, defect.snippet) == (2, 10, "(MIT")


def test_bytes_are_decoded() -> None:
    assert names(parse_authors("Jürgen Jost".encode())) == ["Jürgen Jost"]
    assert names(parse_authors("Jürgen Jost".encode("latin-1"))) == ["Jürgen Jost"]


def test_render_writes_authors_and_refuses_what_would_not_read_back() -> None:
    authors = (Author("Ada Lovelace", ["Analytical Engines, Ltd", "LPNHE (Paris)"]), Author("B"))
    text = render_authors(authors)
    assert text == "Ada Lovelace (Analytical Engines, Ltd) (LPNHE (Paris)), B"
    assert parse_authors(text).authors == authors
    for bad in (Author("Smith, John"), Author("A and B"), Author("A", ["1, 2"]), Author("")):
        with pytest.raises(ValueError, match="cannot be written"):
            render_authors([bad])


def test_split_name() -> None:
    assert split_name("C.-P. Yuan") == ("Yuan", "C.-P.", "")
    assert split_name("Ewine van Dishoeck") == ("van Dishoeck", "Ewine", "")
    assert split_name("A.A. Alves Jr") == ("Alves", "A.A.", "Jr")


# -- properties --------------------------------------------------------------------------


@given(author_lines())
def test_parse_then_render_is_exact(text: str) -> None:
    line = parse_authors(text)
    assert render_authors(line) == text
    assert "".join(s.text for s in line.segments) == text
    # Every author has its name segment, in order.
    indices = [
        s.author for s in line.segments if s.kind in (SegmentKind.NAME, SegmentKind.COLLABORATION)
    ]
    assert indices == list(range(len(line.authors)))


@given(written_author_lines())
def test_written_lines_read_as_meant(pair: tuple[str, tuple[Author, ...]]) -> None:
    text, authors = pair
    line = parse_authors(text, strict=True)
    assert line.authors == authors
    assert str(line) == text


@given(author_lists())
def test_render_then_parse_gives_the_same_authors(authors: tuple[Author, ...]) -> None:
    line = parse_authors(render_authors(authors), strict=True)
    assert line.authors == authors


@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes_strict(text: str) -> None:
    try:
        line = parse_authors(text, strict=True)
    except ParseError:
        return
    assert str(line) == text


# -- real lines --------------------------------------------------------------------------

KAGGLE = "kaggle/kaggle_snapshot_first200_0704.0001-0200_arxivSpider_mnbvc.jsonl"
RAW = "oai/oai_arXivRaw_ListRecords_2014-01-16_resumption_REXML-reserialized_scirate.xml"


def _dotted(text: str) -> str:
    # arXiv's name splitter puts a space after every dot ("C.-P." -> "C. -P.").
    return re.sub(r"\.\s*", ". ", " ".join(text.split())).strip()


@needs_shared
def test_every_kaggle_author_line_agrees_with_authors_parsed() -> None:
    lines = (CORPUS / KAGGLE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200
    total = 0
    for raw in lines:
        record = json.loads(raw)
        line = parse_authors(record["authors"], strict=True)
        assert str(line) == record["authors"]
        parsed = record["authors_parsed"]
        assert len(line.authors) == len(parsed), record["id"]
        for author, (last, first, suffix, *_) in zip(line.authors, parsed, strict=True):
            assert _dotted(author.name) == _dotted(" ".join(p for p in (first, last, suffix) if p))
        # Where arXiv gives an affiliation that is not a marker, it is ours after propagation.
        for author, (_, _, _, *affs) in zip(propagate_affiliations(line), parsed, strict=True):
            for aff in affs:
                if not re.fullmatch(r"[\d\s,&and]+", aff):
                    assert " ".join(aff.split()) in author.affiliations, record["id"]
        total += len(line.authors)
    # Counted independently: the lengths of every authors_parsed list.
    assert total == sum(len(json.loads(r)["authors_parsed"]) for r in lines) == 537


# Real arXivRaw author lines that the source itself gets wrong.
RAW_DEFECTS = {
    # One ")" too many at the end of the numbered list.
    "M.T. Beltran (1)": [DefectKind.AMBIGUOUS],
    # Affiliation (15) SUPA is listed but no author marker says 15 ("14 and 5" for "15"?).
    "M. E. Gray (1)": [DefectKind.AMBIGUOUS_AFFILIATION],
}


@needs_shared
def test_every_arxivraw_author_line_parses_exactly() -> None:
    root = etree.parse(str(CORPUS / RAW)).getroot()
    texts = [el.text or "" for el in root.iter("{http://arxiv.org/OAI/arXivRaw/}authors")]
    assert len(texts) == 1000 == (CORPUS / RAW).read_bytes().count(b"<authors>")
    seen = {}
    for text in texts:
        line = parse_authors(text)
        assert str(line) == text
        assert line.authors
        if line.defects:
            seen[text[: text.index(")") + 1]] = [d.kind for d in line.defects]
    assert seen == RAW_DEFECTS


@needs_shared
def test_abs_author_lines_parse() -> None:
    for path in corpus_files("abs", "internal_*.abs"):
        text = path.read_bytes().decode("utf-8", "replace")
        m = re.search(r"^Authors: (.*?)\n(?=\S)", text, re.M | re.S)
        if m is None:
            continue
        line = parse_authors(m.group(1), strict=True)
        assert str(line) == m.group(1)


# a span gone, a cut, a stray delimiter, the tail before the head
MUTATIONS = (delete_span(), truncate(), insert("(),:;&\\{}\n"), tail_to_front())


@needs_shared
def test_mutated_real_lines_never_crash() -> None:
    rng = random.Random(4)
    lines = (CORPUS / KAGGLE).read_text(encoding="utf-8").splitlines()
    for raw in lines[::5]:
        text = json.loads(raw)["authors"]
        for mutated in variants(text, rng, MUTATIONS, 20):
            assert str(parse_authors(mutated)) == mutated
            try:
                parse_authors(mutated, strict=True)
            except ParseError:
                pass
