"""The pairs of paragraphs LSH brings together, for a whole folder at once, in numpy.

A band's bucket is a run of equal keys once the sketches are sorted by that
band; a bucket's pairs are every two of its members. A province's 116,000
distinct paragraphs meet in about a million and a half such pairs (reports
written from one template share many bins), too many to walk in Python one
by one: here each step is one numpy operation over all of them, and Python
sees only the pairs whose sketches agree enough to be worth an exact
comparison (copies.similar_paragraphs) and the few crowded buckets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lzlint.folder.shingles import BINS, EMPTY

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]

# Pairs whose bins are counted at once: 64 two-byte bins for each side, about 1 MB a chunk (larger
# chunks were slower: their arrays were mapped afresh each time, and page faults cost much here).
_PAIRS_PER_CHUNK = 8_192


@dataclass(frozen=True)
class Buckets:
    """One band's buckets of two or more members: `members[starts[i]:starts[i] + sizes[i]]` is bucket i.

    Members are in increasing order within a bucket, and buckets in the
    order of their first member: the order a walk over the groups would
    meet them in.
    """

    members: Ints
    starts: Ints
    sizes: Ints

    def __len__(self) -> int:
        return len(self.starts)

    def bucket(self, i: int) -> list[int]:
        start = int(self.starts[i])
        return [int(g) for g in self.members[start : start + int(self.sizes[i])]]


def sketch_matrix(sketches: Sequence[bytes]) -> NDArray[np.uint16]:
    """The sketches as rows of BINS 16-bit values."""
    import numpy as np

    return np.frombuffer(b"".join(sketches), dtype="<u2").reshape(len(sketches), BINS)


def band_buckets(matrix: NDArray[np.uint16], first_bin: int, rows: int) -> Buckets:
    """The buckets of the band of `rows` bins from `first_bin`: rows equal in all of them, two or more.

    A band of EMPTY bins only (a text with no shingle) meets no other.
    """
    import numpy as np

    band = matrix[:, first_bin : first_bin + rows]
    # Sorted by the band's bins (the last key of lexsort sorts first), then by row: stable.
    order = np.lexsort(band.T[::-1])
    keys = band[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(order)))
    keep = (sizes >= 2) & (keys[starts] != EMPTY).any(axis=1)
    starts, sizes = starts[keep], sizes[keep]
    # Buckets in the order of their first (smallest) member.
    by_first = np.argsort(order[starts], kind="stable")
    starts, sizes = starts[by_first], sizes[by_first]
    picked = consecutive(starts, sizes)
    members = order[picked].astype(np.int64)
    new_starts = np.cumsum(sizes) - sizes
    return Buckets(members, new_starts, sizes)


def distinct_per_bucket(buckets: Buckets, ptr: Ints, values: Ints) -> Ints:
    """How many distinct values each bucket's members hold between them (member g's: values[ptr[g]:ptr[g+1]])."""
    import numpy as np

    counts = ptr[buckets.members + 1] - ptr[buckets.members]
    held = values[consecutive(ptr[buckets.members], counts)]
    bucket_of = np.repeat(np.repeat(np.arange(len(buckets)), buckets.sizes), counts)
    # Sorted (bucket, value) pairs as one number; a pair unlike the one before it is a distinct value.
    keyed = np.sort(bucket_of * (int(values.max(initial=0)) + 1) + held)
    new = np.ones(len(keyed), dtype=bool)
    new[1:] = keyed[1:] != keyed[:-1]
    return np.bincount(keyed[new] // (int(values.max(initial=0)) + 1), minlength=len(buckets)).astype(np.int64)


def pairs_within(buckets: Buckets, chosen: NDArray[np.bool_]) -> tuple[Ints, Ints]:
    """Every two members (a < b) of each bucket `chosen` holds True for."""
    import numpy as np

    sizes = buckets.sizes[chosen]
    starts = buckets.starts[chosen]
    positions = consecutive(starts, sizes)
    # The member at place i of a bucket of n pairs with the n - 1 - i after it.
    place = positions - np.repeat(starts, sizes)
    after = np.repeat(sizes, sizes) - 1 - place
    first = np.repeat(positions, after)
    second = first + 1 + (np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after))
    return buckets.members[first], buckets.members[second]


def shared_bins(matrix: NDArray[np.uint16], a: Ints, b: Ints) -> Ints:
    """For each pair (a[i], b[i]), how many bins their sketches have the same value in."""
    import numpy as np

    found = np.empty(len(a), dtype=np.int64)
    for start in range(0, len(a), _PAIRS_PER_CHUNK):
        end = start + _PAIRS_PER_CHUNK
        found[start:end] = (matrix[a[start:end]] == matrix[b[start:end]]).sum(axis=1)
    return found


def consecutive(starts: Ints, sizes: Ints) -> Ints:
    """The positions starts[i], starts[i] + 1, …, starts[i] + sizes[i] - 1 of every run, one after another."""
    import numpy as np

    total = int(sizes.sum())
    return np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total)
