"""Abstract pages: both markups, the head-only capture, hand-written pages, fuzzing."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import attrs
import pytest
from lxml import html

from arxivlisting import ParseError
from arxivlisting.errors import DefectKind
from arxivlisting.formats.abspage import AbsPage, looks_like, parse_abs_page
from conftest import corpus_files, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "abspage"
PAGES = corpus_files("abs", "*.html")
UTC = dt.timezone.utc


def page_named(fragment: str) -> AbsPage:
    (path,) = [p for p in PAGES if fragment in p.name]
    return parse_abs_page(path.read_bytes())


# -- real pages ----------------------------------------------------------------------------

#: The only defects real pages produce, with the reason.
REAL_DEFECTS = {
    # The capture stops after </head>: the paper is read from the citation meta tags.
    "HEAD-ONLY-truncated": [DefectKind.TRUNCATED],
}


@needs_shared
def test_corpus_holds_five_pages() -> None:
    assert len(PAGES) == 5


@needs_shared
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_real_page(path: Path) -> None:
    data = path.read_bytes()
    page = parse_abs_page(data)
    expected = next((v for k, v in REAL_DEFECTS.items() if k in path.name), [])
    assert [d.kind for d in page.defects] == expected
    assert parse_abs_page(data.decode("utf-8")) == page  # text input reads the same
    text = data.decode("utf-8")
    assert page.markup == ("xhtml" if text.lstrip().startswith("<?xml") else "html5")
    meta_authors = re.findall(r'name="citation_author" content="([^"]*)"', text)
    assert len(page.paper.authors) == len(meta_authors)
    if page.head_only:
        return
    # Counted from the bytes, independently of the parser.
    assert len(page.paper.authors) == text.count("searchtype=author")
    history = text[text.index('class="submission-history"') :]
    assert len(page.paper.versions) == len(re.findall(r"\[v\d+\]</", history))
    assert page.paper.primary_category == page.paper.categories[0]
    assert page.paper.id is not None and page.paper.id.version == page.version


@needs_shared
def test_1902_02534_in_two_eras_agrees() -> None:
    old = page_named("1902.02534_2024-03")
    new = page_named("1902.02534_2026-07")
    assert (old.markup, new.markup) == ("xhtml", "html5")
    assert old.paper == new.paper
    p = new.paper
    assert str(p.id) == "1902.02534v2"
    assert [a.name for a in p.authors] == ["Ivan Heibi", "Silvio Peroni", "David Shotton"]
    assert [(v.number, v.date, v.size_kb, v.withdrawn) for v in p.versions] == [
        (1, dt.datetime(2019, 2, 7, 9, 22, 51, tzinfo=UTC), 475, False),
        (2, dt.datetime(2019, 6, 21, 6, 21, 52, tzinfo=UTC), 1329, False),
    ]
    # The 2026 page writes "this http URL"; the text keeps the URL as the 2024 one does.
    assert p.comments == "7 pages, 3 figures, accepted to ISSI 2019 (https://www.issi2019.org/)"
    assert p.abstract is not None and "http://opencitations.net/index/coci" in p.abstract
    assert (p.submitter, p.license) == (
        "Silvio Peroni",
        "http://creativecommons.org/licenses/by/4.0/",
    )
    assert new.arxiv_doi == old.arxiv_doi == "10.48550/arXiv.1902.02534"
    assert p.dois == ()
    head = page_named("HEAD-ONLY")
    assert head.head_only and head.paper.id == p.id
    assert (head.paper.title, head.paper.abstract) == (p.title, p.abstract)
    assert [a.name for a in head.paper.authors] == [a.name for a in p.authors]
    assert head.paper.authors[0].keyname == "Heibi"


@needs_shared
def test_xhtml_pages_of_2020_and_2021() -> None:
    page = page_named("2004.10162")
    assert (str(page.paper.id), page.paper.categories) == (
        "2004.10162v1",
        ("cs.LG", "cs.CV", "stat.ML"),
    )
    assert page.paper.versions[0].size_kb == 3427
    assert page.arxiv_doi is None  # DataCite DOIs came in 2022
    page = page_named("2106.09608")
    assert page.paper.authors[1].name == "Mark O. Riedl"
    assert page.paper.updated == dt.datetime(2021, 10, 20, 17, 56, 1, tzinfo=UTC)


@needs_shared
def test_a_listing_page_is_not_an_abs_page() -> None:
    (listing,) = corpus_files("listing", "*.html")
    with pytest.raises(ParseError, match="not an arXiv abstract page"):
        parse_abs_page(listing.read_bytes())


# -- hand-written pages ------------------------------------------------------------------


def test_long_author_list_withdrawn_and_shared_jref_class() -> None:
    page = parse_abs_page((FIXTURES / "html5_long_authors_withdrawn.html").read_bytes())
    p = page.paper
    assert page.defects == ()
    assert len(p.authors) == 103 and page.not_shown == 3 and page.authors_complete
    assert p.authors[-1].name == "Author103 Example"
    assert page.withdrawn_notice == "This paper has been withdrawn by Author001 Example"
    assert [(v.size_kb, v.withdrawn) for v in p.versions] == [(12345, False), (1, True)]
    assert (p.journal_ref, p.report_no) == ("Invented J. Phys. 1 (2024) 2", "INV-EP-2024-001")
    assert (p.msc_class, p.acm_class) == ("81V05; 81T13", "J.2")
    assert p.dois == ("10.9999/one.1", "10.9999/two.2")
    assert page.arxiv_doi == "10.48550/arXiv.2405.99999"
    assert (p.submitter, p.proxy) == ("Author001 Example", "CCSD")
    assert p.categories == ("hep-ex", "hep-ph", "math-ph")
    assert p.abstract == "An invented abstract; see http://example.org/data for the data."
    assert p.pdf_url == "https://arxiv.org/pdf/2405.99999"


def test_hidden_list_without_separator_is_joined() -> None:
    text = (FIXTURES / "html5_long_authors_withdrawn.html").read_text(encoding="utf-8")
    page = parse_abs_page(text.replace("        , <a", "        <a", 1))
    assert len(page.paper.authors) == 103 and page.defects == ()


def test_cut_list_inconsistent_meta_and_enumerated_affiliations() -> None:
    data = (FIXTURES / "xhtml_enumerated_cut_list.html").read_bytes()
    page = parse_abs_page(data)
    p = page.paper
    assert page.markup == "xhtml"
    assert (str(page.requested_id), page.version, str(p.id)) == (
        "math/0309999v1",
        1,
        "math/0309999v1",
    )
    assert [(a.name, a.affiliations) for a in p.authors] == [
        ("Ada Lovelace", ("Analytical Society, London",)),
        ("Charles Babbage", ("Analytical Society, London", "Difference Engines & Co.")),
    ]
    assert not page.authors_complete and page.not_shown == 2
    assert p.updated == p.published == dt.datetime(2003, 9, 8, 12, tzinfo=UTC)
    assert p.report_no == "AS-2003-1"
    assert page.extra_rows == (("funding", "An unknown row"),)
    assert [d.kind for d in page.defects] == [
        DefectKind.UNKNOWN_CATEGORY,
        DefectKind.UNKNOWN_ELEMENT,
        DefectKind.TRUNCATED,
        DefectKind.INCONSISTENT,
    ]
    with pytest.raises(ParseError) as info:
        parse_abs_page(data, strict=True)
    assert info.value.kind is DefectKind.UNKNOWN_CATEGORY


def test_meta_disagreements_are_inconsistent() -> None:
    text = (FIXTURES / "html5_long_authors_withdrawn.html").read_text(encoding="utf-8")
    for old, new in [
        ('content="2024/05/01"', 'content="2024/05/02"'),
        ('content="Example, Author002"', 'content="Other, Person"'),
        ('content="2405.99999"', 'content="2405.99998"'),
        ('content="10.9999/one.1 10.9999/two.2"', 'content="10.9999/one.1"'),
        ("(this version, v2)", "(this version, v3)"),
    ]:
        assert old in text
        page = parse_abs_page(text.replace(old, new, 1))
        assert [d.kind for d in page.defects] == [DefectKind.INCONSISTENT], old


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        "<html><body><p>Hi</p></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "plain text",
    ],
)
def test_garbage_raises_parse_error(data: str | bytes) -> None:
    with pytest.raises(ParseError):
        parse_abs_page(data)


def test_looks_like() -> None:
    text = (FIXTURES / "xhtml_enumerated_cut_list.html").read_text(encoding="utf-8")
    assert looks_like(text[:4096])
    assert looks_like((FIXTURES / "html5_long_authors_withdrawn.html").read_text()[:4096])
    assert not looks_like("<feed xmlns='http://www.w3.org/2005/Atom'>")


# -- fuzzing ---------------------------------------------------------------------------


def _mutants(data: bytes, rng: random.Random) -> list[bytes]:
    out = [data[: rng.randrange(len(data))] for _ in range(4)]
    root = html.document_fromstring(data)
    elements = list(root.iter())
    for _ in range(6):
        tree = html.document_fromstring(data)
        els = [el for el in tree.iter() if isinstance(el.tag, str)]
        kind = rng.randrange(3)
        if kind == 0:  # delete an element
            victim = els[rng.randrange(1, len(els))]
            parent = victim.getparent()
            if parent is not None:
                parent.remove(victim)
        elif kind == 1:  # swap the attributes of two elements
            a, b = rng.sample(els, 2)
            attrs_a, attrs_b = dict(a.attrib), dict(b.attrib)
            a.attrib.clear()
            b.attrib.clear()
            a.attrib.update(attrs_b)
            b.attrib.update(attrs_a)
        else:  # change a text
            victim = els[rng.randrange(len(els))]
            victim.text = rng.choice(["", "[v0]", "(1,2", "Sun, 99 Foo 2020", "arXiv:x"])
        out.append(html.tostring(tree))
    assert elements
    return out


@pytest.mark.parametrize(
    "path",
    [*PAGES, *sorted(FIXTURES.glob("*.html"))],
    ids=lambda p: p.name,
)
def test_mutated_pages_only_raise_parse_error(path: Path) -> None:
    rng = random.Random(path.name)
    for mutant in _mutants(path.read_bytes(), rng):
        for strict in (False, True):
            try:
                page = parse_abs_page(mutant, strict=strict)
            except ParseError:
                continue
            assert attrs.has(type(page))


def test_withdrawn_mark_as_plain_text() -> None:
    text = (FIXTURES / "html5_long_authors_withdrawn.html").read_text(encoding="utf-8")
    old = "(1 KB) <em>(withdrawn)</em>"
    assert old in text
    page = parse_abs_page(text.replace(old, "(1 KB) (withdrawn)"))
    assert [(v.size_kb, v.withdrawn) for v in page.paper.versions] == [(12345, False), (1, True)]
    assert page.defects == ()
