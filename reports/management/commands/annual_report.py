from pathlib import Path

from django.core.management.base import CommandError

from audit.commands import AuditedCommand
from directory.models import AdministrativeUnit
from reports.selectors import years
from reports.services import report_file, report_for


class Command(AuditedCommand):
    help = ("Write a year's report as the pages do: a unit's (--unit CODE) or, without --unit, the province's; "
            "as submitted if it was, else from the records. Logged as an export in the audit trail.")
    audit_reason = "Xuất báo cáo năm"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="The unit's code (e.g. bn.phuong-son); none: the province.")
        parser.add_argument("--format", choices=["xlsx", "pdf"], required=True)
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        if options["year"] not in years():
            raise CommandError(f"No report for {options['year']}: years {min(years())}–{max(years())}.")
        unit = None
        if options["unit"]:
            unit = AdministrativeUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with code {options['unit']!r}.")
        report = report_for(year=options["year"], unit=unit)
        content, _name = report_file(actor=None, report=report, fmt=options["format"])
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"{options['output']}: {len(content)} bytes")
