import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone

from audit.commands import AuditedCommand
from reports.reminders import reminders_send


class Command(AuditedCommand):
    help = ("E-mail the reminders due today (unit reports 30, 7 and 1 days before their day; deadlines due "
            "within 7 days or overdue; base-level decisions coming due). Running it twice sends nothing twice.")
    audit_reason = "Gửi thư nhắc việc"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to send for (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"Not a date: {options['date']!r} (use YYYY-MM-DD).") from None
        sent = reminders_send(today=today)
        self.stdout.write(f"Reminders sent: {sent}")
