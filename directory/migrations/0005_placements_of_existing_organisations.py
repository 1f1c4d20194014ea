"""Every organisation gets the span of its unit so far: open at both ends until it is moved or ends."""

from django.db import migrations

MIGRATION = "directory.0005_placements_of_existing_organisations"


def place(apps, schema_editor):
    from audit.upgrades import backfill_create

    Organisation = apps.get_model("directory", "Organisation")
    OrganisationPlacement = apps.get_model("directory", "OrganisationPlacement")
    placed = OrganisationPlacement.objects.values("organisation")
    backfill_create(
        apps, schema_editor, model="directory.OrganisationPlacement", migration=MIGRATION,
        reason="Địa bàn của tổ chức được ghi theo thời gian: khoảng hiện có của mỗi tổ chức.",
        records=[OrganisationPlacement(organisation_id=pk, unit_id=unit_id, valid_to=ended_on)
                 for pk, unit_id, ended_on in Organisation.objects.exclude(pk__in=placed).order_by("pk")
                 .values_list("pk", "unit_id", "ended_on")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_history_layouts"),
        ("directory", "0004_units_gso_township_placements"),
    ]

    operations = [migrations.RunPython(place, migrations.RunPython.noop)]
