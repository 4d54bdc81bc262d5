"""Benchmark the folder checks (issue 16) on a synthetic county and province.

    python benchmarks/county.py [--dir DIR] [--county-only] [--province N]
                                [--province-sample N] [--runs 5]
                                [--province-runs 3] [--seed 16]

Generates (benchmarks/synthetic_county.py) a county of 60 reports and a
province of 10,000 with last year's reports beside them and a manifest of
every planted copy, then, for each:

1. times the per-file checks alone: ``lzlint --no-cache --ignore <R codes>
   --format json DIR``;
2. times the full run: ``lzlint --no-cache --previous PREV --format json DIR``
   (run in DIR, so that DIR/.lzlint.yaml with the roster applies), and the
   same without --previous (to tell what reading last year's reports costs;
   --no-split skips it);
3. scores the full run's findings against the manifest: planted copies
   found (R101 at the copy, R102 at the carried-over paragraph), boilerplate
   paragraphs reported, other R101/R102 findings (false positives, each with
   the most similar paragraph the generator knows of), R201/R202/R203 as
   planted. A false positive that names the other paragraph ("X.txt 第N行")
   gets the pair's similarity without figures: 0.9 or more means the
   generator wrote two paragraphs too alike, below means the check erred.

Wall clock of a new process, default --jobs, the median of --runs (the
province's of --province-runs), the stages taking turns round after round;
peak memory of the whole process tree (benchmarks/run.py's /proc reader). It relies only on the
command line and the codes in the JSON, so it works whatever the folder
checks' internals. Exit status 1 when a target fails: every planted copy
found, no boilerplate reported, the folder checks adding at most half to the
per-file time, peak memory at most 1 GB for the province.

--province-sample N runs the per-file stage of the province on N reports and
scales its time to all of them (printed as extrapolated); the full run with
the folder checks is always timed on every report. Without any R1xx/R2xx rule
in `lzlint --list-rules` (before the folder checks exist) it times the
per-file stage only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Measure, measure  # noqa: E402
from synthetic_county import Settings, shingles  # noqa: E402

FOLDER_CODE = re.compile(r"^R[12]\d\d$")
COPY_CODES = ("R101", "R102")
NAMED = re.compile(r"([^\s，。：；]+\.(?:txt|md|docx))\s*第(\d+)[行段]")
GIB = 1024.0  # MB


@dataclass
class Score:
    planted: int = 0
    found: int = 0
    missed: list[dict[str, object]] = field(default_factory=list)
    source_side: int = 0  # R101 sources with a finding too ("at both places")
    boilerplate_reported: list[dict[str, object]] = field(default_factory=list)
    false_positives: list[dict[str, object]] = field(default_factory=list)
    report_level: int = 0  # R101/R102 findings on a line that is no paragraph (a per-report summary)
    roster: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)  # code → (expected, found, wrong)


@dataclass
class Stage:
    name: str
    measures: list[Measure]
    extrapolated_from: int = 0  # reports actually run, when scaled up

    @property
    def wall(self) -> float:
        return statistics.median(m.wall for m in self.measures)

    @property
    def peak(self) -> float:
        return max(m.tree_mb for m in self.measures)


def lzlint_command() -> str:
    return shutil.which("lzlint", path=os.path.dirname(sys.executable)) or "lzlint"


def folder_codes(lzlint: str) -> list[str]:
    listing = subprocess.run([lzlint, "--list-rules"], capture_output=True, text=True, check=False).stdout
    return sorted({line.split()[0] for line in listing.splitlines() if line.split() and FOLDER_CODE.match(line.split()[0])})


def _run_checked(command: list[str], cwd: Path, runs: int) -> list[Measure]:
    """Time `command` `runs` times; on a usage error, stop with lzlint's own message."""
    measures = []
    for _ in range(runs):
        result = measure(command, cwd)
        if result.status not in (0, 1):
            error = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False).stderr.strip()
            sys.exit(f"county.py: `{' '.join(command)}` (in {cwd}) exited {result.status}: {error[-500:]}")
        measures.append(result)
    return measures


def _run_interleaved(commands: list[tuple[list[str], Path]], runs: int) -> list[list[Measure]]:
    """Each (command, folder) timed `runs` times, one run of each per round; the measures by command."""
    timed: list[list[Measure]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, cwd), measures in zip(commands, timed):
            measures.extend(_run_checked(command, cwd, 1))
    return timed


def sample_folder(folder: Path, target: Path, count: int) -> Path:
    """The first `count` reports of `folder` (sorted by name), linked into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.glob("*.txt"))[:count]:
        (target / path.name).symlink_to(path)
    return target


def load_findings(path: Path, cwd: Path, out: Path) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    for finding in findings:
        where = Path(str(finding.get("path", "")))
        where = (cwd / where).resolve() if not where.is_absolute() else where.resolve()
        try:
            finding["file"] = where.relative_to(out.resolve()).as_posix()
        except ValueError:
            finding["file"] = where.as_posix()
    return findings


class Paragraphs:
    """Every line of the written reports, and an index of their shingles to name the nearest paragraph."""

    def __init__(self, out: Path, manifest: dict[str, object], index: bool) -> None:
        self.lines: dict[tuple[str, int], str] = {}
        self.folders = (str(manifest["folder"]), str(manifest["previous_folder"]))
        for folder in self.folders:
            for path in sorted((out / folder).glob("*.txt")):
                for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    self.lines[(f"{folder}/{path.name}", number)] = text
        self.index: dict[str, list[tuple[str, int]]] = {}
        if index:
            for key, text in self.lines.items():
                if len(text) >= 40:
                    for shingle in shingles(text, 5):
                        self.index.setdefault(shingle, []).append(key)

    def named(self, message: str) -> tuple[str, int] | None:
        """The other paragraph a finding's message names ("… X.txt 第N行 …"), if it names one."""
        match = NAMED.search(message)
        if match is None:
            return None
        name, line = Path(match.group(1)).name, int(match.group(2))
        for folder in self.folders:
            if (f"{folder}/{name}", line) in self.lines:
                return f"{folder}/{name}", line
        return None

    def is_paragraph(self, file: str, line: int) -> bool:
        return len(self.lines.get((file, line), "").strip()) >= 40 and not re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", self.lines[(file, line)])

    def nearest(self, file: str, line: int) -> tuple[str, int, float]:
        """The most similar other paragraph (by 5-character shingles) and its Jaccard similarity."""
        text = self.lines.get((file, line), "")
        mine = shingles(text, 5)
        counts: Counter[tuple[str, int]] = Counter()
        for shingle in mine:
            counts.update(k for k in self.index.get(shingle, ()) if k[0] != file)
        best = ("", 0, 0.0)
        for key, _shared in counts.most_common(5):
            other = shingles(self.lines[key], 5)
            value = len(mine & other) / len(mine | other)
            if value > best[2]:
                best = (key[0], key[1], value)
        return best


def score(findings: list[dict[str, object]], manifest: dict[str, object], paragraphs: Paragraphs) -> Score:
    result = Score()
    at: dict[tuple[str, int, str], list[dict[str, object]]] = {}
    for finding in findings:
        at.setdefault((str(finding["file"]), int(finding.get("line") or 0), str(finding["code"])), []).append(finding)  # type: ignore[call-overload]
    copies: list[dict[str, object]] = manifest["copies"]  # type: ignore[assignment]
    explained: set[tuple[str, int]] = set()
    for copy in copies:
        source: dict[str, object] = copy["source"]  # type: ignore[assignment]
        target = (str(copy["file"]), int(copy["line"]))  # type: ignore[call-overload]
        origin = (str(source["file"]), int(source["line"]))  # type: ignore[call-overload]
        explained |= {target, origin}
        result.planted += 1
        if at.get((*target, str(copy["code"]))):
            result.found += 1
        else:
            others = sorted({str(f["code"]) for (file, line, _code), fs in at.items() if (file, line) == target for f in fs})
            result.missed.append({**copy, "findings_there": others, "chars": len(paragraphs.lines.get(target, ""))})
        if copy["code"] == "R101" and at.get((*origin, "R101")):
            result.source_side += 1
    boilerplate = {(str(b["file"]), int(b["line"])): str(b["kind"]) for b in manifest["boilerplate"]}  # type: ignore[attr-defined]
    duplicate_files = {f for d in manifest["duplicates"] for f in d["files"]}  # type: ignore[attr-defined]
    for (file, line, code), fs in sorted(at.items()):
        if code not in COPY_CODES:
            continue
        if (file, line) in boilerplate:
            kind = boilerplate[(file, line)]
            result.boilerplate_reported.extend({"file": file, "line": line, "code": code, "kind": kind, "message": f["message"]} for f in fs)
        elif (file, line) in explained:
            continue
        elif not paragraphs.is_paragraph(file, line):
            result.report_level += len(fs)
        else:
            for f in fs:
                near = paragraphs.nearest(file, line) if paragraphs.index else ("", 0, 0.0)
                other = paragraphs.named(str(f["message"]))
                if other is not None:
                    # How alike the pair is without figures (3-character shingles): at 0.9 or more the
                    # generator wrote two paragraphs too alike; below, the check matched unlike ones.
                    a, b = (shingles(re.sub(r"\d", "", paragraphs.lines[k]), 3) for k in ((file, line), other))
                    near = (other[0], other[1], len(a & b) / len(a | b))
                measure = "named pair, 3-char shingles without figures" if other is not None else "nearest paragraph, 5-char shingles"
                why = "same unit (duplicate report)" if file in duplicate_files and any(Path(d).name in str(f["message"]) for d in duplicate_files) else ""
                result.false_positives.append({"file": file, "line": line, "code": code, "message": f["message"], "nearest": near, "measure": measure, "why": why})
    # Roster: each missing unit named by an R201, each duplicate by an R202, each unknown unit by an R203.
    def named(code: str, expected: list[tuple[str, str]]) -> tuple[int, int, list[str]]:
        fs = [f for f in findings if f["code"] == code]
        hit = sum(1 for unit, file in expected if any(unit in str(f["message"]) or (file and f["file"] == file) for f in fs))
        wrong = [f"{f['file']}:{f.get('line')}: {f['message']}" for f in fs if not any(unit in str(f["message"]) or (file and f["file"] == file) for unit, file in expected)]
        return len(expected), hit, wrong

    result.roster["R201"] = named("R201", [(u, "") for u in manifest["missing"]])  # type: ignore[attr-defined]
    result.roster["R202"] = named("R202", [(d["unit"], d["files"][1]) for d in manifest["duplicates"]])  # type: ignore[attr-defined]
    result.roster["R203"] = named("R203", [(u["unit"], u["file"]) for u in manifest["unknown"]])  # type: ignore[attr-defined]
    return result


@dataclass
class Outcome:
    label: str
    reports: int
    per_file: Stage
    full: Stage | None
    score: Score | None
    manifest: dict[str, object]
    findings: int = 0
    without_previous: Stage | None = None


def bench(label: str, out: Path, settings: Settings, lzlint: str, codes: list[str], runs: int, sample: int | None, split: bool) -> Outcome:
    started = time.perf_counter()
    # In a process of its own: a parent grown by the generator's guard would lend its pages to
    # every lzlint it forks, and the memory reader would count them.
    command = [sys.executable, str(Path(__file__).with_name("synthetic_county.py")), str(out), "--reports", str(settings.reports), "--seed", str(settings.seed)]
    subprocess.run([*command, *([] if settings.roster else ["--no-roster"])], check=True, stdout=subprocess.DEVNULL)
    manifest: dict[str, object] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    print(f"{label}: generated {len(manifest['reports']) + len(manifest['duplicates'])} reports and last year's {len(list((out / 'county-previous').glob('*.txt')))} in {time.perf_counter() - started:.0f} s", file=sys.stderr)  # type: ignore[arg-type]
    folder, previous = out / "county", out / "county-previous"
    ignore = ["--ignore", ",".join(codes)] if codes else []
    per_file_json, full_json = out / "per-file.json", out / "full.json"
    total = len(list(folder.glob("*.txt")))
    per_file_in = folder
    if sample and sample < total:
        per_file_in = sample_folder(folder, out / "sample", sample)
        if (folder / ".lzlint.yaml").exists():
            shutil.copy(folder / ".lzlint.yaml", per_file_in / ".lzlint.yaml")
    commands = [([lzlint, "--no-cache", *ignore, "--format", "json", "-o", str(per_file_json), "."], per_file_in)]
    if codes:
        if split:
            # The same without --previous: how much of the added time is reading last year's reports.
            commands.append(([lzlint, "--no-cache", "--format", "json", "-o", str(out / "no-previous.json"), "."], folder))
        commands.append(([lzlint, "--no-cache", "--previous", str(previous), "--format", "json", "-o", str(full_json), "."], folder))
    # Round after round, each stage once per round: a machine that slows down for a while (a
    # neighbour's load) slows every stage alike, rather than the stage that happened to run then.
    timed = _run_interleaved(commands, runs)
    if sample and per_file_in != folder:
        scaled = [Measure(m.wall * total / sample, m.tree_mb, m.process_mb, m.status) for m in timed[0]]
        per_file = Stage("per-file checks only", scaled, extrapolated_from=sample)
    else:
        per_file = Stage("per-file checks only", timed[0])
    print(f"{label}: per-file stage {per_file.wall:.2f} s", file=sys.stderr)
    if not codes:
        return Outcome(label, total, per_file, None, None, manifest)
    without = Stage("per-file + folder checks, no --previous", timed[1]) if split else None
    if without is not None:
        print(f"{label}: without --previous {without.wall:.2f} s", file=sys.stderr)
    full = Stage("per-file + folder checks", timed[-1])
    print(f"{label}: full run {full.wall:.2f} s", file=sys.stderr)
    findings = load_findings(full_json, folder, out)
    paragraphs = Paragraphs(out, manifest, index=total <= 500)
    return Outcome(label, total, per_file, full, score(findings, manifest, paragraphs), manifest, len(findings), without)


def print_outcome(o: Outcome) -> list[tuple[str, bool, str]]:
    """Print the figures of one run; return the targets (name, met, value)."""
    print(f"\n### {o.label}: {o.reports} reports\n")
    print("| stage | wall time (median) | peak memory (tree) |")
    print("|---|---:|---:|")
    note = f" (extrapolated from {o.per_file.extrapolated_from} reports)" if o.per_file.extrapolated_from else ""
    print(f"| {o.per_file.name}{note} | {o.per_file.wall:.2f} s | {o.per_file.peak:.0f} MB{' (of the sample)' if note else ''} |")
    targets: list[tuple[str, bool, str]] = []
    if o.full is None or o.score is None:
        print("\nNo folder checks (no R1xx/R2xx rule in `lzlint --list-rules`): per-file stage only.")
        return targets
    if o.without_previous is not None:
        w = o.without_previous
        print(f"| {w.name} | {w.wall:.2f} s | {w.peak:.0f} MB |")
    print(f"| {o.full.name} | {o.full.wall:.2f} s | {o.full.peak:.0f} MB |")
    added = o.full.wall / o.per_file.wall - 1
    s = o.score
    copies: list[dict[str, object]] = o.manifest["copies"]  # type: ignore[assignment]
    kinds = Counter(f"{c['code']} {c['kind']}" for c in copies)
    missed_kinds = Counter(f"{c['code']} {c['kind']}" for c in s.missed)
    print(f"\nfolder checks add {added:+.0%} to the per-file time; {o.findings} findings in the full run\n")
    print("| planted | count | found |")
    print("|---|---:|---:|")
    for kind in sorted(kinds):
        print(f"| {kind} | {kinds[kind]} | {kinds[kind] - missed_kinds[kind]} |")
    print(f"| all copies (recall) | {s.planted} | {s.found} ({s.found / max(1, s.planted):.3f}) |")
    r101 = sum(1 for c in copies if c["code"] == "R101")
    print(f"| R101 sources also flagged (finding at both places) | {r101} | {s.source_side} |")
    for code, (expected, hit, wrong) in s.roster.items():
        print(f"| {code} as planted | {expected} | {hit} (+{len(wrong)} other) |")
    print(f"\n- boilerplate paragraphs (opening, standard formulations): {len(o.manifest['boilerplate'])}, reported: {len(s.boilerplate_reported)}")  # type: ignore[arg-type]
    print(f"- other R101/R102 findings on a paragraph (false positives): {len(s.false_positives)}; on a line that is no paragraph (per-report summaries): {s.report_level}")
    if s.boilerplate_reported:
        kinds_reported = Counter(f"{b['code']} on {b['kind']}" for b in s.boilerplate_reported)
        print(f"  - by code and kind: {', '.join(f'{k}: {v}' for k, v in sorted(kinds_reported.items()))}")
    if s.false_positives:
        causes = Counter(f"{f['code']}{' (' + str(f['why']) + ')' if f['why'] else ''}" for f in s.false_positives)
        print(f"  - false positives by code: {', '.join(f'{k}: {v}' for k, v in sorted(causes.items()))}")
        measured = [float(f["nearest"][2]) for f in s.false_positives if f["measure"].startswith("named") and not f["why"]]  # type: ignore[index, attr-defined]
        if measured:
            alike = sum(value >= 0.9 for value in measured)
            print(f"  - of the other false positives, {alike} of {len(measured)} pairs are ≥ 0.90 alike without figures (3-char shingles; the generator's fault), {len(measured) - alike} below (the check's)")
    for m in s.missed[:40]:
        print(f"- MISSED {m['code']} {m['kind']}{' (names the source unit)' if m.get('names_source_unit') else ''} §{m['section']} {m['file']}:{m['line']} ← {m['source']['file']}:{m['source']['line']} (similarity {m['similarity']}, {m['chars']} chars; findings there: {', '.join(m['findings_there']) or 'none'})")  # type: ignore[index, arg-type]
    for b in s.boilerplate_reported[:20]:
        print(f"- BOILERPLATE REPORTED {b['code']} {b['file']}:{b['line']}: {b['message']}")
    for f in s.false_positives[:40]:
        nearest = f["nearest"]
        near = f"; {nearest[0]}:{nearest[1]} at {nearest[2]:.2f} ({f['measure']})" if nearest[0] else ""  # type: ignore[index]
        print(f"- FALSE POSITIVE {f['code']} {f['file']}:{f['line']}: {f['message']}{near}{' — ' + str(f['why']) if f['why'] else ''}")
    targets.append((f"{o.label}: every planted copy found", s.found == s.planted, f"{s.found}/{s.planted}"))
    targets.append((f"{o.label}: no boilerplate paragraph reported", not s.boilerplate_reported, str(len(s.boilerplate_reported))))
    targets.append((f"{o.label}: folder checks add ≤ 50% to the per-file time{' (per-file extrapolated)' if o.per_file.extrapolated_from else ''}", added <= 0.5, f"{added:+.0%}"))
    for code in ("R201", "R202"):
        expected, hit, _wrong = s.roster[code]
        targets.append((f"{o.label}: every {code} as planted", hit == expected, f"{hit}/{expected}"))
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="generate here (kept) instead of a temporary directory")
    parser.add_argument("--county-only", action="store_true", help="skip the province")
    parser.add_argument("--province", type=int, default=10_000, help="reports in the province")
    parser.add_argument("--province-sample", type=int, default=0, help="run the province's per-file stage on N reports and extrapolate")
    parser.add_argument("--runs", type=int, default=5, help="runs per stage for the county (median)")
    parser.add_argument("--province-runs", type=int, default=3, help="runs per stage for the province (median)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-split", action="store_true", help="do not time the folder checks without --previous as well")
    args = parser.parse_args()

    lzlint = lzlint_command()
    codes = folder_codes(lzlint)
    roster = any(code.startswith("R2") for code in codes)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="lzlint-county-") as scratch:
        base = args.dir or Path(scratch)
        outcomes = [bench("county", base / "county-60", Settings.scaled(60, args.seed, roster), lzlint, codes, args.runs, None, not args.no_split)]
        if not args.county_only:
            outcomes.append(bench("province", base / f"province-{args.province}", Settings.scaled(args.province, args.seed, roster), lzlint, codes, args.province_runs, args.province_sample or None, not args.no_split))
        print("## Folder checks benchmark (issue 16)\n")
        print(f"- {cores} cores, load average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3]) if Path('/proc/loadavg').exists() else '?'}")
        print(f"- folder codes found: {', '.join(codes) or 'none'}; commands: `lzlint --no-cache [--ignore CODES] --format json .` and `lzlint --no-cache --previous PREV --format json .`, run in the folder")
        targets: list[tuple[str, bool, str]] = []
        for outcome in outcomes:
            targets += print_outcome(outcome)
        province = next((o for o in outcomes if o.label == "province" and o.full is not None), None)
        if province is not None and province.full is not None:
            targets.append(("province: peak memory of the full run ≤ 1 GB", province.full.peak <= GIB, f"{province.full.peak:.0f} MB"))
        print("\n### Targets\n")
        for name, met, value in targets:
            print(f"- {name}: {value} — {'met' if met else 'MISSED'}")
    if any(not met for _name, met, _value in targets):
        sys.exit(1)


if __name__ == "__main__":
    main()
