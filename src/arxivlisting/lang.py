"""Deterministic language tags for free-text fields (``zh``, ``en``, other ISO 639-1 codes).

>>> detect_language("DeepSeek-V4: 迈向高效百万令牌上下文智能")
'zh'
>>> detect_language("18 pages, 12 figures")
'en'
>>> detect_language("Wir untersuchen die Stabilität neuronaler Netze und zeigen, dass die "
...                 "Konvergenz unter schwachen Annahmen gilt, wenn die Lernrate klein ist.")
'de'
>>> detect_language("2606.05957") is None
True

How it decides, cheapest test first:

1. Text whose other characters are fewer than a tenth of its ASCII letters is Latin
   script (go to 2). Otherwise scripts are counted: Han ideographs, kana, Hangul,
   Cyrillic, Greek, Arabic and Latin letters. Kana means Japanese, Hangul Korean. A Han
   character carries about as much as an English word, so text holding Han is Chinese
   when its non-ASCII characters (Han and CJK punctuation) are at least as many as its
   English *words* (Chinese titles and summaries are full of English terms such as model
   names; English abstracts almost never hold Han).
2. Latin-script text is English unless it is long (20+ words) *and* almost free of
   English function words; only then is langdetect asked, restricted to languages written
   in Latin script, through its own factory (profiles loaded once, fixed seed) so the
   answer is reproducible and the shared global detector is never touched. Short Latin
   text ("18 pages, 12 figures", most titles) is English: arXiv metadata is English by
   rule, and langdetect guesses wildly on a handful of words.
3. Text without letters (ids, numbers, punctuation) has no language: None.

Cost per field, measured on the arXivDaily seed: a few microseconds for Chinese and
English text (one pass of two regular expressions or a word-set check); langdetect runs
only in step 2's rare case.
"""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["detect_language"]

# Runs, not single characters: findall then returns a few long strings, not thousands.
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]+")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]+")
_GREEK_RE = re.compile(r"[\u0370-\u03ff]+")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]+")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
# U+3040-U+30FF (hiragana, katakana) in UTF-8: E3 81 xx, E3 82 xx, E3 83 xx; U+31F0-U+31FF
# (katakana extensions): E3 87 B0-BF.
_KANA_UTF8 = (b"\xe3\x81", b"\xe3\x82", b"\xe3\x83")
_KANA_EXT_RE = re.compile(rb"\xe3\x87[\xb0-\xbf]")
# ASCII letters stay, every other byte becomes a space: split() then counts the runs of
# ASCII letters (English words) without a regular-expression match per word.
_WORD_MASK = bytes(b if chr(b).isascii() and chr(b).isalpha() else 0x20 for b in range(256))
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
# Function words whose presence marks English prose at a glance (spaces included).
_ENGLISH_MARKS = (" the ", " of ", " and ", " to ", " in ", " we ", " is ", " for ", " that ")
_WORD_RE = re.compile(r"[a-z]+")

_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "here",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "not",
        "of",
        "on",
        "only",
        "or",
        "our",
        "over",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "under",
        "up",
        "upon",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "within",
        "without",
        "would",
    ]
)
_LATIN_LANGUAGES = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "da",
    "no",
    "fi",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "ro",
    "hu",
    "tr",
    "id",
    "ca",
    "et",
    "lt",
    "lv",
    "sq",
    "tl",
    "vi",
    "sw",
    "so",
    "af",
    "cy",
]

_factory: Any = None
_factory_lock = threading.Lock()


def _langdetect_factory() -> Any:
    """langdetect's profiles in a factory of our own, loaded once, with a fixed seed."""
    global _factory  # noqa: PLW0603 - a lazily built, process-wide read-only resource
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                from langdetect.detector_factory import (  # noqa: PLC0415 - load on first use
                    PROFILES_DIRECTORY,
                    DetectorFactory,
                )

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.seed = 0
                _factory = factory
    return _factory


def _langdetect_latin(text: str) -> str:
    factory = _langdetect_factory()
    detector = factory.create()
    prior = {lang: (1.0 if lang != "en" else 3.0) for lang in _LATIN_LANGUAGES}
    known = set(factory.get_lang_list())
    detector.set_prior_map({k: v for k, v in prior.items() if k in known})
    detector.append(text)
    try:
        lang: str = detector.detect()
    except Exception:
        return "en"
    return "en" if lang == "unknown" else lang


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _latin_language(text: str) -> str:
    if text.count(" ") < 19:
        return "en"  # short: titles, comments, names
    if sum(1 for mark in _ENGLISH_MARKS if mark in text) >= 3:
        return "en"  # plainly English prose: no need to count
    words = _WORD_RE.findall(text.lower())
    if len(words) < 20:
        return "en"
    english = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    if english * 12 >= len(words):  # more than ~8% function words: English prose
        return "en"
    return _langdetect_latin(text)


def _has_kana(text: str) -> bool:
    """True when ``text`` holds hiragana or katakana, looked for in its UTF-8 bytes (three
    lead-byte pairs), several times faster than a character-class scan of the text."""
    utf8 = text.encode("utf-8", "surrogatepass")
    return any(lead in utf8 for lead in _KANA_UTF8) or (
        b"\xe3\x87" in utf8 and _KANA_EXT_RE.search(utf8) is not None
    )


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it has no letters.

    >>> detect_language("AI总结 提出一种新方法"), detect_language("A study of LLMs")
    ('zh', 'en')
    """
    if not text:
        return None
    if text.isascii():
        if _ASCII_LETTER_RE.search(text) is None:
            return None
        return _latin_language(text)
    ascii_part = text.encode("ascii", "ignore")
    non_ascii = len(text) - len(ascii_part)
    letters = len(ascii_part.translate(None, _NOT_ASCII_LETTERS))
    if non_ascii * 10 < letters:
        # Latin text with a few other characters (an en dash, a Greek letter in maths, a
        # Chinese name in passing): no other script can outweigh its Latin letters.
        return _latin_language(text)
    if _HAN_RE.search(text) is not None:
        # Fast path for the common case, Chinese with English terms: every non-ASCII
        # character stands in for a Han one (CJK punctuation is Chinese too).
        if _has_kana(text):
            return "ja"
        if non_ascii >= len(ascii_part.translate(_WORD_MASK).split()):
            return "zh"
    han = _count(_HAN_RE, text)
    latin = _count(_LATIN_RE, text)
    if _HANGUL_RE.search(text) and _count(_HANGUL_RE, text) * 2 >= latin:
        return "ko"
    if _has_kana(text):
        return "ja"
    others = (
        ("ru", _count(_CYRILLIC_RE, text)),
        ("el", _count(_GREEK_RE, text)),
        ("ar", _count(_ARABIC_RE, text)),
    )
    code, count = max(others, key=lambda kv: kv[1])
    if count > latin:
        return code
    if latin:
        return _latin_language(text)
    if han:
        return "zh"
    return None
