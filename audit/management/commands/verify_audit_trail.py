import sys
import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from audit.services import run_verification
from audit.verify import load_checkpoint


class Command(BaseCommand):
    help = (
        "Recompute the audit chain and cross-check every event against its historical row and every historical "
        "row against an event. Exits 0 when all holds, 1 otherwise, naming each break."
    )

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", help="A checkpoint file written by audit_checkpoint to check against.")
        parser.add_argument("--quiet", action="store_true", help="No progress lines.")

    def handle(self, *args, **options):
        checkpoint = None
        if options["checkpoint"]:
            try:
                checkpoint = load_checkpoint(options["checkpoint"])
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the checkpoint {options['checkpoint']}: {error}") from None
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if not options["quiet"]:
                self.stderr.write(f"  {done:,}/{total:,} events checked", ending="\r")

        try:
            report, _ = run_verification(checkpoint=checkpoint, progress=progress)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - started
        rate = report.events / elapsed if elapsed else 0
        if not options["quiet"]:
            self.stderr.write("")
        for item in report.breaks:
            self.stdout.write(str(item))
        summary = (f"{report.events:,} events and {report.rows:,} historical rows checked in {elapsed:.1f} s "
                   f"({rate:,.0f} events/s); head #{report.head_seq} {report.head_hash}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {summary}"))
            return
        self.stdout.write(self.style.ERROR(f"Audit trail BROKEN, {len(report.breaks)} break(s): {summary}"))
        sys.exit(1)
