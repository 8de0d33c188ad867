"""The WeChat dialect: "arXiv每日学术速递" posts reposted as Markdown, and pasted into TOML.

Two layouts carry the same fields:

* **Markdown** (the post as reposted, e.g. dujh22/LLM-DailyDigest's daily updates)::

      ## 1.3.2 Artificial Intelligence
      **From**：[https://papers.cool/arxiv/cs.AI](https://papers.cool/arxiv/cs.AI)
      **cs.AI人工智能，共计142篇**
      ### **QA|VQA|问答|对话(4篇)**
      【1】You Never Know a Person, You Only Know Their Defenses
      **标题**：你永远不认识一个人，你只知道他们的防御能力
      **链接**：https://arxiv.org/abs/2512.15601

      **作者**：Hongbin Na,Zimu Wang,Zhaoming Chen
      **备注**：Under Review
      **摘要**：我们……
      **摘要**：Humans ...

  Entry grammar in :mod:`._wechat_entry`, document grammar (header, sections, count
  lines, groups with declared counts, trailer) in :mod:`._wechat_markdown`.

* **TOML** (the same fields pasted into the ``notes`` of Hugo ``[[items]]`` tables, with
  spaces around the colons and a ``2. 2025-06-18 10:42:19 Wednesday ｜`` lead line): the
  file layout of the ``hugo_toml`` dialect (:mod:`._hugo_toml_items`), the notes read by
  :mod:`._hugo_toml_notes`. Such a digest records its layout in
  ``DigestLayout.preamble_order`` (starting with ``"fence"``, or ``"no_fence"`` when a
  text starting with ``+++`` has no fence line): the Markdown layout is this
  dialect's canonical one, so the TOML envelope is a recorded departure from it, and the
  renderer writes TOML exactly when that order is present.

Mapping: the English title of the head line is ``Paper.title``; ``**标题**`` is
``title_zh``; ``**链接**`` is the link and the arXiv id; ``**作者**`` the authors;
``**备注**`` the comments; the ``**摘要**`` lines the Chinese and English abstracts (told
apart by language); the number in ``【N】`` is ``number``. Sections, count lines and
groups are ``Digest.sections`` and their declared counts are checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._diag import Diagnostics
from ._hugo_toml_doc import parse_toml_digest, render_toml_digest
from ._hugo_toml_notes import WECHAT_NOTES_RE
from ._wechat_markdown import parse_markdown, render_markdown
from .institutions import DEFAULT_INSTITUTIONS
from .records import Digest

__all__ = ["DIALECT", "looks_like", "parse", "render"]

DIALECT = "wechat"
_STYLE = "wechat"
_MD_SNIFF_RE = re.compile(
    r"(?m)^[ \t]*(?:【[0-9]+】|####[ \t]).*\n"
    r"[ \t]*\*\*[ \t]*标题[ \t]*(?:\*\*[ \t]*[：:]|[：:][ \t]*\*\*)"
)


def _is_toml(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("+++")


def looks_like(head: str) -> bool:
    """True for a WeChat post in Markdown, or Hugo TOML items with WeChat fields in notes."""
    if _is_toml(head):
        return WECHAT_NOTES_RE.search(head) is not None
    return _MD_SNIFF_RE.search(head) is not None


def parse(
    text: str,
    diag: Diagnostics,
    *,
    institutions: Sequence[str] = DEFAULT_INSTITUTIONS,
    languages: bool = True,
    bom: bool = False,
    encoding: str | None = None,
) -> Digest:
    """Parse a WeChat post (Markdown or TOML items; decoded, BOM removed) into a Digest."""
    del institutions  # the posts carry no affiliations
    if _is_toml(text):
        return parse_toml_digest(
            text,
            diag,
            dialect=DIALECT,
            style=_STYLE,
            languages=languages,
            bom=bom,
            encoding=encoding,
            keep_order=True,
        )
    return parse_markdown(
        text, diag, dialect=DIALECT, languages=languages, bom=bom, encoding=encoding
    )


def render(digest: Digest) -> str:
    """Write a :class:`Digest` of this dialect back as text (TOML when its layout says so)."""
    if digest.layout.preamble_order[:1] in (("fence",), ("no_fence",)):
        return render_toml_digest(digest, _STYLE)
    return render_markdown(digest)
