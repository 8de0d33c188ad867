"""Parse a saved arXiv API response and print what is in it.

Usage::

    python examples/parse_saved_response.py [RESPONSE.xml | RESPONSE.xml.gz]

Without an argument the sample response bundled with arxivlisting is parsed, so the
script runs offline. For each paper it prints the identifier, the title, the authors
with their affiliations and the categories (primary first); then it lists the API's
error entries and every defect the lenient parser worked around. Nothing the parser
noticed is left out of the output.

Exit status: 0 when the file was parsed (even with defects), 1 when it is not an arXiv
API response at all.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from arxivlisting import Feed, ParseError, parse_atom
from arxivlisting.samples import sample_bytes


def load(argv: list[str]) -> tuple[str, bytes]:
    """The name and bytes of the response to parse: argv[1], else the bundled sample."""
    if len(argv) > 1:
        path = Path(argv[1])
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip magic: a compressed download
            data = gzip.decompress(data)
        return str(path), data
    return "bundled sample", sample_bytes("atom")


def describe(feed: Feed) -> list[str]:
    """Human-readable lines for every paper, API error and defect of ``feed``."""
    lines = [f"{len(feed.papers)} papers on this page; total results: {feed.total_results}"]
    for paper in feed.papers:
        lines.append("")
        lines.append(f"{paper.id if paper.id is not None else '(no usable id)'}")
        lines.append(f"  title: {paper.title if paper.title is not None else '(none)'}")
        for author in paper.authors:
            where = f" ({'; '.join(author.affiliations)})" if author.affiliations else ""
            lines.append(f"  author: {author.name}{where}")
        lines.append(f"  categories: {', '.join(paper.categories) or '(none)'}")
        if paper.primary_category is not None:
            lines.append(f"  primary category: {paper.primary_category}")
    lines.append("")
    for error in feed.errors:
        lines.append(f"API error {error.slug}: {error.message}")
    if feed.defects:
        lines.append(f"{len(feed.defects)} defects:")
        lines.extend(f"  {defect}" for defect in feed.defects)
    else:
        lines.append("no defects")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse the response named on the command line (or the sample) and print it."""
    argv = sys.argv if argv is None else argv
    name, data = load(argv)
    try:
        feed = parse_atom(data)
    except ParseError as exc:
        print(f"{name}: not an arXiv API response: {exc}", file=sys.stderr)
        return 1
    print(f"{name}:")
    for line in describe(feed):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
