"""The app's models as the code had them after each of its migrations.

The upgrade tests migrate the app one step at a time and, like an operator deploying new code, put the
models of that step in the registry before writing through them.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from audit.canonical import forget_layouts
from audit.history import TrackedModel

APP = "upgrade_app"

# Each migration, and the kind of change it makes.
STEPS = (
    "0001_initial",                # a tracked model
    "0002_colour_and_grade",       # a nullable field, and a field with a default
    "0003_rename_name_to_title",   # a field renamed (RenameHistoricalField)
    "0004_widen_code_weight_grade",  # a length, decimal places and an integer type widened
    "0005_remove_noted_on",        # a field removed from the model (its history keeps the column)
    "0006_sample",                 # a new tracked model
    "0007_specimen_samples",       # a tracked many-to-many added
    "0008_backfill_colour",        # a data migration that fills a field of existing records
    "0009_narrow_weight",          # a field narrowed (its historical column keeps its width)
    "0010_retire_noted_on",        # a historical column dropped, its values kept in the trail first
)
LAST = len(STEPS)


def define(step: int, module: str = __name__) -> dict[str, type]:
    """Build the models as they were after migration ``step`` (1 to ``LAST``), by name."""

    def meta(**options):
        return type("Meta", (), {"app_label": APP, **options})

    built = {}
    if step >= 6:
        built["Sample"] = type("Sample", (TrackedModel,), {
            "__module__": module, "label": models.CharField(max_length=50), "Meta": meta(),
            "__str__": lambda self: self.label,
        })
    fields = {
        "__module__": module,
        "Meta": meta(db_table="upgrade_app_specimen"),
        "__str__": lambda self: getattr(self, "title", None) or getattr(self, "name", ""),
        ("title" if step >= 3 else "name"): models.CharField(max_length=50),
        "code": models.CharField(max_length=40 if step >= 4 else 10),
        "weight": (models.DecimalField(max_digits=8, decimal_places=1) if step >= 9
                   else models.DecimalField(max_digits=8, decimal_places=3) if step >= 4
                   else models.DecimalField(max_digits=6, decimal_places=2)),
    }
    retained = {}
    if step < 5:
        fields["noted_on"] = models.DateField("ngày ghi nhận", null=True, blank=True)
    elif step < 10:
        retained["noted_on"] = models.DateField("ngày ghi nhận", null=True, blank=True)
    if step >= 9:
        retained["weight"] = models.DecimalField(max_digits=8, decimal_places=3)
    fields["history_retained_fields"] = retained
    if step >= 2:
        fields["colour"] = models.CharField(max_length=20, null=True, blank=True)
        fields["grade"] = (models.BigIntegerField if step >= 4 else models.IntegerField)(default=0)
    if step >= 7:
        fields["samples"] = models.ManyToManyField(built["Sample"], blank=True, related_name="+")
        fields["_history_m2m_fields"] = ["samples"]
    built["Specimen"] = type("Specimen", (TrackedModel,), fields)
    return built


_original: dict[str, type] | None = None


def install(step: int) -> dict[str, type]:
    """Put the models of ``step`` in the registry, in place of the app's current ones (none at 0)."""
    global _original
    registered = apps.all_models[APP]
    if _original is None:
        _original = dict(registered)
    registered.clear()
    apps.clear_cache()
    forget_layouts()
    return define(step) if step else {}


def restore() -> None:
    """Put back the models the app was loaded with (those of the last step)."""
    if _original is None:
        return
    registered = apps.all_models[APP]
    registered.clear()
    registered.update(_original)
    apps.clear_cache()
    forget_layouts()
