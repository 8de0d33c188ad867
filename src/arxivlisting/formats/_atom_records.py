"""Private: the Atom document records (``Feed``, ``ApiError``) and namespaces."""

from __future__ import annotations

import datetime as _dt

import attrs

from ..errors import Defect
from ..records import Paper, as_tuple, utc

__all__ = ["ARXIV_NS", "ATOM_NS", "OPENSEARCH_NS", "ApiError", "Feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"
ARXIV_NS = "http://arxiv.org/schemas/atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"

_A = "{" + ATOM_NS + "}"
_X = "{" + ARXIV_NS + "}"
_O = "{" + OPENSEARCH_NS + "}"


@attrs.frozen
class ApiError:
    """The API's error entry: ``slug`` from the id fragment, ``message`` from the summary.

    >>> ApiError("incorrect_id_format_for_abc", "incorrect id format for abc").slug
    'incorrect_id_format_for_abc'
    """

    slug: str
    message: str
    url: str | None = None
    updated: _dt.datetime | None = attrs.field(default=None, converter=utc)


@attrs.frozen
class Feed:
    """One API response: feed metadata, the papers in order, API errors, defects.

    ``total_results``/``start_index``/``items_per_page`` are the OpenSearch figures
    (``None`` when absent). ``defects`` describe the source bytes, so they are not part
    of equality: a feed re-rendered from records equals the feed it came from.
    """

    papers: tuple[Paper, ...] = attrs.field(default=(), converter=as_tuple)
    title: str | None = None
    id: str | None = None
    updated: _dt.datetime | None = attrs.field(default=None, converter=utc)
    link: str | None = None
    total_results: int | None = None
    start_index: int | None = None
    items_per_page: int | None = None
    errors: tuple[ApiError, ...] = attrs.field(default=(), converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def is_error(self) -> bool:
        """True when the API answered with an error entry."""
        return bool(self.errors)
