"""Stream a large arXiv API response into JSON lines, one paper per line.

Usage::

    python examples/stream_harvest_to_jsonl.py [INPUT [OUTPUT]]

INPUT is a saved API response (``.xml`` or ``.xml.gz``) or ``-`` for standard input;
without it the sample response bundled with arxivlisting is used. OUTPUT is the JSON
lines file to write; without it the lines go to standard output.

``iter_atom`` reads the response incrementally and frees each entry once it has become a
record, so memory stays flat however big the harvest is. Each line is
``to_dict(paper)``; read it back with ``from_dict(json.loads(line), Paper)``. A summary
(papers written, the API's total, errors and defects) goes to standard error so that
standard output holds nothing but JSON.

Exit status: 0 when the whole response was read, 1 when the input is not an API
response or the stream stopped early (a cut-off download, malformed XML).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from typing import IO

from arxivlisting import DefectKind, ParseError, iter_atom, to_dict
from arxivlisting.samples import sample_bytes

#: Defects after which the stream ends early: what follows in the file was not read.
STOPPED = {DefectKind.SYNTAX, DefectKind.TRUNCATED}


def open_input(argv: list[str]) -> tuple[str, str | IO[bytes]]:
    """A name for the input and what ``iter_atom`` should read (a path or a binary file)."""
    if len(argv) < 2:
        return "bundled sample", io.BytesIO(sample_bytes("atom"))
    if argv[1] == "-":
        return "standard input", sys.stdin.buffer
    return argv[1], argv[1]


def main(argv: list[str] | None = None) -> int:
    """Convert the input named on the command line (or the sample) to JSON lines."""
    argv = sys.argv if argv is None else argv
    name, source = open_input(argv)
    stream = iter_atom(source)
    written = 0
    with contextlib.ExitStack() as stack:
        if len(argv) > 2:
            out: IO[str] = stack.enter_context(open(argv[2], "w", encoding="utf-8"))
        else:
            out = sys.stdout
        try:
            for paper in stream:
                out.write(json.dumps(to_dict(paper), ensure_ascii=False) + "\n")
                written += 1
        except ParseError as exc:
            print(f"{name}: not an arXiv API response: {exc}", file=sys.stderr)
            return 1
    print(
        f"{name}: wrote {written} papers (total results: {stream.total_results}), "
        f"{len(stream.errors)} API errors, {len(stream.defects)} defects",
        file=sys.stderr,
    )
    for error in stream.errors:
        print(f"  API error {error.slug}: {error.message}", file=sys.stderr)
    for defect in stream.defects:
        print(f"  {defect}", file=sys.stderr)
    return 1 if any(d.kind in STOPPED for d in stream.defects) else 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the final flush
        raise SystemExit(1) from None
