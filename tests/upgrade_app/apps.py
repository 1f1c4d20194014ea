from django.apps import AppConfig


class UpgradeAppConfig(AppConfig):
    """A small tracked model and its migrations, one kind of schema change each (tests only)."""

    name = "tests.upgrade_app"
    label = "upgrade_app"
