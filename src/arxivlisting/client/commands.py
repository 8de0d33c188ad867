"""The client's command-line subcommands: ``search``, ``fetch-listing``, ``harvest``.

They plug into the ``arxivlisting`` command: :func:`add_commands` adds them to its
subparsers and :func:`run` runs the one chosen (it returns None when the command is
not one of these). Each writes one JSON object per record, like ``arxivlisting parse``
(``source``, ``position``, ``format``, ``record``), to standard output or ``-o FILE``,
shows progress on standard error when it is a terminal, and ends with a summary line
there (``-q`` silences both). Exit status: 0 done, 1 arXiv could not be made to answer
(the error is printed), 2 bad arguments.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="arxivlisting")
>>> add_commands(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["search", "cat:cs.CL AND ti:parsing", "--max", "20"])
>>> args.command, args.query, args.max
('search', 'cat:cs.CL AND ti:parsing', 20)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from ..errors import ArxivApiError
from ..formats.oai import OaiPmhError
from ..serialize import to_dict
from ._errors import ArxivClientError
from ._retry import RetryPolicy
from ._streams import ResultStream
from ._sync import Client
from .query import SortBy, SortOrder

__all__ = ["add_commands", "run", "run_fetch_listing", "run_harvest", "run_search"]

_HANDLER = "client_command"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", help="write JSON lines here instead of stdout")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    parser.add_argument(
        "--interval",
        type=float,
        default=3.0,
        help="seconds between requests to one host (default 3, as arXiv asks)",
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for the server (default 60)"
    )
    parser.add_argument("--retries", type=int, default=8, help="retries per call (default 8)")
    parser.add_argument("--cache", metavar="DIR", help="keep responses in DIR and reuse them")
    parser.add_argument(
        "--cache-max-age",
        type=float,
        metavar="SECONDS",
        help="ignore cached responses older than this",
    )
    parser.add_argument("--user-agent", help="the User-Agent to send")
    parser.add_argument(
        "--base-url", help="talk to a mirror (or a test server) instead of arxiv.org"
    )


def add_commands(subparsers: Any) -> None:
    """Add ``search``, ``fetch-listing`` and ``harvest`` to an argparse subparsers object.

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> add_commands(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["harvest", "--set", "cs", "--from", "2024-01-01"]).from_date
    '2024-01-01'
    """
    p = subparsers.add_parser(
        "search",
        help="search the arXiv API and write the papers as JSON lines",
        description="Search arXiv (fielded syntax: ti, au, abs, co, jr, cat, rn, id, all; "
        "AND, OR, ANDNOT; quotes; submittedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]).",
    )
    p.add_argument("query", help="the search_query, e.g. 'cat:cs.CL AND ti:\"parsing\"'")
    p.add_argument("--max", type=int, default=100, help="at most N papers (default 100)")
    p.add_argument("--sort", choices=[s.value for s in SortBy], default=SortBy.RELEVANCE.value)
    p.add_argument(
        "--order", choices=[s.value for s in SortOrder], default=SortOrder.DESCENDING.value
    )
    _common(p)
    p.set_defaults(**{_HANDLER: run_search})

    p = subparsers.add_parser(
        "fetch-listing",
        help="fetch a listing page (all its pages) and write the entries as JSON lines",
        description="Fetch /list/<category>/<period>, following its paging to the end.",
    )
    p.add_argument("category", help="a category or archive, e.g. cs.CL or astro-ph")
    p.add_argument(
        "--period",
        default="new",
        help="new (default), recent, pastweek, current, YYYY or YYYY-MM",
    )
    p.add_argument("--show", type=int, default=2000, help="entries per page (25 ... 2000)")
    _common(p)
    p.set_defaults(**{_HANDLER: run_fetch_listing})

    p = subparsers.add_parser(
        "harvest",
        help="harvest records over OAI-PMH and write them as JSON lines",
        description="OAI-PMH ListRecords from export.arxiv.org/oai2, resumption tokens "
        "followed to the end. An expired token restarts the harvest (records already "
        "written are skipped) unless --on-bad-token raise.",
    )
    p.add_argument("--set", dest="set_spec", help="an OAI set, e.g. cs or physics:hep-th")
    p.add_argument("--from", dest="from_date", metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="YYYY-MM-DD")
    p.add_argument(
        "--prefix",
        default="arXiv",
        choices=["arXiv", "arXivRaw", "oai_dc"],
        help="metadata format (default arXiv)",
    )
    p.add_argument("--on-bad-token", choices=["restart", "raise"], default="restart")
    _common(p)
    p.set_defaults(**{_HANDLER: run_harvest})


def run(args: argparse.Namespace) -> int | None:
    """Run the client command ``args`` names; None when it names none of them.

    >>> import argparse
    >>> run(argparse.Namespace(command="parse")) is None
    True
    """
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, _HANDLER, None)
    if handler is None:
        return None
    return handler(args)


def _client(args: argparse.Namespace) -> Client:
    if args.interval < 3.0 and not args.base_url and not args.quiet:
        print(
            f"arxivlisting: warning: --interval {args.interval:g} is below the 3 s arXiv asks for",
            file=sys.stderr,
        )
    return Client(
        timeout=args.timeout,
        interval=args.interval,
        retry=RetryPolicy(max_retries=max(args.retries, 0)),
        cache=args.cache,
        cache_max_age=args.cache_max_age,
        user_agent=args.user_agent,
        base_url=args.base_url,
    )


@contextlib.contextmanager
def _output(args: argparse.Namespace) -> Iterator[IO[str]]:
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            yield out
    else:
        yield sys.stdout


class _Progress:
    def __init__(self, args: argparse.Namespace, what: str, total: int | None) -> None:
        self.show = not args.quiet and sys.stderr.isatty()
        self.quiet = args.quiet
        self.what = what
        self.total = total
        self.count = 0

    def step(self, stream: ResultStream[Any, Any]) -> None:
        self.count += 1
        if self.show and (self.count % 50 == 0 or self.count == self.total):
            of = f"/{self.total}" if self.total is not None else ""
            print(
                f"\r{self.count}{of} {self.what}, {stream.stats.requests} requests",
                end="",
                file=sys.stderr,
            )

    def done(self, stream: ResultStream[Any, Any], extra: str = "") -> None:
        if self.show:
            print(file=sys.stderr)
        if not self.quiet:
            stats = stream.stats
            print(
                f"{self.count} {self.what}{extra}, {stats.requests} requests, "
                f"{stats.retries} retries, {stats.policy_wait:.1f} s waiting",
                file=sys.stderr,
            )


def _write(out: IO[str], source: str, position: int, fmt: str, record: Any) -> None:
    line = {"source": source, "position": position, "format": fmt, "record": to_dict(record)}
    print(json.dumps(line, ensure_ascii=False, separators=(",", ":")), file=out)


def _guarded(body: Callable[[], int]) -> int:
    try:
        return body()
    except (ArxivClientError, ArxivApiError, OaiPmhError) as exc:  # arXiv would not answer
        print(f"arxivlisting: {exc}", file=sys.stderr)
        return 1
    except (ValueError, TypeError) as exc:  # bad arguments (an id, a date, a period...)
        print(f"arxivlisting: {exc}", file=sys.stderr)
        return 2


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="arxivlisting")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def run_search(args: argparse.Namespace, client: Client | None = None) -> int:
    """``arxivlisting search QUERY [--max N] [-o out.jsonl]``: papers as JSON lines.

    ``client`` replaces the one the options describe (for tests and embedding).

    >>> from arxivlisting import ArxivId, Paper
    >>> from arxivlisting.client import VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1")) for n in range(1, 4)]
    >>> client = Client(transport=mock_api(papers), clock=VirtualClock())
    >>> run_search(_parse(["search", "cat:cs.CL", "--max", "2", "-q"]), client)
    {"source":"api","position":1,"format":"atom","record":{"id":"2401.00001v1",...}}
    {"source":"api","position":2,"format":"atom","record":{"id":"2401.00002v1",...}}
    0
    """

    def body() -> int:
        if args.max < 0:
            raise ValueError("--max cannot be negative")
        with client or _client(args) as c, _output(args) as out:
            results = c.search(
                args.query, max_results=args.max, sort_by=args.sort, sort_order=args.order
            )
            expected = None if results.total is None else min(results.total, args.max)
            progress = _Progress(args, "papers", expected)
            with results:
                for position, paper in enumerate(results, 1):
                    _write(out, "api", position, "atom", paper)
                    progress.step(results)
            progress.done(results, f" (of {results.total} matching)")
        return 0

    return _guarded(body)


def run_fetch_listing(args: argparse.Namespace, client: Client | None = None) -> int:
    """``arxivlisting fetch-listing CATEGORY [--period new]``: entries as JSON lines.

    >>> import httpx
    >>> from arxivlisting.client import VirtualClock
    >>> page = b"<html><div id='dlpage'><h1>Physics</h1><p>No updates today.</p></div></html>"
    >>> client = Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=page)),
    ...                 clock=VirtualClock())
    >>> run_fetch_listing(_parse(["fetch-listing", "physics", "-q"]), client)
    0
    """

    def body() -> int:
        with client or _client(args) as c, _output(args) as out:
            stream = c.iter_listing(args.category, args.period, show=args.show)
            first = stream.first_page
            progress = _Progress(args, "entries", first.total if first is not None else None)
            source = f"list/{args.category}/{args.period}"
            with stream:
                for position, item in enumerate(stream, 1):
                    _write(out, source, position, "listing", item)
                    progress.step(stream)
            progress.done(stream, f" on {len(stream.pages)} pages")
        return 0

    return _guarded(body)


def run_harvest(args: argparse.Namespace, client: Client | None = None) -> int:
    """``arxivlisting harvest --set cs --from DATE``: OAI-PMH records as JSON lines.

    >>> import httpx
    >>> from arxivlisting.client import VirtualClock
    >>> xml = (b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>'
    ...        b'2024-01-01T00:00:00Z</responseDate><request>x</request>'
    ...        b'<error code="noRecordsMatch">none</error></OAI-PMH>')
    >>> client = Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=xml)),
    ...                 clock=VirtualClock())
    >>> run_harvest(_parse(["harvest", "--set", "cs", "--from", "2024-01-01", "-q"]), client)
    0
    """

    def body() -> int:
        with client or _client(args) as c, _output(args) as out:
            harvest = c.harvest(
                set_spec=args.set_spec,
                from_date=args.from_date,
                until=args.until,
                metadata_prefix=args.prefix,
                on_bad_token=args.on_bad_token,
            )
            progress = _Progress(args, "records", harvest.complete_list_size)
            with harvest:
                for position, record in enumerate(harvest, 1):
                    _write(out, "oai", position, "oai", record)
                    progress.step(harvest)
            progress.done(harvest)
        return 0

    return _guarded(body)
