"""Codes and names as people type them, made comparable.

The same growing-area code typed on two keyboards, pasted from a PDF or a spreadsheet arrives composed or
decomposed ("ộ" as one code point, or "o" and two combining marks), with a zero-width space or a
right-to-left mark inside it, with a non-breaking space or a tab between its words. They look alike on
screen and differ in the database: a second record instead of a match. ``normalise_text`` gives each of
them one spelling; ``NormalisedCharField`` stores that spelling on every path (services, forms, admin, API,
imports), and ``lookalike_key`` groups what was stored before, for an administrator to merge by hand.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models

# Characters that show nothing: zero-width space, non-joiner and joiner, word joiner, the byte-order mark
# (a zero-width no-break space when inside a text), the soft hyphen; and the bidirectional controls (marks,
# embeddings, overrides, isolates, the Arabic letter mark), which a right-to-left text pasted nearby leaves.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c]")


def normalise_text(value: str) -> str:
    """``value`` in Unicode NFC, without invisible characters, every run of whitespace (a non-breaking
    space, a tab, a line break) one space, and no space at either end."""
    # Invisible characters go first, so that a mark separated from its letter by one composes with it.
    return " ".join(unicodedata.normalize("NFC", INVISIBLE.sub("", value)).split())


def lookalike_key(value: str) -> str:
    """What two look-alike spellings share: the normalised text, case folded. Diacritics count ("Lục Ngạn"
    and "Lục Ngan" are two names), so they are kept."""
    return normalise_text(value).casefold()


class NormalisedCharField(models.CharField):
    """A CharField that stores ``normalise_text`` of what it is given.

    ``to_python`` normalises, so a model's ``full_clean`` (a form's, a serializer's validation) checks and
    compares the stored spelling, uniqueness included, and a lookup (``code=…``, ``name__in=…``) looks for
    it; ``pre_save`` normalises too (and sets the attribute), so a ``save()`` without ``full_clean`` and the
    bulk inserts of ``audit.inserts`` store it as well. Values already stored are read as they are.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = normalise_text(value)
            setattr(model_instance, self.attname, value)
        return value
