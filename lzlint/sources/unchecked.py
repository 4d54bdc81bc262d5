"""Files in a walked folder that may hold a report but that lzlint cannot read.

A folder gate must not pass a report it never read: each such file is listed
as not checked (finding F001, lzlint.run.gate) with the reason below, and
fails the run unless the config's `exclude` names it. Files of other kinds
(spreadsheets, slides, code, data) are no reports and are passed over.

The reasons are finding messages, so they are Chinese like every rule's.
"""

from __future__ import annotations

from pathlib import Path

from lzlint.sources.office import CONVERTED_SUFFIXES, find_soffice

_SCAN = "图片（扫描件）无法检查；请检查报告的 .docx 或文本文件"
_SAVE_AS_DOCX = "该格式无法检查；请用 Word 或 WPS 另存为 .docx"
_ARCHIVE = "压缩包内的文件不会检查；请解压后再检查"

REASONS: dict[str, str] = {
    ".pdf": "PDF 文件无法检查；请检查生成它的 .docx 或文本文件",
    ".ofd": "OFD 版式文件无法检查；请检查生成它的 .docx 或文本文件",
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"), _SCAN),
    **dict.fromkeys((".rtf", ".odt", ".wpt", ".dot", ".dotx", ".docm", ".wpd", ".pages", ".uof", ".uot"), _SAVE_AS_DOCX),
    **dict.fromkeys((".zip", ".rar", ".7z"), _ARCHIVE),
}
NO_LIBREOFFICE = "{kind}需要 LibreOffice 才能读取，本机未安装；请安装 LibreOffice，或将文件另存为 .docx"
_KIND_ZH = {".doc": "Word 97–2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}


def unchecked_reason(path: Path, soffice_found: bool) -> str | None:
    """Why a file found in a folder is not checked, or None when it is linted or no report."""
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        return None if soffice_found else NO_LIBREOFFICE.format(kind=_KIND_ZH[suffix])
    return REASONS.get(suffix)


def soffice_found() -> bool:
    return find_soffice() is not None
