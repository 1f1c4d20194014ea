"""The upgrade that brought protection spans, stored search text and fixed decision due dates fills them for
the records already there, with history where the field is history's, and leaves the trail verifiable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit import triggers
from audit.models import AuditEvent, ImportBatch
from audit.upgrades import record_schema_change
from audit.verify import verify

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ip_registry", "0003_target_territory"), ("initiatives", "0003_plan_and_hand_over")]
D = dt.date


def migrate(targets):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    executor.migrate(targets, plan=plan)
    triggers.install(connection)  # what ``migrate`` does after its migrations
    record_schema_change(plan=plan, using=connection.alias)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def before_upgrade(units):
    state = migrate(BEFORE)
    try:
        yield state
    finally:
        migrate(executor_leaves())


def executor_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_existing_assets_and_initiatives_are_filled_and_the_trail_verifies(before_upgrade, units):
    state = before_upgrade
    Organisation = state.get_model("directory", "Organisation")
    IPAsset = state.get_model("ip_registry", "IPAsset")
    Application = state.get_model("ip_registry", "ProtectionApplication")
    Step = state.get_model("ip_registry", "ApplicationStep")
    Initiative = state.get_model("initiatives", "Initiative")
    officer = state.get_model("directory", "User").objects.create(username="officer")
    cooperative = Organisation.objects.create(name="Hợp tác xã Mỳ Chũ", kind="cooperative",
                                              unit_id=units["bg.luc-ngan"].pk)
    mark = IPAsset.objects.create(kind="collective_mark", name="Mỳ Chũ", owner=cooperative, grant_date=D(2016, 7, 1),
                                  valid_until=D(2025, 6, 10), certificate_number="VB-01")
    application = Application.objects.create(asset=mark, kind="registration", applicant=cooperative,
                                             application_number="4-2015-01234", filing_date=D(2015, 6, 10),
                                             status="granted")
    for previous, status, on in (("preparing", "filed", D(2015, 6, 10)), ("filed", "accepted", D(2015, 7, 1)),
                                 ("accepted", "published", D(2015, 9, 1)),
                                 ("published", "intended_grant", D(2016, 4, 1)),
                                 ("intended_grant", "granted", D(2016, 7, 1))):
        Step.objects.create(application=application, from_status=previous, to_status=status, on=on,
                            recorded_by=officer)
    initiative = Initiative.objects.create(
        title="Máy tách hạt vải thiều Lục Ngạn", field="agriculture", organisation=cooperative,
        filed_on=D(2024, 3, 1), first_applied_on=D(2023, 9, 1), description="Tách hạt nhanh.",
        status="registered", registered_on=D(2024, 3, 8), first_application_ended_on=D(2024, 5, 1))

    migrate(executor_leaves())

    from initiatives.models import Initiative as NowInitiative
    from ip_registry.models import IPAsset as NowAsset
    from ip_registry.models import ProtectionSpan
    from ip_registry.selectors import with_status

    spans = list(ProtectionSpan.objects.filter(asset_id=mark.pk).values_list(
        "starts_on", "ends_on", "basis", "term_ends_on", "grace_until", "kind", "organisation_id"))
    assert spans == [(D(2016, 7, 1), None, "protected", D(2025, 6, 10), D(2025, 12, 10), "collective_mark",
                      cooperative.pk)]
    assert with_status(NowAsset.objects.filter(pk=mark.pk), D(2025, 7, 1)).get().status == "grace_period"
    # The spans and the due date came with their history, under a batch naming the migration.
    span_event = AuditEvent.objects.get(model="ip_registry.protectionspan")
    assert ImportBatch.objects.get(pk=span_event.batch_id).file_name == "ip_registry.0005_fill_spans_and_search"
    filled = NowInitiative.objects.get(pk=initiative.pk)
    assert filled.base_decision_due == D(2024, 8, 1)  # three months from the end of the first application
    assert filled.history.latest().base_decision_due == D(2024, 8, 1)
    # The searches read the folded text of the records from before.
    assert NowAsset.objects.get(pk=mark.pk).search_text.startswith("my chu")
    assert "luc ngan" in filled.search_text
    assert verify().ok
