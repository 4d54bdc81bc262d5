"""Q301 / Q302 on sentences of the genre, both directions."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "2023年在全镇范围共开展矛盾纠纷排查80起，调解成功75宗，调解成功率95%。",
        "全年受理行政复议案件40件，审结36件，结案率为95%。",
        "共受理12345热线工单215件，按期办结200件，办结率97.2%。",
        "组织执法人员参加培训45人，考试合格40人，合格率95.6%。",
    ],
)
def test_q301_fires(text: str, lint: Callable[..., list]) -> None:
    found = lint(text, "Q301")
    assert [d.code for d in found] == ["Q301"]


@pytest.mark.parametrize(
    "text",
    [
        "先后开展人民调解122件次，成功化解矛盾纠纷122件，化解矛盾成功率高达100%。",
        "共受理12345热线工单215件，按期办结209件，办结率97.2%。",
        "组织执法人员参加培训45人，考试合格43人，合格率95.6%。",
        "组织执法人员参加培训45人，考试合格43人，合格率95%。",  # truncated 95.56
        "排查矛盾纠纷126起，成功化解118起，化解率达93.65%。",
        "全年受理行政复议案件40件，审结36件。结案率为95%。",  # different sentences
        "行政执法案件同比增长15%，结案率提高5%。",
    ],
)
def test_q301_silent(text: str, lint: Callable[..., list]) -> None:
    assert lint(text, "Q301") == []


def test_q301_position_and_message(lint: Callable[..., list]) -> None:
    text = "共开展矛盾纠纷排查80起，调解成功75宗，调解成功率95%。"
    (d,) = lint(text, "Q301")
    start = text.index("调解成功率95%")
    assert (d.line, d.column, d.end_column) == (1, start + 1, start + 1 + len("调解成功率95%"))
    assert "75宗÷80起" in d.message and "93.75%" in d.message


@pytest.mark.parametrize(
    "text",
    [
        "共受理行政复议案件12件，办结率95%。",
        "成功调解纠纷85件，调解成功率105%。",
        "全年排查矛盾纠纷7起，化解率为90%。",
        "受理信访事项3件，按期办结率为50%。",
    ],
)
def test_q302_fires(text: str, lint: Callable[..., list]) -> None:
    assert [d.code for d in lint(text, "Q302")] == ["Q302"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年1月份至今共受理各类纠纷3343件，其中三星镇人民调解委员会直接调处437起矛盾纠纷，调解成功率95.36%，形成规范化卷宗199份。",
        "开展法治讲座3场，群众满意率达95%。",
        "行政执法案件数量同比增长120%。",
        "受理信访事项4件，按期办结率为50%。",
        "今年组织领导干部开展法治专题学习和年度普法考试，完成率和及格率均达到100%。",
    ],
)
def test_q302_silent(text: str, lint: Callable[..., list]) -> None:
    assert lint(text, "Q302") == []
