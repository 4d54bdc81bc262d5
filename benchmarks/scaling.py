"""Scaling check: adversarial input shapes of issue 12 at 1x, 10x and 100x.

    python benchmarks/scaling.py [--base 1000] [--runs 1]

Each shape is written at about --base characters, then 10 and 100 times
that (100 kB by default), and linted in a new process (`lzlint --no-cache
-q`, or `--diff` for the many-fixes shape). The report gives the wall time
at each size, the growth factor from 10x to 100x (about 10 when linear,
about 100 when quadratic; process start-up makes small sizes look flatter),
and the 100x time against an ordinary report of the same size: issue 12's
target is no 100 kB input slower than 3x an ordinary report.
Timing lives here, not in the unit tests, where a loaded machine would make
it flaky.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
HEAD = "（一）加强组织领导。\n"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: HEAD + unit * max(1, size // len(unit)) + "\n"


def _ordinary(size: int) -> str:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    return (seed * (size // len(seed) + 1))[:size]


def _headings(size: int) -> str:
    cycle = "一、标题\n（一）标题\n1.标题\n（1）标题\n①标题\n"
    return cycle * max(1, size // len(cycle))


def _counts_then_rate(size: int) -> str:
    counts = "".join(f"第{i}批办理{i % 9 + 1}件，" for i in range(max(1, size // 12)))
    return HEAD + counts + "办结率为95%。\n"


TEXT_SHAPES: dict[str, tuple[Callable[[int], str], tuple[str, ...]]] = {
    "ordinary report": (_ordinary, ()),
    "digits": (_repeat("1"), ()),
    "underscores": (_repeat("_"), ()),
    "2024年 repeated": (_repeat("2024年"), ()),
    "&lt;, repeated": (_repeat("&lt;,"), ()),
    "、 repeated": (_repeat("、"), ()),
    "，；： repeated": (_repeat("，；："), ()),
    "headings 一、/（一）/1./（1）/①": (_headings, ()),
    "counts then one rate": (_counts_then_rate, ()),
    "many fixes (--diff)": (_repeat("法治&lt;,"), ("--diff",)),
}


def _docx_styles(size: int) -> bytes:
    """size/20 paragraphs over size/80 styles, each based on the previous one (a deep basedOn chain)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    styles = document.styles
    previous = styles["Normal"]
    names = []
    for i in range(max(1, size // 80)):
        style = styles.add_style(f"S{i}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = previous
        previous = style
        names.append(style.name)
    for i in range(max(1, size // 20)):
        document.add_paragraph("（一）加强组织领导。", style=names[i % len(names)])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _time(args: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lzlint", *args], capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1000, help="characters at 1x (default 1000)")
    parser.add_argument("--runs", type=int, default=1, help="best of this many runs per size")
    args = parser.parse_args()
    sizes = (args.base, args.base * 10, args.base * 100)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shapes: list[tuple[str, Callable[[int], Path], tuple[str, ...]]] = []
        for name, (make, extra) in TEXT_SHAPES.items():
            def write_text(size: int, make: Callable[[int], str] = make, name: str = name) -> Path:
                path = folder / f"{abs(hash(name))}-{size}.txt"
                path.write_text(make(size), encoding="utf-8")
                return path
            shapes.append((name, write_text, extra))
        try:
            import docx  # noqa: F401

            def write_docx(size: int) -> Path:
                path = folder / f"styles-{size}.docx"
                path.write_bytes(_docx_styles(size))
                return path
            shapes.append((".docx deep basedOn chain", write_docx, ()))
        except ImportError:
            pass
        for name, write, extra in shapes:
            times = [_time(["--no-cache", "-q", *extra, str(write(size))], args.runs) for size in sizes]
            rows.append((name, times))
    ordinary = rows[0][1][2]
    print(f"| shape | {' | '.join(f'{s // 1000} k' for s in sizes)} | growth 10x→100x | vs ordinary at 100x |")
    print("|---|" + "---|" * (len(sizes) + 2))
    for name, times in rows:
        cells = " | ".join(f"{t:.2f} s" for t in times)
        print(f"| {name} | {cells} | {times[2] / times[1]:.1f}x | {times[2] / ordinary:.1f}x |")
    worst = max(times[2] / ordinary for _, times in rows)
    print(f"\nWorst 100x shape: {worst:.1f}x an ordinary report (target: at most 3x).")


if __name__ == "__main__":
    main()
