"""Reading text files safely: a capped number of bytes, binary detection, any common encoding.

Office text is not always UTF-8: Windows machines in China write GBK (GB18030), in Taiwan and
Hong Kong Big5, in Europe Windows-1252 or Latin-1; Notepad writes UTF-16 with a byte-order
mark. ``decode`` tries the byte-order marks and UTF-8 first and asks ``charset-normalizer``
only when those fail. Bytes that look like an executable, an image or an archive (NULs,
control characters, no plausible encoding) are refused as binary, whatever the file is named.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from desktop_assistant.documents.extractors import Skipped

SAMPLE_BYTES = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 control characters other than tab, newline, vertical tab, form feed, carriage return
# and escape: rare in text, common in binaries.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
# Legacy encodings of office text, most likely first (ties go to the earlier one): Chinese
# (GBK/GB18030, Big5), Japanese, Korean, Western European.
_CANDIDATES = ("gb18030", "big5", "cp932", "cp949", "cp1252")
SCORE_CHARS = 4000

def read_prefix(path: Path, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes from the start of ``path``, and whether the file is longer."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        data = stream.read(limit)
        longer = size > limit or bool(stream.read(1))
    return data, longer


def looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls / len(sample) > 0.05


def _strict_utf8(data: bytes, truncated: bool) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cap can cut a character in two: drop its first bytes and keep the rest.
        if truncated and error.start >= len(data) - 3 and error.reason != "invalid start byte":
            return data[: error.start].decode("utf-8", errors="replace")
        return None


def _common_ideograph(char: str) -> bool:
    """In GB2312's level 1 or Big5's frequent block: the characters everyday text uses."""
    try:
        if 0xB0 <= char.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= char.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _plausibility(text: str) -> float:
    """How much ``text`` looks like real writing rather than bytes decoded the wrong way.

    Wrong decodings of CJK bytes give rare ideographs, stray Hangul or half-width katakana;
    wrong decodings into a European code page give runs of accented letters with no plain
    letters beside them.
    """
    if not text:
        return 0.0
    score = 0.0
    for index, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            score += 1.0 if char.isprintable() or char in "\t\r\n\f" else 0.0
        elif 0x4E00 <= code <= 0x9FFF:
            score += 1.0 if _common_ideograph(char) else 0.3
        elif 0x3000 <= code <= 0x30FF or 0xFF01 <= code <= 0xFF5E:
            score += 1.0  # CJK punctuation, kana, full-width forms
        elif 0xAC00 <= code <= 0xD7A3:
            try:
                char.encode("euc-kr")  # the 2,350 syllables in everyday use
                score += 1.0
            except UnicodeEncodeError:
                pass
        elif code < 0x0530 and char.isalpha():
            neighbours = text[max(0, index - 1):index] + text[index + 1:index + 2]
            if any(n.isascii() and n.isalpha() for n in neighbours) or (
                code >= 0x0370 and all(0x0370 <= ord(n) < 0x0530 for n in neighbours)
            ):
                score += 1.0  # in a word with plain letters, or a Greek/Cyrillic word
        elif char in "–—‘’“”•…€™°±×÷§©®«»¡¿·":
            score += 1.0
    return score / len(text)


def detect_encoding(sample: bytes) -> str | None:
    """The legacy encoding that reads ``sample`` most plausibly, or None if none does."""
    from charset_normalizer import from_bytes

    candidates = list(_CANDIDATES)
    best_guess = from_bytes(sample[: SAMPLE_BYTES]).best()
    if best_guess is not None and best_guess.encoding not in candidates:
        candidates.append(str(best_guess.encoding))
    head = sample[:SCORE_CHARS]
    scores: dict[str, float] = {}
    for encoding in candidates:
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start < len(head) - 3:  # only a character cut at the end is allowed
                continue
            text = head[: error.start].decode(encoding)
        except LookupError:
            continue
        scores[encoding] = _plausibility(text)
    if not scores or max(scores.values()) < 0.6:
        return None
    top = max(scores.values())
    tied = [encoding for encoding, score in scores.items() if score >= top - 0.03]
    # Korean and Chinese code pages overlap: where both read plausibly, the detector's
    # language model decides; otherwise the order of likelihood does.
    if best_guess is not None and best_guess.encoding in tied and len(tied) > 1 and (
        best_guess.encoding in _CANDIDATES[:4] or best_guess.encoding in ("euc_kr", "johab")
    ):
        return str(best_guess.encoding)
    return tied[0]


def decode(data: bytes, truncated: bool = False) -> str:
    """The text in ``data``; raises ``Skipped`` if it is binary or in no known encoding."""
    for bom, with_bom in _BOMS:
        if data.startswith(bom):
            return data.decode(with_bom, errors="replace").replace("\x00", "")
    sample = data[:SAMPLE_BYTES]
    if looks_binary(sample[:8192]):
        raise Skipped("binary content (not text)")
    text = _strict_utf8(data, truncated)
    if text is None:
        encoding = detect_encoding(sample)
        if encoding is None:
            raise Skipped("binary content or unknown text encoding")
        return data.decode(encoding, errors="replace").replace("\x00", "")
    return text.replace("\x00", "")


def read_text(path: Path, limit: int) -> tuple[str, bool]:
    """The text of a text file, capped at ``limit`` bytes, and whether it was cut short."""
    data, truncated = read_prefix(path, limit)
    return decode(data, truncated), truncated


def truncation_note(limit: int) -> str:
    return f"only the first {limit // (1024 * 1024) or 1} MB were indexed"
