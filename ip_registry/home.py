"""The IP registry's items for the home page."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import access
from directory.attention import AttentionItem, register
from ip_registry.selectors import live_deadlines


@register
def ip_attention(user) -> list[AttentionItem]:
    if not access.is_ip_officer(user):
        return []
    today = timezone.localdate()
    open_deadlines = live_deadlines(on=today)
    overdue = open_deadlines.filter(due_date__lt=today).count()
    soon = open_deadlines.filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=30)).count()
    items = []
    if overdue:
        items.append(AttentionItem(title=_("Thời hạn đã quá"), count=overdue, url=reverse("ip:deadlines"),
                                   level="danger"))
    if soon:
        items.append(AttentionItem(title=_("Thời hạn trong 30 ngày tới"), count=soon, url=reverse("ip:deadlines"),
                                   level="warning"))
    return items
