from django.db.models.signals import post_migrate
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from audit.context import current
from audit.history import forget_system_actor, system_actor


@receiver(pre_create_historical_record, dispatch_uid="audit_context_on_history")
def record_audit_context(sender, history_instance, **kwargs):
    context = current()
    history_instance.history_channel = context.channel
    history_instance.history_request_id = context.request_id
    history_instance.history_ip_address = context.ip_address


@receiver(post_migrate, dispatch_uid="audit_system_actor")
def ensure_system_actor(sender, app_config=None, **kwargs):
    # post_migrate also follows every flush (the test runner's, for one), which empties the user table.
    if app_config is None or app_config.label != "audit":
        return
    forget_system_actor()
    system_actor()
