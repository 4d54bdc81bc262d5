"""The rewritten linear forms find exactly what the quadratic ones found (timing is in benchmarks/scaling.py)."""

from __future__ import annotations

import bisect
import random
import re

from lzlint.checks.halfwidth_punct import _NOT_PROSE
from lzlint.run.fix import _overlaps


def test_addresses_are_still_found_whole() -> None:
    # Written by hand: an address glued to Chinese text starts where its run of word characters starts.
    text = "联系邮箱fzb-2024@example.gov.cn,网址https://example.gov.cn/a,b；&ldquo;"
    spans = [m.group() for m in _NOT_PROSE.finditer(text)]
    assert spans == ["联系邮箱fzb-2024@example.gov.cn", "https://example.gov.cn/a,b", "&ldquo;"]
    assert [m.group() for m in _NOT_PROSE.finditer("1" * 50 + "," + "_" * 50)] == []


def test_overlap_check_agrees_with_the_pairwise_definition() -> None:
    rng = random.Random(12)
    for _ in range(500):
        taken: list[tuple[int, int]] = []
        for _ in range(25):
            s = rng.randint(0, 30)
            e = s + rng.choice([0, 0, 1, 2, 4])
            pairwise = any(s < e2 and s2 < e or (s == e == s2) for s2, e2 in taken)
            assert _overlaps(taken, s, e) == pairwise
            if not pairwise:
                bisect.insort(taken, (s, e))
    # By hand: an insertion at the start of a taken span overlaps it, one at its end does not.
    assert _overlaps([(3, 6)], 3, 3) and not _overlaps([(3, 6)], 6, 6) and _overlaps([(3, 6)], 5, 8)


def test_letter_numbering_is_bounded() -> None:
    from lzlint.sources.number_formats import _letters

    letters = _letters("a")
    assert (letters(1), letters(26), letters(27), letters(53)) == ("a", "z", "aa", "aaa")
    assert letters(780) == "z" * 30 and letters(781) is None and letters(10**100) is None


def test_a_docx_that_unpacks_beyond_the_limit_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    from tests.conftest import run_lzlint

    docx = __import__("pytest").importorskip("docx")
    document = docx.Document()
    document.add_paragraph("（一）加强组织领导。")
    buffer = io.BytesIO()
    document.save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("word/media/padding.bin", b"\0" * (300 << 20))  # 300 MB of zeros, a few hundred KB packed
    target = tmp_path / "bomb.docx"
    target.write_bytes(bomb.getvalue())
    assert target.stat().st_size < 2 << 20
    result = run_lzlint(["--no-cache", str(target)])
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    # 300 MB of padding plus python-docx's template parts (about 1 MB unpacked).
    assert re.search(r"bomb\.docx: unpacks to 30[01] MB, more than lzlint reads \(256 MB\)", result.stderr)


def test_style_numbering_resolves_through_a_long_based_on_chain() -> None:
    from xml.etree.ElementTree import Element, SubElement

    from lzlint.sources.numbering import Numbering, W

    styles = {}
    for i in range(3000):
        style = Element(W + "style")
        if i == 0:  # the root of the chain carries the numbering
            num_pr = SubElement(SubElement(style, W + "pPr"), W + "numPr")
            SubElement(num_pr, W + "numId").set(W + "val", "7")
        else:
            SubElement(style, W + "basedOn").set(W + "val", f"s{i - 1}")
        styles[f"s{i}"] = style
    numbering = Numbering({}, {}, styles, True)
    assert numbering._style_num_pr("s2999") == ("7", None)
    assert numbering._style_num_pr("s1500") == ("7", None) and len(numbering.resolved) == 3000
