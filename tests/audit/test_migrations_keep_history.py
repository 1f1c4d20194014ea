"""No migration drops, narrows, renames or fills a historical column (or a column of the events) in
passing: each such change is an explicit operation of ``audit.operations`` with a reason, which records
it in the trail. And every migration that changes a historical table runs after the trail began to record
the tables' layouts, so the rows written before keep theirs."""

from __future__ import annotations

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

from audit.canonical import codec_of
from audit.operations import AlterHistoricalFields, PreserveHistoricalValues, RenameHistoricalField

LAYOUTS_RECORDED = ("audit", "0005_history_layouts")
CHECKED_APPS = {"audit", "directory", "ip_registry", "initiatives", "upgrade_app"}

# How many values an integer column can hold, smallest first (a sign constraint changes no value).
INTEGER_RANK = {"SmallIntegerField": 1, "PositiveSmallIntegerField": 1, "SmallAutoField": 1, "IntegerField": 2,
                "PositiveIntegerField": 2, "AutoField": 2, "BigIntegerField": 3, "PositiveBigIntegerField": 3,
                "BigAutoField": 3}


def guarded(app_label: str, model_name: str) -> bool:
    """A table whose rows the trail's digests cover: a historical table, or the events themselves."""
    name = model_name.lower()
    return name.startswith("historical") or (app_label, name) == ("audit", "auditevent")


def narrowing(old, new) -> str:
    """Why changing column ``old`` into ``new`` could change or refuse a value it holds ('' if it cannot)."""
    if old.null and not new.null:
        return "makes it NOT NULL"
    old_codec, new_codec = codec_of(old), codec_of(new)
    if old_codec.startswith("decimal") and new_codec.startswith("decimal"):
        old_places, new_places = old.decimal_places or 0, new.decimal_places or 0
        if new_places < old_places or (new.max_digits or 0) - new_places < (old.max_digits or 0) - old_places:
            return "takes decimal places or digits away"
        return ""
    if old_codec != new_codec:
        return f"turns its {old_codec} values into {new_codec}"
    old_type, new_type = old.get_internal_type(), new.get_internal_type()
    if old_type in INTEGER_RANK and new_type in INTEGER_RANK and INTEGER_RANK[new_type] < INTEGER_RANK[old_type]:
        return f"turns a {old_type} into a {new_type}"
    old_length, new_length = getattr(old, "max_length", None), getattr(new, "max_length", None)
    if new_length is not None and (old_length is None or new_length < old_length):
        return f"shortens it to {new_length} characters"
    return ""


def problems_in(app_label: str, migration, state) -> list[str]:
    """What a migration does to guarded tables without saying so. ``state`` is the project state before it."""
    found, preserved = [], set()
    where = f"{app_label}.{migration.name}"
    for operation in migration.operations:
        model_name = getattr(operation, "model_name", None) or getattr(operation, "name", "")
        if not guarded(app_label, model_name):
            operation.state_forwards(app_label, state)
            continue
        model_name = model_name.lower()
        fields = state.models[app_label, model_name].fields if (app_label, model_name) in state.models else {}
        if isinstance(operation, PreserveHistoricalValues):
            preserved.add((model_name, operation.name))
        elif isinstance(operation, RenameHistoricalField):
            pass
        elif isinstance(operation, migrations.RenameField):
            found.append(f"{where}: renames {model_name}.{operation.old_name} without RenameHistoricalField")
        elif isinstance(operation, migrations.RemoveField):
            if (model_name, operation.name) not in preserved:
                found.append(f"{where}: drops {model_name}.{operation.name} without PreserveHistoricalValues "
                             "(or keep it: history_retained_fields)")
        elif isinstance(operation, migrations.AddField):
            field = operation.field
            if not field.null or field.default is not NOT_PROVIDED or field.db_default is not NOT_PROVIDED:
                found.append(f"{where}: adds {model_name}.{operation.name} with a value for the rows written before")
        elif isinstance(operation, (migrations.AlterField, AlterHistoricalFields)):
            changes = (operation.fields if isinstance(operation, AlterHistoricalFields)
                       else [(operation.name, operation.field)])
            for name, field in changes:
                why = narrowing(fields[name], field) if name in fields else ""
                if why:
                    found.append(f"{where}: {model_name}.{name}: {why}; keep the historical column as it was "
                                 "(history_retained_fields)")
        elif isinstance(operation, (migrations.DeleteModel, migrations.RenameModel)):
            found.append(f"{where}: {type(operation).__name__} {model_name} takes a historical table away")
        operation.state_forwards(app_label, state)
    return found


def changes_guarded_tables(app_label: str, migration) -> bool:
    return any(guarded(app_label, getattr(operation, "model_name", None) or getattr(operation, "name", ""))
               and not isinstance(operation, migrations.CreateModel) for operation in migration.operations)


def test_no_migration_changes_a_historical_column_without_saying_so():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = []
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        if app_label in CHECKED_APPS:
            found += problems_in(app_label, migration, loader.project_state((app_label, name), at_end=False))
    assert found == []


def test_every_migration_that_changes_a_historical_table_runs_after_layouts_are_recorded():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    before = set(loader.graph.forwards_plan(LAYOUTS_RECORDED))
    late = [
        f"{app_label}.{name}" for (app_label, name), migration in sorted(loader.disk_migrations.items())
        if app_label in CHECKED_APPS and changes_guarded_tables(app_label, migration)
        and (app_label, name) not in before and LAYOUTS_RECORDED not in loader.graph.forwards_plan((app_label, name))
    ]
    assert late == [], f"add ('audit', '0005_history_layouts') to the dependencies of {late}"


# The rules themselves, on migrations as a developer might write them ------------------------------------

def check(*operations) -> list[str]:
    from django.db import models
    from django.db.migrations.state import ModelState, ProjectState

    state = ProjectState()
    state.add_model(ModelState("shop", "HistoricalItem", [
        ("history_id", models.AutoField(primary_key=True)),
        ("name", models.CharField(max_length=50, null=True)),
        ("price", models.DecimalField(max_digits=8, decimal_places=2, null=True)),
        ("count", models.BigIntegerField(null=True)),
    ]))
    migration = type("Migration", (migrations.Migration,), {"operations": list(operations)})("0002_change", "shop")
    return problems_in("shop", migration, state)


def test_dropping_a_historical_column_is_refused_unless_its_values_are_kept_first():
    from django.db import models  # noqa: F401

    drop = migrations.RemoveField("historicalitem", "name")
    assert check(drop) == ["shop.0002_change: drops historicalitem.name without PreserveHistoricalValues "
                           "(or keep it: history_retained_fields)"]
    assert check(PreserveHistoricalValues("historicalitem", "name", reason="Không dùng nữa."), drop) == []


def test_renaming_a_historical_column_needs_the_operation_that_records_it():
    assert len(check(migrations.RenameField("historicalitem", "name", "title"))) == 1
    assert check(RenameHistoricalField("historicalitem", "name", "title", reason="Thống nhất tên gọi.")) == []


def test_narrowing_is_refused_even_with_the_values_kept_and_widening_allowed():
    from django.db import models

    shorter = migrations.AlterField("historicalitem", "name", models.CharField(max_length=20, null=True))
    fewer_places = migrations.AlterField("historicalitem", "price",
                                         models.DecimalField(max_digits=8, decimal_places=1, null=True))
    smaller = migrations.AlterField("historicalitem", "count", models.IntegerField(null=True))
    not_null = migrations.AlterField("historicalitem", "name", models.CharField(max_length=50))
    retyped = migrations.AlterField("historicalitem", "name", models.IntegerField(null=True))
    for operation in (shorter, fewer_places, smaller, not_null, retyped):
        assert len(check(operation)) == 1, operation
        kept = PreserveHistoricalValues("historicalitem", operation.name, reason="Thu hẹp.")
        assert len(check(kept, operation)) == 1, operation  # the table would still hold the cut values
    wider = AlterHistoricalFields("historicalitem", [
        ("name", models.TextField(null=True)),
        ("price", models.DecimalField(max_digits=12, decimal_places=3, null=True)),
    ])
    assert check(wider) == []


def test_a_column_added_with_a_value_for_old_rows_is_refused():
    from django.db import models

    assert len(check(migrations.AddField("historicalitem", "colour", models.CharField(max_length=9, default="x")))) == 1
    assert check(migrations.AddField("historicalitem", "colour", models.CharField(max_length=9, null=True))) == []


def test_taking_a_historical_table_away_is_refused():
    assert len(check(migrations.DeleteModel("HistoricalItem"))) == 1
