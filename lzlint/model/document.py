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

from lzlint.model.dates import first_year
from lzlint.model.layout import Layout, cover_letter_end, find_layout, squeeze
from lzlint.model.lexicon import Lexicon, load_lexicon
from lzlint.model.lines import split_lines
from lzlint.model.outline import Heading, build_outline
from lzlint.model.quantities import (
    Quantities,
    QuantityPatterns,
    compile_patterns,
    extract,
)
from lzlint.model.repaired_outline import RepairedOutline, repair_outline
from lzlint.model.sections import SectionMap, find_sections
from lzlint.model.segment import Segmenter
from lzlint.sources import Source

# A sentence, for rules about repeated text: a ； ends one.
_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)]?|$)")
# A whole sentence, for rules about numbers that must agree: a ； only pauses
# it (GB/T 15834), and a rate after it is often computed over a count before it.
_WHOLE_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]?|$)")


@dataclass(frozen=True)
class Sentence:
    """A sentence within one line; columns are 0-based, end exclusive."""

    line: int
    start: int
    end: int
    text: str


_YEAR_SOURCES = {
    "--year": ("--year", "--year 参数"),
    "title": ("title", "标题"),
    "heading": ("first section heading", "第一个部分标题"),
    "body": ("body", "正文"),
}


@dataclass(frozen=True)
class ReportYear:
    """The year a report is about, and where it was read from."""

    year: int
    kind: str  # a key of _YEAR_SOURCES
    line: int | None = None

    @property
    def source(self) -> str:
        """Where the year came from, for --verbose: "title (line 2)"."""
        name = _YEAR_SOURCES[self.kind][0]
        return f"{name} (line {self.line})" if self.line else name

    @property
    def source_zh(self) -> str:
        """The same for messages: "标题（第2行）"."""
        name = _YEAR_SOURCES[self.kind][1]
        return f"{name}（第{self.line}行）" if self.line else name


@dataclass(frozen=True)
class Vocabulary:
    """What parsing needs besides the text: one per run, shared by all documents."""

    lexicon: Lexicon
    segmenter: Segmenter
    patterns: QuantityPatterns

    @classmethod
    def load(cls, lexicon_dir: Path, extra_words: tuple[str, ...] = ()) -> Vocabulary:
        """The shipped lexicon, plus words the config adds to the jieba dictionary."""
        lexicon = load_lexicon(lexicon_dir)
        return cls(lexicon, Segmenter(lexicon.userdict, extra_words), compile_patterns(lexicon))


@dataclass(frozen=True)
class Document:
    source: Source
    lines: tuple[str, ...]
    headings: tuple[Heading, ...]
    vocabulary: Vocabulary = field(repr=False)
    year_override: int | None = None
    # Tokens of each text segmented so far: every rule asks, jieba runs once.
    _tokens: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _quantities: dict[Sentence, Quantities] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def parse(cls, source: Source, vocabulary: Vocabulary, year: int | None = None) -> Document:
        """Parse a source; `year` overrides the inferred report year (--year)."""
        lines = split_lines(source.text)
        headings = build_outline(lines, vocabulary.lexicon.preamble_cues, cover_letter_end(lines))
        return cls(source, lines, headings, vocabulary, year_override=year)

    @property
    def path(self) -> str:
        return self.source.path

    def cut(self, text: str) -> tuple[str, ...]:
        """jieba tokens of some text of this document (loads jieba on first use)."""
        tokens = self._tokens.get(text)
        if tokens is None:
            tokens = self._tokens[text] = self.vocabulary.segmenter.cut(text)
        return tokens

    @cached_property
    def sections(self) -> SectionMap:
        year = self.report_year.year if self.report_year else None
        return find_sections(self.headings, self.vocabulary.lexicon.sections, self.cut, year)

    @cached_property
    def repaired_outline(self) -> RepairedOutline:
        """The marker each heading should carry: what every numbering finding is read off."""
        return repair_outline(self.headings)

    @cached_property
    def layout(self) -> Layout:
        return find_layout(self.lines, self.headings, self.vocabulary.lexicon.title_cues)

    @cached_property
    def report_year(self) -> ReportYear | None:
        """From --year, else the title, else the first top-level heading, else the body."""
        if self.year_override is not None:
            return ReportYear(self.year_override, "--year")
        title = "".join(squeeze(self.lines[n - 1]) for n in self.layout.title)
        year = first_year(title)
        if year is not None:
            return ReportYear(year, "title", self.layout.title[0])
        top = next((h for h in self.headings if h.depth == 0 and not h.preamble), None)
        if top is not None and (year := first_year(top.title)) is not None:
            return ReportYear(year, "heading", top.line)
        for number in range(self.layout.body_start, len(self.lines) + 1):
            year = first_year(self.lines[number - 1])
            if year is not None:
                return ReportYear(year, "body", number)
        return None

    def section_end(self, heading: Heading) -> int:
        """Last line of a heading's section: before the next heading at its depth or above, or the 落款."""
        for later in self.headings[heading.index + 1 :]:
            if later.depth <= heading.depth:
                return later.line - 1
        ends = [n for n in (*self.layout.organs, self.layout.date_line) if n is not None and n > heading.line]
        return (min(ends) - 1) if ends else len(self.lines)

    @cached_property
    def heading_at(self) -> dict[int, Heading]:
        """Headings by line number."""
        return {h.line: h for h in self.headings}

    def _split(self, pattern: re.Pattern[str]) -> tuple[Sentence, ...]:
        found = []
        for number, text in enumerate(self.lines, start=1):
            # A heading's marker is not part of its first sentence (5、积极应对…。).
            heading = self.heading_at.get(number)
            start = heading.body_start if heading else 0
            for m in pattern.finditer(text, start):
                if m.group().strip():
                    found.append(Sentence(number, m.start(), m.end(), m.group()))
        return tuple(found)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Sentences ended by 。！？ or ；."""
        return self._split(_SENTENCE)

    @cached_property
    def whole_sentences(self) -> tuple[Sentence, ...]:
        """Sentences ended by 。！？ only: the scope of counts, rates and totals that must agree."""
        return self._split(_WHOLE_SENTENCE)

    def quantities_of(self, sentence: Sentence) -> Quantities:
        """Counts and rates of one sentence, extracted once however many rules ask."""
        found = self._quantities.get(sentence)
        if found is None:
            vocab = self.vocabulary
            found = self._quantities[sentence] = extract(sentence.text, vocab.lexicon, vocab.patterns)
        return found

    @cached_property
    def quantities(self) -> tuple[tuple[Sentence, Quantities], ...]:
        """Counts and rates of every whole sentence that has a rate or a share (占比40%)."""
        names = self.vocabulary.lexicon.portion_names
        return tuple(
            (s, self.quantities_of(s)) for s in self.whole_sentences if "率" in s.text or any(n in s.text for n in names)
        )

    def first_text_line(self) -> int:
        """The first line with text (1 for an empty document)."""
        return next((n for n, text in enumerate(self.lines, start=1) if text.strip()), 1)

    def last_text_line(self) -> int:
        """The last line with text (1 for an empty document)."""
        for number in range(len(self.lines), 0, -1):
            if self.lines[number - 1].strip():
                return number
        return 1
