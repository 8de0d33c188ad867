"""Property-test your own code with the record generators in ``arxivlisting.strategies``.

Usage::

    pip install 'arxivlisting[testing]'    # hypothesis
    python examples/property_test_your_code.py

``format_citation`` below stands for code of yours that consumes ``Paper`` records. The
tests state what must hold for *every* paper, and hypothesis checks them on papers of
every shape arxivlisting can produce: old- and new-style ids, with and without versions,
no authors or many, titles such as ``0``, TeX and Chinese text, missing dates. Copy the
``test_*`` functions into a pytest file to run them with your suite (pytest calls them;
drop the ``main`` below).

Only a few examples per test are run here so the script finishes quickly; raise
``EXAMPLES`` (or use a hypothesis settings profile) in real use.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from arxivlisting import Paper
from arxivlisting.strategies import arxiv_ids, authors, normalized_text, papers

EXAMPLES = 40
quick = settings(max_examples=EXAMPLES, deadline=None)


def format_citation(paper: Paper) -> str:
    """A one-line citation: authors (year). Title. arXiv:id [primary category]."""
    names = [author.name for author in paper.authors]
    if not names:
        who = "Anonymous"
    elif len(names) <= 2:
        who = " and ".join(names)
    else:
        who = f"{names[0]} et al."
    year = str(paper.published.year) if paper.published is not None else "n.d."
    title = paper.title if paper.title is not None else "Untitled"
    where = f"arXiv:{paper.id}" if paper.id is not None else "arXiv (no identifier)"
    if paper.primary_category is not None:
        where += f" [{paper.primary_category}]"
    return f"{who} ({year}). {title}. {where}"


@quick
@given(papers())
def test_one_line(paper: Paper) -> None:
    """Whatever the paper holds, the citation is a single line."""
    text = format_citation(paper)
    assert "\n" not in text
    assert text == text.strip()


@quick
@given(papers())
def test_names_the_paper(paper: Paper) -> None:
    """The identifier and the year are in the citation whenever the paper has them."""
    text = format_citation(paper)
    if paper.id is not None:
        assert f"arXiv:{paper.id}" in text
    if paper.published is not None:
        assert f"({paper.published.year})" in text


# A narrower strategy for a property that only makes sense for some papers: build it
# from the pieces instead of filtering most generated papers away.
papers_with_authors = st.builds(
    Paper,
    id=arxiv_ids(versioned=True),
    title=normalized_text(),
    authors=st.lists(authors(), min_size=1, max_size=6),
)


@quick
@given(papers_with_authors)
def test_first_author_leads(paper: Paper) -> None:
    """The first author's name opens the citation."""
    assert format_citation(paper).startswith(paper.authors[0].name)


TESTS = (test_one_line, test_names_the_paper, test_first_author_leads)


def main() -> int:
    """Run every property test; hypothesis raises with a minimal failing paper if one fails."""
    for test in TESTS:
        test()
        print(f"ok  {test.__name__}: held for {EXAMPLES} generated papers")
    example = Paper(id=None, title="0")
    print(f"a corner case it handles: {format_citation(example)!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
