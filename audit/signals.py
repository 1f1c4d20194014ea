from django.db import connections
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from simple_history.signals import (
    post_create_historical_m2m_records,
    post_create_historical_record,
    pre_create_historical_record,
)

from audit import triggers
from audit.context import current
from audit.history import forget_system_actor, system_actor
from audit.recording import record_history_row, record_m2m_rows
from audit.upgrades import record_schema_change


@receiver(pre_create_historical_record, dispatch_uid="audit_context_on_history")
def record_audit_context(sender, history_instance, **kwargs):
    context = current()
    history_instance.history_channel = context.channel
    history_instance.history_request_id = context.request_id
    history_instance.history_ip_address = context.ip_address


@receiver(post_create_historical_m2m_records, dispatch_uid="audit_m2m_snapshot")
def keep_m2m_snapshot(sender, created_rows, history_instance, field, **kwargs):
    record_m2m_rows(history_instance, field, created_rows)


@receiver(post_create_historical_record, dispatch_uid="audit_event_for_history")
def write_audit_event(sender, instance, history_instance, **kwargs):
    # Same transaction as the change: the event is written, or neither is.
    record_history_row(instance, history_instance)


@receiver(post_migrate, dispatch_uid="audit_system_actor")
def ensure_system_actor(sender, app_config=None, using="default", **kwargs):
    # post_migrate also follows every flush (the test runner's, for one), which empties the user table.
    if app_config is None or app_config.label != "audit":
        return
    # A historical table created by a migration after audit's own gets its triggers here.
    triggers.install(connections[using])
    forget_system_actor()
    system_actor()
    if "plan" in kwargs:  # a migration run (a flush sends no plan): the trail records what it changed
        record_schema_change(plan=kwargs["plan"], using=using)
