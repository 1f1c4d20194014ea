"""The English catalogue translates every interface string, and the compiled file matches it."""

import ast
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries():
    """(context, msgid, msgid_plural, {msgstr key: text}, flags) for every entry of the .po file."""
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        flags = ""
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif line.startswith(("msgctxt ", "msgid", "msgstr")):
                key, _, literal = line.partition(" ")
                fields[key] = ast.literal_eval(literal)
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            translations = {k: v for k, v in fields.items() if k.startswith("msgstr")}
            yield fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), translations, flags


def test_every_string_is_translated_and_none_is_fuzzy():
    missing = [msgid for _, msgid, _, translations, flags in entries()
               if not all(translations.values()) or "fuzzy" in flags]
    assert missing == []


def test_the_compiled_catalogue_matches_the_source():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for context, msgid, plural, translations, _ in entries():
        if plural:
            compiled_forms = {"msgstr[0]": compiled.ngettext(msgid, plural, 1),
                              "msgstr[1]": compiled.ngettext(msgid, plural, 2)}
            if compiled_forms != translations:
                stale.append(msgid)
        elif (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != translations["msgstr"]:
            stale.append(msgid)
    assert stale == [], "run `make messages` and commit the .mo"
