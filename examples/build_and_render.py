"""Build a paper record by hand, write it as an arXiv API response, and read it back.

Usage::

    python examples/build_and_render.py

Records are plain immutable values: you can make them yourself (for tests, or to serve
metadata you keep elsewhere in the API's format). ``render_atom`` writes a ``Feed`` the
way the current arXiv API does, and parsing the result gives back an equal feed. The
script checks that and prints the XML.

For the round trip to hold, build records the way a parser would produce them: text with
single spaces and no surrounding whitespace, timezone-aware times, the primary category
first among the categories, and only the fields the API carries.
"""

from __future__ import annotations

import datetime as dt

from arxivlisting import ArxivId, Author, Feed, Link, Paper, parse_atom, render_atom

UTC = dt.timezone.utc


def build_feed() -> Feed:
    """A one-paper feed, as the API would answer a query for that paper."""
    arxiv_id = ArxivId.parse("arXiv:2403.01234v2")  # any accepted spelling works
    paper = Paper(
        id=arxiv_id,
        title="Counting Lattice Paths with $q$-Analogues",
        authors=[
            Author("Grace Example", ["Department of Mathematics, Example University"]),
            Author("Li Hua 李华", ["Institute of Sample Studies", "Example Labs"]),
            Author("Sam Placeholder"),
        ],
        abstract="We count lattice paths. Formulas such as $\\binom{2n}{n}$ stay TeX.",
        comments="14 pages, 2 figures",
        journal_ref="J. Invented Comb. 3 (2024) 45-58",
        dois=["10.5555/example.2024.045"],
        categories=["math.CO", "math.QA", "05A15"],  # primary first; 05A15 is an MSC code
        primary_category="math.CO",
        published=dt.datetime(2024, 3, 2, 17, 30, 0, tzinfo=UTC),
        # A time with another offset is converted to UTC when the record is built.
        updated=dt.datetime(2024, 4, 10, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        links=[
            Link(arxiv_id.abs_url, rel="alternate", type="text/html"),
            Link(arxiv_id.pdf_url, rel="related", type="application/pdf", title="pdf"),
            Link("https://doi.org/10.5555/example.2024.045", rel="related", title="doi"),
        ],
    )
    return Feed(
        papers=[paper],
        title="arXiv Query: search_query=&id_list=2403.01234v2&start=0&max_results=10",
        total_results=1,
        start_index=0,
        items_per_page=10,
    )


def main() -> int:
    """Render the hand-built feed, check the round trip, and print the XML."""
    feed = build_feed()
    xml = render_atom(feed)
    again = parse_atom(xml)
    assert again == feed, "parse_atom(render_atom(feed)) should equal feed"
    assert again.defects == (), again.defects
    paper = again.papers[0]
    print(xml.decode("utf-8"), end="")
    print()
    print(f"round trip ok: {paper.id} with {len(paper.authors)} authors parsed back equal")
    print(f"updated (stored in UTC): {paper.updated.isoformat() if paper.updated else None}")
    print(f"arXiv categories only: {', '.join(paper.arxiv_categories)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
