from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.import_bench import ImportBench


class Command(BaseCommand):
    help = (
        "Migrate this empty, throw-away database and import --rows IP assets and --rows growing-area codes "
        "through the project's import and through a default django-import-export ModelResource, side by side. "
        "Used by make bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=50_000)

    def handle(self, *args, **options):
        if "ip_registry_ipasset" in connection.introspection.table_names():
            raise CommandError("imports_bench needs an empty database of its own (make bench sets one up).")
        met = ImportBench(options["rows"], self.stdout.write).run()
        self.stdout.write("" if met else "An import is under its goal (NOT MET above).")
