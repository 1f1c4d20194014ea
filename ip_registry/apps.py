from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpRegistryConfig(AppConfig):
    name = "ip_registry"
    verbose_name = _("Sở hữu trí tuệ")
