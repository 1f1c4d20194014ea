"""Fields that some readers of a record may not see, hidden alike in every door that shows its history.

A record's page shows a confidential field (an initiative's confidential part) only to some users; its
history must not show it to anyone else. The app that owns the rule registers it here (``register``), and
the audit log's pages, its exports, the API's events and the record timelines all ask ``hidden_fields``
before they show an event's changes. The admin's history pages send people to the timeline, so they obey
the same rule.

The stored events are never changed: hiding happens when they are read, so the trail's hashes still verify.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Case, F, TextField, Value, When
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rule:
    fields: frozenset[str]
    # Whether the user reads these fields on every record of the model (a role's right).
    reads_all: Callable[[object], bool]
    # The ids, among those given, of the records whose fields the user reads (their own unit's, say).
    readable: Callable[[object, set[str]], set[str]]


_RULES: dict[str, Rule] = {}

NOTHING = frozenset()


def register(model: str, fields: Iterable[str], *, reads_all: Callable, readable: Callable) -> None:
    """``model`` is a label as the log writes it (``initiatives.initiative``)."""
    _RULES[model] = Rule(frozenset(fields), reads_all, readable)


def guarded_models(user) -> list[str]:
    """The models whose guarded fields ``user`` does not read on every record."""
    return sorted(model for model, rule in _RULES.items() if not rule.reads_all(user))


def hidden_fields(user, events: Iterable) -> dict[int, frozenset[str]]:
    """For each event (by ``seq``) of a guarded record, the fields to hide from ``user``.

    One query per guarded model among the events at most, whatever their number."""
    wanted: dict[str, dict[str, list[int]]] = {}
    for event in events:
        if event.model in _RULES:
            wanted.setdefault(event.model, {}).setdefault(str(event.object_id), []).append(event.seq)
    hidden: dict[int, frozenset[str]] = {}
    for model, by_record in wanted.items():
        rule = _RULES[model]
        if rule.reads_all(user):
            continue
        readable = rule.readable(user, set(by_record))
        for object_id, seqs in by_record.items():
            if object_id not in readable:
                hidden.update((seq, rule.fields) for seq in seqs)
    return hidden


def placeholder() -> str:
    return _("(nội dung giữ bí mật)")


def masked(changes: dict, fields: frozenset[str]) -> dict:
    """``changes`` ({field: [before, after]} or {field: value}) with the values of ``fields`` replaced by a
    placeholder (an empty value stays empty: that it was empty says nothing)."""
    if not fields or fields.isdisjoint(changes):
        return changes
    shown = placeholder()

    def hide(value):
        return value if value in (None, "") else shown

    result = {}
    for name, values in changes.items():
        if name not in fields:
            result[name] = values
        elif isinstance(values, list) and len(values) == 2:
            result[name] = [hide(values[0]), hide(values[1])]
        else:
            result[name] = hide(values)
    return result


def searchable_changes(user):
    """The events' changes as the text filter may search them for ``user``: nothing of a guarded model's
    events (a search must not tell whether a hidden value holds a word)."""
    models = guarded_models(user)
    if not models:
        return F("changes")
    return Case(When(model__in=models, then=Value("")), default=F("changes"), output_field=TextField())
