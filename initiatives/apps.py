from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_plans(sender, app_config=None, actor=None, **kwargs):
    # After every migrate (and test flush), and after the units are loaded: the plans name their provinces.
    if app_config is None or app_config.label == "initiatives":
        from initiatives.services import replication_plans_ensure

        replication_plans_ensure(actor=actor)


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Sáng kiến")

    def ready(self):
        from audit import masking
        from directory.signals import units_loaded
        from initiatives import access, home, importers  # noqa: F401  (register the home-page items, the imports)

        # Its confidential part stays out of the history of those who may not read it on the initiative.
        masking.register("initiatives.initiative", ["confidential_part"],
                         reads_all=access.reads_every_confidential_part, readable=access.confidential_readable)
        post_migrate.connect(_ensure_plans, dispatch_uid="initiatives_plans")
        units_loaded.connect(_ensure_plans, dispatch_uid="initiatives_plans_after_units")
