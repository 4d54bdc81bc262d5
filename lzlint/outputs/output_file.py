"""Files lzlint writes on request (`-o/--output`, annotated copies), never onto an input."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from lzlint.errors import LzlintError
from lzlint.locale import _

# Output is encoded a piece at a time: a folder's 20 MB of findings encoded
# at once would hold a second, larger copy of them in memory.
_PIECE = 1 << 20


def pieces(text: str) -> Iterator[str]:
    """`text` in slices of at most a million characters."""
    return (text[start : start + _PIECE] for start in range(0, len(text), _PIECE))


def _write_pieces(out: BinaryIO, text: str | bytes) -> None:
    if isinstance(text, bytes):  # a binary format (xlsx), written as it is
        out.write(text)
        return
    for piece in pieces(text):
        # surrogateescape: a file name that is not UTF-8 keeps its own bytes.
        out.write(piece.encode("utf-8", "surrogateescape"))


def write_output(path: Path, text: str | bytes) -> None:
    """Write `text` as UTF-8 (bytes as they are), byte for byte (no newline translation); failures are LzlintError.

    A regular file is replaced whole through a temporary file beside it and a
    rename, so that a full disk leaves the previous output, not half of this
    one; a device or pipe (/dev/stdout, a FIFO) is written directly.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # as --annotate-dir does
        target = Path(os.path.realpath(path))  # a symlink stays a link to the output
        try:
            status: os.stat_result | None = target.stat()
        except FileNotFoundError:
            status = None
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if status is not None and not stat.S_ISREG(status.st_mode):
            with target.open("wb") as out:
                _write_pieces(out, text)
            return
        temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.lzlint"
        # 0o666 less the umask, as a shell redirection would create it (mkstemp's would be private).
        mode = 0o666 if status is None else stat.S_IMODE(status.st_mode)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            with os.fdopen(fd, "wb") as out:
                _write_pieces(out, text)
                out.flush()
                os.fsync(out.fileno())
            if status is not None:
                os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except IsADirectoryError:
        raise LzlintError(_("{path}: is a directory").format(path=path)) from None
    except OSError as exc:
        raise LzlintError(_("{path}: cannot write: {reason}").format(path=path, reason=exc.strerror or exc)) from None


def refuse_overwriting_inputs(inputs: Sequence[Path | str], outputs: Collection[Path]) -> None:
    """lzlint never writes to a file it reads: refuse any output that is an input."""
    if not outputs:
        return
    # realpath, not Path.resolve: a symlink loop among the inputs is their reader's to report.
    read = {os.path.realpath(p) for p in inputs if p != "-"}
    for out in outputs:
        if os.path.realpath(out) in read:
            raise LzlintError(_("{out}: is an input file; lzlint does not overwrite its inputs").format(out=out))
