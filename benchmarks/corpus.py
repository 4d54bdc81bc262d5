"""Build the benchmark corpus: the seed reports, copied with varied numbers.

Deterministic (a fixed random seed): the same folder on every machine.
Years (19xx, 20xx) are kept so that each copy stays a plausible report; every
other run of digits gets a random number of the same length.

    python benchmarks/corpus.py OUT_DIR [--count 1000]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _vary(text: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return digits
        first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(len(digits) - 1))

    return _DIGITS.sub(replace, text)


def build_corpus(out_dir: Path, count: int = 1000, seed: int = 2024) -> list[Path]:
    """Write `count` reports to `out_dir` (created); returns their paths."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out_dir / f"report_{number:04d}.txt"
        path.write_text(_vary(seeds[number % len(seeds)], rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    paths = build_corpus(args.out_dir, args.count)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
