from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from audit.context import Channel, acting_as, new_request_id


class AuditedCommand(BaseCommand):
    """A management command whose changes are recorded with an actor, the command channel and a reason.

    ``--actor USERNAME`` names the person running it; without it the changes are the system account's.
    """

    audit_reason = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--actor", help="Username recorded as the author of the changes.")
        parser.add_argument("--reason", help="Why the changes are made, kept in the history.")
        return parser

    def execute(self, *args, **options):
        actor = None
        if options.get("actor"):
            try:
                actor = get_user_model().objects.get(username=options["actor"], is_active=True)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No active user named {options['actor']!r}.") from None
        with acting_as(
            actor,
            channel=Channel.COMMAND,
            reason=options.get("reason") or self.audit_reason,
            request_id=new_request_id(),
            ip_address=None,
        ):
            return super().execute(*args, **options)
