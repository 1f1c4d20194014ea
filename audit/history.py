"""History on every record: django-simple-history, told who, how, from where and why.

Every model of every app inherits :class:`TrackedModel`, which gives it a ``history`` manager and a
historical table with the audit columns of :class:`audit.models.HistoricalAuditFields`. Rows take the
actor, channel, address, request id and reason from :mod:`audit.context`, and each row written, one by
one or in bulk, is also written to the audit log (:mod:`audit.recording`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import NOT_PROVIDED
from simple_history.models import HistoricalRecords

from audit.context import current
from audit.models import HistoricalAuditFields
from audit.recording import AuditedHistoryManager

_system_actor = None


def system_actor():
    """The account that stands for writes with no known person behind them."""
    global _system_actor
    if _system_actor is None:
        user, _ = get_user_model().objects.get_or_create(
            username=settings.AUDIT_SYSTEM_USERNAME,
            defaults={"is_active": False, "password": make_password(None)},
        )
        _system_actor = user
    return _system_actor


def forget_system_actor() -> None:
    """Drop the cached account (the database was flushed or migrated)."""
    global _system_actor
    _system_actor = None


def acting_user(actor=None):
    """The person a write is recorded against: ``actor``, else whoever the context runs as, else the system."""
    return actor or current().resolve_actor() or system_actor()


def _actor_for_history(instance=None, request=None, **kwargs):
    return acting_user()


def _keep_open(field: models.Field) -> models.Field:
    """A historical column takes any value and supposes none: nullable, so that no later migration needs
    to fill it (an UPDATE the append-only triggers refuse), and without a default, so that a column added
    later holds nothing in the rows written before it."""
    field.null = True
    field.blank = True
    field.default = NOT_PROVIDED
    field.db_default = NOT_PROVIDED
    return field


def _retained(field: models.Field) -> models.Field:
    """A copy of a field a model no longer has, for the historical column that keeps its past values."""
    name, path, args, kwargs = field.deconstruct()
    if field.is_relation:
        kwargs.update(db_constraint=False, related_name="+", db_index=True, on_delete=models.DO_NOTHING)
    return _keep_open(type(field)(*args, **kwargs))


def _tracked_state(instance, fields) -> dict:
    return {field.attname: instance.__dict__.get(field.attname, models.DEFERRED) for field in fields}


class AuditedHistoricalRecords(HistoricalRecords):
    """simple-history that records the audit context and skips saves that change nothing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("bases", [HistoricalAuditFields])
        kwargs.setdefault("get_user", _actor_for_history)
        kwargs.setdefault("history_manager", AuditedHistoryManager)
        super().__init__(**kwargs)

    def copy_fields(self, model):
        # A field the model narrowed (a shorter text, fewer decimal places, another type) keeps its
        # historical column as it was when the model names it in ``history_retained_fields``.
        retained = getattr(model, "history_retained_fields", {})
        return {name: _retained(retained[name]) if name in retained else _keep_open(field)
                for name, field in super().copy_fields(model).items()}

    def get_extra_fields(self, model, fields):
        # A field removed from the model keeps its historical column when the model names it in
        # ``history_retained_fields``: its past values stay where the trail's digests read them.
        extra = super().get_extra_fields(model, fields)
        for name, field in getattr(model, "history_retained_fields", {}).items():
            if name not in fields:
                extra[name] = _retained(field)
        return extra

    def fields_included(self, model):
        # A model names the fields that must never be copied into its history (a password hash, say).
        excluded = set(getattr(model, "history_excluded_fields", ()))
        return [field for field in super().fields_included(model) if field.name not in excluded]

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or current().reason

    def post_save(self, instance, created, using=None, **kwargs):
        fields = self.fields_included(instance)
        loaded = getattr(instance, "_audit_loaded_state", None)
        if not created and loaded is not None and loaded == _tracked_state(instance, fields):
            return  # nothing recorded changed: no history row
        super().post_save(instance, created, using=using, **kwargs)
        instance._audit_loaded_state = _tracked_state(instance, fields)


class TrackedModel(models.Model):
    """Base of every model whose changes are kept, with who made them, when, from where and why.

    A model whose records belong to a district-level unit names the way to it in ``audit_unit_paths``
    (``("unit",)``, ``("initiative__organisation__unit",)``, ``("self",)`` for a unit): the first path
    that leads somewhere gives the unit its audit events are filed under, so district officers see them.

    Its historical table is never narrowed: every column is nullable and has no default (see
    :func:`_keep_open`), and a field removed or narrowed keeps its column as it was
    (``history_retained_fields``).
    """

    audit_unit_paths: tuple[str, ...] = ()
    # Historical columns kept as they were, {name: the field as it was}: a field removed from the model (its
    # past values stay), or narrowed by it (its history keeps the wider column and every value it held).
    history_retained_fields: dict[str, models.Field] = {}

    history = AuditedHistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_loaded_state()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        state = getattr(self, "_audit_loaded_state", None)
        if fields is None or state is None:
            self._remember_loaded_state()
            return
        for field in self._tracked_fields():
            if field.name in fields or field.attname in fields:
                state[field.attname] = self.__dict__.get(field.attname, models.DEFERRED)

    def _remember_loaded_state(self) -> None:
        # What the database holds, to tell a save that changes something from one that does not.
        self._audit_loaded_state = _tracked_state(self, self._tracked_fields())

    @classmethod
    def _tracked_fields(cls):
        # Read once per class: simple-history builds a new manager class on every ``Model.history``.
        fields = cls.__dict__.get("_audit_tracked_fields")
        if fields is None:
            fields = cls.history.model.tracked_fields
            cls._audit_tracked_fields = fields
        return fields
