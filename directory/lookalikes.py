"""Look-alike codes and names, for an administrator to merge by hand.

Codes and names are stored normalised (``directory.text.NormalisedCharField``), but the records written before
were not, and the migration that brought the normalisation rewrote none of them: two spellings of one code
("VN-BGLN-0001" and "VN‑BGLN‑0001" with a zero-width space) may still be two records. This report lists, for
each field a model names in ``lookalike_fields``, the records whose values share a ``lookalike_key`` but are
spelled differently, and the records whose value is not stored normalised (saving one changes its spelling).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from directory import access
from directory.pages import role_required
from directory.text import INVISIBLE, lookalike_key, normalise_text


@dataclass(frozen=True)
class Spelling:
    pk: int
    value: str
    shown: str  # the value with its invisible and unusual characters made visible
    normalised: bool
    url: str


@dataclass(frozen=True)
class Register:
    label: str  # "mã số vùng trồng — mã số"
    groups: list[list[Spelling]]


def visible(value: str) -> str:
    """``value`` with what does not show written out: invisible characters and whitespace other than a space
    as ⟨U+200B⟩, and a decomposed letter (a letter and its combining marks) marked ⟨NFD⟩."""
    shown = "".join(f"⟨U+{ord(char):04X}⟩" if INVISIBLE.match(char) or (char.isspace() and char != " ") else char
                    for char in value)
    return shown + " ⟨NFD⟩" if unicodedata.normalize("NFC", value) != value else shown


def _url(opts, pk: int) -> str:
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def lookalike_groups(model, field: str) -> list[list[Spelling]]:
    """The groups of ``model``'s records whose ``field`` looks alike but is stored in more than one spelling,
    or not normalised; largest first."""
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    # SQLite has no NFC function: every value is read and compared here, in chunks (an on-demand admin report).
    for pk, value in model._default_manager.order_by("pk").values_list("pk", field).iterator(chunk_size=5000):
        if value:
            by_key[lookalike_key(value)].append((pk, value))
    opts = model._meta
    groups = []
    for rows in by_key.values():
        spellings = [Spelling(pk, value, visible(value), normalise_text(value) == value, _url(opts, pk))
                     for pk, value in rows]
        if len({spelling.value for spelling in spellings}) > 1 or not all(s.normalised for s in spellings):
            groups.append(spellings)
    return sorted(groups, key=lambda group: (-len(group), group[0].pk))


def lookalike_registers() -> list[Register]:
    """Every register's look-alikes, those with none left out."""
    registers = []
    for model in apps.get_models():
        for field in getattr(model, "lookalike_fields", ()):
            groups = lookalike_groups(model, field)
            if groups:
                label = f"{model._meta.verbose_name_plural} — {model._meta.get_field(field).verbose_name}"
                registers.append(Register(label=label, groups=groups))
    return registers


@role_required(access.is_administrator)
@require_GET
def lookalike_report(request):
    return render(request, "directory/lookalikes.html", {"registers": lookalike_registers()})
