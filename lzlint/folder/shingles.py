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

A shingle's hash is Python's hash() of the tuple of its code points: the
xxHash-based tuple hash over ints, which no PYTHONHASHSEED salts (str's
hash() is salted per process), so a run's findings are the same in every
run. Every step of a sketch is a C-level map, sort or dict over the
shingles: a sketch costs about a tenth of a paragraph's per-file checks.
Sketches are made in the main process, once per distinct text
(Sketches): a folder's copies are many places of few texts.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import and_, rshift

# Bins of a sketch, and of each band: BINS / BAND bands.
BINS = 32
BAND = 4
_BIN_SHIFT = 32 - 5  # the top 5 bits pick one of 32 bins
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
EMPTY = _VALUE_MASK + 1  # a bin no shingle fell in: above every value
_SKETCH_BYTES = 4 * BINS
_PACK = struct.Struct(f"<{BINS}I").pack
_BIN_NUMBERS = range(BINS)
# The low 32 bits of hash(): hash() of a tuple ends with a multiply after a rotation, so they depend on every item.
_HASH_MASK = 0xFFFFFFFF

_NOT_TEXT = re.compile(r"[\W_]+")
# The same, but keeping the line breaks normalise_lines joins lines with (no line holds one).
_NOT_TEXT_NOR_LINE = re.compile(r"[^\w\n]+|_+")
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


def normalise_lines(lines: Sequence[str]) -> list[str]:
    """normalise() of each line, in one pass over them all: a report's body is a few calls, not a few per line."""
    if not lines:
        return []
    folded = unicodedata.normalize("NFKC", "\n".join(lines))
    return _DIGITS.sub(DIGIT_PLACEHOLDER, _NOT_TEXT_NOR_LINE.sub("", folded)).lower().split("\n")


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


def sketch(text: str, size: int) -> bytes:
    """The one-permutation MinHash sketch of the `size`-character shingles of normalised `text`: BINS little-endian 32-bit minima."""
    points = list(map(ord, text))
    if len(points) <= size:
        hashes = [hash(tuple(points)) & _HASH_MASK] if points else []
    else:
        # The shingles' hashes, largest first: in the dict below, each bin's smallest is written last and stays.
        hashes = sorted(map(and_, map(hash, zip(*(points[i:] for i in range(size)))), repeat(_HASH_MASK)), reverse=True)
    smallest = dict(zip(map(rshift, hashes, repeat(_BIN_SHIFT)), map(and_, hashes, repeat(_VALUE_MASK))))
    return _PACK(*map(smallest.get, _BIN_NUMBERS, repeat(EMPTY)))


@dataclass
class Sketches:
    """Each distinct text's sketch, made once by one run of the folder checks (the many places of a copy share it)."""

    size: int
    made: dict[str, bytes] = field(default_factory=dict)

    def __call__(self, text: str) -> bytes:
        found = self.made.get(text)
        if found is None:
            found = self.made[text] = sketch(text, self.size)
        return found


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
