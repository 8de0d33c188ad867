"""parse_mailing / render_mailing: the four real text listings, hand-written files,
round-trip properties and mutation fuzzing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arxivlisting import AnnounceType, Author, DefectKind, ParseError, Version, from_dict, to_dict
from arxivlisting.formats.listing import SectionKind
from arxivlisting.formats.mailing import (
    Mailing,
    MailingKind,
    looks_like,
    parse_mailing,
    render_mailing,
)
from arxivlisting.strategies.listing import mailings
from conftest import corpus_files, needs_shared
from mutation import (
    assert_only_parse_errors,
    delete_lines,
    on_a_line,
    swap_lines,
    truncate,
    variants,
)

FIXTURES = Path(__file__).parent / "fixtures" / "mailing"
UTC = dt.timezone.utc
REAL = {p.name: p for p in corpus_files("listing", "*.txt")}


def real(name: str) -> tuple[str, Mailing]:
    path = next(p for n, p in REAL.items() if n.startswith(name))
    text = path.read_text(encoding="utf-8")
    return text, parse_mailing(path.read_bytes())


def canonical(mailing: Mailing) -> Mailing:
    """The mailing without the kept source text: what the renderer writes from fields."""
    return attrs.evolve(
        mailing,
        preamble=None,
        epilogue=None,
        sections=[
            attrs.evolve(s, entries=[attrs.evolve(e, source=None) for e in s.entries])
            for s in mailing.sections
        ],
    )


# -- the real files --------------------------------------------------------------------


@needs_shared
def test_every_real_file_parses_and_renders_back_exactly() -> None:
    assert len(REAL) == 4
    for path in REAL.values():
        text = path.read_text(encoding="utf-8")
        mailing = parse_mailing(path.read_bytes())
        assert render_mailing(mailing) == text, path.name
        assert parse_mailing(render_mailing(mailing)) == mailing
        # Written from the fields alone, the file still reads back to the same records.
        assert parse_mailing(render_mailing(canonical(mailing))) == mailing


@needs_shared
def test_real_entry_counts() -> None:
    for path in REAL.values():
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r"^(?:arXiv:\S+|Paper(?: \(\*cross-listing\*\))?: \S+)", text, re.M)
        mailing = parse_mailing(text)
        assert len(mailing.entries) == len(ids), path.name
        trailers = re.findall(r"^\\\\ \( https://arxiv\.org/abs/(\S+) ,\s+(\d+)kb\)", text, re.M)
        assert [(str(e.paper.id), e.size_kb) for e in mailing.entries if e.size_kb is not None] == [
            (i, int(s)) for i, s in trailers
        ]
    assert [len(parse_mailing(p.read_bytes()).entries) for p in REAL.values()] == [5, 8, 17, 63]


@needs_shared
def test_real_daily_mail() -> None:
    _, mailing = real("internal_mailing")
    assert mailing.kind == MailingKind.DAILY
    assert (mailing.subject, mailing.category) == ("q-fin.ST daily Subj-class mailing", "q-fin.ST")
    assert mailing.date == dt.datetime(2023, 3, 17, 0, 51, 30, tzinfo=UTC)
    assert mailing.names == ("Statistical Finance",)
    assert (mailing.received_from, mailing.received_to) == (
        dt.datetime(2023, 3, 15, 18, tzinfo=UTC),
        dt.datetime(2023, 3, 16, 18, tzinfo=UTC),
    )
    assert [(s.kind, len(s.entries), s.closed) for s in mailing.sections] == [
        (SectionKind.NEW, 6, True),
        (SectionKind.CROSS, 1, True),
        (SectionKind.REPLACE, 1, True),
    ]
    first = mailing.entries[0]
    assert str(first.paper.id) == "2303.09323"
    assert first.paper.versions == (
        Version(1, dt.datetime(2023, 3, 9, 1, 29, 9, tzinfo=UTC), 961, "D"),
    )
    assert first.paper.categories == ("q-fin.ST", "cs.CV", "cs.LG")
    assert first.paper.primary_category == "q-fin.ST"
    assert first.paper.abstract.startswith("Market financial forecasting is a trending area")
    assert first.paper.abstract.endswith("outperformed other models.")
    second = mailing.entries[1]
    assert second.paper.title == (
        "Portfolio Volatility Estimation Relative to Stock Market Cross-Sectional Intrinsic Entropy"
    )
    assert second.paper.journal_ref == "Journal of Risk Financial Management 2023, 16(2), 114"
    assert second.paper.dois == ("10.3390/jrfm16020114",)
    assert [a.name for a in mailing.entries[3].paper.authors] == ["Haritha GB", "Sahana N.B"]
    cross = mailing.sections[1].entries[0]
    assert (str(cross.paper.id), cross.announce_type) == ("2303.09176", AnnounceType.CROSS)
    (replaced,) = mailing.sections[2].entries
    assert replaced.announce_type == AnnounceType.REPLACE
    assert (replaced.replaced, replaced.replaced_size_kb, replaced.replaced_flags) == (
        dt.datetime(2023, 3, 15, 18, 5, 58, tzinfo=UTC),
        829,
        "D",
    )
    assert (replaced.paper.abstract, replaced.paper.versions, replaced.size_kb) == (None, (), 829)
    assert mailing.defects == ()


@needs_shared
def test_real_digest_without_mail_headers() -> None:
    _, mailing = real("email_digest")
    assert (mailing.kind, mailing.subject, mailing.date) == (MailingKind.DAILY, None, None)
    assert mailing.names == ("Artificial Intelligence", "Machine Learning", "Software Engineering")
    assert mailing.received_from == dt.datetime(2026, 1, 21, 19, tzinfo=UTC)
    # Trimmed by its repository: no end markers, one (new) part, a trailing rule kept.
    assert [(s.kind, len(s.entries), s.closed) for s in mailing.sections] == [
        (SectionKind.NEW, 5, False)
    ]
    assert mailing.epilogue == "-" * 78 + "\n"
    assert mailing.defects == ()


@needs_shared
def test_real_pastweek_file() -> None:
    text, mailing = real("internal_pastweek")
    days = re.findall(r"^/\* (.*) \*/$", text, re.M)
    assert days == [
        "Fri, 3 Mar 2023",
        "Thu, 2 Mar 2023",
        "Wed, 1 Mar 2023",
        "Tue, 28 Feb 2023",
        "Mon, 27 Feb 2023",
    ]
    assert mailing.kind == MailingKind.PASTWEEK
    assert [(s.kind, s.date, len(s.entries)) for s in mailing.sections] == [
        (SectionKind.DAY, dt.date(2023, 3, 3), 7),
        (SectionKind.DAY, dt.date(2023, 3, 2), 14),
        (SectionKind.DAY, dt.date(2023, 3, 1), 15),
        (SectionKind.DAY, dt.date(2023, 2, 28), 14),
        (SectionKind.DAY, dt.date(2023, 2, 27), 13),
    ]
    crosses = len(re.findall(r"\(\*cross-listing\*\)", text))
    assert sum(e.announce_type == AnnounceType.CROSS for e in mailing.entries) == crosses
    zegeye = next(e for e in mailing.entries if str(e.paper.id) == "2303.00916")
    assert zegeye.paper.authors[-1] == Author("The CMB-S4 Collaboration")
    assert len(zegeye.paper.authors) == 17
    assert all(e.paper.abstract is None for e in mailing.entries)
    assert mailing.defects == ()


# The one defect a real text listing produces, and why.
MONTHLY_DEFECTS = [
    # line 250 reads "kDate: Tue, 28 Jan 1997 ..." in the real file: a stray "k" before
    # "Date:". The line is kept verbatim (extra_header_lines), not guessed at.
    ("unknown_element", 250),
]


@needs_shared
def test_real_monthly_file() -> None:
    text, mailing = real("internal_monthly")
    assert mailing.kind == MailingKind.MONTHLY
    assert mailing.received_as_of == dt.datetime(1997, 1, 1, 1, 0, 12, tzinfo=UTC)
    (section,) = mailing.sections
    assert section.kind == SectionKind.ALL
    assert sum(e.announce_type == AnnounceType.CROSS for e in mailing.entries) == 17
    finster = next(e for e in mailing.entries if str(e.paper.id) == "funct-an/9701002")
    assert [v.number for v in finster.paper.versions] == [1, 2, 3, 4]
    assert finster.paper.versions[1] == Version(2, dt.datetime(1997, 3, 12, 14, 43, 13, tzinfo=UTC))
    assert finster.subj_class == "Functional Analysis; Mathematical Physics"
    assert (finster.paper.submitter, finster.submitter_email) == (
        "Felix Finster",
        "someone@example.com",
    )
    assert finster.paper.journal_ref == (
        '"Photon and Poincare Group," V. Dvoeglazov (ed.), Nova Science Publishers (1999) 315-325'
    )
    quesne = next(e for e in mailing.entries if str(e.paper.id) == "q-alg/9701031")
    assert quesne.paper.versions == ()
    assert quesne.extra_header_lines == ("kDate: Tue, 28 Jan 1997 08:19:19 GMT   (7kb)",)
    assert [(d.kind.value, d.line) for d in mailing.defects] == MONTHLY_DEFECTS
    assert text.splitlines()[249].startswith("kDate:")
    with pytest.raises(ParseError):
        parse_mailing(text, strict=True)


# -- hand-written files ----------------------------------------------------------------


def fixture(name: str) -> tuple[str, Mailing]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, parse_mailing(text)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_fixtures_render_exactly_and_canonically(name: str) -> None:
    text, mailing = fixture(name)
    assert mailing.defects == ()
    assert render_mailing(mailing) == text
    assert parse_mailing(render_mailing(canonical(mailing))) == mailing


def test_daily_fixture() -> None:
    _, mailing = fixture("daily_all_parts.txt")
    assert [(s.kind, len(s.entries), s.closed) for s in mailing.sections] == [
        (SectionKind.NEW, 2, True),
        (SectionKind.CROSS, 1, True),
        (SectionKind.REPLACE, 2, True),
    ]
    first = mailing.entries[0]
    paper = first.paper
    assert [(a.name, a.affiliations) for a in paper.authors] == [
        ("Ada Example", ("Institute of Examples, Springfield",)),
        ("Zoë Müller", ()),  # TeX accents in the author line
        ("Bo Sample", ()),
    ]
    assert (
        first.authors_text
        == 'Ada Example (Institute of Examples, Springfield), Zo\\"e M\\"uller and Bo Sample'
    )
    assert (paper.report_no, paper.msc_class, paper.license) == (
        "INVENTED-2024-01",
        "68T50",
        "http://creativecommons.org/licenses/by/4.0/",
    )
    assert paper.dois == ("10.1234/invented.5678", "10.1234/invented.5679")
    assert [e.announce_type for e in mailing.sections[2].entries] == [
        AnnounceType.REPLACE,
        AnnounceType.REPLACE_CROSS,
    ]


def test_monthly_fixture() -> None:
    _, mailing = fixture("monthly_1990s.txt")
    first = mailing.entries[0]
    assert [v.size_kb for v in first.paper.versions] == [12, 13, 14]
    assert mailing.entries[1].announce_type == AnnounceType.CROSS
    assert mailing.entries[1].subj_class == "Condensed Matter; High Energy Physics - Theory"
    assert mailing.entries[2].paper.authors == (Author("D. Reader", ("Invented University",)),)


def test_empty_first_part() -> None:
    rule = "-" * 78
    text = (
        f"{rule}\n{rule}\n Submissions to:\nGeneral Mathematics\n{rule}\n{rule}\n"
        "%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-\n"
        f"{rule}\n\\\\\narXiv:2402.06555 (*cross-listing*)\n\nTitle: X\n"
        "\\\\ ( https://arxiv.org/abs/2402.06555 ,  5kb)\n"
    )
    mailing = parse_mailing(text)
    assert [(s.kind, len(s.entries), s.closed) for s in mailing.sections] == [
        (SectionKind.NEW, 0, True),
        (SectionKind.CROSS, 1, False),
    ]
    assert render_mailing(mailing) == text


def test_defects() -> None:
    text = (
        "\\\\\narXiv:2402.0700\nDate: Fri, 31 Feb 2024 20:11:12 GMT   (5kb)\n\n"
        "Title: A\nTitle: B\nAuthors: X (1)\n\\\\\n  Abstract\n"
        "\\\\ ( https://arxiv.org/abs/2402.07009 ,  6kb)\n"
    )
    mailing = parse_mailing(text)
    kinds = [d.kind for d in mailing.defects]
    assert DefectKind.BAD_ID in kinds
    assert DefectKind.BAD_DATE in kinds
    assert DefectKind.DUPLICATE_FIELD in kinds
    assert DefectKind.AMBIGUOUS_AFFILIATION in kinds  # "(1)" names no numbered affiliation
    entry = mailing.entries[0]
    assert (entry.paper.id, entry.paper.title, entry.size_kb) == (None, "A", 6)
    with pytest.raises(ParseError):
        parse_mailing(text, strict=True)


def test_truncated_file() -> None:
    _, mailing = fixture("daily_all_parts.txt")
    cut = render_mailing(mailing)[:1300]
    result = parse_mailing(cut)
    assert DefectKind.TRUNCATED in [d.kind for d in result.defects]
    with pytest.raises(ParseError):
        parse_mailing(cut, strict=True)


def test_latin1_bytes() -> None:
    data = "\\\\\narXiv:2402.07001\n\nTitle: Caf\xe9\n\\\\\n".encode("latin-1")
    mailing = parse_mailing(data)
    assert mailing.entries[0].paper.title == "Café"
    assert [d.kind for d in mailing.defects] == [DefectKind.ENCODING]


def test_not_a_listing() -> None:
    for data in ("", "hello\nworld", b"\xff\xfe"):
        with pytest.raises(ParseError):
            parse_mailing(data)


def test_looks_like() -> None:
    for path in FIXTURES.glob("*.txt"):
        assert looks_like(path.read_text()[:4000]), path.name
    assert not looks_like("<rss version='2.0'>")
    assert not looks_like("Date: Thu, 9 Mar 2023\n\nTitle: x\n")


# -- properties ------------------------------------------------------------------------


@settings(max_examples=150)
@given(mailings())
def test_render_round_trip(mailing: Mailing) -> None:
    assert parse_mailing(render_mailing(mailing)) == mailing


@settings(max_examples=50)
@given(mailings())
def test_records_serialize_to_json_and_back(record: Mailing) -> None:
    assert from_dict(json.loads(json.dumps(to_dict(record))), Mailing) == record


@settings(max_examples=100)
@given(st.text(max_size=400) | st.binary(max_size=300))
def test_arbitrary_input_is_a_mailing_or_a_parse_error(data: str | bytes) -> None:
    try:
        result = parse_mailing(data)
    except ParseError:
        return
    assert isinstance(result, Mailing)


# up to five lines gone, two lines swapped, one line cut short, the whole mail cut
MUTATIONS = (delete_lines(most=5), swap_lines(), on_a_line(truncate()), truncate())


def _fuzz(text: str, seed: str, rounds: int) -> None:
    mutated = variants(text, random.Random(seed), MUTATIONS, rounds)
    assert_only_parse_errors(parse_mailing, mutated, Mailing)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_mutated_fixtures_never_crash(name: str) -> None:
    _fuzz((FIXTURES / name).read_text(encoding="utf-8"), name, 150)


@needs_shared
def test_mutated_real_files_never_crash() -> None:
    for name, path in REAL.items():
        _fuzz(path.read_text(encoding="utf-8"), name, 80)


@needs_shared
def test_sniff_rules_across_the_corpus() -> None:
    """Each looks_like claims its own files and none of the other corpus files (a single
    .abs block, an Atom API response, a digest are not listings or feeds)."""
    from arxivlisting.formats import listing, rss
    from conftest import CORPUS

    checked = 0
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        head = path.read_bytes()[:8192].decode("utf-8", "replace")
        kind = path.parent.name
        assert listing.looks_like(head) == (kind == "listing" and path.suffix == ".html"), path
        assert looks_like(head) == (kind == "listing" and path.suffix == ".txt"), path
        assert rss.looks_like(head) == (kind == "rss"), path
        checked += 1
    assert checked > 100


def test_missing_end_markers_are_inferred_from_the_entries() -> None:
    # A trimmed mail: no %-%- / %%-- markers, so the parts are told apart by the entries
    # themselves (a cross-listing marker, a "replaced with revised version" line).
    rule = "-" * 78
    text = (
        f"{rule}\n{rule}\n Submissions to:\nGeneral Mathematics\n{rule}\n{rule}\n"
        "\\\\\narXiv:2402.06554\nDate: Fri, 9 Feb 2024 20:11:12 GMT   (5kb)\n\nTitle: New one\n"
        "\\\\ ( https://arxiv.org/abs/2402.06554 ,  5kb)\n"
        f"{rule}\n"
        "\\\\\narXiv:2402.06555 (*cross-listing*)\n\nTitle: Cross one\n"
        "\\\\ ( https://arxiv.org/abs/2402.06555 ,  5kb)\n"
        f"{rule}\n"
        "\\\\\narXiv:2401.00001\n"
        "replaced with revised version Fri, 9 Feb 2024 10:00:00 GMT   (7kb)\n\n"
        "Title: Replaced one\n"
        "\\\\ ( https://arxiv.org/abs/2401.00001 ,  7kb)\n"
    )
    mailing = parse_mailing(text)
    assert [(s.kind, [e.paper.title for e in s.entries], s.closed) for s in mailing.sections] == [
        (SectionKind.NEW, ["New one"], False),
        (SectionKind.CROSS, ["Cross one"], False),
        (SectionKind.REPLACE, ["Replaced one"], False),
    ]
    assert [e.announce_type for e in mailing.entries] == [
        AnnounceType.NEW,
        AnnounceType.CROSS,
        AnnounceType.REPLACE,
    ]
    assert mailing.defects == ()
    assert render_mailing(mailing) == text
