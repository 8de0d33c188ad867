"""An optional on-disk cache of arXiv responses, keyed by URL (off unless asked for).

arXiv's data changes once a day, and a harvest re-run should not ask again for what it
already has. Each successful response (HTTP 200 that parsed cleanly) is stored as one
file named by the SHA-256 of its URL, holding a small JSON header (the URL, the fetch
time, the content type) and the body bytes. Entries older than ``max_age`` seconds
are ignored (and replaced by the next fetch). Writes are atomic (a temporary file
renamed into place), so concurrent clients and crashes never leave half an entry.

>>> import tempfile
>>> from arxivlisting.client import ResponseCache
>>> with tempfile.TemporaryDirectory() as d:
...     cache = ResponseCache(d, max_age=3600)
...     cache.put("https://export.arxiv.org/api/query?id_list=1", b"<feed/>", now=1000.0)
...     hit = cache.get("https://export.arxiv.org/api/query?id_list=1", now=2000.0)
...     stale = cache.get("https://export.arxiv.org/api/query?id_list=1", now=9999.0)
>>> hit.body, hit.fetched_at, stale
(b'<feed/>', 1000.0, None)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

import attrs

__all__ = ["CachedResponse", "ResponseCache"]

_MAGIC = b"arxivlisting-cache 1\n"


@attrs.frozen
class CachedResponse:
    """One cache entry: the URL, its body, when it was fetched (epoch seconds).

    >>> CachedResponse("https://arxiv.org/list/cs.CL/new", b"<html/>", 0.0).fetched_at
    0.0
    """

    url: str
    body: bytes
    fetched_at: float
    content_type: str | None = None


class ResponseCache:
    """A directory of cached responses; ``max_age`` in seconds (None: never stale).

    Safe to share between threads, processes and runs. ``clear()`` empties it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     ResponseCache(d, max_age=86400).max_age
    86400
    """

    def __init__(self, directory: str | os.PathLike[str], *, max_age: float | None = None) -> None:
        self.directory = Path(directory)
        self.max_age = max_age
        self.directory.mkdir(parents=True, exist_ok=True)

    def path_for(self, url: str) -> Path:
        """The file an entry for ``url`` lives in.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     ResponseCache(d).path_for("https://arxiv.org/list/cs.CL/new").suffix
        '.resp'
        """
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.resp"

    def get(self, url: str, *, now: float) -> CachedResponse | None:
        """The entry for ``url`` if there is one no older than ``max_age``, else None.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     ResponseCache(d).get("https://arxiv.org/abs/2401.00001", now=0.0) is None
        True
        """
        path = self.path_for(url)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        entry = _decode(data)
        if entry is None or entry.url != url:
            return None
        if self.max_age is not None and now - entry.fetched_at > self.max_age:
            return None
        return entry

    def put(self, url: str, body: bytes, *, now: float, content_type: str | None = None) -> None:
        """Store ``body`` as the response for ``url``, fetched at ``now`` (epoch seconds).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     cache = ResponseCache(d)
        ...     cache.put("u", b"body", now=5.0)
        ...     cache.get("u", now=6.0).body
        b'body'
        """
        path = self.path_for(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = json.dumps(
            {"url": url, "fetched_at": now, "content_type": content_type, "size": len(body)},
            separators=(",", ":"),
        ).encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + head + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def discard(self, url: str) -> None:
        """Forget the entry for ``url`` (no error when there is none).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     cache = ResponseCache(d)
        ...     cache.put("u", b"body", now=5.0)
        ...     cache.discard("u")
        ...     cache.get("u", now=6.0) is None
        True
        """
        with contextlib.suppress(OSError):
            self.path_for(url).unlink()

    def clear(self) -> None:
        """Remove every entry.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     cache = ResponseCache(d)
        ...     cache.put("u", b"body", now=5.0)
        ...     cache.clear()
        ...     cache.get("u", now=6.0) is None
        True
        """
        for path in self.directory.glob("*/*.resp"):
            with contextlib.suppress(OSError):
                path.unlink()

    def __repr__(self) -> str:
        return f"ResponseCache({str(self.directory)!r}, max_age={self.max_age!r})"


def _decode(data: bytes) -> CachedResponse | None:
    if not data.startswith(_MAGIC):
        return None
    head, sep, body = data[len(_MAGIC) :].partition(b"\n")
    if not sep:
        return None
    try:
        meta = json.loads(head)
        url, fetched_at, size = meta["url"], float(meta["fetched_at"]), int(meta["size"])
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(url, str) or size != len(body):
        return None
    content_type = meta.get("content_type")
    return CachedResponse(
        url, body, fetched_at, content_type if isinstance(content_type, str) else None
    )
