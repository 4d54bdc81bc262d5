"""The registry of check kinds: a rule's `check:` names one of these.

Adding a kind means writing its module and adding it here; nothing is
discovered by magic.
"""

from lzlint.checks import (
    marker_form,
    numbering_sequence,
    numbering_style,
    pattern,
    rate_consistency,
    required_section,
    section_order,
    source_problem,
)
from lzlint.checks.kind import CheckKind

KINDS: dict[str, CheckKind] = {
    module.KIND.name: module.KIND
    for module in (
        pattern,
        required_section,
        section_order,
        numbering_style,
        numbering_sequence,
        marker_form,
        rate_consistency,
        source_problem,
    )
}
