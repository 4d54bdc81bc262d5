"""The check kinds: take a Document and one Rule's parameters, give Diagnostics.

This is the registry: a rule's `check:` names one of these kinds.

Adding a kind means writing its module and adding it here; nothing is
discovered by magic.
"""

from lzlint.checks import (
    broken_line,
    change_consistency,
    confusion,
    empty_section,
    halfwidth_punct,
    id_number,
    issue_date,
    layout_part,
    marker_form,
    numbering_hierarchy,
    numbering_sequence,
    numbering_style,
    part_total,
    parts_sum,
    pattern,
    rate_consistency,
    repeated_sentence,
    repeated_word,
    required_section,
    roster,
    section_order,
    source_problem,
    substitution,
    thin_section,
    unbalanced_pair,
    year_consistency,
)
from lzlint.checks.folder_rules import CARRIED_OVER_PARAGRAPH, COPIED_PARAGRAPH
from lzlint.checks.kind import CheckKind

KINDS: dict[str, CheckKind] = {
    module.KIND.name: module.KIND
    for module in (
        pattern,
        confusion,
        required_section,
        section_order,
        numbering_style,
        numbering_sequence,
        marker_form,
        numbering_hierarchy,
        rate_consistency,
        part_total,
        change_consistency,
        parts_sum,
        layout_part,
        empty_section,
        year_consistency,
        issue_date,
        broken_line,
        halfwidth_punct,
        unbalanced_pair,
        repeated_sentence,
        repeated_word,
        substitution,
        thin_section,
        id_number,
        source_problem,
        roster,
    )
}
# The checks over the whole folder: their per-file run finds nothing (lzlint.folder).
KINDS.update({kind.name: kind for kind in (COPIED_PARAGRAPH, CARRIED_OVER_PARAGRAPH)})
