"""Reading input files into decoded text (the Source of DESIGN.md)."""

from lzlint.sources.source import Source, read_source, read_stdin

__all__ = ["Source", "read_source", "read_stdin"]
