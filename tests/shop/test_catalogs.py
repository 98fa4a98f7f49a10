"""The shop's French and Arabic catalogs are complete, and the committed .mo files say what
the .po files say (a fresh clone needs no compilemessages)."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "storefront" / "locale"


def _translated(message) -> bool:
    # all("") is True: a singular message must be checked for emptiness itself
    if isinstance(message.id, tuple):
        return len(message.string) >= 2 and all(message.string)
    return bool(message.string)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_catalog_is_complete_and_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 200
    untranslated = [m.id for m in messages if m.fuzzy or not _translated(m)]
    assert untranslated == []
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in messages:
        if isinstance(message.id, tuple):
            assert compiled.ngettext(message.id[0], message.id[1], 1) in message.string
        else:
            assert compiled.gettext(message.id) == message.string, message.id
