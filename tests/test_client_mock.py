"""The clients over ``httpx.MockTransport``: real arXiv responses replayed, and scripted faults.

Every client here runs on a :class:`VirtualClock` (waits return at once and add up),
so the policy can be checked exactly: how long the clock moved is how long the client
would have waited.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from arxivlisting import ArxivApiError, ArxivId, Author, Feed, Paper, parse_atom, render_atom
from arxivlisting._version import __version__
from arxivlisting.client import (
    DEFAULT_USER_AGENT,
    ArxivHTTPError,
    AsyncClient,
    Client,
    Endpoints,
    RateGate,
    RateLimited,
    ResultWindowExceeded,
    RetryPolicy,
    VirtualClock,
    _api_steps,
)
from arxivlisting.client.query import SortBy, SortOrder, cat, ti
from arxivlisting.client.testing import mock_api
from arxivlisting.formats.oai import OaiPmhError
from conftest import CORPUS, corpus_files, needs_shared

Handler = Callable[[httpx.Request], httpx.Response]


def papers(n: int, version: int = 1) -> list[Paper]:
    return [
        Paper(id=ArxivId.parse(f"2401.{i:05d}v{version}"), title=f"P{i}", authors=[Author("A")])
        for i in range(1, n + 1)
    ]


class Script:
    """A handler that answers with the queued callables first, then with ``fallback``."""

    def __init__(self, fallback: Handler, *steps: Handler) -> None:
        self.fallback = fallback
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.steps:
            return self.steps.pop(0)(request)
        return self.fallback(request)


def api(items: list[Paper]) -> Handler:
    transport = mock_api(items)
    return transport.handle_request


def status(code: int, **headers: str) -> Handler:
    return lambda request: httpx.Response(code, headers=headers, content=b"<html>busy</html>")


def client_for(handler: Handler, **kwargs: object) -> tuple[Client, VirtualClock]:
    clock = VirtualClock()
    kwargs.setdefault("seed", 0)
    return Client(transport=httpx.MockTransport(handler), clock=clock, **kwargs), clock  # type: ignore[arg-type]


# -- real responses replayed ----------------------------------------------------------------


def _fixtures() -> dict[tuple[str, ...], dict[str, object]]:
    table: dict[tuple[str, ...], dict[str, object]] = {}
    for path in corpus_files("api", "*.fixture.json"):
        fixture = json.loads(path.read_text(encoding="utf-8"))
        params = httpx.URL(fixture["url"]).params
        if params.get("id_list"):
            table[("ids", params["id_list"])] = fixture
        else:
            key = ("search", params["search_query"], params["start"], params["max_results"])
            table[key] = fixture
    return table


def replay(request: httpx.Request) -> httpx.Response:
    """Answer with the recorded arXiv response for the same query (bodies as arXiv sent them)."""
    table = _fixtures()
    params = request.url.params
    if params.get("id_list"):
        key: tuple[str, ...] = ("ids", params["id_list"])
        fixture = table.get(key) or table[("ids", "0000.0000")]  # arXiv's real empty answer
    elif params["search_query"] == "abc-error":
        fixture = table[("ids", "abc")]
    else:
        key = ("search", params["search_query"], params["start"], params["max_results"])
        fixture = table[key]
    body = str(fixture["body"]).encode("latin-1")
    return httpx.Response(int(fixture["status_code"]), content=body)  # type: ignore[call-overload]


@needs_shared
def test_replayed_search_pages_in_order_with_total() -> None:
    client, clock = client_for(replay, page_size=10)
    results = client.search("testing", max_results=20)
    assert results.total == 214881
    got = [str(p.id) for p in results]
    expected = [
        str(p.id)
        for name in ("s0_m10", "s10_m10")
        for p in parse_atom(
            (CORPUS / "api" / f"api_2026_search_testing_{name}_arxiv.py.body.xml").read_bytes()
        ).papers
    ]
    assert got == expected
    assert len(set(got)) == 20
    assert results.stats.requests == 2
    assert clock.monotonic() == 3.0  # one gate interval between the two pages


@needs_shared
def test_replayed_id_lookups_keep_request_order_and_versions() -> None:
    wanted = [
        "quant-ph/0201082v1",
        "1605.08386",
        "hep-ex/0406020v1",
        "2104.12255v1",
        "astro-ph/0601001",
        "2501.99999",  # unknown: arXiv's real empty answer
        "0808.05394",  # not an id at all (5 digits before 2015): never sent
    ]
    client, _ = client_for(replay, max_url_length=1)  # one id per request, as recorded
    found = client.fetch_ids(wanted)
    assert [str(i) for i, _ in found.items] == [
        "quant-ph/0201082v1",
        "1605.08386",
        "hep-ex/0406020v1",
        "2104.12255v1",
        "astro-ph/0601001",
        "2501.99999",
    ]
    assert [str(p.id.unversioned) for p in found.papers if p.id] == [
        "quant-ph/0201082",
        "1605.08386",
        "hep-ex/0406020",
        "2104.12255",
        "astro-ph/0601001",
    ]
    assert found["2104.12255v1"].title == "0"  # the falsy-title trap survives
    assert found.missing == (ArxivId.parse("2501.99999"),)
    assert found.invalid == ("0808.05394",)
    assert client.stats.requests == 6


@needs_shared
def test_replayed_error_entry_is_raised_not_retried() -> None:
    client, _ = client_for(replay)
    with pytest.raises(ArxivApiError) as info:
        client.search("abc-error")
    assert info.value.api_error.slug == "incorrect_id_format_for_abc"
    assert client.stats.requests == 1


@needs_shared
def test_replayed_oai_chain_and_bad_token_restart() -> None:
    oai = CORPUS / "oai"
    first = (oai / "oai_arXivRaw_ListRecords_resumptionToken_arXivOAIHarvester.xml").read_bytes()
    last = oai / "oai_dc_ListRecords_cs_2021-03_lastpage_emptyToken_arXiv-api-extraction.xml"
    bad = (oai / "oai_error_BadResumptionToken_arXivOAIHarvester.xml").read_bytes()

    def answer(body: bytes) -> Handler:
        return lambda request: httpx.Response(200, content=body)

    script = Script(answer(last.read_bytes()), answer(first), answer(bad), answer(first))
    client, _ = client_for(script)
    harvest = client.harvest(from_date="2014-10-01", metadata_prefix="arXivRaw")
    assert harvest.complete_list_size == 58011
    records = list(harvest)
    n_first = sum(1 for _ in (b for b in first.split(b"<record>")[1:]))
    n_last = last.read_bytes().count(b"<record>")
    assert len(records) == n_first + n_last  # the restart did not repeat page one
    assert len({r.header.identifier for r in records}) == len(records)
    assert [r.url.params.get("resumptionToken") for r in script.requests] == [
        None,
        "726959|1001",
        None,
        "726959|1001",
    ]

    script = Script(answer(last.read_bytes()), answer(first), answer(bad))
    client, _ = client_for(script)
    with pytest.raises(OaiPmhError, match="badResumptionToken"):
        list(client.harvest(on_bad_token="raise"))


@needs_shared
def test_replayed_rss_and_abs_pages() -> None:
    rss = sorted((CORPUS / "rss").glob("rss2_cs.CL_*.xml"))[0].read_bytes()
    abs_page = (CORPUS / "abs" / "abs_2004.10162_2020-04_xhtml_document-scraper.html").read_bytes()

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/rss/"):
            return httpx.Response(200, content=rss)
        return httpx.Response(200, content=abs_page)

    client, _ = client_for(answer)
    feed = client.fetch_rss("cs.CL")
    assert len(feed.items) == 3
    page = client.fetch_abs("2004.10162")
    assert page.paper.id is not None and page.paper.id.unversioned == ArxivId.parse("2004.10162")


# -- rate limits, server errors, transport errors -----------------------------------------------


def test_429_with_retry_after_seconds_waits_exactly_that() -> None:
    script = Script(api(papers(3)), status(429, **{"Retry-After": "7"}))
    client, clock = client_for(script)
    assert [p.title for p in client.search("all:x")] == ["P1", "P2", "P3"]
    assert clock.monotonic() == 7.0  # the wait arXiv asked for, taken at the gate
    assert client.stats.retries == 1
    assert client.stats.backoff_wait == 0.0


def test_429_with_an_http_date() -> None:
    clock_epoch = VirtualClock().time()
    when = email.utils.formatdate(clock_epoch + 20, usegmt=True)
    script = Script(api(papers(1)), status(429, **{"Retry-After": when}))
    client, clock = client_for(script)
    assert len(list(client.search("all:x"))) == 1
    assert clock.monotonic() == 20.0


def test_429_forever_raises_rate_limited_after_the_budget() -> None:
    client, _ = client_for(status(429), retry=RetryPolicy(max_retries=3))
    with pytest.raises(RateLimited) as info:
        client.search("all:x")
    assert info.value.status == 429
    assert info.value.attempts == 4
    assert client.stats.requests == 4


def test_a_retry_after_longer_than_allowed_raises_at_once() -> None:
    handler = status(503, **{"Retry-After": "86400"})
    client, clock = client_for(handler, retry=RetryPolicy(max_retry_after=600))
    with pytest.raises(ArxivHTTPError, match="more than max_retry_after") as info:
        client.search("all:x")
    assert info.value.status == 503
    assert client.stats.requests == 1
    assert clock.monotonic() == 0.0


def test_a_503_burst_is_retried_with_growing_backoff() -> None:
    script = Script(api(papers(2)), status(503), status(503), status(502))
    policy = RetryPolicy(backoff_base=2.0, backoff_cap=100.0)
    client, clock = client_for(script, retry=policy)
    assert len(list(client.search("all:x"))) == 2
    stats = client.stats
    assert (stats.requests, stats.retries) == (4, 3)
    # Equal jitter: the n-th wait lies in [2**n / 2, 2**n] for n = 1, 2, 3.
    assert 1.0 + 2.0 + 4.0 <= stats.backoff_wait <= 2.0 + 4.0 + 8.0
    assert clock.monotonic() >= stats.backoff_wait


def test_server_errors_forever_raise_a_clear_error() -> None:
    client, _ = client_for(status(500), retry=RetryPolicy(max_retries=2))
    with pytest.raises(ArxivHTTPError) as info:
        client.search("all:x")
    assert info.value.status == 500
    assert "Internal Server Error" in str(info.value)
    assert "retry budget spent" in str(info.value)


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.ConnectTimeout("slow"),
        httpx.RemoteProtocolError("peer closed connection without sending complete body"),
        httpx.ReadError("connection reset by peer"),
    ],
)
def test_transport_errors_are_retried(exc: Exception) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc

    script = Script(api(papers(2)), fail, fail)
    client, _ = client_for(script)
    assert len(list(client.search("all:x"))) == 2
    assert client.stats.retries == 2

    client, _ = client_for(fail, retry=RetryPolicy(max_retries=1))
    with pytest.raises(ArxivHTTPError) as info:
        client.search("all:x")
    assert info.value.status is None
    assert info.value.__cause__ is exc


def test_other_4xx_fail_at_once() -> None:
    client, _ = client_for(status(404))
    with pytest.raises(ArxivHTTPError) as info:
        client.search("all:x")
    assert (info.value.status, info.value.attempts) == (404, 1)
    assert client.stats.requests == 1


def test_redirects_are_followed_through_the_gate() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/api/query?id_list=2401.00001"})
        return api(papers(1))(request)

    client, clock = client_for(answer)
    feed = client.get("https://export.arxiv.org/old", parse_atom)
    assert [str(p.id) for p in feed.papers] == ["2401.00001v1"]
    assert client.stats.requests == 2
    assert clock.monotonic() == 3.0

    loop = Script(lambda r: httpx.Response(302, headers={"Location": "/again"}))
    client, _ = client_for(loop)
    with pytest.raises(ArxivHTTPError, match="too many redirects"):
        client.get("https://export.arxiv.org/again", parse_atom)


# -- broken bodies -------------------------------------------------------------------------------


def test_a_body_shorter_than_its_content_length_is_retried() -> None:
    whole = render_atom(Feed(papers=papers(2), total_results=2))

    def short(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=whole[:100], headers={"Content-Length": str(len(whole))})

    client, _ = client_for(Script(api(papers(2)), short))
    assert len(list(client.search("all:x"))) == 2
    assert client.stats.retries == 1


def test_cut_off_xml_is_retried_and_then_reported() -> None:
    whole = render_atom(Feed(papers=papers(5), total_results=5))
    cut = whole[: len(whole) // 2]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=cut)

    client, _ = client_for(Script(api(papers(5)), answer))
    assert len(list(client.search("all:x"))) == 5  # never the 2 entries of the cut page

    client, _ = client_for(answer, retry=RetryPolicy(max_retries=2))
    with pytest.raises(ArxivHTTPError, match="truncated") as info:
        client.search("all:x")
    assert info.value.status == 200


def test_a_page_that_is_no_feed_is_retried() -> None:
    html = status(200)
    client, _ = client_for(Script(api(papers(1)), html))
    assert len(list(client.search("all:x"))) == 1
    client, _ = client_for(html, retry=RetryPolicy(max_retries=1))
    with pytest.raises(ArxivHTTPError, match="not an Atom feed"):
        client.search("all:x")


# -- paging ----------------------------------------------------------------------------------------


def empty_page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=render_atom(Feed(total_results=0)))


def test_an_empty_page_mid_pagination_is_retried() -> None:
    items = papers(5)
    script = Script(api(items), api(items), empty_page, empty_page)
    client, _ = client_for(script, page_size=2)
    assert [p.title for p in client.search("all:x")] == ["P1", "P2", "P3", "P4", "P5"]
    assert [r.url.params["start"] for r in script.requests] == ["0", "2", "2", "2", "4"]


def test_empty_pages_forever_are_an_error_not_a_short_result() -> None:
    items = papers(5)
    script = Script(empty_page, api(items))
    client, _ = client_for(script, page_size=2, retry=RetryPolicy(max_retries=3))
    results = client.search("all:x")
    assert [next(results).title, next(results).title] == ["P1", "P2"]
    with pytest.raises(ArxivHTTPError, match="unexpected empty page at start=2 of 5"):
        next(results)


def test_an_empty_first_page_is_an_empty_result() -> None:
    client, _ = client_for(empty_page)
    results = client.search("ti:nothing")
    assert (results.total, list(results)) == (0, [])
    assert client.stats.requests == 1


def test_pages_are_as_large_as_arxiv_serves() -> None:
    items = papers(4_001)
    script = Script(api(items))
    client, clock = client_for(script)
    results = client.search("all:x")
    ids = [p.id for p in results]
    assert results.total == 4_001
    assert len(ids) == len(set(ids)) == 4_001
    assert [r.url.params["max_results"] for r in script.requests] == ["2000", "2000", "2000"]
    assert clock.monotonic() == 6.0  # two gate intervals


def test_the_page_shrinks_after_repeated_failures() -> None:
    items = papers(3000)
    script = Script(api(items), api(items), status(503), status(503), status(503))
    policy = RetryPolicy(shrink_after=2, min_page_size=100)
    client, _ = client_for(script, retry=policy)
    ids = [p.id for p in client.search("all:x")]
    assert len(ids) == len(set(ids)) == 3000
    sizes = [int(r.url.params["max_results"]) for r in script.requests]
    # Page two failed three times: halved before its 3rd and 4th attempts, then the
    # next page is asked twice as large again.
    assert sizes == [2000, 2000, 2000, 1000, 500, 1000]


def test_one_retry_budget_spans_the_whole_call() -> None:
    items = papers(8)
    ok = api(items)
    script = Script(ok, ok, status(503), ok, status(503), ok, status(503))
    client, _ = client_for(script, page_size=2, retry=RetryPolicy(max_retries=2))
    results = client.search("all:x")
    with pytest.raises(ArxivHTTPError, match="retry budget spent: 2 retries"):
        list(results)
    assert client.stats.requests == 6  # 4 pages, the 3rd failure (on page 4) ends it


def test_no_duplicates_when_the_result_set_shifts() -> None:
    items = papers(5)
    newer = [Paper(id=ArxivId.parse("2401.09999v1"), title="P0")]
    answered: list[int] = []

    def shifted(request: httpx.Request) -> httpx.Response:
        # A paper is announced after the first page: everything moves down by one, so
        # the second page starts with the last paper of the first.
        pool = items if not answered else newer + items
        start = int(request.url.params["start"])
        answered.append(start)
        page = pool[start : start + 2]
        return httpx.Response(200, content=render_atom(Feed(papers=page, total_results=len(pool))))

    client, _ = client_for(shifted, page_size=2)
    titles = [p.title for p in client.search("all:x")]
    assert titles == ["P1", "P2", "P3", "P4", "P5"]
    assert answered == [0, 2, 4]


def test_max_results_start_and_sorting_are_sent() -> None:
    script = Script(api(papers(50)))
    client, _ = client_for(script, page_size=10)
    results = client.search(
        cat("cs.CL") & ti("graphs"),
        max_results=15,
        start=5,
        sort_by=SortBy.SUBMITTED,
        sort_order=SortOrder.ASCENDING,
    )
    assert [p.title for p in results] == [f"P{i}" for i in range(6, 21)]
    params = [dict(r.url.params) for r in script.requests]
    assert params[0] == {
        "search_query": "cat:cs.CL AND ti:graphs",
        "sortBy": "submittedDate",
        "sortOrder": "ascending",
        "start": "5",
        "max_results": "10",
    }
    assert (params[1]["start"], params[1]["max_results"]) == ("15", "5")


def test_results_are_streamed_lazily_and_can_stop() -> None:
    script = Script(api(papers(10)))
    client, _ = client_for(script, page_size=2)
    results = client.search("all:x")
    assert len(script.requests) == 1  # the first page, for .total
    assert [next(results).title, next(results).title, next(results).title] == ["P1", "P2", "P3"]
    assert len(script.requests) == 2
    results.close()
    assert list(results) == []
    assert len(script.requests) == 2


def test_more_than_the_result_window_is_an_error_after_the_reachable_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_api_steps, "RESULT_WINDOW", 6)
    client, _ = client_for(api(papers(10)), page_size=4)
    results = client.search("all:x")
    got = []
    with pytest.raises(ResultWindowExceeded) as info:
        got.extend(p.title for p in results)
    assert got == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert (info.value.total, info.value.served) == (10, 6)
    client, _ = client_for(api(papers(10)), page_size=4)
    assert len(list(client.search("all:x", max_results=6))) == 6  # asking for less is fine


def test_bad_arguments_are_refused_before_any_request() -> None:
    script = Script(api(papers(1)))
    client, _ = client_for(script)
    with pytest.raises(ValueError, match="page_size"):
        client.search("all:x", page_size=5000)
    with pytest.raises(ValueError, match="negative"):
        client.search("all:x", start=-1)
    with pytest.raises(ValueError, match="show"):
        client.fetch_listing("cs.CL", show=30)
    with pytest.raises(ValueError, match="period"):
        client.fetch_listing("cs.CL", period="yesterday")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        list(client.harvest(from_date="01/02/2024"))
    assert script.requests == []


# -- id lists -------------------------------------------------------------------------------------


def versions(n: int, top: int) -> list[Paper]:
    return [
        Paper(id=ArxivId.parse(f"2401.{n:05d}v{v}"), title=f"P{n}v{v}") for v in range(1, top + 1)
    ]


def test_ids_in_request_order_with_versions_missing_and_invalid() -> None:
    store = versions(1, 3) + versions(2, 1) + versions(3, 2)
    script = Script(api(store))
    client, _ = client_for(script)
    found = client.fetch_ids(
        ["2401.00003", "arXiv:2401.00001v2", "2401.00001", "2401.00002v4", "nope", "2401.00003"]
    )
    assert [str(i) for i, _ in found.items] == [
        "2401.00003",
        "2401.00001v2",
        "2401.00001",
        "2401.00002v4",
    ]
    assert [p.title if p else None for _, p in found.items] == ["P3v2", "P1v2", "P1v3", None]
    assert found.missing == (ArxivId.parse("2401.00002v4"),)
    assert found.invalid == ("nope",)
    assert len(script.requests) == 1
    assert script.requests[0].url.params["max_results"] == "4"  # never arXiv's default 10


def test_long_id_lists_are_chunked_under_the_url_limit() -> None:
    store = papers(1200)
    script = Script(api(store))
    client, _ = client_for(script, max_url_length=2000)
    wanted = [f"2401.{i:05d}" for i in range(1200, 0, -1)]
    found = client.fetch_ids(wanted)
    assert [str(p.id.unversioned) for p in found.papers if p.id] == wanted
    assert found.missing == ()
    assert len(script.requests) > 1
    assert all(len(str(r.url)) <= 2000 for r in script.requests)


def test_a_414_splits_the_chunk() -> None:
    store = papers(300)

    def limited(request: httpx.Request) -> httpx.Response:
        if len(str(request.url)) > 1500:
            return httpx.Response(414)
        return api(store)(request)

    script = Script(limited)
    client, _ = client_for(script, max_url_length=100_000)
    wanted = [f"2401.{i:05d}" for i in range(1, 301)]
    found = client.fetch_ids(wanted)
    assert [str(p.id.unversioned) for p in found.papers if p.id] == wanted
    assert script.requests[0].url.params["id_list"].count(",") == 299  # tried whole first
    refused = [r for r in script.requests if len(str(r.url)) > 1500]
    assert len(refused) <= 3  # the limit is learnt: later chunks fit
    assert len(script.requests) <= len(refused) + 6


def test_a_single_id_too_long_for_the_server_is_an_error() -> None:
    client, _ = client_for(lambda r: httpx.Response(414))
    with pytest.raises(ArxivHTTPError) as info:
        client.fetch_ids(["2401.00001"])
    assert info.value.status == 414


def test_an_all_empty_answer_for_several_ids_is_asked_again() -> None:
    store = papers(3)
    script = Script(api(store), empty_page)
    client, _ = client_for(script)
    found = client.fetch_ids(["2401.00001", "2401.00002"])
    assert len(found.papers) == 2
    assert len(script.requests) == 2

    script = Script(empty_page)
    client, _ = client_for(script)
    found = client.fetch_ids(["2401.00001", "2401.00002"])
    assert len(found.missing) == 2  # asked twice, then reported, never dropped
    assert len(script.requests) == 2


def test_asking_again_for_an_empty_id_chunk_is_not_a_retry() -> None:
    script = Script(empty_page)
    client, _ = client_for(script, retry=RetryPolicy(max_retries=0))
    found = client.fetch_ids(["2401.00001", "2401.00002"])
    assert len(found.missing) == 2
    assert (len(script.requests), client.stats.retries) == (2, 0)


def test_a_url_no_transport_can_send_fails_at_once() -> None:
    client = Client(base_url="ftp://example.org", clock=VirtualClock())
    with pytest.raises(ArxivHTTPError) as info:
        client.search("all:x")
    assert info.value.status is None
    assert isinstance(info.value.__cause__, httpx.UnsupportedProtocol)
    assert client.stats.retries == 0


def test_fetch_paper() -> None:
    client, _ = client_for(api(versions(1, 2)))
    paper = client.fetch_paper("2401.00001")
    assert paper is not None and str(paper.id) == "2401.00001v2"
    assert client.fetch_paper("2401.00009") is None


# -- listings -------------------------------------------------------------------------------------


def test_listing_pages_are_followed_to_the_total() -> None:
    from arxivlisting.formats.listing import (
        Listing,
        ListingItem,
        ListingSection,
        SectionKind,
        render_listing,
    )

    def page(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        show = int(request.url.params["show"])
        items = [
            ListingItem(Paper(id=ArxivId.parse(f"2401.{n:05d}"), title=f"L{n}"), index=n)
            for n in range(skip + 1, min(skip + show, 60) + 1)
        ]
        listing = Listing(
            sections=[ListingSection(SectionKind.ALL, items)],
            category="cs.CL",
            kind="month",
            year=2024,
            month=1,
            total=60,
            skip=skip,
            show=show,
        )
        return httpx.Response(200, content=render_listing(listing).encode())

    cut = Script(page, page, lambda r: httpx.Response(200, content=page(r).content[:3000]))
    client, _ = client_for(cut)
    stream = client.iter_listing("cs.CL", "2024-01", show=25)
    assert stream.first_page is not None and stream.first_page.total == 60
    items = list(stream)
    assert [i.index for i in items] == list(range(1, 61))
    assert len(stream.pages) == 3
    assert [r.url.params["skip"] for r in cut.requests] == ["0", "25", "25", "50"]
    assert cut.requests[0].url.path == "/list/cs.CL/2024-01"


# -- the cache ------------------------------------------------------------------------------------


def test_a_cached_rerun_does_not_ask_again(tmp_path: Path) -> None:
    script = Script(api(papers(5)))
    client, _ = client_for(script, cache=tmp_path, page_size=2)
    first = [p.title for p in client.search("all:x")]
    assert len(script.requests) == 3
    again, clock = client_for(script, cache=tmp_path, page_size=2)
    assert [p.title for p in again.search("all:x")] == first
    assert len(script.requests) == 3
    assert again.stats.cache_hits == 3
    assert clock.monotonic() == 0.0  # no request, no wait


def test_stale_or_failed_responses_are_not_served_from_the_cache(tmp_path: Path) -> None:
    script = Script(api(papers(1)), status(503))
    client, clock = client_for(script, cache=tmp_path, cache_max_age=60)
    assert len(list(client.search("all:x"))) == 1  # the 503 was retried, not cached
    assert len(script.requests) == 2
    client.search("all:x")
    assert len(script.requests) == 2
    clock.advance(61)  # the same clock dates the entries
    client.search("all:x")
    assert len(script.requests) == 3


# -- headers, configuration ------------------------------------------------------------------------


def test_user_agent_names_the_library_and_can_be_replaced() -> None:
    script = Script(api(papers(1)))
    client, _ = client_for(script)
    client.search("all:x")
    assert script.requests[0].headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith(f"arxivlisting/{__version__} ")
    client, _ = client_for(script, user_agent="mybot/1.0 (mailto:me@example.org)")
    client.search("all:x")
    assert script.requests[1].headers["User-Agent"] == "mybot/1.0 (mailto:me@example.org)"


def test_hosts_have_their_own_gate_and_intervals() -> None:
    script = Script(api(papers(1)))
    client, clock = client_for(script, intervals={"arxiv.org": 10.0})
    client.search("all:x")
    client.get("https://arxiv.org/a", bytes)
    client.get("https://arxiv.org/b", bytes)
    client.search("all:x")
    # 10 s between the two arxiv.org requests; the API's 3 s had passed by then.
    assert clock.monotonic() == 10.0
    assert (client.stats.requests, client.stats.gate_wait) == (4, 10.0)


def test_configuration_errors() -> None:
    with pytest.raises(ValueError, match="page_size"):
        Client(page_size=0)
    with pytest.raises(ValueError, match="not both"):
        Client(endpoints=Endpoints(), base_url="http://x")
    gate = RateGate(VirtualClock())
    with pytest.raises(ValueError, match="another clock"):
        Client(gate=gate, clock=VirtualClock())


# -- the async client runs the same logic ----------------------------------------------------------


def run(coro: object) -> object:
    return asyncio.run(asyncio.wait_for(coro, 30))  # type: ignore[arg-type]


def aclient_for(handler: Handler, **kwargs: object) -> tuple[AsyncClient, VirtualClock]:
    clock = VirtualClock()
    kwargs.setdefault("seed", 0)
    client = AsyncClient(transport=httpx.MockTransport(handler), clock=clock, **kwargs)  # type: ignore[arg-type]
    return client, clock


def test_async_search_with_faults_and_paging() -> None:
    items = papers(5)
    script = Script(
        api(items), status(429, **{"Retry-After": "4"}), api(items), empty_page, api(items)
    )

    async def main() -> tuple[int | None, list[str]]:
        client, _ = aclient_for(script, page_size=2)
        async with client:
            results = await client.search("all:x")
            titles = [p.title or "" async for p in results]
            return results.total, titles

    total, titles = run(main())  # type: ignore[misc]
    assert (total, titles) == (5, ["P1", "P2", "P3", "P4", "P5"])
    assert len(script.requests) == 5


def test_async_ids_listing_errors() -> None:
    async def main() -> None:
        client, _ = aclient_for(api(versions(1, 2)))
        found = await client.fetch_ids(["2401.00002", "2401.00001v1"])
        assert [str(p.id) for p in found.papers] == ["2401.00001v1"]
        assert found.missing == (ArxivId.parse("2401.00002"),)
        failing, _ = aclient_for(status(503), retry=RetryPolicy(max_retries=2))
        with pytest.raises(ArxivHTTPError):
            await failing.search("all:x")
        assert failing.stats.requests == 3
        await client.aclose()
        await failing.aclose()

    run(main())


def test_async_stream_can_stop_early() -> None:
    script = Script(api(papers(10)))

    async def main() -> list[str]:
        client, _ = aclient_for(script, page_size=2)
        results = await client.search("all:x")
        async with results:
            got = [(await results.__anext__()).title or "" for _ in range(3)]
        rest = [p async for p in results]
        assert rest == []
        return got

    assert run(main()) == ["P1", "P2", "P3"]
    assert len(script.requests) == 2
