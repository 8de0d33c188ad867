"""The category taxonomy, checked against arXiv's (arxiv-base taxonomy definitions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arxivlisting import taxonomy
from arxivlisting.taxonomy import (
    ARCHIVES,
    CATEGORIES,
    GROUPS,
    OLD_STYLE_ARCHIVES,
    canonical,
    classify_term,
    get_archive,
    get_category,
    is_known,
)
from conftest import CORPUS, api_files, needs_shared

# Every code arXiv's taxonomy lists (its test archive aside), by archive. Written out
# here independently of the data module, so a code added or lost there fails a test.
EXPECTED_CODES = {
    "cs": "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS "
    "NA NE NI OH OS PF PL RO SC SD SE SI SY",
    "econ": "EM GN TH",
    "eess": "AS IV SP SY",
    "math": "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA "
    "RA RT SG SP ST",
    "astro-ph": "CO EP GA HE IM SR",
    "cond-mat": "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con",
    "nlin": "AO CD CG PS SI",
    "physics": "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an "
    "ed-ph flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph",
    "q-bio": "BM CB GN MN NC OT PE QM SC TO",
    "q-fin": "CP EC GN MF PM PR RM ST TR",
    "stat": "AP CO ME ML OT TH",
}
# Codes without a dot that are categories: single-category archives, the legacy
# archive-level categories of old papers, and every defunct archive.
LIVE_ARCHIVE_CATEGORIES = {
    "astro-ph",
    "cond-mat",
    "gr-qc",
    "hep-ex",
    "hep-lat",
    "hep-ph",
    "hep-th",
    "math-ph",
    "nucl-ex",
    "nucl-th",
    "q-bio",
    "quant-ph",
}
# arXiv's alias pairs, alias -> canonical (arxiv-base CATEGORY_ALIASES).
ALIASES = {
    "math.MP": "math-ph",
    "stat.TH": "math.ST",
    "math.IT": "cs.IT",
    "q-fin.EC": "econ.GN",
    "cs.SY": "eess.SY",
    "cs.NA": "math.NA",
}
# Defunct archives and the category that subsumed each (arxiv-base ARCHIVES_SUBSUMED).
SUBSUMED = {
    "acc-phys": "physics.acc-ph",
    "adap-org": "nlin.AO",
    "alg-geom": "math.AG",
    "ao-sci": "physics.ao-ph",
    "atom-ph": "physics.atom-ph",
    "bayes-an": "physics.data-an",
    "chao-dyn": "nlin.CD",
    "chem-ph": "physics.chem-ph",
    "cmp-lg": "cs.CL",
    "comp-gas": "nlin.CG",
    "dg-ga": "math.DG",
    "funct-an": "math.FA",
    "mtrl-th": "cond-mat.mtrl-sci",
    "patt-sol": "nlin.PS",
    "plasm-ph": "physics.plasm-ph",
    "q-alg": "math.QA",
    "solv-int": "nlin.SI",
    "supr-con": "cond-mat.supr-con",
}


def category(code: str) -> taxonomy.Category:
    cat = get_category(code)
    assert cat is not None, code
    return cat


def test_the_set_of_codes_is_arxivs() -> None:
    expected = {f"{a}.{s}" for a, subs in EXPECTED_CODES.items() for s in subs.split()}
    expected |= LIVE_ARCHIVE_CATEGORIES | set(SUBSUMED)
    assert set(CATEGORIES) == expected
    # Archives that are never categories themselves.
    for code in ("cs", "math", "physics", "nlin", "stat", "q-fin", "econ", "eess"):
        assert get_category(code) is None
        assert is_known(code)


def test_the_set_of_archives_and_groups_is_arxivs() -> None:
    live = set(EXPECTED_CODES) | LIVE_ARCHIVE_CATEGORIES
    assert len(live) == 20
    assert {c for c, a in ARCHIVES.items() if not a.defunct} == live
    assert {c for c, a in ARCHIVES.items() if a.defunct} == set(SUBSUMED)
    assert dict(GROUPS) == {
        "cs": "Computer Science",
        "econ": "Economics",
        "eess": "Electrical Engineering and Systems Science",
        "math": "Mathematics",
        "physics": "Physics",
        "q-bio": "Quantitative Biology",
        "q-fin": "Quantitative Finance",
        "stat": "Statistics",
    }


@pytest.mark.parametrize(
    ("code", "name", "archive", "group"),
    [
        ("cs.CL", "Computation and Language", "cs", "Computer Science"),
        ("cs.CE", "Computational Engineering, Finance, and Science", "cs", "Computer Science"),
        ("cs.GT", "Computer Science and Game Theory", "cs", "Computer Science"),
        ("math.QA", "Quantum Algebra", "math", "Mathematics"),
        ("math.CA", "Classical Analysis and ODEs", "math", "Mathematics"),
        ("hep-th", "High Energy Physics - Theory", "hep-th", "Physics"),
        ("math-ph", "Mathematical Physics", "math-ph", "Physics"),
        ("astro-ph", "Astrophysics", "astro-ph", "Physics"),
        ("astro-ph.CO", "Cosmology and Nongalactic Astrophysics", "astro-ph", "Physics"),
        ("cond-mat.mes-hall", "Mesoscale and Nanoscale Physics", "cond-mat", "Physics"),
        ("nlin.AO", "Adaptation and Self-Organizing Systems", "nlin", "Physics"),
        ("physics.data-an", "Data Analysis, Statistics and Probability", "physics", "Physics"),
        ("physics.atom-ph", "Atomic Physics", "physics", "Physics"),
        ("physics.ao-ph", "Atmospheric and Oceanic Physics", "physics", "Physics"),
        ("q-bio", "Quantitative Biology", "q-bio", "Quantitative Biology"),
        ("q-bio.QM", "Quantitative Methods", "q-bio", "Quantitative Biology"),
        ("q-fin.EC", "Economics", "q-fin", "Quantitative Finance"),
        ("q-fin.TR", "Trading and Market Microstructure", "q-fin", "Quantitative Finance"),
        ("stat.ML", "Machine Learning", "stat", "Statistics"),
        ("econ.GN", "General Economics", "econ", "Economics"),
        (
            "eess.IV",
            "Image and Video Processing",
            "eess",
            "Electrical Engineering and Systems Science",
        ),
        ("funct-an", "Functional Analysis", "funct-an", "Mathematics"),
        ("cmp-lg", "Computation and Language", "cmp-lg", "Computer Science"),
        ("adap-org", "Adaptation, Noise, and Self-Organizing Systems", "adap-org", "Physics"),
    ],
)
def test_names_archives_and_groups(code: str, name: str, archive: str, group: str) -> None:
    cat = category(code)
    assert (cat.code, cat.name, cat.archive, cat.group_name) == (code, name, archive, group)


@pytest.mark.parametrize(
    ("code", "name", "group"),
    [
        ("hep-th", "High Energy Physics - Theory", "physics"),
        ("nlin", "Nonlinear Sciences", "physics"),
        ("math-ph", "Mathematical Physics", "physics"),
        ("q-alg", "Quantum Algebra and Topology", "math"),
        ("ao-sci", "Atmospheric-Oceanic Sciences", "physics"),
        ("cmp-lg", "Computation and Language", "cs"),
        ("eess", "Electrical Engineering and Systems Science", "eess"),
    ],
)
def test_archive_names_and_groups(code: str, name: str, group: str) -> None:
    arch = get_archive(code)
    assert arch is not None
    assert (arch.name, arch.group) == (name, group)


def test_every_category_belongs_to_a_known_archive_and_group() -> None:
    for code, cat in CATEGORIES.items():
        assert cat.code == code
        assert code == cat.archive or code.startswith(cat.archive + "."), code
        arch = ARCHIVES[cat.archive]
        assert cat.group == arch.group, code
        assert cat.group in GROUPS
        assert cat.archive_name == arch.name
    for arch in ARCHIVES.values():
        assert arch.group in GROUPS


def test_every_live_archive_has_a_category() -> None:
    for code, arch in ARCHIVES.items():
        assert any(c.archive == code for c in CATEGORIES.values()), code
        assert arch.defunct == (arch.subsumed_by is not None)


def test_aliases_are_arxivs_pairs_and_resolve_both_ways() -> None:
    live_aliases = {
        c.code: c.canonical for c in CATEGORIES.values() if c.is_alias and c.code not in SUBSUMED
    }
    assert live_aliases == ALIASES
    for alias, target in ALIASES.items():
        assert canonical(alias) == target
        assert canonical(target) == target
        assert category(alias).is_alias
        assert not category(target).is_alias
        assert category(target).canonical == target
    assert category("cs.NA").name == category("math.NA").name == "Numerical Analysis"
    assert category("cs.SY").name == category("eess.SY").name == "Systems and Control"
    assert category("math.IT").name == category("cs.IT").name == "Information Theory"
    assert category("stat.TH").name == category("math.ST").name == "Statistics Theory"
    assert category("math.MP").name == category("math-ph").name == "Mathematical Physics"
    # The one pair whose names differ on arXiv.
    assert (category("q-fin.EC").name, category("econ.GN").name) == (
        "Economics",
        "General Economics",
    )


def test_defunct_archives_map_forward() -> None:
    for code, successor in SUBSUMED.items():
        arch = get_archive(code)
        assert arch is not None
        assert arch.defunct
        assert arch.subsumed_by == successor
        assert canonical(code) == successor
        cat = category(code)
        assert cat.canonical == successor
        assert cat.is_alias
        # The successor is a live category that is its own canonical code.
        assert canonical(successor) == successor
        assert not ARCHIVES[CATEGORIES[successor].archive].defunct
        assert code in OLD_STYLE_ARCHIVES
        assert is_known(code)


def test_canonical_is_idempotent_and_lands_on_a_category() -> None:
    for code in [*CATEGORIES, *ARCHIVES]:
        target = canonical(code)
        assert canonical(target) == target
        if code in CATEGORIES:
            assert target in CATEGORIES
    assert canonical("nope") == "nope"
    assert canonical("cs.ai") == "cs.ai"


def test_old_style_archives() -> None:
    live = {
        "astro-ph",
        "cond-mat",
        "cs",
        "gr-qc",
        "hep-ex",
        "hep-lat",
        "hep-ph",
        "hep-th",
        "math",
        "math-ph",
        "nlin",
        "nucl-ex",
        "nucl-th",
        "physics",
        "q-bio",
        "quant-ph",
    }
    # stat began in 2007-04, q-fin in 2008-12, econ and eess in 2017: new-style ids only.
    assert live | set(SUBSUMED) == OLD_STYLE_ARCHIVES


def test_is_known() -> None:
    assert is_known("cs.AI")
    assert is_known("hep-th")
    assert is_known("funct-an")
    assert is_known("math")
    assert not is_known("cs.ai")
    assert not is_known("CS.AI")
    assert not is_known("cs.XX")
    assert not is_known("")
    assert not is_known("test")


@pytest.mark.parametrize(
    ("term", "kind"),
    [
        # MSC
        ("05C80", "msc"),
        ("53C", "msc"),
        ("68T05", "msc"),
        ("81T13", "msc"),
        ("68-XX", "msc"),
        ("68-02", "msc"),
        ("11-xx", "msc"),
        ("53Cxx", "msc"),
        ("11Gxx", "msc"),
        # ACM CCS 1998
        ("F.2.2", "acm"),
        ("I.2.7", "acm"),
        ("H.3", "acm"),
        ("I.2.10", "acm"),
        ("D.2.m", "acm"),
        ("K.m", "acm"),
        ("G", "acm"),
        # arXiv
        ("cs.AI", "arxiv"),
        ("hep-th", "arxiv"),
        ("math-ph", "arxiv"),
        ("q-bio", "arxiv"),
        ("cs.NA", "arxiv"),
        ("funct-an", "arxiv"),
        ("physics", "arxiv"),
        # unknown
        ("xx.YY", "unknown"),
        ("cs.ai", "unknown"),
        ("cs.XX", "unknown"),
        ("", "unknown"),
        ("5C80", "unknown"),
        ("05c80", "unknown"),
        ("F.22", "unknown"),
        ("L.1", "unknown"),
        ("I.2.7.1", "unknown"),
        ("68T05 ", "unknown"),
        ("０５C80", "unknown"),
    ],
)
def test_classify_term(term: str, kind: str) -> None:
    assert classify_term(term) == kind


_TERM_RE = re.compile(r'<(?:\w+:)?(?:primary_)?category\b[^>]*?\bterm="([^"]*)"')


def corpus_terms() -> dict[str, list[Path]]:
    terms: dict[str, list[Path]] = {}
    for path in api_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for term in _TERM_RE.findall(text):
            terms.setdefault(term, []).append(path)
    return terms


@needs_shared
def test_every_category_term_in_the_real_api_responses_classifies() -> None:
    terms = corpus_terms()
    if not terms:
        pytest.skip(f"no API responses under {CORPUS / 'api'}")
    assert len(terms) > 20  # the corpus really was read
    unknown = {t: [p.name for p in ps] for t, ps in terms.items() if classify_term(t) == "unknown"}
    assert unknown == {}
    assert {classify_term(t) for t in terms} <= {"arxiv", "msc", "acm"}
    for term in terms:
        if classify_term(term) == "arxiv":
            assert taxonomy.get_category(term) is not None, term
