"""Building a small .docx from a rule example, for kinds plain text cannot exercise.

Each line of the example becomes a paragraph. A line starting with
`{{auto-number}}` gets Word automatic numbering at level 1 (一、, 二、 …, from a
numbering definition added here); `{{auto-number:undefined}}` refers to a list
that has no definition, as in a document whose numbering.xml was damaged or
stripped by a converter. The .docx is then read by `read_docx`, so an example
goes through exactly what a user's document goes through.
"""

from __future__ import annotations

import io

from lzlint.sources.docx import read_docx
from lzlint.sources.source import Source

AUTO_NUMBER = "{{auto-number}}"
UNDEFINED_AUTO_NUMBER = "{{auto-number:undefined}}"
_DEFINED_ID = "901"
_UNDEFINED_ID = "902"
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DEFINITIONS = (
    (
        f'<w:abstractNum {_W_NS} w:abstractNumId="{_DEFINED_ID}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    ),
    f'<w:num {_W_NS} w:numId="{_DEFINED_ID}"><w:abstractNumId w:val="{_DEFINED_ID}"/></w:num>',
)


def docx_bytes(text: str) -> bytes:
    """A .docx whose paragraphs are the lines of `text`, markers turned into numbering."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract, num = (parse_xml(xml) for xml in _DEFINITIONS)
    first_num = numbering.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before any num
    else:
        numbering.append(abstract)
    numbering.append(num)
    for line in text.rstrip("\n").split("\n"):
        num_id = None
        for marker, marker_id in ((UNDEFINED_AUTO_NUMBER, _UNDEFINED_ID), (AUTO_NUMBER, _DEFINED_ID)):
            if line.startswith(marker):
                line, num_id = line[len(marker) :], marker_id
                break
        paragraph = document.add_paragraph(line)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = int(num_id)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def example_source(text: str) -> Source:
    """The example read back through the .docx reader."""
    return read_docx(docx_bytes(text), "<example>.docx")
