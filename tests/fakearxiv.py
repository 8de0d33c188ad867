"""A fake arXiv on 127.0.0.1 with injectable faults, for the client tests and the benchmark.

A threaded stdlib HTTP/1.1 server (keep-alive, a real socket, so the real httpx stack
is exercised) that serves deterministic generated data:

* ``/api/query`` - Atom pages rendered by ``arxivlisting.render_atom``: every
  ``search_query`` matches all ``papers`` (``2401.00001`` ...), paged by
  ``start``/``max_results`` (capped at 2,000; more than 30,000 is arXiv's HTTP 400 error
  entry). ``id_list`` answers like arXiv: unknown ids silently dropped, a malformed id
  an HTTP 400 error entry, the entries in an order that is *not* the request order,
  and HTTP 414 for a URL longer than ``max_url``.
* ``/list/<cat>/<period>`` - listing pages (``render_listing``) of ``listing_items``
  entries with ``skip``/``show`` paging.
* ``/oai2`` - ``ListRecords`` of ``oai_records`` records (``render_oai``), ``oai_page``
  per response, resumption tokens to the empty final token.
* ``/rss/<cats>`` - an RSS 2.0 feed (``render_rss``); ``/abs/<id>`` - a small abs page.

Every request is logged with its arrival time on the shared clock (``log``). Faults
are queued with :meth:`FakeArxiv.fault` and applied to the next matching requests:

``status``    an HTTP status (429, 503 ...) with an optional ``Retry-After``
``slow``      sleep ``delay`` real seconds before answering (past a read timeout)
``reset``     close the connection with a TCP reset, no answer
``truncate``  announce the full Content-Length, send half the body, close
``cut``       a consistent response whose XML is cut in half (only a parser can tell)
``empty``     an empty Atom page (totalResults 0, no entries), as arXiv sometimes sends
``error400``  HTTP 400 with the API's error entry
``badtoken``  OAI-PMH ``badResumptionToken``
"""

from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

from arxivlisting import ArxivId, Author, Feed, Paper, render_atom
from arxivlisting.client import Clock, ScaledClock
from arxivlisting.formats.atom import ApiError
from arxivlisting.formats.listing import (
    Listing,
    ListingItem,
    ListingSection,
    SectionKind,
    render_listing,
)
from arxivlisting.formats.oai import (
    OaiError,
    OaiHeader,
    OaiRecord,
    OaiRequest,
    OaiResponse,
    ResumptionToken,
    render_oai,
)
from arxivlisting.formats.rss import RssFeed, RssItem, render_rss

BASE_TIME = dt.datetime(2024, 1, 2, 12, 0, tzinfo=dt.timezone.utc)


def paper(n: int, version: int | None = None) -> Paper:
    """The deterministic paper number ``n`` (1-based), at ``version`` (default: latest)."""
    latest = 1 + n % 3
    v = latest if version is None else version
    return Paper(
        id=ArxivId.parse(f"2401.{n:05d}v{v}"),
        title=f"Synthetic paper {n}",
        authors=[Author(f"Ada Example{n}"), Author("Zoë Müller-Sample", ["Example Lab"])],
        abstract=f"Abstract of paper {n}, version {v}.",
        categories=["cs.CL", "cs.LG"],
        primary_category="cs.CL",
        published=BASE_TIME + dt.timedelta(minutes=n),
        updated=BASE_TIME + dt.timedelta(minutes=n, days=v - 1),
    )


def latest_version(n: int) -> int:
    """How many versions paper ``n`` has."""
    return 1 + n % 3


@attrs.define
class Fault:
    """One kind of misbehaviour, applied to ``times`` requests that ``match``."""

    kind: str
    times: int = 1
    path: str = "/"
    match: Callable[[dict[str, str]], bool] | None = None
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0


@attrs.frozen
class Logged:
    """One request as the server saw it: arrival on the shared clock, path, query, fault."""

    at: float
    path: str
    params: dict[str, str]
    fault: str | None
    url_length: int


class FakeArxiv:
    """The server; use as a context manager (it listens on an ephemeral port)."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        papers: int = 250,
        listing_items: int = 120,
        oai_records: int = 230,
        oai_page: int = 100,
        max_url: int = 8000,
    ) -> None:
        self.clock: Clock = clock if clock is not None else ScaledClock(0.001)
        self.papers = papers
        self.listing_items = listing_items
        self.oai_records = oai_records
        self.oai_page = oai_page
        self.max_url = max_url
        self.log: list[Logged] = []
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._pages: dict[tuple[int, int], bytes] = {}
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- control ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL (``http://127.0.0.1:<port>``)."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeArxiv:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def fault(self, kind: str, **kwargs: Any) -> Fault:
        """Queue a fault (see the module docs); returns it (``times`` counts down)."""
        fault = Fault(kind, **kwargs)
        with self._lock:
            self._faults.append(fault)
        return fault

    def reset(self) -> None:
        """Forget the log and every queued fault (between tests sharing a server)."""
        with self._lock:
            self.log.clear()
            self._faults.clear()

    def requests(self, path: str = "/") -> list[Logged]:
        """Logged requests whose path starts with ``path``."""
        with self._lock:
            return [r for r in self.log if r.path.startswith(path)]

    def gaps(self, path: str = "/") -> list[float]:
        """Clock seconds between consecutive arrivals (of requests under ``path``)."""
        times = sorted(r.at for r in self.requests(path))
        return [b - a for a, b in itertools.pairwise(times)]

    def _take_fault(self, path: str, params: dict[str, str]) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times <= 0 or not path.startswith(fault.path):
                    continue
                if fault.match is not None and not fault.match(params):
                    continue
                fault.times -= 1
                return fault
        return None

    def _record(self, entry: Logged) -> None:
        with self._lock:
            self.log.append(entry)

    # -- content ----------------------------------------------------------------------

    def search_page(self, start: int, size: int) -> bytes:
        key = (start, size)
        with self._lock:
            cached = self._pages.get(key)
        if cached is not None:
            return cached
        numbers = range(start + 1, min(start + size, self.papers) + 1)
        feed = Feed(
            papers=[paper(n) for n in numbers],
            title="arXiv Query: fake",
            id="https://arxiv.org/api/fake",
            updated=BASE_TIME,
            total_results=self.papers,
            start_index=start,
            items_per_page=size,
        )
        body = render_atom(feed)
        with self._lock:
            self._pages[key] = body
        return body

    def empty_page(self, start: int, size: int) -> bytes:
        return render_atom(Feed(total_results=0, start_index=start, items_per_page=size))

    def error_page(self, slug: str, message: str) -> bytes:
        err = ApiError(slug, message, f"https://arxiv.org/api/errors#{slug}", BASE_TIME)
        return render_atom(Feed(errors=[err], total_results=1, start_index=0, items_per_page=1))

    def id_page(self, id_list: str) -> tuple[int, bytes]:
        found: list[Paper] = []
        for text in id_list.split(","):
            wanted = ArxivId.try_parse(text)
            if wanted is None:
                slug = "incorrect_id_format_for_" + text
                return 400, self.error_page(slug, f"incorrect id format for {text}")
            n = wanted.number if (wanted.year, wanted.month) == (2024, 1) else 0
            if not 1 <= n <= self.papers:
                continue  # unknown: dropped silently, like arXiv
            if wanted.version is None:
                found.append(paper(n))
            elif wanted.version <= latest_version(n):
                found.append(paper(n, wanted.version))
        found.sort(key=lambda p: str(p.id)[::-1])  # anything but the request order
        return 200, render_atom(Feed(papers=found, total_results=len(found), start_index=0))

    def listing_page(self, category: str, period: str, skip: int, show: int) -> bytes:
        numbers = range(skip + 1, min(skip + show, self.listing_items) + 1)
        items = [
            ListingItem(
                Paper(id=ArxivId.parse(f"2401.{n:05d}"), title=f"Listed paper {n}"), index=n
            )
            for n in numbers
        ]
        listing = Listing(
            sections=[ListingSection(SectionKind.ALL, items)] if items else [],
            category=category,
            name="Computation and Language",
            kind="month" if period[:1].isdigit() else "recent",
            year=2024 if period[:1].isdigit() else None,
            month=1 if period[:1].isdigit() else None,
            total=self.listing_items,
            skip=skip,
            show=show,
        )
        return render_listing(listing).encode("utf-8")

    def oai_response(self, params: dict[str, str]) -> bytes:
        token = params.get("resumptionToken")
        cursor = int(token.split("|")[1]) if token else 0
        numbers = range(cursor + 1, min(cursor + self.oai_page, self.oai_records) + 1)
        records = [
            OaiRecord(
                OaiHeader(
                    f"oai:arXiv.org:2401.{n:05d}",
                    BASE_TIME.replace(hour=0, minute=0),
                    ["cs"],
                ),
                Paper(
                    id=ArxivId.parse(f"2401.{n:05d}"),
                    title=f"Harvested paper {n}",
                    authors=[Author("Ada Example", keyname="Example", forenames="Ada")],
                    abstract=f"Abstract {n}.",
                    categories=["cs.CL"],
                    published=BASE_TIME.replace(hour=0, minute=0),
                ),
                metadata_format="arXiv",
            )
            for n in numbers
        ]
        end = cursor + len(records)
        value = "" if end >= self.oai_records else f"fake|{end}"
        response = OaiResponse(
            records=records,
            verb="ListRecords",
            response_date=BASE_TIME,
            request=OaiRequest("http://export.arxiv.org/oai2", verb="ListRecords"),
            resumption_token=ResumptionToken(value, cursor, self.oai_records),
        )
        return render_oai(response)

    def oai_error(self, code: str, message: str) -> bytes:
        return render_oai(
            OaiResponse(
                response_date=BASE_TIME,
                request=OaiRequest("http://export.arxiv.org/oai2"),
                errors=[OaiError(code, message)],
            )
        )

    def rss_feed(self, cats: str) -> bytes:
        items = [
            RssItem(
                Paper(
                    id=ArxivId.parse(f"2401.{n:05d}v1"),
                    title=f"Announced paper {n}",
                    abstract=f"Abstract {n}.",
                    categories=cats.split("+"),
                ),
                announce_type="new",
            )
            for n in range(1, 4)
        ]
        return render_rss(RssFeed(items=items, title=f"{cats} updates on arXiv.org"))

    def abs_page(self, text: str) -> tuple[int, bytes]:
        wanted = ArxivId.try_parse(text)
        known = wanted is not None and (wanted.year, wanted.month) == (2024, 1)
        n = wanted.number if wanted is not None and known else 0
        if not 1 <= n <= self.papers:
            return 404, b"<html><body>not found</body></html>"
        p = paper(n)
        page = f"""<!DOCTYPE html><html><head><title>[{p.id}] {p.title}</title>
<meta name="citation_title" content="{p.title}" /></head><body><div id="abs">
<h1 class="title mathjax"><span class="descriptor">Title:</span>{p.title}</h1>
<div class="authors"><span class="descriptor">Authors:</span><a href="/a">Ada Example{n}</a>
</div><blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>
{p.abstract}</blockquote></div></body></html>"""
        return 200, page.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeArxiv

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        fake = self.fake
        arrived = fake.clock.monotonic()
        parts = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        fault = fake._take_fault(parts.path, params)
        fake._record(
            Logged(arrived, parts.path, params, fault.kind if fault else None, len(self.path))
        )
        try:
            self._answer(parts.path, params, fault)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            self.close_connection = True

    def _answer(self, path: str, params: dict[str, str], fault: Fault | None) -> None:
        if fault is not None:
            if fault.kind == "status":
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                self._send(fault.status, b"<html>busy</html>", "text/html", headers)
                return
            if fault.kind == "reset":
                self._reset()
                return
            if fault.kind == "slow":
                time.sleep(fault.delay)
        status, body, ctype = self._content(path, params, fault)
        if fault is not None and fault.kind == "truncate":
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self._reset()
            return
        if fault is not None and fault.kind == "cut":
            body = body[: len(body) // 2]
        self._send(status, body, ctype)

    def _content(
        self, path: str, params: dict[str, str], fault: Fault | None
    ) -> tuple[int, bytes, str]:
        fake = self.fake
        atom = "application/atom+xml; charset=utf-8"
        if path == "/api/query":
            if len(self.path) > fake.max_url:
                return 414, b"<html>Request-URI Too Long</html>", "text/html"
            start = int(params.get("start", "0") or 0)
            size = int(params.get("max_results", "10") or 10)
            if fault is not None and fault.kind == "error400":
                body = fake.error_page("start_must_be_non-negative", "start must be non-negative")
                return 400, body, atom
            if size > 30000:
                slug = "max_results_must_be_less_than_30000"
                return 400, fake.error_page(slug, "max_results must be <= 30000"), atom
            size = min(size, 2000)
            if fault is not None and fault.kind == "empty":
                return 200, fake.empty_page(start, size), atom
            if params.get("id_list"):
                status, body = fake.id_page(params["id_list"])
                return status, body, atom
            return 200, fake.search_page(start, size), atom
        if path.startswith("/list/"):
            _, _, category, period = path.split("/", 3)
            skip = int(params.get("skip", "0") or 0)
            show = int(params.get("show", "50") or 50)
            if fault is not None and fault.kind == "empty":
                skip = fake.listing_items + show  # a page past the end: no entries
            page = fake.listing_page(category, period, skip, show)
            return 200, page, "text/html; charset=utf-8"
        if path == "/oai2":
            xml = "text/xml; charset=utf-8"
            if fault is not None and fault.kind == "badtoken":
                return 200, fake.oai_error("badResumptionToken", "expired token"), xml
            return 200, fake.oai_response(params), xml
        if path.startswith("/rss/"):
            return 200, fake.rss_feed(path[len("/rss/") :]), "application/rss+xml"
        if path.startswith("/abs/"):
            status, body = fake.abs_page(urllib.parse.unquote(path[len("/abs/") :]))
            return status, body, "text/html; charset=utf-8"
        return 404, b"not found", "text/plain"

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), as a crashed proxy would."""
        self.close_connection = True
        sock = self.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


def http_date(clock: Clock, seconds_from_now: float) -> str:
    """A ``Retry-After`` HTTP date ``seconds_from_now`` on ``clock``'s wall time."""
    return email.utils.formatdate(clock.time() + seconds_from_now, usegmt=True)
