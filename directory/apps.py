from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Danh mục")

    def ready(self):
        from directory import home  # noqa: F401  (registers the home-page items)


class SiteAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site that asks the role predicates instead of is_staff."""

    default = False
    default_site = "directory.admin_site.SiteAdmin"
