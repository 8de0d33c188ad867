"""Turn an archive of bilingual digest files into one CSV table of papers.

Usage::

    python examples/digest_archive_to_csv.py [PATH ...] [-o papers.csv]

Each PATH is a digest file (any dialect arxivlisting reads, ``.gz`` too) or a directory,
walked recursively; without a PATH the bundled arXivDaily sample is used. The table
goes to standard output, or to the ``-o`` file: one row per paper with the file it came
from, the dialect, its position there, the arXiv id, the listing date, the announce
type, the English and Chinese titles, the AI summary, the institutions ("English
(中文)" joined by "; "), the topic hit, the score and the languages detected for the
title and the abstract.

Big files are streamed, so an archive of any size fits in memory. A file that is no
digest, or cannot be read, is reported on standard error and skipped; a summary of files,
papers and defects by kind follows. Exit status 1 when any file was skipped.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import io
import os
import sys
from typing import IO

from arxivlisting import iter_digest
from arxivlisting.batch import RecordStream, expand_paths
from arxivlisting.formats.digest import DigestEntry
from arxivlisting.samples import sample_bytes

COLUMNS = [
    "source",
    "dialect",
    "position",
    "id",
    "listing_date",
    "announce",
    "title",
    "title_zh",
    "ai_summary",
    "institutions",
    "topic",
    "score",
    "title_lang",
    "abstract_lang",
]


def row(source: str, dialect: str | None, position: int, entry: DigestEntry) -> list[str]:
    """The CSV cells for one entry (empty cells where the digest gives nothing)."""
    paper = entry.paper
    languages = dict(entry.languages)
    institutions = "; ".join(
        f"{i.name} ({i.name_zh})" if i.name_zh else i.name for i in entry.institutions
    )
    cells: list[object] = [
        source,
        dialect,
        position,
        paper.id,
        entry.listing_date,
        entry.announce.value if entry.announce else None,
        paper.title,
        entry.title_zh,
        entry.ai_summary,
        institutions,
        entry.topic_hit.topic if entry.topic_hit else None,
        entry.score,
        languages.get("title"),
        languages.get("abstract"),
    ]
    return ["" if cell is None else str(cell) for cell in cells]


def main(argv: list[str] | None = None) -> int:
    """Write the table for the paths on the command line (or for the sample)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="digest files or directories")
    parser.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    args = parser.parse_args(argv)
    files = papers = skipped = 0
    defects: collections.Counter[str] = collections.Counter()
    with contextlib.ExitStack() as stack:
        out: IO[str] = (
            stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
            if args.output
            else sys.stdout
        )
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        if not args.paths:
            sample = iter_digest(io.BytesIO(sample_bytes("arxivdaily")))
            for position, entry in enumerate(sample, 1):
                writer.writerow(row("bundled sample", sample.dialect, position, entry))
                papers += 1
            files, found = 1, sample.defects
            defects.update(d.kind.value for d in found)
        for path in expand_paths(args.paths):
            files += 1
            try:
                # Streamed when the file is big; raises for a file that is no digest.
                stream = RecordStream(path, format="digest")
                for position, entry in enumerate(stream, 1):
                    writer.writerow(row(path, stream.dialect, position, entry))
                    papers += 1
            except (ValueError, OSError) as exc:  # ParseError is a ValueError
                skipped += 1
                print(f"{path}: skipped: {str(exc).splitlines()[0]}", file=sys.stderr)
                continue
            defects.update(d.kind.value for d in stream.defects)
    kinds = ", ".join(f"{k} {n}" for k, n in defects.most_common()) or "none"
    print(f"{files} files, {papers} papers, {skipped} skipped; defects: {kinds}", file=sys.stderr)
    return 1 if skipped else 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the final flush
        raise SystemExit(1) from None
