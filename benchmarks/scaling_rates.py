"""Scaling check: many counts, then one rate, all in one sentence (issue 12).

    python benchmarks/scaling_rates.py [--base 60] [--runs 3]

Q301/Q302 relate a rate to the counts of its sentence. A sentence of
thousands of counts followed by one rate once took 20 s at 100 kB, because
every two counts were paired; a second shape puts a rate after every two
counts, so that every rate pairs anew. This script lints such a sentence at 1×, 10×
and 100× `--base` counts (100× ≈ 100 kB) as a new process each, subtracts the
start-up time (an empty report), and prints each time and the growth factor
between sizes: a linear check grows about 10× per step, a quadratic 100×.
Times are the fastest of `--runs` (the least disturbed by other load); below
a few hundredths of a second a growth factor is noise, not a trend.
A scaling check, not a timed unit test: machines differ, the growth does not.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = (1, 10, 100)


def sentence(counts: int) -> str:
    """`counts` counts of cases in one sentence, each a base or a numerator of 办结率, then the rate."""
    parts = []
    for i in range(counts):
        value = 100 + i % 900
        # Alternate bases and numerators, so that every count is a candidate of the pairing.
        parts.append(f"受理事项{value}件" if i % 2 == 0 else f"办结{value - 3}件")
    return "全年" + "，".join(parts) + "，办结率95%。\n"


def interleaved(counts: int) -> str:
    """One sentence of `counts` counts with a rate after every two: each rate pairs anew."""
    parts = []
    for i in range(counts // 2):
        value = 100 + i % 900
        parts.append(f"受理{value}件，办结{value - 3}件，办结率{95 + i % 5}%")
    return "全年" + "，".join(parts) + "。\n"


SHAPES = {"counts then one rate": sentence, "a rate after every two counts": interleaved}


def lint_time(path: Path, runs: int) -> float:
    """Fastest wall time of linting `path` in a new process (Q301 and Q302 only)."""
    command = [sys.executable, "-m", "lzlint", "--no-cache", "--select", "Q301,Q302", str(path)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=60, help="counts in the 1× sentence (default 60, about 1 kB)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp, "empty.txt")
        empty.write_text("\n", encoding="utf-8")
        startup = lint_time(empty, args.runs)
        print(f"start-up (empty report): {startup:.3f} s\n")
        print("| shape | size | counts | bytes | time | time − start-up | growth |")
        print("|---|---|---|---|---|---|---|")
        for name, build in SHAPES.items():
            previous = None
            for scale in SCALES:
                path = Path(tmp, f"rates_{scale}x.txt")
                path.write_text(build(args.base * scale), encoding="utf-8")
                total = lint_time(path, args.runs)
                spent = max(total - startup, 0.001)
                growth = "" if previous is None else f"{spent / previous:.1f}×"
                size = f"| {name} | {scale}× | {args.base * scale} | {path.stat().st_size} |"
                print(f"{size} {total:.3f} s | {spent:.3f} s | {growth} |")
                previous = spent


if __name__ == "__main__":
    main()
