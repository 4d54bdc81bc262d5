"""Segmentation: every backend gives jieba's own tokens, and findings do not depend on it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from lzlint.model import jieba_store
from lzlint.model.document import Document, Vocabulary
from lzlint.model.segment import Segmenter, rjieba_available, runs
from lzlint.ruleset.rules import Rule, default_rules_dir
from lzlint.run.engine import lint_document
from lzlint.sources import read_source
from tests.conftest import FIXTURES, SEEDS

USERDICT = default_rules_dir() / "lexicon" / "userdict.txt"


def _texts() -> list[str]:
    """Every line of the seeds and text fixtures, and each heading's pieces."""
    texts: list[str] = []
    for path in sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.md")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return texts


class _Reference:
    """jieba loaded the ordinary way (whole dictionary, then the user dictionary),
    cutting the Chinese runs as Segmenter does."""

    def __init__(self) -> None:
        jieba = jieba_store.import_jieba()
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        self.tokenizer.load_userdict(str(USERDICT))

    def cut(self, text: str) -> list[str]:
        return [t for run, han in runs(text) for t in (self.tokenizer.cut(run) if han else [run])]


@pytest.fixture(scope="module")
def reference() -> Any:
    return _Reference()


def test_texts_cover_the_seeds() -> None:
    assert len(list(SEEDS.glob("*.txt"))) == 5
    assert len(_texts()) > 100


def test_stored_dictionary_gives_jiebas_tokens(reference: Any) -> None:
    segmenter = Segmenter(USERDICT, backend="jieba")
    for text in _texts():
        assert segmenter.cut(text) == tuple(reference.cut(text)), text


def test_user_words_are_kept_whole() -> None:
    # 法治政府建设 is in the domain dictionary; jieba alone cuts it in two.
    assert "法治政府建设" in Segmenter(USERDICT, backend="jieba").cut("推进法治政府建设工作")
    assert "法治政府建设" not in Segmenter(None, backend="jieba").cut("推进法治政府建设工作")


def test_unreadable_store_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any) -> None:
    broken = tmp_path / "store.sqlite3"
    broken.write_bytes(b"not a database")
    monkeypatch.setattr(jieba_store, "store_path", lambda jieba: broken)
    segmenter = Segmenter(USERDICT, backend="jieba")
    text = "二、党政主要负责人履行推进法治建设第一责任人职责情况"
    assert segmenter.cut(text) == tuple(reference.cut(text))
    assert broken.read_bytes().startswith(b"SQLite format 3")


def test_unwritable_store_falls_back_to_jiebas_load(monkeypatch: pytest.MonkeyPatch, reference: Any) -> None:
    monkeypatch.setattr(jieba_store, "store_path", lambda jieba: Path("/nonexistent-dir/store.sqlite3"))
    tokenizer = jieba_store.stored_tokenizer()
    assert isinstance(tokenizer.FREQ, dict)
    assert list(tokenizer.cut("存在的不足和原因")) == ["存在", "的", "不足", "和", "原因"]


needs_rjieba = pytest.mark.skipif(not rjieba_available(), reason="rjieba (extra 'fast') is not installed")


@needs_rjieba
def test_rjieba_gives_jiebas_tokens(reference: Any) -> None:
    segmenter = Segmenter(USERDICT, backend="rjieba")
    for text in _texts():
        assert segmenter.cut(text) == tuple(reference.cut(text)), text


@needs_rjieba
def test_auto_moves_to_rjieba_after_much_text_with_the_same_tokens(reference: Any) -> None:
    texts = _texts()
    segmenter = Segmenter(USERDICT, backend="auto", switch_after_chars=200)
    assert segmenter.backend == "jieba+rjieba"
    assert segmenter.cut(texts[0]) == tuple(reference.cut(texts[0]))
    assert segmenter.active_backend == "jieba"
    for text in texts[1:]:
        assert segmenter.cut(text) == tuple(reference.cut(text)), text
    assert segmenter.active_backend == "rjieba"


def test_auto_stays_with_jieba_for_short_runs() -> None:
    segmenter = Segmenter(USERDICT, backend="auto")
    for text in _texts()[:20]:
        segmenter.cut(text)
    assert segmenter.active_backend == "jieba"


@needs_rjieba
def test_findings_do_not_depend_on_the_backend(pack: tuple[Rule, ...]) -> None:
    lexicon = default_rules_dir() / "lexicon"
    by_backend = {}
    for backend in ("jieba", "rjieba"):
        base = Vocabulary.load(lexicon)
        vocabulary = Vocabulary(base.lexicon, Segmenter(base.lexicon.userdict, backend=backend), base.patterns)
        by_backend[backend] = [
            [d.to_json() for d in lint_document(Document.parse(read_source(path), vocabulary), pack)]
            for path in sorted(FIXTURES.rglob("*.txt"))
        ]
    assert sum(len(found) for found in by_backend["jieba"]) > 20
    assert by_backend["jieba"] == by_backend["rjieba"]


def test_default_tokenizer_reads_the_store() -> None:
    tokenizer = jieba_store.stored_tokenizer()
    assert isinstance(tokenizer.FREQ, jieba_store.StoredFrequencies)
    assert tokenizer.total > 10_000_000  # jieba's dictionary total, not an empty store
