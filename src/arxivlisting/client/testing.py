"""An offline stand-in for arXiv's API, for examples and for testing code that uses the client.

>>> import httpx
>>> from arxivlisting import ArxivId, Paper
>>> from arxivlisting.client import Client, VirtualClock
>>> from arxivlisting.client.testing import mock_api
>>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1"), title=f"P{n}") for n in range(1, 4)]
>>> with Client(transport=mock_api(papers), clock=VirtualClock()) as client:
...     [p.title for p in client.search("cat:cs.CL")]
['P1', 'P2', 'P3']
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from ..formats.atom import ApiError, Feed, render_atom
from ..ids import ArxivId
from ..records import Paper

__all__ = ["mock_api"]


def mock_api(
    papers: Sequence[Paper], *, requests: list[httpx.Request] | None = None
) -> httpx.MockTransport:
    """A transport that answers ``/api/query`` like arXiv, from ``papers``.

    Every ``search_query`` matches all the papers, paged by ``start``/``max_results``
    (at most 2,000). An ``id_list`` returns the papers it names - the latest version for
    an unversioned id, only that version for a versioned one - in *reverse* order, and
    drops unknown ids silently, as arXiv does; a malformed id gets arXiv's HTTP 400
    error entry. Requests are appended to ``requests`` when given.

    >>> import httpx
    >>> seen = []
    >>> transport = mock_api([], requests=seen)
    >>> with httpx.Client(transport=transport) as http:
    ...     http.get("https://export.arxiv.org/api/query?id_list=abc").status_code
    400
    >>> len(seen)
    1
    """

    by_base: dict[ArxivId, list[Paper]] = {}
    for p in papers:
        if p.id is not None:
            by_base.setdefault(p.id.unversioned, []).append(p)

    def handle(request: httpx.Request) -> httpx.Response:
        if requests is not None:
            requests.append(request)
        params = request.url.params
        start = int(params.get("start", "0") or 0)
        size = min(int(params.get("max_results", "10") or 10), 2000)
        id_list = params.get("id_list", "")
        if id_list:
            chosen: list[Paper] = []
            for text in id_list.split(","):
                wanted = ArxivId.try_parse(text)
                if wanted is None:
                    error = ApiError(
                        f"incorrect_id_format_for_{text}", f"incorrect id format for {text}"
                    )
                    body = render_atom(
                        Feed(errors=[error], total_results=1, start_index=0, items_per_page=1)
                    )
                    return httpx.Response(400, content=body)
                chosen.extend(_lookup(by_base.get(wanted.unversioned, []), wanted))
            chosen.reverse()
            pool: Sequence[Paper] = chosen
        else:
            pool = papers
        page = pool[start : start + size]
        feed = Feed(papers=page, total_results=len(pool), start_index=start, items_per_page=size)
        return httpx.Response(
            200, content=render_atom(feed), headers={"content-type": "application/atom+xml"}
        )

    return httpx.MockTransport(handle)


def _lookup(same: Sequence[Paper], wanted: ArxivId) -> list[Paper]:
    if wanted.version is not None:
        return [p for p in same if p.id == wanted]
    if not same:
        return []
    return [max(same, key=lambda p: p.id.version or 0 if p.id is not None else 0)]
