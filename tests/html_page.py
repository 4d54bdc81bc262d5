"""Reading an HTML report back with the standard library's parser, as tests need it."""

from __future__ import annotations

from html.parser import HTMLParser


class ReportPage(HTMLParser):
    """Collects, per finding id, the text of its marks, and every element's attributes."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marked: dict[str, str] = {}
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._open_marks: list[list[str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if tag == "mark":
            ids = attributes.get("data-f", "").split()
            for fid in ids:
                self.marked.setdefault(fid, "")
            self._open_marks.append(ids)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open_marks.pop()

    def handle_data(self, data: str) -> None:
        for ids in self._open_marks:
            for fid in ids:
                self.marked[fid] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}

    def with_class(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and cls in a.get("class", "").split()]
