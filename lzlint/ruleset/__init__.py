"""The rule pack: takes rules/*.yaml (and a user's rule folders), gives validated Rules.

Loading checks every rule against its check kind's parameters and refuses
regular expressions that could hang a run; selection applies select/ignore;
docs.py writes the rule reference and examples.py runs each rule's own
examples, so the YAML is the single source of a rule.
"""
