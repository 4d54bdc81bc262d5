"""Build a wheelhouse for installing lzlint on a machine without internet.

County and township machines are often on networks without internet. This
builds, on a machine that has it, one folder (and a .zip of it to carry on a
USB stick) holding lzlint and every package it needs as wheels:

    python tools/build_offline.py                      # for this machine's platform and Python
    python tools/build_offline.py --platform win_amd64 --python-version 3.10

and on the offline machine, from the unpacked folder:

    python -m pip install --no-index --find-links lzlint-offline lzlint

lzlint itself and jieba (published only as source) are built here as
pure-Python wheels; the other packages are taken as published wheels for the
target (python-docx needs lxml, a compiled package, so the target platform
and Python version matter). Add `--extras fast` for rjieba.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages on PyPI only as source: built here into wheels that install anywhere.
SOURCE_ONLY = ("jieba",)
# pip download evaluates environment markers for the machine it runs on, not
# for --platform: requirements that only Windows has (click's colorama) are named here.
WINDOWS_ONLY = ("colorama",)
INSTALL_NOTE = """\
lzlint 离线安装 / offline installation

在本文件夹的上一级目录运行（需要 Python 3.10 或更高版本）：
Run from the folder that contains this one (Python 3.10 or later):

    python -m pip install --no-index --find-links {name} lzlint

然后 / then:  lzlint 报告.docx
"""


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def _requirements(extras: list[str]) -> list[str]:
    """lzlint's run-time requirements (and those of the extras asked for), from pyproject.toml."""
    import tomllib  # Python 3.11; the builder runs on the developer's machine

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = list(project["dependencies"])
    for extra in extras:
        found += project["optional-dependencies"][extra]
    return found


def build(out: Path, platform: str | None, python_version: str | None, extras: list[str]) -> Path:
    """Fill `out` with the wheels and the note; returns the .zip made of it."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    target = f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)
    if platform is None and python_version is None:
        # This machine's platform: pip builds or fetches a wheel for everything.
        _pip("wheel", "--quiet", "--wheel-dir", str(out), target)
    else:
        _pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT), *SOURCE_ONLY)
        binary = [r for r in _requirements(extras) if not r.startswith(SOURCE_ONLY)]
        if platform and platform.startswith("win"):
            binary += WINDOWS_ONLY
        options = ["--only-binary=:all:", "--implementation", "cp"]
        if platform:
            options += ["--platform", platform]
        if python_version:
            options += ["--python-version", python_version]
        _pip("download", "--quiet", "--dest", str(out), *options, *binary)
    (out / "INSTALL.txt").write_text(INSTALL_NOTE.format(name=out.name), encoding="utf-8")
    return Path(shutil.make_archive(str(out), "zip", root_dir=out.parent, base_dir=out.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "lzlint-offline", help="folder to fill (default: dist/lzlint-offline)")
    parser.add_argument("--platform", help="target platform tag, e.g. win_amd64, manylinux2014_x86_64, manylinux2014_aarch64")
    parser.add_argument("--python-version", help="target Python, e.g. 3.10")
    parser.add_argument("--extras", default="", help="comma-separated extras to include, e.g. fast")
    args = parser.parse_args()
    extras = [e.strip() for e in args.extras.split(",") if e.strip()]
    archive = build(args.out, args.platform, args.python_version, extras)
    print(f"wrote {args.out} and {archive}")


if __name__ == "__main__":
    main()
