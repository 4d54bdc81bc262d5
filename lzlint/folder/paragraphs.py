"""A report's body paragraphs as a compact digest, for the checks over a whole folder.

The per-file worker has the parsed Document; the folder checks (copies across
reports, text carried over from last year) run later in the main process
over every report at once. What they need of each report travels in a
Digest: for each body paragraph its place (line and columns, to point a
finding at it), its section (R102 speaks louder in the shortcomings and
next-year sections), its normalised text (to verify a candidate pair
exactly; the main process sketches each distinct text to find candidates
without all pairs, shingles.py).
The title and report year travel too, to tell which reports are one unit's.

Body paragraphs only: the title, the addressee and the 落款 are not
paragraphs anyone copies, and a heading's own words (（一）加强组织领导) are
the same in every report by design; the text after a heading's first
sentence on the same line is body text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lzlint.errors import LzlintError
from lzlint.folder.shingles import normalise, normalise_lines
from lzlint.locale import _
from lzlint.model.document import Document
from lzlint.model.layout import squeeze

if TYPE_CHECKING:
    from lzlint.folder.units import ReportUnit

# What separates a heading's title from the body text after it on the same line.
_AFTER_TITLE = "。；;.．!！?？：:，,、 \u3000\t"
# Sections whose repetition from last year is the pointed criticism (问题年年一样).
REPEAT_SECTIONS = ("shortcomings", "next_year")


@dataclass(frozen=True)
class DigestOptions:
    """How paragraphs are digested: from R101/R102's parameters (the cache key covers them)."""

    min_chars: int = 40
    # Each paragraph's section kind (R102's message names the shortcomings); last year's reports need none.
    sections: bool = True
    # Normalised standard sentences, removed from a paragraph before it is compared.
    standard: tuple[str, ...] = ()


# Slots: a province's folder holds hundreds of thousands of these in the main process.
@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph: from column `start` of `line` to column `end` of `end_line` (1-based lines, 0-based columns, end exclusive)."""

    line: int
    start: int
    end: int
    section: str  # a section kind (lexicon sections.yaml), or "" outside any
    text: str  # normalised (shingles.normalise), less the standard sentences
    # The last line, for a paragraph broken across lines mid-sentence (0: on `line` alone).
    end_line: int = 0
    # Other units' names it still writes (NameMask.paragraph, in the main process): a copy's tell-tale.
    names: tuple[str, ...] = ()

    @property
    def last_line(self) -> int:
        return self.end_line or self.line

    def __reduce__(self) -> tuple[type[Paragraph], tuple[int, int, int, str, str, int, tuple[str, ...]]]:
        # Pickled as the constructor's arguments: a frozen slots dataclass's own way looks its
        # fields up again for every object, and the workers send a province's 250,000 back.
        return (Paragraph, (self.line, self.start, self.end, self.section, self.text, self.end_line, self.names))


@dataclass(frozen=True)
class Digest:
    """What the folder checks need of one report."""

    paragraphs: tuple[Paragraph, ...]
    title_text: str = ""
    year: int | None = None
    # Compared characters of the whole body, long paragraphs or not (the share carried over is of them).
    body_chars: int = 0
    # The title's first line and its end column: where a finding about the whole report stands.
    title: tuple[int, int] | None = None
    # A hash of all the above: the folder's findings are cached under those of all its reports.
    fingerprint: str = ""

    def load(self) -> Digest:
        """Itself (a StoredDigest parses first)."""
        return self

    def to_json(self) -> dict[str, Any]:
        rows = [[p.line, p.start, p.end, p.section, p.text, p.end_line] for p in self.paragraphs]
        title = None if self.title is None else list(self.title)
        data = {"title_text": self.title_text, "year": self.year, "body_chars": self.body_chars, "title": title, "paragraphs": rows}
        return {**data, "fingerprint": self.fingerprint}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Digest:
        """The inverse of to_json; ValueError/TypeError/KeyError when malformed (a cache miss)."""
        paragraphs = []
        for line, start, end, section, text, end_line in data["paragraphs"]:
            if not (all(type(n) is int for n in (line, start, end, end_line)) and isinstance(section, str) and isinstance(text, str)):
                raise TypeError("malformed digest paragraph")
            paragraphs.append(Paragraph(line, start, end, section, text, end_line))
        year, text, body, title, fingerprint = data["year"], data["title_text"], data["body_chars"], data["title"], data["fingerprint"]
        if not (year is None or type(year) is int) or not isinstance(text, str) or type(body) is not int or not isinstance(fingerprint, str):
            raise TypeError("malformed digest")
        if title is not None:
            line, end = title
            if type(line) is not int or type(end) is not int:
                raise TypeError("malformed digest title")
            title = (line, end)
        return cls(tuple(paragraphs), text, year, body, title, fingerprint)


class StoredDigest:
    """A digest as the cache keeps it: parsed only when the folder checks read it.

    A folder re-run whose folder findings are cached too needs only the
    fingerprint of each report's digest, not its thirty paragraphs.
    """

    __slots__ = ("fingerprint", "_raw", "_made")

    def __init__(self, fingerprint: str, raw: bytes) -> None:
        self.fingerprint = fingerprint
        self._raw = raw
        self._made: Digest | None = None

    def load(self) -> Digest:
        if self._made is None:
            try:
                self._made = Digest.from_json(json.loads(self._raw))
            except (ValueError, TypeError, KeyError) as exc:
                # Its checksum matched, so lzlint wrote it so: say so rather than guess.
                raise LzlintError(_("damaged cache entry ({reason}); run lzlint again with --no-cache").format(reason=exc)) from exc
            if self._made.fingerprint != self.fingerprint:
                raise LzlintError(_("damaged cache entry ({reason}); run lzlint again with --no-cache").format(reason="digest fingerprint"))
        return self._made


def _section_of_lines(doc: Document) -> dict[int, str]:
    """The section kind of each line that lies in a section of a known kind."""
    kinds: dict[int, str] = {}
    sections = doc.sections
    # Untitled: first-level headings of no kind that stand where a kind's section belongs (measures).
    for kind, headings in [*sections.headings.items(), *sections.untitled.items()]:
        for heading in headings:
            for number in range(heading.line, doc.section_end(heading) + 1):
                # A subsection's own kind (its heading may match a kind too) is narrower: keep the first found only.
                kinds.setdefault(number, kind)
    return kinds


def _body_lines(doc: Document) -> range:
    layout = doc.layout
    ends = [n for n in (*layout.organs, layout.date_line) if n is not None and n >= layout.body_start]
    return range(layout.body_start, (min(ends) if ends else len(doc.lines) + 1))


# A heading's title is a phrase (加强组织领导, 坚持依法决策，规范权力运行), long ones
# included (坚持把…纳入党委理论学习中心组年度学习计划); a "title" this long that ends with a
# full stop is a numbered sentence, an item of a list (1.深入开展…，全年…，推动…。), the way
# next year's plans are often written: its words are body text, compared as any paragraph's.
_SENTENCE_TITLE = 40
_FULL_STOPS = ("。", "；", ";", "！", "!", "？", "?")


def _text_start(doc: Document, number: int) -> int:
    """Where body text begins on a line: after a heading's marker and its first sentence (its title).

    A numbered sentence (a title of _SENTENCE_TITLE characters or more ended by a full stop) is body
    text from its marker on.
    """
    heading = doc.heading_at.get(number)
    if heading is None:
        return 0
    line = doc.lines[number - 1]
    start = heading.body_start
    if heading.preamble:
        return start  # the introduction some drafts number: body text throughout
    found = line.find(heading.title, start) if heading.title else -1
    if found < 0:
        return len(line)  # a heading whose title cannot be placed: no body text taken from it
    start = found + len(heading.title)
    if len(heading.title) >= _SENTENCE_TITLE and line[start:].lstrip().startswith(_FULL_STOPS):
        return found
    while start < len(line) and line[start] in _AFTER_TITLE:
        start += 1
    return start


# What a line broken mid-sentence ends with (as A503 broken-line): a paragraph pasted from a
# PDF or typed with hard line breaks goes on in the next line, and is compared whole.
_GOES_ON = ("，", ",", "、")
# A line of a PDF pasted as text ends wherever the page's width does, often mid-word: a line of
# about a printed line's length (GB/T 9704: 28 characters) that ends with a character of a word,
# not punctuation, goes on in the next. A longer line is a paragraph whose full stop is missing,
# a shorter one an item of a list: neither is joined for its last character alone.
_PRINTED_LINE = range(20, 41)


def _goes_on(raw: str) -> bool:
    """Whether a body line is broken mid-sentence: at a comma, or mid-word at a printed line's width."""
    text = raw.strip()
    return text.endswith(_GOES_ON) or (len(text) in _PRINTED_LINE and text[-1].isalnum())


def _runs(doc: Document, numbers: range, raws: Sequence[str], normalised: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """The body's paragraphs as (first, last index into `numbers`, normalised text): a line broken
    mid-sentence is joined with the next line, unless that is blank or a heading."""
    first = 0
    while first < len(numbers):
        last = first
        while last + 1 < len(numbers) and _goes_on(raws[last]) and raws[last + 1].strip() and numbers[last + 1] not in doc.heading_at:
            last += 1
        yield first, last, "".join(normalised[first : last + 1])
        first = last + 1


def _remove_standard(text: str, standard: Iterable[str]) -> str:
    for sentence in standard:
        if sentence and sentence in text:
            text = text.replace(sentence, "")
    return text


def unit_names(names: Iterable[str]) -> tuple[str, ...]:
    """Unit names as removed from paragraphs: normalised, of 3 characters or more, longest first.

    One or two characters (县, 局) stand in too many words to be removed; the
    longest first, so that 柳河镇人民政府 goes whole before 柳河镇 is tried.
    """
    # A folder names each unit many times (both years, title and 落款): each name normalised once.
    found = {normalise(n) for n in set(names)}
    return tuple(sorted((n for n in found if len(n) >= 3), key=len, reverse=True))


def digest(doc: Document, options: DigestOptions, units: Sequence[ReportUnit] | None = None, *, fingerprinted: bool = True) -> Digest:
    """The digest of a document's body paragraphs of at least `options.min_chars` normalised characters.

    The report's own unit names (`units`, as lzlint.folder.units found them,
    each as written and as compared) are left out of its paragraphs: a copy
    whose only change is 城关镇 for 柳河镇 is still a copy. The file name
    stands in when no unit was found. The worker passes the units it found
    already; they are found here otherwise. Without `fingerprinted` (no
    cache to key the folder's findings by) the fingerprint is left empty.
    """
    from lzlint.folder.carried_over import same_unit_key  # it builds on this module
    from lzlint.folder.units import document_units

    sections = _section_of_lines(doc) if options.sections else {}
    title_text = "".join(squeeze(doc.lines[n - 1]) for n in doc.layout.title)
    if units is None:
        units = document_units(doc)
    named = [name for u in units for name in (u.name, u.key)] or [same_unit_key(doc.path, title_text)]
    own_name = unit_names(named)
    paragraphs = []
    body_chars = 0
    numbers = _body_lines(doc)
    starts = [_text_start(doc, number) for number in numbers]
    raws = [doc.lines[number - 1][start:] for number, start in zip(numbers, starts)]
    for first, last, normalised in _runs(doc, numbers, raws, normalise_lines(raws)):
        text = _remove_standard(_remove_standard(normalised, options.standard), own_name)
        body_chars += len(text)  # the share carried over is of the report's own words, as compared
        if len(text) < options.min_chars:
            continue
        # The span: the paragraph's text, without the spaces around it.
        head, tail = raws[first], raws[last]
        lead = len(head) - len(head.lstrip(" \u3000\t"))
        end = starts[last] + len(tail.rstrip())
        line = numbers[first]
        paragraphs.append(Paragraph(line, starts[first] + lead, end, sections.get(line, ""), text, numbers[last] if last > first else 0))
    title_lines = doc.layout.title
    year = doc.report_year.year if doc.report_year else None
    place = (title_lines[0], len(doc.lines[title_lines[0] - 1].rstrip())) if title_lines else None
    made = Digest(tuple(paragraphs), title_text, year, body_chars, place)
    if not fingerprinted:
        return made
    fingerprint = hashlib.blake2b(json.dumps(made.to_json(), ensure_ascii=False).encode("utf-8", "surrogatepass"), digest_size=16)
    return replace(made, fingerprint=fingerprint.hexdigest())


def standard_sentences(sentences: Sequence[str]) -> tuple[str, ...]:
    """User-listed standard sentences, normalised as paragraphs are, longest first (a longer one may hold a shorter)."""
    normalised = {normalise(s) for s in sentences}
    return tuple(sorted((s for s in normalised if s), key=len, reverse=True))


@dataclass(frozen=True)
class NameMask:
    """The unit names known in a folder, removed from every paragraph before paragraphs are compared.

    A paragraph copied from 北桥镇's report that still says 北桥镇 differs from
    its source by that name alone once the source's own name was left out
    of the source (digest): every unit name known in the folder is left out
    of every paragraph, so both sides lose the same words. One pass per
    paragraph whatever the number of names: the regular expression finds
    the characters a name may end with (镇, 局, 委员会's 会 …), and only there
    are the names of each length ending so looked up in a set.
    """

    names: frozenset[str]
    # Last character -> the lengths of the names ending with it, longest first.
    lengths: Mapping[str, tuple[int, ...]]
    ends: re.Pattern[str] | None

    @classmethod
    def of(cls, names: Iterable[str]) -> NameMask:
        kept = unit_names(names)
        by_end: dict[str, set[int]] = {}
        for name in kept:
            by_end.setdefault(name[-1], set()).add(len(name))
        lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_end.items()}
        ends = re.compile("[" + "".join(re.escape(c) for c in sorted(lengths)) + "]") if lengths else None
        return cls(frozenset(kept), lengths, ends)

    def text(self, text: str) -> str:
        """`text` (normalised) less every known name in it: leftmost first, the longest of those starting there."""
        return self.split(text)[0]

    def split(self, text: str) -> tuple[str, tuple[str, ...]]:
        """`text` less every known name in it (as text()), and the names left out, in order."""
        if self.ends is None:
            return text, ()
        spans: list[tuple[int, int]] = []
        for m in self.ends.finditer(text):
            end = m.end()
            for size in self.lengths[m.group()]:
                if end >= size and text[end - size : end] in self.names:
                    spans.append((end - size, -end))
                    break
        if not spans:
            return text, ()
        kept: list[str] = []
        names: list[str] = []
        done = 0  # text before this is settled
        # 北桥镇人民政府 starts where 北桥镇 does and ends later: it goes whole.
        for start, neg_end in sorted(spans):
            if start >= done:
                kept.append(text[done:start])
                names.append(text[start:-neg_end])
                done = -neg_end
        kept.append(text[done:])
        return "".join(kept), tuple(names)

    def paragraph(self, paragraph: Paragraph) -> Paragraph:
        """`paragraph` less the known names (those of other units: its own were left out when it was digested)."""
        text, names = self.split(paragraph.text)
        if text == paragraph.text:
            return paragraph
        return replace(paragraph, text=text, names=names)
