from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Sáng kiến")

    def ready(self):
        from initiatives import home  # noqa: F401  (registers the home-page items)
