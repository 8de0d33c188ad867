"""Institution names from digest affiliation lines, with their Chinese names.

Digests write institutions one after another, separated by single spaces, each an
English name optionally followed directly by its Chinese name in parentheses of either
width: ``Ling Team, Ant Group(蚂蚁集团灵团队) ETH Zürich(苏黎世联邦理工学院) GitHub``.
Names contain spaces and commas, so neither splits them; a Chinese gloss ends a name.
Two names without glosses in a row cannot be told apart from the text alone: a lexicon
of well-known stand-alone names (extensible per call) splits where it can, and the
rest is reported as ambiguous while the exact text is kept.

>>> insts, ambiguous, fullwidth = split_institutions("Tencent（腾讯） GitHub")
>>> [(i.name, i.name_zh) for i in insts], ambiguous, fullwidth
([('Tencent', '腾讯'), ('GitHub', None)], [], True)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from ...text import normalize_space
from .records import Institution

__all__ = ["DEFAULT_INSTITUTIONS", "render_institutions", "split_institutions"]

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_ORGISH_RE = re.compile(r"(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{3,})")

#: Institutions that appear without a Chinese gloss and never begin a longer name, so an
#: affiliation line may be split after them (``EleutherAI KAIST AI(...)``). Extend per call
#: with ``parse_digest(..., institutions=[...])``.
DEFAULT_INSTITUTIONS: tuple[str, ...] = (
    "EleutherAI",
    "GitHub",
    "OpenAI",
    "Anthropic",
    "Hugging Face",
    "HuggingFace",
    "Cohere",
    "Allen Institute for AI",
    "AI2",
    "Mistral AI",
    "Stability AI",
    "LAION",
    "Sakana AI",
    "xAI",
    "Zhipu AI",
    "Moonshot AI",
    "MiniMax",
    "DeepSeek-AI",
    "Independent Researcher",
    "Independent Research",
)


_OPEN_RE = re.compile(r"[(（]")
_PAREN_RE = re.compile(r"[()（）]")


def _find_close(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at ``start`` (either width), or -1."""
    depth = 0
    for m in _PAREN_RE.finditer(text, start):
        if m.group() in "(（":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


@functools.lru_cache(maxsize=32)
def _prepared(lexicon: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The lexicon longest name first, each with the name and its trailing space."""
    return tuple((name, name + " ") for name in sorted(lexicon, key=len, reverse=True))


def _lexicon_split(part: str, lexicon: tuple[tuple[str, str], ...]) -> list[str]:
    """Split known stand-alone institution names off the front of ``part``."""
    pieces: list[str] = []
    rest = part
    while True:
        for name, spaced in lexicon:
            if rest.startswith(spaced) and rest[len(spaced) : len(spaced) + 1].isupper():
                pieces.append(name)
                rest = rest[len(spaced) :]
                break
        else:
            break
    if rest:
        pieces.append(rest)
    return pieces


def split_institutions(
    text: str, lexicon: Sequence[str] = DEFAULT_INSTITUTIONS
) -> tuple[list[Institution], list[str], bool]:
    """Institutions of an affiliation line, the ambiguous parts, and the paren width.

    >>> insts, ambiguous, fw = split_institutions(
    ...     "MATS Program(MATS项目) EleutherAI KAIST AI(韩国科学技术院人工智能学院)")
    >>> [(i.name, i.name_zh) for i in insts]
    [('MATS Program', 'MATS项目'), ('EleutherAI', None), ('KAIST AI', '韩国科学技术院人工智能学院')]
    """
    items: list[Institution] = []
    ambiguous: list[str] = []
    full = half = 0
    pos = 0
    n = len(text)
    lex = _prepared(tuple(lexicon))

    def emit(part: str, zh: str | None) -> None:
        part = part.strip()
        if not part:
            if zh is not None:
                items.append(Institution("", normalize_space(zh)))
            return
        pieces = _lexicon_split(part, lex)
        last = pieces[-1]
        if len(_ORGISH_RE.findall(last)) >= 2 and " " in last:
            ambiguous.append(last)
        for piece in pieces[:-1]:
            items.append(Institution(normalize_space(piece)))
        items.append(Institution(normalize_space(last), normalize_space(zh) if zh else zh))

    i = 0
    while (m := _OPEN_RE.search(text, i)) is not None:  # from one "(" to the next
        i = m.start()
        if i > pos and not text[i - 1].isspace():
            close = _find_close(text, i)
            if close != -1 and _HAN_RE.search(text, i, close):
                if m.group() == "（":
                    full += 1
                else:
                    half += 1
                emit(text[pos:i], text[i + 1 : close])
                pos = close + 1
                i = pos
                continue
            if close != -1:
                i = close + 1
                continue
        i += 1
    if pos < n:
        emit(text[pos:], None)
    return items, ambiguous, full > half


def render_institutions(insts: Iterable[Institution], fullwidth: bool) -> str:
    """Write institutions back as an affiliation line body, with parentheses of the width
    given (the inverse of :func:`split_institutions` on its domain).

    >>> render_institutions([Institution("Tencent", "腾讯"), Institution("GitHub")], True)
    'Tencent（腾讯） GitHub'
    """
    o, c = ("（", "）") if fullwidth else ("(", ")")
    return " ".join(
        f"{i.name}{o}{i.name_zh}{c}" if i.name_zh is not None else i.name for i in insts
    )
