"""Decoding text files: BOM first, then strict UTF-8, then a detector for GB18030.

Drafts come from Windows tools as UTF-8 (with or without BOM), UTF-16 with a
BOM, or GBK/GB18030. Decoding never guesses silently: the chosen encoding and
how it was chosen are recorded on the Source, and anything that is not one of
these (unless named with --encoding) is refused with what was tried.

Why charset-normalizer: GB18030 accepts most byte pairs, so "it decodes" says
little; text in Big5, Shift-JIS or a Western code page, or a binary file
without a known signature, often decodes as GB18030 garbage. charset-normalizer
measures how plausible each decoding is (mess and language coherence) and
tells these apart; we accept its verdict only when it is the GB family.
"""

from __future__ import annotations

import codecs

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.sources.source import Source

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs that carry their own BOM handling; we resolve them to a fixed byte
# order so that encode() reproduces the file.
_BOM_FAMILIES = {"utf-8": ("utf-8",), "utf-16": ("utf-16-le", "utf-16-be"), "utf-32": ("utf-32-le", "utf-32-be")}
_GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936"}
GB18030 = "gb18030"
# More NUL bytes than this share of the start of a file means binary data
# (or UTF-16 without a BOM); a stray NUL in a text file is linted.
_NUL_SHARE = 0.01
_SAMPLE = 8192
TRIED = "BOM, UTF-8, GB18030"


def codec_name(name: str) -> str:
    """The canonical name of a text codec; unknown or non-text codecs raise LzlintError."""
    try:
        info = codecs.lookup(name)
        # Bytes-to-bytes codecs (hex, zlib, base64) exist but are no text
        # encoding; str.encode refuses them even for an empty string.
        "".encode(info.name)
        b"".decode(info.name)
    except (LookupError, UnicodeError):  # "undefined" is a codec that refuses everything
        raise LzlintError(_("unknown text encoding {name!r} (use a Python codec name such as gb18030, utf-16, utf-8)").format(name=name)) from None
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(info.name, info.name.replace("_", "-"))


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return None


def _strict(data: bytes, encoding: str, path: str, bom: bytes, how: str) -> Source:
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise LzlintError(_("{path}: cannot decode as {value} ({how}): invalid byte 0x{value2:02x} at offset {offset}").format(path=path, value=encoding.upper(), how=how, value2=data[offset], offset=offset)) from None
    try:
        exact = bom + text.encode(encoding) == data
    except UnicodeEncodeError:
        exact = False
    return Source(path, text, encoding, bom=bom, detected_by=how, byte_exact=exact)


def _explicit(data: bytes, path: str, encoding: str) -> Source:
    """Decode with the encoding the user named; a matching BOM is still honoured."""
    family = _BOM_FAMILIES.get(encoding)
    found = _bom(data)
    if family and found and found[1] in family:
        return _strict(data, found[1], path, found[0], "--encoding")
    if encoding in ("utf-16", "utf-32"):
        raise LzlintError(_("{path}: {value} without a BOM: name the byte order, e.g. --encoding {encoding}-le").format(path=path, value=encoding.upper(), encoding=encoding))
    return _strict(data, encoding, path, b"", "--encoding")


def _nul_heavy(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    return bool(sample) and sample.count(0) / len(sample) > _NUL_SHARE


def _detect(data: bytes, path: str, utf8_error: UnicodeDecodeError) -> Source:
    """Not UTF-8: accept GB18030 if the detector agrees, else say what it looks like."""
    import charset_normalizer

    where = f"invalid UTF-8 at offset {utf8_error.start}"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise LzlintError(_("{path}: cannot decode: tried {TRIED} ({where}; no text encoding fits); name it with --encoding").format(path=path, TRIED=TRIED, where=where))
    if best.encoding.replace("_", "") not in _GB_FAMILY:
        raise LzlintError(
            _("{path}: cannot decode: tried {TRIED} ({where}); it looks like {encoding}, which lzlint does not assume; if that is right, use --encoding {encoding}").format(path=path, TRIED=TRIED, where=where, encoding=best.encoding)
        )
    # GB18030 is a superset of GBK and GB2312: decode with it whatever subset was detected.
    return _strict(data, GB18030, path, b"", "charset-normalizer")


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode a text file; the Source records the codec and BOM that reproduce `data`."""
    if encoding is not None:
        return _explicit(data, path, codec_name(encoding))
    found = _bom(data)
    if found is not None:
        return _strict(data, found[1], path, found[0], "BOM")
    if _nul_heavy(data):
        raise LzlintError(_("{path}: not a text file: it is full of NUL bytes (binary data, or UTF-16 without a BOM: use --encoding utf-16-le)").format(path=path))
    try:
        return Source(path, data.decode("utf-8"), "utf-8", detected_by="valid UTF-8")
    except UnicodeDecodeError as exc:
        return _detect(data, path, exc)
