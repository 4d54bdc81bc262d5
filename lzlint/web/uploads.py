"""Reading the multipart body of a check request, within the limits, into memory.

python-multipart's streaming parser is fed the body chunk by chunk, so every
limit is enforced while the bytes arrive: a draft over the per-file limit,
a body over the request limit or one file too many is refused before the
rest is read. Nothing is written to disk here (no spooled temporary file
that could outlive the request); the bytes go to the worker, which is the
only place they touch the disk (lzlint.web.check).

The client's file name is only ever a label: any folder in it is dropped,
and it never names a file on the server.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header

from lzlint.web import limits as refuse
from lzlint.web.limits import Limits

FILES_FIELD = "files"
YEAR_FIELD = "year"
# A form field other than a file is a few characters (the year).
_MAX_FIELD_BYTES = 64
_FOLDERS = re.compile(r"[\\/]")


@dataclass(frozen=True)
class Upload:
    name: str  # what the client called it, without folders: a label in messages and downloads
    data: bytes


@dataclass(frozen=True)
class CheckForm:
    uploads: tuple[Upload, ...]
    year: int | None


def display_name(filename: str, index: int) -> str:
    """The client's file name without any folder or control character; `未命名N` when nothing is left."""
    base = _FOLDERS.split(filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base if base.strip(".") else f"未命名{index + 1}"


def parse_year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise refuse.bad_year()
    return int(text)


@dataclass
class _Part:
    """The part being read: its field, its file name if it is a file, its bytes so far."""

    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    field_name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)


class _Collector:
    """python-multipart callbacks that keep the parts and stop at the first limit crossed."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.part = _Part()
        self.header_name = b""
        self.header_value = b""
        self.uploads: list[Upload] = []
        self.fields: dict[str, str] = {}
        self.ended = False  # the closing boundary was seen: a cut-off body is not a form

    def on_end(self) -> None:
        self.ended = True

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.part.headers.append((self.header_name.lower(), self.header_value))
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        disposition = next((v for k, v in self.part.headers if k == b"content-disposition"), b"")
        _, options = parse_options_header(disposition)
        self.part.field_name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if self.part.field_name == FILES_FIELD and len(self.uploads) >= self.limits.files:
                raise refuse.too_many_files(self.limits)
            self.part.filename = options[b"filename"].decode("utf-8", "replace")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        self.part.data += data[start:end]
        if self.part.filename is not None:
            if len(self.part.data) > self.limits.file_bytes:
                raise refuse.file_too_large(display_name(self.part.filename, len(self.uploads)), self.limits)
        elif len(self.part.data) > _MAX_FIELD_BYTES:
            raise refuse.bad_form()

    def on_part_end(self) -> None:
        part = self.part
        if part.filename is not None:
            if part.field_name == FILES_FIELD:
                self.uploads.append(Upload(display_name(part.filename, len(self.uploads)), bytes(part.data)))
        elif part.field_name:
            self.fields[part.field_name] = part.data.decode("utf-8", "replace")
        self.part = _Part()


async def read_form(content_type: str, body: AsyncIterator[bytes], declared_length: int | None, limits: Limits) -> CheckForm:
    """The uploads and the year of one request; Refusal when a limit is crossed or the body is not a form."""
    if declared_length is not None and declared_length > limits.request_bytes:
        raise refuse.request_too_large(limits)
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise refuse.bad_form()
    collector = _Collector(limits)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": collector.on_part_begin,
            "on_header_field": collector.on_header_field,
            "on_header_value": collector.on_header_value,
            "on_header_end": collector.on_header_end,
            "on_headers_finished": collector.on_headers_finished,
            "on_part_data": collector.on_part_data,
            "on_part_end": collector.on_part_end,
            "on_end": collector.on_end,
        },
    )
    received = 0
    try:
        async for chunk in body:
            received += len(chunk)
            if received > limits.request_bytes:
                raise refuse.request_too_large(limits)
            parser.write(chunk)
        parser.finalize()
    except FormParserError:
        raise refuse.bad_form() from None
    if not collector.ended:
        raise refuse.bad_form()
    if not collector.uploads:
        raise refuse.no_files()
    return CheckForm(tuple(collector.uploads), parse_year(collector.fields.get(YEAR_FIELD, "")))
