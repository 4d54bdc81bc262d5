"""jieba with its dictionary looked up on disk instead of loaded whole.

jieba loads its whole prefix dictionary (about 580,000 entries) before it
cuts a single word: 0.5-0.6 s, most of a one-report run. lzlint cuts only a
few heading titles per report, which meet a few hundred of those entries.
Here the dictionary jieba built is copied once into an SQLite file beside
jieba's own cache, and the tokenizer gets a mapping that fetches an entry
when jieba asks for it. jieba's own code still does all the cutting, over
the same frequencies and total, so the tokens are the ones jieba gives
(tests/test_segment.py compares them on every seed line).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

_SCHEMA_VERSION = "1"


def import_jieba() -> Any:
    """Import jieba without pkg_resources.

    jieba imports pkg_resources (0.1 s, deprecated by setuptools) only to open
    its data files, and opens them with open() when it is missing.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    return jieba


class StoredFrequencies:
    """The part of a dict that jieba's Tokenizer uses as FREQ, backed by SQLite.

    Entries are fetched once and remembered; words added at run time (the
    user dictionary) live only in memory, as with jieba's own dict.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._known: dict[str, int | None] = {}

    def _lookup(self, word: str) -> int | None:
        try:
            return self._known[word]
        except KeyError:
            pass
        row = self._connection.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
        value = None if row is None else int(row[0])
        self._known[word] = value
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: int | None = None) -> int | None:
        value = self._lookup(word)
        return default if value is None else value

    def __setitem__(self, word: str, freq: int) -> None:
        self._known[word] = freq


def _dictionary_file(jieba: Any) -> Path:
    return Path(jieba.__file__).parent / str(jieba.DEFAULT_DICT_NAME)


def store_path(jieba: Any) -> Path:
    """Where the store of this jieba's default dictionary lives (beside jieba's cache)."""
    stat = _dictionary_file(jieba).stat()
    key = f"{_SCHEMA_VERSION}:{jieba.__version__}:{stat.st_size}:{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"lzlint-jieba-{digest}.sqlite3"


def build_store(jieba: Any, path: Path) -> None:
    """Write jieba's prefix dictionary to `path` atomically (temp file + rename)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        with sqlite3.connect(temp) as db:
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", sorted(tokenizer.FREQ.items()))
            db.execute("INSERT INTO meta VALUES ('total', ?)", (tokenizer.total,))
        db.close()
        os.chmod(temp, 0o644)  # mkstemp makes it private; the store holds nothing private
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _open_store(path: Path) -> tuple[sqlite3.Connection, int] | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        row = db.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        db.close()
        return None
    return db, int(row[0])


def stored_tokenizer() -> Any:
    """A jieba Tokenizer for the default dictionary that reads it from the store.

    Builds the store on first use; where it cannot be written or read, falls
    back to jieba's ordinary whole-dictionary load, which gives the same tokens.
    """
    jieba = import_jieba()
    tokenizer = jieba.Tokenizer()
    try:
        path = store_path(jieba)
        opened = _open_store(path)
        if opened is None:
            build_store(jieba, path)
            opened = _open_store(path)
    except (OSError, sqlite3.Error):
        opened = None
    if opened is None:
        tokenizer.initialize()
        return tokenizer
    db, total = opened
    tokenizer.FREQ = StoredFrequencies(db)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer
