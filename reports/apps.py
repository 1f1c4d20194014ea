from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo năm")

    def ready(self):
        from reports import home  # noqa: F401  (registers the home-page items)
