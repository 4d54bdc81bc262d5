"""YAML loading that remembers where each key stood, for error messages.

Rule files and config files are validated after loading; a message that names
the file *and line* of a bad key is what makes a broken rule easy to fix.
"""

from __future__ import annotations

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


def _record_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int], path: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise LzlintError(_("{path}:{line}: duplicate key {key!r}").format(path=path, line=line, key=key))
            seen.add(key)
            lines[prefix + (key,)] = line
            _record_lines(value_node, prefix + (key,), lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[prefix + (index,)] = item.start_mark.line + 1
            _record_lines(item, prefix + (index,), lines, path)


def load_yaml_documents(path: Path) -> list[LocatedDocument]:
    """Parse every document in a YAML file; syntax errors become LzlintError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LzlintError(_("{path}: cannot read: {exc}").format(path=path, exc=exc)) from None
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
        raise LzlintError(_("{path}:{line}: invalid YAML: {value}").format(path=path, line=line, value=exc.problem or exc.context)) from None
    except yaml.YAMLError as exc:
        raise LzlintError(_("{path}: invalid YAML: {exc}").format(path=path, exc=exc)) from None
    finally:
        loader.dispose()
    return documents
