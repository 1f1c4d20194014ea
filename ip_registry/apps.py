from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference_data(sender, app_config=None, **kwargs):
    # After every migrate (and test flush), and after the units are loaded (the targets' territory).
    if app_config is None or app_config.label == "ip_registry":
        from ip_registry.reference import ensure_reference_data

        ensure_reference_data()


class IpRegistryConfig(AppConfig):
    name = "ip_registry"
    verbose_name = _("Sở hữu trí tuệ")

    def ready(self):
        from ip_registry import home, importers, imports  # noqa: F401  (register the home-page items, the imports)

        from directory.signals import units_loaded

        post_migrate.connect(_ensure_reference_data, dispatch_uid="ip_registry_reference_data")
        units_loaded.connect(_ensure_reference_data, dispatch_uid="ip_registry_reference_after_units")
