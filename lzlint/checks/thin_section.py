"""Check kind `thin_section`: a section too short, or one that names no cause."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

_SPACE = re.compile(r"\s")


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for heading in doc.sections.headings.get(rule.params["section"], ()):
        end = doc.section_end(heading)
        body = heading.text[len(heading.title) :] + "".join(doc.lines[heading.line : end])
        length = len(_SPACE.sub("", body).lstrip("。；："))
        whole = heading.title + body
        problems = []
        if length < rule.params["min_length"]:
            problems.append(f"正文只有{length}个字（不足{rule.params['min_length']}字）")
        if not any(word in whole for word in rule.params["cause_words"]):
            problems.append("没有分析原因")
        if problems:
            text = doc.lines[heading.line - 1]
            yield rule.diagnostic(doc.path, heading.line, heading.marker_start, len(text.rstrip()), problem="，".join(problems))


KIND = CheckKind(
    name="thin_section",
    run=run,
    doc="Reports a `section` whose body is shorter than `min_length` characters or names none of `cause_words`.",
    params={
        "section": Param("str", "section kind of the lexicon", required=True),
        "min_length": Param("int", "fewest characters of body (white space not counted)", default=150),
        "cause_words": Param("str_list", "words that show causes are analysed", required=True),
    },
    fields=frozenset({"problem"}),
    needs_tokens=True,
)
