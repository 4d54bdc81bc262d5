"""Findings stay encoded until read one by one; Tally answers the counting without them."""

from __future__ import annotations

import json
import pickle
from typing import NoReturn

import pytest

from lzlint.diagnostic import Diagnostic, Fix, Related, Replacement
from lzlint.model.lines import Lines, split_lines
from lzlint.run import findings
from lzlint.run.engine import FileResult
from lzlint.run.findings import Findings, Tally, decode_rows, encode_rows
from tests.format_samples import finding

SAFE = Fix((Replacement(1, 1, 1, 2, "，"),))
UNSAFE = Fix((Replacement(1, 1, 1, 2, "（一）"),), unsafe=True)
FOUND = (
    finding("a.txt", 1, 1, 2, code="P601", severity="warning"),
    Diagnostic("a.txt", 2, 1, "P601", "halfwidth-punct", "warning", "m", 2, 2, SAFE),
    Diagnostic("a.txt", 3, 1, "N204", "malformed-marker", "warning", "m", 3, 4, UNSAFE),
    finding("a.txt", 4, 1, 2, code="Q301", severity="error"),
)


def test_tally_counts_by_rule_and_severity_and_safe_fixes() -> None:
    tally = Tally.of(FOUND)
    # Sorted by code, then name: one row per (code, name, severity).
    assert tally.rules == (
        ("N204", "malformed-marker", "warning", 1),
        ("P601", "common-typo", "warning", 1),
        ("P601", "halfwidth-punct", "warning", 1),
        ("Q301", "common-typo", "error", 1),
    )
    assert (tally.total, tally.count("warning"), tally.count("error"), tally.count("info")) == (4, 3, 1, 0)
    assert tally.fixable == 1  # the unsafe fix is not counted: --fix alone would not apply it
    assert tally.codes == {"N204", "P601", "Q301"}
    assert Tally.of(()) == Tally() and Tally().total == 0


def test_encoded_findings_are_decoded_once_and_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []

    def recording(rows: bytes, tally: Tally) -> tuple[Diagnostic, ...]:
        calls.append(rows)
        return decode_rows(rows, tally)

    monkeypatch.setattr(findings, "decode_rows", recording)
    lazy = Findings.encoded(encode_rows(FOUND), Tally.of(FOUND), {"concise": "part\n"})
    # What summaries, exit status and cached output need: no decoding.
    assert (len(lazy), bool(lazy), lazy.tally.count("error"), lazy.parts["concise"]) == (4, True, 1, "part\n")
    assert calls == []
    assert list(lazy) == list(FOUND) and lazy[3] == FOUND[3] and lazy == FOUND
    assert lazy[2].fix == UNSAFE and lazy[1].fix == SAFE  # fixes and the unsafe mark survive
    assert len(calls) == 1
    assert lazy.with_part("text", "t") == FOUND and len(calls) == 1


def test_findings_cross_processes_encoded() -> None:
    sent = pickle.loads(pickle.dumps(Findings(FOUND, parts={"text": "t"})))
    assert sent._items is None  # still encoded on arrival
    assert (sent.tally, dict(sent.parts)) == (Tally.of(FOUND), {"text": "t"})
    assert sent == FOUND


def test_the_other_place_of_a_finding_survives_encoding() -> None:
    other = Related("b.txt", 7, 3, 8, 12, "另一份报告中的相同段落")
    copied = Diagnostic("a.txt", 5, 1, "R101", "copied-paragraph", "warning", "m", 5, 40, None, (other, other))
    decoded = decode_rows(encode_rows([copied, FOUND[0]]), Tally.of([copied, FOUND[0]]))
    # related is left out of ==: compared by hand.
    assert [d.related for d in decoded] == [(other, other), ()]
    # A row written without the other places (every finding but R101's and R102's) reads as none.
    assert json.loads(encode_rows([FOUND[0]]))[0][-1] is False


def test_damaged_rows_call_on_damage_or_raise() -> None:
    seen: list[Exception] = []

    def on_damage(error: Exception) -> NoReturn:
        seen.append(error)
        raise RuntimeError("told")

    bad_row = b'[["a.txt", "7", 1, "A501", "n", "error", "m", 7, 21, null, false]]'
    with pytest.raises(RuntimeError, match="told"):
        list(Findings.encoded(bad_row, Tally((("A501", "n", "error", 1),)), {}, on_damage))
    assert isinstance(seen[0], TypeError)
    # Rows that decode but are not what the tally counts are damaged too.
    with pytest.raises(ValueError, match="tally"):
        list(Findings.encoded(encode_rows(FOUND[:2]), Tally.of(FOUND), {}))


def test_with_part_adds_a_part_and_keeps_the_others() -> None:
    one = Findings(FOUND, parts={"concise": "c"})
    two = one.with_part("text", "t")
    assert (dict(one.parts), dict(two.parts)) == ({"concise": "c"}, {"concise": "c", "text": "t"})
    assert two == one and two.tally == one.tally


def test_file_result_wraps_plain_findings_and_a_replacement_drops_parts() -> None:
    from dataclasses import replace

    result = FileResult("a.txt", Findings(FOUND, parts={"text": "stale"}))
    assert result.diagnostics.parts == {"text": "stale"}
    fewer = replace(result, diagnostics=FOUND[:1])
    assert isinstance(fewer.diagnostics, Findings)
    assert fewer.diagnostics.parts == {} and fewer.diagnostics.tally.total == 1


def test_lines_split_when_read_and_travel_as_text() -> None:
    text = "第一行\r\n第二行\r第三行\n"
    lines = Lines(text)
    assert lines == split_lines(text) == ("第一行", "第二行", "第三行")
    assert (len(lines), lines[1], lines[-1:]) == (3, "第二行", ("第三行",))
    copy = pickle.loads(pickle.dumps(lines))
    assert copy._items is None  # the text alone was sent
    assert copy == lines
