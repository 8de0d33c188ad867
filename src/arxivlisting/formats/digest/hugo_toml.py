"""The Hugo TOML items dialect: a day's picks as ``[[items]]`` tables in TOML front matter.

Written by the submission tool of dujh22/LLM-DailyDigest (``tomli_w``)::

    +++
    title = '2026-08-20 科研追新'
    date = 2026-08-20T00:00:00+08:00
    draft = false
    toc = true

    [[items]]
    id = "spade"
    title = "SPADE：在自适应合成可执行环境中自博弈"
    subtopic = "自博弈"
    topics = [
        "自进化",
    ]
    research = []
    source = "arXiv"
    summary = "..."
    paper = "https://arxiv.org/abs/2608.19197"
    code = ""
    dataset = ""
    link = ""
    content = "..."
    purpose = "- ...\\n- ..."
    notes = "标题：SPADE: Self-Play in ...\\n来源：arXiv\\n链接：https://arxiv.org/abs/2608.19197\\n摘要：..."
    +++

    > 当日精选（由提交工具自动创建）。

How each key maps to the records is described in :mod:`._hugo_toml_items`; the notes
(``标题：/来源：/链接：/摘要：`` lines, or pasted WeChat fields) in
:mod:`._hugo_toml_notes`. Missing links are ``""`` and an unknown source ``未知``: both
read as None with a ``placeholder`` defect. The renderer writes every value as
``tomli_w`` does, so a file the tool wrote comes back byte for byte; notes and lists
that records hold normalized (``purpose`` bullet lists, multi-line notes) are kept
exactly in the entry layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._diag import Diagnostics
from ._hugo_toml_doc import parse_toml_digest, render_toml_digest
from ._hugo_toml_notes import WECHAT_NOTES_RE
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "hugo_toml"
_STYLE = "plain"
_ITEMS_RE = re.compile(r"(?m)^[ \t]*\[\[[ \t]*items[ \t]*\]\][ \t]*$")
_ITEM_KEY_RE = re.compile(r"(?m)^(summary|paper|notes|subtopic|topics|purpose)[ \t]*=")


def looks_like(head: str) -> bool:
    """True for TOML front matter (``+++``) holding ``[[items]]`` tables of digest picks."""
    if not head.lstrip("\ufeff \t\r\n").startswith("+++"):
        return False
    if _ITEMS_RE.search(head) is None or WECHAT_NOTES_RE.search(head) is not None:
        return False
    return len({m.group(1) for m in _ITEM_KEY_RE.finditer(head)}) >= 2


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse a Hugo TOML items file (already decoded, BOM removed) into a :class:`Digest`."""
    del institutions  # the items carry no affiliations
    return parse_toml_digest(
        text,
        diag,
        dialect=DIALECT,
        style=_STYLE,
        languages=languages,
        bom=bom,
        encoding=encoding,
        keep_order=False,
    )


def render(digest: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as text."""
    return render_toml_digest(digest, _STYLE)
