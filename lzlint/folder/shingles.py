"""Paragraph text as comparable fingerprints: normalisation, character shingles, sketches.

Two reports copy a paragraph and change the unit's name, the numbers and the
punctuation; what stays is the run of characters. So a paragraph is first
normalised (full-width folded to half-width by NFKC, whitespace and
punctuation dropped, every run of digits made one placeholder), then cut into
overlapping character k-grams (shingles) whose set is what similarity is
measured on (Jaccard).

Finding similar paragraphs among hundreds of thousands without comparing all
pairs needs a small sketch per paragraph: one-permutation MinHash (Li, Owen
and Zhang 2012): each shingle's 32-bit hash falls in one of BINS bins by its
top bits, and the sketch keeps the smallest hash of each bin. Two paragraphs
agree in a bin with probability about their Jaccard similarity, so bands of a
few bins (LSH banding) bring near-duplicates together as candidates, which
are then verified exactly. One pass over the shingles makes the whole sketch;
classic MinHash would need one pass per hash function.

Hashes are CRC-32 of the shingle's UTF-32 bytes, mixed: stable across
processes and machines (Python's hash() of a str is salted per process), so a
sketch can be cached and compared with one made in another worker.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable

# Bins of a sketch, and of each band: BINS / BAND bands.
BINS = 32
BAND = 4
_BIN_SHIFT = 32 - 5  # the top 5 bits pick one of 32 bins
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
EMPTY = _VALUE_MASK + 1  # a bin no shingle fell in: above every value
_SKETCH_BYTES = 4 * BINS

_NOT_TEXT = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
DIGIT_PLACEHOLDER = "0"


def normalise(text: str) -> str:
    """The characters that make a paragraph what it is: no spaces or punctuation, numbers as one placeholder.

    NFKC folds full-width letters and digits (２０２４, ＡＢＣ) to half-width, so
    a copy retyped in another width still matches. A number of any length
    becomes one placeholder: a copy with this year's figures is still a copy.
    """
    folded = unicodedata.normalize("NFKC", text)
    return _DIGITS.sub(DIGIT_PLACEHOLDER, _NOT_TEXT.sub("", folded)).lower()


def _mix(h: int) -> int:
    # CRC-32 is linear; a multiply-xorshift spreads its bits so that bins and minima are fair.
    h = ((h ^ (h >> 16)) * 0x45D9F3B) & 0xFFFFFFFF
    h = ((h ^ (h >> 16)) * 0x45D9F3B) & 0xFFFFFFFF
    return h ^ (h >> 16)


def shingle_hashes(text: str, size: int) -> set[int]:
    """The 32-bit hashes of the `size`-character shingles of normalised `text` (the text itself when shorter)."""
    data = text.encode("utf-32-le")
    width = 4 * size
    if len(data) <= width:
        return {_mix(zlib.crc32(data))} if data else set()
    crc = zlib.crc32
    return {_mix(crc(data[i : i + width])) for i in range(0, len(data) - width + 4, 4)}


def shingles(text: str, size: int) -> set[str]:
    """The shingles themselves (for exact comparison of two paragraphs)."""
    if len(text) <= size:
        return {text} if text else set()
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def sketch(hashes: Iterable[int]) -> bytes:
    """The one-permutation MinHash sketch of a set of shingle hashes: BINS little-endian 32-bit minima."""
    mins = [EMPTY] * BINS
    for h in hashes:
        b = h >> _BIN_SHIFT
        v = h & _VALUE_MASK
        if v < mins[b]:
            mins[b] = v
    return b"".join(m.to_bytes(4, "little") for m in mins)


# A band no shingle fell in: no key (two short paragraphs would meet on their emptiness).
EMPTY_BAND = EMPTY.to_bytes(4, "little") * BAND


def band_keys(sketch_bytes: bytes) -> list[bytes | None]:
    """The sketch's bands, each a key under which similar paragraphs meet; None for a band with no shingle."""
    if len(sketch_bytes) != _SKETCH_BYTES:
        raise ValueError("malformed sketch")
    step = 4 * BAND
    keys: list[bytes | None] = []
    for start in range(0, _SKETCH_BYTES, step):
        band = sketch_bytes[start : start + step]
        keys.append(None if band == EMPTY_BAND else band)
    return keys
