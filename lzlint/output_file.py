"""Files lzlint writes on request (`-o/--output`, annotated copies), never onto an input."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from lzlint.errors import LzlintError


def write_output(path: Path, text: str) -> None:
    """Write `text` as UTF-8, byte for byte (no newline translation); failures are LzlintError."""
    try:
        path.write_bytes(text.encode("utf-8"))
    except IsADirectoryError:
        raise LzlintError(f"{path}: is a directory") from None
    except OSError as exc:
        raise LzlintError(f"{path}: cannot write: {exc.strerror or exc}") from None


def refuse_overwriting_inputs(inputs: Sequence[Path | str], outputs: Collection[Path]) -> None:
    """lzlint never writes to a file it reads: refuse any output that is an input."""
    read = {Path(p).resolve() for p in inputs if p != "-"}
    for out in outputs:
        if out.resolve() in read:
            raise LzlintError(f"{out}: is an input file; lzlint does not overwrite its inputs")
