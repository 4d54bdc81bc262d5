"""Word segmentation with jieba, loaded only when a rule asks for tokens.

Loading jieba's whole dictionary costs about half a second, more than
everything else in a run; rules that need no tokens must never pay it, and
the rules that do get jieba with its dictionary read on demand
(lzlint/jieba_store.py). Where the `fast` extra (rjieba, jieba's algorithm in
Rust) is installed, a process that cuts a lot of text moves to it: same
tokens, tested on every line of the fixtures.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BACKENDS = ("auto", "jieba", "rjieba")


@functools.cache
def rjieba_available() -> bool:
    """Whether the optional Rust tokenizer (extra `fast`) is installed."""
    from importlib.util import find_spec

    return find_spec("rjieba") is not None


# jieba's user dictionary line: "word [freq] [tag]" (jieba.re_userdict).
_USERDICT_LINE = re.compile("^(.+?)( [0-9]+)?( [a-z]+)?$")


def _user_words(userdict: Path) -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) of a jieba user dictionary, parsed as jieba.load_userdict does."""
    words = []
    for raw in userdict.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        match = _USERDICT_LINE.match(line)
        if line and match:
            word, freq, tag = match.groups()
            words.append((word, int(freq) if freq else None, tag.strip() if tag else None))
    return words


class _RustTokenizer:
    """rjieba behind the one method Segmenter uses."""

    def __init__(self) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        return list(self._jieba.cut(text, True))


# Only runs of Chinese characters go to the tokenizer; everything else is
# split here, the same way for both backends (jieba and rjieba disagree on
# 0746-7221234 and 42.3万元, and no rule looks inside such runs): letters and
# digits in one run, every other character on its own.
_RUNS = re.compile(r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+|.", re.S)

def runs(text: str) -> Iterable[tuple[str, bool]]:
    """The runs of `text` in order, each with whether it is Chinese (to be cut)."""
    for m in _RUNS.finditer(text):
        yield m.group(), m.group("han") is not None


# Starting rjieba costs about 0.2 s (it builds its whole dictionary), jieba
# over the store about 0.05 s, but jieba cuts some 30 times slower. "auto"
# therefore starts with jieba and moves to rjieba, where installed, once a
# process has cut this much new text: short runs start fast, long ones cut fast.
SWITCH_AFTER_CHARS = 50_000


class Segmenter:
    """A jieba tokenizer with the domain dictionary, created on first use.

    One Segmenter serves a whole run; each Document caches its own tokens, so
    memory does not grow with the number of files. `backend` is "jieba",
    "rjieba" or "auto" (jieba, then rjieba after `switch_after_chars`
    characters when rjieba is installed). Every backend gives jieba's tokens.
    """

    def __init__(
        self,
        userdict: Path | None = None,
        extra_words: Iterable[str] = (),
        backend: str = "auto",
        switch_after_chars: int = SWITCH_AFTER_CHARS,
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown segmenter backend {backend!r}")
        self._userdict = userdict
        self._extra_words = tuple(extra_words)
        self._backend = backend
        self._switch_after = switch_after_chars
        self._tokenizer: Any = None
        self._active: str | None = None
        self._new_chars = 0

    @property
    def active_backend(self) -> str | None:
        """The tokenizer in use now: "jieba", "rjieba", or None before the first cut."""
        return self._active

    @property
    def backend(self) -> str:
        """The tokenizers this Segmenter may use: "jieba", "rjieba" or "jieba+rjieba"."""
        if self._backend == "auto":
            return "jieba+rjieba" if rjieba_available() else "jieba"
        return self._backend

    def _load(self, backend: str) -> Any:
        tokenizer: Any
        has_userdict = self._userdict is not None and self._userdict.is_file()
        if backend == "rjieba":
            tokenizer = _RustTokenizer()
            if has_userdict:
                for word, freq, tag in _user_words(self._userdict):  # type: ignore[arg-type]
                    tokenizer.add_word(word, freq, tag)
        else:
            from lzlint.model.jieba_store import import_jieba, stored_tokenizer

            import_jieba().setLogLevel(logging.WARNING)
            tokenizer = stored_tokenizer()
            if has_userdict:
                tokenizer.load_userdict(str(self._userdict))
        for word in self._extra_words:
            tokenizer.add_word(word)
        return tokenizer

    def _use(self, backend: str) -> None:
        self._tokenizer = self._load(backend)
        self._active = backend

    def cut(self, text: str) -> tuple[str, ...]:
        """Tokens of `text`; their concatenation is `text` exactly."""
        if self._tokenizer is None:
            self._use("rjieba" if self._backend == "rjieba" else "jieba")
        elif self._active == "jieba" and self._new_chars > self._switch_after and self.backend == "jieba+rjieba":
            self._use("rjieba")
        self._new_chars += len(text)
        tokens: list[str] = []
        for run, han in runs(text):
            if han:
                tokens.extend(self._tokenizer.cut(run))
            else:
                tokens.append(run)
        return tuple(tokens)
