from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from audit.bench import Bench


class Command(BaseCommand):
    help = (
        "Migrate this empty, throw-away database, fill it with audit events through the real write path and "
        "measure each speed goal of the audit trail. Used by make bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=1_000_000)

    def handle(self, *args, **options):
        if "audit_auditevent" in connection.introspection.table_names():
            raise CommandError("audit_bench needs an empty database of its own (make bench sets one up).")
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            results = Bench(options["events"], self.stdout.write).run()
        width = max(len(name) for name, *_ in results)
        self.stdout.write("")
        self.stdout.write(f"{'Figure':<{width}}  {'Measured':<42} {'Goal':<22} Naive simple-history page")
        for name, measured, goal, naive in results:
            self.stdout.write(f"{name:<{width}}  {measured:<42} {goal:<22} {naive}")
