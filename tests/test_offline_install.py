"""The offline way in (README, "Offline installation"): build the wheelhouse with
tools/build_offline.py, install it into a fresh virtual environment with pip's
network switched off, and run the installed lzlint on a fixture.

Building needs the package index (as pre-commit's test does); if that fails,
the test skips with the reason. Installing must not: every pip setting that
could reach an index is removed, and proxies point nowhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_lzlint

pytestmark = pytest.mark.slow

SEED_000 = next(SEEDS.glob("000_*.txt"))


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("PIP_", "VIRTUAL_ENV"))}
    unreachable = "http://127.0.0.1:9"
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # no pip.conf: no extra index, no find-links from this machine
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        http_proxy=unreachable,
        https_proxy=unreachable,
        HTTP_PROXY=unreachable,
        HTTPS_PROXY=unreachable,
        NO_COLOR="1",
    )
    return env


def test_wheelhouse_installs_without_network_and_runs(tmp_path: Path) -> None:
    out = tmp_path / "carry" / "lzlint-offline"
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_offline.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if built.returncode != 0:
        pytest.skip(f"could not build the wheelhouse (no package index?): {built.stderr.strip().splitlines()[-1:]}")
    archive = out.parent / "lzlint-offline.zip"
    with zipfile.ZipFile(archive) as carried:
        names = carried.namelist()
    assert "lzlint-offline/INSTALL.txt" in names
    assert any(n.startswith("lzlint-offline/lzlint-") and n.endswith(".whl") for n in names)

    # The offline machine: only the unpacked archive.
    target = tmp_path / "office"
    with zipfile.ZipFile(archive) as carried:
        carried.extractall(target)
    env = _offline_env()
    venv = target / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--find-links", "lzlint-offline", "lzlint"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    args = ["--no-cache", "--format", "concise", str(SEED_000)]
    offline = subprocess.run([str(bin_dir / "lzlint"), *args], capture_output=True, text=True, timeout=120, env=env, cwd=target)
    here = run_lzlint(args, cwd=target)
    # The installed copy finds what this tree finds (seed 000 has errors: exit 1).
    assert offline.returncode == here.returncode == 1
    assert offline.stdout == here.stdout and " Q301 " in offline.stdout
