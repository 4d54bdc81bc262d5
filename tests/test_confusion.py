"""W703's confusion lexicon: every entry fires on its own error and is silent on its look-alike.

Each entry carries `fire` (a sentence where the wrong form is an error) and
`ok` (one where the same letters, or the right word, are correct). The
indexed search must give the same findings with pyahocorasick and without.
"""

from __future__ import annotations

import pytest

from lzlint.checks.confusion import Confusion, build_index, find, lexicon
from lzlint.checks.kind import compile_regex
from lzlint.model.document import Vocabulary
from lzlint.ruleset.examples import run_example
from lzlint.ruleset.rules import Rule, default_rules_dir, load_rules

W703: Rule = next(r for r in load_rules([default_rules_dir()]) if r.code == "W703")
ENTRIES: tuple[Confusion, ...] = W703.params["entries"]


def _id(entry: Confusion) -> str:
    return f"{entry.wrong}->{entry.right}"


def test_the_lexicon_has_several_hundred_entries() -> None:
    assert len(ENTRIES) >= 300


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_entry_has_both_examples(entry: Confusion) -> None:
    assert entry.fire and entry.ok
    assert entry.wrong in entry.fire


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_entry_fires_on_its_error(entry: Confusion, vocabulary: Vocabulary) -> None:
    found = run_example(W703, entry.fire, vocabulary)
    spans = [(entry.fire[d.column - 1 : d.end_column - 1], d.fix.replacements[0].text) for d in found if d.fix]
    assert (entry.wrong, entry.right) in spans, f"{entry.fire}: {[d.message for d in found]}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_entry_is_silent_on_its_look_alike(entry: Confusion, vocabulary: Vocabulary) -> None:
    found = run_example(W703, entry.ok, vocabulary)
    assert not found, f"{entry.ok}: {[d.message for d in found]}"


def test_no_two_entries_share_a_form_and_context() -> None:
    keys = [(e.wrong, e.before, e.after, e.not_before, e.not_after) for e in ENTRIES]
    assert len(keys) == len(set(keys))


SAMPLES = [e.fire for e in ENTRIES] + [e.ok for e in ENTRIES] + ["", "无关文字", "确实确实履行得更好得学习"]


@pytest.mark.parametrize("text", SAMPLES[::7] + SAMPLES[-3:])
def test_automaton_and_table_find_the_same(text: str, vocabulary: Vocabulary) -> None:
    pytest.importorskip("ahocorasick")
    fast, slow = lexicon(ENTRIES, use_automaton=True), lexicon(ENTRIES, use_automaton=False)
    assert type(fast.index).__name__ == "AutomatonIndex"
    assert type(slow.index).__name__ == "TableIndex"
    assert find(text, fast, None) == find(text, slow, None)


def test_indexes_report_overlapping_occurrences() -> None:
    # 截止目前 and 截止 both start at 0: the index must give both, the check picks the longer.
    for use in (True, False):
        index = build_index(["截止", "截止目前", "目前"], use_automaton=use)
        assert sorted(index.occurrences("截止目前")) == [(0, "截止"), (0, "截止目前"), (2, "目前")]


def test_the_message_names_the_right_form(vocabulary: Vocabulary) -> None:
    (d,) = run_example(W703, "各镇要确实履行属地管理责任。", vocabulary)
    assert (d.column, d.end_column) == (4, 6)
    assert "“确实”" in d.message and "“切实”" in d.message


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_context_is_a_safe_regex(entry: Confusion) -> None:
    # Contexts compile lazily (a report pays only for the forms it contains), so the
    # suite is where every shipped one is proved to compile and not to backtrack.
    for context in entry.contexts():
        compile_regex(context.source)
