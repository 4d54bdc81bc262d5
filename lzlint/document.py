"""Document: a Source parsed once and shared by every rule.

Lines, the outline and sentences are computed when the document is built or
first asked for; the section map and tokens need jieba and are computed only
when a rule asks for them, at most once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lzlint.lexicon import Lexicon, load_lexicon
from lzlint.outline import Heading, build_outline
from lzlint.quantities import QuantityPatterns, Quantities, compile_patterns, extract
from lzlint.sections import SectionMap, find_sections
from lzlint.segment import Segmenter
from lzlint.sources import Source

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)]?|$)")


@dataclass(frozen=True)
class Sentence:
    """A sentence within one line; columns are 0-based, end exclusive."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Vocabulary:
    """What parsing needs besides the text: one per run, shared by all documents."""

    lexicon: Lexicon
    segmenter: Segmenter
    patterns: QuantityPatterns

    @classmethod
    def load(cls, lexicon_dir: Path) -> Vocabulary:
        lexicon = load_lexicon(lexicon_dir)
        return cls(lexicon, Segmenter(lexicon.userdict), compile_patterns(lexicon))


def split_lines(text: str) -> tuple[str, ...]:
    """Lines without their ends; a final line end does not open an empty line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return tuple(lines)


@dataclass(frozen=True)
class Document:
    source: Source
    lines: tuple[str, ...]
    headings: tuple[Heading, ...]
    vocabulary: Vocabulary = field(repr=False)

    @classmethod
    def parse(cls, source: Source, vocabulary: Vocabulary) -> Document:
        lines = split_lines(source.text)
        headings = build_outline(lines, vocabulary.lexicon.preamble_cues)
        return cls(source, lines, headings, vocabulary)

    @property
    def path(self) -> str:
        return self.source.path

    def cut(self, text: str) -> tuple[str, ...]:
        """jieba tokens of some text of this document (loads jieba on first use)."""
        return self.vocabulary.segmenter.cut(text)

    @cached_property
    def sections(self) -> SectionMap:
        return find_sections(self.headings, self.vocabulary.lexicon.sections, self.cut)

    @cached_property
    def heading_at(self) -> dict[int, Heading]:
        """Headings by line number."""
        return {h.line: h for h in self.headings}

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        found = []
        for number, text in enumerate(self.lines, start=1):
            for m in _SENTENCE.finditer(text):
                if m.group().strip():
                    found.append(Sentence(number, m.start(), m.end(), m.group()))
        return tuple(found)

    @cached_property
    def quantities(self) -> tuple[tuple[Sentence, Quantities], ...]:
        """Counts and rates of every sentence that has a rate."""
        vocab = self.vocabulary
        return tuple(
            (s, extract(s.text, vocab.lexicon, vocab.patterns))
            for s in self.sentences
            if "率" in s.text
        )

    def last_text_line(self) -> int:
        """The last line with text (1 for an empty document)."""
        for number in range(len(self.lines), 0, -1):
            if self.lines[number - 1].strip():
                return number
        return 1
