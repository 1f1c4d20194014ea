import importlib
import importlib.util

from django.apps import apps

from audit.commands import AuditedCommand
from audit.context import Channel
from audit.services import import_batch


class Command(AuditedCommand):
    help = (
        "Load the demo data of every app that has a demo module (directory first, then the domain apps). "
        "Idempotent: loading twice duplicates nothing and writes no new history."
    )
    audit_reason = "Nạp dữ liệu mẫu"

    def handle(self, *args, **options):
        from audit.context import current

        actor = current().resolve_actor()
        logins: dict[str, str] = {}
        # One batch for the whole load: the audit log shows every row it created or changed.
        with import_batch(actor=actor, kind="demo data", channel=Channel.COMMAND) as batch:
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                module = importlib.import_module(module_name)
                logins.update(module.load(actor=actor) or {})
                self.stdout.write(f"Loaded demo data: {app_config.verbose_name}")
            batch.row_count = batch.events.count()
        if logins:
            from directory.demo import DEMO_PASSWORD

            self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password for all: {DEMO_PASSWORD}):"))
            for username, role in logins.items():
                self.stdout.write(f"  {username:<20} {role}")
