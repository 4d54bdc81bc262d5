"""Reading back the comments of a .docx: what each says and which text it spans."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn


@dataclass(frozen=True)
class Anchored:
    author: str
    initials: str
    text: str  # what the comment says
    paragraphs: tuple[int, ...]  # 0-based indexes of the body paragraphs it spans
    anchored: str  # the document text between its range start and end


def paragraph_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def anchored_comments(path: Path) -> dict[int, Anchored]:
    """Every comment by id, with the text between its w:commentRangeStart and w:commentRangeEnd."""
    document = docx.Document(str(path))
    texts: dict[int, list[str]] = {}
    paragraphs: dict[int, set[int]] = {}
    open_ids: set[int] = set()
    for index, paragraph in enumerate(document.element.body.iter(qn("w:p"))):
        for element in paragraph.iter():
            if element.tag == qn("w:commentRangeStart"):
                cid = int(element.get(qn("w:id")))
                open_ids.add(cid)
                texts[cid] = []
                paragraphs[cid] = set()
            elif element.tag == qn("w:commentRangeEnd"):
                cid = int(element.get(qn("w:id")))
                paragraphs[cid].add(index)
                open_ids.discard(cid)
            elif element.tag in (qn("w:t"), qn("w:tab")):
                piece = element.text or "" if element.tag == qn("w:t") else "\t"
                for cid in open_ids:
                    texts[cid].append(piece)
                    paragraphs[cid].add(index)
    assert not open_ids, f"comment ranges never closed: {open_ids}"
    found = {}
    for comment in document.comments:
        cid = comment.comment_id
        found[cid] = Anchored(
            comment.author,
            comment.initials or "",
            comment.text,
            tuple(sorted(paragraphs.get(cid, ()))),
            "".join(texts.get(cid, [])),
        )
    return found
