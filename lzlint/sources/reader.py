"""Reading one input by its kind: .docx through python-docx, .doc and .wps
through LibreOffice, anything else as text."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.sources.binary import refuse_binary
from lzlint.sources.source import Source
from lzlint.sources.text import decode

WORD_SUFFIX = ".docx"
# Read through LibreOffice (sources.office); kept here so that a text run does not import it.
CONVERTED_SUFFIXES = (".doc", ".wps")
WORD_LOCK_PREFIX = "~$"


def read_source(path: Path, encoding: str | None = None) -> Source:
    """Read one file; unreadable, binary or undecodable files raise LzlintError.

    `encoding` overrides detection for text files; a .docx carries its own.
    """
    if path.name.startswith(WORD_LOCK_PREFIX):
        raise LzlintError(_("{path}: a Word lock file (~$…), not a document; lint the document itself").format(path=path))
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        # subprocess and tempfile are imported only when such a file is read.
        from lzlint.sources.office import read_converted

        return read_converted(path)
    data = read_bytes(path)
    if suffix == WORD_SUFFIX:
        # python-docx is imported only when a .docx is actually read.
        from lzlint.sources.docx import read_docx

        return read_docx(data, str(path))
    refuse_binary(data, str(path))
    return decode(data, str(path), encoding)


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; every OS error becomes one clear LzlintError."""
    try:
        # A FIFO or a device such as /dev/zero would block or never end.
        if not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise LzlintError(_("{path}: not a regular file").format(path=path))
        return path.read_bytes()
    except IsADirectoryError:
        raise LzlintError(_("{path}: is a directory").format(path=path)) from None
    except FileNotFoundError:
        raise LzlintError(_("{path}: no such file").format(path=path)) from None
    except PermissionError:
        raise LzlintError(_("{path}: permission denied").format(path=path)) from None
    except OSError as exc:
        raise LzlintError(_("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror or exc)) from None


def read_stdin(encoding: str | None = None) -> Source:
    """Read standard input (the `-` path) as text."""
    if sys.stdin is None:  # started with stdin closed (lzlint - <&-)
        raise LzlintError(_("-: standard input is closed"))
    data = sys.stdin.buffer.read()
    refuse_binary(data, "-")
    return decode(data, "-", encoding)
