"""Decoding text drafts: every seed in every encoding and line-end style reads the same."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lzlint.errors import LzlintError
from lzlint.model.document import Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import lint_source
from lzlint.sources import Source, read_source
from lzlint.sources.text import codec_name, decode
from tests.conftest import SEEDS

SEED_PATHS = sorted(SEEDS.glob("*.txt"))

# name -> (how the test writes the file, the codec lzlint must report, the BOM it must keep)
ENCODINGS: dict[str, tuple[str, str, bytes]] = {
    "utf-8": ("utf-8", "utf-8", b""),
    "utf-8-bom": ("utf-8", "utf-8", b"\xef\xbb\xbf"),
    "utf-16-le-bom": ("utf-16-le", "utf-16-le", b"\xff\xfe"),
    "utf-16-be-bom": ("utf-16-be", "utf-16-be", b"\xfe\xff"),
    "gb18030": ("gb18030", "gb18030", b""),
    # GBK text is GB18030 text: the superset decodes it to the same characters.
    "gbk": ("gbk", "gb18030", b""),
}


def encoded(text: str, name: str, newline: str) -> bytes:
    codec, _, bom = ENCODINGS[name]
    return bom + text.replace("\n", newline).encode(codec)


def positions(source: Source, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> list[tuple[str, int, int, int, int]]:
    result = lint_source(source, pack, vocabulary, Settings())
    return [(d.code, d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics]


@pytest.fixture(scope="module")
def originals(pack: tuple[Rule, ...], vocabulary: Vocabulary) -> dict[str, list[tuple[str, int, int, int, int]]]:
    return {p.name: positions(decode(p.read_bytes(), p.name), pack, vocabulary) for p in SEED_PATHS}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("name", sorted(ENCODINGS))
@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_every_seed_reads_the_same_in_every_encoding(
    seed: Path, name: str, newline: str, pack: tuple[Rule, ...], vocabulary: Vocabulary, originals: dict[str, list[tuple[str, int, int, int, int]]]
) -> None:
    text = seed.read_text(encoding="utf-8")
    data = encoded(text, name, newline)
    source = decode(data, seed.name)
    assert (source.encoding, source.bom) == ENCODINGS[name][1:]
    assert source.text == text.replace("\n", newline)
    # What a later --fix needs: the file comes back byte for byte.
    assert source.encode(source.text) == data and source.byte_exact
    assert source.line_endings == ("LF" if newline == "\n" else "CRLF")
    assert positions(source, pack, vocabulary) == originals[seed.name]


def test_the_seeds_have_findings_to_compare(originals: dict[str, list[tuple[str, int, int, int, int]]]) -> None:
    # Equal findings prove something only where there are findings.
    assert sum(bool(found) for found in originals.values()) >= 4


def test_how_each_encoding_was_chosen_is_recorded() -> None:
    text = "一、主要举措和成效\n"
    assert decode(text.encode("utf-8"), "a").detected_by == "valid UTF-8"
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "a").detected_by == "BOM"
    assert decode((text * 20).encode("gb18030"), "a").detected_by == "charset-normalizer"
    assert decode(text.encode("gbk"), "a", "gbk").detected_by == "--encoding"


def test_describe_names_encoding_bom_and_line_ends() -> None:
    source = decode(codecs.BOM_UTF8 + "甲\r\n乙\r\n".encode(), "a.txt")
    assert source.describe() == "text, encoding UTF-8 with BOM (BOM), line endings CRLF"


@pytest.mark.parametrize(
    ("text", "style"),
    [("a\nb\n", "LF"), ("a\r\nb\r\n", "CRLF"), ("a\rb\r", "CR"), ("a\nb\r\nc\rd", "mixed"), ("one line", "none"), ("", "none")],
)
def test_line_ending_style(text: str, style: str) -> None:
    assert Source("x", text, "utf-8").line_endings == style


def test_explicit_encoding_overrides_detection() -> None:
    # Latin-1 decodes any bytes, so only an explicit choice can select it.
    data = "Café\n".encode("latin-1")
    source = decode(data, "a.txt", "latin-1")
    assert (source.text, source.encoding) == ("Café\n", "iso8859-1")
    assert source.encode(source.text) == data


def test_a_named_codec_that_cannot_round_trip_is_flagged() -> None:
    # Python's Big5 decodes both A1 FE and A2 41 to ／ and encodes it back as
    # A2 41, so a file with A1 FE cannot be rewritten byte for byte.
    data = b"\xa1\xfe\n"
    source = decode(data, "tw.txt", "big5")
    assert source.text == "／\n"
    assert source.encode(source.text) != data and not source.byte_exact
    assert source.describe().endswith("; re-encoding would not reproduce the file byte for byte")
    assert decode(b"\xa2\x41\n", "tw.txt", "big5").byte_exact


def test_explicit_utf8_still_drops_its_bom() -> None:
    data = codecs.BOM_UTF8 + "一、标题\n".encode()
    source = decode(data, "a.txt", "utf-8")
    assert source.text == "一、标题\n"  # no U+FEFF shifting line 1 by a column
    assert source.encode(source.text) == data


def test_explicit_utf16_needs_a_bom_or_a_byte_order() -> None:
    data = "标题\n".encode("utf-16-le")
    with pytest.raises(LzlintError, match="--encoding utf-16-le"):
        decode(data, "a.txt", "utf-16")
    assert decode(data, "a.txt", "utf-16-le").text == "标题\n"
    assert decode(codecs.BOM_UTF16_BE + "标题\n".encode("utf-16-be"), "a.txt", "utf-16").encoding == "utf-16-be"


def test_explicit_encoding_that_does_not_fit_names_the_offset() -> None:
    with pytest.raises(LzlintError, match=r"a\.txt: cannot decode as UTF-8 \(--encoding\): invalid byte 0xd6 at offset 2"):
        decode(b"ab" + "中".encode("gbk"), "a.txt", "utf-8")


@pytest.mark.parametrize("name", ["no-such-codec", "hex", "zlib", ""])
def test_unknown_or_non_text_codec_is_refused(name: str) -> None:
    with pytest.raises(LzlintError, match="unknown text encoding"):
        codec_name(name)


def test_codec_aliases_are_canonical() -> None:
    assert [codec_name(n) for n in ("GBK", "cp936", "UTF8", "utf-8-sig", "UTF-16")] == ["gbk", "gbk", "utf-8", "utf-8", "utf-16"]


def test_traditional_chinese_big5_is_not_read_as_gb18030() -> None:
    text = "法治政府建設年度報告。本鎮堅持依法行政，推進嚴格規範公正文明執法，加強法治宣傳教育。\n" * 20
    with pytest.raises(LzlintError) as caught:
        decode(text.encode("big5"), "tw.txt")
    message = str(caught.value)
    assert message.startswith("tw.txt: cannot decode: tried BOM, UTF-8, GB18030")
    assert "--encoding big5" in message
    assert decode(text.encode("big5"), "tw.txt", "big5").text == text


def test_utf8_with_an_encoded_lone_surrogate_is_refused_not_misread() -> None:
    # ED A0 80 would be U+D800 in UTF-8; the bytes are also a valid GBK pair
    # followed by junk, so only the detector keeps this from becoming mojibake.
    good = "一、主要举措和成效。今年以来，我镇坚持依法行政。\n" * 30
    cut = len(good[:100].encode())
    data = good.encode()[:cut] + b"\xed\xa0\x80" + good.encode()[cut:]
    assert cut == 96 * 3 + 4  # 96 Chinese characters and punctuation, 4 newlines
    with pytest.raises(LzlintError, match=f"invalid UTF-8 at offset {cut}"):
        decode(data, "a.txt")


def test_utf16_with_a_lone_surrogate_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + "标题".encode("utf-16-le") + b"\x00\xd8" + "正文\n".encode("utf-16-le")
    with pytest.raises(LzlintError, match=r"cannot decode as UTF-16-LE \(BOM\)"):
        decode(data, "a.txt")


def test_read_source_reports_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(LzlintError, match="locked.txt: permission denied"):
        read_source(path)
