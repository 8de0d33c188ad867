"""Text helpers shared by every format: the whitespace policy lives here.

Whitespace policy (written down once, applied everywhere):

* Sources hard-wrap titles and abstracts at about 80 columns, indent continuation
  lines, and pad abstracts with leading spaces and a trailing newline. Records hold
  **normalized** text: every run of whitespace (spaces, tabs, newlines, no-break and
  ideographic spaces) becomes one ASCII space, and the ends are stripped. This is what
  :func:`normalize_space` does, and it is applied to titles, abstracts, comments,
  journal references, author names, affiliations and other one-paragraph fields.
* Only whitespace changes; every other character, including TeX markup such as
  ``$\\gamma^{-1}$`` and full-width punctuation, is kept exactly as the source wrote it.
* An empty or all-whitespace value is kept as ``""`` and is not the same as a missing
  one (``None``). A title ``"0"`` is a title.
* Formats that must round-trip byte for byte (the digest dialects) keep the exact source
  text on their document records in addition to the normalized fields.

>>> normalize_space("  Quantum Criticality for Extended Nodes\\n  on a Bethe Lattice\\n")
'Quantum Criticality for Extended Nodes on a Bethe Lattice'
"""

from __future__ import annotations

import unicodedata

__all__ = ["display_width", "normalize_space"]


def normalize_space(text: str) -> str:
    """Collapse every whitespace run to one space and strip the ends.

    >>> normalize_space("a\\u3000 b\\t\\nc ")
    'a b c'
    """
    if len(text) < 80:  # names, dates, short titles: split/join is cheapest
        return " ".join(text.split())
    # Fast path: most text is already normalized once its ends are stripped. For ASCII
    # text (str.isascii() is O(1) in CPython) a few C-speed substring scans prove it.
    stripped = text.strip()
    if (
        stripped.isascii()
        and "  " not in stripped
        and "\n" not in stripped
        and "\t" not in stripped
        and "\r" not in stripped
        and "\x0b" not in stripped
        and "\x0c" not in stripped
        and "\x1c" not in stripped
        and "\x1d" not in stripped
        and "\x1e" not in stripped
        and "\x1f" not in stripped
    ):
        return stripped
    # str.split() with no argument splits on exactly the characters str.isspace()
    # accepts (the same set as ``\\s`` in a str pattern), in C.
    return " ".join(stripped.split())


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters count two.

    Combining marks and invisible format characters (zero-width joiner, soft hyphen)
    take no column of their own.

    >>> display_width("ab"), display_width("中文"), display_width("（"), display_width("e\u0301")
    (2, 4, 2, 1)
    """
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 1
