"""Settings from .lzlint.yaml and the command line, merged in one place.

Layering: built-in defaults, then the config file (found in the current
directory or a parent, or named with --config), then the command line.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lzlint.diagnostic import SEVERITIES
from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.located_yaml import LocatedDocument, full_width_colon, load_yaml_documents
from lzlint.sources.text import codec_name

if TYPE_CHECKING:
    from lzlint.folder.roster import Roster

CONFIG_NAMES = (".lzlint.yaml", ".lzlint.yml")
KNOWN_KEYS = (
    "select", "extend-select", "ignore", "severity", "rules", "no-default-rules",
    "per-file-ignores", "fail-on", "year", "words", "rule-params", "encoding", "exclude",
    "units",
)


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rules: tuple[Path, ...] = ()
    no_default_rules: bool = False
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "error"
    year: int | None = None  # report year, instead of inferring it
    words: tuple[str, ...] = ()  # extra words for the jieba dictionary
    rule_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    encoding: str | None = None  # a codec for every text input; None = detect
    exclude: tuple[str, ...] = ()  # gitignore-style, relative to root
    # The units that must report (`units:`), for R201-R203; None when not configured.
    roster: Roster | None = None
    root: Path = field(default_factory=Path.cwd)  # per-file-ignore globs are relative to it
    source: str = "defaults"

    def ignored_codes(self, path: str) -> tuple[str, ...]:
        """Codes that per-file-ignores switch off for a path."""
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            relative = Path(path).as_posix()
        codes: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                codes.extend(selectors)
        return tuple(codes)


def find_config(start: Path) -> Path | None:
    """The nearest .lzlint.yaml in `start` or one of its parents."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def _str_list(doc: LocatedDocument, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LzlintError(_("{where}: {key} must be a list of strings").format(where=doc.where(key), key=key))
    return tuple(value)


def _parse(doc: LocatedDocument) -> dict[str, Any]:
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        # `ignore：[W703]` makes the whole file one string: say where the colon is.
        colon = full_width_colon(doc.path.read_text(encoding="utf-8")) if isinstance(data, str) else None
        if colon is not None:
            raise LzlintError(f"{doc.path}:{colon}")
        raise LzlintError(_("{where}: the config file must be a YAML mapping").format(where=doc.where()))
    base = doc.path.parent
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("select", "extend-select", "ignore", "exclude"):
            values[key.replace("-", "_")] = _str_list(doc, key, value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise LzlintError(_("{where}: severity must map rule codes to error/warning/info").format(where=doc.where(key)))
            for code, level in value.items():
                if level not in SEVERITIES:
                    raise LzlintError(_("{where}: severity of {code} must be one of {choices}").format(where=doc.where(key, code), code=code, choices=', '.join(SEVERITIES)))
            values["severity"] = dict(value)
        elif key == "rules":
            values["rules"] = tuple(base / p for p in _str_list(doc, key, value))
        elif key == "no-default-rules":
            if not isinstance(value, bool):
                raise LzlintError(_("{where}: no-default-rules must be true or false").format(where=doc.where(key)))
            values["no_default_rules"] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise LzlintError(_("{where}: per-file-ignores must map glob patterns to rule codes").format(where=doc.where(key)))
            values["per_file_ignores"] = {str(g): _str_list(doc, key, c) for g, c in value.items()}
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise LzlintError(_("{where}: fail-on must be one of {choices}").format(where=doc.where(key), choices=', '.join(SEVERITIES)))
            values["fail_on"] = value
        elif key == "year":
            if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
                raise LzlintError(_("{where}: year must be a year such as 2024").format(where=doc.where(key)))
            values["year"] = value
        elif key == "words":
            values["words"] = _str_list(doc, key, value)
        elif key == "rule-params":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise LzlintError(_("{where}: rule-params must map rule codes to parameter mappings").format(where=doc.where(key)))
            values["rule_params"] = {str(code): dict(params) for code, params in value.items()}
        elif key == "encoding":
            try:
                values["encoding"] = codec_name(value) if isinstance(value, str) else codec_name("")
            except LzlintError as exc:
                raise LzlintError(f"{doc.where(key)}: {exc}") from None
        elif key == "units":
            from lzlint.folder.roster import load_roster

            values["roster"] = load_roster(doc, value)
        else:
            known = ", ".join(KNOWN_KEYS)
            raise LzlintError(_("{where}: unknown config key {key!r} (known: {known})").format(where=doc.where(key), key=key, known=known))
    return values


def load_settings(config: Path | None, cwd: Path, overrides: dict[str, Any]) -> Settings:
    """Defaults, then the config file, then command-line overrides (None = not given)."""
    settings = Settings(root=cwd)
    path = config if config is not None else find_config(cwd)
    if path is not None:
        if not path.is_file():
            raise LzlintError(_("{path}: config file not found").format(path=path))
        docs = load_yaml_documents(path)
        if len(docs) > 1:
            raise LzlintError(_("{path}: expected a single YAML document").format(path=path))
        if docs:
            settings = replace(settings, **_parse(docs[0]))
        settings = replace(settings, root=path.parent, source=str(path))
    given = {k: v for k, v in overrides.items() if v is not None}
    if "rules" in given:
        given["rules"] = settings.rules + tuple(given["rules"])
    if "exclude" in given:
        given["exclude"] = settings.exclude + tuple(given["exclude"])
    return replace(settings, **given)
