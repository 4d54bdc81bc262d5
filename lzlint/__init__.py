"""lzlint: a linter for Chinese rule-of-law government annual reports."""

__version__ = "0.1.0"
