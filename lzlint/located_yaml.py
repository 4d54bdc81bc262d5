"""YAML loading that remembers where each key stood, for error messages.

Rule files and config files are validated after loading; a message that names
the file *and line* of a bad key is what makes a broken rule easy to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lzlint.errors import LzlintError
from lzlint.locale import _

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[Any, ...]


@dataclass(frozen=True)
class LocatedDocument:
    """One YAML document with the 1-based line of every key and list item."""

    data: Any
    path: Path
    start_line: int
    lines: Mapping[KeyPath, int]

    def line_of(self, *keys: Any) -> int:
        """Line of the deepest known prefix of `keys` (the document start if none)."""
        for end in range(len(keys), 0, -1):
            line = self.lines.get(tuple(keys[:end]))
            if line is not None:
                return line
        return self.start_line

    def where(self, *keys: Any) -> str:
        return f"{self.path}:{self.line_of(*keys)}"


def _record_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int], path: Path, visited: set[int] | None = None) -> None:
    # An alias (*name) makes one node appear twice: refused, since nested
    # aliases expand a 1 KB file to gigabytes and `a: &a [*a]` never ends.
    # Rule and config files may come from a pull request; none needs aliases.
    visited = set() if visited is None else visited
    if id(node) in visited:
        raise LzlintError(
            _("{path}:{line}: YAML aliases (*name) are not allowed; write the value out").format(path=path, line=node.start_mark.line + 1)
        )
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise LzlintError(_("{path}:{line}: duplicate key {key!r}").format(path=path, line=line, key=key))
            seen.add(key)
            lines[prefix + (key,)] = line
            _record_lines(key_node, prefix + (key,), {}, path, visited)
            _record_lines(value_node, prefix + (key,), lines, path, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[prefix + (index,)] = item.start_mark.line + 1
            _record_lines(item, prefix + (index,), lines, path, visited)


# A key typed with the Chinese input method on: `ignore：[W703]`. YAML reads
# the line as one string, so the error it gives says nothing of the colon.
_FULL_WIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z][\w-]*)[ \t]*：", re.M)


def full_width_colon(text: str) -> str | None:
    """'LINE: what is wrong' for the first key followed by a full-width colon, or None."""
    found = _FULL_WIDTH_KEY.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    key = found.group(1)
    return _("{line}: “{key}：” has a full-width colon (：); YAML needs a half-width colon and a space: “{key}: ”").format(line=line, key=key)


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> LzlintError:
    """What to say of a YAML file that is not UTF-8: where, and in what it seems to be saved."""
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    try:
        data.decode("gb18030")
        saved = _("it looks saved as GBK/GB18030 (as Notepad or WPS on Chinese Windows may do)")
    except UnicodeDecodeError:
        saved = _("it is in some other encoding")
    return LzlintError(
        _("{path}:{line}: not UTF-8 (byte 0x{byte:02x} at column {column}); {saved}: save it as UTF-8").format(
            path=path, line=line, byte=data[exc.start], column=column, saved=saved
        )
    )


def load_yaml_documents(path: Path) -> list[LocatedDocument]:
    """Parse every document in a YAML file; syntax errors become LzlintError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LzlintError(_("{path}: cannot read: {exc}").format(path=path, exc=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data, exc) from None
    documents: list[LocatedDocument] = []
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            lines: dict[KeyPath, int] = {}
            _record_lines(node, (), lines, path)
            data = loader.construct_document(node)
            documents.append(LocatedDocument(data, path, node.start_mark.line + 1, lines))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        colon = full_width_colon(text)
        if colon is not None:
            raise LzlintError(f"{path}:{colon}") from None
        raise LzlintError(_("{path}:{line}: invalid YAML: {value}").format(path=path, line=line, value=exc.problem or exc.context)) from None
    except yaml.YAMLError as exc:
        raise LzlintError(_("{path}: invalid YAML: {exc}").format(path=path, exc=exc)) from None
    finally:
        loader.dispose()
    return documents
