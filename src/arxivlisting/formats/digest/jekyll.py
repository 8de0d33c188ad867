"""The jekyll dialect: the arxiv-daily generator's "arXiv 中文要点汇总" site and its data.

The generator (shiyibihua/arxiv-daily, forked as hdShang/arxiv-daily) picks a day's
papers by research interest ("支柱…" pillars), has an LLM write Chinese key points and
publishes a Jekyll site. Three kinds of file, each read into a :class:`Digest`:

* the day's index page ``docs/<cat>/<day>/index.md``: one entry per table row, one
  section per interest (see ``_jekyll_index``);
* a paper's page ``docs/<cat>/<day>/papers/<id>-<slug>.md``: one entry (``_jekyll_page``);
* the source data ``data/<day>/ai_summary.json``: one entry per paper (``_jekyll_json``).

The kind is found from the text (a ``{`` start is the JSON; a ``paper-toolbar`` block a
paper page) and recorded as a shape token in ``DigestLayout.preamble_order``, so
``render`` writes the same kind back. Every kind round-trips exactly: pages through the
line layout (only departures from the template are stored), the JSON through per-key
exact values; a file that departs from the template in a way the layout cannot say
(missing closing tags, JSON written with another indentation) is kept whole in
``DigestLayout.verbatim`` under the key ``-1``, with an ``inconsistent`` defect, and its
records are still read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..._diag import Diagnostics
from ._jekyll_common import JSON, PAPER, keep_whole_text, shape_of, whole_text
from ._jekyll_index import parse_index, render_index
from ._jekyll_json import parse_json, render_json
from ._jekyll_page import parse_paper_page, render_paper_page
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "jekyll"

_FRONT_MATTER_RE = re.compile(r"\A(?:\s*\n)*---\s*\n(?:.*\n){0,8}?layout:\s*default\s*\n")
_JSON_RE = re.compile(
    r'\A\s*\{\s*"papers"\s*:\s*\[\s*\{[^{}]*?"(?:headline_zh|arxiv_id|hit_pillars)"'
)


def looks_like(head: str) -> bool:
    """True for the generator's index page, paper page or JSON data."""
    if _JSON_RE.match(head):
        return True
    if _FRONT_MATTER_RE.match(head) is None:
        return False
    return (
        "arXiv 中文要点汇总" in head
        or '<div class="paper-toolbar">' in head
        or "toggleFavorite(this, '" in head
    )


def _kind(text: str) -> str:
    if text.lstrip().startswith("{"):
        return JSON
    if '<div class="paper-toolbar">' in text[:20000]:
        return PAPER
    return "index"


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse any of the generator's files (already decoded, BOM removed) into a Digest."""
    del institutions  # the generator names no institutions
    kind = _kind(text)
    reader = {JSON: parse_json, PAPER: parse_paper_page}.get(kind, parse_index)
    digest = reader(text, diag, languages=languages, bom=bom, encoding=encoding)
    if kind != JSON:
        digest = keep_whole_text(digest, text, _render_body, diag)
    return attrs.evolve(digest, defects=tuple(diag.defects))


def _render_body(d: Digest) -> str:
    kept = whole_text(d)
    if kept is not None:
        return kept
    shape = shape_of(d)
    if shape == JSON:
        return render_json(d)
    if shape == PAPER:
        return render_paper_page(d)
    return render_index(d)


def render(d: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as the kind of file it was read from."""
    text = _render_body(d)
    return ("\ufeff" + text) if d.layout.bom else text
