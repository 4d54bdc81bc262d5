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
The checks over the whole folder (lzlint.folder) keep one more entry per
folder: each file's folder findings with their own rendered parts (a file
prints them after its own findings), keyed by every report's digest, so
that an unchanged folder's re-run does not redo them either.
Its layout: a header line with an HMAC-SHA256 of the rest; a line with a JSON
object (key, --verbose notes, tally, the byte length of each part, the
fingerprint of the digest); a line with the JSON array of the findings,
decoded only when something reads them one by one; a line with the report's
digest for the folder checks (empty without), parsed only if they run; then the parts, as raw UTF-8, one after the other (as JSON
strings, decoding them would cost more than reading them).

Entries are written atomically; an entry that cannot be read or whose
HMAC does not match is a miss, never an error, and a cache that cannot be
written is silently not used. JSON, not pickle: a cache directory committed
to a repository must not be able to run code in CI. Nor pass a failing
report: the HMAC's key is random, made once per user and kept in the user's
cache directory (outside any repository, readable by the user alone), so
only entries this user wrote on this machine are trusted; an entry edited
or brought in from elsewhere is a miss. Only regular files of bounded size
are opened: a symlink, FIFO or device planted in the cache is a miss too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from lzlint import __version__
from lzlint.diagnostic import SEVERITIES
from lzlint.errors import LzlintError
from lzlint.folder.paragraphs import Digest, StoredDigest
from lzlint.folder.units import ReportUnit
from lzlint.locale import _
from lzlint.ruleset.rules import Rule, rule_files
from lzlint.run.findings import Findings, Tally
from lzlint.sources import Source

DEFAULT_CACHE_DIR = ".lzlint_cache"
# Raised whenever what an entry holds changes shape (a digest's fields) or meaning (which
# lines a digest's paragraph joins): an entry of another kind is then never looked up,
# rather than read as damaged or trusted with what an older lzlint made of the report.
ENTRY_FORMAT = 5
_IGNORE_ALL = "# Automatically created by lzlint.\n*\n"
_HEADER = b"lzlint-cache %s"
_KEY_BYTES = 32
# Far above any entry lzlint writes (a 10 MB report's findings and parts): a
# larger file in the cache was not written by lzlint and is not read.
MAX_ENTRY_BYTES = 256 << 20
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by lzlint.\n"


def rules_fingerprint(rule_dirs: Iterable[Path], lexicon_dir: Path, enabled: Sequence[Rule], tokenizer: str, extra: str = "") -> str:
    """A hash of everything besides the input that decides the findings."""
    digest = hashlib.sha256(f"lzlint {__version__}\nentry format {ENTRY_FORMAT}\ntokenizer {tokenizer}\n{extra}".encode())
    for directory in rule_dirs:
        for path in rule_files(directory):
            digest.update(f"rule file {path.name}\n".encode("utf-8", "surrogateescape") + path.read_bytes())
    for path in sorted(p for p in lexicon_dir.iterdir() if p.is_file()):
        digest.update(f"lexicon file {path.name}\n".encode("utf-8", "surrogateescape") + path.read_bytes())
    for rule in enabled:
        # Parameters as loaded, after rule-params from the config (a deadline, say).
        params = sorted((k, _canonical(v)) for k, v in rule.params.items())
        digest.update(f"enabled {rule.code} {rule.severity} {params} {rule.unsafe_fix}\n".encode())
    return digest.hexdigest()


def user_cache_home() -> Path:
    """The user's cache directory, as platformdirs names it (XDG_CACHE_HOME on Linux)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"


def _read_key(path: Path) -> bytes | None:
    """The key in `path` if it is a private regular file of this user holding a key, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size != _KEY_BYTES:
            return None
        if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077):
            return None  # another user could read or plant it
        key = os.read(fd, _KEY_BYTES + 1)
        return key if len(key) == _KEY_BYTES else None
    finally:
        os.close(fd)


def user_key(home: Path | None = None) -> bytes | None:
    """This user's cache key, made on first use (0600 in <user cache>/lzlint/key); None when unavailable."""
    path = (home or user_cache_home()) / "lzlint" / "key"
    key = _read_key(path)
    if key is not None:
        return key
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = secrets.token_bytes(_KEY_BYTES)
        # Written whole beside it and linked in: another lzlint making one at the same time keeps its own.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(key)
                out.flush()
                os.fsync(out.fileno())
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        return None  # no cache directory for this user: the cache is not used
    return _read_key(path)


def _authenticator(key: bytes, body: bytes | memoryview) -> bytes:
    # hmac.digest: OpenSSL's one-shot HMAC, without an HMAC object per entry (a cached folder reads thousands).
    return _HEADER % hmac.digest(key, body, "sha256").hex().encode()


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` when it is a regular file (not a link) of at most `limit` bytes, else None."""
    try:
        # lstat first: a FIFO or a device is never opened, not even to be refused.
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    finally:
        os.close(fd)


def _create_marker(path: Path, text: str) -> None:
    """Create `path` with `text` unless something is there; never half-written, never through a link."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
    except BaseException:
        # A full disk must not leave an empty .gitignore, which would stay for ever.
        path.unlink(missing_ok=True)
        raise


def _canonical(value: Any) -> str:
    """A parameter as text that tells every value apart: a compiled pattern by its whole
    source and flags (its repr() cuts long patterns, so an edit could serve stale findings)."""
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r}, {value.flags})"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_canonical(k)}: {_canonical(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_canonical(v) for v in value) + "]"
    return repr(value)


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


class _Parts(Mapping[str, str]):
    """Parts by key, each decoded when first read: a folder re-run whose folder
    findings replace a file's parts never decodes the file's own."""

    def __init__(self, chunks: dict[str, bytes]) -> None:
        self._chunks = chunks
        self._decoded: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        text = self._decoded.get(key)
        if text is None:
            text = self._decoded[key] = self._chunks[key].decode("utf-8", "surrogatepass")
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._chunks)

    def __len__(self) -> int:
        return len(self._chunks)


def _parts(lengths: Any, tail: bytes) -> Mapping[str, str]:
    """The parts stored one after another in `tail`, by their key."""
    if not (isinstance(lengths, dict) and all(type(n) is int and n >= 0 for n in lengths.values())):
        raise TypeError("malformed cache parts")
    if sum(lengths.values()) != len(tail):
        raise ValueError("cache parts do not fill the entry")
    chunks, start = {}, 0
    for key, length in lengths.items():
        chunks[key] = tail[start : start + length]
        start += length
    return _Parts(chunks)


class ResultCache:
    """Findings by input, stored under `directory`/<lzlint version>/."""

    def __init__(self, directory: Path, fingerprint: str, key: bytes | None = None) -> None:
        self.directory = directory
        self._entries = directory / __version__
        self._fingerprint = fingerprint
        self._key = key  # read (or made) on first use: a run with every file cached pays for it once

    def derived(self, label: str) -> ResultCache:
        """A cache beside this one for another kind of entry of the same run (last year's digests)."""
        derived = ResultCache(self.directory, f"{self._fingerprint}\0{label}", self._key)
        return derived

    def _secret(self) -> bytes | None:
        if self._key is None:
            self._key = user_key()
        return self._key

    def key(self, source: Source) -> str:
        digest = hashlib.sha256(self._fingerprint.encode())
        # How the encoding was chosen is in the --verbose notes cached with the findings.
        digest.update(f"\0{source.path}\0{source.encoding}\0{source.detected_by}\0".encode("utf-8", "surrogateescape"))
        digest.update(source.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self._entries / f"{key}.entry"

    def load(self, source: Source) -> tuple[Findings, tuple[str, ...], tuple[ReportUnit, ...]] | None:
        """The cached findings of `source`, its --verbose notes and its units, or None when there are none usable."""
        entry = self.load_with_digest(source)
        return None if entry is None else entry[:3]

    def load_with_digest(self, source: Source) -> tuple[Findings, tuple[str, ...], tuple[ReportUnit, ...], StoredDigest | None] | None:
        """As load, with the report's digest for the folder checks (None if the entry has none)."""
        secret = self._secret()
        if secret is None:
            return None
        key = self.key(source)
        entry = self._entry(key)
        try:
            data = _read_regular(entry, MAX_ENTRY_BYTES)
            if data is None:
                return None
            header, meta_line, rows, digest_line, tail = data.split(b"\n", 4)
            if not hmac.compare_digest(header, _authenticator(secret, memoryview(data)[len(header) + 1 :])):
                return None
            meta = json.loads(meta_line)
            notes = meta["notes"]
            if meta["key"] != key or not all(isinstance(n, str) for n in notes):
                return None
            tally = _tally(meta["tally"])
            # An entry without units (written before they were kept) is a miss, as any malformed one.
            units = tuple(ReportUnit.from_json(u) for u in meta["units"])
            findings = Findings.encoded(rows, tally, _parts(meta["parts"], tail), partial(_damaged, entry))
            fingerprint = meta.get("digest")
            if fingerprint is not None and not (isinstance(fingerprint, str) and digest_line):
                return None
            return findings, tuple(notes), units, None if fingerprint is None else StoredDigest(fingerprint, digest_line)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _folder_entry(self, fingerprint: str) -> tuple[str, Path]:
        key = hashlib.sha256(f"{self._fingerprint}\0folder\0{fingerprint}".encode()).hexdigest()
        return key, self._entry(key)

    def load_folder(self, fingerprint: str) -> dict[str, Findings] | None:
        """The folder findings stored for a folder whose reports and rules give `fingerprint`, by path.

        Each path's Findings are its folder findings only, with their parts (lzlint.folder).
        """
        secret = self._secret()
        if secret is None:
            return None
        key, entry = self._folder_entry(fingerprint)
        try:
            data = _read_regular(entry, MAX_ENTRY_BYTES)
            if data is None:
                return None
            header, meta_line, tail = data.split(b"\n", 2)
            if not hmac.compare_digest(header, _authenticator(secret, memoryview(data)[len(header) + 1 :])):
                return None
            meta = json.loads(meta_line)
            if meta["key"] != key:
                return None
            found: dict[str, Findings] = {}
            start = 0
            for path, tally, length, lengths in meta["files"]:
                if not isinstance(path, str) or type(length) is not int or length < 0:
                    raise TypeError("malformed folder entry")
                rows = tail[start : start + length]
                size = sum(lengths.values()) if isinstance(lengths, dict) else -1
                parts = _parts(lengths, tail[start + length : start + length + size])
                start += length + size
                found[path] = Findings.encoded(rows, _tally(tally), parts, partial(_damaged, entry))
            if start != len(tail):
                raise ValueError("folder entry does not fill its file")
            return found
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def store_folder(self, fingerprint: str, files: Mapping[str, Findings]) -> None:
        """Remember each path's folder findings and their parts; failing to write is not an error."""
        secret = self._secret()
        if secret is None:
            return
        key, entry = self._folder_entry(fingerprint)
        listed, chunks = [], []
        for path, findings in files.items():
            rows = findings.rows()
            parts = {k: v.encode("utf-8", "surrogatepass") for k, v in findings.parts.items()}
            tally = {"rules": findings.tally.rules, "fixable": findings.tally.fixable, "unsafe_fixable": findings.tally.unsafe_fixable}
            listed.append([path, tally, len(rows), {k: len(v) for k, v in parts.items()}])
            chunks += [rows, *parts.values()]
        meta = json.dumps({"key": key, "files": listed}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        self._write(entry, key, meta + b"\n" + b"".join(chunks), secret)

    def _write(self, entry: Path, key: str, body: bytes, secret: bytes) -> None:
        try:
            self._prepare()
            fd, temp = tempfile.mkstemp(dir=self._entries, prefix=key[:16], suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(_authenticator(secret, body) + b"\n" + body)
                os.replace(temp, entry)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._entries.is_dir():
            return
        # The markers before the entries' folder, whose presence ends this: if
        # writing them fails, the next run tries again.
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            _create_marker(self.directory / name, text)
        self._entries.mkdir(exist_ok=True)

    def store(
        self,
        source: Source,
        findings: Findings,
        notes: Sequence[str] = (),
        units: Sequence[ReportUnit] = (),
        digest: Digest | StoredDigest | None = None,
    ) -> None:
        """Remember the findings of `source` and their parts; failing to write is not an error."""
        secret = self._secret()
        if secret is None:
            return
        key = self.key(source)
        tally = {"rules": findings.tally.rules, "fixable": findings.tally.fixable, "unsafe_fixable": findings.tally.unsafe_fixable}
        parts = {k: v.encode("utf-8", "surrogatepass") for k, v in findings.parts.items()}
        lengths = {k: len(v) for k, v in parts.items()}
        fields = {"key": key, "notes": list(notes), "tally": tally, "parts": lengths, "units": [u.to_json() for u in units]}
        summary = b""
        if digest is not None:
            fields["digest"] = digest.fingerprint
            summary = json.dumps(digest.load().to_json(), ensure_ascii=False).encode("utf-8", "surrogatepass")
        meta = json.dumps(fields, ensure_ascii=False)
        # Neither meta, rows nor digest holds a raw newline (json.dumps escapes them): each stays one line.
        body = f"{meta}\n".encode("utf-8", "surrogatepass") + findings.rows() + b"\n" + summary + b"\n" + b"".join(parts.values())
        self._write(self._entry(key), key, body, secret)
