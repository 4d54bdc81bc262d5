"""Property tests: random text and random bytes through the whole pipeline.

For any input: no exception other than a clear LzlintError on reading, every
finding lies inside the input, JSON output parses, and a decoded file
re-encodes to its own bytes.
"""

from __future__ import annotations

import codecs
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lzlint.errors import LzlintError
from lzlint.model.document import Vocabulary, split_lines
from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import FileResult, lint_source
from lzlint.sources import Source
from lzlint.sources.text import decode

# Pieces real reports are made of, so random documents reach deep into the
# rules (headings, rates, artifacts), mixed with arbitrary characters.
FRAGMENTS = [
    "一、", "二、", "（一）", "（二）", "(七）", "1、 ", "（1） ", "三、存在的不足和原因", "四、下一年度主要安排",
    "主要举措和成效", "第一责任人职责", "[bookmark: _GoBack]", "排查80起，调解成功75宗，调解成功率95%。",
    "成功率120%", "共3343件", "报告", "。", "，", "\n", "\r\n", "\r", "\t", "\x00", "\v", "\u3000", "\ufeff",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_positions(result: FileResult) -> None:
    lines = result.lines or ("",)
    for d in result.diagnostics:
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert d.line <= d.end_line <= len(lines), d
        # Rule.diagnostic gives every finding at least one column, so one at
        # the end of a line (a missing section in an empty file) spans one past it.
        assert 1 <= d.end_column <= max(len(lines[d.end_line - 1]) + 1, d.column + 1), d
        assert (d.line, d.column) < (d.end_line, d.end_column), d
        if d.fix is not None:
            for r in d.fix.replacements:
                assert 1 <= r.line <= r.end_line <= len(lines) and 1 <= r.column <= len(lines[r.line - 1]) + 1, d


def run_pipeline(source: Source, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    result = lint_source(source, pack, vocabulary, Settings())
    assert result.lines == split_lines(source.text)
    check_positions(result)
    findings = json.loads(FORMATTERS["json"]([result], OutputOptions()))
    assert len(findings) == len(result.diagnostics)
    for name in ("text", "concise"):
        FORMATTERS[name]([result], OutputOptions())


@SETTINGS
@given(text=TEXT)
def test_random_text(text: str, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    run_pipeline(Source("t.txt", text, "utf-8"), pack, vocabulary)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_bytes(data: bytes, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    try:
        source = decode(data, "b.txt")
    except LzlintError as exc:
        assert str(exc).startswith("b.txt: ") and "\n" not in str(exc)
        return
    assert source.encode(source.text) == data and source.byte_exact
    run_pipeline(source, pack, vocabulary)


ENCODINGS = {"utf-8": b"", "utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "gb18030": b""}


@SETTINGS
@given(text=TEXT, encoding=st.sampled_from(sorted(ENCODINGS)))
def test_decoding_never_returns_other_text(text: str, encoding: str) -> None:
    # A leading U+FEFF is indistinguishable from a BOM, and a UTF-16 LE BOM
    # followed by NUL reads as a UTF-32 BOM: both inherent, so left out.
    if text.startswith(("\ufeff", "\x00")):
        text = "x" + text
    data = ENCODINGS[encoding] + text.encode(encoding)
    try:
        source = decode(data, "e.txt")
    except LzlintError:
        return  # refusing is allowed; reading it as something else is not
    assert source.text == text
    assert source.encode(source.text) == data
