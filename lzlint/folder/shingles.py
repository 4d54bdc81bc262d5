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
top bits, and the sketch keeps the smallest hash of each bin (its low 15
bits: two different minima agree by chance once in 32,768). Two paragraphs
agree in a bin with probability about their Jaccard similarity s, so bands
of r bins (LSH banding) bring near-duplicates together as candidates, which
are then verified exactly: a pair meets in one of b bands with probability
1 - (1 - s^r)^b. Bands.for_threshold takes the most bins per band that still
brings together 99.5% of the pairs right at the threshold (far more of those
above it): each bin more halves, or better, the unrelated pairs of a folder
whose reports come from one template (similarity 0.2 to 0.5), the bulk of
what is verified. One pass over the shingles makes the whole sketch; classic
MinHash would need one pass per hash function.

A shingle's hash is Python's hash() of the tuple of its code points: the
xxHash-based tuple hash over ints, which no PYTHONHASHSEED salts (str's
hash() is salted per process), so a run's findings are the same in every
run. Every step of a sketch is a C-level map, sort or dict over the
shingles: a sketch costs about a tenth of a paragraph's per-file checks.
Sketches are made in the main process, once per distinct text
(Sketches): a folder's copies are many places of few texts.
"""

from __future__ import annotations

import functools
import math
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import and_, rshift

# Bins of a sketch, each kept in two bytes.
BINS = 64
_BIN_SHIFT = 30 - 6  # the top 6 of a hash's 30 bits pick one of 64 bins
_VALUE_MASK = 0x7FFF  # the low 15 bits of a bin's smallest hash
EMPTY = 0x8000  # a bin no shingle fell in: no value has this bit
_BIN_BYTES = 2
_SKETCH_BYTES = _BIN_BYTES * BINS
_PACK = struct.Struct(f"<{BINS}H").pack
# Of the pairs exactly at the similarity threshold, the share LSH must bring together.
RECALL_AT_THRESHOLD = 0.995
_BIN_NUMBERS = range(BINS)
# The low 30 bits of hash(): hash() of a tuple ends with a multiply after a rotation, so they depend on
# every item; 30 bits are one digit of a Python int, which sorts and masks faster than two.
_HASH_MASK = 0x3FFFFFFF
# An empty bin borrows the value of the next bin to its right with one, plus this per bin of distance.
_ROTATION = 0x2F1B

_NOT_TEXT = re.compile(r"[\W_]+")
# The same, but keeping the line breaks normalise_lines joins lines with (no line holds one).
_NOT_TEXT_NOR_LINE = re.compile(r"[^\w\n]+|_+")
_DIGITS = re.compile(r"\d+")
# Characters with which normalise() gives the same without NFKC: CJK ideographs, ASCII, and
# punctuation, spaces and full-width digits whose NFKC normalise() removes or reads as digits
# alike. None combines with its neighbour, so NFKC of a text of them is theirs one by one
# (tests check every character of the class).
_NFKC_FREE = re.compile(
    "[\t\n -~\u2010-\u2027\u2030-\u205e\u3000-\u3003\u3007-\u3011\u3014-\u301f"
    "\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff19\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]*"
)
DIGIT_PLACEHOLDER = "0"


def normalise(text: str) -> str:
    """The characters that make a paragraph what it is: no spaces or punctuation, numbers as one placeholder.

    NFKC folds full-width letters and digits (２０２４, ＡＢＣ) to half-width, so
    a copy retyped in another width still matches. A number of any length
    becomes one placeholder: a copy with this year's figures is still a copy.
    """
    return _DIGITS.sub(DIGIT_PLACEHOLDER, _NOT_TEXT.sub("", _folded(text))).lower()


def _folded(text: str) -> str:
    """NFKC of `text`, as far as normalise() can tell: `text` itself when NFKC would change nothing it keeps.

    NFKC costs about 0.1 ms per thousand characters of Chinese with full-width
    punctuation; a report's body rarely holds anything else than the
    characters of _NFKC_FREE, whose check costs a twentieth of that.
    """
    return text if _NFKC_FREE.fullmatch(text) else unicodedata.normalize("NFKC", text)


def normalise_lines(lines: Sequence[str]) -> list[str]:
    """normalise() of each line, in one pass over them all: a report's body is a few calls, not a few per line."""
    if not lines:
        return []
    folded = _folded("\n".join(lines))
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
    """The one-permutation MinHash sketch of the `size`-character shingles of normalised `text`.

    BINS little-endian 16-bit values. A short paragraph leaves many bins
    empty, and two unrelated short paragraphs would agree on their empty
    bins: each empty bin borrows from the next bin to its right that has a
    value (densification by rotation, Shrivastava and Li 2014), so that two
    sketches agree in a bin with probability about their similarity whatever
    their length. Only a text with no shingle at all has EMPTY bins.
    """
    points = list(map(ord, text))
    if len(points) <= size:
        hashes = [hash(tuple(points)) & _HASH_MASK] if points else []
    else:
        # The shingles' hashes, largest first: in the dict below, each bin's smallest is written last and stays.
        hashes = sorted(map(and_, map(hash, zip(*(points[i:] for i in range(size)))), repeat(_HASH_MASK)), reverse=True)
    smallest = dict(zip(map(rshift, hashes, repeat(_BIN_SHIFT)), map(and_, hashes, repeat(_VALUE_MASK))))
    if not smallest or len(smallest) == BINS:
        return _PACK(*map(smallest.get, _BIN_NUMBERS, repeat(EMPTY)))
    return _PACK(*_densified(smallest))


def _densified(smallest: dict[int, int]) -> list[int]:
    """Every bin's value, an empty bin's borrowed from the next one with a value (circularly)."""
    values = [0] * BINS
    filled = sorted(smallest)  # a few dozen bins: cheaper than knowing the dict's order
    previous = filled[-1] - BINS  # the last bin with a value, seen from the start: the first ones wrap round to it
    for b in filled:
        value = values[b] = smallest[b]
        # The empty bins between the previous bin with a value and this one (a negative index wraps round).
        for distance in range(1, b - previous):
            values[b - distance] = (value + distance * _ROTATION) & _VALUE_MASK
        previous = b
    return values


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


@dataclass(frozen=True)
class Bands:
    """How sketches are cut into LSH bands: `rows` bins each, as many bands as fit in BINS."""

    rows: int

    @classmethod
    def for_threshold(cls, threshold: float) -> Bands:
        """The most rows per band with which pairs `threshold` alike still meet at RECALL_AT_THRESHOLD."""
        for rows in range(BINS, 0, -1):
            if 1 - (1 - threshold**rows) ** (BINS // rows) >= RECALL_AT_THRESHOLD:
                return cls(rows)
        return cls(1)

    @property
    def count(self) -> int:
        return BINS // self.rows

    def span(self, band: int) -> tuple[int, int]:
        """Where band number `band` lies in a sketch's bytes."""
        return _spans(self.rows)[band]

    def empty(self) -> bytes:
        """A band no shingle fell in: no key (two short paragraphs would meet on their emptiness)."""
        return _EMPTY_BIN * self.rows

    def keys(self, sketch_bytes: bytes) -> list[bytes | None]:
        """The sketch's bands, each a key under which similar paragraphs meet; None for a band with no shingle."""
        if len(sketch_bytes) != _SKETCH_BYTES:
            raise ValueError("malformed sketch")
        empty = self.empty()
        return [None if key == empty else key for key in (sketch_bytes[start:end] for start, end in _spans(self.rows))]


def agreeing_bins(threshold: float) -> int:
    """The fewest bins two sketches of pairs `threshold` alike share (but for about one pair in a million).

    A pair's shared bins are about Binomial(BINS, similarity), with more
    spread for short paragraphs, whose borrowed bins repeat others: a pair
    whose sketches share fewer is not verified exactly. Six standard
    deviations below the mean, counting half the bins as independent.
    """
    spread = 6 * BINS * math.sqrt(threshold * (1 - threshold) / (BINS // 2))
    return max(0, math.floor(BINS * threshold - spread))


def _lanes_mask(width: int) -> int:
    """An int with the lowest bit of each `width`-bit lane of a sketch set."""
    return int.from_bytes(((1).to_bytes(width // 8, "little")) * BINS, "little")


_LANE_BITS = 8 * _BIN_BYTES
LANE_LOWEST = _lanes_mask(_LANE_BITS)


def shared_bins(a: int, b: int) -> int:
    """How many bins two sketches (as ints: int.from_bytes(sketch, "little")) have the same value in.

    In C-level int operations, not a loop over bins: the differing bits of
    the two are folded, lane by lane, into each lane's lowest bit (shifts
    of 8, 4, 2, 1 bring a 16-bit lane's bits down without reaching the lane
    below), whose count is the number of bins that differ.
    """
    x = a ^ b
    x |= x >> 8
    x |= x >> 4
    x |= x >> 2
    x |= x >> 1
    return BINS - (x & LANE_LOWEST).bit_count()


_EMPTY_BIN = EMPTY.to_bytes(_BIN_BYTES, "little")


@functools.cache  # a few band widths per run, asked for every paragraph
def _spans(rows: int) -> tuple[tuple[int, int], ...]:
    width = _BIN_BYTES * rows
    return tuple((band * width, (band + 1) * width) for band in range(BINS // rows))
