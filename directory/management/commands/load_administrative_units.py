from audit.commands import AuditedCommand
from directory import units
from directory.services import administrative_units_sync


class Command(AuditedCommand):
    help = (
        "Load or refresh the administrative units of former Bắc Giang and Bắc Ninh (30/06/2025), the province "
        "of 1 July 2025 and its communes, with GSO codes and the successions between them, from the official "
        "lists bundled with the vietnamadminunits package (read offline). Idempotent: a second run writes nothing."
    )
    audit_reason = "Nạp danh mục đơn vị hành chính"

    def handle(self, *args, **options):
        from audit.context import current

        data = units.read()
        loaded = administrative_units_sync(actor=current().resolve_actor(), data=data)
        if not loaded.changed:
            self.stdout.write(f"Administrative units already up to date ({data.source}, {len(data.units)} units).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Administrative units from {data.source}: {loaded.created} created, {loaded.updated} updated, "
            f"{loaded.successions} successions recorded."
        ))
