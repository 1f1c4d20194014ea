"""The IP registry's items for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from directory import access
from directory.attention import AttentionItem, register
from ip_registry.selectors import DUE_SOON_DAYS, Due, deadlines_due


@register
def ip_attention(user) -> list[AttentionItem]:
    if not access.is_ip_officer(user):
        return []
    # The two halves of the "due soon" list, counted as the list counts them, each a link to its own half: what
    # is late is not mixed with what is coming.
    halves = deadlines_due(user=user).by_due
    overdue, soon = halves[Due.OVERDUE], halves[Due.UPCOMING]
    url = reverse("ip:deadlines")
    items = []
    if overdue:
        items.append(AttentionItem(title=_("Thời hạn đã quá"), count=overdue, url=f"{url}?due={Due.OVERDUE.value}",
                                   level="danger"))
    if soon:
        items.append(AttentionItem(title=_("Thời hạn sắp đến trong %(days)s ngày tới") % {"days": DUE_SOON_DAYS},
                                   count=soon, url=f"{url}?due={Due.UPCOMING.value}", level="warning"))
    return items
