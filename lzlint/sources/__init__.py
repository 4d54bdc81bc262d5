"""Reading input files: takes a path (or stdin), gives a Source of decoded text.

The Source keeps the text and a map back to the original file (DESIGN.md).

One module per input kind: text.py decodes text, binary.py recognises files
that are not text, docx.py reads Word documents; reader.py dispatches.
"""

from lzlint.sources.reader import read_source, read_stdin
from lzlint.sources.source import Source, SourceProblem

__all__ = ["Source", "SourceProblem", "read_source", "read_stdin"]
