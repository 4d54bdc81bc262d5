"""lzlint's Word comments (批注): who writes them, what they say, how a commented copy is saved.

Shared by both ways a commented copy is made: from plain text
(lzlint.outputs.annotate) and from a Word document (lzlint.outputs.annotate_docx).
python-docx objects are typed Any here so that this module does not import it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.locale import _

AUTHOR = "lzlint"
INITIALS = "lz"


def comment_text(code: str, message: str) -> str:
    """What a comment says: the rule code, then the message."""
    return f"{code} {message}"


def add_comment(document: Any, first_run: Any, last_run: Any, d: Diagnostic) -> None:
    """Comment on `d`, spanning `first_run` to `last_run` inclusive (python-docx Runs)."""
    document.add_comment([first_run, last_run], text=comment_text(d.code, d.message), author=AUTHOR, initials=INITIALS)


def save_document(document: Any, out: Path) -> None:
    """Write through a temporary file in the same folder, so a failed save leaves nothing half-written."""
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            document.save(str(temporary))
            os.replace(temporary, out)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        raise LzlintError(_("{out}: cannot write: {reason}").format(out=out, reason=exc.strerror or exc)) from None
