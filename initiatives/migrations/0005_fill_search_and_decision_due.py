"""Existing initiatives get the folded text their list searches (derived, not in the history), and the due
date of their base-level decision fixed as the rule gives it today (with history, under a batch naming this
migration); and the index the search reads (a trigram index on PostgreSQL)."""

from django.db import migrations

from directory.search import AddSearchIndex

MIGRATION = "initiatives.0005_fill_search_and_decision_due"


def fill(apps, schema_editor):
    from audit.upgrades import backfill
    from directory.search import refresh_search
    from initiatives.models import base_decision_due

    Initiative = apps.get_model("initiatives", "Initiative")
    initiatives = Initiative._base_manager.using(schema_editor.connection.alias).order_by("pk")
    refresh_search(initiatives.select_related("organisation").iterator(chunk_size=1000))

    def due(initiative):
        if initiative.registered_on is None:
            return None
        return {"base_decision_due": base_decision_due(initiative.registered_on, initiative.first_application_ended_on)}

    backfill(apps, schema_editor, model="initiatives.Initiative", migration=MIGRATION, compute=due,
             queryset=initiatives.filter(registered_on__isnull=False),
             reason="Hạn quyết định công nhận cấp cơ sở được ghi cố định theo ngày tiếp nhận.")


class Migration(migrations.Migration):
    # The due dates count the days off: the calendar is seeded first.
    dependencies = [("initiatives", "0004_search_and_decision_due"), ("directory", "0006_calendar")]

    # The index first: on PostgreSQL an index cannot be built in a transaction with row changes pending.
    operations = [
        AddSearchIndex("initiative", "search_text", "initiative_search_idx", order=("-filed_on", "-id")),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
