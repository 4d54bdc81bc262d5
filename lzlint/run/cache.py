"""A cache of findings, so that linting an unchanged folder again is cheap.

Like ruff's .ruff_cache: a directory (default .lzlint_cache in the current
directory) with one entry file per linted input. The key covers everything
the findings depend on: the input's path and decoded text, the lzlint
version, the enabled rules (their YAML files, the lexicon, the selection and
severities) and the tokenizer. Findings are cached before per-file-ignores
are applied, so changing those needs no new lint.

An entry holds, besides the findings, their Tally and what line-oriented
formats printed for them (findings.Findings.parts), so that a re-run of an
unchanged folder neither decodes nor renders tens of thousands of findings.
Its layout: a header line with a CRC-32 of the rest; a line with a JSON
object (key, --verbose notes, tally, and the byte length of each part); a
line with the JSON array of the findings, decoded only when something reads
them one by one; then the parts, as raw UTF-8, one after the other (as JSON
strings, decoding them would cost more than reading them).

Entries are written atomically; an entry that cannot be read or whose
checksum does not match is a miss, never an error, and a cache that cannot
be written is silently not used. JSON, not pickle: a cache directory
committed to a repository must not be able to run code in CI.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from lzlint import __version__
from lzlint.diagnostic import SEVERITIES
from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.ruleset.rules import Rule, rule_files
from lzlint.run.findings import Findings, Tally
from lzlint.sources import Source

DEFAULT_CACHE_DIR = ".lzlint_cache"
_IGNORE_ALL = "# Automatically created by lzlint.\n*\n"
_HEADER = b"lzlint-cache %08x"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by lzlint.\n"


def rules_fingerprint(rule_dirs: Iterable[Path], lexicon_dir: Path, enabled: Sequence[Rule], tokenizer: str, extra: str = "") -> str:
    """A hash of everything besides the input that decides the findings."""
    digest = hashlib.sha256(f"lzlint {__version__}\ntokenizer {tokenizer}\n{extra}".encode())
    for directory in rule_dirs:
        for path in rule_files(directory):
            digest.update(f"rule file {path.name}\n".encode("utf-8", "surrogateescape") + path.read_bytes())
    for path in sorted(p for p in lexicon_dir.iterdir() if p.is_file()):
        digest.update(f"lexicon file {path.name}\n".encode("utf-8", "surrogateescape") + path.read_bytes())
    for rule in enabled:
        # Parameters as loaded, after rule-params from the config (a deadline, say).
        params = sorted((k, repr(v)) for k, v in rule.params.items())
        digest.update(f"enabled {rule.code} {rule.severity} {params} {rule.unsafe_fix}\n".encode())
    return digest.hexdigest()


def _damaged(entry: Path, error: Exception) -> NoReturn:
    # Its checksum matched, so it was written so: tell, rather than print wrong findings.
    entry.unlink(missing_ok=True)
    raise LzlintError(_("{entry}: damaged cache entry, now removed; run lzlint again (or use --no-cache)").format(entry=entry)) from error


def _tally(data: Any) -> Tally:
    rules = tuple((code, name, severity, n) for code, name, severity, n in data["rules"])
    if not all(
        type(code) is str and type(name) is str and severity in SEVERITIES and type(n) is int
        for code, name, severity, n in rules
    ) or type(data["fixable"]) is not int or type(data["unsafe_fixable"]) is not int:
        raise TypeError("malformed cache tally")
    return Tally(rules, data["fixable"], data["unsafe_fixable"])


def _parts(lengths: Any, tail: bytes) -> Mapping[str, str]:
    """The parts stored one after another in `tail`, by their key."""
    if not (isinstance(lengths, dict) and all(type(n) is int and n >= 0 for n in lengths.values())):
        raise TypeError("malformed cache parts")
    if sum(lengths.values()) != len(tail):
        raise ValueError("cache parts do not fill the entry")
    parts, start = {}, 0
    for key, length in lengths.items():
        parts[key] = tail[start : start + length].decode("utf-8", "surrogatepass")
        start += length
    return parts


class ResultCache:
    """Findings by input, stored under `directory`/<lzlint version>/."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self._entries = directory / __version__
        self._fingerprint = fingerprint

    def key(self, source: Source) -> str:
        digest = hashlib.sha256(self._fingerprint.encode())
        digest.update(f"\0{source.path}\0{source.encoding}\0".encode("utf-8", "surrogateescape"))
        digest.update(source.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self._entries / f"{key}.entry"

    def load(self, source: Source) -> tuple[Findings, tuple[str, ...]] | None:
        """The cached findings of `source` and its --verbose notes, or None when there are none usable."""
        key = self.key(source)
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
            header, meta_line, rows, tail = data.split(b"\n", 3)
            if header != _HEADER % zlib.crc32(memoryview(data)[len(header) + 1 :]):
                return None
            meta = json.loads(meta_line)
            notes = meta["notes"]
            if meta["key"] != key or not all(isinstance(n, str) for n in notes):
                return None
            tally = _tally(meta["tally"])
            findings = Findings.encoded(rows, tally, _parts(meta["parts"], tail), partial(_damaged, entry))
            return findings, tuple(notes)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _prepare(self) -> None:
        if self._entries.is_dir():
            return
        self._entries.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")

    def store(self, source: Source, findings: Findings, notes: Sequence[str] = ()) -> None:
        """Remember the findings of `source` and their parts; failing to write is not an error."""
        key = self.key(source)
        tally = {"rules": findings.tally.rules, "fixable": findings.tally.fixable, "unsafe_fixable": findings.tally.unsafe_fixable}
        parts = {k: v.encode("utf-8", "surrogatepass") for k, v in findings.parts.items()}
        lengths = {k: len(v) for k, v in parts.items()}
        meta = json.dumps({"key": key, "notes": list(notes), "tally": tally, "parts": lengths}, ensure_ascii=False)
        # Neither meta nor rows holds a raw newline (json.dumps escapes them): each stays one line.
        body = f"{meta}\n".encode("utf-8", "surrogatepass") + findings.rows() + b"\n" + b"".join(parts.values())
        try:
            self._prepare()
            fd, temp = tempfile.mkstemp(dir=self._entries, prefix=key[:16], suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(_HEADER % zlib.crc32(body) + b"\n" + body)
                os.replace(temp, self._entry(key))
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
