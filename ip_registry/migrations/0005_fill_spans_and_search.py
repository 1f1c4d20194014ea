"""Existing assets get their protection spans (with history, under a batch naming this migration) and the
folded text their list searches (derived, not in the history), and the index the search reads (a trigram
index on PostgreSQL)."""

from django.db import migrations
from django.db.models import Prefetch

from directory.search import AddSearchIndex

MIGRATION = "ip_registry.0005_fill_spans_and_search"


def fill(apps, schema_editor):
    from audit.upgrades import backfill_create
    from directory.search import refresh_search
    from ip_registry.workflow import protection_timeline

    IPAsset = apps.get_model("ip_registry", "IPAsset")
    ProtectionApplication = apps.get_model("ip_registry", "ProtectionApplication")
    ApplicationStep = apps.get_model("ip_registry", "ApplicationStep")
    ProtectionSpan = apps.get_model("ip_registry", "ProtectionSpan")
    using = schema_editor.connection.alias

    assets = IPAsset._base_manager.using(using).order_by("pk")
    refresh_search(assets.select_related("product", "owner", "managing_organisation").iterator(chunk_size=1000))

    steps = ApplicationStep._base_manager.using(using).order_by("on", "pk")
    applications = ProtectionApplication._base_manager.using(using).prefetch_related(Prefetch("steps", queryset=steps))
    spans = [
        ProtectionSpan(asset_id=asset.pk, starts_on=start, ends_on=end, basis=protection.basis,
                       term_ends_on=protection.term_ends_on, renewal_from=protection.renewal_from,
                       grace_until=protection.grace_until, renewal_pending=protection.renewal_pending,
                       kind=asset.kind, organisation_id=protection.organisation_id)
        for asset in assets.prefetch_related(Prefetch("applications", queryset=applications)).iterator(chunk_size=500)
        for start, end, protection in protection_timeline(asset)
    ]
    backfill_create(apps, schema_editor, model="ip_registry.ProtectionSpan", migration=MIGRATION, records=spans,
                    reason="Diễn biến bảo hộ của mỗi tài sản được ghi lại từ các đơn và bước xử lý đã có.")


class Migration(migrations.Migration):
    dependencies = [("ip_registry", "0004_spans_search_and_legal_rules")]

    # The index first: on PostgreSQL an index cannot be built in a transaction with row changes pending.
    operations = [
        AddSearchIndex("ipasset", "search_text", "asset_search_idx", order=("kind", "name", "id")),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
