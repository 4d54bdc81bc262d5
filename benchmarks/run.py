"""Benchmark lzlint: one report cold, a 1,000-report folder serial/parallel/cached.

    python benchmarks/run.py [--count 1000] [--runs 5] [--no-compare]

Run it with the Python of the environment lzlint is installed in. It builds
the corpus (benchmarks/corpus.py) in a temporary directory, runs every case
as a new process, and prints a Markdown report: wall time (median of --runs),
peak memory (the whole process tree, sampled from /proc, and the largest
single process), throughput, and the targets of issue 5. With npm, zhlint
and autocorrect-node are installed into a temporary directory and timed on
the same folder in the same run; without, they are reported as skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SEEDS, build_corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds
    tree_mb: float  # peak of the summed RSS of the process and its descendants (sampled)
    process_mb: float  # largest RSS of any single process of the run (kernel figure)
    status: int


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * PAGE
            # Every thread's children: a server starts its workers from a thread, not the main one.
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a timed run: that of an installed lzlint, whose bytecode is cached.

    PYTHONDONTWRITEBYTECODE (set on some CI and sandbox machines) would make
    an editable install compile every module from source on every start,
    about a third of a one-report run, which no user's install pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Run `command` once, output discarded; its wall time and peak memory."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=_environment(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; it covers the child and the children it waited for.
    process_mb = usage.ru_maxrss / 1024
    return Measure(wall, max(peak / 2**20, process_mb), process_mb, process.returncode)


def repeat(command: list[str], cwd: Path, runs: int, env: dict[str, str] | None = None) -> list[Measure]:
    return [measure(command, cwd, env) for _ in range(runs)]


def median_wall(measures: list[Measure]) -> float:
    return statistics.median(m.wall for m in measures)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _install_node_tools(directory: Path) -> tuple[dict[str, Path], list[str]]:
    """zhlint and autocorrect-node from the npm registry; notes on what failed."""
    npm = shutil.which("npm")
    if npm is None:
        return {}, ["zhlint, autocorrect: skipped (npm not found)"]
    found, notes = {}, []
    for package, binary in (("zhlint", "zhlint"), ("autocorrect-node", "autocorrect")):
        result = subprocess.run([npm, "install", "--silent", "--prefix", str(directory), package], capture_output=True, text=True, timeout=600)
        path = directory / "node_modules" / ".bin" / binary
        if result.returncode == 0 and path.exists():
            found[binary] = path
        else:
            notes.append(f"{binary}: skipped (npm install {package} failed: {result.stderr.strip()[-200:]})")
    return found, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="reports in the corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument("--no-compare", action="store_true", help="do not install and time zhlint/autocorrect")
    args = parser.parse_args()

    lzlint = shutil.which("lzlint", path=os.path.dirname(sys.executable)) or "lzlint"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    from lzlint import __version__
    from lzlint.model.segment import Segmenter

    with tempfile.TemporaryDirectory(prefix="lzlint-bench-") as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        paths = build_corpus(corpus, args.count)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        seed = work / "one.txt"
        shutil.copy(sorted(SEEDS.glob("*.txt"))[0], seed)
        one_mb = seed.stat().st_size / 1e6

        rows: list[tuple[str, list[Measure], float]] = []
        # The very first run on a machine builds the dictionary store (a fresh TMPDIR).
        fresh = work / "fresh-tmp"
        fresh.mkdir()
        first = measure([lzlint, "--no-cache", str(seed)], work, {"TMPDIR": str(fresh)})
        rows.append(("one report, first run on the machine (builds the dictionary store)", [first], one_mb))
        measure([lzlint, "--no-cache", str(seed)], work)  # the store exists in the usual TMPDIR
        one = repeat([lzlint, "--no-cache", str(seed)], work, max(args.runs, 11))
        rows.append(("one report, new process, every default rule", one, one_mb))
        serial = repeat([lzlint, "--no-cache", "--jobs", "1", "corpus"], work, args.runs)
        rows.append((f"{args.count} reports, --jobs 1, no cache", serial, size_mb))
        for jobs in sorted({2, cores}):
            parallel = repeat([lzlint, "--no-cache", "--jobs", str(jobs), "corpus"], work, args.runs)
            rows.append((f"{args.count} reports, --jobs {jobs}, no cache", parallel, size_mb))
            if jobs == 2:
                two = parallel
        cache_dir = str(work / "cache")
        measure([lzlint, "--cache-dir", cache_dir, "corpus"], work)
        cached = repeat([lzlint, "--cache-dir", cache_dir, "corpus"], work, args.runs)
        rows.append((f"{args.count} reports, cached re-run (unchanged)", cached, size_mb))

        notes: list[str] = []
        zhlint_wall = None
        if not args.no_compare:
            tools, notes = _install_node_tools(work / "node-tools")
            if "zhlint" in tools:
                zh = repeat([str(tools["zhlint"]), "*.txt"], corpus, min(args.runs, 3))
                zhlint_wall = median_wall(zh)
                rows.append((f"zhlint {args.count} reports (punctuation only)", zh, size_mb))
            if "autocorrect" in tools:
                ac = repeat([str(tools["autocorrect"]), "--lint", "--quiet", "."], corpus, args.runs)
                rows.append((f"autocorrect-node --lint, {args.count} reports", ac, size_mb))

        print(f"## lzlint {__version__} benchmark\n")
        print(f"- machine: {cores} cores ({_cpu_model()}), {_memory()} memory, {platform.system()} {platform.release()}")
        print(f"- Python {platform.python_version()}, tokenizer: {Segmenter().backend}, load average at the end: {_load()}")
        print(f"- corpus: {args.count} reports, {size_mb:.1f} MB (benchmarks/corpus.py); median of {args.runs} runs (11 for one report)\n")
        print("| case | wall time (median) | min | peak memory (tree) | throughput |")
        print("|---|---:|---:|---:|---:|")
        for name, measures, mb in rows:
            wall = median_wall(measures)
            low = min(m.wall for m in measures)
            peak = max(m.tree_mb for m in measures)
            print(f"| {name} | {wall:.2f} s | {low:.2f} s | {peak:.0f} MB | {mb / wall:.2f} MB/s |")
        print()
        for note in notes:
            print(f"- {note}")
        print("\n### Targets (issue 5, on a 2-core machine)\n")
        checks = [
            ("one report in a new process ≤ 0.3 s (median)", median_wall(one), 0.3),
            ("cached re-run of the folder ≤ 0.5 s", median_wall(cached), 0.5),
            ("peak memory of the folder run (--jobs 2) ≤ 300 MB", max(m.tree_mb for m in two), 300.0),
        ]
        if zhlint_wall is not None:
            checks.append(("folder, --jobs 2, no cache ≤ 0.7 × zhlint", median_wall(two) / zhlint_wall, 0.7))
        for name, value, limit in checks:
            print(f"- {name}: {value:.2f} — {'met' if value <= limit else 'MISSED'}")


if __name__ == "__main__":
    main()
