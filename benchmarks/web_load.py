"""Load on `lzlint serve` over loopback: 50 concurrent uploads, 200 in a row, one report while 8 others are checked.

    python benchmarks/web_load.py [--workers 2] [--rounds 30]

Starts `lzlint serve --port 0` (from the Python running this script) in a
temporary folder with an empty config, and uploads the seed reports with
httpx. Every answer is compared with the findings the same server gave for
that seed when idle; any difference, error status or exception is counted.
The peak memory of the server's process tree (its workers included) is
sampled from /proc. Prints a Markdown report; the target (issue 15): p95 of
one report at most 1 s on a 2-core machine while 8 others are being checked.
Exit status 1 when a response was wrong or the target was missed.

The server's queue is raised to 64 for the 50 concurrent uploads: with the
default (8) the rest are refused with 503 and Retry-After, by design.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import tree_rss  # noqa: E402  (one way of measuring memory for every benchmark)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
TARGET_P95 = 1.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Tally:
    def __init__(self, expected: dict[str, object]) -> None:
        self.expected = expected
        self.latencies: list[float] = []
        self.errors: list[str] = []

    async def upload(self, client: httpx.AsyncClient, seed: Path) -> None:
        started = time.perf_counter()
        try:
            answer = await client.post("/api/check", files=[("files", (seed.name, seed.read_bytes()))])
        except httpx.HTTPError as exc:
            self.errors.append(f"{seed.name}: {type(exc).__name__}")
            return
        self.latencies.append(time.perf_counter() - started)
        if answer.status_code != 200:
            self.errors.append(f"{seed.name}: HTTP {answer.status_code}")
        elif answer.json()["files"] != self.expected[seed.name]:
            self.errors.append(f"{seed.name}: findings differ")

    def row(self, name: str) -> str:
        if not self.latencies:
            return f"| {name} | 0 | – | – | – | {len(self.errors)} |"
        p50, p95 = statistics.median(self.latencies), percentile(self.latencies, 95)
        return f"| {name} | {len(self.latencies)} | {p50 * 1000:.0f} | {p95 * 1000:.0f} | {max(self.latencies) * 1000:.0f} | {len(self.errors)} |"


async def run(address: str, rounds: int) -> tuple[list[str], bool, bool]:
    limits = httpx.Limits(max_connections=100)
    async with httpx.AsyncClient(base_url=address, timeout=120, limits=limits) as client:
        expected = {}
        for seed in SEEDS:
            answer = await client.post("/api/check", files=[("files", (seed.name, seed.read_bytes()))])
            answer.raise_for_status()
            expected[seed.name] = answer.json()["files"]
        concurrent = Tally(expected)
        await asyncio.gather(*(concurrent.upload(client, SEEDS[i % len(SEEDS)]) for i in range(50)))
        in_a_row = Tally(expected)
        for i in range(200):
            await in_a_row.upload(client, SEEDS[i % len(SEEDS)])
        # One report at a time while 8 other clients keep the server busy.
        busy = Tally(expected)
        foreground = Tally(expected)
        stop = asyncio.Event()

        async def background(n: int) -> None:
            i = n
            while not stop.is_set():
                await busy.upload(client, SEEDS[i % len(SEEDS)])
                i += 1

        others = [asyncio.create_task(background(n)) for n in range(8)]
        await asyncio.sleep(0.5)
        for i in range(rounds):
            await foreground.upload(client, SEEDS[i % len(SEEDS)])
        stop.set()
        await asyncio.gather(*others)
    rows = [concurrent.row("50 concurrent"), in_a_row.row("200 in a row"), foreground.row("1 report while 8 others are checked"), busy.row("(the 8 others)")]
    errors = concurrent.errors + in_a_row.errors + foreground.errors + busy.errors
    for error in errors[:10]:
        print(f"error: {error}", file=sys.stderr)
    met = bool(foreground.latencies) and percentile(foreground.latencies, 95) <= TARGET_P95
    return rows, not errors, met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=30, help="reports timed one at a time under load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, ".lzlint.yaml").write_text("{}\n", encoding="utf-8")
        command = [sys.executable, "-m", "lzlint", "serve", "--port", "0", "--workers", str(args.workers), "--queue", "64"]
        server = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak = 0
        sampling = True

        def sample() -> None:
            nonlocal peak
            while sampling:
                peak = max(peak, tree_rss(server.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            assert server.stdout is not None
            address = server.stdout.readline().split()[2].rstrip("/")
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{address}/api/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.2)
            rows, correct, met = asyncio.run(run(address, args.rounds))
        finally:
            sampling = False
            server.terminate()
            server.wait(timeout=30)
    print(f"## lzlint serve under load ({args.workers} workers, {os.cpu_count()} cores, loopback)\n")
    print("| phase | requests | p50 ms | p95 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print(f"\nPeak memory of the server and its workers: {peak / 2**20:.0f} MB")
    print(f"Every response correct: {'yes' if correct else 'NO'}")
    print(f"Target p95 <= {TARGET_P95:g} s for one report while 8 others are checked: {'met' if met else 'MISSED'}")
    sys.exit(0 if correct and met else 1)


if __name__ == "__main__":
    main()
