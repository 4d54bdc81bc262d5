"""Recognising files that are not text, so they are refused rather than linted as garbage.

Only signatures of four bytes or more (or bytes that no text encoding we read
can start with) are used, so that no real text file is mistaken for binary.
"""

from __future__ import annotations

import io
import zipfile

from lzlint.errors import LzlintError
from lzlint.locale import _

_OLD_OFFICE = "an old-format Office file (.doc/.xls/.wps) or a password-protected .docx; save it as .docx without a password"

# (signature, offset, what the file is, and what the user can do)
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF file; lint the .docx or text it was made from"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"ftyp", 4, "a video or HEIC image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, _OLD_OFFICE),
    (b"{\\rtf", 0, "an RTF document; save it as .docx"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"\x7fELF", 0, "an executable"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _zip_kind(data: bytes) -> str:
    """A ZIP archive, or a Word document that lost its .docx suffix."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" in archive.namelist():
                return "a Word document with another suffix; rename it to .docx"
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    return "a ZIP archive"


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is in, or None if it may be text."""
    if data.startswith(_ZIP):
        return _zip_kind(data)
    for signature, offset, kind in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return kind
    return None


def refuse_binary(data: bytes, display_path: str) -> None:
    """Raise LzlintError if `data` is a known binary format."""
    kind = binary_kind(data)
    if kind is not None:
        raise LzlintError(_("{display_path}: not a text file: {kind}").format(display_path=display_path, kind=_(kind)))
