import json

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from audit.verify import make_checkpoint


class Command(BaseCommand):
    help = (
        "Sign the head of the audit chain (sequence, hash, time) with AUDIT_CHECKPOINT_KEY, store it and print it "
        "as JSON for the auditors to keep outside the database; verify_audit_trail --checkpoint checks it later."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Also write the checkpoint to this file.")

    def handle(self, *args, **options):
        try:
            checkpoint = make_checkpoint()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        text = json.dumps(checkpoint, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        self.stdout.write(text)
