from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.bench import Bench, report


class Command(BaseCommand):
    help = (
        "Migrate this empty, throw-away database, fill it with assets and initiatives through the bulk history "
        "path, and time every list and count page at 2,000 and at --records records beside its floor. Used by "
        "make bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=100_000)

    def handle(self, *args, **options):
        if "ip_registry_ipasset" in connection.introspection.table_names():
            raise CommandError("pages_bench needs an empty database of its own (make bench sets one up).")
        results = Bench(options["records"], self.stdout.write).run()
        met = report(results, max(options["records"], 2_000), self.stdout.write)
        self.stdout.write("" if met else "Some pages are over their goal (NOT MET above).")
