"""The ``arxivlisting`` command: a thin layer over :mod:`arxivlisting.batch`.

``arxivlisting parse PATH... [-o out.jsonl]`` writes one JSON object per record, with
the file it came from and its position, and a summary on standard error. ``--sample
NAME`` parses a sample bundled with the package (no network, no files needed).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import IO, Any

from . import samples
from ._version import __version__
from .batch import RecordStream, expand_paths
from .client.commands import add_commands as add_client_commands
from .client.commands import run as run_client_command
from .errors import ParseError
from .formats.digest import DIALECTS
from .serialize import to_dict
from .sniff import FORMATS, parse

__all__ = ["main"]


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="arxivlisting",
        description="Turn arXiv metadata and bilingual arXiv digests into typed records.",
    )
    ap.add_argument("--version", action="version", version=f"arxivlisting {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "parse",
        help="parse files, directories, globs or stdin into JSON lines",
        description="Parse files (directories recursively, globs, '-' for stdin, .gz) and "
        "write one JSON object per record.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, globs or -")
    p.add_argument(
        "--sample",
        choices=samples.names(),
        help="parse a sample bundled with the package instead of PATHs",
    )
    p.add_argument(
        "--format",
        default="auto",
        help="force a format (default: auto-detect); one of: auto, " + ", ".join(FORMATS),
    )
    p.add_argument(
        "--dialect",
        help="force a digest dialect (implies --format digest); one of: " + ", ".join(DIALECTS),
    )
    p.add_argument("-o", "--output", help="write JSON lines here instead of stdout")
    p.add_argument("--strict", action="store_true", help="treat the first defect as an error")
    p.add_argument("--pretty", action="store_true", help="indent the JSON (one record per block)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    add_client_commands(sub)
    return ap


def _dump(obj: Any, pretty: bool) -> str:
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _run_sample(args: argparse.Namespace, out: IO[str]) -> int:
    data = samples.sample_bytes(args.sample)
    try:
        result = parse(data, format=args.format, strict=args.strict)
    except ParseError as exc:
        print(f"arxivlisting: {exc}", file=sys.stderr)
        return 1
    for position, record in enumerate(result.records, 1):
        line = {
            "source": f"sample:{args.sample}",
            "position": position,
            "format": result.format,
            "record": to_dict(record),
        }
        print(_dump(line, args.pretty), file=out)
    if not args.quiet:
        print(
            f"sample {args.sample}: format {result.format}, {len(result.records)} records, "
            f"{len(result.defects)} defects",
            file=sys.stderr,
        )
    return 0


def _run_paths(args: argparse.Namespace, out: IO[str]) -> int:
    show_progress = not args.quiet and sys.stderr.isatty()
    files = records = failures = 0
    defect_kinds: collections.Counter[str] = collections.Counter()
    formats: collections.Counter[str] = collections.Counter()
    encodings: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    for path in expand_paths(args.paths):
        files += 1
        try:
            stream = RecordStream(
                path, format=args.format, strict=args.strict, dialect=args.dialect
            )
            for position, record in enumerate(stream, 1):
                records += 1
                line = {
                    "source": path,
                    "position": position,
                    "format": stream.format,
                    "record": to_dict(record),
                }
                if stream.dialect is not None:
                    line["dialect"] = stream.dialect
                print(_dump(line, args.pretty), file=out)
                if show_progress and records % 1000 == 0:
                    _progress(files, records, failures)
        except BrokenPipeError:
            raise
        except Exception as exc:
            failures += 1
            print(f"arxivlisting: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        formats[stream.format] += 1
        if stream.encoding:
            encodings[stream.encoding] += 1
        for defect in stream.defects:
            defect_kinds[defect.kind.value] += 1
        if show_progress:
            _progress(files, records, failures)
    if show_progress:
        print(file=sys.stderr)
    if not args.quiet:
        took = time.monotonic() - started
        fmt = ", ".join(f"{k} {v}" for k, v in formats.most_common()) or "none"
        kinds = ", ".join(f"{k} {v}" for k, v in defect_kinds.most_common()) or "none"
        enc = ", ".join(f"{k} {v}" for k, v in encodings.most_common())
        print(
            f"{files} files ({fmt}), {records} records, {failures} failed, "
            f"defects: {kinds}{'; encodings: ' + enc if enc else ''}; {took:.2f} s",
            file=sys.stderr,
        )
    if files == 0:
        print("arxivlisting: no input files", file=sys.stderr)
        return 2
    return 1 if failures else 0


def _progress(files: int, records: int, failures: int) -> None:
    print(f"\r{files} files, {records} records, {failures} failed", end="", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``arxivlisting`` command; returns the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the final flush
        return 141


def _main(argv: Sequence[str] | None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "parse":
        if args.sample is None and not args.paths:
            print("arxivlisting parse: give PATHs or --sample NAME", file=sys.stderr)
            return 2
        if args.dialect is not None and args.dialect not in DIALECTS:
            known = ", ".join(DIALECTS)
            print(
                f"arxivlisting parse: unknown dialect {args.dialect!r}; choose one of: {known}",
                file=sys.stderr,
            )
            return 2
        if args.format != "auto" and args.format not in FORMATS:
            # A usage error, not a failure of every file.
            known = ", ".join(["auto", *FORMATS])
            print(
                f"arxivlisting parse: unknown format {args.format!r}; choose one of: {known}",
                file=sys.stderr,
            )
            return 2
        if args.output:
            try:
                out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            except OSError as exc:
                print(f"arxivlisting parse: cannot write {args.output}: {exc}", file=sys.stderr)
                return 2
            with out:
                return _run_sample(args, out) if args.sample else _run_paths(args, out)
        return _run_sample(args, sys.stdout) if args.sample else _run_paths(args, sys.stdout)
    code = run_client_command(args)
    return 2 if code is None else code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
