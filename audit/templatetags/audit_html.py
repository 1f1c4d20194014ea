"""Template tags of the audit pages: the fragments of :mod:`audit.html`."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from audit import html
from directory import access

register = template.Library()


@register.simple_tag
def changes_table(changes):
    """The before/after table of a change's fields."""
    return html.changes_table(changes)


@register.simple_tag(takes_context=True)
def timeline_link(context, record, own=False):
    """A link to ``record``'s timeline in the audit log, for whoever may read it: those who read every record's
    history, and a unit officer on their own unit's record (``own``)."""
    user = context["request"].user
    if not (access.can_read_all_history(user) or (own and access.can_read_history(user))):
        return ""
    url = reverse("audit:timeline", args=[record._meta.label_lower, record.pk])
    return format_html('<a href="{}">{}</a>', url, _("Lịch sử thay đổi"))
