from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.bench import run


class Command(BaseCommand):
    help = ("Migrate this empty, throw-away database, fill it with --records assets and initiatives, and time the "
            "province's yearly report as XLSX and PDF beside its floor. Used by make bench.")

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=20_000)

    def handle(self, *args, **options):
        if "ip_registry_ipasset" in connection.introspection.table_names():
            raise CommandError("reports_bench needs an empty database of its own (make bench sets one up).")
        met = run(options["records"], self.stdout.write)
        self.stdout.write("" if met else "The report is over its goal (NOT MET above).")
