"""Word segmentation with jieba, loaded only when a rule asks for tokens.

Importing jieba and building its dictionary costs about half a second, more
than everything else in a run; rules that need no tokens must never pay it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class Segmenter:
    """A jieba tokenizer with the domain dictionary, created on first use.

    One Segmenter serves a whole run; each Document caches its own tokens, so
    memory does not grow with the number of files.
    """

    def __init__(self, userdict: Path | None = None, extra_words: Iterable[str] = ()) -> None:
        self._userdict = userdict
        self._extra_words = tuple(extra_words)
        self._tokenizer: Any = None

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def _load(self) -> Any:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if self._userdict is not None and self._userdict.is_file():
            tokenizer.load_userdict(str(self._userdict))
        for word in self._extra_words:
            tokenizer.add_word(word)
        return tokenizer

    def cut(self, text: str) -> tuple[str, ...]:
        """Tokens of `text`; their concatenation is `text` exactly."""
        if self._tokenizer is None:
            self._tokenizer = self._load()
        return tuple(self._tokenizer.cut(text))
