"""The dw dialect: daily-arXiv-ai-enhanced output (dw-dengwei's generator and its forks).

The generator crawls a day's arXiv listing, asks an LLM for a Chinese summary of each
paper and writes two files per day, both read and written here:

* ``data/YYYY-MM-DD_AI_enhanced_Chinese.jsonl``: one JSON object per paper, the arXiv
  facts at the top level and the AI's output under ``"AI"`` (see ``_dw_jsonl``);
* ``data/YYYY-MM-DD.md``: the same papers as a Markdown page (see ``_dw_md`` and
  ``_dw_md_entry``).

>>> from arxivlisting import parse_digest, render_digest
>>> line = ('{"id": "2506.20770", "title": "Perry", "authors": ["Brian Singer"], '
...         '"summary": "Cyber deception.", "comment": null, '
...         '"pdf_url": "http://arxiv.org/pdf/2506.20770v1", "categories": ["cs.CR"], '
...         '"cate": "cs.CR", "url": "http://arxiv.org/abs/2506.20770v1", '
...         '"date": "2025-06-25", "updated": "2025-06-25", '
...         '"AI": {"title_translation": "Perry：网络欺骗实验框架", "tldr": "一个框架。", '
...         '"keywords": "网络欺骗, 蜜罐"}}\\n')
>>> d = parse_digest(line)
>>> e = d.entries[0]
>>> e.title_zh, e.ai_field("tldr"), e.keywords, e.paper.primary_category
('Perry：网络欺骗实验框架', '一个框架。', ('网络欺骗', '蜜罐'), 'cs.CR')
>>> [x.kind.value for x in d.defects]  # "comment": null stands for "no comment"
['placeholder']
>>> render_digest(d) == line
True

Generations differ in keys, labels and layout; each is a *shape* (``jsonl-fork``,
``jsonl-early``, either with ``+ascii`` when written with ``\\uXXXX`` escapes, ``md-fork``,
``md-main``, ``md-early``). The parser finds the shape from the text (a line starting with
``{`` means JSON lines) and records it on the digest's layout (``_dw_common.shape_of``),
so the renderer writes the text back byte for byte.

Missing values: ``null``, ``""``, an empty label (``**Comment:** ``), and the texts the
AI step writes when it fails or has nothing to say (``Error``, ``错误：AI分析失败。``,
``Not mentioned in abstract``) are read as None with a ``placeholder`` defect. Lists
written with Python's ``str()`` (``['A', 'B']``) are read with ``ast.literal_eval``. Also
reported: a paper listed twice (early runs enhanced some papers twice; both entries are
kept), and counts a page declares but does not hold (total, table of contents, sections).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._diag import Diagnostics
from ._dw_common import shape_of
from ._dw_jsonl import parse_jsonl, render_jsonl
from ._dw_md import parse_markdown, render_markdown
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "dw"

_JSONL_RE = re.compile(r'\s*\{\s*"[^"]+"\s*:')
_AI_RE = re.compile(r'"AI"\s*:\s*(?:\{|null)')
_MD_HEADING_RE = re.compile(r"^### (?:\[\d+\] )?\[.+\]\(https?://arxiv\.org/abs/", re.M)
_MD_MARKERS = (
    "<summary>Details</summary>",
    "AI-Enhanced arXiv Daily",
    "**TL;DR:**",
    "\nMain category: ",
    "\nInnovation Snapshot: ",
)


def looks_like(head: str) -> bool:
    """True when the start of a text looks like daily-arXiv-ai-enhanced output."""
    if _JSONL_RE.match(head):
        return _AI_RE.search(head) is not None
    if _MD_HEADING_RE.search(head) is None:
        return False
    return any(marker in head for marker in _MD_MARKERS)


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse dw JSON lines or Markdown (already decoded, BOM removed) into a :class:`Digest`.

    ``institutions`` is accepted for the common signature; this dialect names none.
    """
    del institutions
    if text == "" or text.lstrip().startswith("{"):
        return parse_jsonl(text, diag, languages=languages, bom=bom, encoding=encoding)
    return parse_markdown(text, diag, languages=languages, bom=bom, encoding=encoding)


def render(digest: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as text, in the shape it was read from."""
    if shape_of(digest).startswith("jsonl"):
        return render_jsonl(digest)
    return render_markdown(digest)
