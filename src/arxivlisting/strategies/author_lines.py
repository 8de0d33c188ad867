"""Hypothesis strategies for free-text author lines (:mod:`arxivlisting.authors`).

Domain:

* :func:`author_names` and :func:`line_affiliations` produce what
  :func:`~arxivlisting.authors.render_authors` can write unambiguously: names without
  ``( ) , ; : \\ { }``, without a free-standing ``and``/``&`` and not reading ``et al.``;
  affiliations with balanced parentheses (commas, ``&``, ``and`` and nested groups
  allowed) that do not look like a number list. Both are normalized text.
* :func:`author_lists` are one to eight such authors with zero to three affiliations.
* :func:`written_author_lines` writes a list the many ways arXiv metadata does (", ",
  " and ", ", and ", line breaks with two-space indents, TeX accents for the accented
  names, numbered affiliations with ``(1, 2)`` markers and a trailing ``((1) X, (2) Y)``
  list, a collaboration prefix) and returns the text with the authors it means.
* :func:`author_lines` is any text at all mixed with those lines: the parser must keep
  every character of it.

>>> from hypothesis import given
>>> from arxivlisting.authors import parse_authors
>>> from arxivlisting.strategies.author_lines import written_author_lines
>>> @given(written_author_lines())
... def test_reads_back(pair):
...     text, authors = pair
...     assert parse_authors(text).authors == authors
>>> test_reads_back()
"""

from __future__ import annotations

from hypothesis import strategies as st

from .._authors_names import renderable_affiliation, renderable_name
from ..records import Author

__all__ = [
    "author_lines",
    "author_lists",
    "author_names",
    "line_affiliations",
    "written_author_lines",
]

#: Names with a TeX spelling arXiv metadata uses, as (TeX, Unicode).
_TEX_NAMES = (
    ("C. Bal\\'azs", "C. Balázs"),
    ("M. Bj{\\o}rn", "M. Bjørn"),
    ("Emanuele Macr\\`i", "Emanuele Macrì"),
    ("C. Abell\\'an Beteta", "C. Abellán Beteta"),
    ('Franz G\\"ahler', "Franz Gähler"),
    ("H. Nesse Tyss{\\o}y", "H. Nesse Tyssøy"),
    ("J. Crkovsk\\'a", "J. Crkovská"),
    ("\\v{S}imon \\c{C}elik", "Šimon Çelik"),
    ("Sebastian F. S\\'anchez", "Sebastian F. Sánchez"),
    ('Thomas M\\"uller', "Thomas Müller"),
)
_NAMES = (
    "Ileana Streinu",
    "Louis Theran",
    "C.-P. Yuan",
    "E. L. Berger",
    "Floris van der Tak",
    "Neal J. Evans II",
    "A.A. Alves Jr",
    "P. d'Argent",
    "Zoë Müller-Sample",
    "李明",
    "Madonna",
    "R. Aaij",
    "Ia. Bezshyiko",
    "Ph. Charpentier",
)
_AFFILIATIONS = (
    "Harvard University",
    "Valencia U. & Valencia U., IFIC",
    "Institute for Nuclear Research and Nuclear Energy, Bulgarian Academy of Sciences, Sofia",
    "LUTH, CNRS / Observatoire de Paris / Univ. Paris 7",
    "LPNHE (Paris)",
    "Universität Wien",
    "Queen Mary & Westfield College, University of London",
    "CERN",
    "清华大学",
)
_WORD_ALPHABET = st.characters(
    blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Co", "Cn"),
    blacklist_characters="(),;:\\{}\ufffe\uffff",
)


def _words(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    word = st.one_of(
        st.from_regex(r"[A-Z][a-z]{0,9}\.?", fullmatch=True),
        st.text(_WORD_ALPHABET, min_size=1, max_size=8),
    )
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


def author_names() -> st.SearchStrategy[str]:
    """Display names that read back as themselves (see the module domain)."""
    return st.one_of(
        st.sampled_from(_NAMES),
        st.sampled_from([u for _, u in _TEX_NAMES]),
        _words(1, 4),
    ).filter(lambda n: renderable_name(n, first=False) is None)


def line_affiliations() -> st.SearchStrategy[str]:
    """Affiliations that read back as themselves inside parentheses."""
    return st.one_of(st.sampled_from(_AFFILIATIONS), _words(1, 6)).filter(
        lambda a: renderable_affiliation(a) is None
    )


def author_lists(max_authors: int = 8) -> st.SearchStrategy[tuple[Author, ...]]:
    """One to ``max_authors`` authors with zero to three affiliations each."""
    author = st.builds(
        Author,
        name=author_names(),
        affiliations=st.lists(line_affiliations(), max_size=3).map(tuple),
    )
    return st.lists(author, min_size=1, max_size=max_authors).map(tuple)


_DIGITLESS = st.sampled_from(_AFFILIATIONS).filter(lambda a: not any(c.isdigit() for c in a))


@st.composite
def written_author_lines(draw: st.DrawFn) -> tuple[str, tuple[Author, ...]]:
    """``(text, authors)``: an author line written in arXiv's styles and what it means."""
    count = draw(st.integers(1, 7))
    shown: list[str] = []
    meant: list[str] = []
    for _ in range(count):
        tex, plain = draw(
            st.one_of(
                st.sampled_from(_TEX_NAMES),
                st.sampled_from(_NAMES).map(lambda n: (n, n)),
            )
        )
        shown.append(tex)
        meant.append(plain)
    numbered = draw(st.booleans())
    affs: list[tuple[str, ...]] = [
        tuple(draw(st.lists(_DIGITLESS if numbered else line_affiliations(), max_size=2)))
        for _ in range(count)
    ]
    pieces: list[str] = []
    pool: list[str] = []
    for name, own in zip(shown, affs, strict=True):
        if numbered and own:
            numbers = []
            for aff in own:
                if aff not in pool:
                    pool.append(aff)
                numbers.append(str(pool.index(aff) + 1))
            joiner = draw(st.sampled_from([",", ", ", " and ", " & "]))
            pieces.append(f"{name} ({joiner.join(numbers)})")
        else:
            pieces.append(name + "".join(f" ({a})" for a in own))
    seps = [draw(st.sampled_from([", ", ", ", ",\n  ", " and ", ", and "])) for _ in pieces[1:]]
    text = pieces[0] + "".join(s + p for s, p in zip(seps, pieces[1:], strict=True))
    if pool:
        entries = draw(st.sampled_from([", ", " ", ",\n  "])).join(
            f"({k}) {a}" for k, a in enumerate(pool, 1)
        )
        text += f" ({entries})"
    authors = [Author(n, a) for n, a in zip(meant, affs, strict=True)]
    if draw(st.booleans()):
        collab = draw(st.sampled_from(["LHCb collaboration", "The H1 Collaboration", "D0 Team"]))
        text = collab + draw(st.sampled_from([": ", ", "])) + text
        authors.insert(0, Author(collab))
    return text, tuple(authors)


def author_lines() -> st.SearchStrategy[str]:
    """Any text, and realistic author lines with noise spliced in."""
    noise = st.text(
        st.characters(blacklist_categories=["Cs"]) | st.sampled_from("(),;:&\\{}\n "),
        max_size=40,
    )
    return st.one_of(
        noise,
        written_author_lines().map(lambda pair: pair[0]),
        st.tuples(written_author_lines(), noise, st.integers(0, 200)).map(
            lambda t: t[0][0][: t[2]] + t[1] + t[0][0][t[2] :]
        ),
    )
