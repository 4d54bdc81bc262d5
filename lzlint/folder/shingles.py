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

A shingle's hash is CPython's hash() of the tuple of its code points: the
xxHash-based tuple hash over ints, which no PYTHONHASHSEED salts (str's
hash() is salted per process), so a run's findings are the same in every
run. numpy computes exactly that hash, for all the shingles of many
paragraphs at once (sketches_of); the tests hold it to hash() itself.
Sketches are made once per distinct text (Sketches): a folder's copies
are many places of few texts.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# Bins of a sketch, each kept in two bytes.
BINS = 64
_BIN_SHIFT = 30 - 6  # the top 6 of a hash's 30 bits pick one of 64 bins
_VALUE_MASK = 0x7FFF  # the low 15 bits of a bin's smallest hash
EMPTY = 0x8000  # a bin no shingle fell in: no value has this bit
_BIN_BYTES = 2
_SKETCH_BYTES = _BIN_BYTES * BINS
# Of the pairs exactly at the similarity threshold, the share LSH must bring together.
RECALL_AT_THRESHOLD = 0.995
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
    """The sketch of one text: sketches_of for a single text (tests, the odd paragraph; many cost 50 times more one by one)."""
    return sketches_of([text], size)[0]


def sketches_of(texts: Sequence[str], size: int) -> list[bytes]:
    """The one-permutation MinHash sketch of the `size`-character shingles of each normalised text.

    BINS little-endian 16-bit values. A short paragraph leaves many bins
    empty, and two unrelated short paragraphs would agree on their empty
    bins: each empty bin borrows from the next bin to its right that has a
    value (densification by rotation, Shrivastava and Li 2014), so that two
    sketches agree in a bin with probability about their similarity whatever
    their length. Only a text with no shingle at all has EMPTY bins.

    Made with numpy over many texts at once, a batch of some 65,000
    characters at a time: a paragraph costs about 3 microseconds, against
    30 to 40 done shingle by shingle in Python, which was a province's
    biggest cost after the per-file checks.
    """
    found: list[bytes] = []
    batch: list[str] = []
    chars = 0
    for text in texts:
        batch.append(text)
        chars += len(text)
        if chars >= _BATCH_CHARS:
            found += _sketch_batch(batch, size)
            batch, chars = [], 0
    if batch:
        found += _sketch_batch(batch, size)
    return found


# Characters sketched by one batch of numpy operations: large enough that numpy's per-call cost
# is nothing per paragraph, small enough that its arrays (about 1 MB) stay in the processor's
# cache and below malloc's mmap threshold. A batch of a million characters took twice as long:
# its 8 MB arrays were mapped afresh each time, and the page faults cost as much as the work.
_BATCH_CHARS = 1 << 16
# CPython's tuple hash (Objects/tupleobject.c, xxHash's primes and rotation), which is what hash()
# of a tuple of small ints gives: the shingles' hashes numpy makes are exactly those of hash(tuple).
_XXPRIME_1 = 11400714785074694791
_XXPRIME_2 = 14029467366897019727
_XXPRIME_5 = 2870177450012600261
_NO_SHINGLE = 1 << 40  # above every 30-bit hash: a bin no shingle fell in


def _sketch_batch(texts: Sequence[str], size: int) -> list[bytes]:
    import numpy as np  # here, not above: the per-file checks import this module and need no numpy

    u64 = np.uint64
    count = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=count)
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    # Each shingle's start in `points`, and the text it is of; a text as short as a shingle is one.
    shingle_counts = np.maximum(lengths - size + 1, np.minimum(lengths, 1))
    owners = np.repeat(np.arange(count), shingle_counts)
    starts = np.arange(int(shingle_counts.sum())) + np.repeat(np.cumsum(lengths) - lengths - (np.cumsum(shingle_counts) - shingle_counts), shingle_counts)
    widths = np.repeat(np.minimum(lengths, size), shingle_counts)
    acc = np.full(starts.shape, _XXPRIME_5, dtype=np.uint64)
    short = bool((widths < size).any())
    for k in range(size):
        mixed = acc + points[np.minimum(starts + k, len(points) - 1)] * u64(_XXPRIME_2)
        mixed = ((mixed << u64(31)) | (mixed >> u64(33))) * u64(_XXPRIME_1)
        # A short text's tuple has fewer items: its accumulator stops after its last one.
        acc = np.where(widths > k, mixed, acc) if short else mixed
    acc += widths.astype(np.uint64) ^ u64(_XXPRIME_5 ^ 3527539)
    # hash() never returns -1: the tuple hash gives this instead (once in 2**64).
    acc = np.where(acc == u64(2**64 - 1), u64(1546275796), acc)
    hashes = (acc & u64(_HASH_MASK)).astype(np.int64)
    # Each bin's smallest hash; its value is that hash's low 15 bits.
    smallest = np.full(count * BINS, _NO_SHINGLE, dtype=np.int64)
    np.minimum.at(smallest, owners * BINS + (hashes >> _BIN_SHIFT), hashes)
    by_bin = smallest.reshape(count, BINS)
    values = _densified(by_bin < _NO_SHINGLE, by_bin & _VALUE_MASK)
    packed = values.astype("<u2").tobytes()
    return [packed[i * _SKETCH_BYTES : (i + 1) * _SKETCH_BYTES] for i in range(count)]


def _densified(filled: NDArray[np.bool_], values: NDArray[np.int64]) -> NDArray[np.int64]:
    """Every bin's value (rows of BINS), an empty bin's borrowed from the next one with a value (circularly).

    The value borrowed from `distance` bins to the right is that bin's plus
    distance * _ROTATION: runs of empty bins do not repeat one value. A row
    with no value at all (no shingle: an empty text) is EMPTY throughout.
    """
    import numpy as np

    rows = len(filled)
    # For each bin, the nearest bin at or to its right with a value, counted on past the last bin for
    # the wrap (bin 64 is bin 0 again): a sweep from the right, one column of every row at a time.
    by_column = np.asfortranarray(filled)
    nearest = np.empty((rows, BINS), dtype=np.int64, order="F")
    carry = np.argmax(filled, axis=1) + BINS  # past the last bin: the first bin with a value, wrapped
    for b in range(BINS - 1, -1, -1):
        carry = np.where(by_column[:, b], b, carry)
        nearest[:, b] = carry
    borrowed = np.take_along_axis(values, nearest % BINS, axis=1)
    found = (borrowed + (nearest - np.arange(BINS)) * _ROTATION) & _VALUE_MASK
    return np.where(filled.any(axis=1, keepdims=True), found, EMPTY)


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

    def make(self, texts: Iterable[str]) -> None:
        """Sketch at once every text of `texts` not sketched yet: numpy's way, many texts per call."""
        new = list(dict.fromkeys(t for t in texts if t not in self.made))
        self.made.update(zip(new, sketches_of(new, self.size)))


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
    """The fewest bins two sketches of pairs `threshold` alike share (but for about one pair in 30,000).

    A pair's shared bins are about Binomial(BINS, similarity), with more
    spread for short paragraphs, whose borrowed bins repeat others: a pair
    whose sketches share fewer is not verified exactly. Four standard
    deviations below the mean, counting half the bins as independent: 44
    of 64 at 0.9, where the pairs of a synthetic province at least 0.9
    alike shared 52 or more, and four in five of the template-alike pairs
    (0.3 to 0.8) that bands bring together shared fewer (six deviations,
    37 bins, had them all verified).
    """
    spread = 4 * BINS * math.sqrt(threshold * (1 - threshold) / (BINS // 2))
    return max(0, math.floor(BINS * threshold - spread))


_EMPTY_BIN = EMPTY.to_bytes(_BIN_BYTES, "little")


@functools.cache  # a few band widths per run, asked for every paragraph
def _spans(rows: int) -> tuple[tuple[int, int], ...]:
    width = _BIN_BYTES * rows
    return tuple((band * width, (band + 1) * width) for band in range(BINS // rows))
