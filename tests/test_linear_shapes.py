"""The rewritten linear forms find exactly what the quadratic ones found (timing is in benchmarks/scaling.py)."""

from __future__ import annotations

import bisect
import random

from lzlint.checks.halfwidth_punct import _NOT_PROSE
from lzlint.run.fix import _overlaps


def test_addresses_are_still_found_whole() -> None:
    # Written by hand: an address glued to Chinese text starts where its run of word characters starts.
    text = "联系邮箱fzb-2024@example.gov.cn,网址https://example.gov.cn/a,b；&ldquo;"
    spans = [m.group() for m in _NOT_PROSE.finditer(text)]
    assert spans == ["联系邮箱fzb-2024@example.gov.cn", "https://example.gov.cn/a,b", "&ldquo;"]
    assert [m.group() for m in _NOT_PROSE.finditer("1" * 50 + "," + "_" * 50)] == []


def test_overlap_check_agrees_with_the_pairwise_definition() -> None:
    rng = random.Random(12)
    for _ in range(500):
        taken: list[tuple[int, int]] = []
        for _ in range(25):
            s = rng.randint(0, 30)
            e = s + rng.choice([0, 0, 1, 2, 4])
            pairwise = any(s < e2 and s2 < e or (s == e == s2) for s2, e2 in taken)
            assert _overlaps(taken, s, e) == pairwise
            if not pairwise:
                bisect.insort(taken, (s, e))
    # By hand: an insertion at the start of a taken span overlaps it, one at its end does not.
    assert _overlaps([(3, 6)], 3, 3) and not _overlaps([(3, 6)], 6, 6) and _overlaps([(3, 6)], 5, 8)
