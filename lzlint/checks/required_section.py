"""Check kind `required_section`: a section the 督察规定 requires is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.locale import _

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

# The order the 督察规定 lists the parts in; used to say where a missing one belongs.
REPORT_ORDER = ("measures", "first_responsible", "shortcomings", "next_year")


def expected_line(doc: Document, section: str) -> int:
    """Where a missing section belongs: at the next required section present,
    else before the 落款 (or at the last text line), else line 1."""
    later = REPORT_ORDER[REPORT_ORDER.index(section) + 1 :] if section in REPORT_ORDER else ()
    for name in later:
        heading = doc.sections.first(name)
        if heading is not None:
            return heading.line
    if any(doc.sections.first(name) for name in REPORT_ORDER):
        signature = (*doc.layout.organs, doc.layout.date_line)
        return next((n for n in signature if n is not None), doc.last_text_line())
    return 1


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    name = rule.params["section"]
    try:
        kind = doc.vocabulary.lexicon.section(name)
    except KeyError:
        raise LzlintError(_("{origin}: section {name!r} is not defined in the lexicon").format(origin=rule.origin, name=name)) from None
    if doc.sections.first(name) is not None:
        return
    line = expected_line(doc, name)
    text = doc.lines[line - 1] if line <= len(doc.lines) else ""
    start = len(text) - len(text.lstrip())
    report = doc.report_year
    # The report's own year in a suggested heading: 20XX年 would be an A502 placeholder when pasted.
    year_label = f"{report.year}年度" if report is not None else "本年度"
    # Say that a mention in the body does not count only when there is one:
    # to a report that never mentions the subject, the remark is noise.
    words = rule.params["mentioned_words"]
    mentioned = rule.params["mentioned_note"] if words and any(w in body for body in doc.lines for w in words) else ""
    yield rule.diagnostic(
        doc.path, line, start, max(len(text), start + 1), label=kind.label, year_label=year_label, mentioned=mentioned
    )


KIND = CheckKind(
    name="required_section",
    run=run,
    doc="Reports a report that has no heading for `section` (a section of rules/lexicon/sections.yaml).",
    params={
        "section": Param("str", "name of the section kind in the lexicon", required=True),
        "mentioned_words": Param("str_list", "words whose presence in the body {mentioned} remarks on", default=()),
        "mentioned_note": Param("str_or_empty", "what {mentioned} says when the body has one of mentioned_words", default=""),
    },
    fields=frozenset({"label", "year_label", "mentioned"}),
    needs_tokens=True,
    reports_absence=True,
)
