"""Source: the decoded text of one input and where it came from."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from lzlint.errors import LzlintError


@dataclass(frozen=True)
class Source:
    """Decoded text of one input, line ends kept exactly as in the file."""

    path: str
    text: str
    encoding: str


def decode(data: bytes, display_path: str) -> Source:
    """Decode UTF-8 (with or without BOM); anything else is refused clearly."""
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LzlintError(
            f"{display_path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"
        ) from None
    return Source(display_path, text, encoding)


def read_source(path: Path) -> Source:
    """Read and decode one file; unreadable files raise LzlintError."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise LzlintError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise LzlintError(f"{path}: no such file") from None
    except PermissionError:
        raise LzlintError(f"{path}: permission denied") from None
    except OSError as exc:
        raise LzlintError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path))


def read_stdin() -> Source:
    """Read standard input (the `-` path)."""
    return decode(sys.stdin.buffer.read(), "-")
