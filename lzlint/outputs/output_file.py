"""Files lzlint writes on request (`-o/--output`, annotated copies), never onto an input."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from lzlint.errors import LzlintError
from lzlint.locale import _

# Output is encoded a piece at a time: a folder's 20 MB of findings encoded
# at once would hold a second, larger copy of them in memory.
_PIECE = 1 << 20


def pieces(text: str) -> Iterator[str]:
    """`text` in slices of at most a million characters."""
    return (text[start : start + _PIECE] for start in range(0, len(text), _PIECE))


def write_output(path: Path, text: str) -> None:
    """Write `text` as UTF-8, byte for byte (no newline translation); failures are LzlintError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # as --annotate-dir does
        with path.open("wb") as out:
            for piece in pieces(text):
                # surrogateescape: a file name that is not UTF-8 keeps its own bytes.
                out.write(piece.encode("utf-8", "surrogateescape"))
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
