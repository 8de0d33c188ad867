"""Private: TeX accents and special letters in names and affiliations -> Unicode.

arXiv metadata writes non-ASCII names in TeX (``Bal\\'azs``, ``Bj{\\o}rn``,
``Universit\\"at``, ``Macr\\`i``, ``\\v{S}koda``). This converts what authors use in
names; every other command (math, ``\\em``...) is left exactly as written.

>>> tex_to_unicode(r"C. Bal\\'azs, M. Bj{\\o}rn, J. Crkovsk\\'a, E. Macr\\`i")
'C. Balázs, M. Bjørn, J. Crkovská, E. Macrì'
>>> tex_to_unicode(r'Universit\\"at, \\v{S}koda, \\c{C}elik, Gr\\o nbech, \\"{\\i}')
'Universität, Škoda, Çelik, Grønbech, ï'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["tex_to_unicode"]

#: Accent commands -> combining characters. Symbol accents (``\\'``) take the next
#: letter directly; letter accents (``\\c``) need braces or a space before the letter.
_SYMBOL_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
}
_LETTER_ACCENTS = {
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
#: Letters TeX spells as control words.
_LETTERS = {
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "ss": "ß",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
}

# The accented letter: a plain letter, or \i / \j (dotless, take the accent as i / j).
_BASE = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
_ACCENT_RE = re.compile(
    r"""
    (?P<brace>\{)?                                   # optional group around it all: {\'a}
    \\(?:
        (?P<sym>['`^"~=.])[ \t]*(?:\{[ \t]*(?P<b1>"""
    + _BASE
    + r""")[ \t]*\}|(?P<b2>"""
    + _BASE
    + r"""))
      | (?P<let>[cvuHkrdbt])(?![A-Za-z])
            (?:[ \t]*\{[ \t]*(?P<b3>"""
    + _BASE
    + r""")[ \t]*\}|[ \t]+(?P<b4>"""
    + _BASE
    + r"""))
    )
    (?(brace)\})
    """,
    re.VERBOSE,
)
_LETTER_RE = re.compile(
    r"(?P<brace>\{)?\\(?P<name>" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")"
    r"(?![A-Za-z])(?(brace)[ \t]*\}|(?:\{\}|[ \t]+(?=[A-Za-z]))?)"
)
# A group left holding plain text only ({Bj{\o}rn} after conversion): TeX grouping.
_PLAIN_GROUP_RE = re.compile(r"(\\[A-Za-z]+[ \t]*|[\^_])?\{([^{}\\$]*)\}")


def _accent(m: re.Match[str]) -> str:
    if m.group("sym") is not None:
        mark = _SYMBOL_ACCENTS[m.group("sym")]
        base = m.group("b1") or m.group("b2")
    else:
        mark = _LETTER_ACCENTS[m.group("let")]
        base = m.group("b3") or m.group("b4")
    if base.startswith("\\"):
        base = base[1]  # \i -> i: the accent takes the dot's place
    return unicodedata.normalize("NFC", base + mark)


def _letter(m: re.Match[str]) -> str:
    return _LETTERS[m.group("name")]


def _ungroup(m: re.Match[str]) -> str:
    # An argument of a command (\\textbf{x}) or a sub/superscript keeps its braces.
    return m.group(0) if m.group(1) else m.group(2)


def tex_to_unicode(text: str) -> str:
    """``text`` with TeX accents, TeX letters and plain grouping braces turned to Unicode.

    Unknown commands, math and lone braces stay as written:

    >>> tex_to_unicode(r"Jos\\'e {\\em et al.} $\\alpha$")
    'José {\\\\em et al.} $\\\\alpha$'
    """
    if "\\" not in text and "{" not in text:
        return text
    out = _ACCENT_RE.sub(_accent, text)
    out = _LETTER_RE.sub(_letter, out)
    if "{" in out:
        previous = None
        while previous != out:
            previous = out
            out = _PLAIN_GROUP_RE.sub(_ungroup, out)
    return out
