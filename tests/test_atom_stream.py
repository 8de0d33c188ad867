"""iter_atom on large synthetic responses: flat memory, and what a cut-off stream does.

The feeds are written entry by entry from one ``render_atom`` entry with a different id
each time, so they are in exactly the shape the renderer (and the current API) writes.
Memory is measured twice: tracemalloc for Python objects, and the process's resident
size for what libxml2 allocates (tracemalloc does not see it).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from arxivlisting import (
    ArxivId,
    Author,
    DefectKind,
    Feed,
    Link,
    Paper,
    ParseError,
    ids,
    iter_atom,
    parse_atom,
    render_atom,
)

ABSTRACT = " ".join(
    f"Sentence {i} of a deterministic abstract about $\\gamma^{{-{i}}}$ and (1/{i}) precision."
    for i in range(1, 16)
)


def _template() -> tuple[bytes, bytes, bytes]:
    """Head, one entry (with ID where the id goes) and tail of a rendered feed."""
    paper = Paper(
        id=ArxivId.parse("2401.01234v2"),
        title="A Synthetic Paper for Streaming Tests",
        authors=(Author("Ada Example", ("University of Examples",)),),
        abstract=ABSTRACT,
        categories=("cs.DL",),
        primary_category="cs.DL",
        published=dt.datetime(2024, 1, 3, 18, 0, 1, tzinfo=dt.timezone.utc),
        updated=dt.datetime(2024, 2, 15, 10, 20, 30, tzinfo=dt.timezone.utc),
        links=(Link("https://arxiv.org/abs/2401.01234v2", "alternate", "text/html"),),
    )
    rendered = render_atom(Feed(papers=[paper], total_results=1, title="Synthetic"))
    start = rendered.index(b"<entry>")
    end = rendered.index(b"</entry>") + len(b"</entry>")
    head, body, tail = rendered[:start], rendered[start:end], rendered[end:]
    return head, body.replace(b"2401.01234v2", b"ID"), tail.replace(b"\n", b"", 1)


def _id(i: int) -> bytes:
    year, number = divmod(i, 99_999)
    return f"{23 + year % 70:02d}{1 + (i % 12):02d}.{number + 1:05d}v1".encode()


def write_feed(path: Path, entries: int, cut_in_entry: int | None = None) -> Path:
    head, body, tail = _template()
    with open(path, "wb") as fh:
        fh.write(head)
        for i in range(entries):
            piece = b"  " + body.replace(b"ID", _id(i)) + b"\n"
            if cut_in_entry is not None and i + 1 == cut_in_entry:
                fh.write(piece[: len(piece) // 2])
                return path
            fh.write(piece)
        fh.write(tail)
    return path


def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _stream_memory(path: Path) -> tuple[int, int, int | None]:
    """Papers read, tracemalloc peak above the baseline, and resident-size growth."""
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    rss_start = _rss_bytes()
    rss_max = rss_start
    count = 0
    for _paper in iter_atom(path):
        count += 1
        if count % 250 == 0 and rss_max is not None:
            rss_max = max(rss_max, _rss_bytes() or 0)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    growth = None if rss_start is None or rss_max is None else rss_max - rss_start
    return count, peak, growth


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("stream")
    return {n: write_feed(base / f"feed_{n}.xml", n) for n in (2_000, 10_000, 20_000)}


def test_synthetic_feed_is_what_the_renderer_writes(feeds: dict[int, Path]) -> None:
    feed = parse_atom(feeds[2_000].read_bytes())
    assert len(feed.papers) == 2_000
    assert len({p.id for p in feed.papers}) == 2_000
    assert feed.defects == ()
    assert render_atom(feed).count(b"<entry>") == 2_000


def test_stream_memory_does_not_grow_with_entries(
    feeds: dict[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ArxivId.parse keeps the last 8192 ids it parsed (a bounded LRU cache in ids.py).
    # It is bounded, but it fills up over the first thousands of entries and then
    # resizes its table now and then, which is noise here: this test measures the stream
    # itself, so the cache is bypassed (the next test checks memory with it).
    if hasattr(ids, "_parse_cached"):
        monkeypatch.setattr(ids, "_parse_cached", ids._parse)
    small_count, small_peak, _ = _stream_memory(feeds[2_000])
    big_count, big_peak, big_growth = _stream_memory(feeds[20_000])
    assert (small_count, big_count) == (2_000, 20_000)
    # Python objects: ten times the entries, the same peak
    assert big_peak / small_peak < 1.3, (small_peak, big_peak)
    assert big_peak < 1024 * 1024
    # What libxml2 allocates is not seen by tracemalloc: without freeing each entry the
    # resident size would grow by several times the file size (measured: 97 MB for this
    # 35 MB file); streamed, it hardly moves.
    size = feeds[20_000].stat().st_size
    assert size > 15 * 1024 * 1024
    if big_growth is not None:  # Linux only
        assert big_growth < size / 4, (big_growth, size)


def test_stream_memory_stays_bounded_with_the_id_cache(feeds: dict[int, Path]) -> None:
    count, peak, growth = _stream_memory(feeds[10_000])  # more ids than the cache keeps
    assert count == 10_000
    # the bounded id cache (at most 8192 ids of about 300 bytes) and nothing else
    assert peak < 8 * 1024 * 1024
    if growth is not None:
        assert growth < feeds[10_000].stat().st_size / 4


def test_streaming_a_gzip_file_is_flat_too(tmp_path: Path, feeds: dict[int, Path]) -> None:
    import gzip

    path = tmp_path / "feed.xml.gz"
    path.write_bytes(gzip.compress(feeds[2_000].read_bytes(), compresslevel=1))
    count, peak, _growth = _stream_memory(path)
    assert count == 2_000
    assert peak < 4 * 1024 * 1024


@pytest.mark.parametrize("strict", [False, True])
def test_cut_off_stream_yields_the_complete_entries_first(tmp_path: Path, strict: bool) -> None:
    path = write_feed(tmp_path / "cut.xml", 2_000, cut_in_entry=1_500)
    whole = write_feed(tmp_path / "whole.xml", 1_499)
    expected = list(iter_atom(whole))
    stream = iter_atom(path, strict=strict)
    got: list[Paper] = []
    if strict:
        with pytest.raises(ParseError) as info:
            got.extend(stream)
        assert info.value.kind is DefectKind.TRUNCATED
        assert "after 1499 entries" in info.value.message
    else:
        got = list(stream)
        assert [d.kind for d in stream.defects] == [DefectKind.TRUNCATED]
        assert "after 1499 entries" in stream.defects[0].message
        assert stream.defects[0].line is not None
    assert got == expected


def test_cut_off_between_entries(tmp_path: Path) -> None:
    path = write_feed(tmp_path / "cut.xml", 300)
    data = path.read_bytes()
    cut = data[: data.rindex(b"</entry>") + len(b"</entry>\n")]
    stream = iter_atom(io.BytesIO(cut))
    assert len(list(stream)) == 300
    assert [d.kind for d in stream.defects] == [DefectKind.TRUNCATED]
    feed = parse_atom(cut)
    assert len(feed.papers) == 300
    assert [d.kind for d in feed.defects] == [DefectKind.TRUNCATED]


def test_stream_can_be_abandoned_and_closes_its_file(tmp_path: Path) -> None:
    path = write_feed(tmp_path / "feed.xml", 50)
    stream = iter_atom(path)
    first = next(stream)
    assert first.id is not None
    del stream
    gc.collect()
    if sys.platform.startswith("linux"):
        open_files = os.listdir(f"/proc/{os.getpid()}/fd")
        targets = {os.path.realpath(f"/proc/{os.getpid()}/fd/{fd}") for fd in open_files}
        assert str(path) not in targets
