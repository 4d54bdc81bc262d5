"""The language lzlint speaks besides its findings: Chinese by default, English on request.

Standard gettext: the English strings in the code are the msgids, and
`zh/LC_MESSAGES/lzlint.po` holds their Chinese. A wheel carries the compiled
`lzlint.mo` (hatch_build.py compiles it with Babel); a checkout whose `.po` is
newer than its `.mo` (or has none) is read from the `.po` with Babel, so an
edited catalogue shows at once.

The language comes from `--lang`, else `LZLINT_LANG`, else Chinese; never
from `LANG`, which is English on most servers and CI runners whatever their
users read. It is chosen once per run (`set_language`); the one translations
object it loads is the only state, as gettext itself keeps.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
ENVIRONMENT = "LZLINT_LANG"
DOMAIN = "lzlint"
_DIRECTORY = Path(__file__).parent

# The chosen language and its translations; None until the first message asks.
_current: tuple[str, gettext.NullTranslations] | None = None


def _catalogue(language: str) -> gettext.NullTranslations:
    """The translations of `language`; English is the msgids themselves."""
    if language == "en":
        return gettext.NullTranslations()
    folder = _DIRECTORY / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    fresh = mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime)
    if not fresh and po.is_file():
        try:
            return _from_po(po)
        except ImportError:  # no Babel: an older compiled catalogue still beats English
            pass
    if mo.is_file():
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    return gettext.NullTranslations()


def _from_po(po: Path) -> gettext.NullTranslations:
    """A `.po` read with Babel and compiled in memory (a checkout without a built `.mo`)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def chosen(requested: str | None = None) -> str:
    """The language of this run: `requested` (--lang), else $LZLINT_LANG, else Chinese.

    An unknown value is passed over here; click's check of --lang (which also
    reads $LZLINT_LANG) then reports it, in the default language.
    """
    for value in (requested, os.environ.get(ENVIRONMENT)):
        if value and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    return DEFAULT


def set_language(requested: str | None = None) -> str:
    """Choose the language of this run (see `chosen`) and load its catalogue once."""
    global _current
    language = chosen(requested)
    if _current is None or _current[0] != language:
        _current = (language, _catalogue(language))
    return language


def language() -> str:
    """The language messages are in now."""
    return _translations()[0]


def _translations() -> tuple[str, gettext.NullTranslations]:
    if _current is None:
        set_language()
    assert _current is not None
    return _current


def _(message: str) -> str:
    """`message` (an English msgid) in this run's language."""
    return _translations()[1].gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in this run's language, where `context` tells it from the same English elsewhere."""
    return _translations()[1].pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural msgid, for `n`, in this run's language."""
    return _translations()[1].ngettext(singular, plural, n)


def translate_click() -> None:
    """Route click's own messages ("Usage:", "No such option", …) through this catalogue.

    click calls `gettext.gettext` through names `_` and `ngettext` that each of
    its modules imported; gettext's only other way in is the process-wide
    domain plus the LANGUAGE environment variable, which would take the
    language from the environment (what --lang is there to avoid) and leak
    into child processes. So those two names are rebound, only where they
    still are gettext's own functions.
    """
    import sys

    # Every click module imported by now (`import click` loads those that print).
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]
