from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_calendar(sender, app_config=None, **kwargs):
    # After every migrate (and test flush): the days off of the years the package knows, missing ones only.
    if app_config is None or app_config.label == "directory":
        from directory.calendar import calendar_ensure

        calendar_ensure()


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Danh mục")

    def ready(self):
        from django.db.backends.signals import connection_created

        from directory import home, importers, sign_in  # noqa: F401  (the home-page items, the imports, sign-in events)
        from directory.search import connect_search_sources, register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="directory_sqlite_fold")
        connect_search_sources()
        post_migrate.connect(_ensure_calendar, dispatch_uid="directory_calendar")


class SiteAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site that asks the role predicates instead of is_staff."""

    default = False
    default_site = "directory.admin_site.SiteAdmin"
