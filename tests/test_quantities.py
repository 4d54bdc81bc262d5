"""Counts, rates and their pairing, on sentences of the genre beyond the seeds."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lzlint.model.document import Vocabulary
from lzlint.model.quantities import Count, Quantities, Rate, extract, pair_counts


@pytest.fixture()
def q(vocabulary: Vocabulary) -> Callable[[str], Quantities]:
    return lambda text: extract(text, vocabulary.lexicon, vocabulary.patterns)


@pytest.mark.parametrize(
    "text,counts",
    [
        ("共开展矛盾纠纷排查80起，调解成功75宗", [(80, "起"), (75, "宗")]),
        ("开展人民调解122件次，成功化解122件", [(122, "件次"), (122, "件")]),
        ("办理申领行政执法证11本，换证10本", [(11, "本"), (10, "本")]),
        ("共有13名村居法律顾问，入户走访356户", [(13, "名"), (356, "户")]),
        ("举办宣讲会35场次，参加群众1200人次", [(35, "场次"), (1200, "人次")]),
        ("受理行政复议申请１２件", [(12, "件")]),
        ("受理信访事项1,278件，调解纠纷29 757件", [(1278, "件"), (29757, "件")]),
    ],
)
def test_counts(text: str, counts: list[tuple[int, str]], q: Callable[[str], Quantities]) -> None:
    assert [(c.value, c.unit) for c in q(text).counts] == counts


@pytest.mark.parametrize(
    "text",
    [
        "2023年以来",
        "2024年1月份至今",
        "12月31日",
        "第3次会议",
        "12345政务服务便民热线",
        "3至5件",
        "3-5件",
        "1.5万元",
        "为期3个月的专项行动",
        "提高2个百分点",
        "联系电话0771-2801234",
    ],
)
def test_not_counts(text: str, q: Callable[[str], Quantities]) -> None:
    assert q(text).counts == ()


def test_approximate_counts_are_marked(q: Callable[[str], Quantities]) -> None:
    (count,) = q("参加人员达120余人").counts
    assert count.approximate and count.value == 120


@pytest.mark.parametrize(
    "text,name,value,decimals",
    [
        ("调解成功率95%", "调解成功率", Fraction(95), 0),
        ("化解矛盾成功率高达100%", "化解矛盾成功率", Fraction(100), 0),
        ("调解成功率95.36%", "调解成功率", Fraction(9536, 100), 2),
        ("办结率达到98.5％", "办结率", Fraction(985, 10), 1),
        ("行政复议结案率为100%", "行政复议结案率", Fraction(100), 0),
    ],
)
def test_rates(text: str, name: str, value: Fraction, decimals: int, q: Callable[[str], Quantities]) -> None:
    (rate,) = q(text).rates
    assert (rate.name, rate.value, rate.decimals) == (name, value, decimals)
    assert rate.share is not None


def test_growth_is_not_a_share(q: Callable[[str], Quantities]) -> None:
    assert all(r.share is None for r in q("案件数量增长率15%").rates)
    assert q("办结率同比提高5%").rates == ()


@pytest.mark.parametrize(
    "stated,value,accepted",
    [
        ("95", Fraction(9375, 100), False),
        ("95", Fraction(945, 10), True),  # rounds to 95
        ("95", Fraction(9599, 100), True),  # truncates to 95
        ("95", Fraction(96), False),
        ("95.36", Fraction(318800, 3343), True),
        ("93.7", Fraction(11800, 126), True),
        ("98.5", Fraction(11800, 126), False),
    ],
)
def test_precision_window(stated: str, value: Fraction, accepted: bool, q: Callable[[str], Quantities]) -> None:
    (rate,) = q(f"调解成功率{stated}%").rates
    assert rate.accepts(value) is accepted


def test_producible(q: Callable[[str], Quantities]) -> None:
    (rate,) = q("调解成功率95.36%").rates
    assert rate.producible_from(3343)
    assert not rate.producible_from(437)
    (rate,) = q("办结率95%").rates
    assert not rate.producible_from(12)
    assert rate.producible_from(20)


@pytest.mark.parametrize(
    "text,pair",
    [
        ("共开展矛盾纠纷排查80起，调解成功75宗，调解成功率95%", (75, 80)),
        ("先后开展人民调解122件次，成功化解矛盾纠纷122件，化解矛盾成功率高达100%", (122, 122)),
        ("全年受理行政复议案件40件，审结36件，结案率为90%", (36, 40)),
        ("共受理12345热线工单215件，按期办结209件，办结率97.2%", (209, 215)),
        ("排查矛盾纠纷126起，成功化解118起，化解率达93.7%", (118, 126)),
        ("组织执法人员参加培训45人，考试合格43人，合格率95.6%", (43, 45)),
        ("应参训人员120人，实际参训108人，参训率90%", (108, 120)),
        ("结案率达到98%，全年共受理行政复议案件50件，结案47件", (47, 50)),
        ("排查矛盾纠纷126起，其中118起已成功化解，化解率93.7%", (118, 126)),
        ("共受理投诉1.2万件，办结1.08万件，办结率90%", (10800, 12000)),
        # Parts listed after 其中 are smaller than the numerator or not named as a base: the total comes first.
        ("全年办理行政复议案件40件，其中维持32件、纠错4件，纠错率10%", (4, 40)),
        ("受理矛盾纠纷120件，其中婚姻家庭类30件、邻里纠纷50件，调解成功114件，调解成功率95%", (114, 120)),
        ("办理行政复议案件24件，其中维持16件、纠错5件、终止3件，纠错率25%", (5, 24)),
    ],
)
def test_pairing(text: str, pair: tuple[int, int], q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    found = q(text)
    (rate,) = found.rates
    pairs = pair_counts(rate, found.counts, vocabulary.lexicon)
    assert pairs
    numerator, bases = pairs[0]
    assert (numerator.value, bases[0].value) == pair


def test_every_plausible_base_is_offered(q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    found = q("全年新收行政复议案件137件，审结129件；审结案件中维持86件、驳回21件、纠错16件，纠错率12.4%")
    ((numerator, bases),) = pair_counts(found.rates[0], found.counts, vocabulary.lexicon)
    # No base names a base cue: the sentence's order, first count first.
    assert (numerator.value, [b.value for b in bases]) == (16, [137, 129, 86, 21])


@pytest.mark.parametrize(
    "text,numerators",
    [
        # A count that denies what the rate counts is never its numerator.
        ("全年受理信访326件，已办结321件，尚未办结的5件正在跟踪督办，办结率98.5%", [321]),
        ("全年排查矛盾纠纷142起，成功化解133起，未化解的9起均已落实包案领导，化解率93.7%", [133]),
        ("共调解纠纷150件，调解成功146件，调解不成功的4件已引导当事人诉讼，调解成功率97.3%", [146]),
        ("受理工单860件，按时办结855件，超期办结5件，按时办结率99.4%", [855]),
    ],
)
def test_negated_counts_are_no_numerators(text: str, numerators: list[int], q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    found = q(text)
    assert [n.value for n, _ in pair_counts(found.rates[0], found.counts, vocabulary.lexicon)] == numerators


@pytest.mark.parametrize(
    "text",
    [
        "共受理各类纠纷3343件，其中直接调处437起矛盾纠纷，调解成功率95.36%",  # no numerator named
        "开展法治讲座3场，群众满意率达95%",
        "调解成功率95%",
        "调解成功120余件，共受理纠纷150件，调解成功率80%",  # approximate numerator
        "成功调解纠纷75件，调解成功率95%",  # no base
    ],
)
def test_no_pair_when_unclear(text: str, q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    found = q(text)
    assert all(pair_counts(rate, found.counts, vocabulary.lexicon) == () for rate in found.rates)


@pytest.mark.parametrize(
    "text,numerator,parts",
    [
        # The sentence adds the carry-over to what it received: the base is the sum.
        ("受理复议案件35件、上年结转5件，办结38件，办结率95%", 38, (35, 5)),
        ("受理信访事项312件，加上年结转的18件，共办结326件，结案率98.8%", 326, (312, 18)),
        ("旧存3件，新收45件，审结46件，结案率95.8%", 46, (3, 45)),
    ],
)
def test_a_base_may_be_a_sum_the_sentence_adds(
    text: str, numerator: int, parts: tuple[int, ...], q: Callable[[str], Quantities], vocabulary: Vocabulary
) -> None:
    found = q(text)
    (n, bases), *_ = pair_counts(found.rates[0], found.counts, vocabulary.lexicon)
    assert n.value == numerator
    assert (bases[0].value, tuple(p.value for p in bases[0].parts)) == (sum(parts), parts)


def test_on_time_plus_late_work_is_what_an_unnarrowed_rate_counts(q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    found = q("受理投诉40件，按期办结36件，超期办结2件，办结率95%，按期办结率90%")
    whole, on_time = found.rates
    assert [n.value for n, _ in pair_counts(whole, found.counts, vocabulary.lexicon)][0] == 38
    assert [n.value for n, _ in pair_counts(on_time, found.counts, vocabulary.lexicon)] == [36]


def test_pairing_looks_only_near_the_rate(q: Callable[[str], Quantities], vocabulary: Vocabulary) -> None:
    # The 受理 count is further from the rate than the pairing window: the rate is not paired with it.
    window = vocabulary.lexicon.pairing_window
    filler = "，".join(f"办理事项{i + 1}件" for i in range(window + 1))
    found = q(f"受理投诉40件，{filler}，另办结38件，办结率90%")
    pairs = pair_counts(found.rates[0], found.counts, vocabulary.lexicon)
    assert all(b.value != 40 for _, bases in pairs for b in bases)
    near = q("受理投诉40件，办结38件，办结率90%")
    assert any(b.value == 40 for _, bases in pair_counts(near.rates[0], near.counts, vocabulary.lexicon) for b in bases)


@given(numerator=st.integers(0, 3000), base=st.integers(1, 3000), units=st.integers(0, 20000), decimals=st.integers(0, 3))
def test_whole_number_comparison_is_the_exact_comparison(numerator: int, base: int, units: int, decimals: int) -> None:
    # agrees_with compares in whole numbers for speed; it must say what the exact fractions say.
    written = Decimal(units).scaleb(-decimals)
    rate = Rate(name="办结率", text=str(written), value=Fraction(written), decimals=decimals, share=None, start=0, end=0)

    def count(value: int) -> Count:
        return Count(value=value, approximate=False, unit="件", unit_class="cases", clause="", start=0, end=0)

    assert rate.agrees_with(count(numerator), count(base)) == rate.accepts(Fraction(100 * numerator, base))
