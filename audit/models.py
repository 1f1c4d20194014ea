from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.context import Channel


class HistoricalAuditFields(models.Model):
    """Columns every historical table carries beside simple-history's own (who, when, what, why)."""

    history_ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    history_channel = models.CharField(
        _("kênh"), max_length=16, choices=Channel.choices, default=Channel.COMMAND
    )
    history_request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True, default="")

    class Meta:
        abstract = True
