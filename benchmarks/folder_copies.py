"""Micro-benchmark of the folder stage (R101 copies) on synthetic digests, in one process.

    python benchmarks/folder_copies.py [--reports 10000] [--paragraphs 30] [--seed 7]

It makes `--reports` digests of `--paragraphs` body paragraphs each, written
from a pool of phrases (so unrelated paragraphs share words, as real reports
do), plants copies between pairs of reports (numbers changed), three
standard paragraphs every report carries and one that 40% carry, and times:
the normalisation (the per-file workers' share, given per report), and the
folder check over all digests (the main process's share, sketches included). Peak memory is the
process's maximum RSS (ru_maxrss) before and after the check. It prints
whether every planted copy was found and no standard paragraph reported.
The realistic corpus (reports built from the fixtures) is benchmarks/countybench.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lzlint.folder.copies import Report, check_copies  # noqa: E402
from lzlint.folder.paragraphs import Paragraph  # noqa: E402
from lzlint.folder.shingles import normalise  # noqa: E402
from lzlint.ruleset.rules import default_rules_dir, load_rules  # noqa: E402

# CJK characters phrases are drawn from: common enough that phrases recur across reports.
_CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 1500)]


def _phrase_pool(rng: random.Random, size: int) -> list[str]:
    return ["".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 6))) for _ in range(size)]


def _paragraph(rng: random.Random, pool: list[str]) -> str:
    parts = [rng.choice(pool) for _ in range(rng.randint(12, 30))]
    # Figures in the text, as reports have: a copy changes them.
    return "，".join(parts[:6]) + f"全年{rng.randint(2, 500)}件，" + "，".join(parts[6:]) + "。"


def _renumber(text: str, rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in text)


def _digest(texts: list[str]) -> tuple[Paragraph, ...]:
    paragraphs = []
    for line, raw in enumerate(texts, start=3):
        text = normalise(raw)
        paragraphs.append(Paragraph(line, 0, len(raw), "", text))
    return tuple(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--paragraphs", type=int, default=30)
    parser.add_argument("--copies", type=int, default=200, help="planted copies between two reports")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = _phrase_pool(rng, 4000)
    rule = next(r for r in load_rules([default_rules_dir()]) if r.code == "R101")

    standard = [_paragraph(rng, pool) for _ in range(3)]
    common = _paragraph(rng, pool)  # in 40% of the reports: above the 30% share
    texts = []
    for r in range(args.reports):
        own = [_paragraph(rng, pool) for _ in range(args.paragraphs - 4)]
        extra = [common] if r % 5 < 2 else [_paragraph(rng, pool)]
        texts.append(standard + extra + own)
    planted: list[tuple[int, int, int]] = []
    used: set[tuple[int, int]] = set()  # a paragraph copied from or over once only: each plant stays a pair
    while len(planted) < args.copies:
        a, b = rng.sample(range(args.reports), 2)
        p = rng.randrange(4, args.paragraphs)
        if (a, p) in used or (b, p) in used:
            continue
        used.update({(a, p), (b, p)})
        texts[b][p] = _renumber(texts[a][p], rng)
        planted.append((a, b, p))

    start = time.perf_counter()
    reports = [Report(f"{r:05d}.txt", _digest(t)) for r, t in enumerate(texts)]
    digesting = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    found = list(check_copies(reports, rule))
    folder = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    flagged = {(d.path, d.line) for d in found}
    missed = [(a, b, p) for a, b, p in planted if (f"{a:05d}.txt", p + 3) not in flagged or (f"{b:05d}.txt", p + 3) not in flagged]
    # Lines 3-5: the paragraphs every report carries; line 6: the one 40% carry.
    standard_hits = [d for d in found if d.line in (3, 4, 5) or (d.line == 6 and int(d.path[:5]) % 5 < 2)]
    paragraphs = args.reports * args.paragraphs
    print(f"reports {args.reports}, paragraphs {paragraphs}, planted copies {len(planted)}")
    print(f"normalised paragraphs (workers' share): {digesting:.1f} s, {1000 * digesting / args.reports:.2f} ms per report")
    print(f"folder check (main process, sketches included): {folder:.1f} s, {len(found)} findings")
    print(f"peak RSS: {before:.0f} MB with the digests, {after:.0f} MB after the check")
    print(f"planted copies missed: {len(missed)}; standard paragraphs reported: {len(standard_hits)}")


if __name__ == "__main__":
    main()
