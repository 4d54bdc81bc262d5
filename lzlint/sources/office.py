"""Reading .doc (Word 97–2003) and .wps (WPS Writer) through LibreOffice.

Many offices still save drafts in these binary formats. lzlint does not parse
them itself: where LibreOffice is installed, `soffice --headless --convert-to
docx` turns a copy of the file into a .docx in a temporary folder, and that
.docx is read like any other (sources.docx): positions are ¶paragraph:character
of the converted document, which keeps Word's paragraphs. Where LibreOffice is
missing, such a file cannot be checked, and the caller says so.

Each conversion runs with its own LibreOffice profile (-env:UserInstallation)
in the temporary folder: two soffice processes sharing a profile (a CI job
with parallel lzlint runs, a user's open LibreOffice) would otherwise wait for
or hand the work to each other. The input is copied into that folder first,
so that LibreOffice's lock files never appear beside the user's document and
a name starting with "-" cannot be read as an option.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.sources.source import Source

# What LibreOffice converts for lzlint, and how the user knows each format.
CONVERTED_SUFFIXES = {".doc": "Word 97–2003 document (.doc)", ".wps": "WPS Writer document (.wps)"}
# A conversion normally takes one or two seconds (most of it LibreOffice's
# start); a long report on a slow machine may take a minute. Beyond that it hangs.
TIMEOUT_SECONDS = 120
# LZLINT_SOFFICE names the soffice program (Windows installs it outside PATH);
# set to an empty value, it switches the conversion off.
SOFFICE_VARIABLE = "LZLINT_SOFFICE"
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or None when there is none."""
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen is not None:
        return chosen if chosen and shutil.which(chosen) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        return next((place for place in _WINDOWS_PLACES if Path(place).is_file()), None)
    return None


def needs_conversion(path: Path) -> bool:
    return path.suffix.lower() in CONVERTED_SUFFIXES


def missing_libreoffice(path: Path) -> str:
    """Why a .doc or .wps file cannot be read here, and what the user can do."""
    kind = CONVERTED_SUFFIXES.get(path.suffix.lower(), path.suffix)
    return _("a {kind} is read through LibreOffice, which is not installed; install LibreOffice or save it as .docx").format(kind=_(kind))


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run soffice; on timeout end it and every process it started (soffice.bin)."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:  # the timeout, or Ctrl-C: leave no LibreOffice behind
        try:
            if sys.platform != "win32":
                os.killpg(process.pid, signal.SIGKILL)  # its own session: soffice.bin too
            else:
                process.kill()
        except ProcessLookupError:  # it ended meanwhile
            pass
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def convert_to_docx(path: Path, soffice: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The bytes of a .docx that LibreOffice makes of `path`; failures raise LzlintError."""
    from lzlint.sources.reader import read_bytes

    data = read_bytes(path)
    with tempfile.TemporaryDirectory(prefix="lzlint-office-") as temp:
        folder = Path(temp)
        source = folder / f"input{path.suffix.lower()}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            finished = _run(command, timeout)
        except subprocess.TimeoutExpired:
            raise LzlintError(_("{path}: LibreOffice did not convert it within {timeout:g} seconds; save it as .docx").format(path=path, timeout=timeout)) from None
        except OSError as exc:
            raise LzlintError(_("{path}: cannot run LibreOffice ({soffice}): {reason}").format(path=path, soffice=soffice, reason=exc.strerror or exc)) from None
        converted = folder / "out" / "input.docx"
        if not converted.is_file():
            said = finished.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1]}" if said else ""
            raise LzlintError(_("{path}: LibreOffice could not convert it to .docx{detail}; open it and save it as .docx").format(path=path, detail=detail))
        return converted.read_bytes()


def read_converted(path: Path) -> Source:
    """Read a .doc or .wps file as the .docx LibreOffice makes of it."""
    from lzlint.sources.docx import read_docx

    soffice = find_soffice()
    if soffice is None:
        raise LzlintError(_("{path}: {reason}").format(path=path, reason=missing_libreoffice(path)))
    source = read_docx(convert_to_docx(path, soffice), str(path))
    # Translated where shown (Source.describe), as every detected_by is.
    return replace(source, detected_by=f"LibreOffice, converted from {path.suffix.lower()}")
