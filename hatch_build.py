"""Build hook: compile the gettext catalogues (lzlint/locale/*/LC_MESSAGES/*.po) to .mo.

The wheel carries compiled catalogues so that an installed lzlint reads them
with the standard library's gettext, fast and without Babel; Babel is needed
only here, at build time. An editable install imports lzlint from the
checkout, so its .mo is written beside the .po (git ignores it).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self._scratch = Path(tempfile.mkdtemp(prefix="lzlint-mo-"))
        for po in sorted((root / "lzlint" / "locale").glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            target = po.with_suffix(".mo") if version == "editable" else self._scratch / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            with target.open("wb") as out:
                write_mo(out, catalog)
            if version != "editable":
                build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
