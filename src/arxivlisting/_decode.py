"""Private: bytes -> text for the text formats, with the encoding reported.

Order: a byte-order mark decides (UTF-8, UTF-16 LE/BE); then strict UTF-8; then GB18030
(the Chinese national encoding, a superset of GBK/GB2312) when it decodes cleanly; then
latin-1, which never fails, with an ``encoding`` defect saying so.
"""

from __future__ import annotations

import codecs

__all__ = ["decode_text", "detect_stream_encoding"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, fallback: str = "gb18030") -> tuple[str, str, bool, bool]:
    """Return ``(text, encoding, had_bom, lossy)``; the BOM is removed from ``text``.

    ``lossy`` is True when no encoding fitted and latin-1 was used as the last resort.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(name), name, True, False
            except UnicodeDecodeError:
                return body.decode(name, "replace"), name, True, True
    head = data[:400]
    if head.count(b"\x00") * 4 >= len(head) > 0:  # UTF-16 without a BOM
        name = "utf-16-le" if head[1::2].count(b"\x00") > head[0::2].count(b"\x00") else "utf-16-be"
        try:
            return data.decode(name), name, False, False
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError:
        pass
    if fallback:
        try:
            return data.decode(fallback), fallback, False, False
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1", False, True


def detect_stream_encoding(head: bytes, complete: bool) -> tuple[str, bool, bool]:
    """The encoding of a stream from its first bytes: ``(encoding, had_bom, lossy)``.

    ``head`` may end inside a multi-byte character when the stream goes on
    (``complete`` False); that is not held against the encoding.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, True, False
    probe = head[:400]
    if probe.count(b"\x00") * 4 >= len(probe) > 0:  # UTF-16 without a BOM
        odd_nuls = probe[1::2].count(b"\x00") > probe[0::2].count(b"\x00")
        return ("utf-16-le" if odd_nuls else "utf-16-be"), False, False
    for name in ("utf-8", "gb18030"):
        try:
            head.decode(name)
        except UnicodeDecodeError as exc:
            if not complete and exc.end >= len(head) and exc.start >= len(head) - 4:
                return name, False, False
            continue
        return name, False, False
    return "latin-1", False, True
